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

from .catalogue import TERM_ROUTES, Catalogue, FrameworkItemRef, Taxonomy, Term
from .content_types import CONTENT_TYPES, DIVERSITY, FRAMEWORK, ROLE, ContentType, Entry
from .loader import dotted_path
from .problems import Problem

# The pages generated from the whole catalogue rather than from one content file, each declared once.
# Views, templates (through the ``link`` filter) and exports name them by these constants.
HUB = "case-studies/index.md"
A_TO_Z = "case-studies/all.md"
PRINCIPLES_INDEX = "principles/index.md"
FRAMEWORKS_INDEX = "frameworks/index.md"
FRAMEWORK_COMPARISON = "frameworks/compare.md"  # reserved: no framework may be named 'compare'
ROLES_INDEX = "roles/index.md"
DIVERSITY_PAGE = "roles/diversity.md"
COVERAGE = "coverage.md"
GLOSSARY = "glossary.md"
SOURCES = "about/sources.md"
FIELDS = "contribute/fields.md"
DATA = "data/index.md"
LEARNING_REPORT_INDEX = "learning-report/index.md"
CONCLUSIONS_INDEX = "learning-report/conclusions/index.md"
WORKSHOPS_INDEX = "learning-report/workshops/index.md"
FIXED_PAGES = (HUB, A_TO_Z, PRINCIPLES_INDEX, FRAMEWORKS_INDEX, FRAMEWORK_COMPARISON, ROLES_INDEX, DIVERSITY_PAGE,
               COVERAGE, GLOSSARY, SOURCES, FIELDS, DATA, LEARNING_REPORT_INDEX, CONCLUSIONS_INDEX, WORKSHOPS_INDEX)
# Families of pages and files with one path per role area or framework item.
ROLE_AREA = "roles/{area}/index.md"
FRAMEWORK_ITEM = "frameworks/{framework}/{item}.md"
# Content types whose records have no page of their own, and where they show instead.
NO_PAGE = {DIVERSITY.key: DIVERSITY_PAGE}
# The hand-written pages that generated pages link to (a test checks that each is in docs/).
HAND_WRITTEN_LINKED = ("contribute/index.md",)

# The data files, feeds and JSON Schemas the hub publishes.
CASE_STUDIES_JSON = "data/case-studies.json"
FRAMEWORK_JSON = "data/framework.json"
ROLES_JSON, ROLES_CSV = "data/roles.json", "data/roles.csv"
CONCLUSIONS_JSON, CONCLUSIONS_CSV = "data/conclusions.json", "data/conclusions.csv"
WORKSHOPS_JSON = "data/workshops.json"
ROLE_AREA_EXPORT = "data/roles/{area}.{ext}"  # ext: json or csv
SCHEMA = "data/schemas/{key}.schema.json"
RSS_FEED, JSON_FEED = "feeds/case-studies.xml", "feeds/case-studies.json"
SITEMAP, ROBOTS = "feeds/sitemap.xml", "robots.txt"


