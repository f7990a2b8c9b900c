#!/usr/bin/env python3
"""The hub's performance benchmark: `python scripts/bench.py [--sizes 500 2000 8000 | --n 1000 [--scale]] [--runs 3] [--output FILE]`.

It generates a synthetic corpus (N case studies, N/2 role listings, principles 1-5, one framework:
``ccpl_hub.synthetic``) in a temporary project with this repository's mkdocs.yml, docs, overrides and
hooks, and measures, as the median of ``--runs`` runs:

  (a) raw YAML parsing of every content file's frontmatter (read, split, ``yaml.load`` with
      ``CSafeLoader``), in-process: the floor;
  (b) the validator: ``validate_content`` in-process (the ratio uses this), and ``scripts/validate.py``
      as a subprocess (which adds interpreter start-up and imports);
  (c) ``mkdocs build`` with the hub hooks: the build process itself (its own CPU time and memory, read
      inside it as it exits), without the Pagefind run it starts at the end, which is (e);
  (d) ``mkdocs build`` of the same pages and files as (c) serves, written out as plain files, with the
      hub's theme and plugins (its config INHERITs the hub's) but no hooks and a nav listing only the
      home page: what MkDocs and Material alone cost for this site, so (c)/(d) is the hub's overhead;
  (d') the same for only the case study and role bodies: a site of N + N/2 plain pages, for scale.

The live preview, as a contributor uses it:

  (g) one edit to a case study's body until its page shows the edit: ``mkdocs serve`` of the hub project,
      run with the arguments of ``make serve`` (read from the Makefile) on a free port; after its first
      build and that build's background search index, a sentence is added to a case study's body and its
      page is fetched every 50 ms until the sentence is on it. Wall time is that wait (the target is
      judged on it: it is what the contributor waits); CPU time is what the ``mkdocs serve`` process used
      meanwhile (its background Pagefind run not included). Each run is one edit, made once the previous
      edit's search index has finished.

Search (Pagefind), on the hub build's site:

  (e) the index time: ``build_search_index`` (Pagefind, then its canonical order) as a subprocess;
  (f) what a reader downloads before the first result of a one-word search: headless Chromium (with an
      empty cache) opens the search page with the word in its address, as the header's search form
      sends it, and the case study finder likewise, over a local static server, and every response
      that arrived before the first result showed is added up (the page, its CSS and JavaScript,
      Pagefind's script, WebAssembly, entry, metadata, the word's index chunks and the first results'
      fragments; the filters only if a page fetches them first). The bytes are given as served (no
      compression) and as a host that gzips text files sends them (GitHub Pages does; Pagefind's own
      files are compressed already). Two words: one on nearly every synthetic page (the worst case,
      since its index chunk lists every page it is on) and one on a handful.

Every time is taken both as wall-clock and as CPU time (user + system): the builds are single-threaded,
so on a busy machine CPU time is the steadier measure, and the targets are judged on it. A build's CPU
time and peak resident memory are its own process's (``getrusage(RUSAGE_SELF)`` as it exits): os.wait4
would add the largest and the sum of its children, and the hub build's child is Pagefind, measured as
(e). Also reported: the size of the built site and of its search index.

The issue's targets name corpus sizes (the build ratio at N = 2000, memory at 8000, an edit at 500 and
2000), so ``--sizes 500 2000 8000`` measures each; ``--n N`` (one size) and ``--scale`` (N and 4N) remain.
The report is written to docs/performance.md (``--output`` to write elsewhere).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import platform
import re
import socket
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Callable

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))

from ccpl_hub.build import HubBuild  # noqa: E402
from ccpl_hub.content_types import CASE_STUDY, CONTENT_TYPES, ROLE  # noqa: E402
from ccpl_hub.review import BUILD_DATE_VARIABLE  # noqa: E402
from ccpl_hub.synthetic import BUILD_DATE, SyntheticFile, write_corpus  # noqa: E402
from ccpl_hub.validation import validate_content  # noqa: E402

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SITE_URL = "http://127.0.0.1:8000/"
BUILDS = ("hub", "plain", "bodies")  # (c), (d), (d'): each a project folder of that name
ROWS = (  # (key, name, what exactly) of every time measured
    ("yaml", "(a) YAML floor", f"read, split and `yaml.load` ({YAML_LOADER.__name__}) all frontmatter, in-process"),
    ("validate", "(b) validation", "`validate_content`, in-process"),
    ("validate_cli", "(b) validator command", "`scripts/validate.py` as a subprocess (start-up and imports included)"),
    ("engine", "engine alone", "validation, catalogue, pages and exports, in-process"),
    ("hub", "(c) hub build", "`mkdocs build` with the hub hooks, the build process alone (its Pagefind run is (e))"),
    ("plain", "(d) plain build", "`mkdocs build` of the same pages as plain files, no hooks, nav of the home page only"),
    ("bodies", "(d') bodies build", "`mkdocs build` of only the N + N/2 case study and role bodies, no hooks"),
    ("edit", "(g) edit to page", "one edit of a case study's body until `mkdocs serve`, run as `make serve` runs it, "
             "serves its page with the edit"),
    ("index", "(e) search index", "Pagefind over the hub build's site (`build_search_index`, canonical order "
              "included), as a subprocess"),
)
SEARCH_WORD = "leaders"  # on nearly every synthetic page (its first sentence): the largest index chunk


def rare_word(n: int) -> str:
    """A word on a handful of pages: the last synthetic case study's number, in its title."""
    return str(n)


