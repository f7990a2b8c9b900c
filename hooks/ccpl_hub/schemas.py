"""One schema per content type, declared once.

Why pydantic v2 rather than hand-written JSON Schema: one declaration gives typed records for the
rest of the engine, validation with the location of every error (which the loader maps to a line),
and ``model_json_schema()`` for the exported JSON Schema files, while field descriptions and
examples feed the generated field-reference page and the contributor templates. JSON Schema alone
would give validation and export but no typed records, and cross-field rules (region must be the
ICS's region) would need a second language.

Values arrive as the text the author typed (see ``loader.YamlText``); the ``Text`` type refuses
values that YAML 1.1 would have silently turned into booleans, numbers or dates. Vocabulary checks
read the ``Vocabulary`` passed as validation context, so a test corpus can bring its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import SourceDate
from .loader import YamlText
from .review import build_date
from .vocabulary import ListEntry, Vocabulary, canonical, suggest

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CATEGORIES = ("Emerging frameworks", "Frameworks in design", "Principles in practice")
# Who put a case study in its category: the learning report (its own 18 case studies, each cited by
# its number) or the hub's editors (any other case study), so no page claims the report classified
# a case study it does not include.
CATEGORY_SOURCES = ("learning report", "hub")
ROLE_FUNCTIONS = (
    "Professional network",
    "Place or locality population health",
    "Transformation programme",
    "ICB executive",
    "Other",
)
TERMS = ("Short-term", "Medium-term", "Long-term")
ITEM_KINDS = ("scope", "theme", "principle", "function", "priority", "action", "characteristic", "objective")
# Keys that would record personal demographic data about a named person. The hub never stores it:
# diversity figures come only from aggregate count files.
DEMOGRAPHIC_KEYS = frozenset({
    "age", "age_band", "date_of_birth", "dob", "sex", "gender", "gender_identity", "ethnicity",
    "ethnic_group", "race", "disability", "disabled", "religion", "belief", "sexual_orientation",
    "sexuality", "pronouns", "marital_status", "pregnancy", "nationality",
})


def _plain_text(value: Any) -> Any:
    """Refuse an unquoted value that YAML 1.1 reads as something other than text (NO, 1.0, 2022-01-01)."""
    if isinstance(value, YamlText) and value.implicit_kind:
        raise PydanticCustomError(
            "yaml_not_text",
            "YAML reads {value} as {kind}, not as text; put it in quotes (\"{value}\") if you mean the text",
            {"value": str(value), "kind": value.implicit_kind},
        )
    return value


def _trimmed(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("empty_text", "is empty; write a value or remove the field")
    return value


def _single_line(value: str) -> str:
    if "\n" in value.strip():
        raise PydanticCustomError("multi_line", "must be a single line")
    return value


# Plain-text fields are printed by the hub's templates, escaped; markup in them would show as
# literal characters at best. Each rule says what a contributor wrote and what to write instead.
_MARKUP_RULES = (
    (re.compile(r"\r"), "contains a carriage return (a line break from another system); join the lines "
                        "with a space, or retype the text"),
    (re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"),
     "contains an invisible text-direction control (U+{code}), which can make text display differently from "
     "what it says; delete it (retyping the text removes it)"),
    (re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]"),
     "contains an invisible control character (U+{code}); delete it (retyping the text removes it)"),
    (re.compile(r"<\s*[A-Za-z/!?][^<>\n]{0,30}>?"), "contains an HTML tag ('{found}'); write plain text: the hub lays the "
                                     "field out itself, and '<' followed by a space is fine"),
    (re.compile(r"!?\[[^\]\n]*\](?:\(|\s?\[)"), "contains a Markdown link or image ('{found}'); write the text alone "
                                               "(cite a web address in 'source' as 'url')"),
    (re.compile(r"^\s*\[[^\]\n]*\]:", re.MULTILINE), "contains a Markdown link definition ('{found}'); write "
                                                     "the text alone (cite a web address in 'source' as 'url')"),
    (re.compile(r"\{[^{}\n]*\}"), "contains '{found}', which Markdown reads as an attribute list; write the text "
                                 "without curly brackets (round brackets are fine)"),
    (re.compile(r"\*\*|__"), "contains Markdown bold ('{found}'); write plain text: this field is shown as it is"),
    (re.compile(r"^\s*#", re.MULTILINE), "starts with '#', which Markdown reads as a heading; write plain text"),
)


# Every rule above needs one of these characters: most values have none, and skip the rules.
_MARKUP_CHARACTERS = re.compile("[\r\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b\x0c\x0e-\x1f"
                                "\x7f-\x9f\u2028\u2029<\\[{*_#]")


def _no_markup(value: str) -> str:
    """Text is text: a plain-text field refuses HTML, Markdown links, attribute lists and invisible
    control characters, with a message naming what was found."""
    if _MARKUP_CHARACTERS.search(value) is None:
        return value
    for pattern, message in _MARKUP_RULES:
        match = pattern.search(value)
        if match:
            found = match.group(0)
            raise PydanticCustomError("markup", message, {"found": found[:40], "code": f"{ord(found[0]):04X}"})
    return value


# What spreadsheets read as the start of a formula (OWASP "CSV injection"), the full-width forms
# included (East Asian input methods type them, and Excel converts them).
FORMULA_LEADS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def starts_like_a_formula(text: str) -> bool:
    """A tab, carriage return or line feed first, or a formula character after any spaces."""
    return text[:1] in ("\t", "\r", "\n") or text.lstrip()[:1] in FORMULA_LEADS  # "" is no member of a set


def _no_formula(value: str) -> str:
    if starts_like_a_formula(value):
        raise PydanticCustomError(
            "formula", "starts with '{lead}', which spreadsheets read as the start of a formula (this field goes "
            "into the CSV downloads); start with a word or a number instead", {"lead": value.lstrip()[:1]})
    return value


# Dates of things that have happened: when a case study was added or changed, a role listing last
# checked, diversity counts taken. Not before 2000 (the NHS bodies the hub covers date from 2018 on;
# an earlier year is a typo such as 0226 or 1926), and not after the build date plus one day (a
# contributor a time zone ahead of the build, or a pull request merged the day after it was written).
# A far-future date would otherwise pass as valid and keep a listing from ever looking overdue.
EARLIEST_DATE = date(2000, 1, 1)
DATE_MARGIN = timedelta(days=1)


def _check_happened(first: date, last: date, written: str) -> None:
    """A date (or the days a year or month spans, ``first`` to ``last``) between EARLIEST_DATE and the build date."""
    latest = build_date() + DATE_MARGIN
    if last < EARLIEST_DATE:
        raise PydanticCustomError("too_early", "{value} is before {earliest}: check the year",
                                  {"value": written, "earliest": EARLIEST_DATE.isoformat()})
    if first > latest:
        raise PydanticCustomError("in_future", "{value} is in the future (the build date is {today}); give the date "
                                  "it happened, at most a day ahead", {"value": written,
                                                                       "today": (latest - DATE_MARGIN).isoformat()})


def _happened(value: date) -> date:
    _check_happened(value, value, value.isoformat())
    return value


PastDate = Annotated[date, AfterValidator(_happened)]
SOURCE_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _source_date(value: Any) -> SourceDate:
    """A year, a year and month, or a full date, kept at that precision (unquoted 2022 is fine here)."""
    if isinstance(value, SourceDate):
        return value
    if isinstance(value, date):
        return SourceDate.of(value)
    try:
        return SourceDate.parse(str(value))
    except ValueError:
        raise PydanticCustomError(
            "source_date", "'{value}' is not a date: write a year (2022), a year and month (2022-03) or a full date "
            "(2022-03-14), only as precise as the source", {"value": str(value)}) from None


def _source_date_happened(value: SourceDate) -> SourceDate:
    _check_happened(value.first_day, value.last_day, value.isoformat())
    return value


# A date only as precise as its source: e.g. a role listing copied from a document dated "May 2022".
PastSourceDate = Annotated[SourceDate, PlainValidator(_source_date), AfterValidator(_source_date_happened),
                           PlainSerializer(SourceDate.isoformat, return_type=str),
                           WithJsonSchema({"type": "string", "pattern": SOURCE_DATE_PATTERN,
                                           "examples": ["2022", "2022-05", "2022-05-14"]})]


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise PydanticCustomError("slug", "'{value}' must be lowercase letters and digits joined by single hyphens",
                                  {"value": value})
    return value


Text = Annotated[str, BeforeValidator(_plain_text), AfterValidator(_trimmed), AfterValidator(_no_markup)]
Line = Annotated[Text, AfterValidator(_single_line)]
MarkdownText = Annotated[str, BeforeValidator(_plain_text), AfterValidator(_trimmed)]  # checked by the sanitiser
CellLine = Annotated[Line, AfterValidator(_no_formula)]  # a line that goes into a CSV export
Slug = Annotated[str, BeforeValidator(_plain_text), AfterValidator(_slug)]
PrincipleNumber = Annotated[int, Field(ge=1, le=5, description="A national CCPL principle, 1 to 5.")]


def one_of(choices: tuple[str, ...]):
    """A controlled value: one of ``choices``, however it is capitalised, spaced or punctuated.

    'principles in practice' and 'Principles-in-practice' are written as 'Principles in practice';
    anything else is left for the Literal to refuse (with a suggestion when one is close).
    """
    def normalise(value: Any) -> Any:
        value = _plain_text(value)
        return (canonical(value, choices) or value) if isinstance(value, str) else value

    return Annotated[Literal[choices], BeforeValidator(normalise)]  # type: ignore[valid-type]


Category = one_of(CATEGORIES)
CategorySource = one_of(CATEGORY_SOURCES)
RoleFunction = one_of(ROLE_FUNCTIONS)
ActionTerm = one_of(TERMS)
ItemKind = one_of(ITEM_KINDS)
STANDINGS = ("top", "low")
Standing = one_of(STANDINGS)
RoleStatus = one_of(("filled", "vacant", "unpublished"))
EMAIL_PATTERN = r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
Email = Annotated[Line, Field(pattern=EMAIL_PATTERN, examples=["name@nhs.net"])]


def _vocabulary(info: ValidationInfo) -> Vocabulary:
    return (info.context or {})["vocabulary"]


def _unique(values: list) -> list:
    seen = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("duplicate", "lists {value} twice; list each once", {"value": value})
        seen.add(value)
    return values


def _marked_subset(listing: str, what: str):
    """A list marking some entries of the field ``listing`` (those the hub's editors inferred rather than
    the source stated): each entry must also be in ``listing``, which lists them all."""
    def check(value: list, info: ValidationInfo) -> list:
        if listing not in info.data:  # the listing itself is invalid: its own error is enough
            return value
        missing = [v for v in value if v not in (info.data.get(listing) or [])]
        if missing:
            raise PydanticCustomError("subset", "{what} {missing} must also be listed in '{listing}' ('{listing}' "
                                      "lists them all; this field marks those the source does not link)",
                                      {"what": what, "missing": ", ".join(map(str, missing)), "listing": listing})
        return value

    return AfterValidator(check)


def _inferred(kind, listing: str, what: str):
    """The type of a field marking which links of the field ``listing`` the hub's editors inferred."""
    return Annotated[list[kind], AfterValidator(_unique), _marked_subset(listing, what)]  # type: ignore[valid-type]


