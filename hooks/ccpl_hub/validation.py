"""Validate every content file against its schema and the others; collect every problem in one run.

One bad file never hides another's problems: each file is loaded and checked on its own, and the
cross-reference checks run over every record that passed its own schema.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import get_args

from pydantic import ValidationError
from pydantic_core.core_schema import ErrorType

from . import schemas
from .catalogue import Catalogue
from .content_types import (CASE_STUDY, CONCLUSION, CONTENT_TYPES, DIVERSITY, FRAMEWORK, PRINCIPLE, RESEARCH, ROLE,
                            WORKSHOP, ContentType, Entry, discover)
from .loader import RawDocument, dotted_path
from .markdown_config import SiteMarkdown
from .problems import Problem
from .permalinks import published_url_problems
from .routes import reserved_path_problems, urls_depending_on
from .sanitise import body_changes
from .vocabulary import (REFERENCE_DIR, REFERENCE_FILES, VOCABULARY_DIR, VOCABULARY_FILES, Vocabulary, load_vocabulary,
                         slugify, suggest)


@dataclass
class ValidationResult:
    vocabulary: Vocabulary
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # by content type key
    slugs: dict[str, set[str]] = field(default_factory=dict)  # every file's slug, valid or not, by type key
    files: list[tuple[ContentType, str]] = field(default_factory=list)  # every content file, valid or not
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class ContentCache:
    """What each file validated to, kept between the builds of one process (the live preview).

    A file whose size and times are those of the last build is not read again: it keeps its result,
    the same ``Entry`` object, so later stages can tell an unchanged record by identity. Every file's
    result depends on the vocabularies too, so a change to any of them validates every file again.
    The checks across files (cross-references, reserved and published addresses) run every build.
    """

    def __init__(self):
        self._vocabulary: tuple[tuple, tuple[Vocabulary, list[Problem]]] | None = None
        self._files: dict[Path, tuple[tuple, Vocabulary, tuple[Entry | None, list[Problem]]]] = {}

    def vocabulary(self, root: Path) -> tuple[Vocabulary, list[Problem]]:
        key = tuple(_stamp(root / folder / name) for folder, names in ((VOCABULARY_DIR, VOCABULARY_FILES),
                                                                         (REFERENCE_DIR, REFERENCE_FILES))
                    for name in names)
        if self._vocabulary is None or self._vocabulary[0] != key:
            self._vocabulary = key, load_vocabulary(root)
        return self._vocabulary[1]

    def validated(self, root: Path, path: Path, content_type: ContentType, vocabulary: Vocabulary):
        key = _stamp(path)
        kept = self._files.get(path)
        if kept is None or kept[0] != key or kept[1] is not vocabulary:
            kept = self._files[path] = key, vocabulary, _validate_file(root, path, content_type, vocabulary)
        return kept[2]


def _stamp(path: Path) -> tuple | None:
    """What changes when a file is written, renamed over or replaced (None: no such file)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino


def validate_content(root: Path, only: list[Path] | None = None, cache: ContentCache | None = None) -> ValidationResult:
    """Load and check all content under ``root``; ``only`` limits which files' problems are reported.

    Cross-references need the whole corpus, so every file is always loaded; problems in the
    vocabularies are always reported, since every file depends on them. A ``cache`` (the live
    preview's) keeps what unchanged files validated to.
    """
    root = root.resolve()
    vocabulary, vocabulary_problems = cache.vocabulary(root) if cache else load_vocabulary(root)
    result = ValidationResult(vocabulary, problems=list(vocabulary_problems))
    discovery = discover(root)
    result.problems.extend(discovery.problems)
    result.files_checked = len({p.path for p in discovery.problems})
    for content_type in CONTENT_TYPES:
        result.entries[content_type.key] = []
        result.slugs[content_type.key] = set()
        for path in discovery.files[content_type.key]:
            result.slugs[content_type.key].add(path.stem)
            result.files.append((content_type, _relative(root, path)))
            result.files_checked += 1
            entry, file_problems = (cache.validated if cache else _validate_file)(root, path, content_type, vocabulary)
            result.problems.extend(file_problems)
            if entry is not None:
                result.entries[content_type.key].append(entry)
    result.problems.extend(check_cross_references(result))
    catalogue = Catalogue(result)  # of what is valid so far: generated paths are known before rendering
    result.problems.extend(reserved_path_problems(result.files, catalogue, root / "docs"))
    if only is None:  # the published URLs need the whole site
        invalid = {p.path for p in result.problems}
        unsure = tuple(u for t, rel in result.files if rel in invalid for u in urls_depending_on(t, rel))
        result.problems.extend(published_url_problems(root, catalogue, unsure))
    if only is not None:
        wanted = {_relative(root, p.resolve()) for p in only}
        result.problems = vocabulary_problems + [p for p in result.problems if p.path in wanted]
        result.files_checked = len(wanted)
    result.problems = sorted(set(result.problems))
    return result