# Where a reader searches: the address a word is sent to, and (a script taking the word) when the
# first result shows. The finder lists the newest case studies without a search: it has searched
# once its count names the word and a result is back in its list.
SEARCH_PLACES = {
    "search page": ("search/?q={word}", "() => document.querySelector('#ccpl-search .ccpl-result__title a')"),
    "finder": ("case-studies/?q={word}", "word => document.getElementById('ccpl-result-count').textContent.includes('\\u201c' + word + '\\u201d')"
                                         " && document.querySelector('#ccpl-results .ccpl-result')"),
}
SEARCH_GOAL = 300 * 1024  # bytes before the first result, as a gzipping host sends them
# What a browser asks for, as text a host compresses; Pagefind's index, fragments and WebAssembly are gzip already.
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
BUILD_RATIO_LIMIT = 2.0  # (c)/(d'): the hub build against a bare Material build of the same bodies
VALIDATION_RATIO_LIMIT = 3.0  # (b)/(a)
GROWTH_LIMIT = 4.2  # (c) at 4N / (c) at N
MEMORY_LIMIT_MB, MEMORY_AT = 600, 8000  # peak memory of the hub build at N = 8000, in MB (10^6 bytes)
EDIT_LIMITS = ((500, 2.0), (2000, 4.0))  # one edit seen in `make serve`: seconds allowed up to that N


@dataclass
class Measures:
    """Everything measured at one corpus size; each time is a list of (wall, cpu) seconds per run."""

    n: int
    files: int
    times: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    peak_kib: dict[str, int] = field(default_factory=dict)
    site_bytes: dict[str, int] = field(default_factory=dict)
    search_bytes: dict[str, int] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    transfers: "dict[tuple[str, str], SearchTransfer] | None" = None  # (place, word) -> what it fetched

    def wall(self, key: str) -> float:
        return statistics.median(wall for wall, _ in self.times[key])

    def cpu(self, key: str) -> float:
        return statistics.median(cpu for _, cpu in self.times[key])

    def record(self, key: str, wall: float, cpu: float) -> None:
        self.times.setdefault(key, []).append((wall, cpu))


