"""A case study's lifecycle: dated change notes, a yearly review, and withdrawal with a notice.

Built with the engine on a synthetic corpus (no MkDocs): the generated pages, index pages, exports
and feeds are read as the build hands them to MkDocs.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from lxml import etree

from corpus import case_study_text, write_corpus
from sites import with_field

from ccpl_hub.build import HubBuild

SLUG = "example-case-study-withdrawn"
PAGE = f"case-studies/{SLUG}.md"
TITLE = "Example case study: withdrawn"
HISTORY = ('[{date: 2026-02-01, note: "Example change: figures corrected."}, '
           '{date: 2026-03-01, note: "Example change: contact removed."}]')


def _build(root: Path, **fields: str) -> HubBuild:
    text = case_study_text(TITLE, ics="Gloucestershire", region="South West")
    for key, value in fields.items():
        text = with_field(text, key, value)
    write_corpus(root, {f"case_studies/{SLUG}.md": text})
    build = HubBuild.from_content(root, site_url="https://hub.example/", today=date(2026, 11, 23))
    assert build.problems == []
    return build


def test_a_withdrawn_case_study_keeps_its_page_with_a_notice_and_leaves_the_lists(corpus_root: Path):
    build = _build(corpus_root, history=HISTORY, status="withdrawn", withdrawn_date="2026-04-01",
                   withdrawn_reason='"Example reason: the programme has closed."')
    page = build.pages[PAGE]
    assert '<p class="admonition-title">Withdrawn on 1 April 2026</p>' in page
    assert "This case study was withdrawn on 1 April 2026: Example reason: the programme has closed." in page
    assert "## Related case studies" not in page and "ccpl-pager" not in page
    assert "<li>1 April 2026: withdrawn. Example reason: the programme has closed.</li>" in page
    # its address never vanishes: it is one of the URLs the build serves (the published-URL check uses them)
    assert f"case-studies/{SLUG}/" in build.served_urls()
    # no list, index or filter offers it, nor the finder (it searches pages with sort keys and filters)
    assert "data-pagefind-sort" not in page and "data-pagefind-filter" not in page
    listings = {path: text for path, text in build.pages.items() if path != PAGE}
    assert [path for path, text in listings.items() if SLUG in text] == []
    # the exports keep it, marked; the feeds mark it, dated by the withdrawal
    row = next(r for r in json.loads(build.exports["data/case-studies.json"])["case_studies"] if r["slug"] == SLUG)
    assert (row["status"], row["withdrawn_date"], row["withdrawn_reason"], row["last_changed"]) == (
        "withdrawn", "2026-04-01", "Example reason: the programme has closed.", "2026-04-01")
    rss = etree.fromstring(build.exports["feeds/case-studies.xml"])
    (item,) = rss.xpath(f"/rss/channel/item[link='https://hub.example/case-studies/{SLUG}/']")
    assert item.findtext("title") == f"Withdrawn: {TITLE}"
    assert item.findtext("description").endswith("Withdrawn 2026-04-01: Example reason: the programme has closed.")
    assert rss.xpath("/rss/channel/item[1]/link/text()") == [f"https://hub.example/case-studies/{SLUG}/"]


def test_history_is_shown_newest_first_on_the_page_in_the_feeds_and_exports(corpus_root: Path):
    build = _build(corpus_root, history=HISTORY)
    page = build.pages[PAGE]
    assert ("## Change history\n\n<ul>\n<li>1 March 2026: Example change: contact removed.</li>\n"
            "<li>1 February 2026: Example change: figures corrected.</li>\n<li>15 January 2026: published on the hub</li>\n"
            "</ul>\n") in page
    assert "15 January 2026 · last updated 1 March 2026" in page
    feed = json.loads(build.exports["feeds/case-studies.json"])
    item = next(i for i in feed["items"] if i["url"].endswith(f"/{SLUG}/"))
    assert item["date_modified"] == "2026-03-01T00:00:00+00:00"
    assert item["_ccpl"]["history"] == [{"date": "2026-03-01", "note": "Example change: contact removed."},
                                        {"date": "2026-02-01", "note": "Example change: figures corrected."}]
    assert item["content_text"].endswith("Updated 2026-03-01: Example change: contact removed.")
    exported = json.loads(build.exports["data/case-studies.json"])["case_studies"]
    row = next(r for r in exported if r["slug"] == SLUG)
    assert row["history"] == ["2026-03-01: Example change: contact removed.",
                              "2026-02-01: Example change: figures corrected."]
    assert row["status"] == "published" and SLUG in build.pages["case-studies/index.md"]


def test_a_case_study_is_overdue_for_review_a_year_after_its_last_review(corpus_root: Path):
    overdue = _build(corpus_root, reviewed="2025-11-22", published="2025-06-01")
    assert '<p class="admonition-title">Overdue for review</p>' in overdue.pages[PAGE]
    assert "last reviewed on 22 November 2025, more than 12 months before" in overdue.pages[PAGE]
    due_today = _build(corpus_root, reviewed="2025-11-23", published="2025-06-01")
    assert "Overdue for review" not in due_today.pages[PAGE]
    assert "<dt>Last reviewed</dt>\n<dd>23 November 2025</dd>" in due_today.pages[PAGE]
    never_reviewed = _build(corpus_root, published="2025-11-01")  # the review runs from publication
    assert "last reviewed on 1 November 2025" in never_reviewed.pages[PAGE]
