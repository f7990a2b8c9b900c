"""What the live preview (`make serve`) shows and says, so a contributor is never left with a blank page.

While content is invalid the preview keeps serving: every address shows one page listing each
problem in plain words, grouped by file, and that page checks every second whether the site is back
(it is fixed when the home page is no longer this page), then reloads itself. The terminal
gets the problems first and one line for anything else worth knowing (overdue reviews), instead of
a line per item that buries them.
"""

from __future__ import annotations

import os
import re
from itertools import groupby
from pathlib import Path

import jinja2

from .problems import Problem

TEMPLATES = Path(__file__).parent / "templates"
# The problems page carries this attribute, so its script can tell it from the site it is waiting for.
PROBLEMS_MARKER = "data-hub-problems"
_ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                  undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def problems_page(problems: list[Problem]) -> str:
    """A self-contained HTML page listing every problem (text escaped: a message quotes the content)."""
    files = [(path, list(found)) for path, found in groupby(sorted(problems), key=lambda p: p.path)]
    return _ENVIRONMENT.get_template("problems.html.j2").render(
        files=files, count=len(problems), marker=PROBLEMS_MARKER, headline=problems_headline(problems))


def problems_headline(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return (f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in "
            f"{files} {'file' if files == 1 else 'files'} stop the preview")


def one_line(count: int, singular: str, plural: str, examples: list[str], how_to_list: str) -> str | None:
    """Many items of one kind as one terminal line: how many, the first few, and how to see them all."""
    if not count:
        return None
    shown = ", ".join(examples[:3]) + (f" and {count - 3} more" if count > 3 else "")
    return f"{count} {singular if count == 1 else plural}: {shown} ({how_to_list})"


# Relative links to folder addresses ("../principles/2/", or "../" for the folder above), as the hub's HTML templates write them
# (for a page at its folder address): MkDocs rewrites only Markdown links in a build without
# directory URLs, where a page x.html sits one folder higher than x/index.html did.
_FOLDER_HREF = re.compile(r'href="((?:\.\.?/)+(?:[^"#?:]*/)?|[A-Za-z0-9_-][^"#?:]*/)([?#][^"]*)?"')


def file_links(site: Path) -> None:
    """Make a site built without directory URLs browsable from disk (file:// has no folder index):
    every relative link to a folder address points at that page's file, x.html or x/index.html."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        written_from = page.parent if page.name == "index.html" else page.with_suffix("")

        def to_file(match: re.Match) -> str:
            folder = Path(os.path.normpath(written_from / match[1]))
            target = folder.with_name(folder.name + ".html")
            if not target.is_file():
                target = folder / "index.html"
            return f'href="{Path(os.path.relpath(target, page.parent)).as_posix()}{match[2] or ""}"'

        fixed = _FOLDER_HREF.sub(to_file, html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")
