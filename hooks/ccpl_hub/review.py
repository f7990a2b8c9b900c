"""Review discipline: role listings are reviewed every year, and the build says which are overdue."""

from __future__ import annotations

import os
from datetime import date

BUILD_DATE_VARIABLE = "CCPL_BUILD_DATE"


def build_date() -> date:
    """Today, unless CCPL_BUILD_DATE (YYYY-MM-DD) fixes it, as tests and reproducible builds do."""
    fixed = os.environ.get(BUILD_DATE_VARIABLE, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise SystemExit(f"{BUILD_DATE_VARIABLE}='{fixed}' is not a date written YYYY-MM-DD") from None
    return date.today()


def review_due(last_reviewed: date) -> date:
    """A year after the last review (28 February for a review made on 29 February)."""
    try:
        return last_reviewed.replace(year=last_reviewed.year + 1)
    except ValueError:
        return last_reviewed.replace(year=last_reviewed.year + 1, day=28)


def is_overdue(last_reviewed: date, today: date) -> bool:
    return today > review_due(last_reviewed)


def overdue_roles(roles, today: date) -> list:
    return [entry for entry in roles if is_overdue(entry.record.review_from, today)]
