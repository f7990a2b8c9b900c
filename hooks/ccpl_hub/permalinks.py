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
from .problems import Problem

PUBLISHED_URLS_FILE = "data/published-urls.txt"
_HEADER = """\
# Every URL the hub has published, relative to the site root. Do not remove a line: when a page
# moves, list its former slug in the content file's `redirect_from` so the old URL keeps working.
# Refresh with `python scripts/published_urls.py` after adding pages.
"""


def url_of(src_uri: str) -> str:
    """The directory URL MkDocs gives a source file: 'roles/x/index.md' -> 'roles/x/'."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def redirect_map(catalogue: Catalogue) -> dict[str, str]:
    """Former source paths -> current ones, in the form the mkdocs-redirects plugin takes."""
    redirects: dict[str, str] = {}
    for entry in catalogue.case_studies:
        for old in entry.record.redirect_from:
            redirects[f"case-studies/{old}.md"] = f"case-studies/{entry.slug}.md"
    for entry in catalogue.roles:
        for old in entry.record.redirect_from:
            redirects[f"roles/{entry.area}/{old}.md"] = f"roles/{entry.area}/{entry.slug}.md"
    for framework in catalogue.frameworks:
        for old in framework.record.redirect_from:
            redirects[f"frameworks/{old}/index.md"] = f"frameworks/{framework.slug}/index.md"
            for item in framework.record.items:
                redirects[f"frameworks/{old}/{item.id}.md"] = f"frameworks/{framework.slug}/{item.id}.md"
    return dict(sorted(redirects.items()))


def hand_written_pages(docs_dir: Path) -> list[str]:
    """Source paths of the Markdown pages kept in docs/."""
    if not docs_dir.is_dir():
        return []
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def live_urls(src_uris: Iterable[str], redirects: dict[str, str]) -> set[str]:
    """Every URL a build serves: its pages and files, and the old addresses it redirects."""
    return {url_of(s) for s in src_uris} | {url_of(old) for old in redirects}


def read_published(root: Path) -> list[tuple[int, str]]:
    path = root / PUBLISHED_URLS_FILE
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        url = line.strip()
        if url and not url.startswith("#"):
            rows.append((number, "" if url == "/" else url.lstrip("/")))
    return rows


def check_published(root: Path, served: set[str]) -> list[Problem]:
    """A published URL that the build no longer serves, and that nothing redirects, is a broken link."""
    problems = []
    for number, url in read_published(root):
        if url not in served:
            problems.append(Problem(
                PUBLISHED_URLS_FILE, number, "url",
                f"'/{url}' was published but this build no longer serves it. If its page was renamed, add the "
                "old slug to `redirect_from` in the renamed file; never delete a published URL from this list"))
    return problems


def write_published(root: Path, served: set[str]) -> int:
    """Add the URLs this build serves to the list, keeping every URL published before. Returns how many were added."""
    known = {url for _, url in read_published(root)}
    merged = sorted(known | served)
    path = root / PUBLISHED_URLS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_HEADER + "".join(f"/{url}\n" for url in merged), encoding="utf-8")
    return len(set(merged) - known)
