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
from .permalinks import check_published, hand_written_pages, live_urls, redirect_map
from .problems import Problem
from .review import build_date, overdue_roles
from .validation import ValidationResult, validate_content


@dataclass
class HubBuild:
    root: Path
    site_url: str
    today: date
    problems: list[Problem] = field(default_factory=list)
    catalogue: Catalogue | None = None

    @classmethod
    def from_content(cls, root: Path, site_url: str = "", today: date | None = None) -> "HubBuild":
        return cls.from_result(root, validate_content(root), site_url, today)

    @classmethod
    def from_result(cls, root: Path, result: ValidationResult, site_url: str = "",
                    today: date | None = None) -> "HubBuild":
        """A build over content already validated (the validator CLI checks published URLs this way)."""
        build = cls(root, site_url, today or build_date(), list(result.problems))
        if result.ok:
            build.catalogue = Catalogue(result)
            build.problems.extend(build.published_url_problems())
        return build

    @cached_property
    def pages(self) -> dict[str, str]:
        return PageRenderer(self.catalogue, self.today).render_all()

    @cached_property
    def exports(self) -> dict[str, bytes]:
        return export_files(self.catalogue, self.site_url)

    @cached_property
    def redirects(self) -> dict[str, str]:
        return redirect_map(self.catalogue)

    def served_urls(self) -> set[str]:
        sources = [*self.pages, *self.exports, *hand_written_pages(self.root / "docs")]
        return live_urls(sources, self.redirects)

    def published_url_problems(self) -> list[Problem]:
        return check_published(self.root, self.served_urls())

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> term, the abbr extension's glossary: a tooltip wherever the abbreviation appears."""
        return {t.abbreviation: t.term for t in self.catalogue.vocabulary.glossary if t.abbreviation}

    def review_warnings(self) -> list[str]:
        return [f"{e.path}: role listing overdue for review (last reviewed {e.record.last_reviewed.isoformat()}, "
                f"more than 12 months before {self.today.isoformat()})"
                for e in overdue_roles(self.catalogue.roles if self.catalogue else [], self.today)]
