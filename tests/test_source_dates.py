"""Dates only as precise as their source: a year, a month or a day, kept as written everywhere.

The value type on its own, then the schema's messages and what a built page, table and export show,
with the engine on the synthetic corpus (no MkDocs).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import REPO_ROOT, role_text, write_corpus
from sites import with_field

from ccpl_hub.build import HubBuild
from ccpl_hub.dates import SourceDate

TODAY = date(2026, 11, 23)
AREA = "framework/roles/somerset"  # an ICS with no other role in the corpus


@pytest.mark.parametrize(("written", "long", "when"), [
    ("2022", "2022", "in 2022"),
    ("2022-03", "March 2022", "in March 2022"),
    ("2022-03-04", "4 March 2022", "on 4 March 2022"),
])
def test_a_date_shows_only_the_precision_it_was_written_with(written: str, long: str, when: str):
    value = SourceDate.parse(written)
    assert (value.isoformat(), value.long(), value.when()) == (written, long, when)


@pytest.mark.parametrize("written", ["22", "2022-3", "2022-13", "2022-02-30", "2022-00", "March 2022", "2022-03-04T10"])
def test_what_is_not_a_year_month_or_day_is_refused(written: str):
    with pytest.raises(ValueError):
        SourceDate.parse(written)


@given(st.dates(min_value=date(1900, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_a_date_reads_back_as_written_and_spans_the_days_it_can_mean(day: date, precision: str):
    cut = {"year": 4, "month": 7, "day": 10}[precision]
    value = SourceDate.parse(day.isoformat()[:cut])
    assert value.precision == precision and SourceDate.parse(value.isoformat()) == value
    assert value.first_day <= day <= value.last_day
    # a coarser date sorts before the finer dates within it, and ISO text sorts the same way
    finer = SourceDate.of(day)
    assert value <= finer and value.isoformat() <= finer.isoformat()


@pytest.fixture(autouse=True)
def _build_date(monkeypatch):
    """Validation checks dates against the build date, as a build on TODAY would."""
    monkeypatch.setenv("CCPL_BUILD_DATE", TODAY.isoformat())


def _build(root: Path, **roles: str) -> HubBuild:
    """The corpus with a role per keyword (slug -> last_reviewed as written in the file)."""
    files = {}
    for slug, written in roles.items():
        text = role_text(f"Example role {slug}", ics="Somerset")
        files[f"{AREA}/{slug}.md"] = with_field(text, "last_reviewed", written)
    write_corpus(root, files)
    return HubBuild.from_content(root, site_url="https://hub.example/", today=TODAY)


@pytest.mark.parametrize(("written", "message"), [
    ("2025-13", "'2025-13' is not a date: write a year (2022), a year and month (2022-03) or a full date "
                "(2022-03-14), only as precise as the source"),
    ("May 2025", "'May 2025' is not a date: write a year (2022)"),
    ("2027", "2027 is in the future (the build date is 2026-11-23)"),
    ("2026-12", "2026-12 is in the future (the build date is 2026-11-23)"),
    ("1999", "1999 is before 2000-01-01: check the year"),
])
def test_a_bad_date_is_reported_at_its_line_saying_what_to_write(corpus_root: Path, written: str, message: str):
    build = _build(corpus_root, **{"example-role-dated": written})
    (problem,) = build.problems
    assert str(problem).startswith(f"{AREA}/example-role-dated.md:8: last_reviewed: {message}")


def test_pages_tables_and_exports_show_each_date_at_its_own_precision(corpus_root: Path):
    build = _build(corpus_root, **{"example-role-year": "2025", "example-role-month": "2025-10",
                                   "example-role-day": '"2025-10-01"'})
    assert build.problems == []
    year, month = (build.pages[f"roles/somerset/example-role-{k}.md"] for k in ("year", "month"))
    assert "<dt>Last reviewed</dt>\n<dd>2025</dd>" in year and "Overdue for review" not in year  # 2025 may mean 31 December
    assert "<dt>Last reviewed</dt>\n<dd>October 2025</dd>" in month
    assert "This listing was last reviewed in October 2025, more than 12 months before" in month
    area = build.pages["roles/somerset/index.md"]
    assert "Last reviewed: 1 October 2025 (the most recent review" in area  # the latest, whatever its precision
    assert '<td data-sort="2025">2025</td>' in area
    assert '<td data-sort="2025-10">October 2025 <strong class="ccpl-overdue">' in area
    rows = {r["slug"]: r["last_reviewed"] for r in json.loads(build.exports["data/roles.json"])["roles"]}
    table = {r["slug"]: r["last_reviewed"] for r in csv.DictReader(io.StringIO(build.exports["data/roles.csv"].decode("utf-8-sig")))}
    expected = {"example-role-year": "2025", "example-role-month": "2025-10", "example-role-day": "2025-10-01"}
    assert {k: rows[k] for k in expected} == {k: table[k] for k in expected} == expected


SOURCES = REPO_ROOT / "framework/vocabularies/sources.yml"


def test_a_source_document_dated_by_month_is_shown_by_month(corpus_root: Path):
    """The hub's own documents stay listed (the corpus cites them), with example documents added."""
    listed = SOURCES.read_text(encoding="utf-8").rstrip("\n").split("\n")
    example = ["  - id: example-document", '    title: "Example document"', "    date: 2021-11"]
    bad = ["  - id: example-bad-date", '    title: "Example document, badly dated"', "    date: November 2021"]
    write_corpus(corpus_root, {"framework/vocabularies/sources.yml": "\n".join(listed + example + bad) + "\n"})
    build = HubBuild.from_content(corpus_root, today=TODAY)
    entry = sum(1 for line in listed if line.startswith("  - id:")) + 2
    assert [str(p) for p in build.problems] == [
        f"framework/vocabularies/sources.yml:{len(listed) + 6}: documents, entry {entry}, date: 'November 2021' is not "
        "a date: write a year (2022), a year and month (2022-03) or a full date (2022-03-14), only as precise as the source"]
    write_corpus(corpus_root, {"framework/vocabularies/sources.yml": "\n".join(listed + example) + "\n"})
    build = HubBuild.from_content(corpus_root, today=TODAY)
    page = build.pages["about/sources.md"]
    assert page.split("## Example document\n", 1)[1].count("Date\n:   November 2021\n") == 1


