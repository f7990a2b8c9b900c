"""Issue 10, no tracebacks: the vocabularies and reference data are read through schemas like content,
dates are bounded, and odd values are reported as ``path:line: field: message`` with exit code 1.

One bad file per rule, through the validator's ``main`` in-process (an exception would fail the
test), on the synthetic corpus over the real vocabularies and reference data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import REPO_ROOT, write_corpus
from test_validator_cli import (CASE, ROLE, Expect, assert_reports_exactly, case_study, role, run_validate,
                                validate_in_process)

VOCABULARIES = REPO_ROOT / "framework" / "vocabularies"
REFERENCE = REPO_ROOT / "framework" / "reference"
GLOSSARY, PROFESSIONS, THEMES, SOURCES = (f"framework/vocabularies/{n}.yml" for n in
                                          ("glossary", "professions", "themes", "sources"))
ICBS, HUB_ALIASES = "framework/reference/icbs-2022.csv", "framework/reference/ics-aliases-hub.csv"
DIVERSITY = "framework/diversity/gloucestershire-2025.yml"
BUILD_DATE = "2026-02-01"


def edited(rel: str, old: str, new: str) -> dict[str, str]:
    text = (REPO_ROOT / rel).read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} should occur in {rel}"
    return {rel: text.replace(old, new, 1)}


def line_of(rel: str, text: str) -> int:
    return (REPO_ROOT / rel).read_text(encoding="utf-8").splitlines().index(text) + 1


def entry_at(rel: str, line: int) -> int:
    """The index of the list entry that holds ``line`` (entries start with '  - ')."""
    return sum(1 for text in (REPO_ROOT / rel).read_text(encoding="utf-8").splitlines()[:line] if text.startswith("  - ")) - 1


def diversity(**changes: str) -> dict[str, str]:
    fields = {"ics": "Gloucestershire", "year": "2025", "as_at": "2025-03-31", "population": '"Example leaders"',
              "source": '"Example citation, made up for the tests"', **changes}
    return {DIVERSITY: "".join(f"{k}: {v}\n" for k, v in fields.items())
            + "tables:\n  sex:\n    counts: {Female: 4, Male: 3, Not stated: 0}\n"}


APC = line_of(GLOSSARY, "    abbreviation: APC")
DENTISTRY = line_of(PROFESSIONS, "  - {slug: dentistry, label: Dentistry, group: Dentistry and optometry}")

BAD_FILES = [
    # --- vocabularies ---
    pytest.param(edited(GLOSSARY, "    abbreviation: APC", "    abbreviation: [APC, ACP]"),
                 [Expect(GLOSSARY, APC, f"terms, entry {entry_at(GLOSSARY, APC) + 1}, abbreviation", "must be text, not a list")], id="glossary-abbreviation-list"),
    pytest.param(edited(PROFESSIONS, "group: Dentistry and optometry}", "group: [Dentistry, Optometry]}"),
                 [Expect(PROFESSIONS, DENTISTRY, f"professions, entry {entry_at(PROFESSIONS, DENTISTRY) + 1}, group", "must be text, not a list")],
                 id="profession-group-list"),
    pytest.param(edited(PROFESSIONS, "label: Dentistry,", "label: '=Dentistry',"),
                 [Expect(PROFESSIONS, DENTISTRY, f"professions, entry {entry_at(PROFESSIONS, DENTISTRY) + 1}, label", "starts with '='")],
                 id="profession-label-formula"),
    pytest.param(edited(PROFESSIONS, "{slug: dentistry, label: Dentistry,", "{slug: dentistry, labels: Dentistry,"),
                 [Expect(PROFESSIONS, DENTISTRY, f"professions, entry {entry_at(PROFESSIONS, DENTISTRY) + 1}, labels", "is not a field of a profession",
                         "did you mean 'label'?"),
                  Expect(PROFESSIONS, DENTISTRY, f"professions, entry {entry_at(PROFESSIONS, DENTISTRY) + 1}, label", "is required but missing")],
                 id="profession-unknown-key"),
    pytest.param(edited(PROFESSIONS, "{slug: dentistry,", "{slug: medicine,"),
                 [Expect(PROFESSIONS, DENTISTRY, f"professions, entry {entry_at(PROFESSIONS, DENTISTRY) + 1}", "'medicine' is listed twice")],
                 id="profession-listed-twice"),
    pytest.param({THEMES: "themes: primary-care\nnotes: x\n"},
                 [Expect(THEMES, 1, "themes", "must be a list of theme entries"),
                  Expect(THEMES, 2, "notes", "is not part of this file, which holds one list, 'themes'"),
                  # every case study's theme is now unknown: reported at the case studies too
                  Expect("case_studies/example-case-study-gloucestershire.md", 8, "themes, entry 1", "unknown theme"),
                  Expect("case_studies/example-case-study-derbyshire.md", 8, "themes, entry 1", "unknown theme")],
                 id="themes-not-a-list"),
    # a document the test corpus does not cite, so that no citation of it is reported as well
    pytest.param(edited(SOURCES, "  - id: sel-our-work-web-page", "  - id: SEL Our Work"),
                 [Expect(SOURCES, line_of(SOURCES, "  - id: sel-our-work-web-page"),
                         f"documents, entry {entry_at(SOURCES, line_of(SOURCES, '  - id: sel-our-work-web-page')) + 1}, id",
                         "must be lowercase letters and digits joined by single hyphens")],
                 id="source-id-not-a-slug"),
    pytest.param(edited(THEMES, "  - slug: primary-care", "  - slug: index"),
                 [Expect(THEMES, line_of(THEMES, "  - slug: primary-care"),
                         f"themes, entry {entry_at(THEMES, line_of(THEMES, '  - slug: primary-care')) + 1}, slug",
                         "'index' would take the address of the list of all of them"),
                  Expect("case_studies/example-case-study-gloucestershire.md", 8, "themes, entry 1", "unknown theme")],
                 id="theme-slug-index"),
    pytest.param(edited(ICBS, ",Cheshire and Merseyside,", ",Index,"),
                 [Expect(ICBS, 2, "ics_short_name", "'index' would take the address of the list of all of them")],
                 id="ics-named-index"),
    pytest.param({GLOSSARY: "- term: x\n"},
                 [Expect(GLOSSARY, 1, "file", "must be a set of 'field: value' lines")], id="glossary-is-a-list"),
    # --- reference data ---
    pytest.param({HUB_ALIASES: (REFERENCE / "ics-aliases-hub.csv").read_text(encoding="utf-8")
                  .replace("the comma", "the comma \xe9").encode("latin-1")},
                 [Expect(HUB_ALIASES, 2, "file", "is not valid UTF-8 (byte 0xe9 at line 2)", "save the file as UTF-8")],
                 id="reference-csv-not-utf8"),
    pytest.param({HUB_ALIASES: "alias,icb_ons_code,note\nExample,E54000043,a,b\n"},
                 [Expect(HUB_ALIASES, 2, "row", "has more cells than the columns (alias, icb_ons_code, note)")],
                 id="reference-csv-extra-cells"),
    pytest.param({HUB_ALIASES: "alias,note\nExample,x\n"},
                 [Expect(HUB_ALIASES, 1, "file", "lacks the column(s) icb_ons_code")], id="reference-csv-missing-column"),
    pytest.param({HUB_ALIASES: "alias,icb_ons_code,note\nExample,E54999999,x\nOther example,XYZ,\n"},
                 [Expect(HUB_ALIASES, 2, "icb_ons_code", "'E54999999' is not an ICB code in icbs-2022.csv"),
                  Expect(HUB_ALIASES, 3, "icb_ons_code", "'XYZ' does not have the expected form")],
                 id="reference-alias-unknown-code"),
    # --- dates and numbers ---
    pytest.param(role("last_reviewed: 2026-01-10", "last_reviewed: 9999-12-31"),
                 [Expect(ROLE, 8, "last_reviewed", f"9999-12-31 is in the future (the build date is {BUILD_DATE})",
                         "at most a day ahead")], id="last-reviewed-9999"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-02-03"),
                 [Expect(CASE, 9, "published", "2026-02-03 is in the future")], id="published-two-days-ahead"),
    pytest.param(case_study("published: 2026-01-15", "published: 1999-12-31"),
                 [Expect(CASE, 9, "published", "1999-12-31 is before 2000-01-01: check the year")], id="published-1999"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nreviewed: 2126-01-15"),
                 [Expect(CASE, 10, "reviewed", "2126-01-15 is in the future")], id="reviewed-in-the-future"),
    pytest.param(diversity(as_at="2026-03-31", year="2026"),
                 [Expect(DIVERSITY, 3, "as_at", "2026-03-31 is in the future")], id="diversity-as-at-in-the-future"),
    pytest.param(diversity(year="9" * 5000),
                 [Expect(DIVERSITY, 2, "year", "is far too large a number")], id="diversity-year-5000-digits"),
    pytest.param(case_study("principles: [1, 3]", "principles: [1, " + "3" * 5000 + "]"),
                 [Expect(CASE, 7, "principles, entry 2", "is far too large a number")], id="principle-5000-digits"),
]


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch):
    monkeypatch.setenv("CCPL_BUILD_DATE", BUILD_DATE)


@pytest.mark.parametrize(("files", "expected"), BAD_FILES)
def test_bad_vocabulary_reference_or_date_is_reported_precisely(corpus_root: Path, capsys, files: dict,
                                                                expected: list[Expect]):
    write_corpus(corpus_root, files)
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, expected)
    assert stderr == ""


def test_a_reference_ics_in_an_unknown_region_is_reported(corpus_root: Path, capsys):
    write_corpus(corpus_root, edited(ICBS, "Cheshire and Merseyside,E40000010,Y62,North West",
                                     "Cheshire and Merseyside,E40000010,Y62,North Wesst"))
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    # its aliases (in ics-aliases.csv) are not reported again
    assert_reports_exactly(stdout, [Expect(ICBS, 2, "region_name", "'North Wesst' is not a region of nhs-regions-2022.csv")])


def test_a_single_file_run_reports_a_date_out_of_bounds(corpus_root: Path):
    """The single-file run once called a listing reviewed on 9999-12-31 valid (and the full run crashed)."""
    write_corpus(corpus_root, role("last_reviewed: 2026-01-10", "last_reviewed: 9999-12-31"))
    run = run_validate(corpus_root, ROLE)
    assert run.returncode == 1
    assert run.stdout.startswith(f"{ROLE}:8: last_reviewed: 9999-12-31 is in the future")


def test_a_count_of_thousands_of_digits_is_reported(corpus_root: Path, capsys):
    files = diversity()
    files[DIVERSITY] = files[DIVERSITY].replace("Female: 4", "Female: " + "4" * 5000)
    write_corpus(corpus_root, files)
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(stdout, [Expect(DIVERSITY, 8, "tables.sex.counts.Female", "is far too large a number of people")])


def test_a_published_urls_list_that_is_not_utf8_is_reported(corpus_root: Path, capsys):
    write_corpus(corpus_root, {"data/published-urls.txt": "/caf\xe9/\n".encode("latin-1")})
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(stdout, [Expect("data/published-urls.txt", 1, "file", "is not valid UTF-8")])


def test_a_vocabulary_linked_from_outside_is_never_read(corpus_root: Path, tmp_path: Path, capsys):
    outside = tmp_path / "themes.yml"
    outside.write_text((VOCABULARIES / "themes.yml").read_text(encoding="utf-8"), encoding="utf-8")
    write_corpus(corpus_root)
    (corpus_root / THEMES).unlink()
    os.symlink(outside, corpus_root / THEMES)
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert f"{THEMES}:1: file: is a link to a file outside the repository, which the hub never reads" in stdout


def test_a_pipe_among_the_content_files_is_reported_not_read(corpus_root: Path, capsys):
    """Reading a named pipe would wait for ever."""
    write_corpus(corpus_root)
    os.mkfifo(corpus_root / "case_studies" / "example-pipe.md")
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(stdout, [Expect("case_studies/example-pipe.md", 1, "file", "is not a regular file")])
