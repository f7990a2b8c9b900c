"""One build of the hub: validated content, its catalogue, and everything generated from it.

Shared by the MkDocs hook, the scripts and the tests, so they all build the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .catalogue import Catalogue
from .exports import export_files
from .pages import PageRenderer
from .loader import dotted_path
from .permalinks import live_urls, redirect_map
from .preview import one_line
from .problems import Problem
from .dates import SourceDate
from .sharing import modified_dates
from .review import build_date, overdue_roles
from .repository import Repository
from .routes import hand_written_pages, page_parents, redirects, source_files, url_of
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

    @classmethod
    def from_content(cls, root: Path, site_url: str = "", today: date | None = None,
                     repository: Repository | None = None, cache: ContentCache | None = None) -> "HubBuild":
        """``cache``: what the files validated to in this process's earlier builds (the live preview's)."""
        result = validate_content(root, cache=cache)
        build = cls(root, site_url, today or build_date(), list(result.problems), repository=repository,
                    files_checked=result.files_checked)
        if repository is not None:
            build.problems.extend(repository.problems())
        if not build.problems:
            build.catalogue = Catalogue(result)
            build.problems.extend(build.redirect_problems())
        return build

    @cached_property
    def pages(self) -> dict[str, str]:
        pages = PageRenderer(self.catalogue, self.today).render_all()
        if self.repository is not None:
            for src_uri, path in source_files(self.catalogue).items():
                pages[src_uri] += self.repository.source_links(path, self.site_url.rstrip("/") + "/" + url_of(src_uri))
        return pages

    @cached_property
    def exports(self) -> dict[str, bytes]:
        return export_files(self.catalogue, self.site_url)

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
        return live_urls(self._rendered_paths(), self.redirects)

    def _rendered_paths(self) -> list[str]:
        return [*self.pages, *self.exports, *hand_written_pages(self.root / "docs")]

    def redirect_problems(self) -> list[Problem]:
        """The guarantee behind validation's reserved names: a redirect never replaces a page that
        this build renders or keeps in docs/ (mkdocs-redirects would overwrite it)."""
        rendered = {url_of(path) for path in self._rendered_paths()}
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
