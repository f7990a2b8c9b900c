"""What the diversity analysis page (/roles/diversity/) shows, as template context.

Two kinds of figures:
- the profession and function mix of the listed roles, per ICS or region and overall. These count
  role listings, which the role lists publish one by one, so they are shown exactly, however small:
  hiding a count that anyone can make by counting a public list protects no one;
- demographic figures (age band, sex, ethnicity, disability) from the aggregate count files, one
  section per ICS and year. These count people, so each table goes through ``diversity.publish``:
  shown whole when none of its numbers is from 1 to 4, otherwise withheld whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schemas
from .catalogue import Catalogue
from .diversity import SMALLEST_SHOWN, Table, publish

DIMENSION_LABELS = {"age_band": "Age band", "sex": "Sex", "ethnicity": "Ethnic group", "disability": "Disability"}


@dataclass(frozen=True)
class Bar:
    """One row of a distribution: a label with its count and percentage."""

    label: str
    count: int
    percent: int | None
    note: str = ""  # e.g. the professions named in a profession group


def _distribution(table: Table, row: int | None = None, notes: dict[str, str] | None = None,
                  skip_zero: bool = False) -> list[Bar]:
    """A row of the table (or, with ``row`` None, its column totals) as bars; zeros may be left out."""
    notes = notes or {}
    bars = []
    for j, label in enumerate(table.columns):
        if row is None:
            count, share = table.column_totals[j], table.column_total_percent(j)
        else:
            count, share = table.counts[row][j], table.row_percent(row, j)
        if not (skip_zero and count == 0):
            bars.append(Bar(label, count, share, notes.get(label, "")))
    return bars


def diversity_context(catalogue: Catalogue) -> dict:
    vocabulary = catalogue.vocabulary
    groups = tuple(dict.fromkeys(p.group for p in vocabulary.professions.values()))
    context = {"smallest_shown": SMALLEST_SHOWN, "areas": [], "overall": None, "unlisted_professions": [],
               "figures": [_figures_section(catalogue, e) for e in catalogue.diversity_figures]}
    if not catalogue.roles:
        return context
    areas = catalogue.role_areas

    def by_area(columns: tuple[str, ...], key) -> Table:
        counts = tuple(tuple(sum(1 for e in catalogue.roles_in_area(a) if key(e) == c) for c in columns) for a in areas)
        return Table(tuple(catalogue.area_label(a) for a in areas), columns, counts)

    professions = by_area(groups, lambda e: vocabulary.professions[e.record.profession].group)
    functions = by_area(schemas.ROLE_FUNCTIONS, lambda e: e.record.function)
    named = {e.record.profession for e in catalogue.roles}
    notes = {group: ", ".join(p.label for p in vocabulary.professions.values() if p.group == group and p.slug in named)
             or "None" for group in groups}
    context["overall"] = {"professions": _distribution(professions, notes=notes), "functions": _distribution(functions),
                          "total": professions.total}
    context["unlisted_professions"] = [p.label for p in vocabulary.professions.values() if p.slug not in named]
    context["areas"] = [{"slug": area, "label": catalogue.area_label(area), "total": professions.row_totals[i],
                         "professions": _distribution(professions, i, skip_zero=True),
                         "functions": _distribution(functions, i, skip_zero=True)}
                        for i, area in enumerate(areas)]
    return context


def _figures_section(catalogue: Catalogue, entry) -> dict:
    """One aggregate figures file: each dimension's table, shown whole or withheld whole; nothing at
    all (not even the number of people) when it counts fewer than 5 people."""
    record: schemas.DiversityFigures = entry.record
    people = next(iter(record.tables.given().values())).total
    tables = []
    if people >= SMALLEST_SHOWN:
        for dimension, given in record.tables.given().items():
            rows = {group: row for group, row in given.by_group().items() if sum(row.values())}
            shown = publish(Table(tuple(rows), schemas.DEMOGRAPHIC_CATEGORIES[dimension],
                                  tuple(tuple(row.values()) for row in rows.values())))
            by_group = given.by_profession_group is not None
            tables.append({"dimension": dimension, "label": DIMENSION_LABELS[dimension], "by_group": by_group,
                           "table": shown, "overall": _distribution(shown, None if by_group else 0) if shown else None})
    ics_slug = catalogue.vocabulary.icss[record.ics].slug
    return {"entry": entry, "record": record, "ics_slug": ics_slug, "people": people,
            "ics_page": any(term.slug == ics_slug for term in catalogue.terms["ics"]),
            "too_small": people < SMALLEST_SHOWN, "tables": tables,
            "sources": [s.label(catalogue.vocabulary) for s in record.source]}
