"""Dates at the precision a source gives them: a year, a month, or a day.

A source often dates itself by year ("2022") or month ("November 2021") only. Writing such a date as
a full day (2022-06-01) invents a precision no source has, and every page, table and export then
repeats it. A ``SourceDate`` keeps what was written: ``2022``, ``2022-03`` or ``2022-03-14``, shows
only that much ("2022", "March 2022", "14 March 2022"), and still sorts and compares (a year sorts
before any month in it, a month before any day in it).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_WRITTEN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class SourceDate:
    """A year, a year and month, or a full date. 0 for ``month`` or ``day`` means "not given", which
    is also what makes the ordering right: 2022 < 2022-01 < 2022-01-01."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, text: str) -> "SourceDate":
        """``2022``, ``2022-03`` or ``2022-03-14``; ValueError for anything else, or a day that does not exist."""
        match = _WRITTEN.fullmatch(text.strip())
        if match is None:
            raise ValueError(text)
        year, month, day = (int(part) if part else 0 for part in match.groups())
        date(year, month or 1, day or 1)  # raises ValueError for month 00 or 13, day 00 or 2022-02-30
        if (match.group(2) and not month) or (match.group(3) and not day):
            raise ValueError(text)
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> "SourceDate":
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        """The last day the date can mean: 31 December for a year, the month's last day for a month."""
        if self.day:
            return self.first_day
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def refines(self, other: "SourceDate") -> bool:
        """More precise than ``other`` and inside it: 2022-06-01 refines 2022; 2023-01 does not."""
        return (len(self.isoformat()) > len(other.isoformat())
                and other.first_day <= self.first_day and self.last_day <= other.last_day)

    def isoformat(self) -> str:
        """As it was written: 2022, 2022-03 or 2022-03-14 (exports, sort keys, messages)."""
        return "-".join([f"{self.year:04d}", *(f"{part:02d}" for part in (self.month, self.day) if part)])

    def long(self) -> str:
        """For readers: '2022', 'March 2022' or '14 March 2022'."""
        if not self.month:
            return str(self.year)
        month_year = f"{calendar.month_name[self.month]} {self.year}"
        return f"{self.day} {month_year}" if self.day else month_year

    def when(self) -> str:
        """The date after a verb: 'on 14 March 2022', 'in March 2022', 'in 2022'."""
        return ("on " if self.day else "in ") + self.long()

    def __str__(self) -> str:
        return self.isoformat()
