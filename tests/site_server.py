"""Build the real site once and serve it on loopback, as a visitor's browser would see it."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "CCPL_BUILD_DATE": "2026-11-23"}
# A published address with a path prefix, as a GitHub Pages project site has: links that forget the
# prefix (root-relative URLs, as the 404 page uses) then point outside the site.
PUBLISHED_URL = "https://example.org/ccpl-hub/"
# The real site's session build (the ``real_site`` fixture) sets its hash seed (set iteration order), so
# that the determinism test's second build can set another.
REAL_SITE_ENV = {"PYTHONHASHSEED": "1"}
# Scripts the browser tests put into the pages they check, served beside every site at a path no site has
# (outside the site's own path), so that the browser caches each one and compiles it once per run, not on
# every page as a script inlined by the test would be.
TEST_SCRIPTS = {"/test-scripts/axe.min.js": REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"}


@dataclass(frozen=True)
class BuiltRealSite:
    """The repo's own content built into ``directory`` for the address ``url``."""
    directory: Path
    url: str


def build_site(project: Path, site_dir: Path, site_url: str | None = None,
               extra_env: dict[str, str] | None = None, builder: str = "mkdocs") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of ``project`` into ``site_dir``, with a fixed build date (``builder``:
    another command that builds the same mkdocs.yml, such as properdocs)."""
    env = {**os.environ, **BUILD_ENV, **(extra_env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    command = Path(sys.executable).with_name(builder)
    return subprocess.run([str(command), "build", "--strict", "--config-file", "mkdocs.yml", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files under the address path ``url_path``, with the site's own 404 page (as GitHub Pages
    serves a project site: https://OWNER.github.io/REPOSITORY/)."""

    def __init__(self, *args, url_path: str = "/", **kwargs):
        self.url_path = url_path  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def translate_path(self, path):
        if path in TEST_SCRIPTS:
            return str(TEST_SCRIPTS[path])
        if not path.startswith(self.url_path):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path.removeprefix(self.url_path))

    def end_headers(self):
        if self.path in TEST_SCRIPTS:
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class SiteServer:
    """A static server for a built site on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, site_dir: Path, url_path: str = "/"):
        self.directory = site_dir
        self.url_path = url_path
        handler = functools.partial(_SiteHandler, directory=str(site_dir), url_path=url_path)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.url_path}"

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium_path() -> str | None:
    """Debian's chromium here; GitHub's Ubuntu runners ship Google Chrome instead."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def require_tools(missing: list[str]) -> None:
    """Skip the calling test when a tool it needs is missing; in CI (CI=true), fail it instead, so a
    quality gate is never passed by a silent skip."""
    if missing:
        message = f"tools missing: {', '.join(missing)} (make test installs them)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
