"""The live preview (`make serve`) while content is invalid: it keeps serving, shows the problems in
the browser each time, prints them first in the terminal, and turns back into the site once fixed.

One `mkdocs serve` of a small synthetic project on a port of its own; the problems page itself is
also checked on the engine's objects (escaping, grouping), which needs no server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from corpus import corpus_files
from site_server import BUILD_ENV, chromium_path
from sites import make_project

from ccpl_hub.preview import PROBLEMS_MARKER, problems_page
from ccpl_hub.problems import Problem

CASE = "case_studies/example-case-study-gloucestershire.md"
CASE_URL = "case-studies/example-case-study-gloucestershire/"
OTHER_CASE, OTHER_CASE_URL = "case_studies/example-case-study-derbyshire.md", "case-studies/example-case-study-derbyshire/"
TITLE_LINE = 'title: "Example case study: Gloucestershire"'
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def test_problems_page_lists_every_problem_by_file_with_content_escaped():
    html = problems_page([
        Problem("case_studies/b.md", 4, "region", "unknown NHS England region 'South Wst'"),
        Problem("case_studies/a.md", 2, "file", 'is not valid YAML: the line reads: title: "<script>x</script>'),
        Problem("case_studies/b.md", 3, "principles, entry 2", "6 is not a national CCPL principle"),
    ])
    assert PROBLEMS_MARKER in html
    assert "The preview is paused: 3 problems in 2 files stop the preview" in html
    assert html.index("case_studies/a.md") < html.index("case_studies/b.md")
    assert html.index("Line 3, principles, entry 2:") < html.index("Line 4, region:")
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, ready, server: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    """The first answer at ``url`` that ``ready(status, text)`` accepts (the preview rebuilds in the background)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        try:
            last = _fetch(url)
        except (urllib.error.URLError, ConnectionError):
            last = None  # not listening yet
        if last is not None and ready(*last):
            return last
        time.sleep(0.3)
    pytest.fail(f"{url} never became ready; last answer: {last and last[0]} {last and last[1][:300]}")


def test_serve_shows_the_problems_every_time_then_the_site_once_fixed(tmp_path: Path):
    project = make_project(tmp_path / "project", {})
    case_file = project / CASE
    valid = case_file.read_text(encoding="utf-8")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
        cwd=project, env={**os.environ, **BUILD_ENV}, stdout=log, stderr=subprocess.STDOUT)
    page = f"http://127.0.0.1:{port}/{CASE_URL}"
    try:
        _wait_for(page, lambda status, text: status == 200 and "Example case study: Gloucestershire" in text, server)

        case_file.write_text(valid.replace(TITLE_LINE, "title: Example case study: Gloucestershire"), encoding="utf-8")
        status, html = _wait_for(page, lambda status, text: PROBLEMS_MARKER in text, server)
        assert "The preview is paused: 1 problem in 1 file stop the preview" in html
        assert CASE in html and "Line 2:" in html
        assert "put the whole value in double quotes, like this: title: &#34;Example case study: Gloucestershire&#34;" in html
        assert "The preview is paused: 1 problem in 1 file" in _fetch(f"http://127.0.0.1:{port}/")[1]  # every address

        # A second, different mistake is shown too (MkDocs alone answered a repeated error with a bare
        # "Aborted with a BuildError!" and requests that hung).
        case_file.write_text(valid.replace("region: South West", "region: South Wst"), encoding="utf-8")
        _, html = _wait_for(page, lambda status, text: "unknown NHS England region" in text, server)
        assert "Line 5, region:" in html and "did you mean &#39;South West&#39;?" in html

        executable = chromium_path()
        if executable is None:  # the page's own check, without a browser: it reloads once the marker is gone
            case_file.write_text(valid, encoding="utf-8")
        else:
            _browser_sees_the_site_come_back(executable, page, lambda: case_file.write_text(valid, encoding="utf-8"))
        status, html = _wait_for(page, lambda status, text: PROBLEMS_MARKER not in text, server)
        assert status == 200 and "Example case study: Gloucestershire" in html

        # A dirty rebuild shows an edited body, and no longer serves the page of a deleted case study.
        other = f"http://127.0.0.1:{port}/{OTHER_CASE_URL}"
        assert _fetch(other)[0] == 200
        case_file.write_text(valid + "\nAn edited sentence.\n", encoding="utf-8")
        _wait_for(page, lambda status, text: "An edited sentence." in text, server)
        (project / OTHER_CASE).unlink()
        _wait_for(other, lambda status, text: status == 404, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in output and "Aborted" not in output
    assert "Building documentation..." in output and "A 'dirty' build" not in output  # the hub's dirty rebuilds are accurate
    problem_lines = [line for line in output.splitlines() if line.startswith("ERROR   -  [content]")]
    assert problem_lines[:2] == [
        f"ERROR   -  [content] {CASE}:2: file: is not valid YAML: the value of 'title' contains a colon followed by a "
        "space, which YAML reads as the start of another field; put the whole value in double quotes, like this: "
        'title: "Example case study: Gloucestershire". The line reads: title: Example case study: Gloucestershire',
        f"ERROR   -  [content] 1 problem in 1 file stop the preview: the preview at http://127.0.0.1:{port}/ shows "
        "them until they are fixed",
    ]
    assert any(line.startswith(f"ERROR   -  [content] {CASE}:5: region: unknown NHS England region 'South Wst'")
               for line in problem_lines)
    assert "are not included in the \"nav\" configuration" not in output


def _browser_sees_the_site_come_back(executable: str, url: str, fix) -> None:
    """The page open in a browser shows the problems, then the site, without anyone reloading it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            assert page.locator("h1").inner_text().startswith("The preview is paused")
            fix()
            page.wait_for_function("document.title.indexOf('Example case study: Gloucestershire') === 0",
                                   timeout=120_000)
            assert page.locator("h1").inner_text().startswith("Example case study: Gloucestershire")
        finally:
            browser.close()
