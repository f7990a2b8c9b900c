"""What the framework comparison page (/frameworks/compare/) shows, as template context.

Every local framework is laid against the 5 national principles from the framework data alone:
a framework file added to ``framework/frameworks/`` appears as one more column, with no template or
code change. Each item stands under every principle it serves, with who made that link (the source,
or the hub's editors), and a principle that no item of a framework is linked to is shown as a gap,
since a missing link is as much a finding as a present one.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schemas
from .catalogue import Catalogue, FrameworkItemRef
from .content_types import Entry


@dataclass(frozen=True)
class LinkedItem:
    """A framework item under one principle, and who linked it there."""

    ref: FrameworkItemRef
    link: schemas.PrincipleLink


@dataclass(frozen=True)
class Cell:
    """One framework's items under one principle: empty is a gap."""

    principle: Entry[schemas.Principle]
    items: tuple[LinkedItem, ...]

    @property
    def gap(self) -> bool:
        return not self.items


@dataclass(frozen=True)
class FrameworkColumn:
    """One framework against every principle, in the principles' order."""

    framework: Entry[schemas.Framework]
    cells: tuple[Cell, ...]

    @property
    def gaps(self) -> tuple[int, ...]:
        """The principles this framework links no item to."""
        return tuple(cell.principle.record.number for cell in self.cells if cell.gap)

    def links_made_by(self, hub: bool) -> int:
        return sum(1 for cell in self.cells for linked in cell.items if linked.link.by_hub == hub)

    @property
    def unlinked(self) -> int:
        """Items linked to no principle (a scope area, say): counted, so none seems to be left out."""
        return sum(1 for item in self.framework.record.items if not item.serves)


def comparison_columns(catalogue: Catalogue) -> list[FrameworkColumn]:
    columns = []
    for framework in catalogue.frameworks:
        refs = catalogue.items_of(framework)
        cells = tuple(Cell(principle, tuple(LinkedItem(ref, link) for ref in refs for link in ref.item.principle_links
                                            if link.number == principle.record.number))
                      for principle in catalogue.principles)
        columns.append(FrameworkColumn(framework, cells))
    return columns