_INFERRED = ("Those of '{listing}' that the report does not link to this itself: the hub's editors did. The page "
             "says which links are which.")


def _unknown(kind: str, value: str, choices: list[str], hint: str = "") -> PydanticCustomError:
    close = suggest(value, choices)
    did_you_mean = f"; did you mean '{close}'?" if close else ""
    listing = "" if len(choices) > 12 else " Valid values: " + ", ".join(f"'{c}'" for c in choices) + "."
    return PydanticCustomError("unknown_value", "unknown {kind} '{value}'{did_you_mean}{listing}{hint}",
                               {"kind": kind, "value": value, "did_you_mean": did_you_mean,
                                "listing": listing, "hint": hint})


def _canonical_ics(value: str | None, info: ValidationInfo) -> str | None:
    """Any known name, alias or code of an ICS becomes its short name from the reference data."""
    if value is None:
        return None
    vocabulary = _vocabulary(info)
    ics = vocabulary.find_ics(value)
    if ics is None:
        close = vocabulary.suggest_ics(value)
        hint = f"; did you mean '{close}'?" if close else "."
        raise PydanticCustomError("unknown_ics", "unknown ICS '{value}'{hint} Use an ICS short name, an alias "
                                  "or an ICB ONS code (E54...) from framework/reference/icbs-2022.csv.",
                                  {"value": value, "hint": hint})
    return ics.short_name


