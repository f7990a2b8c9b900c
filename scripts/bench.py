#!/usr/bin/env python3
"""The hub's performance benchmark: `python scripts/bench.py [--n 1000] [--runs 3] [--scale] [--output FILE]`.

It generates a synthetic corpus (N case studies, N/2 role listings, principles 1-5, one framework:
``ccpl_hub.synthetic``) in a temporary project with this repository's mkdocs.yml, docs, overrides and
hooks, and times, as the median of ``--runs`` runs:

  (a) raw YAML parsing of every content file's frontmatter (read, split, yaml.load): the floor;
  (b) the validator, ``validate_content`` in-process (the ratio uses this), and
      ``scripts/validate.py`` as a subprocess (adds interpreter start-up and imports);
  (c) ``mkdocs build`` with the hub hooks;
  (d) ``mkdocs build`` of the same case study and role bodies as plain Markdown pages, kept out of the
      navigation, same theme (the config INHERITs the hub's), no hooks: the baseline.

Also: the engine alone (validate, catalogue, pages, exports, in-process), the peak memory of each
build process (ru_maxrss from os.wait4), and the built site's and search index's sizes.
``--scale`` also runs 4N and gives the growth of each time. Results go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
TARGETS = (  # (label, limit): a ratio passes when it is at most its limit
    ("(c)/(d) build with hooks / plain build", 1.3),
    ("(b)/(a) validation / YAML floor", 3.0),
    ("(c) 4N/N build time growth", 4.5),
)


@dataclass
class Measures:
    """Everything measured at one corpus size; times are lists of per-run seconds."""

    n: int
    files: int
    times: dict[str, list[float]] = field(default_factory=dict)
    peak_kib: dict[str, int] = field(default_factory=dict)
    site_bytes: dict[str, int] = field(default_factory=dict)
    search_bytes: dict[str, int] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def median(self, key: str) -> float:
        return statistics.median(self.times[key])

    def record(self, key: str, seconds: float) -> None:
        self.times.setdefault(key, []).append(seconds)


# --- the projects ---------------------------------------------------------------------------
def hub_project(root: Path, n: int) -> list[SyntheticFile]:
    """A copy of this repository's site (config, docs, theme overrides, hooks) over a synthetic corpus."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    return write_corpus(root, n, REPO)


def plain_project(root: Path, hub: Path, files: list[SyntheticFile]) -> None:
    """The same case study and role bodies as plain pages, out of the nav, with the hub's theme and no hooks."""
    shutil.copytree(hub / "overrides", root / "overrides")
    shutil.copytree(hub / "docs" / "assets", root / "docs" / "assets")
    (root / "mkdocs.yml").write_text(
        "# The benchmark's baseline: the hub's config without its hooks, the nav listing only the home page.\n"
        f"INHERIT: {os.path.relpath(hub / 'mkdocs.yml', root)}\nhooks: []\nwatch: []\nnav:\n  - Home: index.md\n",
        encoding="utf-8")
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


# --- the measures ---------------------------------------------------------------------------
def parse_frontmatter(paths: list[Path]) -> int:
    """The floor: read each file, cut out its frontmatter and load it with PyYAML's C loader."""
    keys = 0
    for path in paths:
        _, frontmatter, _ = path.read_text(encoding="utf-8").split("---\n", 2)
        keys += len(yaml.load(frontmatter, Loader=YAML_LOADER))
    return keys


