"""What the diversity analysis page (/roles/diversity/) shows, as template context.

Two kinds of figures, both published only through ``diversity.publish`` (so no count from 1 to 4
reaches the page, and no hidden count can be worked out from the totals):
- the profession and function mix of the listed roles, per ICS or region and overall. Each is one
  table of areas by profession group (or function): the overall figures are its column totals and
  each area's figures its row, so the area tables and the overall table are protected together.
  The roles in each area are in both tables, so those totals count as known (``known_margins``);
- demographic figures (age band, sex, ethnicity, disability) from the aggregate count files, one
  section per ICS and year. Profession groups with fewer than 5 people are merged first, so the
  group totals every dimension shares are all shown and no table leaks another's hidden total.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schemas
from .catalogue import Catalogue
from .diversity import SMALLEST_SHOWN, PublishedTable, Table, merge_small_rows, publish

MERGED_GROUPS = "Other profession groups"
DIMENSION_LABELS = {"age_band": "Age band", "sex": "Sex", "ethnicity": "Ethnic group", "disability": "Disability"}


@dataclass(frozen=True)
class Bar:
    """One row of a distribution: a label with its count and percentage (None when hidden)."""

    label: str
    count: int | None
    percent: int | None
    note: str = ""  # e.g. the professions named in a profession group


def _distribution(table: PublishedTable, row: int | None = None, notes: dict[str, str] | None = None,
                  skip_zero: bool = False) -> list[Bar]:
    """A row of the table (or, with ``row`` None, its column totals) as bars; shown zeros may be left out."""
    notes = notes or {}
    bars = []
    for j, label in enumerate(table.columns):
        if row is None:
            count, share = table.column_totals[j], table.column_total_percent(j)
        else:
            count, share = table.cells[row][j], table.row_percent(row, j)
        if not (skip_zero and count == 0):
            bars.append(Bar(label, count, share, notes.get(label, "")))
    return bars


def diversity_context(catalogue: Catalogue) -> dict:
    vocabulary = catalogue.vocabulary
    groups = tuple(dict.fromkeys(p.group for p in vocabulary.professions.values()))
    context = {"marker": "[c]", "smallest_shown": SMALLEST_SHOWN, "areas": [], "overall": None,
               "unlisted_professions": [], "figures": [_figures_section(catalogue, e) for e in catalogue.diversity_figures]}
    if not catalogue.roles:
        return context
    areas = catalogue.role_areas

    def by_area(columns: tuple[str, ...], key) -> PublishedTable:
        counts = tuple(tuple(sum(1 for e in catalogue.roles_in_area(a) if key(e) == c) for c in columns) for a in areas)
        return publish(Table(tuple(catalogue.area_label(a) for a in areas), columns, counts), known_margins=True)

    professions = by_area(groups, lambda e: vocabulary.professions[e.record.profession].group)
    functions = by_area(schemas.ROLE_FUNCTIONS, lambda e: e.record.function)
    # Which professions the listings name, for the groups whose count is shown: naming them (or
    # saying there are none) for a hidden count would tell a hidden 0 from a hidden 1 to 4.
    named = {e.record.profession for e in catalogue.roles}
    shown = {group for j, group in enumerate(groups) if professions.column_totals[j] is not None}
    notes = {group: ", ".join(p.label for p in vocabulary.professions.values() if p.group == group and p.slug in named)
             or "None" if group in shown else context["marker"] for group in groups}
    context["overall"] = {"professions": _distribution(professions, notes=notes), "functions": _distribution(functions),
                          "total": professions.total}
    context["unlisted_professions"] = [p.label for p in vocabulary.professions.values()
                                       if p.group in shown and p.slug not in named]
    context["areas"] = [{"slug": area, "label": catalogue.area_label(area), "total": professions.row_totals[i],
                         "professions": _distribution(professions, i, skip_zero=True),
                         "functions": _distribution(functions, i, skip_zero=True)}
                        for i, area in enumerate(areas)]
    return context


def _figures_section(catalogue: Catalogue, entry) -> dict:
    """One aggregate figures file: a table per dimension, unless it counts fewer than 5 people."""
    record: schemas.DiversityFigures = entry.record
    tables = []
    people = next(iter(record.tables.given().values())).total
    if people >= SMALLEST_SHOWN:
        for dimension, given in record.tables.given().items():
            rows = {group: row for group, row in given.by_group().items() if sum(row.values())}
            table = Table(tuple(rows), schemas.DEMOGRAPHIC_CATEGORIES[dimension],
                          tuple(tuple(row.values()) for row in rows.values()))
            by_group = given.by_profession_group is not None
            published = publish(merge_small_rows(table, MERGED_GROUPS) if by_group else table, known_margins=True)
            tables.append({"dimension": dimension, "label": DIMENSION_LABELS[dimension], "by_group": by_group,
                           "table": published, "overall": _distribution(published, None if by_group else 0)})
    ics_slug = catalogue.vocabulary.icss[record.ics].slug
    return {"entry": entry, "record": record, "ics_slug": ics_slug,
            "ics_page": any(term.slug == ics_slug for term in catalogue.terms["ics"]),
            "too_small": people < SMALLEST_SHOWN, "tables": tables,
            "sources": [s.label(catalogue.vocabulary) for s in record.source]}
