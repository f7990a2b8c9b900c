"""The generator writes the generated tree and touches only what changed, so a builder's incremental
mode (`mkdocs serve --dirty`, which compares file times) rebuilds only the pages an edit changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import REPO_ROOT, case_study_text, write_corpus

from ccpl_hub.build import HubBuild
from ccpl_hub.cli import generate
from ccpl_hub.generator import MARKER, GeneratedFiles, NotAGeneratedFolder, write_tree
from ccpl_hub.repository import Repository
from ccpl_hub.site_config import SiteSettings

OLD = 1_000_000_000  # a file time long past, in seconds: a rewritten file gets a newer one


def _age(folder: Path) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (OLD, OLD))


def _times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_only_changed_files_are_rewritten_and_files_no_longer_generated_are_removed(tmp_path: Path):
    folder = tmp_path / "generated"
    first = write_tree(folder, {"index.md": b"# Home\n", "a/one.md": b"one", "a/two.md": b"two", "b/gone.csv": b"x"})
    assert sorted(first.written) == ["a/one.md", "a/two.md", "b/gone.csv", "index.md"] and first.unchanged == 0
    _age(folder)

    second = write_tree(folder, {"index.md": b"# Home\n", "a/one.md": b"one, edited", "a/two.md": b"owt",
                                 "c/new.json": b"{}"})
    assert sorted(second.written) == ["a/one.md", "a/two.md", "c/new.json"]  # same size, other bytes: rewritten too
    assert second.unchanged == 1 and second.removed == ("b/gone.csv",)
    assert second.summary("generated") == "generated: 3 written, 1 unchanged, 1 removed (4 generated files)"
    times = _times(folder)
    assert times.pop("index.md") == OLD * 10**9 and times.pop(MARKER) == OLD * 10**9
    assert all(time > OLD * 10**9 for time in times.values()), times
    assert not (folder / "b").exists(), "a folder left empty is removed"
    assert {p: (folder / p).read_bytes() for p in ("a/one.md", "c/new.json")} == {"a/one.md": b"one, edited",
                                                                                  "c/new.json": b"{}"}
    assert not [p for p in folder.rglob("*.tmp")]


def test_a_folder_the_generator_did_not_write_is_left_alone(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Hand-written\n", encoding="utf-8")
    with pytest.raises(NotAGeneratedFolder, match="holds files the generator did not write"):
        write_tree(docs, {"other.md": b"x"})
    assert sorted(p.name for p in docs.iterdir()) == ["index.md"]
    assert write_tree(tmp_path / "empty", {}).summary("empty") == "empty: 0 written, 0 unchanged, 0 removed (0 generated files)"


@pytest.fixture
def project(corpus_root: Path) -> Path:
    shutil.copy(REPO_ROOT / "mkdocs.yml", corpus_root / "mkdocs.yml")
    return corpus_root


def test_generate_writes_what_the_build_generates_then_only_what_an_edit_changed(project: Path, capsys):
    folder = project / "out"
    assert generate([str(folder), "--root", str(project)]) == 0
    settings = SiteSettings.of(project)
    build = HubBuild.from_content(project, site_url=settings.site_url, repository=Repository(settings.repository))
    expected = GeneratedFiles(build.pages, build.exports)
    assert _times(folder).keys() - {MARKER} == expected.keys()
    assert all((folder / path).read_bytes() == content for path, content in expected.items())
    assert capsys.readouterr().out == f"{folder}: {len(expected)} written, 0 unchanged, 0 removed ({len(expected)} generated files)\n"

    _age(folder)
    case = project / "case_studies" / "example-case-study-gloucestershire.md"
    case.write_text(case.read_text(encoding="utf-8") + "\nAn edited sentence.\n", encoding="utf-8")
    assert generate([str(folder), "--root", str(project)]) == 0
    changed = {p for p, time in _times(folder).items() if time != OLD * 10**9}
    assert "case-studies/example-case-study-gloucestershire.md" in changed
    assert "An edited sentence." in (folder / "case-studies/example-case-study-gloucestershire.md").read_text(encoding="utf-8")
    assert len(changed) < len(expected) / 4, changed  # the edited page and the few files that show its body
    assert capsys.readouterr().out.startswith(f"{folder}: {len(changed)} written, {len(expected) - len(changed)} unchanged, 0 removed")


def test_generate_reports_invalid_content_and_writes_nothing(project: Path):
    write_corpus(project, {"case_studies/example-broken.md": case_study_text("Example broken", ics=None, region="South Wst")})
    run = subprocess.run([sys.executable, "-m", "ccpl_hub", "generate", "--root", str(project)],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT / "hooks")})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.startswith("case_studies/example-broken.md:4: region: unknown NHS England region 'South Wst'")
    assert "Found 1 problem in 1 of" in run.stdout
    assert not (project / "generated").exists()


def test_generate_reports_a_site_configuration_it_cannot_read_at_its_line(project: Path, capsys):
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + "site_url: [unclosed\n", encoding="utf-8")
    assert generate(["--root", str(project)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"mkdocs.yml:{lines + 1}: file: is not valid YAML (")  # the unclosed line
    assert "MkDocs could not read it either" in out and not (project / "generated").exists()


def test_generate_refuses_a_folder_it_did_not_write(project: Path, capsys):
    with pytest.raises(SystemExit) as stopped:
        generate([str(project / "case_studies"), "--root", str(project)])
    assert stopped.value.code == 2
    assert "holds files the generator did not write" in capsys.readouterr().err
