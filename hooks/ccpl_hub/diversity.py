"""Statistical disclosure control for the diversity tables: which counts a page may show.

A table of counts is published with its row totals, column totals and grand total. Together they
form an augmented grid of (rows + 1) x (columns + 1) numbers in which every line (each row and each
column, the total row and the total column included) is an equation: its cells add up to its total.
A reader can solve those equations for hidden numbers, so hiding the small counts is not enough.

The rules, following NHS and ONS practice and erring on the cautious side:

1. Primary suppression: every number from 1 to 4 is hidden, cells and totals alike.
2. Zeros are shown (unless hidden under rule 3). A zero says "no one", which is what a diversity
   analysis is for ("no leader's profession is social work"); it identifies no one. Hiding every
   zero would also make the primary suppression pointless: a reader would know a hidden cell is 0
   to 4 instead of 1 to 4.
3. Secondary suppression: no hidden number may be recoverable from what is shown.
   a. While a line has exactly one hidden number (its total minus the others gives it away), the
      smallest shown number in that line is hidden too (a 0 first: it costs the reader least).
   b. Then an exact check finds any hidden number a reader could still pin down: one joined to the
      others by a single line, or one that could only move if another count went below zero. It
      gets the smallest further number that frees it (or, when no single number does, the smallest
      shown number in its own row or column), and a. and b. repeat until nothing can be pinned down.
   The grand total is hidden only when nothing else works.
4. Totals are the true totals of the unsuppressed counts, shown exactly unless hidden by rules 1
   and 3: rounding them instead would not help, as rounded totals still narrow the hidden cells.
5. One marker for every hidden number, whether it is 1 to 4 or hidden to protect one (pages explain
   it as "fewer than 5, or hidden so that a count of fewer than 5 cannot be worked out"). If a
   reader could tell the two apart they would know a primary is 1 to 4 and a secondary 0 or 5 and
   more, and a row with two hidden cells adding up to 6 would give away a 1 and a 5.
6. A percentage is shown only for a shown count over a shown total: a hidden count's percentage is
   hidden too, and so is every percentage of a hidden total (it would give the total away).
7. Known margins: when a table's row totals and grand total are also published in another table (the
   roles in each area appear in the profession table and in the function table), a reader is
   assumed to know them even where they are hidden here (as 1 to 4). They are never hidden as a
   complement, and the check does not count on them, so each table protects its cells on its own and
   linking the tables through those totals gives nothing away. (A cell of a row whose known total is
   0 is never a complement either: it can only be 0. And a table with a single column cannot protect
   its cells against known row totals, which equal them: callers give such tables no known margins.)

The exact check: the reader knows the shown numbers, the equations, and that counts are never
negative. Every line reads "cells - total = 0", so the changes that keep every equation are
circulations on the bipartite graph whose nodes are the lines and whose edges are the hidden numbers:
adding 1, taking 1, adding 1... around a cycle. A cell can always go up, and down only from 1 or
more; a row or column total sits on the other side of its equation, so the other way round. A hidden
number can take another value exactly when its edge lies on a directed cycle of that residual graph.
The equations form a network (totally unimodular) matrix, so this is exact over whole numbers: the
check is a graph search, not an approximation.

Out of scope (say so where the tables are published): a count can be safe and still show that
everyone in a shown group is in one category (attribute disclosure); shown counts are not rounded.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Sequence

Position = tuple[int, int]  # (row, column) in the augmented grid; row R and column C hold the totals
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


@dataclass(frozen=True)
class PublishedTable:
    """A table as a page may show it: ``None`` wherever a number is hidden."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None

    def row_percent(self, row: int, column: int) -> int | None:
        """A cell as a percentage of its row's total."""
        return percent(self.cells[row][column], self.row_totals[row])

    def column_total_percent(self, column: int) -> int | None:
        """A column's total as a percentage of the grand total."""
        return percent(self.column_totals[column], self.total)


def percent(count: int | None, total: int | None) -> int | None:
    """A whole percentage, rounded half up; None when either number is hidden or the total is 0."""
    if count is None or not total:
        return None
    return (200 * count + total) // (2 * total)


def augmented_grid(counts: Sequence[Sequence[int]]) -> dict[Position, int]:
    """The counts with their row totals (last column), column totals (last row) and grand total."""
    rows, columns = len(counts), len(counts[0])
    grid = {(i, j): counts[i][j] for i in range(rows) for j in range(columns)}
    for i in range(rows):
        grid[i, columns] = sum(counts[i])
    for j in range(columns):
        grid[rows, j] = sum(counts[i][j] for i in range(rows))
    grid[rows, columns] = sum(grid[i, columns] for i in range(rows))
    return grid


def hidden_positions(counts: Sequence[Sequence[int]], known_margins: bool = False) -> frozenset[Position]:
    """The positions of the augmented grid that must be hidden (see the module docstring).

    With ``known_margins`` the row totals and the grand total (the last column) are published
    elsewhere: never hidden as a complement, and assumed known when checking the other cells.
    """
    return _Suppression(counts, known_margins).run()


def publish(table: Table, known_margins: bool = False) -> PublishedTable:
    """The table with every number that must stay hidden replaced by None."""
    grid = augmented_grid(table.counts)
    hidden = hidden_positions(table.counts, known_margins)
    rows, columns = len(table.rows), len(table.columns)

    def shown(position: Position) -> int | None:
        return None if position in hidden else grid[position]

    return PublishedTable(
        rows=table.rows, columns=table.columns,
        cells=tuple(tuple(shown((i, j)) for j in range(columns)) for i in range(rows)),
        row_totals=tuple(shown((i, columns)) for i in range(rows)),
        column_totals=tuple(shown((rows, j)) for j in range(columns)),
        total=shown((rows, columns)),
    )


