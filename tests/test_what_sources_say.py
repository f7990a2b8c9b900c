"""The hub shows what its sources say and no more: a ranking without positions stays without them.

Built with the engine on the synthetic corpus (no MkDocs), reading the pages and exports as the build
hands them over.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from corpus import FRAMEWORK_TEXT, write_corpus

from ccpl_hub.build import HubBuild

FRAMEWORK = "framework/frameworks/example-ics-framework.md"
ITEM_PAGE = "frameworks/example-ics-framework/{}.md"


def _build(root: Path, files: dict[str, str]) -> HubBuild:
    write_corpus(root, files)
    return HubBuild.from_content(root, site_url="https://hub.example/", today=date(2026, 11, 23))


def _ranked(first: str, second: str) -> str:
    """The fixture framework with its two priorities ranked as given."""
    text = FRAMEWORK_TEXT.replace("    serves: [1]\n", f"    serves: [1]\n    ranked: {first}\n")
    return text.replace("    serves: [2, 3]\n", f"    serves: [2, 3]\n    ranked: {second}\n")


def test_a_ranking_without_positions_shows_no_position_or_tie(corpus_root: Path):
    build = _build(corpus_root, {FRAMEWORK: _ranked("top", "low")})
    assert build.problems == []
    top, low = build.pages[ITEM_PAGE.format("priority-1")], build.pages[ITEM_PAGE.format("priority-2")]
    assert "Ranking\n:   Came out on top of the 2 priorities\n" in top
    assert "Ranking\n:   Ranked low among 2 priorities (the source gives no position)\n" in low
    framework = build.pages["frameworks/example-ics-framework/index.md"]
    assert "(came out on top)" in framework and "(ranked low)" in framework
    items = json.loads(build.exports["data/framework.json"])["frameworks"][0]["items"]
    assert {i["id"]: i["ranked"] for i in items if i["ranked"]} == {"priority-1": "top", "priority-2": "low"}


def test_items_that_came_out_on_top_together_are_not_given_a_joint_rank(corpus_root: Path):
    build = _build(corpus_root, {FRAMEWORK: _ranked("top", "top")})
    for item in ("priority-1", "priority-2"):
        page = build.pages[ITEM_PAGE.format(item)]
        assert ("Ranking\n:   One of 2 of the 2 priorities that came out on top (the source gives no order "
                "among them)\n") in page
        assert "Joint" not in page and "1st" not in page


def test_a_position_is_refused_with_the_values_that_are_valid(corpus_root: Path):
    build = _build(corpus_root, {FRAMEWORK: _ranked("first", "top")})
    (problem,) = build.problems
    assert (problem.path, problem.field) == (FRAMEWORK, "items, entry 2, ranked")
    assert "'top'" in problem.message and "'low'" in problem.message