def _check_region(value: str | None, info: ValidationInfo) -> str | None:
    """A region must exist and, when an ICS is given, be that ICS's region (filled in when left out)."""
    vocabulary = _vocabulary(info)
    if "ics" not in info.data:  # the ICS itself was invalid: that error is enough
        return value
    ics = vocabulary.icss.get(info.data["ics"] or "")
    if value is None:
        if ics is None:
            raise PydanticCustomError("required", "give the ICS ('ics'), or the 'region' alone for a regional entry")
        return ics.region
    value = canonical(value, vocabulary.regions) or value
    if value not in vocabulary.regions:
        raise _unknown("NHS England region", value, sorted(vocabulary.regions))
    if ics is not None and ics.region != value:
        raise PydanticCustomError("wrong_region", "'{value}' is not the region of {ics}: it is in {right}",
                                  {"value": value, "ics": ics.short_name, "right": ics.region})
    return value


def listed_slug(value: str, entries: dict[str, ListEntry]) -> str | None:
    """The slug of the entry ``value`` names by its slug or its label, in any case: 'Primary care' -> 'primary-care'."""
    return canonical(value, entries) or next((slug for slug, entry in entries.items()
                                              if canonical(value, (entry.label,))), None)


def _known_theme(value: str, info: ValidationInfo) -> str:
    """Checked one by one, so an unknown theme is reported at its own line of a list."""
    known = _vocabulary(info).themes
    slug = listed_slug(value, known)
    if slug is None:
        raise _unknown("theme", value, sorted(known), " Add new themes to framework/vocabularies/themes.yml.")
    return slug


IcsName = Annotated[Line | None, AfterValidator(_canonical_ics)]
RegionName = Annotated[Line | None, AfterValidator(_check_region)]
ThemeSlug = Annotated[Line, AfterValidator(_known_theme)]


def _known_profession(value: str, info: ValidationInfo) -> str:
    known = _vocabulary(info).professions
    slug = listed_slug(value, known)
    if slug is None:
        raise _unknown("profession", value, sorted(known), " See framework/vocabularies/professions.yml.")
    return slug


ProfessionSlug = Annotated[Line, AfterValidator(_known_profession)]


class Schema(BaseModel):
    """Shared settings: unknown keys are errors, so a typo such as ``principals`` cannot pass."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


def _known_document(value: str, info: ValidationInfo) -> str:
    known = _vocabulary(info).sources
    if value not in known:
        raise _unknown("source document", value, sorted(known),
                       " Add the document to framework/vocabularies/sources.yml, or cite it another way.")
    return value


DocumentId = Annotated[Slug, AfterValidator(_known_document)]


def _line_spans(value: Any) -> str:
    """Lines of a source's plain-text copy, as written: '2003', '2003-2017' or '1999, 2001-2003' (ascending)."""
    text = " ".join(str(value).split()) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    spans = re.fullmatch(r"[0-9]+(-[0-9]+)?(, ?[0-9]+(-[0-9]+)?)*", text or "")
    if spans is None:
        raise PydanticCustomError("line_spans", "'{value}' is not a line reference: write a line number, a range "
                                  "such as 2003-2017, or several separated by commas", {"value": str(value)})
    previous = 0
    for first, last in line_spans(text):
        if first < 1 or first > last or first <= previous:
            raise PydanticCustomError("line_order", "'{value}' is not in order: each range goes from a line to a "
                                      "later one, and each starts after the one before", {"value": text})
        previous = last
    return text


def line_spans(text: str) -> list[tuple[int, int]]:
    """'1999, 2001-2003' -> [(1999, 1999), (2001, 2003)]."""
    spans = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        spans.append((int(first), int(last or first)))
    return spans


def line_span_label(text: str) -> str:
    """How a line reference reads on a page: 'lines 2003 to 2017', 'line 2048'."""
    spans = line_spans(text)
    words = [f"{first} to {last}" if last != first else str(first) for first, last in spans]
    single = len(spans) == 1 and spans[0][0] == spans[0][1]
    return ("line " if single else "lines ") + ", ".join(words)


LineSpans = Annotated[str, BeforeValidator(_line_spans)]


class SourceCitation(Schema):
    """Where facts come from: a known source document and its section, a URL, or a citation."""

    document: DocumentId | None = Field(None, description="The id of a source document listed on the About the sources page.",
                                  json_schema_extra={"vocabulary": "sources"}, examples=["learning-report-2022"])
    section: CellLine | None = Field(None, description="The section, slide or page of that document.",
                                 examples=["Chapter 2, III. Principles in practice, case study 13"])
    case_number: int | None = Field(None, ge=1, le=18, description="The learning report's case study number, 1 to 18.")
    url: Annotated[Line, Field(pattern=r"^https?://[^\s<>\"{}|\\^`]+$")] | None = Field(None, description="A web address for the source.")
    citation: CellLine | None = Field(None, description="A free-text citation, when the source is not a listed document.")
    lines: LineSpans | None = Field(None, description="The lines of the document's plain-text copy (in the project's "
                                    "sources folder) that the facts come from: a line, a range or several, "
                                    "e.g. '2003' or '2003-2017, 2048'.", examples=["2003-2017"])

    @model_validator(mode="after")
    def _something_cited(self) -> "SourceCitation":
        """A model check, not a field check: it must run when every field is left out."""
        if not (self.document or self.url or self.citation):
            raise PydanticCustomError("no_source", "a source needs a 'document' (with 'section'), a 'url' or a 'citation'")
        if self.document and not self.section:
            raise PydanticCustomError("no_section", "give the 'section' of document '{document}' as well",
                                      {"document": self.document})
        return self

    @model_validator(mode="after")
    def _lines_of_a_document(self) -> "SourceCitation":
        if self.lines and not self.document:
            raise PydanticCustomError("lines_without_document", "'lines' are lines of a listed document: give its "
                                      "'document' (and 'section') too, or leave 'lines' out")
        return self

    def label(self, vocabulary: Vocabulary) -> str:
        """How the citation reads on a page."""
        if self.document:
            lines = f" ({line_span_label(self.lines)})" if self.lines else ""
            return f"{vocabulary.sources[self.document].title}, {self.section}{lines}"
        return self.citation or self.url or ""


def _as_citation_list(value: Any) -> Any:
    """Accept a plain string or one mapping as shorthand for a one-item list of citations."""
    if isinstance(value, str):
        text = str(value)
        key = "url" if re.match(r"^https?://", text) else "citation"
        return [{key: value}]
    if isinstance(value, dict):
        return [value]
    return value


Sources = Annotated[list[SourceCitation], BeforeValidator(_as_citation_list), Field(min_length=1)]
RedirectFrom = Annotated[list[Slug], AfterValidator(_unique)]


