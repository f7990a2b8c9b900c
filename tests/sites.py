"""Real builds of the hub over synthetic content, and readers for what the built site serves.

The site tests build the repo's real ``mkdocs.yml``, ``docs/``, ``overrides/`` and ``hooks/`` next to a
``write_corpus`` content root, with ``mkdocs build --strict`` in a subprocess, as ``make site`` does,
then read the HTML, exports and feeds. The fixture corpus is declared here as facts (``Case``,
``Listing``) so that tests state what every page must show in terms of the content they wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

from corpus import REPO_ROOT, RESEARCH_PATH, RESEARCH_TEXT, case_study_text, corpus_files, role_text, write_corpus
from site_server import BUILD_ENV, build_site

BUILD_DATE = BUILD_ENV["CCPL_BUILD_DATE"]
SITE_URL = "https://hub.example/"
SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "hooks")
BUILD_RECORD = "build-result.json"  # beside the built site: the build's exit code and output
VALIDATE = REPO_ROOT / "scripts" / "validate.py"
REGION_SLUGS = {
    "East of England": "east-of-england", "London": "london", "Midlands": "midlands",
    "North East and Yorkshire": "north-east-and-yorkshire", "North West": "north-west",
    "South East": "south-east", "South West": "south-west",
}
CATEGORY_SLUGS = {"Emerging frameworks": "emerging-frameworks", "Frameworks in design": "frameworks-in-design",
                  "Principles in practice": "principles-in-practice"}


def ics_slug(name: str) -> str:
    """The URL slug of the fixture's ICS names (no punctuation in them)."""
    return name.lower().replace(" ", "-")


