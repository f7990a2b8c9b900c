"""Start new content from the schemas: the contributor templates, and case studies written from answers.

The templates (``case_studies/_template.md`` and ``framework/roles/_template.md``) are rendered
field by field from the pydantic schemas, with each field's description, so they list exactly what
the validator accepts; a test fails when a committed template differs from what this module renders
(``python scripts/new_case_study.py --write-templates`` rewrites them). A new case study, from the
``new_case_study.py`` questions or from an issue form, is checked against the same schema before
anything is written, written by the same renderer, and never replaces an existing file.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import schemas
from .content_types import CASE_STUDY, ROLE, ContentType
from .catalogue import Catalogue
from .loader import MAX_FILE_BYTES, RawDocument
from .problems import Problem, summary_line
from .routes import reserved_path_problems
from .validation import schema_problems, validate_content
from .vocabulary import Vocabulary, match_key, slugify

COMMENT_WIDTH = 100
FIELD_REFERENCE = "the field reference page (Contribute > Field reference)"


@dataclass(frozen=True)
class Section:
    """A heading of a case study's body, with what to write under it."""

    heading: str
    guidance: str

    @property
    def key(self) -> str:
        """The section's id in the issue form: 'What changed' -> 'what-changed'."""
        return slugify(self.heading)


CASE_STUDY_SECTIONS = (
    Section("Background", "What was the situation, and why did you act? Who was involved?"),
    Section("Approach", "What did you do, step by step? Who led it, and how were leaders from every profession involved?"),
    Section("What changed", "What difference did it make? Give figures where the source has them."),
    Section("Challenges", "What was hard, and how did you deal with it?"),
    Section("Lessons", "What would you tell another integrated care system starting the same work?"),
    Section("Next steps", "What happens next?"),
)


@dataclass(frozen=True)
class Template:
    """A contributor template: where it lives, how to use it, and the body it starts with."""

    content_type: ContentType
    path: str  # relative to the content root; names starting with '_' are not content
    how_to_use: str
    body: str
    later_fields: tuple[str, ...] = ()  # only used when a published entry changes: listed last


def sections_markdown(sections: list[tuple[str, str]]) -> str:
    """A body of '## Heading' sections, in order, each with its text."""
    return "\n".join(f"## {heading}\n\n{text.strip()}\n" for heading, text in sections)


CASE_STUDY_TEMPLATE = Template(
    CASE_STUDY,
    f"{CASE_STUDY.folder}/_template.md",
    "Save a copy as case_studies/<name>.md, where <name> is the title in lowercase words joined by "
    "hyphens (it becomes the page's web address), for example "
    "case_studies/gloucestershire-committing-to-discovery.md. Or run `make case-study`, which asks "
    "for the answers and writes the file for you.",
    sections_markdown([(s.heading, f"<!-- {s.guidance} Delete this section if you have nothing for it. -->")
                       for s in CASE_STUDY_SECTIONS]),
    later_fields=("history", "reviewed", "status", "withdrawn_date", "withdrawn_reason", "redirect_from"),
)
ROLE_TEMPLATE = Template(
    ROLE,
    f"{ROLE.folder}/_template.md",
    "Save a copy as framework/roles/<area>/<name>.md: <area> is the ICS's name (or, for a regional "
    "role, the region's) in lowercase words joined by hyphens, such as framework/roles/gloucestershire/, "
    "and <name> is the role's title written the same way.",
    "<!-- What the role does, who it works with and how it is appointed, as the source describes it. "
    "Write 1 or 2 short paragraphs. -->\n",
    later_fields=("redirect_from",),
)
TEMPLATES = (CASE_STUDY_TEMPLATE, ROLE_TEMPLATE)


