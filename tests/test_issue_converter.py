"""Issue 10: the issue-form converter (``scripts/issue_to_case_study.py``) is fed text from anyone with
a GitHub account. It never writes a reserved name, a body that is not UTF-8 is refused with a
message, and an oversized answer is refused before anything reaches the disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_contributing import SAMPLE_ISSUE_BODY, case_study_files, run_script

TITLE = "Example case study: a shared clinical forum"


def convert(corpus_root: Path, tmp_path: Path, body: bytes):
    issue = tmp_path / "issue.md"
    issue.write_bytes(body)
    before = case_study_files(corpus_root)
    result = run_script("issue_to_case_study.py", str(issue), root=corpus_root)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result, case_study_files(corpus_root) == before


@pytest.mark.parametrize("title", ["Index", "INDEX", "\uff29\uff4e\uff44\uff45\uff58", "index!"])
def test_a_title_that_names_a_generated_page_writes_nothing(corpus_root: Path, tmp_path: Path, title: str):
    body = SAMPLE_ISSUE_BODY.read_text(encoding="utf-8").replace(TITLE, title)
    result, unchanged = convert(corpus_root, tmp_path, body.encode())
    assert result.returncode == 1
    assert ("file name: the file name 'index.md' would take the address /case-studies/, which is a page the hub "
            "generates") in result.stdout
    assert "Nothing was written" in result.stdout
    assert unchanged and (corpus_root / "case_studies" / "index.md").exists() is False


def test_a_body_that_is_not_utf8_is_refused_with_a_message(corpus_root: Path, tmp_path: Path):
    body = SAMPLE_ISSUE_BODY.read_text(encoding="utf-8").replace("Example approach", "Caf\xe9 approach")
    result, unchanged = convert(corpus_root, tmp_path, body.encode("latin-1"))
    assert result.returncode == 1
    assert "The issue body is not valid UTF-8 (byte 0xe9 at line" in result.stdout
    assert "Nothing was written" in result.stdout and unchanged


def test_an_oversized_answer_is_refused_before_anything_is_written(corpus_root: Path, tmp_path: Path):
    long_answer = "Example approach, a long answer written for the tests. " * 60_000  # about 3 MB
    body = SAMPLE_ISSUE_BODY.read_text(encoding="utf-8").replace("Example approach", long_answer, 1)
    result, unchanged = convert(corpus_root, tmp_path, body.encode())
    assert result.returncode == 1
    assert "answers: the case study would be 3" in result.stdout
    assert "a content file may be at most 256 KiB" in result.stdout
    assert "Nothing was written" in result.stdout and unchanged


def test_the_new_case_study_script_never_writes_a_reserved_slug_either(corpus_root: Path):
    """Both converters share ``authoring.slug_problem``; the interactive script's flags go through it too."""
    before = case_study_files(corpus_root)
    result = run_script("new_case_study.py", "--non-interactive", "--title", "\uff29\uff4e\uff44\uff45\uff58",
                        "--summary", "Example summary, written for the tests.", "--ics", "Gloucestershire",
                        "--category", "2", "--principles", "2", "--source", "https://example.org/example-report",
                        root=corpus_root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert "the file name 'index.md' would take the address /case-studies/" in result.stdout + result.stderr
    assert case_study_files(corpus_root) == before
