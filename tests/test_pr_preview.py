"""The pull-request preview: a build without directory URLs (`make preview`) that opens from disk,
and the workflow that tells the pull request how to open it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from corpus import REPO_ROOT
from site_server import build_site
from sites import corpus, make_project

HREF = re.compile(r'(?:href|src)="([^"]*)"')


def test_the_preview_build_opens_from_disk_every_relative_link_names_a_file(tmp_path: Path):
    project = make_project(tmp_path / "project", corpus())
    site = tmp_path / "preview"
    result = build_site(project, site, extra_env={"DIRECTORY_URLS": "false"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "case-studies" / "index.html").is_file() and (site / "principles" / "2.html").is_file()
    broken = []
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # served by a web server only; its links are absolute by design
            continue
        for target in HREF.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "/", "mailto:", "data:")) or not parts.path:
                continue
            if not (page.parent / unquote(parts.path)).is_file():  # file:// opens files, never folders
                broken.append((page.relative_to(site).as_posix(), target))
    assert broken == []


def test_the_preview_comment_runs_apart_from_the_pull_requests_code_with_least_privilege():
    workflows = REPO_ROOT / ".github" / "workflows"
    check = yaml.load((workflows / "check.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (job,) = check["jobs"].values()
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    runs = [s.get("run", "") for s in job["steps"]]
    assert upload["with"]["path"] == "preview/" and upload["with"]["name"] == "site-preview"
    assert runs.index("make preview") < job["steps"].index(upload)
    text = (workflows / "preview-comment.yml").read_text(encoding="utf-8")
    comment = yaml.load(text, Loader=yaml.BaseLoader)
    assert comment["on"] == {"workflow_run": {"workflows": ["Check"], "types": ["completed"]}}
    assert comment["permissions"] == {}
    (job,) = comment["jobs"].values()
    assert job["permissions"] == {"pull-requests": "write"}
    assert "conclusion == 'success'" in job["if"] and "event == 'pull_request'" in job["if"]
    assert all("uses" not in step for step in job["steps"])  # no checkout, no download: no code or files of the PR
    assert not any("${{" in step.get("run", "") for step in job["steps"])
    assert "site-preview" in text and "index.html" in text
