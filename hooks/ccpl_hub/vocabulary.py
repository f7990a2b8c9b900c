"""Controlled vocabularies: regions, ICSs and their aliases, themes, professions, sources, glossary.

They are data files under the content root (``framework/reference/`` for the ONS reference data,
``framework/vocabularies/`` for the hub's own lists), loaded once per build, so a test corpus can
bring its own (an "Example ICS") and editors change a list without touching code.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .dates import SourceDate
from .problems import Problem

REFERENCE_DIR = "framework/reference"
# How alike (difflib's ratio) a typo and a known name must be for "did you mean" to name it:
# 'regoin' -> 'region' is 0.83, 'emial' -> 'email' 0.8; 'autor' -> 'category' is 0.62.
SUGGESTION_CUTOFF = 0.75
VOCABULARY_DIR = "framework/vocabularies"
REFERENCE_FILES = ("nhs-regions-2022.csv", "icbs-2022.csv", "ics-aliases.csv", "ics-aliases-hub.csv",
                   "icb-recoded-2023.csv")
VOCABULARY_FILES = ("themes.yml", "professions.yml", "sources.yml", "glossary.yml")


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens: 'Stoke-on-Trent & Staffs' -> 'stoke-on-trent-and-staffs'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@lru_cache(maxsize=4096)  # every controlled value of every file is compared with each choice in turn
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
    date: SourceDate | None  # as precise as the document dates itself; None when it gives no date
    description: str
    text: str = ""  # file name of its plain-text copy in sources/ (for the tests that hold content to it)


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    abbreviation: str = ""
    aliases: tuple[str, ...] = ()
    hub_note: str = ""  # facts the hub's editors add that the sources do not give

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
        close = difflib.get_close_matches(match_key(text), list(self.ics_by_key), n=1, cutoff=SUGGESTION_CUTOFF)
        return self.ics_by_key[close[0]].short_name if close else None

    def region_by_slug(self, slug: str) -> Region | None:
        return next((r for r in self.regions.values() if r.slug == slug), None)

    def ics_by_slug(self, slug: str) -> Ics | None:
        return next((i for i in self.icss.values() if i.slug == slug), None)


def suggest(value: str, choices: list[str]) -> str | None:
    """The choice a typo was probably meant to be, or None when no choice is close.

    A wrong guess misleads more than no guess: at difflib's usual 0.6 an unknown key 'autor' would
    suggest 'category' (they share four letters), so only a close match is offered.
    """
    keys = {match_key(c): c for c in choices}
    close = difflib.get_close_matches(match_key(value), list(keys), n=1, cutoff=SUGGESTION_CUTOFF)
    return keys[close[0]] if close else None


def canonical(value: str, choices) -> str | None:
    """The choice ``value`` names when case, spacing and punctuation are ignored ('south west' -> 'South West')."""
    if value in choices:  # written as listed, the usual case: no need to compare with every choice
        return value
    key = match_key(value)
    return next((choice for choice in choices if match_key(choice) == key), None)


def load_vocabulary(root: Path) -> tuple[Vocabulary, list[Problem]]:
    """The vocabularies and reference data under ``root``, with every problem in them."""
    # Imported here: the files' schemas are built from the content schemas, which import this module.
    from .vocabulary_files import read_vocabulary

    return read_vocabulary(root)
