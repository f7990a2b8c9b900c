"""Where every page and file of the hub lives, known before anything renders.

Content names pages: a case study's file name is its URL, a framework item's id is its page, and a
``redirect_from`` entry names an address that will become a redirect. None of them may take the
address of a page the hub generates (an index, a term page, an export, a feed, a JSON Schema) or a
hand-written page in ``docs/``: MkDocs and the redirects plugin would silently replace one page
with the other. So every generated path is declared here, from the catalogue alone, and
``reserved_path_problems`` checks every address that content claims against them, as validation.
A test proves that the renderer and the export writer produce exactly the declared paths.
"""

from __future__ import annotations

import posixpath

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .catalogue import Catalogue
from .content_types import CASE_STUDY, CONCLUSION, CONTENT_TYPES, FRAMEWORK, RESEARCH, ROLE, WORKSHOP, ContentType, Entry
from .loader import dotted_path
from .problems import Problem

CONCLUSIONS_INDEX = "learning-report/conclusions/index.md"
WORKSHOPS_INDEX = "learning-report/workshops/index.md"
# Pages generated from the whole catalogue rather than from one content file.
FRAMEWORK_COMPARISON = "frameworks/compare.md"  # reserved: no framework may be named 'compare'
FIXED_PAGES = ("case-studies/index.md", "case-studies/all.md", "principles/index.md", "frameworks/index.md",
               FRAMEWORK_COMPARISON, "roles/index.md", "roles/diversity.md", "coverage.md", "glossary.md",
               "about/sources.md", "contribute/fields.md", "data/index.md", "learning-report/index.md",
               CONCLUSIONS_INDEX, WORKSHOPS_INDEX)


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a source file: 'roles/x/index.md' -> 'roles/x/'."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def content_page(content_type: ContentType, slug: str, area: str = "") -> str | None:
    """The page a content file becomes (diversity figures and principles have no page of their own name)."""
    if content_type is CASE_STUDY:
        return f"case-studies/{slug}.md"
    if content_type is ROLE:
        return f"roles/{area}/{slug}.md"
    if content_type is FRAMEWORK:
        return f"frameworks/{slug}/index.md"
    if content_type is CONCLUSION:
        return f"learning-report/conclusions/{slug}.md"
    if content_type is WORKSHOP:
        return f"learning-report/workshops/{slug}.md"
    if content_type is RESEARCH:
        return f"research/{slug}.md"
    return None


def source_files(catalogue: Catalogue) -> dict[str, str]:
    """Each page made from one content file, and that file (what "edit this page" opens)."""
    pages = {content_page(e.type, e.slug, e.area): e.path for e in catalogue.entries_with_pages}
    pages.update({ref.src_uri: ref.framework.path for ref in catalogue.framework_items})
    pages.update({f"principles/{e.record.number}.md": e.path for e in catalogue.principles})
    return pages


def generated_pages(catalogue: Catalogue) -> list[str]:
    """Every page the hub generates that no single content file names: indexes and term pages."""
    pages = list(FIXED_PAGES)
    pages += [f"principles/{e.record.number}.md" for e in catalogue.principles]
    for taxonomy in catalogue.taxonomies:
        if taxonomy.key != "principle":  # a principle's page is its own term page
            pages += [term.src_uri for term in catalogue.terms[taxonomy.key]] + [taxonomy.index_src_uri]
    pages += [f"roles/{area}/index.md" for area in catalogue.role_areas]
    return pages


def export_paths(catalogue: Catalogue) -> list[str]:
    """Every data file, JSON Schema and feed the hub publishes."""
    paths = ["data/case-studies.json", "data/framework.json", "data/roles.json", "data/roles.csv",
             "data/conclusions.json", "data/conclusions.csv", "data/workshops.json"]
    paths += [f"data/roles/{area}.{ext}" for area in catalogue.role_areas for ext in ("json", "csv")]
    paths += [f"data/schemas/{t.key}.schema.json" for t in CONTENT_TYPES]
    return paths + ["feeds/case-studies.xml", "feeds/case-studies.json", "feeds/sitemap.xml", "robots.txt"]


def served_paths(catalogue: Catalogue, docs_dir: Path) -> list[str]:
    """Every page and file a build of ``catalogue`` serves (its redirects aside), without rendering any."""
    pages = [content_page(e.type, e.slug, e.area) for e in catalogue.entries_with_pages]
    pages += [ref.src_uri for ref in catalogue.framework_items]
    return [*pages, *generated_pages(catalogue), *export_paths(catalogue), *hand_written_pages(docs_dir)]