class PrincipleCitation(SourceCitation):
    """Where a source itself links a framework item to a national principle: the document, section and
    lines (as any citation), and the words on those lines that make the link (a test checks them against
    the sources' plain-text copies)."""

    principle: PrincipleNumber = Field(..., description="The national principle the source links the item to.")
    lines: LineSpans = Field(..., description="The line (or lines) of the document's plain-text copy that make the "
                             "link; give the 'document' and 'section' too.", examples=["1181"])
    quote: CellLine = Field(..., max_length=120, description="The words on that line that make the link, exactly "
                            "as the source gives them (a few words: the page shows them as a quotation).",
                            json_schema_extra={"quotation": True})  # shown as an attributed quotation


@dataclass(frozen=True)
class PrincipleLink:
    """A record's link to a national principle, and who made it: the source, or the hub's editors
    (an inference from the source's text, which pages must never present as the source's own)."""

    number: int
    by_hub: bool
    citation: PrincipleCitation | None = None  # the source's words that make the link, where the record cites them


def links_to_principles(numbers: list[int], inferred: list[int],
                    citations: list[PrincipleCitation] = ()) -> tuple[PrincipleLink, ...]:
    cited = {c.principle: c for c in citations}
    return tuple(PrincipleLink(n, n in inferred, cited.get(n)) for n in numbers)


class Contact(Schema):
    """A contact copied from a source. People move on, so pages say where and when it was given."""

    name: Line | None = Field(None, description="The contact's name, only if the source gives it.")
    email: Email = Field(..., description="The contact's work email address, as the source lists it.")
    document: DocumentId | None = Field(
        None, description="The id of the source document that gives the contact (one the case study cites): the "
        "page says 'Contact given in' that document and its date. Leave it out for a contact given to the hub "
        "itself: the page then dates it by the case study's publication.",
        json_schema_extra={"vocabulary": "sources"}, examples=["learning-report-2022"])


class Change(Schema):
    """One dated entry of a case study's change history: what changed, in one line."""

    date: PastDate = Field(..., description="When the change was made (YYYY-MM-DD).", examples=["2027-03-01"])
    note: CellLine = Field(..., max_length=200, description="One line saying what changed, for readers.",
                           examples=["Added the 2026 evaluation figures from the ICS's annual report."])


def _left_empty_as(default):
    """An optional field written with no value (``status:`` as the template leaves it) means its default."""
    return BeforeValidator(lambda value: default() if value is None else value)


CaseStudyStatus = Annotated[one_of(("published", "withdrawn")), _left_empty_as(lambda: "published")]


class CaseStudy(Schema):
    """A case study: what an ICS or region did, what changed, and what others can learn."""

    title: Line = Field(..., max_length=120, description="The case study's title, in plain English.",
                        examples=["Derbyshire: resourcing a clinical director for integration"])
    summary: Line = Field(..., max_length=300, description="Plain text, at most 300 characters: what they did and why it matters.")
    ics: IcsName = Field(None, description="The ICS: its short name, a known alias, or its ICB ONS code. "
                             "Leave it out for a regional case study.",
                             json_schema_extra={"vocabulary": "icss"}, examples=["Derby and Derbyshire"])
    region: RegionName = Field(..., description="The NHS England region. It must be the region of the ICS.",
                         json_schema_extra={"vocabulary": "regions"}, validate_default=True, examples=["Midlands"])
    category: Category = Field(..., description="The category for the case study: one of the learning report's 3 categories.")
    category_source: CategorySource = Field(
        "hub", description="Who put the case study in its category: 'learning report' for one of the report's own "
        "case studies (a source must then give its 'case_number'), or 'hub' (the default) when the hub's editors "
        "classified it. Pages show the hub's classification as such.")
    principles: Annotated[list[PrincipleNumber], AfterValidator(_unique)] = Field(
        ..., min_length=1, description="Every national CCPL principle (1 to 5) the case study shows.", examples=[[1, 3]])
    principles_inferred: _inferred(PrincipleNumber, "principles", "principle") = Field(
        default_factory=list, description="Those of 'principles' that the source does not name but its text clearly "
        "shows. The page says which principles are which.", validate_default=True)
    themes: Annotated[list[ThemeSlug], AfterValidator(_unique)] = Field(
        default_factory=list, max_length=6, description="Themes from the hub's theme list (framework/vocabularies/themes.yml).",
        json_schema_extra={"vocabulary": "themes"}, examples=[["primary-care"]])
    organisations: Annotated[list[Line], AfterValidator(_unique)] = Field(
        default_factory=list, description="Organisations that took part, as the source names them.")
    contact: Contact | None = Field(None, description="The contact the source lists for the case study.")
    published: PastDate = Field(..., description="The date the case study was added to the hub (YYYY-MM-DD).", examples=["2026-11-23"])
    source: Sources = Field(..., description="Where the facts come from: a source document and section, a URL, or a citation.")
    history: Annotated[list[Change], _left_empty_as(list)] = Field(default_factory=list, description="Every significant change since publication, "
                                  "each a 'date' and a one-line 'note'. Add an entry; never remove one.")
    reviewed: PastDate | None = Field(None, description="When the case study was last checked against its source "
                                      "(YYYY-MM-DD). The page says it is overdue for review 12 months after this date "
                                      "(or after 'published', until the first review).")
    status: CaseStudyStatus = Field("published", description="'published', or 'withdrawn' to take the case study out "
                                    "of the lists: its page stays, with a notice saying when and why.")
    withdrawn_date: PastDate | None = Field(None, description="With status 'withdrawn': when it was withdrawn (YYYY-MM-DD).",
                                            validate_default=True)
    withdrawn_reason: CellLine | None = Field(None, max_length=300, description="With status 'withdrawn': one line "
                                              "saying why, for readers.", validate_default=True)
    redirect_from: RedirectFrom = Field(default_factory=list, description="Former slugs of this case study, so old links keep working.")

    @property
    def principle_links(self) -> tuple[PrincipleLink, ...]:
        return links_to_principles(self.principles, self.principles_inferred)

    @property
    def named_principles(self) -> tuple[int, ...]:
        """The principles the source itself names for this case study."""
        return tuple(link.number for link in self.principle_links if not link.by_hub)

    @field_validator("reviewed")
    @classmethod
    def _reviewed_after_publication(cls, value: date | None, info: ValidationInfo) -> date | None:
        return _not_before_published(value, info.data.get("published"), "the review")

    @field_validator("withdrawn_date", "withdrawn_reason")
    @classmethod
    def _only_when_withdrawn(cls, value, info: ValidationInfo):
        status = info.data.get("status")
        if status == "withdrawn" and value is None:
            raise PydanticCustomError("required", "a withdrawn case study needs its '{field}' (the page shows it in "
                                      "the withdrawal notice)", {"field": info.field_name})
        if status == "published" and value is not None:
            raise PydanticCustomError("not_allowed", "give '{field}' only with 'status: withdrawn' (status is "
                                      "'published')", {"field": info.field_name})
        if info.field_name == "withdrawn_date":
            _not_before_published(value, info.data.get("published"), "the withdrawal")
        return value

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def changes(self) -> list[Change]:
        """The history newest first, as pages and feeds show it, whatever order the file lists it in."""
        return sorted(self.history, key=lambda change: change.date, reverse=True)

    @property
    def last_changed(self) -> date:
        """The date of the latest change: withdrawal, the newest history entry, or publication."""
        return self.withdrawn_date or (self.changes[0].date if self.history else self.published)

    @property
    def review_from(self) -> date:
        """The date the yearly review runs from."""
        return self.reviewed or self.published