def yaml_value(value: Any) -> str:
    """One value as YAML that reads back as exactly this value, in the style of the content files."""
    if isinstance(value, (date, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    text = str(value)
    if text == slugify(text) and yaml.safe_load(text) == text:  # a plain slug: no quotes needed
        return text
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")


def render_frontmatter(model: type[schemas.Schema], values: dict[str, Any]) -> str:
    """Frontmatter lines for the given values, in the schema's field order; empty values are left out."""
    lines = []
    for name in model.model_fields:
        value = values.get(name)
        if value is None or value == [] or value == "":
            continue
        if isinstance(value, dict):
            lines.append(f"{name}:")
            lines += [f"  {key}: {yaml_value(item)}" for key, item in value.items() if item not in (None, "")]
        else:
            lines.append(f"{name}: {yaml_value(value)}")
    return "\n".join(lines) + "\n"


def render_entry(model: type[schemas.Schema], values: dict[str, Any], body: str) -> str:
    """A whole content file: frontmatter, then the Markdown body."""
    return f"---\n{render_frontmatter(model, values)}---\n{body}"


def render_template(template: Template) -> str:
    """The template file's text, generated from the schema of its content type."""
    schema = template.content_type.model.model_json_schema()
    required = set(schema.get("required", []))
    definitions = schema.get("$defs", {})
    label = template.content_type.label
    introduction = (
        f"This is the template for a {label}. {template.how_to_use} Fill in each field after its "
        "colon and put text in double quotes (\"like this\"). Lines starting with # are notes for you: "
        "they never appear on the site, and you can delete them. Fields marked Optional can be "
        f"deleted. Every field is explained on {FIELD_REFERENCE}."
    )
    blocks = [_comment(introduction)]
    for name, spec in schema["properties"].items():
        if name not in template.later_fields:
            blocks.append(_field_block(name, spec, name in required, definitions))
    if template.later_fields:
        blocks.append(_comment(f"The fields below are only for when a published {label} changes later. "
                               "Leave them as they are in a new one."))
        blocks += [_field_block(name, schema["properties"][name], False, definitions)
                   for name in template.later_fields]
    return "---\n" + "\n\n".join(blocks) + "\n---\n" + template.body


def _comment(text: str, prefix: str = "# ") -> str:
    return "\n".join(textwrap.wrap(text, COMMENT_WIDTH, initial_indent=prefix,
                                   subsequent_indent=prefix if prefix == "# " else "#     ",
                                   break_on_hyphens=False, break_long_words=False))


def _options(spec: dict) -> dict:
    """The schema of a field's value, looking through 'optional' (anyOf with null)."""
    for option in spec.get("anyOf", [spec]):
        if option.get("type") != "null":
            return option
    return spec


def _describe(spec: dict, required: bool) -> str:
    value = _options(spec)
    parts = ["Required." if required else "Optional.", spec.get("description", "")]
    limit = value.get("maxLength") or value.get("maxItems")
    if limit and str(limit) not in parts[1]:
        parts.append(f"At most {limit} {'characters' if 'maxLength' in value else 'entries'}.")
    if "enum" in value:
        parts.append("One of: " + ", ".join(value["enum"]) + ".")
    if "vocabulary" in spec or "vocabulary" in value:
        parts.append(f"The allowed values are listed on {FIELD_REFERENCE}.")
    return " ".join(p for p in parts if p)


def _field_block(name: str, spec: dict, required: bool, definitions: dict) -> str:
    """A template field: what it holds, an example, and the key with an empty value to fill in."""
    lines = [_comment(_describe(spec, required))]
    value = _options(spec)
    if spec.get("examples"):
        example = spec["examples"][0]  # JSON Schema gives dates as text: show them as a content file has them
        shown = example if value.get("format") == "date" else yaml_value(example)
        lines.append(_comment(f"For example: {name}: {shown}"))
    nested_ref = (value.get("items") or value).get("$ref", "")
    if nested_ref:
        nested_name = nested_ref.rsplit("/", 1)[-1]
        nested = definitions[nested_name]
        if nested_name == schemas.SourceCitation.__name__:
            lines.append(_comment("Write a web address or a citation in quotes after the colon. Or, to name "
                                  "a source document, write these fields on the lines below it, each "
                                  "indented by 2 spaces:"))
        elif value.get("type") == "array":
            lines.append(_comment("Write each entry on the lines below it: its first field after '  - ', the "
                                  "others under it, indented by 4 spaces:"))
        else:
            lines.append(_comment("Write these fields on the lines below it, each indented by 2 spaces:"))
        nested_required = set(nested.get("required", []))
        for sub_name, sub_spec in nested["properties"].items():
            example = f" For example: {yaml_value(sub_spec['examples'][0])}" if sub_spec.get("examples") else ""
            lines.append(_comment(f"{sub_name}: {_describe(sub_spec, sub_name in nested_required)}{example}",
                                  "#   "))
        lines.append(f"{name}:")
    elif value.get("type") == "array":
        lines.append(f"{name}: []")
    else:
        lines.append(f"{name}:")
    return "\n".join(lines)


def draft_problems(content_type: ContentType, values: dict[str, Any], vocabulary: Vocabulary,
                   path: str) -> list[Problem]:
    """What the validator would say about a draft's fields, before anything is written."""
    try:
        content_type.model.model_validate(values, context={"vocabulary": vocabulary})
    except ValidationError as error:
        return schema_problems(error, RawDocument(path, values), content_type)
    return []


def field_messages(problems: list[Problem], field: str) -> list[str]:
    """The messages about one field (and its entries) among a draft's problems.

    Each message names the value it is about, so it reads well after the question or flag it answers.
    """
    return [p.message for p in problems
            if p.field == field or p.field.startswith((f"{field}.", f"{field},"))]


def theme_slugs(given: list[str], vocabulary: Vocabulary) -> list[str]:
    """Themes given by slug or by label, as slugs.

    An unknown theme is kept as typed, so the schema can say so and suggest the closest one.
    """
    by_label = {match_key(term.label): slug for slug, term in vocabulary.themes.items()}
    themes = [part.strip() for part in given if part.strip()]
    return [theme if theme in vocabulary.themes else by_label.get(match_key(theme), theme) for theme in themes]


def complete_region(values: dict[str, Any], vocabulary: Vocabulary) -> None:
    """Write the ICS by its short name and fill in its region, as the published files do."""
    ics = vocabulary.find_ics(values["ics"]) if values.get("ics") else None
    if ics is not None:
        values["ics"] = ics.short_name
        values["region"] = values.get("region") or ics.region


def case_study_path(root: Path, slug: str) -> Path:
    return root / CASE_STUDY.folder / f"{slug}.md"


def slug_problem(root: Path, slug: str) -> str | None:
    """Why a case study cannot be written under this slug, if it cannot: not a slug, already taken,
    or the address of a page the hub generates (a title "Index", in any letters, gives 'index')."""
    if slug != slugify(slug) or not slug:
        return (f"'{slug}' must be lowercase words joined by hyphens, such as "
                f"'{slugify(slug) or 'my-case-study'}' (it becomes the page's web address)")
    path = case_study_path(root, slug)
    if path.exists():
        return (f"{path.relative_to(root).as_posix()} already exists, and this never replaces a file; "
                "choose another name (or edit that file instead)")
    catalogue = Catalogue(validate_content(root))
    reserved = reserved_path_problems([(CASE_STUDY, path.relative_to(root).as_posix())], catalogue, root / "docs")
    return reserved[0].message if reserved else None


def size_problem(text: str) -> str | None:
    """A file the validator would refuse for its size is refused before anything is written."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return (f"the case study would be {size // 1024} KiB; a content file may be at most "
                f"{MAX_FILE_BYTES // 1024} KiB: shorten the longest answers, or link to long material")
    return None


def write_case_study(root: Path, slug: str, values: dict[str, Any], body: str) -> int:
    """Write a new case study, validate it with the rest of the content, and say what happened.

    Never replaces an existing file, never writes one the validator would refuse for its size.
    Returns the exit code: 0 when the file was written and is valid.
    """
    path = case_study_path(root, slug)
    rel = path.relative_to(root).as_posix()
    text = render_entry(CASE_STUDY.model, values, body)
    too_big = size_problem(text)
    if too_big:
        print(f"{rel}: {too_big}. Nothing was written.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": fails if the file exists
            handle.write(text)
    except FileExistsError:
        print(f"{rel} already exists, and this never replaces a file. Nothing was written.")
        return 1
    result = validate_content(root, [path])
    print(f"Wrote {rel}.", *map(str, result.problems), summary_line(result.problems, result.files_checked), sep="\n")
    return 1 if result.problems else 0