def _relative(root: Path, path: Path) -> str:
    """``path`` from ``root``, as a POSIX string (string prefix, not ``relative_to``: once per file)."""
    text, prefix = path.as_posix(), root.as_posix().rstrip("/") + "/"
    return text[len(prefix):] if text.startswith(prefix) else text


def _validate_file(root: Path, path: Path, content_type: ContentType, vocabulary: Vocabulary):
    rel = _relative(root, path)
    problems: list[Problem] = []
    slug = path.stem
    if slug != slugify(slug) or not re.fullmatch(schemas.SLUG_PATTERN, slug):
        problems.append(Problem(rel, 1, "file", f"name '{path.name}' must be lowercase words joined by hyphens, "
                                f"e.g. '{slugify(slug) or 'my-case-study'}.md' (the name becomes the page's URL)"))
    document, load_problems = content_type.load(path, rel)
    problems.extend(load_problems)
    if document is None:
        return None, problems
    try:
        record = content_type.model.model_validate(document.data, context={"vocabulary": vocabulary})
    except ValidationError as error:
        problems.extend(schema_problems(error, document, content_type))
        record = None
    problems.extend(check_body(document))
    problems.extend(_check_item_descriptions(document) if content_type is FRAMEWORK else [])
    if record is None or problems:
        return None, problems
    area = path.parent.name if content_type is ROLE else ""
    entry = Entry(content_type, slug, record, document, area)
    return entry, problems


def schema_problems(error: ValidationError, document: RawDocument, content_type: ContentType) -> list[Problem]:
    """A schema error as problems at the lines of ``document`` (the new-case-study script uses it on drafts too)."""
    problems = []
    for detail in error.errors(include_url=False):
        location = tuple(part for part in detail["loc"] if part != "[key]")  # a bad key is reported at the key
        written = _as_written(document.data, location)
        problems.append(Problem(document.path, document.line_of(written), dotted_path(written) or "file",
                                _message(detail, location, content_type)))
    return problems


def _as_written(data, location: tuple) -> tuple:
    """``location`` as the author wrote it: a one-item shorthand (``source: {document: ...}`` for a
    list of citations) gets no list index, so the line and field name are those of the file."""
    written, node = [], data
    for part in location:
        if isinstance(part, int) and not isinstance(node, list):
            continue
        written.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(written)


# Schemas nested inside a content type, as contributors call them in messages.
_NESTED_LABELS = {schemas.FrameworkItem: "framework item", schemas.SourceCitation: "source citation",
                  schemas.CitedPoint: "point", schemas.Figure: "figure", schemas.Breakdown: "breakdown",
                  schemas.Tally: "count", schemas.GuidanceDocument: "guidance document",
                  schemas.PrincipleCitation: "principle citation",
                  schemas.Contact: "contact", schemas.Change: "history entry",
                  schemas.DemographicTables: "tables section",
                  **{table: "dimension table" for table in (schemas.AgeBandTable, schemas.SexTable,
                                                            schemas.EthnicityTable, schemas.DisabilityTable)}}


def _nested_model(model: type[schemas.Schema], name: str) -> type[schemas.Schema] | None:
    """The schema of field ``name``'s own fields, when it holds a nested set of fields (contact, source)."""
    annotation = repr(model.model_fields[name].annotation)
    return next((candidate for candidate in _NESTED_LABELS if candidate.__name__ in annotation), None)


def _model_at(model: type[schemas.Schema], location: tuple) -> type[schemas.Schema]:
    """The schema class that owns the last key of ``location`` (for nested items and citations)."""
    for part in location[:-1]:
        if not isinstance(part, int) and part in model.model_fields:
            model = _nested_model(model, part) or model
    return model


