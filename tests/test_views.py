"""Views on the engine's own objects: what a page family shows, without a site build."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from ccpl_hub.build import HubBuild
from ccpl_hub.routes import page_of, url_of
from ccpl_hub.views import base, principle, taxonomy
from ccpl_hub.views.base import View
from corpus import PUBLISHED, case_study_text, write_corpus


@pytest.fixture
def view(corpus_root: Path) -> View:
    """The shared corpus and 3 more case studies of one ICS, region, category, principle and theme,
    published on 3 later days."""
    write_corpus(corpus_root, {
        f"case_studies/example-newer-{day}.md": case_study_text(
            f"Example newer case study {day}", ics="Gloucestershire", region="South West", principles="[2]").replace(
            f"published: {PUBLISHED}", f"published: 2026-02-0{day}")
        for day in (1, 2, 3)})
    built = HubBuild.from_content(corpus_root)
    assert built.problems == []
    return View(built.catalogue, built.today)


def _article(markdown: str):
    """The page's HTML parts (what Python-Markdown passes through), parsed."""
    return lxml.html.fromstring("<div>" + markdown.split("\n---\n", 1)[-1] + "</div>")


@pytest.mark.parametrize("key", ["principle", "region", "category", "theme"])
def test_a_term_page_lists_its_newest_case_studies_and_the_finder_for_all(view: View, key: str,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """A listing page stays small as the hub grows: the newest few, then a link to the finder filtered
    by the term, which lists all of them in the same order."""
    term = max(view.catalogue.terms[key], key=lambda t: len(view.catalogue.members(t)))
    members = view.catalogue.members(term)
    assert len(members) >= 2
    monkeypatch.setattr(base, "TERM_PAGE_FIRST", 1)
    pages = principle.pages(view) if key == "principle" else taxonomy.pages(view)
    page = _article(pages[page_of(term)])
    [section] = [ul for ul in page.xpath(".//ul") if ul.xpath("./li/strong/a")]
    assert section.xpath("./li/strong/a/text()") == ["Example newer case study 3"]
    [more] = page.xpath(".//p[@class='ccpl-more']")
    assert f"the 1 newest of {len(members)}" in more.text_content()
    depth = url_of(page_of(term)).count("/")
    assert more.xpath("./a/@href") == ["../" * depth + f"case-studies/?{key}={term.slug}"]


def test_an_ics_page_lists_all_of_its_case_studies(view: View, monkeypatch: pytest.MonkeyPatch):
    """An ICS is not one of the finder's filters: its page keeps the whole list."""
    term = max(view.catalogue.terms["ics"], key=lambda t: len(view.catalogue.members(t)))
    monkeypatch.setattr(base, "TERM_PAGE_FIRST", 0)
    page = _article(taxonomy.pages(view)[page_of(term)])
    assert len(page.xpath(".//li/strong/a")) == len(view.catalogue.members(term)) >= 1
    assert page.xpath(".//p[@class='ccpl-more']") == []
