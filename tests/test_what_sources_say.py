"""The hub shows what its sources say and no more: a ranking without positions stays without them,
only the learning report's own case studies are shown in its categories as the report's, and facts from
general knowledge are the hub's notes, never passed off as the sources'; a copied contact says where and
when it was given.

Built with the engine on the synthetic corpus (no MkDocs), reading the pages and exports as the build
hands them over.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from corpus import FRAMEWORK_TEXT, REPO_ROOT, case_study_text, write_corpus

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


REPORT_CASE = "case_studies/example-report-case-study.md"


def _case_study(category_source: str, source: str) -> str:
    text = case_study_text("Example case study: report", ics="Gloucestershire", region="South West",
                           category="Frameworks in design")
    text = text.replace("category: Frameworks in design\n",
                        f"category: Frameworks in design\ncategory_source: {category_source}\n")
    return text.replace('source: "Example citation, made up for the tests"\n', source)


def test_only_a_case_study_the_learning_report_includes_can_have_its_category_from_the_report(corpus_root: Path):
    uncited = _build(corpus_root, {REPORT_CASE: _case_study("learning report", 'source: "Example citation"\n')})
    assert [str(p) for p in uncited.problems] == [
        f"{REPORT_CASE}:7: category_source: the learning report classified only its own case studies: cite the "
        "report's case study with its 'case_number' in 'source', or use 'category_source: hub'"]


def test_categories_count_the_reports_classification_and_the_hubs_apart(corpus_root: Path):
    cited = ("source:\n  document: learning-report-2022\n  section: \"Example section\"\n  case_number: 3\n")
    build = _build(corpus_root, {REPORT_CASE: _case_study("learning report", cited)})
    assert build.problems == []
    index = build.pages["categories/index.md"]
    # the corpus's London case study is the hub's classification; the one cited with its number is the report's
    assert "| [Frameworks in design](frameworks-in-design.md) | 2 | 1 | 1 |" in index
    assert "| [Principles in practice](principles-in-practice.md) | 1 | 0 | 1 |" in index
    term = build.pages["categories/frameworks-in-design.md"]
    assert "2 case studies are filed under this category: 1 by the learning report and 1 by the hub's editors" in term
    assert term.count("hub's classification") == 2  # the sentence, and the London case study's entry
    hub_page = build.pages["case-studies/example-case-study-london.md"]
    assert "(the hub's classification: the learning report does not include this case study)" in hub_page
    assert "hub's classification" not in build.pages["case-studies/example-report-case-study.md"]
    rows = {r["slug"]: r["category_source"] for r in json.loads(build.exports["data/case-studies.json"])["case_studies"]}
    assert rows["example-report-case-study"] == "learning report" and rows["example-case-study-london"] == "hub"


GLOSSARY = """terms:
  - term: Example board
    abbreviation: EXB
    definition: "An example body, as the example source describes it."
    hub_note: "Example fact from general knowledge: set up in 2013."
  - term: Example partnership
    definition: "An example partnership."
"""
# The hub's own documents stay listed (the corpus cites them); two examples are added.
SOURCES = (REPO_ROOT / "framework/vocabularies/sources.yml").read_text(encoding="utf-8").rstrip("\n") + """
  - id: example-named
    title: "Example document with a publisher"
    publisher: Example Publisher
  - id: example-unnamed
    title: "Example document that names no publisher"
"""


def test_facts_from_general_knowledge_are_shown_as_the_hubs_note_and_a_missing_publisher_as_not_named(
        corpus_root: Path):
    build = _build(corpus_root, {"framework/vocabularies/glossary.yml": GLOSSARY,
                                 "framework/vocabularies/sources.yml": SOURCES})
    assert build.problems == []
    glossary = build.pages["glossary.md"]
    assert (":   An example body, as the example source describes it.\n\n"
            "    **Hub's note:** Example fact from general knowledge: set up in 2013.\n") in glossary
    assert glossary.count("**Hub's note:**") == 1  # a term without a note has none
    sources = build.pages["about/sources.md"]
    named, unnamed = (sources.split(f"## {title}\n", 1)[1] for title in (
        "Example document with a publisher", "Example document that names no publisher"))
    assert named.startswith('\n<div class="ccpl-facts" markdown>\n\nPublished by\n:   Example Publisher\n')
    assert unnamed.startswith('\n<div class="ccpl-facts" markdown>\n\nPublished by\n:   Not named in the document\n')


CONTACT_CASE = "case_studies/example-contact-case-study.md"
CITED = "source:\n  document: learning-report-2022\n  section: \"Example section\"\n"


def _with_contact(contact: str, source: str = CITED) -> str:
    text = case_study_text("Example case study: contact", ics="Gloucestershire", region="South West")
    text = text.replace("published:", f"contact:\n  email: example@example.org\n{contact}published:")
    return text.replace('source: "Example citation, made up for the tests"\n', source)


def test_a_contact_says_which_source_gave_it_and_when_at_the_sources_precision(corpus_root: Path):
    sources = "documents:\n  - id: learning-report-2022\n    title: \"Example report\"\n    date: 2022\n"
    build = _build(corpus_root, {CONTACT_CASE: _with_contact("  document: learning-report-2022\n"),
                                 "framework/vocabularies/sources.yml": sources})
    assert build.problems == []
    page = build.pages["case-studies/example-contact-case-study.md"]
    assert ('<dt>Contact</dt>\n<dd>\n<p><a href="mailto:example@example.org">example@example.org</a></p>\n'
            "<p>Contact given in Example report, 2022. It may have changed since.</p>") in page


def test_a_contact_given_to_the_hub_is_dated_by_publication(corpus_root: Path):
    build = _build(corpus_root, {CONTACT_CASE: _with_contact("")})
    assert build.problems == []
    page = build.pages["case-studies/example-contact-case-study.md"]
    assert "<p>Contact given to the hub, 15 January 2026. It may have changed since.</p>" in page


def test_a_contacts_document_must_be_one_the_case_study_cites(corpus_root: Path):
    build = _build(corpus_root, {CONTACT_CASE: _with_contact("  document: gloucestershire-framework-2022\n")})
    assert [str(p) for p in build.problems] == [
        f"{CONTACT_CASE}:11: contact.document: 'gloucestershire-framework-2022' is not among the case study's "
        "sources: cite it in 'source' too, or name the document the contact comes from"]
    unknown = _build(corpus_root, {CONTACT_CASE: _with_contact("  document: example-unlisted\n")})
    (problem,) = unknown.problems
    assert (problem.line, problem.field) == (11, "contact.document")
    assert problem.message.startswith("unknown source document 'example-unlisted'")