def _indentation_hint(top: type[schemas.Schema], model: type[schemas.Schema], name: str, label: str) -> str | None:
    """Why a known key is in the wrong place: a nested field not indented, or a top-level one indented.

    An ``email:`` written level with ``contact:`` is a field of the contact, not an unknown field.
    """
    if model is top:
        owners = [field for field in top.model_fields
                  if (nested := _nested_model(top, field)) is not None and name in nested.model_fields]
        if owners:
            return (f"'{name}' belongs inside '{owners[0]}': put it on a line below '{owners[0]}:', "
                    "indented by 2 more spaces than that line")
    elif name in top.model_fields:
        return (f"'{name}' is a field of the {label} itself, not of the {_NESTED_LABELS[model]} above it: "
                f"remove the spaces before '{name}:' so it lines up with the other fields at the left edge")
    return None


# pydantic's own error kinds; any other kind comes from the schemas' validators, whose message
# already says what is wrong.
_PYDANTIC_KINDS = frozenset(get_args(ErrorType))


def _message(detail: dict, location: tuple, content_type: ContentType) -> str:
    """Turn a pydantic error into a sentence a clinician can act on."""
    kind, context, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    model = _model_at(content_type.model, location)
    name = location[-1] if location else ""
    described = model.model_fields.get(name) if isinstance(name, str) else None
    if kind == "missing" or (value is None and kind in _PYDANTIC_KINDS and described is not None):
        # An empty value (`category:` with nothing after it) is as good as a missing one.
        hint = f" ({described.description})" if described and described.description else ""
        state = "is required but missing" if kind == "missing" else "is empty but required"
        return f"{state}{hint}"
    if kind == "extra_forbidden":
        if content_type is ROLE and str(name).lower() in schemas.DEMOGRAPHIC_KEYS:
            return ("is personal demographic data about a named person, which the hub never stores; "
                    "remove it (diversity figures come only from aggregate count files)")
        allowed = list(model.model_fields)
        label = _NESTED_LABELS.get(model, content_type.label)
        misplaced = _indentation_hint(content_type.model, model, str(name), content_type.label)
        if misplaced:
            return f"is not a field of a {label}; {misplaced}"
        close = suggest(str(name), allowed)
        did_you_mean = f"did you mean '{close}'? " if close else ""
        return f"is not a field of a {label}; {did_you_mean}Allowed fields: {', '.join(allowed)}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", context.get("expected", ""))
        choices = ", ".join(f"'{c}'" for c in allowed)
        if not isinstance(value, str):
            return f"must be a single value, not a list or a set of fields; use one of: {choices}"
        close = suggest(value, allowed)
        did_you_mean = f"did you mean '{close}'? " if close else ""
        return f"'{value}' is not allowed; {did_you_mean}Use one of: {choices}"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {context['max_length']} are allowed"
    if kind in ("too_short", "too_long"):
        limit = "at least" if kind == "too_short" else "at most"
        amount = context.get("min_length", context.get("max_length"))
        return f"needs {limit} {amount} {'entry' if amount == 1 else 'entries'}"
    if kind == "int_parsing_size":  # thousands of digits: not worth repeating
        return "is far too large a number"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{value}' must be a whole number"
    if kind in ("greater_than_equal", "less_than_equal"):
        if "principle" in str(location) or name == "serves":
            return f"{value} is not a national CCPL principle: use 1, 2, 3, 4 or 5"
        return f"{value} is out of range ({detail['msg'].lower()})"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{value}' must be a date written YYYY-MM-DD, e.g. 2026-11-23"
    if kind == "list_type":
        return "must be a list: write [a, b] or put each entry on its own line starting with '- '"
    if kind in ("string_type",):
        if value is None:
            return "is empty; write a value or remove the field"
        return "must be text, not a list or a set of fields"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a set of 'field: value' lines"
    if kind == "string_pattern_mismatch":
        if name == "email":
            return f"'{value}' is not an email address (expected something like name@nhs.net)"
        if name == "url":
            return f"'{value}' is not a web address (it must start with https:// or http://)"
        return f"'{value}' does not have the expected form"
    if kind == "value_error" or kind == "assertion_error":
        return detail["msg"].removeprefix("Value error, ")
    return detail["msg"]