def url_of(src_uri: str) -> str:
    """The directory URL of a source path, the hub's one URL rule (MkDocs' with directory URLs, and
    what the generated pages' relative links assume): 'roles/x/index.md' -> 'roles/x/'."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_of(target: Entry | Term | Taxonomy | FrameworkItemRef) -> str:
    """The source path of the page that shows ``target``: a record, a taxonomy term, a taxonomy's
    index or a framework item. Every generated path of a record or term comes from here."""
    if isinstance(target, Entry):
        if target.type.route is None:
            raise ValueError(f"a {target.type.label} has no page of its own; it shows on {NO_PAGE[target.type.key]}")
        return target.type.route.format(slug=target.slug, area=target.area, record=target.record)
    if isinstance(target, Term):
        return target.taxonomy.route.format(slug=target.slug)
    if isinstance(target, Taxonomy):
        return target.index_route
    if isinstance(target, FrameworkItemRef):
        return FRAMEWORK_ITEM.format(framework=target.framework.slug, item=target.item.id)
    raise TypeError(f"no route for {target!r}")


def role_area_page(area: str) -> str:
    return ROLE_AREA.format(area=area)


def content_page(content_type: ContentType, slug: str, area: str = "") -> str | None:
    """The page a content file of this name becomes, known from its name alone (for a file not yet
    valid, or a former slug): None for a type without pages, or whose page its fields name (principles)."""
    if content_type.route is None or "{record" in content_type.route:
        return None
    return content_type.route.format(slug=slug, area=area)


def relative_url(from_page: str, to_url: str) -> str:
    """``to_url`` (a URL from the site root) as a link from the page at ``from_page``'s URL: right
    under any base URL, and for any builder that gives pages their directory URLs."""
    relative = _relative(to_url, url_of(from_page))
    return relative + "/" if to_url.endswith("/") or not to_url else relative


def source_link(from_page: str, to_path: str) -> str:
    """A Markdown link from one source path to another, relative ('../roles/x.md'), as every builder reads it."""
    return _relative(to_path, posixpath.dirname(from_page))


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for two paths from the site root, worked out from the strings
    alone (relpath asks the file system for the working folder, twice for each of thousands of links)."""
    to, at = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


class UndeclaredLink(ValueError):
    """A generated page links to a path that no route declares: the page would have a broken link."""


class Links:
    """What a generated page may link to: every declared page and file (its routes), and nothing
    else. MkDocs checks Markdown links, not those in raw HTML; this checks both, at render."""

    def __init__(self, catalogue: Catalogue):
        self.declared = frozenset(served_paths(catalogue, None)) | frozenset(HAND_WRITTEN_LINKED)

    def path(self, target: str | Entry | Term | Taxonomy | FrameworkItemRef) -> str:
        """The declared source path of ``target`` (a routed object, or a page or file's path)."""
        path = target if isinstance(target, str) else page_of(target)
        if path not in self.declared:
            raise UndeclaredLink(f"a generated page links to {path!r}, which no route declares")
        return path

    def markdown(self, target, from_page: str, anchor: str = "") -> str:
        """A Markdown link target: the source path relative to ``from_page``'s ('../roles/x.md#row'),
        which every Markdown site builder resolves (and MkDocs checks and rewrites to the page's URL)."""
        return source_link(from_page, self.path(target)) + (f"#{anchor}" if anchor else "")

    def href(self, target, from_page: str, anchor: str = "", query: str = "") -> str:
        """A link from ``from_page`` for raw HTML ('../../roles/x/#row'), which no builder rewrites."""
        return relative_url(from_page, url_of(self.path(target))) + (f"?{query}" if query else "") + (
            f"#{anchor}" if anchor else "")


def source_files(catalogue: Catalogue) -> dict[str, str]:
    """Each page made from one content file, and that file (what "edit this page" opens)."""
    pages = {page_of(e): e.path for e in (*catalogue.entries_with_pages, *catalogue.principles)}
    pages.update({page_of(ref): ref.framework.path for ref in catalogue.framework_items})
    return pages


def generated_pages(catalogue: Catalogue) -> list[str]:
    """Every page the hub generates that no single content file names: indexes and term pages."""
    pages = list(FIXED_PAGES)
    pages += [page_of(e) for e in catalogue.principles]
    for taxonomy in catalogue.taxonomies:
        if taxonomy.key != "principle":  # a principle's page is its own term page
            pages += [page_of(term) for term in catalogue.terms[taxonomy.key]] + [page_of(taxonomy)]
    pages += [role_area_page(area) for area in catalogue.role_areas]
    return pages


def export_paths(catalogue: Catalogue) -> list[str]:
    """Every data file, JSON Schema and feed the hub publishes."""
    paths = [CASE_STUDIES_JSON, FRAMEWORK_JSON, ROLES_JSON, ROLES_CSV, CONCLUSIONS_JSON, CONCLUSIONS_CSV, WORKSHOPS_JSON]
    paths += [ROLE_AREA_EXPORT.format(area=area, ext=ext) for area in catalogue.role_areas for ext in ("json", "csv")]
    paths += [SCHEMA.format(key=t.key) for t in CONTENT_TYPES]
    return paths + [RSS_FEED, JSON_FEED, SITEMAP, ROBOTS]


