"""The benchmark runs end to end on a tiny corpus and writes a well-formed report (no timing assertions:
the figures depend on the machine). Its synthetic corpus is valid, the size asked for, and the same
every time."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from ccpl_hub.content_types import CASE_STUDY, FRAMEWORK, PRINCIPLE, ROLE
from ccpl_hub.synthetic import write_corpus
from ccpl_hub.validation import validate_content
from site_server import chromium_path

REPO_ROOT = Path(__file__).resolve().parents[1]
SECONDS = r"\d+\.\d\d s"


def test_synthetic_corpus_is_valid_obviously_made_up_and_the_size_asked_for(tmp_path: Path):
    files = write_corpus(tmp_path, 30, REPO_ROOT)
    result = validate_content(tmp_path)
    assert result.problems == []
    counts = {t.key: len(result.entries[t.key]) for t in (CASE_STUDY, ROLE, PRINCIPLE, FRAMEWORK)}
    assert counts == {CASE_STUDY.key: 30, ROLE.key: 15, PRINCIPLE.key: 5, FRAMEWORK.key: 1}
    assert len(files) == result.files_checked
    titles = [e.record.title for e in (*result.entries[CASE_STUDY.key], *result.entries[ROLE.key])]
    assert all(title.startswith("Example ") for title in titles)
    assert len({e.record.region for e in result.entries[CASE_STUDY.key]}) > 1, "spread across regions"


def test_synthetic_corpus_is_the_same_every_time(tmp_path: Path):
    first = {f.path: f.text() for f in write_corpus(tmp_path / "one", 12, REPO_ROOT)}
    second = {f.path: f.text() for f in write_corpus(tmp_path / "two", 12, REPO_ROOT)}
    assert first == second
    assert (tmp_path / "one" / CASE_STUDY.folder / "example-case-study-7.md").read_text(encoding="utf-8") == \
        first[f"{CASE_STUDY.folder}/example-case-study-7.md"]


def test_bench_runs_on_a_tiny_corpus_and_writes_a_well_formed_report(tmp_path: Path):
    report_path = tmp_path / "performance.md"
    run = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "bench.py"), "--n", "20", "--runs", "1",
                          "--output", str(report_path)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    report = report_path.read_text(encoding="utf-8")
    assert re.match(r'---\ndescription: "[^"\n]+"\n---\n\n# Performance\n', report)  # a page with its own description
    assert re.search(r"^- Date: \d{4}-\d\d-\d\d$", report, re.M)
    assert re.search(r"^- Machine: \d+ CPUs \(nproc\), .*Python 3\.\d+", report, re.M)
    for measure in ("(a) YAML floor:", "(b) validation:", "(b) validator command:", "engine alone:", "(c) hub build:",
                    "(d) plain build:", "(d') bodies build:", "(g) edit to page:", "(e) search index:"):
        assert re.search(rf"^\| {re.escape(measure)}.* \| {SECONDS} \| {SECONDS} \|$", report, re.M), measure
    assert re.search(r"^\| \(c\) with hooks: peak memory of the build process \| \d+\.\d MiB \|$", report, re.M)
    assert re.search(r"^\| \(c\) with hooks: search index .* \| \d+\.\d MiB \|$", report, re.M)
    # The hub build and its plain baseline build the same pages.
    pages = dict(re.findall(r"^\| \((c|d)\) [^:]*: HTML pages \| (\d+) \|$", report, re.M))
    assert pages["c"] == pages["d"] and int(pages["c"]) > 20
    # Each target is judged at the sizes measured, and says which it could not judge.
    targets = dict(re.findall(r"^\| ([^|]+?) \| N = 20 \| [\d.]+(?: \(wall [\d.]+\))? \| at most [\d.]+ \| (pass|FAIL) \|$",
                              report, re.M))
    assert set(targets) == {"(c)/(d'): hub build / bare build of the same bodies, CPU",
                            "(b)/(a): validation / YAML floor, CPU"}, report
    assert re.search(r"^Targets not judged in this run \(sizes not measured\): the build ratio at N = 2000, build "
                     r"time growth \(needs N and 4N\), peak memory at N = 8000, an edit at N = 500, an edit at N = 2000\.$",
                     report, re.M)
    if chromium_path():
        for place in ("search page", "finder"):  # each with a word on nearly every page and one on a handful
            for kind in ("common", "rare"):
                assert re.search(rf"^\| {place}, {kind} word: gzipped \(as served; requests; index\) \| "
                                 r"[1-9]\d* KB \([1-9]\d* KB; [1-9]\d*; [1-9]\d* KB\) \|$", report, re.M), (place, kind)
        assert re.search(r"^\| Goal: at most 300 KB, gzipped, every search above \| (pass|FAIL) \|$", report, re.M)
    else:
        assert "not measured: no Chromium was found" in report
    _assert_tables_are_well_formed(report)


def _assert_tables_are_well_formed(report: str) -> None:
    """Every row of each Markdown table has as many cells as the table's header."""
    for table in re.findall(r"(?:^\|.*\|\n)+", report, re.M):
        rows = table.strip("\n").split("\n")
        widths = {row.count(" | ") for row in rows}
        assert len(widths) == 1, table


def test_a_thread_that_ends_while_its_children_are_read_is_passed_over(tmp_path: Path, monkeypatch):
    """The live server starts and ends threads all the time: a thread listed under /proc/PID/task whose
    folder is gone by the time its children are read has none, and the wait goes on (it once failed the
    benchmark with FileNotFoundError)."""
    spec = importlib.util.spec_from_file_location("bench", REPO_ROOT / "scripts" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench", bench)  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    tasks = tmp_path / "1234" / "task"
    (tasks / "1234").mkdir(parents=True)
    (tasks / "1234" / "children").write_text("5678 ", encoding="utf-8")
    (tasks / "1240").mkdir()  # ended: its children file is gone
    (tasks / "1241").mkdir()
    (tasks / "1241" / "children").write_text("", encoding="utf-8")
    assert bench._children(1234, proc=tmp_path) == ["5678"]