# Early, friendly messages for the commonest dangerous HTML, naming what was found. They are not the
# defence: ``check_markdown`` renders the Markdown and asks the sanitiser, which decides. Each rule
# starts with a text that every match contains, so a body without it skips the rule cheaply.
_UNSAFE_HTML = (
    ("<", re.compile(r"<\s*(script|iframe|object|embed|applet|form|base|meta|link|style)\b", re.I),
     "contains a <{0}> tag; raw {0} elements are not allowed in content"),
    ("<", re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "contains an inline event handler ({0}=); remove it"),
    ("=", re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*(javascript|vbscript|data):", re.I),
     "contains a {0}: link; use an ordinary https:// link"),
    ("](", re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):", re.I), "contains a {0}: link; use an ordinary https:// link"),
)


# What, in Markdown with this site's extensions (mkdocs.yml), can become HTML the sanitiser would
# alter. Text without any of it renders only to elements and attributes the sanitiser keeps as they
# are (paragraphs, emphasis, lists, tables, definition lists, quotes, code, headings: their ids come
# from ``heading_id``), so the validator need not render it: rendering every body made validation
# ten times slower. tests/test_safe_output.py proves both halves: text without these is never
# changed (a property test), and each of them can be. Plain substrings: a search for each is
# faster than one regular expression with every alternative.
_MARKUP_TEXTS = (
    "<",  # raw HTML and md_in_html; autolinks and e-mail links
    "{",  # attribute lists (attr_list); options of a fenced code block
    "](",  # inline links and images (Python-Markdown wants the '(' right after the ']')
    "]:",  # link and footnote definitions (an abbreviation's can only be changed for a '<' in it)
    "!!!", "???",  # admonitions and collapsible blocks (pymdownx.details): their type becomes a class
    "```", "~~~",  # fenced code (pymdownx.superfences)
    "[TOC]",  # toc's marker: a contents list where it stands, even inside a paragraph's emphasis
    "&#",  # numeric character references: one to a control character ('&#1', even without ';') is dropped
)
_SHORTCODE = re.compile(r":[+\w-]+:")  # emoji and icons (pymdownx.emoji); some icons' SVG has more attributes
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # an HTML parser drops or replaces these


def may_need_sanitising(text: str) -> bool:
    """Whether ``text`` may render to HTML the sanitiser would change (see ``_MARKUP_TEXTS``)."""
    return (any(markup in text for markup in _MARKUP_TEXTS) or _SHORTCODE.search(text) is not None
            or _CONTROL.search(text) is not None)


@cache
def _site_markdown() -> SiteMarkdown:
    return SiteMarkdown()


def check_body(document: RawDocument) -> list[Problem]:
    """The Markdown body of a content file: anything the sanitiser would change is a problem."""
    return check_markdown(document.body, document.path, document.body_line, "body")


def check_markdown(text: str, path: str, first_line: int, field_name: str) -> list[Problem]:
    """Render ``text`` as the site does and report everything the sanitiser would remove, at the line
    where it is written, so that nothing a contributor wrote is altered or dropped silently."""
    lines = text.split("\n")
    problems = []
    rules = [(pattern, message) for clue, pattern, message in _UNSAFE_HTML if clue in text]
    for offset, line in enumerate(lines if rules else []):
        for pattern, message in rules:
            match = pattern.search(line)
            if match:
                problems.append(Problem(path, first_line + offset, field_name, message.format(match.group(1).lower())))
    if not may_need_sanitising(text):
        return problems
    explained = {p.line for p in problems}
    for change in body_changes(_site_markdown().render(text)):
        line = first_line + _offset_of(lines, change.clue)
        if line not in explained:
            problems.append(Problem(path, line, field_name, change.message))
    return problems


def _check_item_descriptions(document: RawDocument) -> list[Problem]:
    """A framework item's description is Markdown too. Read from the file as written, so that it is
    checked even when another field of the file is invalid."""
    items = document.data.get("items")
    problems = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        description = item.get("description") if isinstance(item, dict) else None
        if isinstance(description, str):
            problems.extend(check_markdown(description, document.path, document.line_of(("items", index, "description")),
                                           dotted_path(("items", index, "description"))))
    return problems


