"""Issue 13: every framework item's link to a national principle says who made it (the source, citing
the lines that make it, or the hub's editors), and the framework comparison page lays every local
framework against the 5 principles from the framework data alone: a new framework file is one more
column, with its gaps, and no template change. (That the cited lines say what the content quotes is
checked with the other line citations, in test_source_lines.)
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from ccpl_hub.build import HubBuild
from ccpl_hub.framework_comparison import comparison_columns
from ccpl_hub.routes import FRAMEWORK_COMPARISON, generated_pages, page_parents
from corpus import write_corpus

SECOND_FRAMEWORK = "framework/frameworks/example-second-ics.md"
SECOND_FRAMEWORK_TEXT = """---
title: "Example second ICS framework"
short_title: "Example second ICS"
ics: Somerset
summary: "Example framework, written for the tests: one theme its source links to a principle and the hub to another, one linked to none."
source: "Example second framework document, made up for the tests"
items:
  - id: theme-1
    kind: theme
    title: "Example second theme 1"
    description: "Example theme description."
    serves: [4, 5]
    serves_inferred: [5]
    serves_cited: [{principle: 4, document: learning-report-2022, section: "Example section", lines: 4, quote: "Example words that link theme 1 to principle 4"}]
  - id: theme-2
    kind: theme
    title: "Example second theme 2"
    description: "Example theme description."
---
Example body text for the second framework.
"""

# What the fixture frameworks say, principle by principle: (item id, linked by the hub's editors).
EXAMPLE_ICS_LINKS = {1: [("priority-1", True)], 2: [("priority-2", True)], 3: [("priority-2", True)], 4: [], 5: []}
SECOND_ICS_LINKS = {1: [], 2: [], 3: [], 4: [("theme-1", False)], 5: [("theme-1", True)]}


@pytest.fixture
def two_frameworks(corpus_root: Path) -> HubBuild:
    """The corpus's Example ICS framework and a second synthetic framework file added beside it."""
    build = HubBuild.from_content(write_corpus(corpus_root, {SECOND_FRAMEWORK: SECOND_FRAMEWORK_TEXT}))
    assert build.problems == []
    return build


def _links(column) -> dict[int, list[tuple[str, bool]]]:
    return {cell.principle.record.number: [(linked.ref.item.id, linked.link.by_hub) for linked in cell.items]
            for cell in column.cells}


def test_each_framework_is_a_column_of_its_items_under_each_principle_with_who_linked_them(two_frameworks):
    columns = comparison_columns(two_frameworks.catalogue)
    assert [c.framework.slug for c in columns] == ["example-ics-framework", "example-second-ics"]
    first, second = columns
    assert _links(first) == EXAMPLE_ICS_LINKS
    assert _links(second) == SECOND_ICS_LINKS
    assert (first.gaps, second.gaps) == ((4, 5), (1, 2, 3))
    assert (first.links_made_by(hub=False), first.links_made_by(hub=True)) == (0, 3)
    assert (second.links_made_by(hub=False), second.links_made_by(hub=True)) == (1, 1)
    assert (first.unlinked, second.unlinked) == (3, 1)  # a theme and two actions; the second theme


def _comparison_table(markdown: str):
    return lxml.html.fromstring(re.search(r"<table.*?</table>", markdown, re.S).group(0))


def test_a_new_framework_file_appears_on_the_comparison_page_with_its_gaps(two_frameworks):
    table = _comparison_table(two_frameworks.pages[FRAMEWORK_COMPARISON])
    assert [th.text_content() for th in table.xpath("thead/tr/th")] == [
        "National principle", "Example ICS", "Example second ICS"]
    rows = table.xpath("tbody/tr")
    assert [row.xpath("th")[0].text_content() for row in rows] == [f"{n}. Example {n}" for n in range(1, 6)]
    for number, row in enumerate(rows, 1):
        for cell, expected in zip(row.xpath("td"), (EXAMPLE_ICS_LINKS[number], SECOND_ICS_LINKS[number])):
            items = cell.xpath("ul/li")
            assert [li.xpath("a")[0].get("href").rstrip("/").rsplit("/", 1)[1] for li in items] == [i for i, _ in expected]
            assert [li.xpath("span")[0].text_content() for li in items] == [
                "Hub's inference" if by_hub else "Source's link" for _, by_hub in expected]
            assert (cell.xpath("span[@class='ccpl-gap']") != []) == (expected == [])


def test_the_comparison_page_is_declared_before_rendering_and_sits_under_the_frameworks(two_frameworks):
    assert FRAMEWORK_COMPARISON in generated_pages(two_frameworks.catalogue)
    assert page_parents(two_frameworks.catalogue)[FRAMEWORK_COMPARISON] == "frameworks/index.md"


def test_item_pages_quote_the_source_for_its_links_and_name_the_hubs_own(two_frameworks):
    page = two_frameworks.pages["frameworks/example-second-ics/theme-1.md"]
    section = page.split("## Who links this item to the national principles")[1]
    title = two_frameworks.catalogue.vocabulary.sources["learning-report-2022"].title
    assert (f"Principle 4: the source's link. {title}, Example section (line 4), says: "
            "“Example words that link theme 1 to principle 4”") in section
    assert "Principle 5: the hub's inference. No source links this theme to the principle" in section
    framework_page = two_frameworks.pages["frameworks/example-second-ics/index.md"]
    assert "(../compare.md)" in framework_page