def _not_before_published(value: date | None, published: date | None, what: str) -> date | None:
    if value is not None and published is not None and value < published:
        raise PydanticCustomError("order", "{what} is dated {day}, before the 'published' date {published}",
                                  {"what": what, "day": value.isoformat(), "published": published.isoformat()})
    return value


class Principle(Schema):
    """A national CCPL principle, with what the learning report heard under it."""

    number: PrincipleNumber = Field(..., description="The principle's number in the national guidance, 1 to 5.")
    title: Line = Field(..., max_length=120, description="A short plain-English title.")
    short_title: Line = Field(..., max_length=40, description="Two to four words, for badges and tables.")
    statement: Text = Field(..., description="The principle's full wording in the national guidance.",
                            json_schema_extra={"quotation": True})  # shown as an attributed quotation
    top_tips: list[Line] = Field(..., min_length=1, description="Every top tip the learning report gives, paraphrased.")
    cited_case_studies: Annotated[list[Slug], AfterValidator(_unique)] = Field(
        default_factory=list, description="Slugs of the case studies the report cites under this principle.")
    source: Sources = Field(..., description="Where the statement and findings come from.")


class FrameworkItem(Schema):
    """One referenceable part of a local framework: a theme, principle, function, priority, action..."""

    id: Slug = Field(..., description="A stable id, unique within the framework; it is the item's URL.", examples=["action-1-1"])
    kind: ItemKind = Field(..., description="What the item is.")
    number: Line | None = Field(None, description="The item's number as the source gives it, e.g. '1.1'.")
    title: Line = Field(..., max_length=160, description="A short title.")
    description: MarkdownText = Field(..., description="What the item means, in plain English (Markdown allowed).")
    serves: Annotated[list[PrincipleNumber], AfterValidator(_unique)] = Field(
        default_factory=list, description="Every national CCPL principle this item serves: each one either cited in "
        "'serves_cited' (the source makes the link) or listed in 'serves_inferred' (the hub's editors made it).")
    serves_inferred: _inferred(PrincipleNumber, "serves", "principle") = Field(
        default_factory=list, description="Those of 'serves' that no source links the item to, but that the hub's "
        "editors judge it serves. Pages say these links are the hub's.", validate_default=True)
    serves_cited: list[PrincipleCitation] = Field(
        default_factory=list, description="For each of 'serves' that a source links the item to: the document, "
        "section, lines and quoted words that make the link.", validate_default=True)
    parent: Slug | None = Field(None, description="The id of the item this one belongs to (an action's priority).")
    ranked: Standing | None = Field(None, description="Where a ranking reported by the source puts the item: 'top' "
                                    "(it came out on top) or 'low' (it ranked low). Sources report a ranking this way, "
                                    "without positions, so the hub shows no position or tie it does not have.")
    term: ActionTerm | None = Field(None, description="Actions only: when the action is due.", validate_default=True)
    owner: Line | None = Field(None, description="Actions only: who owns the action.", validate_default=True)

    @field_validator("serves_cited")
    @classmethod
    def _every_link_has_a_maker(cls, value: list[PrincipleCitation], info: ValidationInfo) -> list[PrincipleCitation]:
        """Each principle in 'serves' is either the source's link (cited once) or the hub's (inferred), never both."""
        if "serves" not in info.data or "serves_inferred" not in info.data:
            return value  # one of them is invalid: its own error is enough
        serves, inferred = info.data["serves"], info.data["serves_inferred"]
        cited = [c.principle for c in value]
        for number in cited:
            if number not in serves or number in inferred or cited.count(number) > 1:
                why = ("is not in 'serves'" if number not in serves else "is in 'serves_inferred' (the hub's link)"
                       if number in inferred else "is cited twice")
                raise PydanticCustomError("citation", "principle {n} {why}: cite each principle of 'serves' once, and "
                                          "only those the source itself links", {"n": number, "why": why})
        unmade = [n for n in serves if n not in inferred and n not in cited]
        if unmade:
            raise PydanticCustomError(
                "no_maker", "{principles} in 'serves' but no one is said to make the link: cite the source lines that "
                "link the item to it in 'serves_cited' (document, section, lines, quote), or list it in "
                "'serves_inferred' if the hub's editors made the link",
                {"principles": ("principle " if len(unmade) == 1 else "principles ") + ", ".join(map(str, unmade))
                 + (" is" if len(unmade) == 1 else " are")})
        return value

    @property
    def principle_links(self) -> tuple[PrincipleLink, ...]:
        return links_to_principles(self.serves, self.serves_inferred, self.serves_cited)

    @field_validator("term", "owner")
    @classmethod
    def _actions_only(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind == "action" and value is None:
            raise PydanticCustomError("required", "an action needs its '{field}'", {"field": info.field_name})
        if kind is not None and kind != "action" and value is not None:
            raise PydanticCustomError("not_allowed", "only actions have a '{field}'", {"field": info.field_name})
        return value


class Framework(Schema):
    """A local CCPL framework and its items."""

    title: Line = Field(..., max_length=160, description="The framework's title.")
    short_title: Line = Field(..., max_length=60, description="A short name, usually the ICS's.")
    ics: IcsName = Field(None, description="The ICS whose framework this is.", json_schema_extra={"vocabulary": "icss"})
    region: RegionName = Field(None, description="The region; filled in from the ICS when left out.",
                                json_schema_extra={"vocabulary": "regions"}, validate_default=True)
    summary: Line = Field(..., max_length=300, description="Plain text, at most 300 characters.")
    source: Sources = Field(..., description="The documents the framework comes from.")
    items: list[FrameworkItem] = Field(..., min_length=1, description="The framework's themes, principles, functions, priorities and actions.")
    redirect_from: RedirectFrom = Field(default_factory=list, description="Former slugs of this framework.")


class Role(Schema):
    """A clinical or care professional leadership role in an ICS or region."""

    title: CellLine = Field(..., max_length=160, description="The role's title as the source gives it.")
    ics: IcsName = Field(None, description="The ICS of the role; leave it out for a regional role.",
                             json_schema_extra={"vocabulary": "icss"})
    region: RegionName = Field(None, description="The region; required for a regional role, filled in from the ICS otherwise.",
                                json_schema_extra={"vocabulary": "regions"}, validate_default=True)
    status: RoleStatus = Field(
        ..., description="filled: the holder is named; vacant: no one holds it; unpublished: the holder is not published.")
    holder: CellLine | None = Field(None, description="The holder's name, only with status 'filled'.", validate_default=True)
    profession: ProfessionSlug = Field(..., description="The profession the role needs or its holder has.",
                             json_schema_extra={"vocabulary": "professions"})
    function: RoleFunction = Field(..., description="What the role leads.")
    decision_forums: Annotated[list[CellLine], AfterValidator(_unique)] = Field(
        default_factory=list, description="The decision-making forums the role sits on.")
    time_commitment: CellLine | None = Field(None, description="Time the role takes, e.g. '2 sessions a week'.")
    accountable_to: CellLine | None = Field(None, description="Who the role holder is accountable to.")
    last_reviewed: PastSourceDate = Field(
        ..., description="When the listing's facts were last confirmed, only as precisely as known: YYYY, YYYY-MM or "
        "YYYY-MM-DD. For a listing taken from a source document, the document's date as the document gives it "
        "(a report dated 2022 gives 2022, not 2022-06-01); after a check with the ICS, the day of the check.",
        examples=["2022-05"])
    source: Sources = Field(..., description="Where the listing comes from.")
    redirect_from: RedirectFrom = Field(default_factory=list, description="Former slugs of this role, so old links keep working.")

    @property
    def review_from(self) -> date:
        """The yearly review runs from the last day 'last_reviewed' can mean (31 December for a year alone)."""
        return self.last_reviewed.last_day

    @field_validator("holder")
    @classmethod
    def _holder_only_when_filled(cls, value: str | None, info: ValidationInfo) -> str | None:
        status = info.data.get("status")
        if status == "filled" and value is None:
            raise PydanticCustomError("required", "a filled role needs the holder's name (or set status: unpublished)")
        if status in ("vacant", "unpublished") and value is not None:
            raise PydanticCustomError("not_allowed", "give a holder only when status is 'filled' (status is '{status}')",
                                      {"status": status})
        return value




# --- the learning report's other chapters: conclusions, regional workshops, evidence and method ---

def _lines_cited(citations: list[SourceCitation]) -> list[SourceCitation]:
    """Chapters of a report are cited to the line, so every fact can be checked against the text."""
    for citation in citations:
        if citation.document and not citation.lines:
            raise PydanticCustomError("no_lines", "give the 'lines' of document '{document}' that this comes from "
                                      "(e.g. lines: 2003-2017)", {"document": citation.document})
    return citations


LineCitedSources = Annotated[Sources, AfterValidator(_lines_cited)]


CONCLUSION_KINDS = ("What has helped", "Looking ahead", "Risk", "Recommendation")
ConclusionKind = one_of(CONCLUSION_KINDS)


class Conclusion(Schema):
    """One conclusion of the learning report: what helped systems, what they need next, a risk, a recommendation."""

    title: Line = Field(..., max_length=120, description="A short plain-English title.",
                        examples=["Communities of practice"])
    order: int = Field(..., ge=1, description="Where the conclusion comes in the report: 1 for the first it gives, "
                       "and so on. Pages list the conclusions in this order.", examples=[1])
    kind: ConclusionKind = Field(..., description="What the report says it is: something that has helped systems so "
                                 "far, what it looks ahead to, a risk it notes, or its recommendation.")
    summary: CellLine = Field(..., max_length=300, description="Plain text, at most 300 characters: the conclusion "
                              "in one or two sentences, in the hub's own words.")
    principles: Annotated[list[PrincipleNumber], AfterValidator(_unique)] = Field(
        default_factory=list, description="Every national CCPL principle (1 to 5) the conclusion concerns.")
    principles_inferred: _inferred(PrincipleNumber, "principles", "principle") = Field(
        default_factory=list, description=_INFERRED.format(listing="principles"))
    case_studies: Annotated[list[Slug], AfterValidator(_unique)] = Field(
        default_factory=list, description="Slugs of the case studies (file names without .md) the conclusion concerns.")
    case_studies_inferred: _inferred(Slug, "case_studies", "case study") = Field(
        default_factory=list, description=_INFERRED.format(listing="case_studies"))
    workshops: Annotated[list[Slug], AfterValidator(_unique)] = Field(
        default_factory=list, description="Slugs of the regional workshops (file names without .md) the conclusion "
        "concerns.")
    workshops_inferred: _inferred(Slug, "workshops", "workshop") = Field(
        default_factory=list, description=_INFERRED.format(listing="workshops"))
    source: LineCitedSources = Field(..., description="Where in the report the conclusion is, and where it links "
                                     "principles and case studies: document, section and lines.")


class CitedPoint(Schema):
    """A point the report makes (a workshop's theme, a limit of its evidence, a step of its method), in the hub's
    words and cited to the line."""

    title: Line | None = Field(None, max_length=160, description="A short heading, in the hub's words.")
    text: Text = Field(..., description="What was said, in plain English and the hub's own words.")
    examples: list[Text] = Field(default_factory=list, description="The examples the report gives, one each, in "
                                 "its order and the hub's own words.")
    lines: LineSpans = Field(..., description="The lines of the report's plain-text copy that this comes from.",
                             examples=["2241"])


class Workshop(Schema):
    """A regional workshop of the learning report: who took part, and the themes, enablers, challenges and
    recommendations it gave."""

    title: Line = Field(..., max_length=120, description="The workshop's title, in plain English.",
                        examples=["East of England regional workshop"])
    area: Line = Field(..., max_length=120, description="The area the workshop covered, as the report names it.")
    ics: IcsName = Field(None, description="The ICS, when the workshop covered one ICS's area; leave it out for a "
                         "region.", json_schema_extra={"vocabulary": "icss"})
    region: RegionName = Field(None, description="The NHS England region; filled in from the ICS when left out.",
                               json_schema_extra={"vocabulary": "regions"}, validate_default=True)
    participants: int | None = Field(None, ge=1, description="How many people took part, as the report gives it.")
    principles: Annotated[list[PrincipleNumber], AfterValidator(_unique)] = Field(
        default_factory=list, description="The national principles the report links the workshop to: those under "
        "which it cites the workshop, or that the workshop itself names. Give those lines in 'source'.")
    summary: CellLine = Field(..., max_length=300, description="Plain text, at most 300 characters: what the "
                              "workshop found.")
    themes: list[CitedPoint] = Field(..., min_length=1, description="The key themes, in the report's order.")
    enablers: list[CitedPoint] = Field(default_factory=list, description="What helps, in the report's order.")
    challenges: list[CitedPoint] = Field(default_factory=list, description="What gets in the way, in the "
                                            "report's order.")
    recommendations: list[CitedPoint] = Field(default_factory=list, description="What the workshop recommends "
                                                 "or suggests next, in the report's order.")
    source: LineCitedSources = Field(..., description="Where in the report the workshop is: document, section and lines.")


class Figure(Schema):
    """One number that describes a report's evidence, with the precision the report gives it."""

    label: Line = Field(..., max_length=120, description="What is counted, e.g. 'Case studies'.")
    value: Line = Field(..., max_length=40, description="The number as the report gives it, e.g. '18' or 'over 50'.")
    note: Text | None = Field(None, description="What the number covers, in plain English.")
    lines: LineSpans = Field(..., description="The lines of the report's plain-text copy that give the number.")


class Tally(Schema):
    label: Line = Field(..., max_length=120, description="A group, as the report names it.")
    count: int = Field(..., ge=0, description="How many, as the report gives it.")


class Breakdown(Schema):
    """Who was heard: the report's counts of the people or stories it heard, by one attribute (never by age, sex,
    ethnicity or another personal characteristic: the hub shows those only as the diversity pages do)."""

    title: Line = Field(..., max_length=160, description="What is counted, and by what, e.g. 'Stories by the "
                        "storyteller's role'.")
    rows: list[Tally] = Field(..., min_length=1, description="Each group and its count, in the report's order.")
    of: int | None = Field(None, ge=1, description="How many the report says there are in all, when it says; the "
                           "page says so when the counts add up to something else.")
    lines: LineSpans = Field(..., description="The lines of the report's plain-text copy that give the counts.")

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


GUIDANCE_ROLES = ("key document", "supporting")
GuidanceRole = one_of(GUIDANCE_ROLES)


class GuidanceDocument(Schema):
    """A national document the report names as guiding it, exactly as the report names it."""

    publisher: Line = Field(..., max_length=120, description="The publisher, as the report gives it.")
    date: Line | None = Field(None, max_length=40, description="The date as the report gives it (e.g. 'June 2021'); "
                              "leave it out if the report gives none.")
    title: Line = Field(..., description="The title, word for word as the report gives it.")
    role: GuidanceRole = Field(..., description="'key document' for the document that guided the report, "
                               "'supporting' for the others.")
    lines: LineSpans = Field(..., description="The line of the report's plain-text copy that names it.")
    bibliography_title: Line | None = Field(None, description="The title as the report's bibliography gives it, "
                                            "when that differs.")
    bibliography_lines: LineSpans | None = Field(None, description="The line of the bibliography that names it.",
                                                 validate_default=True)

    @field_validator("bibliography_lines")
    @classmethod
    def _with_its_title(cls, value: str | None, info: ValidationInfo) -> str | None:
        if (value is None) != (info.data.get("bibliography_title") is None) and "bibliography_title" in info.data:
            raise PydanticCustomError("pair", "give 'bibliography_title' and 'bibliography_lines' together, or neither")
        return value


class Research(Schema):
    """How a source document gathered its evidence: the evidence base and who was heard, its limits, its method and
    the national guidance it names. The file is named after the document's source id."""

    title: Line = Field(..., max_length=120, description="The page's title.")
    summary: Line = Field(..., max_length=300, description="Plain text, at most 300 characters: the evidence in brief.")
    figures: list[Figure] = Field(..., min_length=1, description="The numbers that describe the evidence base.")
    respondents: list[Breakdown] = Field(default_factory=list, description="Who was heard, counted as the report "
                                         "counts them.")
    respondent_notes: list[CitedPoint] = Field(default_factory=list, description="What the report itself says about "
                                               "who was heard, in the hub's words.")
    limits: list[CitedPoint] = Field(default_factory=list, description="The limits of its evidence that the report "
                                     "states, in the hub's words.")
    hub_notes: list[CitedPoint] = Field(default_factory=list, description="The hub's own notes on the figures (sums "
                                        "that differ, what the hub leaves out and why). Pages mark them as the hub's.")
    method: list[CitedPoint] = Field(default_factory=list, description="How the evidence was gathered, step by step.")
    guidance: list[GuidanceDocument] = Field(default_factory=list, description="The national guidance the report "
                                             "names as guiding it, in its order.")
    source: LineCitedSources = Field(..., description="Where in the document this comes from: document, section and lines.")


# --- aggregate diversity figures -----------------------------------------------------------------
# The categories of each dimension are fixed so that files from different ICSs can be compared:
# - age_band: ten-year bands (NHS workforce statistics publish five-year bands; wider bands keep
#   more of a small leadership group's counts above the suppression threshold);
# - sex: as NHS workforce statistics record it;
# - ethnicity: the five broad groups of the NHS Data Dictionary's ethnic category, which NHS
#   workforce statistics and the Workforce Race Equality Standard use;
# - disability: as the Workforce Disability Equality Standard counts it.
# Every dimension has 'Not stated' (not recorded, or the person preferred not to say), so that each
# table counts everyone in the population.
DEMOGRAPHIC_CATEGORIES = {
    "age_band": ("Under 35", "35 to 44", "45 to 54", "55 to 64", "65 and over", "Not stated"),
    "sex": ("Female", "Male", "Not stated"),
    "ethnicity": ("Asian or Asian British", "Black or Black British", "Mixed", "White", "Other ethnic group",
                  "Not stated"),
    "disability": ("Disabled", "Not disabled", "Not stated"),
}


def _count(value: Any) -> int:
    """A number of people: a whole number, 0 or more, written as digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        if len(value.strip()) > 9:  # more people than live in England; int() would refuse thousands of digits
            raise PydanticCustomError("count_size", "is far too large a number of people")
        return int(value)
    if value is None:
        raise PydanticCustomError("empty_count", "is empty; write the number of people (0 if there is no one)")
    raise PydanticCustomError("count", "'{value}' is not a count: write a whole number of people, 0 or more",
                              {"value": str(value)})


def _known_profession_group(value: str, info: ValidationInfo) -> str:
    groups = sorted({p.group for p in _vocabulary(info).professions.values() if p.group})
    group = canonical(value, groups)
    if group is None:
        raise _unknown("profession group", value, groups, " Groups are the 'group' values of "
                       "framework/vocabularies/professions.yml.")
    return group


Count = Annotated[int, Field(ge=0), BeforeValidator(_count)]
ProfessionGroup = Annotated[str, AfterValidator(_known_profession_group)]


def _every_category(dimension: str):
    categories = DEMOGRAPHIC_CATEGORIES[dimension]

    def check(counts: dict[str, int]) -> dict[str, int]:
        missing = [c for c in categories if c not in counts]
        if missing:
            raise PydanticCustomError("missing_category", "has no count for {missing}: give every {dimension} "
                                      "category, with 0 where there is no one",
                                      {"missing": ", ".join(f"'{c}'" for c in missing), "dimension": dimension})
        return {c: counts[c] for c in categories}  # the categories' own order, whatever the file's

    return check


class DimensionTable(Schema):
    """The counts of one dimension: in total, or for each profession group."""

    @model_validator(mode="after")
    def _one_form(self) -> "DimensionTable":
        given = [name for name in type(self).model_fields if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError("one_form", "give either 'counts' (category: number of people) or "
                                      "'by_profession_group' (group: categories), not both or neither")
        return self

    def by_group(self) -> dict[str, dict[str, int]]:
        """The counts as rows: one per profession group, or a single row for the whole population."""
        return self.by_profession_group if self.by_profession_group is not None else {"": self.counts}

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.by_group().values())


def _dimension_table(dimension: str, name: str) -> type[DimensionTable]:
    """One dimension's table model: the same shape for every dimension, with its own categories."""
    category = one_of(DEMOGRAPHIC_CATEGORIES[dimension])
    counts = Annotated[dict[category, Count], AfterValidator(_every_category(dimension))]  # type: ignore[valid-type]
    return create_model(
        name, __base__=DimensionTable, __module__=__name__,
        __doc__=f"{dimension.replace('_', ' ').capitalize()} counts: "
                + ", ".join(DEMOGRAPHIC_CATEGORIES[dimension]) + ".",
        counts=(counts | None, Field(None, description="Number of people in each category, e.g. 'Female: 12'. "
                                     "Every category is required (0 where there is no one).")),
        by_profession_group=(Annotated[dict[ProfessionGroup, counts], Field(min_length=1)] | None, Field(
            None, description="The same counts for each profession group (a 'group' of the professions list), "
                              "instead of 'counts'.")),
    )


AgeBandTable = _dimension_table("age_band", "AgeBandTable")
SexTable = _dimension_table("sex", "SexTable")
EthnicityTable = _dimension_table("ethnicity", "EthnicityTable")
DisabilityTable = _dimension_table("disability", "DisabilityTable")


class DemographicTables(Schema):
    """One table per dimension; at least one. Every table counts the same people."""

    age_band: AgeBandTable | None = Field(None, description="People by age band.")  # type: ignore[valid-type]
    sex: SexTable | None = Field(None, description="People by sex.")  # type: ignore[valid-type]
    ethnicity: EthnicityTable | None = Field(None, description="People by ethnic group.")  # type: ignore[valid-type]
    disability: DisabilityTable | None = Field(None, description="People by disability.")  # type: ignore[valid-type]

    def given(self) -> dict[str, DimensionTable]:
        return {name: table for name in DEMOGRAPHIC_CATEGORIES if (table := getattr(self, name)) is not None}

    @model_validator(mode="after")
    def _same_people(self) -> "DemographicTables":
        tables = self.given()
        if not tables:
            raise PydanticCustomError("no_table", "give at least one of " + ", ".join(DEMOGRAPHIC_CATEGORIES))
        totals = {name: table.total for name, table in tables.items()}
        if len(set(totals.values())) > 1:
            raise PydanticCustomError("different_totals", "the tables count different numbers of people ({totals}); "
                                      "every table counts the same people, with 'Not stated' for anyone whose "
                                      "answer is not recorded", {"totals": _listing(totals)})
        if not any(totals.values()):
            raise PydanticCustomError("no_people", "the tables count no one; give the numbers of people")
        by_group = {name: {group: sum(row.values()) for group, row in table.by_profession_group.items()}
                    for name, table in tables.items() if table.by_profession_group is not None}
        for group in sorted({g for groups in by_group.values() for g in groups}):
            counted = {name: groups.get(group, 0) for name, groups in by_group.items()}
            if len(set(counted.values())) > 1:
                raise PydanticCustomError("different_group_totals", "the tables by profession group count different "
                                          "numbers of people in {group} ({totals}); they must count the same people",
                                          {"group": group, "totals": _listing(counted)})
        return self


def _listing(numbers: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in numbers.items())


class DiversityFigures(Schema):
    """An ICS's published counts of its leadership role holders by age band, sex, ethnicity and disability, for one year."""

    ics: Annotated[Line, AfterValidator(_canonical_ics)] = Field(
        ..., description="The ICS the figures describe: its short name, a known alias, or its ICB ONS code.",
        json_schema_extra={"vocabulary": "icss"}, examples=["Gloucestershire"])
    year: int = Field(..., ge=2015, le=2100, description="The year the figures describe (for a financial year, "
                      "the year it starts). The file is named <ics-slug>-<year>.yml.", examples=[2025])
    as_at: PastDate = Field(..., description="The date the counts were taken (YYYY-MM-DD), in 'year' or the next year.",
                        examples=["2026-03-31"])
    population: Line = Field(..., max_length=300, description="Who is counted, in plain words.",
                                  examples=["Holders of the ICS's clinical and care professional lead roles"])
    source: Sources = Field(..., description="Where the ICS published the figures.")
    tables: DemographicTables = Field(..., description="The counts: one table per dimension.")

    @field_validator("as_at")
    @classmethod
    def _in_year(cls, value: date, info: ValidationInfo) -> date:
        year = info.data.get("year")
        if year is not None and value.year not in (year, year + 1):
            raise PydanticCustomError("wrong_year", "{as_at} is not in {year} or {following}: 'as_at' is when the "
                                      "counts for 'year' {year} were taken",
                                      {"as_at": value.isoformat(), "year": year, "following": year + 1})
        return value
