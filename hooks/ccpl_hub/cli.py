"""The engine's command lines: the validator (``python scripts/validate.py [PATH ...]``) and the
generator (``python -m ccpl_hub generate [FOLDER]``).

Exit 0 when the content is valid, 1 when it is not, 2 for a usage error. Nothing a contributor can
put in a file makes either print a traceback: bad content is reported as problems.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .build import HubBuild
from .content_types import CONTENT_ROOTS, discover
from .generator import GeneratedFiles, NotAGeneratedFolder, write_tree
from .problems import Problem, summary_line
from .repository import Repository
from .review import build_date, overdue_roles
from .site_config import CONFIG_FILE, SiteSettings, UnreadableConfig
from .validation import validate_content

REPO_ROOT = Path(__file__).resolve().parents[2]
GENERATED_FOLDER = "generated"  # under the content root, unless a folder is given


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with a short message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog.split()[-1].removesuffix('.py')}: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="validate.py", description="Check the hub's case studies, principles, frameworks and roles.")
    parser.add_argument("paths", nargs="*", type=Path,
                        help="content files or folders to report on (default: all content)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github prints GitHub Actions annotations so problems show on the pull request")
    parser.add_argument("--review", action="store_true",
                        help="also list role listings overdue for their yearly review (a report: exit code unchanged)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    result = validate_content(args.root, _content_files(parser, args.root, args.paths) if args.paths else None)
    _print_problems(result.problems, result.files_checked, args.format)
    if args.review:
        _print_review(result, build_date())
    return 1 if result.problems else 0


def _print_problems(problems: list[Problem], files_checked: int, format: str = "text") -> None:
    for problem in problems:
        print(problem.github_annotation() if format == "github" else str(problem))
    print(summary_line(problems, files_checked))


def generate(argv: list[str] | None = None) -> int:
    """Write every generated page and export into a folder, rewriting only the files that changed
    (see ``generator``); invalid content writes nothing."""
    parser = _Parser(prog="python -m ccpl_hub generate",
                     description="Write the hub's generated pages and data files into FOLDER, touching only those that changed.")
    parser.add_argument("folder", nargs="?", type=Path,
                        help=f"where to write them (default: {GENERATED_FOLDER}/ in the project); a new or empty "
                             "folder, or one this command wrote before")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = args.folder or args.root / GENERATED_FOLDER
    if not (args.root / CONFIG_FILE).is_file():
        parser.error(f"no {CONFIG_FILE} in {args.root}: the generator reads the site's address and repository from it")
    try:
        settings = SiteSettings.of(args.root)  # the pages link to the site and the repository as a build's do
    except UnreadableConfig as error:
        _print_problems([error.problem], 1)
        return 1
    build = HubBuild.from_content(args.root, site_url=settings.site_url, repository=Repository(settings.repository))
    if build.problems:
        _print_problems(build.problems, build.files_checked)
        return 1
    try:
        update = write_tree(folder, GeneratedFiles(build.pages, build.exports))
    except NotAGeneratedFolder as error:
        parser.error(str(error))
    print(update.summary(folder))
    return 0


def _content_files(parser: _Parser, root: Path, paths: list[Path]) -> list[Path]:
    """The content files the given paths name or contain: a path with none is a usage error, so a
    mistyped or non-content path is never reported as valid content."""
    discovery = discover(root.resolve())  # content files, and the files reported as not content
    content = [p.resolve() for paths in discovery.files.values() for p in paths]
    content += [root.resolve() / p.path for p in discovery.problems]
    selected = []
    for given in paths:
        target = given.resolve()
        matched = [p for p in content if p == target or target in p.parents]
        if not matched:
            parser.error(f"{given} is not a content file, nor a folder holding any "
                         f"(under {' or '.join(folder + '/' for folder in CONTENT_ROOTS)})")
        selected.extend(matched)
    return selected


def _print_review(result, today: date) -> None:
    overdue = overdue_roles(result.entries.get("role", []), today)
    if not overdue:
        print(f"Review: no role listing is overdue (reviewed within 12 months of {today.isoformat()}).")
        return
    print(f"Review: {len(overdue)} role listing(s) last reviewed more than 12 months before {today.isoformat()}:")
    for entry in overdue:
        print(f"  {entry.path}: last reviewed {entry.record.last_reviewed.isoformat()}")
