"""Disclosure control for the demographic tables: a table is shown whole, or not at all.

A table of counts of people (by age band, sex, ethnicity or disability; for the whole population or
for each profession group) is shown with every number exact, cells and totals alike, when none of
those numbers is from 1 to 4. Otherwise it is withheld whole, and the page says only that it was.

Why not hide the small numbers and enough others to protect them (the hub did that until
December 2026): which other numbers get hidden depends on the values, so a reader who knows the
rules can try every table that fits the shown numbers, re-run the rules on each, and keep only those
that give the same page. Often only one is left, and the hidden numbers are found exactly (a sex
table of Female 6, Male 6, Not stated 4 hid Female and Not stated; only 6 and 4 give that page).

Why this holds against that reader. What a page shows of a withheld table is the same for every
table that has a number from 1 to 4: the number of people counted (shown only when it is 5 or more)
and, when another table of the same people by profession group is shown, the size of each group
(then all 5 or more, as a group of 1 to 4 withholds every table by group). Take any cell of a
withheld table: put 1 person in it and everyone else of its row in another category, or put 2
there. Both tables give the same row totals and grand total and both have a number from 1 to 4, so
both give the same page: the cell could be 1 or 2. Its row and column totals, when not shown
elsewhere, can likewise be 1 or 2. Nothing hidden can be pinned down. ``tests/test_diversity.py``
checks this by brute force on random small tables.

Why not rounding: rounding every count to a multiple of 5 with exact or separately rounded totals
can still pin numbers down (four cells rounded to 0, so 0 to 2 each, with a total of 8 are all 2;
two tables of the same people, one rounded up and one down, can meet at a single total), and it
would blur the zeros and the large counts that make the figures worth reading.

Out of scope (the page says so): a shown table can still show that everyone in a group is in one
category (attribute disclosure). Counts of role listings are not people and are public on the role
lists: they are shown as they are, with no disclosure control.
"""

from __future__ import annotations

from dataclasses import dataclass

SMALLEST_SHOWN = 5  # counts from 1 to SMALLEST_SHOWN - 1 are never shown


@dataclass(frozen=True)
class Table:
    """Counts with their row and column labels; the totals are computed, never typed."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def __post_init__(self):
        if not self.rows or not self.columns:
            raise ValueError("a table needs at least one row and one column")
        if len(self.counts) != len(self.rows) or any(len(row) != len(self.columns) for row in self.counts):
            raise ValueError("counts must have one row per row label and one cell per column label")
        if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for row in self.counts for n in row):
            raise ValueError("counts must be whole numbers, 0 or more")

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(column) for column in zip(*self.counts))

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def numbers(self) -> tuple[int, ...]:
        """Every number the table shows: cells, row totals, column totals and the grand total."""
        return (*(n for row in self.counts for n in row), *self.row_totals, *self.column_totals, self.total)

    def row_percent(self, row: int, column: int) -> int | None:
        """A cell as a percentage of its row's total."""
        return percent(self.counts[row][column], self.row_totals[row])

    def column_total_percent(self, column: int) -> int | None:
        """A column's total as a percentage of the grand total."""
        return percent(self.column_totals[column], self.total)


def percent(count: int, total: int) -> int | None:
    """A whole percentage, rounded half up; None for a total of 0 (nothing to take a share of)."""
    if not total:
        return None
    return (200 * count + total) // (2 * total)


def is_small(count: int) -> bool:
    """A count that could help identify someone: from 1 to 4 (0 means no one, and is shown)."""
    return 0 < count < SMALLEST_SHOWN


def publish(table: Table) -> Table | None:
    """The table itself when none of its numbers is small, else None: it is withheld whole.

    The rule reads only whether *some* number is small, never which one or the other values, so
    every withheld table looks the same to a reader (see the module docstring).
    """
    return None if any(map(is_small, table.numbers())) else table
