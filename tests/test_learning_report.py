"""Issue 13, the learning report's other chapters: its conclusions (what has helped systems so far,
what it looks ahead to, the risks, its recommendation) as typed records linked to principles and
case studies, each link marked as the report's or the hub's inference, cited to the line.

Engine tests run on the synthetic corpus (``corpus.CONCLUSION_TEXT``); the built fixture site is
the session's (``fixture_site``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corpus import CONCLUSION_TEXT, RESEARCH_PATH, RESEARCH_TEXT, WORKSHOP_TEXT, write_corpus
from sites import SITE_URL, BuiltSite
from test_validator_cli import Expect, assert_reports_exactly, changed, validate_in_process

from ccpl_hub.build import HubBuild
from ccpl_hub.routes import served_paths

CONCLUSION = "framework/conclusions/example-conclusion.md"
SECOND = "framework/conclusions/example-second-conclusion.md"
WORKSHOP = "framework/workshops/example-workshop.md"
RESEARCH = RESEARCH_PATH
# The citation that the chapters' own files give: a source document, its section and lines.
CITATION = 'source: "Example citation, made up for the tests"'
CITED = ('source:\n  document: learning-report-2022\n  section: "Example section, made up for the tests"\n'
         '  lines: "10-12"')


def conclusion(old: str, new: str) -> dict[str, str]:
    """The fixture conclusion citing the report to the line, with ``old`` replaced by ``new``."""
    return {CONCLUSION: changed(changed(CONCLUSION_TEXT, CITATION, CITED), old, new)}


def workshop(old: str, new: str) -> dict[str, str]:
    return {WORKSHOP: changed(WORKSHOP_TEXT, old, new)}


def research(old: str, new: str) -> dict[str, str]:
    return {RESEARCH: changed(RESEARCH_TEXT, old, new)}


# --- the engine ---------------------------------------------------------------------------------

def test_a_conclusion_is_linked_both_ways_with_who_made_each_link(corpus_root: Path):
    second = changed(changed(CONCLUSION_TEXT, 'title: "Example conclusion"', 'title: "Example second conclusion"'),
                     "order: 1", "order: 2")
    write_corpus(corpus_root, {SECOND: second.replace("kind: What has helped", "kind: Risk")})
    catalogue = HubBuild.from_content(corpus_root).catalogue
    first, later = catalogue.conclusions
    assert [first.slug, later.slug] == ["example-conclusion", "example-second-conclusion"]  # the report's order
    principles, case_studies, workshops = catalogue.conclusion_links(first)
    assert [(w.slug, by_hub) for w, by_hub in workshops] == [("example-workshop", False)]
    assert [(e.slug, by_hub) for e, by_hub in catalogue.conclusions_about_workshop("example-workshop")] == [
        ("example-conclusion", False), ("example-second-conclusion", False)]
    assert [(p.record.number, by_hub) for p, by_hub in principles] == [(1, False), (3, True)]
    assert [(e.slug, by_hub) for e, by_hub in case_studies] == [("example-case-study-gloucestershire", False),
                                                               ("example-case-study-london", True)]
    assert [(e.slug, by_hub) for e, by_hub in catalogue.conclusions_about_principle(3)] == [
        ("example-conclusion", True), ("example-second-conclusion", True)]
    assert catalogue.conclusions_about_principle(2) == []
    assert [(e.slug, by_hub) for e, by_hub in catalogue.conclusions_about_case_study("example-case-study-london")] == [
        ("example-conclusion", True), ("example-second-conclusion", True)]


def test_a_conclusion_page_and_its_exports_are_declared_routes(corpus_root: Path):
    write_corpus(corpus_root, conclusion("order: 1", "order: 1"))  # cited to the line
    build = HubBuild.from_content(corpus_root)
    declared = served_paths(build.catalogue, corpus_root / "docs")
    for path in ("learning-report/conclusions/example-conclusion.md", "learning-report/conclusions/index.md",
                 "learning-report/index.md", "data/conclusions.json", "data/conclusions.csv",
                 "data/schemas/conclusion.schema.json"):
        assert path in declared and (path in build.pages or path in build.exports), path
    page = build.pages["learning-report/conclusions/example-conclusion.md"]
    assert "(lines 10 to 12)" in page  # the citation reads with its lines
    rows = list(csv.DictReader(io.StringIO(build.exports["data/conclusions.csv"].decode("utf-8-sig"))))
    assert [(r["slug"], r["principles"], r["principles_inferred"], r["case_studies_inferred"], r["workshops"])
            for r in rows] == [("example-conclusion", "1; 3", "3", "example-case-study-london", "example-workshop")]


def test_a_formula_in_a_conclusion_is_refused(corpus_root: Path, capsys):
    write_corpus(corpus_root, conclusion('summary: "Example', 'summary: "=HYPERLINK(1) Example'))
    code, out, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(out, [Expect(CONCLUSION, 5, "summary", "starts with '='")])


BAD_CONCLUSIONS = [
    pytest.param(conclusion('  lines: "10-12"\n', ""),
                 [Expect(CONCLUSION, 11, "source", "give the 'lines' of document 'learning-report-2022'")],
                 id="no-lines"),
    pytest.param(conclusion('lines: "10-12"', 'lines: "12-10"'),
                 [Expect(CONCLUSION, 14, "source.lines", "'12-10' is not in order")], id="lines-backwards"),
    pytest.param(conclusion('lines: "10-12"', 'lines: "line 10"'),
                 [Expect(CONCLUSION, 14, "source.lines", "is not a line reference", "2003-2017")], id="lines-not-numbers"),
    pytest.param(conclusion("  document: learning-report-2022\n", "  citation: \"Example citation\"\n"),
                 [Expect(CONCLUSION, 11, "source", "'lines' are lines of a listed document")], id="lines-without-document"),
    pytest.param(conclusion("principles_inferred: [3]", "principles_inferred: [4]"),
                 [Expect(CONCLUSION, 7, "principles_inferred", "principle 4 must also be listed in 'principles'")],
                 id="inferred-principle-not-listed"),
    pytest.param(conclusion("case_studies_inferred: [example-case-study-london]",
                            "case_studies_inferred: [example-case-study-derbyshire]"),
                 [Expect(CONCLUSION, 9, "case_studies_inferred",
                         "case study example-case-study-derbyshire must also be listed in 'case_studies'")],
                 id="inferred-case-study-not-listed"),
    pytest.param(conclusion("example-case-study-gloucestershire,", "example-case-study-gloucester,"),
                 [Expect(CONCLUSION, 8, "case_studies, entry 1",
                         "unknown case study 'example-case-study-gloucester'; did you mean 'example-case-study-gloucestershire'?")],
                 id="unknown-case-study"),
    pytest.param(conclusion("workshops: [example-workshop]", "workshops: [example-workshp]"),
                 [Expect(CONCLUSION, 10, "workshops, entry 1", "unknown workshop 'example-workshp'; did you mean "
                         "'example-workshop'?")], id="unknown-workshop"),
    pytest.param(conclusion("kind: What has helped", "kind: Helpful"),
                 [Expect(CONCLUSION, 4, "kind", "'Helpful' is not allowed", "'What has helped', 'Looking ahead', 'Risk', "
                         "'Recommendation'")], id="unknown-kind"),
    pytest.param({**conclusion("principles: [1, 3]", "principles: [1, 6]"), SECOND: None},
                 [Expect(CONCLUSION, 6, "principles, entry 2", "6 is not a national CCPL principle")], id="no-such-principle"),
    pytest.param({SECOND: CONCLUSION_TEXT.replace('"Example conclusion"', '"Example second conclusion"')},
                 [Expect(CONCLUSION, 3, "order", "1 is the order of 2 conclusions"),
                  Expect(SECOND, 3, "order", "1 is the order of 2 conclusions")], id="same-order"),
    pytest.param({"framework/conclusions/index.md": CONCLUSION_TEXT.replace("order: 1", "order: 2")},
                 [Expect("framework/conclusions/index.md", 1, "file", "the file name 'index.md' would take the address "
                         "/learning-report/conclusions/", "a page the hub generates")], id="named-index"),
]

BAD_WORKSHOPS = [
    pytest.param(workshop('    lines: "20-22"\n', ""),
                 [Expect(WORKSHOP, 9, "themes, entry 1, lines", "is required but missing")], id="point-without-lines"),
    pytest.param(workshop("ics: Somerset", "ics: Somerset\nregion: London"),
                 [Expect(WORKSHOP, 5, "region", "'London' is not the region of Somerset: it is in South West")],
                 id="region-not-the-ics-region"),
    pytest.param(workshop("ics: Somerset", "ics: Somersett"),
                 [Expect(WORKSHOP, 4, "ics", "unknown ICS 'Somersett'; did you mean 'Somerset'?")], id="unknown-ics"),
    pytest.param(workshop("  - text: \"Example enabler.\"", "  - txt: \"Example enabler.\""),
                 [Expect(WORKSHOP, 14, "enablers, entry 1, txt", "is not a field of a point",
                         "did you mean 'text'?"),
                  Expect(WORKSHOP, 14, "enablers, entry 1, text", "is required but missing")], id="point-field-typo"),
    pytest.param(workshop("principles: [2]", "principles: [2, 7]"),
                 [Expect(WORKSHOP, 6, "principles, entry 2", "7 is not a national CCPL principle")], id="no-such-principle"),
    pytest.param(workshop("participants: 7", "participants: some"),
                 [Expect(WORKSHOP, 5, "participants", "'some' must be a whole number")], id="participants-not-a-number"),
]


def test_a_workshop_joins_its_region_and_ics_and_has_its_declared_routes(corpus_root: Path):
    build = HubBuild.from_content(corpus_root)
    catalogue = build.catalogue
    [entry] = catalogue.workshops
    assert entry.record.region == "South West"  # filled in from the ICS
    assert catalogue.workshops_in_region("South West") == [entry] == catalogue.workshops_of_ics("Somerset")
    assert catalogue.workshops_in_region("London") == []
    assert "somerset" in [t.slug for t in catalogue.terms["ics"]]  # an ICS with only a workshop has its page
    declared = served_paths(catalogue, corpus_root / "docs")
    for path in ("learning-report/workshops/example-workshop.md", "learning-report/workshops/index.md",
                 "data/workshops.json", "data/schemas/workshop.schema.json"):
        assert path in declared and (path in build.pages or path in build.exports), path


BAD_RESEARCH = [
    pytest.param({RESEARCH: None, "framework/research/example-report.md": RESEARCH_TEXT},
                 [Expect("framework/research/example-report.md", 1, "file", "'example-report' is not a source id",
                         "'learning-report-2022'")], id="not-named-after-a-source"),
    pytest.param(research('title: "Example guidance", role: key document, lines: "6"',
                          'title: "Example guidance", role: key document, lines: "6", bibliography_title: "Example"'),
                 [Expect(RESEARCH, 16, "guidance, entry 1, bibliography_lines", "give 'bibliography_title' and "
                         "'bibliography_lines' together")], id="bibliography-title-without-lines"),
    pytest.param(research('role: key document', 'role: main'),
                 [Expect(RESEARCH, 16, "guidance, entry 1, role", "'main' is not allowed", "'key document', 'supporting'")],
                 id="unknown-guidance-role"),
    pytest.param(research('{label: "Example role", count: 6}', '{label: "Example role", count: "six"}'),
                 [Expect(RESEARCH, 9, "respondents, entry 1, rows, entry 1, count", "'six' must be a whole number")],
                 id="count-not-a-number"),
]


@pytest.mark.parametrize("files, expected", BAD_CONCLUSIONS + BAD_WORKSHOPS + BAD_RESEARCH)
def test_a_bad_conclusion_or_workshop_is_reported_precisely(corpus_root: Path, capsys, files: dict, expected: list[Expect]):
    write_corpus(corpus_root, files)
    code, out, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(out, expected)


# --- the built site -----------------------------------------------------------------------------

def test_the_conclusion_has_its_page_and_joins_the_principle_and_case_study_pages(fixture_site: BuiltSite):
    url = "learning-report/conclusions/example-conclusion/"
    page = fixture_site.page(url)
    assert page.h1 == "Example conclusion"
    assert page.section_links("principles") == ["principles/1/", "principles/3/"]
    assert "Principle 1: Example principle 1: the report makes this link" in page.section_text("principles")
    assert "Principle 3: Example principle 3: the hub's inference" in page.section_text("principles")
    assert page.section_links("case-studies") == ["case-studies/example-case-study-gloucestershire/",
                                                  "case-studies/example-case-study-london/"]
    assert page.section_links("regional-workshops") == ["learning-report/workshops/example-workshop/"]
    assert fixture_site.page("learning-report/workshops/example-workshop/").section_links(
        "in-the-reports-conclusions") == [url]
    for principle, by_hub in ((1, False), (3, True)):
        section = fixture_site.page(f"principles/{principle}/").section_text("in-the-reports-conclusions")
        assert ("the hub's inference" in section) is by_hub and "Example conclusion (what has helped)" in section
    assert fixture_site.page("principles/2/").section_links("in-the-reports-conclusions") == []
    case = fixture_site.page("case-studies/example-case-study-gloucestershire/")
    assert case.section_links("in-the-reports-conclusions") == [url]
    index = fixture_site.page("learning-report/conclusions/")
    assert index.section_links("what-has-helped") == [url, "principles/1/", "principles/3/"]
    html = (fixture_site.site / url / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in html  # searched: the record itself
    assert "data-pagefind-body" not in (fixture_site.site / "learning-report/conclusions/index.html").read_text(encoding="utf-8")
    nav = fixture_site.page("").tree.xpath("//nav[contains(@class, 'md-tabs')]//a/@href")
    assert any(href.rstrip("/").endswith("learning-report") for href in nav)
    exported = fixture_site.json("data/conclusions.json")["conclusions"]
    assert [(c["slug"], c["url"]) for c in exported] == [("example-conclusion", SITE_URL + url)]
    assert fixture_site.exists(url)


def test_a_workshop_has_its_page_and_shows_on_its_region_and_ics_pages(fixture_site: BuiltSite):
    url = "learning-report/workshops/example-workshop/"
    page = fixture_site.page(url)
    assert page.h1 == "Example workshop"
    assert "Example theme text. Example of the theme." in page.section_text("key-themes")
    assert page.section_text("what-helps") == "Example enabler."
    assert page.section_text("challenges") == "The report lists no challenges for this workshop apart from its themes."
    for term in ("regions/south-west/", "ics/somerset/"):
        assert fixture_site.page(term).section_links("regional-workshops") == [url], term
    assert fixture_site.page("regions/london/").article.xpath(".//h2[@id='regional-workshops']") == []
    assert fixture_site.page("principles/2/").section_links("regional-workshops") == [url]
    assert fixture_site.page("principles/1/").article.xpath(".//h2[@id='regional-workshops']") == []
    assert "principles/2/" in page.links()
    assert fixture_site.page("learning-report/workshops/").links()[0] == url
    [exported] = fixture_site.json("data/workshops.json")["workshops"]
    assert exported["url"] == SITE_URL + url
    assert (exported["region"], exported["participants"], exported["themes"][0]["examples"]) == (
        "South West", 7, ["Example of the theme."])


def test_the_research_record_has_its_page_beside_the_coverage_matrix_and_the_sources(fixture_site: BuiltSite):
    url = "research/learning-report-2022/"
    page = fixture_site.page(url)
    assert page.h1 == "Example research record"
    assert "Example figure over 5" in page.section_text("the-evidence-base")
    who = page.section_text("who-was-heard")
    assert "Example role 6" in who and "These numbers add up to 8, not 9" in who  # derived, never typed
    assert "These notes are the hub's own, not the report's. Example note of the hub's editors." == \
        page.section_text("notes-from-the-hubs-editors")
    assert "Example publisher (June 2021): Example guidance (the key document" in page.section_text("related-national-guidance")
    coverage = fixture_site.page("coverage/")
    assert url in coverage.links()[:3] and "Example figure: over 5" in coverage.text()
    assert url in fixture_site.page("about/sources/").links()
    assert url in fixture_site.page("learning-report/").links()
    assert "data-pagefind-body" in (fixture_site.site / url / "index.html").read_text(encoding="utf-8")
