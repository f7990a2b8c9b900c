"""Controlled vocabularies: regions, ICSs and their aliases, themes, professions, sources, glossary.

They are data files under the content root (``framework/reference/`` for the ONS reference data,
``framework/vocabularies/`` for the hub's own lists), loaded once per build, so a test corpus can
bring its own (an "Example ICS") and editors change a list without touching code.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .loader import load_data_file
from .problems import Problem

REFERENCE_DIR = "framework/reference"
VOCABULARY_DIR = "framework/vocabularies"
REFERENCE_FILES = ("nhs-regions-2022.csv", "icbs-2022.csv", "ics-aliases.csv", "ics-aliases-hub.csv",
                   "icb-recoded-2023.csv")
VOCABULARY_FILES = ("themes.yml", "professions.yml", "sources.yml", "glossary.yml")


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: 'Stoke-on-Trent & Staffs' -> 'stoke-on-trent-and-staffs'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def match_key(text: str) -> str:
    """How names are compared: case, punctuation and spacing do not matter."""
    return " ".join(slugify(text).split("-"))


@dataclass(frozen=True)
class Region:
    name: str
    slug: str
    ons_code: str
    ods_code: str


@dataclass(frozen=True)
class Ics:
    short_name: str
    slug: str
    icb_name: str
    ons_code: str
    ods_code: str
    region: str


@dataclass(frozen=True)
class ListEntry:
    """An entry of a simple slug-label vocabulary (themes, professions)."""

    slug: str
    label: str
    description: str = ""
    group: str = ""


@dataclass(frozen=True)
class SourceDocument:
    id: str
    title: str
    publisher: str
    date: str
    description: str


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    abbreviation: str = ""
    aliases: tuple[str, ...] = ()

    @cached_property  # read for every term on every page (glossary links), so worked out once
    def slug(self) -> str:
        return slugify(self.abbreviation or self.term)


@dataclass
class Vocabulary:
    regions: dict[str, Region] = field(default_factory=dict)  # by name
    icss: dict[str, Ics] = field(default_factory=dict)  # by short name
    ics_by_key: dict[str, Ics] = field(default_factory=dict)  # alias, name or code (match_key) -> ICS
    themes: dict[str, ListEntry] = field(default_factory=dict)
    professions: dict[str, ListEntry] = field(default_factory=dict)
    sources: dict[str, SourceDocument] = field(default_factory=dict)
    glossary: list[GlossaryTerm] = field(default_factory=list)

    def find_ics(self, text: str) -> Ics | None:
        return self.ics_by_key.get(match_key(text))

    def suggest_ics(self, text: str) -> str | None:
        """The closest known ICS, for "did you mean" in messages."""
        close = difflib.get_close_matches(match_key(text), list(self.ics_by_key), n=1, cutoff=0.6)
        return self.ics_by_key[close[0]].short_name if close else None

    def region_by_slug(self, slug: str) -> Region | None:
        return next((r for r in self.regions.values() if r.slug == slug), None)

    def ics_by_slug(self, slug: str) -> Ics | None:
        return next((i for i in self.icss.values() if i.slug == slug), None)


def suggest(value: str, choices: list[str]) -> str | None:
    keys = {match_key(c): c for c in choices}
    close = difflib.get_close_matches(match_key(value), list(keys), n=1, cutoff=0.6)
    return keys[close[0]] if close else None


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    vocab = Vocabulary()
    problems: list[Problem] = []
    reader = _CsvReader(root, problems)
    for row in reader.rows("nhs-regions-2022.csv", ("region_name", "region_ons_code", "region_ods_code")):
        name = row["region_name"]
        vocab.regions[name] = Region(name, slugify(name), row["region_ons_code"], row["region_ods_code"])
    for row in reader.rows("icbs-2022.csv", ("icb_ons_code", "icb_ods_code", "icb_name", "ics_short_name", "region_name")):
        ics = Ics(row["ics_short_name"], slugify(row["ics_short_name"]), row["icb_name"],
                  row["icb_ons_code"], row["icb_ods_code"], row["region_name"])
        vocab.icss[ics.short_name] = ics
        for key in (ics.short_name, ics.icb_name, ics.ons_code, ics.ods_code):
            vocab.ics_by_key[match_key(key)] = ics
    by_code = {ics.ons_code: ics for ics in vocab.icss.values()}
    for name, columns in (("ics-aliases.csv", ("alias", "icb_ons_code")),
                          ("ics-aliases-hub.csv", ("alias", "icb_ons_code", "note")),
                          ("icb-recoded-2023.csv", ("new_icb_ons_code", "icb_ons_code"))):
        for row in reader.rows(name, columns):
            target = by_code.get(row["icb_ons_code"])
            alias = row.get("alias") or row.get("new_icb_ons_code")
            if target is None:
                problems.append(Problem(reader.rel(name), row["_line"], "icb_ons_code",
                                        f"'{row['icb_ons_code']}' is not an ICB code in icbs-2022.csv"))
            else:
                vocab.ics_by_key[match_key(alias)] = target
    _load_terms(root, "themes.yml", "themes", vocab.themes, problems)
    _load_terms(root, "professions.yml", "professions", vocab.professions, problems)
    for entry, at in _yaml_entries(root, "sources.yml", "documents", ("id", "title"), problems):
        vocab.sources[entry["id"]] = SourceDocument(entry["id"], entry["title"], entry.get("publisher") or "",
                                                    entry.get("date") or "", entry.get("description") or "")
    for entry, at in _yaml_entries(root, "glossary.yml", "terms", ("term", "definition"), problems, optional=True):
        aliases = entry.get("aliases") or []
        vocab.glossary.append(GlossaryTerm(entry["term"], entry["definition"], entry.get("abbreviation") or "",
                                           tuple(str(a) for a in aliases if isinstance(a, str))))
    return vocab, problems


class _CsvReader:
    def __init__(self, root: Path, problems: list[Problem]):
        self.root, self.problems = root, problems

    def rel(self, name: str) -> str:
        return f"{REFERENCE_DIR}/{name}"

    def rows(self, name: str, required: tuple[str, ...]):
        path = self.root / REFERENCE_DIR / name
        if not path.is_file():
            self.problems.append(Problem(self.rel(name), 1, "file", "is missing: the reference data must be present"))
            return
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                self.problems.append(Problem(self.rel(name), 1, "file", f"lacks the column(s) {', '.join(missing)}"))
                return
            for row in reader:
                row["_line"] = reader.line_num
                if any(not (row.get(c) or "").strip() for c in required if c != "note"):
                    self.problems.append(Problem(self.rel(name), reader.line_num, "row",
                                                 f"needs a value in every column ({', '.join(required)})"))
                    continue
                yield {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}


def _yaml_entries(root: Path, name: str, key: str, required: tuple[str, ...], problems: list[Problem],
                  optional: bool = False):
    """The entries of a vocabulary YAML file's list ``key``, each with its required fields present."""
    rel = f"{VOCABULARY_DIR}/{name}"
    path = root / rel
    if not path.is_file():
        if not optional:
            problems.append(Problem(rel, 1, "file", "is missing: the hub needs this vocabulary"))
        return
    document, file_problems = load_data_file(path, rel)
    problems.extend(file_problems)
    if document is None:
        return
    entries = document.data.get(key)
    if not isinstance(entries, list):
        problems.append(Problem(rel, document.line_of((key,)), key, "must be a list of entries"))
        return
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at = (key, index)
        if not isinstance(entry, dict) or any(not isinstance(entry.get(f), str) or not entry.get(f) for f in required):
            problems.append(Problem(rel, document.line_of(at), f"{key}[{index}]",
                                    f"needs the text fields {', '.join(required)}"))
            continue
        identity = entry[required[0]]
        if identity in seen:
            problems.append(Problem(rel, document.line_of(at), f"{key}[{index}]", f"'{identity}' is listed twice"))
            continue
        seen.add(identity)
        yield entry, (document, at)


def _load_terms(root: Path, name: str, key: str, target: dict[str, ListEntry], problems: list[Problem]) -> None:
    for entry, (document, at) in _yaml_entries(root, name, key, ("slug", "label"), problems):
        if entry["slug"] != slugify(entry["slug"]):
            problems.append(Problem(document.path, document.line_of(at + ("slug",)), "slug",
                                    f"'{entry['slug']}' must be lowercase words joined by hyphens"))
            continue
        target[entry["slug"]] = ListEntry(entry["slug"], entry["label"], entry.get("description") or "",
                                     entry.get("group") or "")

