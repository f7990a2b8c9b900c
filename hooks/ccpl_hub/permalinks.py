"""Links that never break: redirects from former slugs, and the list of URLs the hub has published.

Comms teams link to role lists and case studies from their own sites. When a slug changes, the
content file lists its former slug (``redirect_from``) and the old URL becomes a redirect. The repo
keeps every URL it has published in ``data/published-urls.txt`` (refreshed by
``scripts/published_urls.py``); a build or validation fails when one of them would disappear
without a redirect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .catalogue import Catalogue
from .loader import read_text
from .problems import Problem
from .routes import redirects, served_paths, url_of

PUBLISHED_URLS_FILE = "data/published-urls.txt"
PUBLISHED_URLS_MAX_BYTES = 16 * 1024 * 1024  # one line per URL the hub has ever served
_HEADER = """\
# Every URL the hub has published, relative to the site root. Do not remove a line: when a page
# moves, list its former slug in the content file's `redirect_from` so the old URL keeps working.
# Refresh with `python scripts/published_urls.py` after adding pages.
"""


def redirect_map(catalogue: Catalogue) -> dict[str, str]:
    """Former source paths -> current ones, in the form the mkdocs-redirects plugin takes."""
    return dict(sorted((r.old, r.new) for r in redirects(catalogue)))


def live_urls(src_uris: Iterable[str], redirect_sources: Iterable[str]) -> set[str]:
    """Every URL a build serves: its pages and files, and the old addresses it redirects."""
    return {url_of(s) for s in src_uris} | {url_of(old) for old in redirect_sources}


def read_published(root: Path) -> tuple[list[tuple[int, str]], list[Problem]]:
    """The published URLs with their line numbers, and any problem reading the list itself."""
    path = root / PUBLISHED_URLS_FILE
    if not path.is_file():
        return [], []
    text, problems = read_text(path, PUBLISHED_URLS_FILE, max_bytes=PUBLISHED_URLS_MAX_BYTES)
    rows = []
    for number, line in enumerate((text or "").splitlines(), 1):
        url = line.strip()
        if url and not url.startswith("#"):
            rows.append((number, "" if url == "/" else url.lstrip("/")))
    return rows, problems


def published_url_problems(root: Path, catalogue: Catalogue, unsure: tuple[str, ...] = ()) -> list[Problem]:
    """A published URL that the content no longer serves, and that nothing redirects, is a broken link.

    Worked out from the declared routes, so it needs no rendering and runs with every other check,
    over whatever content is valid; URLs starting with one of ``unsure`` (those an invalid file may
    be the only reason for) are left until that file is fixed.
    """
    served = live_urls(served_paths(catalogue, root / "docs"), redirect_map(catalogue))
    published, problems = read_published(root)
    for number, url in published:
        if url not in served and not url.startswith(unsure):
            problems.append(Problem(
                PUBLISHED_URLS_FILE, number, "url",
                f"'/{url}' was published but this build no longer serves it. If its page was renamed, add the "
                "old slug to `redirect_from` in the renamed file; never delete a published URL from this list"))
    return problems


def write_published(root: Path, served: set[str]) -> int:
    """Add the URLs this build serves to the list, keeping every URL published before. Returns how many were added."""
    known = {url for _, url in read_published(root)[0]}
    merged = sorted(known | served)
    path = root / PUBLISHED_URLS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_HEADER + "".join(f"/{url}\n" for url in merged), encoding="utf-8")
    return len(set(merged) - known)