def page_parents(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page kept out of the navigation -> the page it sits under.

    A navigation listing every case study and role makes the build quadratic, so those pages are
    not in it; the builder hangs each under this parent instead, which gives it the active tab, the
    section's sidebar and the breadcrumb trail. A page sits under its folder's index (an index page
    under the folder above), a framework item under the item it belongs to, a research record under
    the page of the sources.
    """
    pages = [content_page(e.type, e.slug, e.area)
             for e in (*catalogue.case_studies, *catalogue.roles, *catalogue.frameworks, *catalogue.conclusions,
                       *catalogue.workshops, *catalogue.research.values())]
    pages += [*generated_pages(catalogue), *(ref.src_uri for ref in catalogue.framework_items)]
    parents = {page: _enclosing_index(page) for page in pages}
    for entry in catalogue.research.values():  # a page about a source document, under the page of the sources
        parents[content_page(RESEARCH, entry.slug)] = "about/sources.md"
    for ref in catalogue.framework_items:
        if ref.item.parent:
            parents[ref.src_uri] = f"frameworks/{ref.framework.slug}/{ref.item.parent}.md"
    return {page: parent for page, parent in parents.items() if parent is not None}


def _enclosing_index(src_uri: str) -> str | None:
    *folders, name = src_uri.split("/")
    if name == "index.md":
        folders = folders[:-1]
    return "/".join(folders) + "/index.md" if folders else None  # top-level pages are in the navigation


def urls_depending_on(content_type: ContentType, rel: str) -> tuple[str, ...]:
    """URL prefixes that an invalid content file may be the only reason for (its own page, its role
    list, the term pages of its ICS or themes): while it is invalid, a published URL among them is
    not reported as lost, since fixing the file may well bring it back."""
    page = content_page(content_type, Path(rel).stem, Path(rel).parent.name)
    prefixes = ("ics/", "themes/", "principles/")
    if content_type is ROLE:
        area = Path(rel).parent.name
        prefixes += (f"roles/{area}/", f"data/roles/{area}.")
    return prefixes + ((url_of(page),) if page else ())


def hand_written_pages(docs_dir: Path) -> list[str]:
    """Source paths of the Markdown pages kept in docs/."""
    if not docs_dir.is_dir():
        return []
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


@dataclass(frozen=True)
class Redirect:
    """A former address of a page, and the content entry (and its ``redirect_from`` index) that names it."""

    old: str  # source path, as the mkdocs-redirects plugin takes it
    new: str
    entry: Entry
    index: int


def redirects(catalogue: Catalogue) -> Iterator[Redirect]:
    """Every redirect that content asks for."""
    for entry in (*catalogue.all_case_studies, *catalogue.roles):
        for index, old in enumerate(entry.record.redirect_from):
            yield Redirect(content_page(entry.type, old, entry.area), content_page(entry.type, entry.slug, entry.area),
                           entry, index)
    for framework in catalogue.frameworks:
        for index, old in enumerate(framework.record.redirect_from):
            yield Redirect(content_page(FRAMEWORK, old), content_page(FRAMEWORK, framework.slug), framework, index)
            for item in framework.record.items:
                yield Redirect(f"frameworks/{old}/{item.id}.md", f"frameworks/{framework.slug}/{item.id}.md",
                               framework, index)


@dataclass(frozen=True)
class Claim:
    """An address that content asks for, and where in which file it asks."""

    src_uri: str
    path: str
    line: int
    field: str
    what: str  # how the message names the claimed thing
    is_page: bool  # a page of its own (a file or an item), not a redirect


def _claims(files: list[tuple[ContentType, str]], catalogue: Catalogue) -> Iterator[Claim]:
    for content_type, rel in files:  # every file, valid or not: a reserved name is reported at once
        folder, _, name = rel.rpartition("/")  # strings, not Paths: this runs twice for every content file
        page = content_page(content_type, posixpath.splitext(name)[0], folder.rpartition("/")[2])
        if page is not None:
            yield Claim(page, rel, 1, "file", f"the file name '{name}'", True)
    for framework in catalogue.frameworks:
        for index, item in enumerate(framework.record.items):
            at = ("items", index, "id")
            yield Claim(f"frameworks/{framework.slug}/{item.id}.md", framework.path, framework.document.line_of(at),
                        dotted_path(at), f"the item id '{item.id}'", True)
    for redirect in redirects(catalogue):
        at = ("redirect_from", redirect.index)
        old = redirect.entry.record.redirect_from[redirect.index]
        yield Claim(redirect.old, redirect.entry.path, redirect.entry.document.line_of(at), dotted_path(at),
                    f"the former slug '{old}'", False)


def reserved_path_problems(files: list[tuple[ContentType, str]], catalogue: Catalogue, docs_dir: Path) -> list[Problem]:
    """Content that would take the address of a generated or hand-written page, or of another content page.

    Compared by URL, not by file name, so 'case-studies/index.md' and a page that MkDocs would serve at
    the same directory URL count as one address. A former slug that is another live page of the same
    kind is reported by validation's redirect checks, so redirects are checked against the rest here.
    """
    reserved = {url_of(p): "a page the hub generates" for p in (*generated_pages(catalogue), *export_paths(catalogue))}
    reserved.update({url_of(p): f"the hand-written page docs/{p}" for p in hand_written_pages(docs_dir)})
    content_files = [(e.type, e.path) for e in catalogue.entries_with_pages]
    content_pages: dict[str, list[Claim]] = {}  # URL -> the valid content's own pages there
    for page in _claims(content_files, catalogue):
        if page.is_page:
            content_pages.setdefault(url_of(page.src_uri), []).append(page)
    problems = []
    for claim in _claims(files, catalogue):
        url = url_of(claim.src_uri)
        # Pages of other files, and for an item its own framework's page (two items with one id are
        # reported by the cross-reference checks).
        others = [p for p in content_pages.get(url, [])
                  if p.path != claim.path or (claim.field != "file" and p.field == "file")]
        taken = reserved.get(url) or (f"the page of {others[0].path}" if claim.is_page and others else None)
        if taken:
            problems.append(Problem(claim.path, claim.line, claim.field,
                                    f"{claim.what} would take the address /{url}, which is {taken}; "
                                    "choose another name ('index' and the names of generated pages are reserved)"))
    return problems