def merge_small_rows(table: Table, merged_label: str) -> Table:
    """Merge rows whose total is 1 to 4 into one row, so that no row total has to be hidden.

    Row totals shared with other tables (the people in each profession group appear in every
    dimension's table) are then all shown, and no table can leak another's hidden total. When the
    merged row is still below 5, the smallest other row joins it until it is not (or nothing is left).
    Rows whose total is 0 stay as they are: they hide nothing.
    """
    totals = [sum(row) for row in table.counts]
    small = {i for i, total in enumerate(totals) if 0 < total < SMALLEST_SHOWN}
    if not small:
        return table
    while sum(totals[i] for i in small) < SMALLEST_SHOWN:
        rest = [i for i, total in enumerate(totals) if i not in small and total > 0]
        if not rest:
            break
        small.add(min(rest, key=lambda i: (totals[i], i)))
    if len(small) == len(table.rows):
        label = merged_label if len(small) > 1 else table.rows[0]
        return Table((label,), table.columns, (tuple(map(sum, zip(*table.counts))),))
    kept = [i for i in range(len(table.rows)) if i not in small]
    merged = tuple(sum(table.counts[i][j] for i in small) for j in range(len(table.columns)))
    label = merged_label if len(small) > 1 else table.rows[min(small)]
    return Table(tuple(table.rows[i] for i in kept) + (label,), table.columns,
                 tuple(table.counts[i] for i in kept) + (merged,))


class _Suppression:
    """One run of the suppression rules over one augmented grid."""

    def __init__(self, counts: Sequence[Sequence[int]], known_margins: bool):
        self.rows, self.columns = len(counts), len(counts[0])
        self.grid = augmented_grid(counts)
        self.grand_total = (self.rows, self.columns)
        self.known = {(i, self.columns) for i in range(self.rows + 1)} if known_margins else set()
        self.hidden = {p for p, n in self.grid.items() if 0 < n < SMALLEST_SHOWN}

    def run(self) -> frozenset[Position]:
        while True:
            if self._close_lines():
                continue
            pinned = next((p for p in sorted(self._unknown()) if self._pinned(p, self._unknown())), None)
            if pinned is None:
                break
            complement = self._freeing_complement(pinned)
            if complement is None:  # everything that may be hidden is: nothing more can be done
                break
            self.hidden.add(complement)
        return frozenset(self.hidden)

    def _unknown(self) -> set[Position]:
        """Hidden numbers a reader does not know from elsewhere."""
        return self.hidden - self.known

    def _candidates(self) -> list[Position]:
        """Shown numbers that may still be hidden, cheapest first; the grand total last. A cell of a row
        whose known total is 0 is left out: it can never be anything but 0, so hiding it protects nothing."""
        return sorted((p for p in self.grid if p not in self.hidden and p not in self.known
                       and not (self.known and self.grid[p[0], self.columns] == 0)),
                      key=lambda p: (p == self.grand_total, self.grid[p], p))

    def _lines(self):
        for i in range(self.rows + 1):
            yield [(i, j) for j in range(self.columns + 1)]
        for j in range(self.columns + 1):
            yield [(i, j) for i in range(self.rows + 1)]

    def _close_lines(self) -> bool:
        """Rule 3a: hide the smallest shown number of each line with exactly one hidden number."""
        changed = False
        for line in self._lines():
            unknown = self._unknown()
            if sum(1 for p in line if p in unknown) == 1:
                candidates = [p for p in self._candidates() if p in line]
                if candidates:
                    self.hidden.add(candidates[0])
                    changed = True
        return changed

    def _freeing_complement(self, pinned: Position) -> Position | None:
        """Rule 3b: the cheapest number whose hiding lets ``pinned`` move; failing that, the cheapest
        in its row or column, so the hidden area grows around it."""
        candidates = self._candidates()
        for candidate in candidates:
            if not self._pinned(pinned, self._unknown() | {candidate}):
                return candidate
        around = [p for p in candidates if p[0] == pinned[0] or p[1] == pinned[1]]
        return (around or candidates or [None])[0]

    def _is_total(self, p: Position) -> bool:
        """Row and column totals sit on the other side of their equations (the grand total on both)."""
        return (p[0] == self.rows) != (p[1] == self.columns)

    def _can_rise(self, p: Position) -> bool:
        """Can the number's term in its equations go up by 1 without a count going below 0?"""
        return not self._is_total(p) or self.grid[p] > 0

    def _can_fall(self, p: Position) -> bool:
        return self._is_total(p) or self.grid[p] > 0

    def _pinned(self, p: Position, unknown: set[Position]) -> bool:
        """True when the reader can work out the hidden number at ``p`` (see the module docstring)."""
        arcs: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for q in unknown - {p}:
            row, column = ("row", q[0]), ("column", q[1])
            if self._can_rise(q):
                arcs.setdefault(row, []).append(column)
            if self._can_fall(q):
                arcs.setdefault(column, []).append(row)
        row, column = ("row", p[0]), ("column", p[1])
        rises = self._can_rise(p) and _reaches(arcs, column, row)
        falls = self._can_fall(p) and _reaches(arcs, row, column)
        return not (rises or falls)


def _reaches(arcs: dict, start, goal) -> bool:
    seen, queue = {start}, deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for following in arcs.get(node, ()):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return False
