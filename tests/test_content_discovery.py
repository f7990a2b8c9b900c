"""Issue 10, nothing lost and nothing read from outside: every file under ``case_studies/`` and
``framework/`` is loaded as content, read as data (the vocabularies and reference data), kept as
documentation (README.md, the two templates), or reported with where and under which name it would
be read. Links that lead nowhere or out of the repository are refused, never read.

One bad file per rule, through the validator's ``main`` in-process: the exact ``path:line: field:``,
the substance of the message, exit code 1 and no traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import case_study_text, role_text, write_corpus
from test_validator_cli import Expect, assert_reports_exactly, run_validate, validate_in_process

from ccpl_hub.authoring import TEMPLATES
from ccpl_hub.content_types import TEMPLATE_FILES, discover

CASE_TEXT = case_study_text("Example case study: found", ics="Gloucestershire", region="South West")
ROLE_TEXT = role_text("Example role: found", ics="Gloucestershire")
NOT_READ = "is not read: "

BAD_FILES = [
    pytest.param("case_studies/example-found.MD", CASE_TEXT,
                 [NOT_READ, "a case study is a '.md' file; rename it to case_studies/example-found.md"], id="upper-case-MD"),
    pytest.param("case_studies/example-found.markdown", CASE_TEXT,
                 ["rename it to case_studies/example-found.md"], id="markdown-extension"),
    pytest.param("case_studies/example-found.txt", CASE_TEXT,
                 ["rename it to case_studies/example-found.md"], id="txt-extension"),
    pytest.param("case_studies/example-folder/example-found.md", CASE_TEXT,
                 [NOT_READ, "a case study belongs in case_studies/example-found.md"], id="case-study-in-a-subfolder"),
    pytest.param("case_studies/_example-found.md", CASE_TEXT,
                 ["names starting with '_' or '.' are not content", "case_studies/_template.md",
                  "rename it to case_studies/example-found.md"], id="underscore-name"),
    pytest.param("case_studies/.example-found.md", CASE_TEXT,
                 ["names starting with '_' or '.' are not content", "rename it to case_studies/example-found.md"],
                 id="hidden-name"),
    pytest.param("framework/roles/example-found.md", ROLE_TEXT,
                 [NOT_READ, "a role listing belongs in framework/roles/<ics-or-region>/example-found.md"],
                 id="role-directly-under-roles"),
    pytest.param("framework/roles/gloucestershire/old/example-found.md", ROLE_TEXT,
                 ["a role listing belongs in framework/roles/<ics-or-region>/example-found.md"], id="role-too-deep"),
    pytest.param("framework/diversity/gloucestershire-2025.yaml", "ics: Gloucestershire\n",
                 ["a diversity figures file is a '.yml' file; rename it to framework/diversity/gloucestershire-2025.yml"],
                 id="diversity-yaml-extension"),
    pytest.param("framework/case_studies/example-found.md", CASE_TEXT,
                 ["is not in a content folder, so the hub would not read it", "content lives in case_studies/,"],
                 id="unknown-folder"),
    pytest.param("framework/vocabularies/regions.yml", "regions: []\n",
                 ["is not a vocabulary the hub reads", "themes.yml, professions.yml, sources.yml, glossary.yml"],
                 id="unknown-vocabulary"),
    pytest.param("framework/reference/icbs-2024.csv", "icb_ons_code\n",
                 ["is not reference data the hub reads", "icbs-2022.csv"], id="unknown-reference-file"),
]


@pytest.mark.parametrize(("rel", "text", "fragments"), BAD_FILES)
def test_a_file_the_hub_would_not_read_is_reported(corpus_root: Path, capsys, rel: str, text: str, fragments: list):
    write_corpus(corpus_root, {rel: text})
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, [Expect(rel, 1, "file", *fragments)])
    assert stderr == ""


def test_a_reported_file_is_checked_alone_too(corpus_root: Path):
    """A single-file run on a file the hub would not read reports it, rather than a usage error."""
    write_corpus(corpus_root, {"case_studies/example-found.MD": CASE_TEXT})
    run = run_validate(corpus_root, "case_studies/example-found.MD")
    assert run.returncode == 1
    assert run.stdout.startswith("case_studies/example-found.MD:1: file: is not read: ")
    assert run.stdout.endswith("Found 1 problem in 1 of 1 file. Fix each one at the line shown, then run the check again.\n")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid case study outside the content root: a link to it must never publish it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "example-outside.md").write_text(case_study_text("Example secret", ics=None, region="London"))
    return folder


@pytest.mark.parametrize(("rel", "target", "message"), [
    ("case_studies/example-link.md", "outside/example-outside.md",
     "is a link to a file outside the repository, which the hub never reads"),
    ("case_studies/example-dangling.md", "outside/no-such-file.md", "is a link to a file that does not exist"),
    ("case_studies/example-folder", "outside", "is a link to a file outside the repository"),
    ("framework/roles/gloucestershire", "outside", "is a link to a file outside the repository"),
])
def test_links_out_of_the_repository_or_to_nothing_are_refused(corpus_root: Path, outside: Path, capsys,
                                                               rel: str, target: str, message: str):
    write_corpus(corpus_root)
    link = corpus_root / rel
    if link.is_dir():  # a whole folder of content replaced by a link
        for child in link.iterdir():
            child.unlink()
        link.rmdir()
    os.symlink(outside.parent / target, link)
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, [Expect(rel, 1, "file", message)])
    assert "Example secret" not in stdout + stderr


def test_a_link_inside_the_content_folders_to_a_folder_is_reported(corpus_root: Path, capsys):
    write_corpus(corpus_root)
    os.symlink(corpus_root / "framework" / "roles" / "gloucestershire", corpus_root / "case_studies" / "example-folder")
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(stdout, [Expect("case_studies/example-folder", 1, "file",
                                           "is a link to a folder, which the hub does not follow")])


def test_the_only_files_kept_beside_content_are_the_templates_and_readmes():
    """The rule for '_' names: only the templates that ``authoring`` generates are exempt."""
    assert sorted(TEMPLATE_FILES) == sorted(t.path for t in TEMPLATES)


def test_every_file_of_the_real_content_folders_is_read():
    from corpus import REPO_ROOT

    assert discover(REPO_ROOT).problems == []


def test_a_linked_content_folder_is_refused_and_never_read(corpus_root: Path, outside: Path, capsys):
    write_corpus(corpus_root)
    for child in (corpus_root / "case_studies").iterdir():
        child.unlink()
    (corpus_root / "case_studies").rmdir()
    os.symlink(outside, corpus_root / "case_studies")
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert "case_studies:1: file: is a link to a file outside the repository, which the hub never reads" in stdout
    assert "example-outside" not in stdout