def served_paths(catalogue: Catalogue, docs_dir: Path | None) -> list[str]:
    """Every page and file a build of ``catalogue`` serves (its redirects aside), without rendering any
    (the hand-written pages in ``docs_dir`` included, unless None)."""
    pages = [page_of(e) for e in catalogue.entries_with_pages]
    pages += [page_of(ref) for ref in catalogue.framework_items]
    hand_written = hand_written_pages(docs_dir) if docs_dir is not None else []
    return [*pages, *generated_pages(catalogue), *export_paths(catalogue), *hand_written]


def page_parents(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page kept out of the navigation -> the page it sits under.

    A navigation listing every case study and role makes the build quadratic, so those pages are
    not in it; the builder hangs each under this parent instead, which gives it the active tab, the
    section's sidebar and the breadcrumb trail. A page sits under its folder's index (an index page
    under the folder above), a framework item under the item it belongs to, a research record under
    the page of the sources.
    """
    pages = [page_of(e) for e in (*catalogue.case_studies, *catalogue.roles, *catalogue.frameworks,
                                  *catalogue.conclusions, *catalogue.workshops, *catalogue.research.values())]
    pages += [*generated_pages(catalogue), *(page_of(ref) for ref in catalogue.framework_items)]
    parents = {page: _enclosing_index(page) for page in pages}
    for entry in catalogue.research.values():  # a page about a source document, under the page of the sources
        parents[page_of(entry)] = SOURCES
    for ref in catalogue.framework_items:
        if ref.item.parent:
            parents[page_of(ref)] = FRAMEWORK_ITEM.format(framework=ref.framework.slug, item=ref.item.parent)
    return {page: parent for page, parent in parents.items() if parent is not None}


def _enclosing_index(src_uri: str) -> str | None:
    *folders, name = src_uri.split("/")
    if name == "index.md":
        folders = folders[:-1]
    return "/".join(folders) + "/index.md" if folders else None  # top-level pages are in the navigation


def _folder(route: str) -> str:
    """The URL folder holding every path of a route: 'ics/{slug}.md' -> 'ics/'."""
    return route[:route.index("{")]


def urls_depending_on(content_type: ContentType, rel: str) -> tuple[str, ...]:
    """URL prefixes that an invalid content file may be the only reason for (its own page, its role
    list, the term pages of its ICS or themes): while it is invalid, a published URL among them is
    not reported as lost, since fixing the file may well bring it back."""
    page = content_page(content_type, Path(rel).stem, Path(rel).parent.name)
    prefixes = tuple(_folder(TERM_ROUTES[key][0]) for key in ("ics", "theme", "principle"))
    if content_type is ROLE:
        area = Path(rel).parent.name
        prefixes += (url_of(role_area_page(area)), _folder(ROLE_AREA_EXPORT.format(area=area, ext="{ext}")))
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
    """Every redirect that content asks for: any record with a ``redirect_from`` field (a content type
    given one gets its redirects here, or fails loudly if it has no page to redirect to)."""
    for entry in catalogue.records:
        for index, old in enumerate(getattr(entry.record, "redirect_from", ())):
            former = content_page(entry.type, old, entry.area)
            if former is None:
                raise ValueError(f"a {entry.type.label} names former addresses but has no page of its own to redirect to")
            yield Redirect(former, page_of(entry), entry, index)
            if entry.type is FRAMEWORK:  # its items' pages move with it
                for item in entry.record.items:
                    yield Redirect(FRAMEWORK_ITEM.format(framework=old, item=item.id),
                                   FRAMEWORK_ITEM.format(framework=entry.slug, item=item.id), entry, index)


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
            yield Claim(FRAMEWORK_ITEM.format(framework=framework.slug, item=item.id), framework.path, framework.document.line_of(at),
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