def _offset_of(lines: list[str], clue: str) -> int:
    """The first line that contains ``clue`` (ignoring case), or the first line."""
    clue = clue.lower()
    return next((i for i, line in enumerate(lines) if clue and clue in line.lower()), 0)


def check_cross_references(result: ValidationResult) -> list[Problem]:
    """References between records resolve, and slugs are unique where URLs need them to be."""
    problems: list[Problem] = []
    entries = result.entries
    principles = {e.record.number: e for e in entries[PRINCIPLE.key]}
    principle_files = result.slugs[PRINCIPLE.key]  # an invalid principle is reported once, not at every citation
    case_slugs = result.slugs[CASE_STUDY.key]  # an invalid case study is reported once, not at every citation
    vocabulary = result.vocabulary

    def missing_principle(entry: Entry, location: tuple, number: int) -> list[Problem]:
        if number in principles or f"principle-{number}" in principle_files:
            return []
        return [Problem(entry.path, _line(entry, *location), dotted_path(location),
                        f"principle {number} has no page ({PRINCIPLE.folder}/principle-{number}.md)")]

    for number, count in Counter(e.record.number for e in entries[PRINCIPLE.key]).items():
        if count > 1:
            for entry in entries[PRINCIPLE.key]:
                if entry.record.number == number:
                    problems.append(Problem(entry.path, _line(entry, "number"), "number",
                                            f"principle {number} is defined in {count} files; keep one"))
    for entry in entries[PRINCIPLE.key]:
        expected = f"principle-{entry.record.number}"
        if entry.slug != expected:
            problems.append(Problem(entry.path, _line(entry, "number"), "number",
                                    f"principle {entry.record.number} belongs in {PRINCIPLE.folder}/{expected}.md"))
        for index, slug in enumerate(entry.record.cited_case_studies):
            if slug not in case_slugs:
                problems.append(_unknown_ref(entry, ("cited_case_studies", index), "case study", slug, sorted(case_slugs)))
    for entry in entries[CASE_STUDY.key]:
        for index, change in enumerate(entry.record.history):
            if change.date < entry.record.published:
                at = ("history", index, "date")
                problems.append(Problem(entry.path, _line(entry, *at), dotted_path(at),
                                        f"{change.date.isoformat()} is before the 'published' date "
                                        f"{entry.record.published.isoformat()}: a change comes after publication"))
        contact = entry.record.contact
        if contact and contact.document and contact.document not in {s.document for s in entry.record.source}:
            problems.append(Problem(entry.path, _line(entry, "contact", "document"), dotted_path(("contact", "document")),
                                    f"'{contact.document}' is not among the case study's sources: cite it in "
                                    "'source' too, or name the document the contact comes from"))
        if entry.record.category_source == "learning report" and not any(s.case_number for s in entry.record.source):
            problems.append(Problem(entry.path, _line(entry, "category_source"), "category_source",
                                    "the learning report classified only its own case studies: cite the report's "
                                    "case study with its 'case_number' in 'source', or use 'category_source: hub'"))
        for field_name in ("principles", "principles_inferred"):
            for index, number in enumerate(getattr(entry.record, field_name)):
                problems.extend(missing_principle(entry, (field_name, index), number))
    for entry in entries[FRAMEWORK.key]:
        ids = Counter(item.id for item in entry.record.items)
        for index, item in enumerate(entry.record.items):
            at = ("items", index)
            if ids[item.id] > 1:
                problems.append(Problem(entry.path, _line(entry, *at, "id"), dotted_path(at + ("id",)),
                                        f"id '{item.id}' is used by {ids[item.id]} items; ids must be unique"))
            if item.parent is not None and (item.parent not in ids or item.parent == item.id):
                problems.append(_unknown_ref(entry, at + ("parent",), "framework item", item.parent,
                                             sorted(i for i in ids if i != item.id)))
            for position, number in enumerate(item.serves):
                problems.extend(missing_principle(entry, at + ("serves", position), number))
    for entry in entries[ROLE.key]:
        record = entry.record
        expected = vocabulary.icss[record.ics].slug if record.ics else vocabulary.regions[record.region].slug
        if entry.area != expected:
            problems.append(Problem(entry.path, _line(entry, "ics" if record.ics else "region"), "file",
                                    f"a role of {record.ics or record.region} belongs in {ROLE.folder}/{expected}/"))
        problems.extend(_invented_precision(entry, vocabulary))
    for entry in entries[DIVERSITY.key]:
        record = entry.record
        expected = f"{vocabulary.icss[record.ics].slug}-{record.year}"
        if entry.slug != expected:
            problems.append(Problem(entry.path, _line(entry, "year"), "file", f"the figures of {record.ics} for "
                                    f"{record.year} belong in {DIVERSITY.folder}/{expected}.yml"))
    orders = Counter(e.record.order for e in entries[CONCLUSION.key])
    for entry in entries[CONCLUSION.key]:
        if orders[entry.record.order] > 1:
            problems.append(Problem(entry.path, _line(entry, "order"), "order",
                                    f"{entry.record.order} is the order of {orders[entry.record.order]} conclusions; "
                                    "give each conclusion its own place in the report's order"))
        for index, number in enumerate(entry.record.principles):
            problems.extend(missing_principle(entry, ("principles", index), number))
        for index, slug in enumerate(entry.record.case_studies):
            if slug not in case_slugs:
                problems.append(_unknown_ref(entry, ("case_studies", index), "case study", slug, sorted(case_slugs)))
        for index, slug in enumerate(entry.record.workshops):
            if slug not in result.slugs[WORKSHOP.key]:
                problems.append(_unknown_ref(entry, ("workshops", index), "workshop", slug,
                                             sorted(result.slugs[WORKSHOP.key])))
    for entry in entries[WORKSHOP.key]:
        for index, number in enumerate(entry.record.principles):
            problems.extend(missing_principle(entry, ("principles", index), number))
    for entry in entries[RESEARCH.key]:
        if entry.slug not in vocabulary.sources:
            problems.append(Problem(entry.path, 1, "file", f"a research record is named after the source document it "
                                    f"describes: '{entry.slug}' is not a source id; use one of "
                                    + ", ".join(f"'{s}'" for s in sorted(vocabulary.sources))))
    problems.extend(_redirect_clashes(entries))
    return problems