def engine_alone(root: Path) -> int:
    build = HubBuild.from_content(root, site_url="http://127.0.0.1:8000/", today=BUILD_DATE)
    return len(build.pages) + len(build.exports)


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def run_measured(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one subprocess; exits with its output if it fails."""
    env = {**os.environ, BUILD_DATE_VARIABLE: BUILD_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone, unlike RUSAGE_CHILDREN
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            sys.exit(f"bench: {' '.join(command)} failed in {cwd} (exit {process.returncode}):\n"
                     + output.read().decode(errors="replace")[-4000:])
    return seconds, usage.ru_maxrss


def tree_size(folder: Path) -> tuple[int, int]:
    """Total bytes and number of HTML pages under ``folder``."""
    total = pages = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return total, pages


def measure(n: int, runs: int, work: Path) -> Measures:
    hub, plain = work / f"hub-{n}", work / f"plain-{n}"
    hub.mkdir()
    files = hub_project(hub, n)
    plain_project(plain, hub, files)
    content = [path for content_type in CONTENT_TYPES for path in content_type.files(hub)]
    measures = Measures(n, len(content))
    check = validate_content(hub)
    if not check.ok:
        sys.exit("bench: the synthetic corpus is invalid:\n" + "\n".join(map(str, check.problems[:20])))
    builds = {"hub": (hub, ["mkdocs", "build", "--quiet"]), "plain": (plain, ["mkdocs", "build", "--quiet"])}
    for run in range(1, runs + 1):
        print(f"  N={n} run {run}/{runs}", flush=True)
        measures.record("yaml", timed(lambda: parse_frontmatter(content)))
        measures.record("validate", timed(lambda: validate_content(hub)))
        measures.record("validate_cli", run_measured([sys.executable, str(REPO / "scripts" / "validate.py"),
                                                      "--root", str(hub)], hub)[0])
        measures.record("engine", timed(lambda: engine_alone(hub)))
        for key, (project, arguments) in builds.items():
            shutil.rmtree(project / "site", ignore_errors=True)
            seconds, peak = run_measured([sys.executable, "-m", *arguments, "--site-dir", "site"], project)
            measures.record(key, seconds)
            measures.peak_kib[key] = max(peak, measures.peak_kib.get(key, 0))
    for key, (project, _) in builds.items():
        measures.site_bytes[key], measures.pages[key] = tree_size(project / "site")
        measures.search_bytes[key] = (project / "site" / "search" / "search_index.json").stat().st_size
    return measures


# --- the report -----------------------------------------------------------------------------
ROWS = (  # (key, label)
    ("yaml", "(a) YAML floor: read + split + `yaml.load(CSafeLoader)` of all frontmatter, in-process"),
    ("validate", "(b) validation: `validate_content`, in-process"),
    ("validate_cli", "(b') `scripts/validate.py` as a subprocess (start-up and imports included)"),
    ("engine", "engine alone: validate, catalogue, pages and exports, in-process"),
    ("hub", "(c) `mkdocs build` with the hub hooks"),
    ("plain", "(d) `mkdocs build` of the same bodies as plain pages, out of the nav, no hooks"),
)


def ratios(results: list[Measures]) -> list[tuple[str, float, float]]:
    first = results[0]
    found = [(TARGETS[0][0], first.median("hub") / first.median("plain"), TARGETS[0][1]),
             (TARGETS[1][0], first.median("validate") / first.median("yaml"), TARGETS[1][1])]
    if len(results) > 1:
        found.append((TARGETS[2][0], results[1].median("hub") / first.median("hub"), TARGETS[2][1]))
    return found


def _mib(value: float) -> str:
    return f"{value / 1024 / 1024:.1f} MiB"


def report(results: list[Measures], runs: int, elapsed: float) -> str:
    sizes = " | ".join(f"N = {m.n}" for m in results)
    rule = " | ".join("---:" for _ in results)
    lines = [
        "# Performance",
        "",
        "How long the hub takes to validate and build a large synthetic corpus, against a plain MkDocs build of "
        "the same pages. This page is written by `make bench` (`scripts/bench.py`); run it again rather than "
        "editing the figures.",
        "",
        f"- Date: {date.today().isoformat()}",
        f"- Machine: {len(os.sched_getaffinity(0))} CPUs (nproc), {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}",
        f"- Corpus: N synthetic case studies, N/2 role listings, principles 1 to 5 and one framework "
        f"(`ccpl_hub.synthetic`); times are medians of {runs} run{'s' if runs != 1 else ''}; "
        f"the whole benchmark took {elapsed / 60:.1f} minutes",
        "",
        f"| Measure | {sizes} |",
        f"| --- | {rule} |",
        f"| Content files | {' | '.join(str(m.files) for m in results)} |",
    ]
    for key, label in ROWS:
        lines.append(f"| {label} | {' | '.join(f'{m.median(key):.2f} s' for m in results)} |")
    for key, label in (("hub", "with hooks (c)"), ("plain", "plain (d)")):
        lines.append(f"| Peak memory of the build process, {label} | "
                     f"{' | '.join(_mib(m.peak_kib[key] * 1024) for m in results)} |")
        lines.append(f"| HTML pages built, {label} | {' | '.join(str(m.pages[key]) for m in results)} |")
        lines.append(f"| Site size, {label} | {' | '.join(_mib(m.site_bytes[key]) for m in results)} |")
        lines.append(f"| Search index (`search/search_index.json`), {label} | "
                     f"{' | '.join(_mib(m.search_bytes[key]) for m in results)} |")
    lines += ["", "## Targets", "", "| Ratio | Value | Target | Result |", "| --- | ---: | ---: | --- |"]
    for label, value, limit in ratios(results):
        lines.append(f"| {label} | {value:.2f} | at most {limit} | {'pass' if value <= limit else 'FAIL'} |")
    if len(results) < 2:
        lines.append(f"| {TARGETS[2][0]} | not measured | at most {TARGETS[2][1]} | run `make bench BENCH_ARGS=--scale` |")
    else:
        lines += ["", "Growth from N to 4N of every time (4 means linear):", ""]
        lines += [f"- {label.split(':')[0]}: {results[1].median(key) / results[0].median(key):.2f}" for key, label in ROWS]
    lines += [
        "",
        "The hub build renders more pages than the plain one: its index, term, framework-item and role-area "
        "pages, and the data exports. Both builds keep case studies and roles out of the navigation, because "
        "Material renders the whole navigation into every page.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of case studies (default 1000; roles: N/2)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; the median is reported (default 3)")
    parser.add_argument("--scale", action="store_true", help="also run 4N and report the growth")
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance.md",
                        help="where to write the report (default docs/performance.md)")
    args = parser.parse_args(argv)
    if args.n < 5 or args.runs < 1:
        parser.error("--n must be at least 5 and --runs at least 1")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ccpl-bench-") as work:
        results = [measure(n, args.runs, Path(work)) for n in ((args.n, 4 * args.n) if args.scale else (args.n,))]
    text = report(results, args.runs, time.perf_counter() - start)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
