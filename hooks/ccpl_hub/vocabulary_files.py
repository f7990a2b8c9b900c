"""The vocabulary and reference files, read through schemas like content.

Editors change these lists in pull requests, and every content file depends on them, so a mistake
in one (a list where a word belongs, a file saved in another encoding, an ICS in an unknown region)
is reported as ``path:line: field: message`` like any content problem, never a traceback. The
schemas reuse the content schemas' text types, so a label that reaches a CSV export refuses
formula-like text here too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Annotated, Iterator

from pydantic import AfterValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from .content_types import ContentType
from .loader import RawDocument, dotted_path, link_problem, load_data_file, read_text
from .problems import Problem
from .schemas import CellLine, Line, PastSourceDate, Schema, Slug, Text
from .validation import schema_problems
from .vocabulary import (REFERENCE_DIR, VOCABULARY_DIR, GlossaryTerm, Ics, ListEntry, Region, SourceDocument,
                         Vocabulary, match_key, slugify)

OnsCode = Annotated[Line, Field(pattern=r"^E\d{8}$", examples=["E54000043"])]
# A theme, region or ICS has a term page at <taxonomy>/<slug>/, beside the taxonomy's index page.
RESERVED_TERM_SLUG = "index"


def _not_reserved(slug: str) -> str:
    if slug == RESERVED_TERM_SLUG:
        raise PydanticCustomError("reserved", "'{slug}' would take the address of the list of all of them "
                                  "(its page would be <taxonomy>/index/); choose another", {"slug": slug})
    return slug


def _name_not_reserved(name: str) -> str:
    _not_reserved(slugify(name))
    return name


TermSlug = Annotated[Slug, AfterValidator(_not_reserved)]
TermName = Annotated[CellLine, AfterValidator(_name_not_reserved)]


class ThemeEntry(Schema):
    slug: TermSlug = Field(..., description="The theme's id, which case studies list.")
    label: CellLine = Field(..., max_length=80, description="The theme's name as pages show it.")
    description: Text | None = Field(None, description="What the theme covers.")


class ProfessionEntry(Schema):
    slug: Slug = Field(..., description="The profession's id, which role listings give.")
    label: CellLine = Field(..., max_length=80, description="The profession's name as pages and exports show it.")
    group: CellLine = Field(..., max_length=80, description="The profession group that diversity figures count by.")
    description: Text | None = Field(None, description="Who the profession includes.")


class SourceDocumentEntry(Schema):
    id: Slug = Field(..., description="The id that content files cite as 'source.document'.")
    title: CellLine = Field(..., description="The document's title.")
    publisher: Line | None = Field(None, description="Who published it.")
    date: PastSourceDate | None = Field(None, description="When it was published, only as precisely as the document "
                                        "gives it: YYYY, YYYY-MM or YYYY-MM-DD. Leave it out if the document is undated.")
    description: Text | None = Field(None, description="What the document is.")
    text: Line | None = Field(None, pattern=r"^[A-Za-z0-9_.-]+\.txt$",
                              description="The file name of the document's plain-text copy in sources/, which the "
                              "tests compare content with (quotations, lists, our own words). Not published.")


class GlossaryEntry(Schema):
    term: Line = Field(..., max_length=120, description="The term as pages use it.")
    definition: Text = Field(..., description="What it means, in plain English.")
    abbreviation: Line | None = Field(None, max_length=20, description="Its abbreviation, if it has one.")
    aliases: list[Line] = Field(default_factory=list, description="Other ways of writing the term.")
    hub_note: Text | None = Field(None, description="Facts the hub's editors add from general knowledge, not from "
                                  "the sources (such as dates, members or areas). The glossary shows them as the "
                                  "hub's note, apart from the definition, which keeps to what the sources support.")


class RegionRow(Schema):
    region_ons_code: OnsCode
    region_ods_code: Line
    region_name: TermName


class IcbRow(Schema):
    icb_ons_code: OnsCode
    icb_ods_code: Line
    icb_name: Line
    ics_short_name: TermName
    region_ons_code: OnsCode
    region_ods_code: Line
    region_name: CellLine


class AliasRow(Schema):
    alias: Line
    icb_ons_code: OnsCode
    note: Line | None = None


class RecodedRow(Schema):
    new_icb_ons_code: OnsCode
    icb_ons_code: OnsCode
    note: Line | None = None


# One "content type" per file, so problems are worded as content problems are (schema_problems). For a
# vocabulary the key is the file's list and the model is one entry's; for a reference file, one row's.
THEMES = ContentType("themes", "theme", VOCABULARY_DIR, "themes.yml", ThemeEntry, load=load_data_file)
PROFESSIONS = ContentType("professions", "profession", VOCABULARY_DIR, "professions.yml", ProfessionEntry,
                          load=load_data_file)
SOURCES = ContentType("documents", "source document", VOCABULARY_DIR, "sources.yml", SourceDocumentEntry,
                      load=load_data_file)
GLOSSARY = ContentType("terms", "glossary term", VOCABULARY_DIR, "glossary.yml", GlossaryEntry, load=load_data_file)
REGIONS = ContentType("regions", "region row", REFERENCE_DIR, "nhs-regions-2022.csv", RegionRow)
ICBS = ContentType("icbs", "ICB row", REFERENCE_DIR, "icbs-2022.csv", IcbRow)
ALIASES = ContentType("aliases", "ICS alias row", REFERENCE_DIR, "ics-aliases.csv", AliasRow)
HUB_ALIASES = ContentType("hub-aliases", "ICS alias row", REFERENCE_DIR, "ics-aliases-hub.csv", AliasRow)
RECODED = ContentType("recoded", "recoded ICB row", REFERENCE_DIR, "icb-recoded-2023.csv", RecodedRow)


class _Reader:
    """Reads each file once through its schema, collecting every problem."""

    def __init__(self, root: Path):
        self.root, self.problems = root, []
        self.unread: set[str] = set()  # files not read at all: checks against them would only repeat that

    def read(self, file: ContentType) -> bool:
        return f"{file.folder}/{file.glob}" not in self.unread

    def _path(self, file: ContentType, optional: bool = False) -> tuple[Path, str] | None:
        rel = f"{file.folder}/{file.glob}"
        path = self.root / rel
        problem = link_problem(self.root, path, rel)
        if problem is None and not path.is_file():
            if optional and not path.exists():
                return None
            kind = "vocabulary" if file.folder == VOCABULARY_DIR else "reference data"
            problem = Problem(rel, 1, "file", f"is missing: the hub needs this {kind}")
        if problem is not None:
            self.problems.append(problem)
            self.unread.add(rel)
            return None
        return path, rel

    def entries(self, file: ContentType, identity: str, optional: bool = False) -> Iterator[Schema]:
        """The valid entries of a vocabulary (its list ``file.key``), each ``identity`` once."""
        found = self._path(file, optional)
        if found is None:
            return
        document, problems = load_data_file(*found)
        self.problems.extend(problems)
        if document is None:
            return
        key = file.key
        for extra in (k for k in document.data if k != key):
            self.problems.append(Problem(document.path, document.line_of((extra,)), extra,
                                         f"is not part of this file, which holds one list, '{key}'"))
        listed = document.data.get(key)
        if not isinstance(listed, list) or not listed:
            self.problems.append(Problem(document.path, document.line_of((key,)), key,
                                         f"must be a list of {file.label} entries, each starting with '- '"))
            return
        seen: set[str] = set()
        for index, raw in enumerate(listed):
            at = (key, index)
            entry_lines = {location[2:]: line for location, line in document.lines.items() if location[:2] == at}
            item = self._validated(file, RawDocument(document.path, raw, entry_lines), dotted_path(at))
            if item is None:
                continue
            value = getattr(item, identity)
            if value in seen:
                self.problems.append(Problem(document.path, document.line_of(at), dotted_path(at),
                                             f"'{value}' is listed twice; list each {file.label} once"))
                continue
            seen.add(value)
            yield item

    def _validated(self, file: ContentType, document: RawDocument, prefix: str = "") -> Schema | None:
        """One entry or row through the file's schema; each error at its line, its field after ``prefix``."""
        try:
            return file.model.model_validate(document.data)
        except ValidationError as error:
            for problem in schema_problems(error, document, file):
                field = problem.field if not prefix else prefix + ("" if problem.field == "file" else
                                                                   ("" if problem.field.startswith(",") else ", ")
                                                                   + problem.field)
                self.problems.append(Problem(problem.path, problem.line, field, problem.message))
            return None

    def rows(self, file: ContentType) -> Iterator[tuple[Schema | None, int, dict[str, str]]]:
        """The rows of a reference CSV file with their lines and cells; a row the schema refuses
        (already reported) comes as None, so checks against it can be left out."""
        found = self._path(file)
        if found is None:
            return
        path, rel = found
        text, problems = read_text(path, rel)
        self.problems.extend(problems)
        if text is None:
            self.unread.add(rel)
            return
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = list(file.model.model_fields)
        missing = [c for c in columns if c not in (reader.fieldnames or []) and file.model.model_fields[c].is_required()]
        if missing:
            self.problems.append(Problem(rel, 1, "file", f"lacks the column(s) {', '.join(missing)}; its columns are "
                                         f"{', '.join(columns)}"))
            self.unread.add(rel)
            return
        line = 2
        for row in reader:
            if None in row:  # more cells than columns
                self.problems.append(Problem(rel, line, "row", f"has more cells than the columns ({', '.join(columns)}); "
                                             "put quotes around a value with a comma"))
            else:
                values = {k: v for k, v in row.items() if v != ""}
                yield self._validated(file, RawDocument(rel, values, {(): line, **{(k,): line for k in values}})), \
                    line, values
            line = reader.line_num + 1