def with_field(text: str, key: str, value: str) -> str:
    """The content file ``text`` with the one-line frontmatter field ``key`` set to ``value``."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    for number in range(1, end):
        if lines[number].startswith(f"{key}:"):
            lines[number] = f"{key}: {value}"
            return "\n".join(lines)
    lines.insert(end, f"{key}: {value}")
    return "\n".join(lines)


# --- the fixture corpus, as facts ---------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    """A synthetic case study: what its file says (``ics_given``) and what the hub must make of it."""

    slug: str
    title: str
    ics_given: str | None
    ics: str | None  # the short name the exports must carry
    ics_code: str | None
    region: str
    category: str
    principles: tuple[int, ...]
    themes: tuple[str, ...]
    published: str
    updated: str | None = None
    change_note: str | None = None

    @property
    def path(self) -> str:
        return f"case_studies/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"case-studies/{self.slug}/"

    @property
    def ics_slug(self) -> str | None:
        return ics_slug(self.ics) if self.ics else None

    def text(self) -> str:
        text = case_study_text(self.title, ics=self.ics_given, region=self.region, category=self.category,
                               principles=f"[{', '.join(map(str, self.principles))}]",
                               themes=f"[{', '.join(self.themes)}]")
        text = with_field(text, "published", self.published)
        if self.updated:
            text = with_field(text, "history", f'[{{date: {self.updated}, note: "{self.change_note}"}}]')
        return text


@dataclass(frozen=True)
class Listing:
    """A synthetic role listing."""

    area: str
    slug: str
    title: str
    ics_given: str | None
    ics: str | None
    ics_code: str | None
    region: str
    status: str = "vacant"
    holder: str | None = None
    profession: str = "medicine"
    last_reviewed: str = "2026-01-10"
    decision_forums: tuple[str, ...] = ("Example forum",)

    @property
    def path(self) -> str:
        return f"framework/roles/{self.area}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"roles/{self.area}/{self.slug}/"

    def text(self) -> str:
        text = role_text(self.title, ics=self.ics_given, region=None if self.ics_given else self.region,
                         status=self.status, holder=self.holder, profession=self.profession)
        text = with_field(text, "last_reviewed", self.last_reviewed)
        return with_field(text, "decision_forums", json.dumps(list(self.decision_forums), ensure_ascii=False))


GLOUCESTERSHIRE = Case("example-case-study-gloucestershire", "Example case study: Gloucestershire", "Gloucestershire",
                       "Gloucestershire", "E54000043", "South West", "Principles in practice", (1, 3),
                       ("primary-care",), "2026-01-15")
DERBYSHIRE = Case("example-case-study-derbyshire", "Example case study: Derbyshire", "Derby and Derbyshire",
                  "Derby and Derbyshire", "E54000058", "Midlands", "Emerging frameworks", (2, 4, 5),
                  ("leadership-development",), "2026-01-10")
LONDON = Case("example-case-study-london", "Example case study: London region", None, None, None, "London",
              "Frameworks in design", (3,), (), "2026-01-20")
STAFFORDSHIRE = Case("example-case-study-staffordshire", "Example case study: Staffordshire", "E54000010",
                     "Staffordshire and Stoke-on-Trent", "E54000010", "Midlands", "Emerging frameworks", (2, 4),
                     ("leadership-development", "primary-care"), "2026-02-01")
HUMBER = Case("example-case-study-humber", "Example case study: Humber", "Humber Coast and Vale",
              "Humber and North Yorkshire", "E54000051", "North East and Yorkshire", "Principles in practice",
              (1, 3), ("primary-care",), "2026-03-01", "2026-06-01", "Example change note: figures corrected.")
SOMERSET = Case("example-case-study-somerset", "Example case study: Somerset", "Somerset", "Somerset", "E54000038",
                "South West", "Principles in practice", (1, 3), ("primary-care",), "2026-04-01")
ADDED = Case("example-case-study-added", "Example case study: Added", "Cambridgeshire and Peterborough",
             "Cambridgeshire and Peterborough", "E54000056", "East of England", "Frameworks in design", (3, 5),
             ("coaching-and-mentoring",), "2026-07-01")
CASES = (GLOUCESTERSHIRE, DERBYSHIRE, LONDON, STAFFORDSHIRE, HUMBER, SOMERSET)

GLOUCESTERSHIRE_ROLES = (
    Listing("gloucestershire", "example-role-vacant", "Example role (vacant)", "Gloucestershire", "Gloucestershire",
            "E54000043", "South West"),
    Listing("gloucestershire", "example-role-filled", "Example role (filled)", "Gloucestershire", "Gloucestershire",
            "E54000043", "South West", status="filled", holder="Example Holder", profession="physiotherapy"),
    # Reviewed 12 months and a day before the build date: overdue.
    Listing("gloucestershire", "example-role-overdue", "Example role (overdue)", "Gloucestershire", "Gloucestershire",
            "E54000043", "South West", last_reviewed="2025-11-22"),
    # Reviewed exactly 12 months before the build date: due today, not overdue.
    Listing("gloucestershire", "example-role-due-today", "Example role (due today)", "Gloucestershire",
            "Gloucestershire", "E54000043", "South West", last_reviewed="2025-11-23"),
)
STAFFORDSHIRE_ROLE = Listing(
    "staffordshire-and-stoke-on-trent", "example-role-staffordshire", "Example role (Staffordshire)", "E54000010",
    "Staffordshire and Stoke-on-Trent", "E54000010", "Midlands", status="filled", holder="Exämple Hölder-Ñame",
    decision_forums=("Example board, with a comma", 'Example "quoted" forum'))
CHESHIRE_ROLE = Listing("cheshire-and-merseyside", "example-role-cheshire", "Example role (Cheshire)",
                        "NHS Cheshire and Merseyside ICB", "Cheshire and Merseyside", "E54000008", "North West")
REGIONAL_ROLE = Listing("midlands", "example-regional-role", "Example regional role", None, None, None, "Midlands",
                        status="unpublished", profession="pharmacy")
LISTINGS = (*GLOUCESTERSHIRE_ROLES, STAFFORDSHIRE_ROLE, CHESHIRE_ROLE, REGIONAL_ROLE)
OVERDUE = GLOUCESTERSHIRE_ROLES[2]

FRAMEWORK_PATH = "framework/frameworks/example-ics-framework.md"
FRAMEWORK_ITEMS = {"theme-1": "Example theme", "priority-1": "Example priority 1", "action-1-1": "Example action 1.1",
                   "priority-2": "Example priority 2", "action-2-1": "Example action 2.1"}  # id -> title, in order
ITEMS_SERVING = {1: ["priority-1"], 2: ["priority-2"], 3: ["priority-2"], 4: [], 5: []}


def corpus(cases=CASES, listings=LISTINGS) -> dict[str, str | None]:
    """The fixture corpus as ``write_corpus`` files: the shared corpus's case studies and roles are
    replaced by these facts; its framework names its ICS by ONS code, as contributors may."""
    shared = corpus_files()
    files: dict[str, str | None] = {p: None for p in shared if p.startswith(("case_studies/", "framework/roles/"))}
    files.update({c.path: c.text() for c in cases})
    files.update({r.path: r.text() for r in listings})
    files[FRAMEWORK_PATH] = shared[FRAMEWORK_PATH].replace("ics: Gloucestershire", "ics: E54000043")
    files[RESEARCH_PATH] = RESEARCH_TEXT  # named after a source id of the real vocabulary, which the fixture site uses
    return files


# --- building and reading a site ----------------------------------------------------------------

def make_project(root: Path, files: dict[str, str | bytes | None], hooks_first: tuple[Path, ...] = ()) -> Path:
    """A content root holding the given corpus and the repo's site configuration, hooks and docs;
    ``hooks_first`` are MkDocs hooks listed before the hub's own (test-only hooks)."""
    write_corpus(root, files)
    _copy_site_sources(root)
    if hooks_first:
        config = root / "mkdocs.yml"
        listed = "".join(f"  - {hook}\n" for hook in hooks_first)
        config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n" + listed, 1), encoding="utf-8")
    return root