# --- the projects ---------------------------------------------------------------------------
def hub_project(root: Path, n: int) -> list[SyntheticFile]:
    """A copy of this repository's site (config, docs, theme overrides, hooks) over a synthetic corpus."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    root.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    return write_corpus(root, n, REPO)


def plain_project(root: Path, hub: Path) -> None:
    """(d): every page and file the hub build serves, written out as plain files."""
    build = HubBuild.from_content(hub, site_url=SITE_URL, today=BUILD_DATE)
    _baseline(root, hub, "the hub's pages as plain files")
    shutil.copytree(hub / "docs", root / "docs", dirs_exist_ok=True)
    for src_uri, content in (*build.pages.items(), *build.exports.items()):
        target = root / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)


def bodies_project(root: Path, hub: Path, files: list[SyntheticFile]) -> None:
    """(d'): only the case study and role bodies, each a plain page with its title and summary."""
    _baseline(root, hub, "the case study and role bodies alone")
    shutil.copytree(hub / "docs" / "assets", root / "docs" / "assets")
    (root / "docs" / "index.md").write_text("# Plain baseline\n\nThe benchmark's plain pages.\n", encoding="utf-8")
    for file in files:
        if file.path.startswith(CASE_STUDY.folder + "/"):
            target = root / "docs" / "case-studies" / Path(file.path).name
        elif file.path.startswith(ROLE.folder + "/"):
            target = root / "docs" / "roles" / Path(file.path).relative_to(ROLE.folder)
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        summary = file.frontmatter.get("summary", "")
        target.write_text(f"# {file.title}\n\n{summary}\n\n{file.body}", encoding="utf-8")


def _baseline(root: Path, hub: Path, what: str) -> None:
    """A project whose config is the hub's without hooks, with a nav of the home page only."""
    shutil.copytree(hub / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text(
        f"# A benchmark baseline ({what}): the hub's config without its hooks, the nav listing only the home page.\n"
        f"INHERIT: {os.path.relpath(hub / 'mkdocs.yml', root)}\nhooks: []\nwatch: []\nnav:\n  - Home: index.md\n",
        encoding="utf-8")


# --- the measures ---------------------------------------------------------------------------
def parse_frontmatter(paths: list[Path]) -> int:
    """The floor: read each file, cut out its frontmatter and load it with PyYAML."""
    keys = 0
    for path in paths:
        _, frontmatter, _ = path.read_text(encoding="utf-8").split("---\n", 2)
        keys += len(yaml.load(frontmatter, Loader=YAML_LOADER))
    return keys


def engine_alone(root: Path) -> int:
    build = HubBuild.from_content(root, site_url=SITE_URL, today=BUILD_DATE)
    return len(build.pages) + len(build.exports)


def timed(function: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of an in-process call."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


# Runs a Python module as ``python -m`` would (or code, as ``python -c``), then writes to the file named
# first its own process's CPU seconds, its peak memory since it started (VmHWM: ru_maxrss would carry the
# bench's memory over from the fork) and the peak memory of the largest child it waited for (KiB).
_OWN_USAGE = r"""
import atexit, re, resource, runpy, sys
def _write(path=sys.argv[1]):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/status") as status:
        peak = re.search(r"VmHWM:\s*(\d+)", status.read()).group(1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(path, "w") as out:
        out.write(f"{usage.ru_utime + usage.ru_stime} {peak} {children}")
atexit.register(_write)
target, args = sys.argv[2], sys.argv[3:]
if target == "-c":
    sys.argv = ["-c", *args[1:]]
    exec(compile(args[0], "<string>", "exec"), {"__name__": "__main__"})
else:
    sys.argv = [target, *args]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class ProcessUsage:
    wall: float  # seconds
    cpu: float  # seconds of the process itself
    total_cpu: float  # seconds of the process and every child it waited for
    peak_kib: int  # the process itself
    child_peak_kib: int  # the largest child it waited for


def run_python_measured(target: list[str], cwd: Path) -> ProcessUsage:
    """Run ``python -m module args`` (target ``[module, *args]``) or ``python -c code`` (``["-c", code]``) and
    measure the process alone, apart from the children it starts (the hub build starts Pagefind)."""
    with tempfile.TemporaryDirectory() as scratch:
        usage_file = Path(scratch) / "usage"
        wall, total_cpu, _ = run_measured([sys.executable, "-c", _OWN_USAGE, str(usage_file), *target], cwd)
        cpu, peak, child_peak = usage_file.read_text(encoding="utf-8").split()
    return ProcessUsage(wall, float(cpu), total_cpu, int(peak), int(child_peak))


def run_measured(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident memory (KiB) of one subprocess and the children it
    waited for; exits if it fails."""
    env = {**os.environ, BUILD_DATE_VARIABLE: BUILD_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # the usage of this child alone
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            sys.exit(f"bench: {' '.join(command)} failed in {cwd} (exit {process.returncode}):\n"
                     + output.read().decode(errors="replace")[-4000:])
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def serve_arguments(port: int) -> list[str]:
    """The arguments `make serve` gives `mkdocs serve` (read from the Makefile, so (g) follows it), on ``port``."""
    recipe = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs (.+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M)
    arguments = recipe.group(1).split()
    arguments[arguments.index("--dev-addr") + 1] = f"127.0.0.1:{port}"
    return arguments


def edit_to_page(project: Path, runs: int) -> list[tuple[float, float]]:
    """(g): (wall, CPU) seconds of each of ``runs`` edits to a case study until `mkdocs serve` shows it."""
    case = project / CASE_STUDY.folder / "example-case-study-1.md"
    original = case.read_text(encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = f"http://127.0.0.1:{port}/case-studies/example-case-study-1/"
    env = {**os.environ, BUILD_DATE_VARIABLE: BUILD_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    times = []
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", *serve_arguments(port)], cwd=project, env=env,
                                  stdout=output, stderr=subprocess.STDOUT)
        try:
            _page_showing(page, "Example case study 1", server, output, timeout=3600)
            for run in range(1, runs + 1):
                _wait_for_children(server.pid)  # the previous build's search index: the machine is quiet again
                sentence = f"Edited for the benchmark, edit {run}."
                cpu = _process_cpu(server.pid)
                start = time.perf_counter()
                case.write_text(f"{original}\n{sentence}\n", encoding="utf-8")
                _page_showing(page, sentence, server, output, timeout=600)
                times.append((time.perf_counter() - start, _process_cpu(server.pid) - cpu))
        finally:
            server.terminate()
            server.wait(timeout=60)
            case.write_text(original, encoding="utf-8")
    return times


def _page_showing(url: str, text: str, server: subprocess.Popen, output, timeout: float) -> None:
    """Fetch ``url`` every 50 ms until it shows ``text``; exits if the server stops or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output.seek(0)
            sys.exit(f"bench: mkdocs serve stopped (exit {server.returncode}):\n"
                     + output.read().decode(errors="replace")[-4000:])
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass  # not listening yet, the page not built yet, or the answer cut short by a rebuild
        time.sleep(0.05)
    sys.exit(f"bench: {url} did not show {text!r} within {timeout:.0f} s")


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of the running process ``pid`` (its children not included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for_children(pid: int, timeout: float = 600) -> None:
    """Wait until no child of ``pid`` is running (finished ones stay until the parent reaps them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_running(child) for child in _children(pid)):
            return
        time.sleep(0.2)


def _children(pid: int, proc: Path = Path("/proc")) -> list[str]:
    """The process ids of the children of each thread of ``pid``; a thread that ends while they are read
    (the live server starts and ends threads all the time) has none left."""
    children = []
    for task in (proc / str(pid) / "task").iterdir():
        try:
            children += (task / "children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
    return children


def _running(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@dataclass
class SearchTransfer:
    """What the browser fetched before the first result of a search: (url, bytes served, bytes gzipped)."""

    responses: list[tuple[str, int, int]]

    @property
    def served(self) -> int:
        return sum(served for _, served, _ in self.responses)

    @property
    def gzipped(self) -> int:
        return sum(gzipped for _, _, gzipped in self.responses)

    @property
    def index(self) -> int:
        """The part that is Pagefind's index (metadata, filters, word chunks, fragments), as gzipped."""
        return sum(gzipped for url, _, gzipped in self.responses if "/pagefind/" in url and ".pf_" in url)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def search_transfers(site: Path, words: list[str]) -> dict[tuple[str, str], SearchTransfer] | None:
    """(f), for each place a reader searches and each word; None when no Chromium is installed (the
    report says so)."""
    executable = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                       if shutil.which(name)), None)
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright  # a test dependency: needed for this measure only

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    transfers = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            # Every visit fetches all it needs, as a first one does: the HTTP cache is off, and the
            # page's storage is cleared after each search. One tab for all: a new context for each
            # search fetched the same bytes for nearly twice the CPU (a new renderer process each time).
            network = page.context.new_cdp_session(page)
            network.send("Network.enable")
            network.send("Network.setCacheDisabled", {"cacheDisabled": True})
            for place, (address, first_result) in SEARCH_PLACES.items():
                for word in words:
                    responses = []

                    def record(response):
                        responses.append(response)

                    page.on("response", record)
                    page.goto(f"http://127.0.0.1:{server.server_address[1]}/" + address.format(word=word))
                    page.wait_for_function(first_result, arg=word, timeout=120_000)
                    arrived = list(responses)
                    transfers[place, word] = SearchTransfer(
                        [(r.url, *_sizes(r.body(), r.headers.get("content-type", ""))) for r in arrived])
                    page.wait_for_load_state("networkidle")  # what follows the first result, before leaving
                    page.remove_listener("response", record)
                    page.evaluate("localStorage.clear(); sessionStorage.clear()")
                    page.goto("about:blank")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return transfers


def _sizes(body: bytes, content_type: str) -> tuple[int, int]:
    compressible = content_type.startswith(_TEXT_TYPES)
    return len(body), len(gzip.compress(body, compresslevel=6, mtime=0)) if compressible else len(body)


def tree_size(folder: Path) -> tuple[int, int]:
    """Total bytes and number of HTML pages under ``folder``."""
    total = pages = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return total, pages


def measure(n: int, runs: int, work: Path) -> Measures:
    projects = {key: work / f"{key}-{n}" for key in BUILDS}
    hub = projects["hub"]
    files = hub_project(hub, n)
    check = validate_content(hub)
    if not check.ok:
        sys.exit("bench: the synthetic corpus is invalid:\n" + "\n".join(map(str, check.problems[:20])))
    plain_project(projects["plain"], hub)
    bodies_project(projects["bodies"], hub, files)
    content = [path for content_type in CONTENT_TYPES for path in content_type.files(hub)]
    measures = Measures(n, len(content))
    validate_cli = [sys.executable, str(REPO / "scripts" / "validate.py"), "--root", str(hub)]
    index_search = ["-c", f"import sys; sys.path.insert(0, {str(REPO / 'hooks')!r}); "
                    "from pathlib import Path; from ccpl_hub.search_index import build_search_index; "
                    "sys.exit(build_search_index(Path('site')).returncode)"]
    for run in range(1, runs + 1):
        print(f"  N={n}: run {run} of {runs}", flush=True)
        measures.record("yaml", *timed(lambda: parse_frontmatter(content)))
        measures.record("validate", *timed(lambda: validate_content(hub)))
        measures.record("validate_cli", *run_measured(validate_cli, hub)[:2])
        measures.record("engine", *timed(lambda: engine_alone(hub)))
        for key, project in projects.items():
            shutil.rmtree(project / "site", ignore_errors=True)
            build = run_python_measured(["mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"], project)
            measures.record(key, build.wall, build.cpu)
            measures.peak_kib[key] = max(build.peak_kib, measures.peak_kib.get(key, 0))
        index = run_python_measured(index_search, hub)  # Pagefind is its child: CPU of both, Pagefind's memory
        measures.record("index", index.wall, index.total_cpu)
        measures.peak_kib["index"] = max(index.child_peak_kib, measures.peak_kib.get("index", 0))
    measures.times["edit"] = edit_to_page(hub, runs)
    for key, project in projects.items():
        measures.site_bytes[key], measures.pages[key] = tree_size(project / "site")
        measures.search_bytes[key] = tree_size(project / "site" / "pagefind")[0]  # all of it: a search fetches a part
    measures.transfers = search_transfers(hub / "site", [SEARCH_WORD, rare_word(n)])
    return measures


# --- the report -----------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetRow:
    """One target judged at one corpus size: ``value`` (CPU time where it is a time ratio) against ``limit``."""

    target: str
    size: str
    value: float
    limit: float
    shown: str  # the value as the report prints it

    @property
    def met(self) -> bool:
        return self.value <= self.limit


def target_rows(results: list[Measures]) -> list[TargetRow]:
    """Every target the results can judge, at each size measured (the issue names N = 2000 for the
    build ratio, 8000 for memory, 500 and 2000 for an edit): a smaller run is still a useful signal."""
    rows = []
    for m in results:
        ratio = m.cpu("hub") / m.cpu("bodies")
        rows.append(TargetRow("(c)/(d'): hub build / bare build of the same bodies, CPU", f"N = {m.n}", ratio,
                              BUILD_RATIO_LIMIT, f"{ratio:.2f} (wall {m.wall('hub') / m.wall('bodies'):.2f})"))
    for m in results:
        ratio = m.cpu("validate") / m.cpu("yaml")
        rows.append(TargetRow("(b)/(a): validation / YAML floor, CPU", f"N = {m.n}", ratio, VALIDATION_RATIO_LIMIT,
                              f"{ratio:.2f}"))
    for small, large in zip(results, results[1:]):
        if large.n == 4 * small.n:
            growth = large.cpu("hub") / small.cpu("hub")
            rows.append(TargetRow("(c) at 4N / (c) at N: build time growth, CPU", f"N = {small.n} to {large.n}",
                                  growth, GROWTH_LIMIT, f"{growth:.2f}"))
    for m in results:
        if m.n >= MEMORY_AT:
            megabytes = m.peak_kib["hub"] * 1024 / 1e6
            rows.append(TargetRow("(c) peak memory of the build process", f"N = {m.n}", megabytes, MEMORY_LIMIT_MB,
                                  f"{megabytes:.0f} MB"))
    for m in results:
        limit = next((seconds for size, seconds in EDIT_LIMITS if m.n <= size), None)
        if limit is not None and "edit" in m.times:
            rows.append(TargetRow("(g) one edit to the page served by `make serve`, wall", f"N = {m.n}",
                                  m.wall("edit"), limit, f"{m.wall('edit'):.2f} s"))
    return rows


def _mib(value: float) -> str:
    return f"{value / 1024 / 1024:.1f} MiB"


def _row(label: str, values: list[str]) -> str:
    return f"| {label} | {' | '.join(values)} |"


def report(results: list[Measures], runs: int, elapsed: float) -> str:
    lines = [
        "---",
        'description: "How long the hub takes to validate, build and index a large synthetic corpus, and what a '
        'search downloads."',
        "---",
        "",
        "# Performance",
        "",
        "How long the hub takes to validate and build a large synthetic corpus, measured against MkDocs and "
        "Material building the same pages without the hub, and what its search costs to build and to use. Written "
        "by `make bench` (`scripts/bench.py`, which explains each measure); run it again rather than editing the "
        "figures.",
        "",
        f"- Date: {date.today().isoformat()}",
        f"- Machine: {len(os.sched_getaffinity(0))} CPUs (nproc), {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}",
        f"- Corpus: N synthetic case studies, N/2 role listings, principles 1 to 5 and one framework "
        f"(`ccpl_hub.synthetic`)",
        f"- Times are medians of {runs} run{'s' if runs != 1 else ''}, as CPU time (user + system) and "
        f"wall-clock time; the targets are judged on CPU time, which other work on the machine disturbs "
        f"least. The whole benchmark took {elapsed / 60:.1f} minutes.",
        "",
        _row("Measure", [f"N = {m.n}: CPU | N = {m.n}: wall" for m in results]),
        _row("---", ["---: | ---:" for _ in results]),
    ]
    for key, name, detail in ROWS:
        lines.append(_row(f"{name}: {detail}", [f"{m.cpu(key):.2f} s | {m.wall(key):.2f} s" for m in results]))
    lines += ["", _row("Corpus and builds", [f"N = {m.n}" for m in results]), _row("---", ["---:" for _ in results]),
              _row("Content files", [str(m.files) for m in results])]
    for key, label in (("hub", "(c) with hooks"), ("plain", "(d) same pages, plain"), ("bodies", "(d') bodies alone")):
        lines.append(_row(f"{label}: peak memory of the build process", [_mib(m.peak_kib[key] * 1024) for m in results]))
        if key == "hub":
            lines.append(_row("(e) search index: peak memory of the Pagefind run",
                              [_mib(m.peak_kib["index"] * 1024) for m in results]))
        lines.append(_row(f"{label}: HTML pages", [str(m.pages[key]) for m in results]))
        lines.append(_row(f"{label}: site size", [_mib(m.site_bytes[key]) for m in results]))
        lines.append(_row(f"{label}: search index on disk (`pagefind/`, all chunks)",
                          [_mib(m.search_bytes[key]) for m in results]))
    lines += ["", *search_report(results)]
    lines += ["", "## Targets", "", "| Target | Corpus | Measured | Limit | Result |", "| --- | --- | ---: | ---: | --- |"]
    for row in target_rows(results):
        limit = f"{row.limit:g} MB" if row.target.endswith("memory of the build process") else \
            f"{row.limit:g} s" if row.target.startswith("(g)") else f"{row.limit:g}"
        lines.append(f"| {row.target} | {row.size} | {row.shown} | at most {limit} | {'pass' if row.met else 'FAIL'} |")
    lines += ["", "Targets not judged in this run (sizes not measured): "
              + (", ".join(missing) if (missing := _unjudged(results)) else "none") + "."]
    if len(results) > 1:
        lines += ["", f"Growth of each CPU time from N = {results[0].n} to {results[-1].n} "
                  f"({results[-1].n / results[0].n:g} would be linear):", ""]
        lines += [f"- {name}: {results[-1].cpu(key) / results[0].cpu(key):.2f}" for key, name, _ in ROWS]
    lines.append("")
    return "\n".join(lines)


def _unjudged(results: list[Measures]) -> list[str]:
    sizes = [m.n for m in results]
    missing = []
    if 2000 not in sizes:
        missing.append("the build ratio at N = 2000")
    if not any(4 * n in sizes for n in sizes):
        missing.append("build time growth (needs N and 4N)")
    if not any(n >= MEMORY_AT for n in sizes):
        missing.append(f"peak memory at N = {MEMORY_AT}")
    missing += [f"an edit at N = {size}" for size, _ in EDIT_LIMITS if size not in sizes]
    return missing


def _kib(value: float) -> str:
    return f"{value / 1024:.0f} KB"


def search_report(results: list[Measures]) -> list[str]:
    """(e) and (f): what a search costs to build and to use."""
    lines = ["## Search", ""]
    if any(m.transfers is None for m in results):
        return lines + ["The transfer before the first result was not measured: no Chromium was found."]
    lines += [f"What a reader's browser downloads before the first result of a one-word search, with an empty cache, "
              f"from the address the word is sent to: the search page (the header's search form sends it there) and "
              f"the case study finder. Two words: \"{SEARCH_WORD}\", on nearly every synthetic page (the worst case: "
              f"its index chunk lists every page it is on), and the last case study's number (\"{results[0].n}\" at "
              f"N = {results[0].n}), on a handful. Bytes as a host that gzips text files sends them (GitHub Pages "
              "does; Pagefind's own files are compressed already), then as served, the requests, and the part that "
              "is Pagefind's index (metadata, filters, word chunks, fragments). (e) above is the time Pagefind takes "
              "to index the built site.", "",
              _row("Search", [f"N = {m.n}" for m in results]), _row("---", ["---:" for _ in results])]
    kinds = (("common", lambda m: SEARCH_WORD), ("rare", lambda m: rare_word(m.n)))
    for place in SEARCH_PLACES:
        for kind, word in kinds:
            transfers = [m.transfers[place, word(m)] for m in results]
            lines.append(_row(f"{place}, {kind} word: gzipped (as served; requests; index)",
                              [f"{_kib(t.gzipped)} ({_kib(t.served)}; {len(t.responses)}; {_kib(t.index)})"
                               for t in transfers]))
    lines.append(_row(f"Goal: at most {_kib(SEARCH_GOAL)}, gzipped, every search above",
                      ["pass" if max(t.gzipped for t in m.transfers.values()) <= SEARCH_GOAL else "FAIL"
                       for m in results]))
    if len(results) > 1:
        lines += ["", f"Growth of the gzipped bytes from N = {results[0].n} to {results[-1].n} (1.00 is flat): " + "; ".join(
            f"{place}, {kind} word {results[-1].transfers[place, word(results[-1])].gzipped / results[0].transfers[place, word(results[0])].gzipped:.2f}"
            for place in SEARCH_PLACES for kind, word in kinds) + "."]
    largest = sorted(results[-1].transfers["search page", SEARCH_WORD].responses, key=lambda r: -r[2])[:6]
    lines += ["", f"The largest downloads of the search page's common-word search at N = {results[-1].n}, gzipped: "
              + "; ".join(f"`{url.split('/', 3)[-1]}` {_kib(size)}" for url, _, size in largest) + "."]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description="The hub's performance benchmark (see the module docstring).")
    parser.add_argument("--sizes", type=int, nargs="+", metavar="N",
                        help="the corpus sizes to measure, e.g. 500 2000 8000 (the sizes the targets name)")
    parser.add_argument("--n", type=int, default=1000, help="one corpus size (default 1000; roles: N/2)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; the median is reported (default 3)")
    parser.add_argument("--scale", action="store_true", help="with --n: also run 4N and report the growth")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance.md",
                        help="where to write the report (default docs/performance.md)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes)) if args.sizes else [args.n, 4 * args.n] if args.scale else [args.n]
    if min(sizes) < 5 or args.runs < 1:
        parser.error("every size must be at least 5 and --runs at least 1")
    start, results = time.perf_counter(), []
    with tempfile.TemporaryDirectory(prefix="ccpl-bench-") as work:
        for n in sizes:
            results.append(measure(n, args.runs, Path(work)))
            # Written after each size: a long run that has to be stopped still leaves what it measured.
            text = report(results, args.runs, time.perf_counter() - start)
            args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