def test_a_listing_dated_more_precisely_than_its_source_document_is_refused(corpus_root: Path):
    cited = 'source:\n  document: gloucestershire-framework-2022\n  section: "Example section"\n'
    text = role_text("Example role invented", ics="Somerset").replace(
        'source: "Example citation, made up for the tests"\n', cited)
    files = {f"{AREA}/example-role-{k}.md": with_field(text, "last_reviewed", written)
             for k, written in (("invented", '"2022-05-01"'), ("as-dated", "2022-05"), ("checked-later", '"2023-02-01"'))}
    write_corpus(corpus_root, files)
    build = HubBuild.from_content(corpus_root, today=TODAY)
    assert [str(p) for p in build.problems] == [
        f"{AREA}/example-role-invented.md:8: last_reviewed: 2022-05-01 is more precise than its source, "
        "'gloucestershire-framework-2022', dated 2022-05: write 2022-05, or the day the listing was checked with the ICS"]


def test_a_listing_may_take_the_date_of_any_source_it_cites(corpus_root: Path):
    """Cited by a document of May 2022 and one of 2022, a listing dated 2022-05 keeps its source's precision."""
    cited = ('source:\n  - document: gloucestershire-framework-2022\n    section: "Example section"\n'
             '  - document: learning-report-2022\n    section: "Example section"\n')
    text = role_text("Example role two sources", ics="Somerset").replace(
        'source: "Example citation, made up for the tests"\n', cited)
    write_corpus(corpus_root, {f"{AREA}/example-role-two-sources.md": with_field(text, "last_reviewed", "2022-05")})
    assert HubBuild.from_content(corpus_root, today=TODAY).problems == []