def synthetic_project(root: Path, case_studies: int) -> Path:
    """The repo's site configuration, hooks and docs over a synthetic corpus of ``case_studies``
    (``ccpl_hub.synthetic``, as the benchmark builds), for tests that need more than a page of them."""
    from ccpl_hub.synthetic import write_corpus as write_synthetic_corpus

    root.mkdir(parents=True)
    write_synthetic_corpus(root, case_studies, REPO_ROOT)
    _copy_site_sources(root)
    return root


def _copy_site_sources(root: Path) -> None:
    for name in SITE_SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)


def run_validate(root: Path, *args: str, build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    """``scripts/validate.py --root root ...`` as a contributor runs it, on the given build date."""
    return subprocess.run([sys.executable, str(VALIDATE), "--root", str(root), *args], cwd=root,
                          env={**os.environ, **BUILD_ENV, "CCPL_BUILD_DATE": build_date},
                          capture_output=True, text=True, timeout=120)


def output_of(run: subprocess.CompletedProcess) -> str:
    return run.stdout + run.stderr


def resolve(url: str, href: str) -> str:
    """A link on the page at site-relative ``url``, as a site-relative URL (query and fragment kept)."""
    absolute = urljoin(SITE_URL + url, href)
    return absolute[len(SITE_URL):] if absolute.startswith(SITE_URL) else absolute


class Page:
    """One built HTML page, read with lxml."""

    def __init__(self, url: str, html: str):
        self.url = url
        self.tree = lxml.html.fromstring(html)
        self.article = self.tree.xpath("//article")[0]

    @property
    def h1(self) -> str:
        heading = self.article.xpath(".//h1")[0]
        return heading.text_content().removesuffix("¶").strip()

    def links(self, element=None) -> list[str]:
        """Targets of the links inside ``element`` (default: the article), site-relative, in order."""
        scope = self.article if element is None else element
        return [resolve(self.url, a.get("href")) for a in scope.xpath(".//a[@href]")
                if not a.get("href").startswith("#") and "headerlink" not in (a.get("class") or "")]

    def section(self, heading_id: str) -> list:
        """The elements between the h2 with this id and the next h2."""
        heading = self.article.xpath(f".//h2[@id='{heading_id}']")
        assert heading, f"{self.url} has no section #{heading_id}"
        elements = []
        for sibling in heading[0].itersiblings():
            if sibling.tag == "h2":
                break
            elements.append(sibling)
        return elements

    def section_links(self, heading_id: str) -> list[str]:
        return [link for element in self.section(heading_id) for link in self.links(element)]

    def section_text(self, heading_id: str) -> str:
        return " ".join(" ".join(e.text_content().split()) for e in self.section(heading_id))

    def text(self) -> str:
        return " ".join(self.article.text_content().split())


@dataclass
class BuiltSite:
    """A project dir, the site built from it, and the build's output."""

    project: Path
    site: Path
    returncode: int
    output: str

    @classmethod
    def build(cls, project: Path, source: Path | None = None, site_url: str = SITE_URL,
              extra_env: dict[str, str] | None = None) -> "BuiltSite":
        """``source`` (default: ``project`` itself) built strictly into ``project``/site."""
        project.mkdir(parents=True, exist_ok=True)
        run = build_site(source or project, project / "site", site_url=site_url, extra_env=extra_env)
        (project / BUILD_RECORD).write_text(json.dumps([run.returncode, output_of(run)]), encoding="utf-8")
        return cls.built(project)

    @classmethod
    def built(cls, project: Path) -> "BuiltSite":
        """The site an earlier ``build`` of ``project`` made (another test worker may have run it)."""
        returncode, output = json.loads((project / BUILD_RECORD).read_text(encoding="utf-8"))
        return cls(project, project / "site", returncode, output)

    def exists(self, url: str) -> bool:
        path = urlsplit(url).path
        return (self.site / path / "index.html" if path.endswith("/") or not path else self.site / path).is_file()

    def page(self, url: str) -> Page:
        path = self.site / url / "index.html"
        assert path.is_file(), f"no page at /{url}"
        return Page(url, path.read_text(encoding="utf-8"))

    def bytes(self, path: str) -> bytes:
        return (self.site / path).read_bytes()

    def json(self, path: str):
        return json.loads(self.bytes(path))

    @cached_property
    def page_urls(self) -> list[str]:
        """Every HTML page's URL, except the 404 page."""
        return sorted("" if p.parent == self.site else p.parent.relative_to(self.site).as_posix() + "/"
                      for p in self.site.rglob("index.html"))


# The fixture corpus after an edit: ADDED's file added, DERBYSHIRE's removed, one role retitled and
# one added (it sorts first in its list, so every other row moves down).
CHANGED_CASES = tuple(c for c in CASES if c != DERBYSHIRE) + (ADDED,)
RETITLED_ROLE = replace(GLOUCESTERSHIRE_ROLES[1], title="Example role (a retitled role)")
ADDED_ROLE = replace(GLOUCESTERSHIRE_ROLES[0], slug="example-role-added", title="Example role (added)")
CHANGED_LISTINGS = tuple(RETITLED_ROLE if r == GLOUCESTERSHIRE_ROLES[1] else r for r in LISTINGS) + (ADDED_ROLE,)
