"""Offline link check of a built site: every internal link and anchor must resolve; links to other
hosts are only listed, never fetched.

Every link lxml finds in a page (href, src, a redirect page's meta refresh, CSS ``url()``) is resolved
as a browser would, against the page's own address under the site's published URL, so root-relative
links (the 404 page uses them) must carry the site's path prefix too. A link into the site must name
a file in it (a directory URL names its ``index.html``); a ``#fragment`` on an HTML page must name an
element ``id`` or an ``<a name>`` there. ``mailto:``, ``tel:``, ``data:`` and ``javascript:`` URLs
(Material's search "share" button) are not links to a place, so they are not checked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

NOT_PLACES = frozenset({"mailto", "tel", "data", "javascript"})
PARSER = lxml.html.HTMLParser(encoding="utf-8")  # MkDocs writes UTF-8, whatever a page's <meta> says


@dataclass(frozen=True)
class BrokenLink:
    page: str  # relative to the site root, as "principles/3/index.html"
    line: int
    url: str  # as written in the page
    reason: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.url} ({self.reason})"


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0  # links into the site that were checked
    broken: list[BrokenLink] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # URL -> pages

    def external_listing(self, pages_shown: int = 5) -> str:
        """The external links, each with (some of) the pages it is on: for a person to review, not to
        fetch. A theme link in every page's footer would otherwise list the whole site."""
        lines = [f"{len(self.external)} external links (not fetched):"]
        for url in sorted(self.external):
            pages = sorted(self.external[url])
            lines += [url, *(f"    on {page}" for page in pages[:pages_shown])]
            if len(pages) > pages_shown:
                lines.append(f"    and {len(pages) - pages_shown} more pages")
        return "\n".join(lines) + "\n"


class _Site:
    """The built files, each HTML page parsed at most once."""

    def __init__(self, site_dir: Path):
        self.root = site_dir
        self._pages: dict[str, lxml.html.HtmlElement] = {}
        self._anchors: dict[str, set[str]] = {}

    def page(self, relative: str) -> lxml.html.HtmlElement:
        if relative not in self._pages:
            self._pages[relative] = lxml.html.parse(str(self.root / relative), PARSER).getroot()
        return self._pages[relative]

    def anchors(self, relative: str) -> set[str]:
        if relative not in self._anchors:
            page = self.page(relative)
            self._anchors[relative] = set(page.xpath("//@id")) | set(page.xpath("//a/@name"))
        return self._anchors[relative]


def check_site(site_dir: Path, site_url: str) -> LinkReport:
    """Check every link on every HTML page under ``site_dir``, built for ``site_url``."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    base = urlsplit(site_url)
    site = _Site(site_dir)
    report = LinkReport()
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        report.pages += 1
        for element, _attribute, url, _position in site.page(relative).iterlinks():
            target = urlsplit(urljoin(site_url + relative, url.strip()))
            if target.scheme in NOT_PLACES:
                continue
            if (target.scheme, target.netloc) != (base.scheme, base.netloc):
                report.external[url].add(relative)
                continue
            report.internal += 1
            reason = _unresolved(site, base.path, target)
            if reason:
                report.broken.append(BrokenLink(relative, element.sourceline or 0, url, reason))
    return report


def _unresolved(site: _Site, base_path: str, target) -> str | None:
    """Why ``target`` (a URL on the site's host) does not resolve in the built site, or None."""
    if not target.path.startswith(base_path):
        return f"outside the site's path {base_path}"
    relative = unquote(target.path[len(base_path):])
    if not relative or relative.endswith("/") or (site.root / relative).is_dir():
        relative = PurePosixPath(relative, "index.html").as_posix()
    file = site.root / relative
    if not file.is_file():
        return f"no file {relative} in the site"
    fragment = unquote(target.fragment)
    if fragment and file.suffix == ".html" and fragment not in site.anchors(relative):
        return f"no element with id '{fragment}' on {relative}"
    return None
