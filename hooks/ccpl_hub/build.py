"""One build of the hub: validated content, its catalogue, and everything generated from it.

Shared by the MkDocs hook, the scripts and the tests, so they all build the same thing.

The live preview builds again after every edit, and most edits change one file's body. A build
made after an earlier one (``previous``) keeps the earlier pages whose inputs are unchanged: when
every record, the vocabularies, the date, the settings and the templates are as they were, the
catalogue is the same, and a page can differ only in a contributed body it prints, which a page
prints only for its own file (a body edit changes no other page, as tests/test_incremental_preview.py
checks for every content type). So only the pages of the files whose bodies changed are rendered
again, and the exports (which hold no body) are kept whole.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .content_types import Entry
from .catalogue import Catalogue
from .exports import export_files
from .pages import PageRenderer
from .views.base import TEMPLATES, View
from .loader import dotted_path
from .permalinks import live_urls, redirect_map
from .preview import one_line
from .problems import Problem
from .dates import SourceDate
from .sharing import modified_dates
from .review import build_date, overdue_roles
from .repository import Repository
from .routes import page_parents, redirects, served_paths, source_files, url_of
from .validation import ContentCache, validate_content


@dataclass
class HubBuild:
    root: Path
    site_url: str
    today: date
    problems: list[Problem] = field(default_factory=list)
    catalogue: Catalogue | None = None
    repository: Repository | None = None  # the site's links to its source; None for engine-only uses
    files_checked: int = 0
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # the valid records, by content type key
    previous: "HubBuild | None" = field(default=None, repr=False)  # an earlier build whose pages may be kept
    keep_views: bool = False  # keep ``views`` for a later build (a live preview's) to reuse
    views: dict[str, str] = field(default_factory=dict)  # each page as its view rendered it (before meta)
    html_spans: dict[str, array] = field(default_factory=dict)  # where each page's HTML blocks are (``prerendered``)
    rendered: list[str] = field(default_factory=list)  # the pages this build rendered; the others were kept

    @classmethod
    def from_content(cls, root: Path, site_url: str = "", today: date | None = None,
                     repository: Repository | None = None, cache: ContentCache | None = None,
                     previous: "HubBuild | None" = None, keep_views: bool = False) -> "HubBuild":
        """``cache``: what the files validated to in this process's earlier builds; ``previous``: the
        last build of this process, whose unchanged pages are kept; ``keep_views``: this build keeps its
        pages as rendered for a later one (all three the live preview's; a one-off build holds one copy)."""
        result = validate_content(root, cache=cache)
        build = cls(root, site_url, today or build_date(), list(result.problems), repository=repository,
                    files_checked=result.files_checked, entries=result.entries, previous=previous,
                    keep_views=keep_views)
        if previous is not None:
            previous.previous = None  # a build keeps one earlier build, not the chain of them
        if repository is not None:
            build.problems.extend(repository.problems())
        if not build.problems:
            build.catalogue = Catalogue(result)
            build.problems.extend(build.redirect_problems())
        return build

    @cached_property
    def pages(self) -> dict[str, str]:
        kept = self._kept_views()
        view = _KeepingView(self.catalogue, self.today, self.repository, self.site_url, kept,
                            self.previous.html_spans if kept else {}, self.keep_views)
        pages = PageRenderer(self.catalogue, self.today, view).render_all()
        self.views, self.rendered, self.html_spans = view.pages, view.rendered, view.html_spans
        return pages

    def forget_written(self, keep_for_next_build: bool) -> None:
        """Let go of the rendered pages and exports once a builder has them as files: they are the
        largest thing a build holds (about 100 MB at 8,000 case studies), and the builder then holds
        the pages itself. A live preview keeps the exports for its next rebuild (``keep_for_next_build``),
        which reuses them when an edit changes only a body (its ``views`` are kept anyway)."""
        self.__dict__.pop("pages", None)
        if not keep_for_next_build:
            self.__dict__.pop("exports", None)

    @cached_property
    def exports(self) -> dict[str, bytes]:
        if self._changed_bodies is not None:
            return self.previous.exports
        return export_files(self.catalogue, self.site_url)

    @cached_property
    def _template_stamps(self) -> dict[str, int]:
        return {path.name: path.stat().st_mtime_ns for path in TEMPLATES.iterdir()}

    @cached_property
    def _changed_bodies(self) -> set[str] | None:
        """The files whose bodies alone changed since ``previous`` (their paths), or None when anything
        else may have changed (or there is no earlier build): then everything is generated again."""
        previous = self.previous
        if previous is None or previous.catalogue is None or previous.entries.keys() != self.entries.keys():
            return None
        if ((previous.site_url, previous.repository, previous.today, previous.catalogue.vocabulary, previous._template_stamps)
                != (self.site_url, self.repository, self.today, self.catalogue.vocabulary, self._template_stamps)):
            return None
        changed = set()
        for key, entries in self.entries.items():
            if len(entries) != len(previous.entries[key]):
                return None
            for before, now in zip(previous.entries[key], entries):
                if before is not now:  # an unchanged file keeps its Entry (the validation cache)
                    if before.path != now.path or before.record != now.record:
                        return None
                    changed.add(now.path)
        return changed

    def _kept_views(self) -> dict[str, str]:
        """The earlier build's pages that this build can keep (none without an earlier build)."""
        changed = self._changed_bodies
        if changed is None:
            return {}
        sources = source_files(self.catalogue)
        return {src_uri: page for src_uri, page in self.previous.views.items() if sources.get(src_uri) not in changed}

    @cached_property
    def page_parents(self) -> dict[str, str]:
        return page_parents(self.catalogue)

    @cached_property
    def modified_dates(self) -> dict[str, SourceDate]:
        """Generated page -> when its content last changed (the sitemap's <lastmod>), where its records say."""
        return modified_dates(self.catalogue)

    @cached_property
    def redirects(self) -> dict[str, str]:
        return redirect_map(self.catalogue)

    def served_urls(self) -> set[str]:
        return live_urls(self._served_paths(), self.redirects)

    def _served_paths(self) -> list[str]:
        """From the routes, without rendering a page (a test proves the views render exactly these)."""
        return served_paths(self.catalogue, self.root / "docs")

    def redirect_problems(self) -> list[Problem]:
        """The guarantee behind validation's reserved names: a redirect never replaces a page that
        this build renders or keeps in docs/ (mkdocs-redirects would overwrite it)."""
        rendered = {url_of(path) for path in self._served_paths()}
        return [Problem(r.entry.path, r.entry.document.line_of(("redirect_from", r.index)), dotted_path(("redirect_from", r.index)),
                        f"'{r.entry.record.redirect_from[r.index]}' would replace the page /{url_of(r.old)}; "
                        "a former slug must not be the address of a page")
                for r in redirects(self.catalogue) if url_of(r.old) in rendered]

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> term, the abbr extension's glossary: a tooltip wherever the abbreviation appears."""
        return {t.abbreviation: t.term for t in self.catalogue.vocabulary.glossary if t.abbreviation}

    def review_summary(self) -> str | None:
        """The overdue role listings as one line: a build log that lists each buries what matters."""
        overdue = overdue_roles(self.catalogue.roles if self.catalogue else [], self.today)
        return one_line(len(overdue), "role listing is overdue for review", "role listings are overdue for review",
                        [e.path for e in overdue], f"last reviewed more than 12 months before {self.today.isoformat()}; "
                        "`make validate VALIDATE_ARGS=--review` lists them all")


class _KeepingView(View):
    """The views' ``View``, keeping the pages it is given instead of rendering them again, and noting
    every page as rendered, for the next build to keep."""

    def __init__(self, catalogue: Catalogue, today: date, repository: Repository | None, site_url: str,
                 kept: dict[str, str], kept_spans: dict[str, array], keep: bool):
        super().__init__(catalogue, today, repository, site_url)
        self.kept, self.kept_spans, self.keep, self.pages, self.rendered = kept, kept_spans, keep, {}, []

    def render(self, page_uri: str, *args, **kwargs) -> str:
        page = self.kept.get(page_uri)
        if page is None:
            page = super().render(page_uri, *args, **kwargs)
            self.rendered.append(page_uri)
        elif page_uri in self.kept_spans:
            self.html_spans[page_uri] = self.kept_spans[page_uri]
        if self.keep:
            self.pages[page_uri] = page
        return page
