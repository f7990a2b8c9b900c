"""Issue 10, Excel-safe exports: no CSV cell the hub publishes runs as a spreadsheet formula.

The validator refuses formula-like values in the fields that reach the CSV files (one bad file per
rule, exact ``path:line: field:``); the CSV writer neutralises them anyway (OWASP: a leading
apostrophe). The guarantee is tested the way a comms team meets it: every CSV export, written from
roles whose fields are forged past the validator, is opened by LibreOffice (headless, one conversion
of all files at once), and no cell of the result is a formula. A control file written without the
neutralising proves that the same conversion does produce formulas, so the check can fail.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import lxml.etree
import pytest

from site_server import require_tools
from test_validator_cli import (CASE, ROLE, Expect, assert_reports_exactly, case_study, role,
                                validate_in_process, write_corpus)

from ccpl_hub.build import HubBuild
from ccpl_hub.exports import export_files

FORGED_VALUES = {  # each field that reaches the role CSVs, with a payload a spreadsheet would run
    "title": '=HYPERLINK("https://example.org/phish","Example")',
    "holder": "+1+cmd|' /C calc'!A0",
    "time_commitment": "-2+3",
    "accountable_to": "@SUM(1+1)",
    "decision_forums": ["\t=1+1", "Example forum"],
}
FORGED_CONCLUSION = {"title": FORGED_VALUES["title"], "summary": FORGED_VALUES["holder"]}
FORMULA_CELL = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}formula"
CELL_TAG = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}table-cell"

BAD_FILES = [
    pytest.param(role('title: "Example role: bad"', 'title: "=HYPERLINK(\\"https://example.org\\")"'),
                 [Expect(ROLE, 2, "title", "starts with '=', which spreadsheets read as the start of a formula",
                         "start with a word or a number instead")], id="role-title-equals"),
    pytest.param(role("status: vacant", 'status: filled\nholder: "+Example Holder"'),
                 [Expect(ROLE, 5, "holder", "starts with '+'")], id="role-holder-plus"),
    pytest.param(role("status: vacant", 'status: vacant\ntime_commitment: "-2 sessions"'),
                 [Expect(ROLE, 5, "time_commitment", "starts with '-'")], id="role-time-minus"),
    pytest.param(role("status: vacant", 'status: vacant\naccountable_to: "  @Example"'),
                 [Expect(ROLE, 5, "accountable_to", "starts with '@'")], id="role-accountable-at-after-spaces"),
    pytest.param(role('decision_forums: ["Example forum"]', 'decision_forums: ["Example forum", "\\t=1+1"]'),
                 [Expect(ROLE, 7, "decision_forums, entry 2", "starts with '='")], id="role-forum-after-a-tab"),
    pytest.param(role('decision_forums: ["Example forum"]', 'decision_forums: ["\\r=1+1"]'),
                 [Expect(ROLE, 7, "decision_forums, entry 1", "starts with '='")], id="role-forum-after-a-carriage-return"),
    pytest.param(role('title: "Example role: bad"', 'title: "\uff1dSUM(1)"'),
                 [Expect(ROLE, 2, "title", "starts with '\uff1d'")], id="role-title-full-width-equals"),
    pytest.param(role('source: "Example citation, made up for the tests"', 'source: "=1+1"'),
                 [Expect(ROLE, 9, "source.citation", "starts with '='")], id="role-source-citation"),
    pytest.param(case_study('source: "Example citation, made up for the tests"',
                            'source:\n  document: learning-report-2022\n  section: "@Chapter 1"'),
                 [Expect(CASE, 12, "source.section", "starts with '@'")], id="source-section"),
]


@pytest.mark.parametrize(("files", "expected"), BAD_FILES)
def test_formula_like_value_is_reported_precisely(corpus_root: Path, capsys, files: dict, expected: list[Expect]):
    write_corpus(corpus_root, files)
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, expected)
    assert stderr == ""


def forged_csv_exports(root: Path) -> dict[str, bytes]:
    """The CSV exports of the synthetic corpus after every role's and conclusion's CSV fields are forged."""
    build = HubBuild.from_content(root)
    assert build.problems == []
    catalogue = build.catalogue
    catalogue.roles[:] = [replace(e, record=e.record.model_copy(update=FORGED_VALUES)) for e in catalogue.roles]
    catalogue.conclusions[:] = [replace(e, record=e.record.model_copy(update=FORGED_CONCLUSION))
                                for e in catalogue.conclusions]
    return {path: data for path, data in export_files(catalogue, "").items() if path.endswith(".csv")}


def test_the_csv_writer_neutralises_every_formula_like_cell(corpus_root: Path):
    exports = forged_csv_exports(corpus_root)
    rows = list(csv.DictReader(io.StringIO(exports["data/roles.csv"].decode("utf-8-sig"), newline="")))
    for row in rows:
        assert row["title"] == "'" + FORGED_VALUES["title"]
        assert row["holder"] == "'" + FORGED_VALUES["holder"]
        assert row["time_commitment"] == "'-2+3"
        assert row["accountable_to"] == "'@SUM(1+1)"
        assert row["decision_forums"] == "'\t=1+1; Example forum"
        assert row["last_reviewed"][:1].isdigit()  # ordinary cells are left as they are
    conclusions = list(csv.DictReader(io.StringIO(exports["data/conclusions.csv"].decode("utf-8-sig"), newline="")))
    assert [(row["title"], row["summary"], row["principles"]) for row in conclusions] == [
        ("'" + FORGED_VALUES["title"], "'" + FORGED_VALUES["holder"], "1; 3")]


def libreoffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    require_tools([] if path else ["LibreOffice (soffice)"])
    return path


def formula_cells(fods: Path) -> list[str]:
    """The formulas of a spreadsheet saved as flat OpenDocument XML."""
    tree = lxml.etree.parse(str(fods))
    return [cell.get(FORMULA_CELL) for cell in tree.iter(CELL_TAG) if cell.get(FORMULA_CELL) is not None]


@pytest.mark.spreadsheet
def test_libreoffice_opens_no_exported_cell_as_a_formula(corpus_root: Path, tmp_path: Path):
    soffice = libreoffice()
    exports = forged_csv_exports(corpus_root)
    folder = tmp_path / "csv"
    folder.mkdir()
    for path, data in exports.items():
        (folder / re.sub(r"[^a-z0-9.-]", "_", path)).write_bytes(data)
    control = io.StringIO()
    csv.writer(control, lineterminator="\r\n").writerows([["title", "holder"], [FORGED_VALUES["title"], "=1+1"]])
    (folder / "control-not-neutralised.csv").write_text("\ufeff" + control.getvalue(), encoding="utf-8", newline="")
    sources = sorted(folder.glob("*.csv"))
    # Comma-separated, double quotes, UTF-8, from line 1, formulas evaluated (the attacker's best case).
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--infilter=CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true",
         "--convert-to", "fods", "--outdir", str(tmp_path / "fods"), *map(str, sources)],
        capture_output=True, text=True, timeout=180)
    converted = {p.stem: p for p in (tmp_path / "fods").glob("*.fods")}
    assert sorted(converted) == sorted(p.stem for p in sources), result.stdout + result.stderr
    assert formula_cells(converted.pop("control-not-neutralised")) == ['of:=HYPERLINK("https://example.org/phish";"Example")',
                                                                        "of:=1+1"]
    assert len(converted) == len(exports) >= 3
    assert {name: formula_cells(path) for name, path in converted.items()} == {name: [] for name in converted}
