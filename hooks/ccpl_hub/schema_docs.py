"""What the schemas say about themselves: the field reference page and the exported JSON Schema.

Both read the pydantic models in ``schemas`` and fill in the allowed values of vocabulary fields
(regions, ICSs, themes...) from the data files, so neither can drift from what validation accepts.
"""

from __future__ import annotations

import copy
import html
import typing
from datetime import date
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .catalogue import TERM_ROUTES
from .content_types import ContentType
from .routes import FIELDS, source_link
from .dates import SourceDate
from .escaping import markdown_code
from .vocabulary import Vocabulary


def vocabulary_values(vocabulary: Vocabulary, name: str) -> list[str]:
    if name == "icss":
        return sorted(vocabulary.icss)
    if name == "regions":
        return sorted(vocabulary.regions)
    if name == "sources":
        return list(vocabulary.sources)
    return sorted(getattr(vocabulary, name))


def _literal_values(annotation: Any) -> list[str]:
    """The choices of a Literal field, looking through Optional, Annotated and lists."""
    origin = get_origin(annotation)
    if origin is Literal:
        return [str(a) for a in get_args(annotation)]
    return [v for arg in get_args(annotation) for v in _literal_values(arg)]


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found:
            return found
    return None


def _types_in(annotation: Any) -> set:
    """Every type named in an annotation, looking through Optional, Annotated and generics."""
    found = {annotation, get_origin(annotation)}
    for arg in get_args(annotation):
        found |= _types_in(arg)
    return found


def _type_label(annotation: Any) -> str:
    types = _types_in(annotation)
    if SourceDate in types:
        return "date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)"
    if date in types:
        return "date (YYYY-MM-DD)"
    if dict in types:
        return "mapping (name: value)"
    if list in types:
        return "list"
    if int in types:
        return "whole number"
    if _nested_model(annotation):
        return "fields"
    return "text"


def _allowed(field: FieldInfo, vocabulary: Vocabulary) -> str:
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    name = extra.get("vocabulary")
    if name == "icss":
        return "an ICS short name, alias or ICB ONS code (see the [ICS list](" + source_link(FIELDS, TERM_ROUTES["ics"][1]) + ") and the reference data)"
    # Vocabulary values are data anyone can propose: a backtick or '<' in one stays in its code span.
    values = vocabulary_values(vocabulary, name) if name else _literal_values(field.annotation)
    return ", ".join(markdown_code(v) for v in values)  # a '|' in a code span does not end the table cell


def _rows(model: type[BaseModel], vocabulary: Vocabulary, prefix: str = "") -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        required = "required" if field.is_required() else "optional"
        allowed = _allowed(field, vocabulary)
        # Plain text in a Markdown table: "<year>" in a description must not become an HTML tag.
        description = html.escape(field.description or "", quote=False).replace("|", "\\|")
        if allowed:
            description += f" Allowed: {allowed}."
        rows.append(f"| `{prefix}{name}` | {_type_label(field.annotation)} | {required} | {description} |")
        nested = _nested_model(field.annotation)
        if nested:
            rows.extend(_rows(nested, vocabulary, prefix=f"{prefix}{name}."))
    return rows


def field_reference(content_types: typing.Iterable[ContentType], vocabulary: Vocabulary) -> str:
    """The contributor docs' field reference page, generated from the schemas."""
    lines = [
        "# Field reference",
        "",
        "Every field a content file may have, generated from the schemas the validator uses. "
        "A field that is not listed here is an error, so a typo such as `principals` is caught. "
        "Nested fields are written with a dot: `source.section` is the `section` inside `source`.",
        "{ .ccpl-lead }",
        "",
    ]
    for content_type in content_types:
        lines += [
            f"## {content_type.label.capitalize()}",
            "",
            f"Files: `{content_type.folder}/{content_type.glob}`. "
            f"JSON Schema: [`{content_type.key}.schema.json`](../data/schemas/{content_type.key}.schema.json).",
            "",
            (content_type.model.__doc__ or "").strip(),
            "",
            "| Field | Type | Required | What it holds |",
            "|---|---|---|---|",
            *_rows(content_type.model, vocabulary),
            "",
        ]
    return "\n".join(lines)


def json_schema(content_type: ContentType, vocabulary: Vocabulary, site_url: str = "") -> dict:
    """The JSON Schema of a content type's frontmatter, with vocabulary values as enums."""
    schema = copy.deepcopy(content_type.model.model_json_schema(mode="validation"))
    _fill_vocabularies(schema, vocabulary)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if site_url:
        schema["$id"] = f"{site_url.rstrip('/')}/data/schemas/{content_type.key}.schema.json"
    schema["title"] = f"CCPL hub {content_type.label}"
    return schema


def _fill_vocabularies(node: Any, vocabulary: Vocabulary) -> None:
    if isinstance(node, dict):
        name = node.pop("vocabulary", None)
        if name and name != "icss":  # ICS names accept aliases and codes: an enum would be wrong
            values = vocabulary_values(vocabulary, name)
            target = node.get("items", node) if node.get("type") == "array" else node
            for option in target.get("anyOf", [target]):
                if option.get("type") == "string":
                    option["enum"] = values
        for value in node.values():
            _fill_vocabularies(value, vocabulary)
    elif isinstance(node, list):
        for value in node:
            _fill_vocabularies(value, vocabulary)