def read_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    vocabulary = Vocabulary()
    reader = _Reader(root)
    for row, _, _ in reader.rows(REGIONS):
        if row is not None:
            vocabulary.regions[row.region_name] = Region(row.region_name, slugify(row.region_name),
                                                         row.region_ons_code, row.region_ods_code)
    refused_codes = set()  # of ICB rows already reported: aliases of them are not reported again
    for row, line, cells in reader.rows(ICBS):
        if row is None or (row.region_name not in vocabulary.regions and reader.read(REGIONS)):
            if row is not None:
                reader.problems.append(Problem(f"{REFERENCE_DIR}/{ICBS.glob}", line, "region_name",
                                               f"'{row.region_name}' is not a region of {REGIONS.glob}"))
            refused_codes.add(cells.get("icb_ons_code"))
            continue
        ics = Ics(row.ics_short_name, slugify(row.ics_short_name), row.icb_name, row.icb_ons_code,
                  row.icb_ods_code, row.region_name)
        vocabulary.icss[ics.short_name] = ics
        for key in (ics.short_name, ics.icb_name, ics.ons_code, ics.ods_code):
            vocabulary.ics_by_key[match_key(key)] = ics
    by_code = {ics.ons_code: ics for ics in vocabulary.icss.values()}
    for file in (ALIASES, HUB_ALIASES, RECODED):
        for row, line, _ in reader.rows(file):
            if row is None:
                continue
            target = by_code.get(row.icb_ons_code)
            if target is None and reader.read(ICBS) and row.icb_ons_code not in refused_codes:
                reader.problems.append(Problem(f"{REFERENCE_DIR}/{file.glob}", line, "icb_ons_code",
                                               f"'{row.icb_ons_code}' is not an ICB code in {ICBS.glob}"))
            elif target is not None:
                vocabulary.ics_by_key[match_key(getattr(row, "alias", None) or row.new_icb_ons_code)] = target
    for theme in reader.entries(THEMES, "slug"):
        vocabulary.themes[theme.slug] = ListEntry(theme.slug, theme.label, theme.description or "")
    for profession in reader.entries(PROFESSIONS, "slug"):
        vocabulary.professions[profession.slug] = ListEntry(profession.slug, profession.label,
                                                            profession.description or "", profession.group)
    for document in reader.entries(SOURCES, "id"):
        vocabulary.sources[document.id] = SourceDocument(document.id, document.title, document.publisher or "",
                                                         document.date, document.description or "",
                                                         document.text or "")
    for term in reader.entries(GLOSSARY, "term", optional=True):
        vocabulary.glossary.append(GlossaryTerm(term.term, term.definition, term.abbreviation or "", tuple(term.aliases),
                                                term.hub_note or ""))
    return vocabulary, reader.problems
