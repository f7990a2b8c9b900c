"""Links: every internal link and anchor in the built site resolves (see ``link_checker.py``); links
to other hosts are listed in a report, never fetched."""

from __future__ import annotations

import shutil
from pathlib import Path

from link_checker import check_site

SITE_URL = "https://hub.example/ccpl/"


def test_every_internal_link_and_anchor_in_the_real_site_resolves(real_site, tmp_path):
    report = check_site(real_site.directory, real_site.url)
    listing = report.external_listing()
    (tmp_path / "external-links.txt").write_text(listing, encoding="utf-8")
    print(listing)  # pytest shows it when the test fails
    assert report.pages == sum(1 for _ in real_site.directory.rglob("*.html")) > 100
    assert report.internal > 10 * report.pages  # every page's navigation, at least, was checked
    assert report.broken == [], "broken links:\n" + "\n".join(map(str, report.broken))


def test_a_broken_link_and_a_broken_anchor_are_reported_with_their_page(real_site, tmp_path):
    site = shutil.copytree(real_site.directory, tmp_path / "site")
    page = site / "principles" / "3" / "index.html"
    html = page.read_text(encoding="utf-8")
    seeded = ('<p><a href="../../case-studies/no-such-case-study/">Example broken link</a> '
              '<a href="../../coverage/#no-such-heading">Example broken anchor</a></p>')
    page.write_text(html.replace("</article>", seeded + "</article>", 1), encoding="utf-8")

    report = check_site(site, real_site.url)

    assert [(b.page, b.url, b.reason) for b in report.broken] == [
        ("principles/3/index.html", "../../case-studies/no-such-case-study/",
         "no file case-studies/no-such-case-study/index.html in the site"),
        ("principles/3/index.html", "../../coverage/#no-such-heading",
         "no element with id 'no-such-heading' on coverage/index.html"),
    ]
    assert all(b.line > 1 for b in report.broken)


def _write_pages(site: Path, pages: dict[str, str]) -> Path:
    for relative, body in pages.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(f"<!doctype html><html><head><title>Example</title></head><body>{body}</body></html>",
                                     encoding="utf-8")
    return site


def test_links_resolve_as_a_browser_resolves_them(tmp_path):
    site = _write_pages(tmp_path, {
        "index.html": """
            <a href="guide/">directory URL</a> <a href="guide">directory without its slash</a>
            <a href="guide/index.html#steps">page and id</a> <a href="guide/#old-name">an a name</a>
            <a href="/ccpl/guide/#caf%C3%A9">root-relative, with the site's prefix, percent-encoded</a>
            <a href="https://hub.example/ccpl/data.csv">the site's own address</a>
            <h1 id="top">Example</h1> <a href="#top">same page</a> <a href="?principle=2">query string</a>
            <a href="mailto:someone@example.org">mailto</a> <a href="javascript:void(0)">script</a>
            <a href="https://elsewhere.example/report.pdf">another host</a>
            <img src="missing.png" alt="">
            <a href="/guide/">root-relative without the prefix</a>
            <a href="guide/#nowhere">missing id</a> <a href="data.csv#row-2">a fragment on a data file</a>""",
        "guide/index.html": '<h2 id="steps">Steps</h2><p id="café"></p><a name="old-name"></a>',
    })
    (site / "data.csv").write_text("a,b\n")

    report = check_site(site, SITE_URL)

    assert [(b.url, b.reason) for b in report.broken] == [
        ("missing.png", "no file missing.png in the site"),
        ("/guide/", "outside the site's path /ccpl/"),
        ("guide/#nowhere", "no element with id 'nowhere' on guide/index.html"),
    ]
    assert dict(report.external) == {"https://elsewhere.example/report.pdf": {"index.html"}}
    assert "https://elsewhere.example/report.pdf\n    on index.html" in report.external_listing()