def _invented_precision(entry: Entry, vocabulary: Vocabulary) -> list[Problem]:
    """A listing dated inside its source document's date, but more precisely, has a precision no source gives
    (2022-06-01 for a report dated 2022); a later check with the ICS gives a day after the document's date."""
    reviewed = entry.record.last_reviewed
    dated = [d for c in entry.record.source if (d := vocabulary.sources.get(c.document or "")) and d.date]
    if any(document.date == reviewed for document in dated):  # the date of one of its sources, as it gives it
        return []
    for document in dated:
        if reviewed.refines(document.date):
            return [Problem(entry.path, _line(entry, "last_reviewed"), "last_reviewed",
                            f"{reviewed.isoformat()} is more precise than its source, '{document.id}', dated "
                            f"{document.date.isoformat()}: write {document.date.isoformat()}, or the day the listing "
                            "was checked with the ICS")]
    return []


def _redirect_clashes(entries: dict[str, list[Entry]]) -> list[Problem]:
    """A former slug must not be a live page of the same kind, nor claimed twice."""
    problems = []
    for key in (CASE_STUDY.key, FRAMEWORK.key, ROLE.key):
        live = {(e.area, e.slug) for e in entries[key]}
        claimed: dict[tuple[str, str], str] = {}
        for entry in entries[key]:
            for index, old in enumerate(entry.record.redirect_from):
                where = (entry.area, old)
                at = ("redirect_from", index)
                if where in live:
                    problems.append(Problem(entry.path, _line(entry, *at), dotted_path(at),
                                            f"'{old}' is the slug of another live page; a former slug must be free"))
                elif where in claimed:
                    problems.append(Problem(entry.path, _line(entry, *at), dotted_path(at),
                                            f"'{old}' is already redirected to {claimed[where]}"))
                else:
                    claimed[where] = entry.path
    return problems


def _unknown_ref(entry: Entry, location: tuple, kind: str, value: str, choices: list[str]) -> Problem:
    close = suggest(value, choices)
    hint = f"; did you mean '{close}'?" if close else ""
    return Problem(entry.path, _line(entry, *location), dotted_path(location), f"unknown {kind} '{value}'{hint}")


def _line(entry: Entry, *location) -> int:
    return entry.document.line_of(location)
