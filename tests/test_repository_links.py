"""Links to the hub's repository: "edit this page" to the source file, "report a problem" as a
prefilled issue, and the contribute page and accessibility statement linking to the real form and
tracker, all from one setting (mkdocs.yml ``extra.repository``, from REPO_URL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from ccpl_hub.build import HubBuild
from ccpl_hub.repository import Repository
from ccpl_hub.routes import source_files

from corpus import RESEARCH_PATH, RESEARCH_TEXT, write_corpus
from sites import BuiltSite

REPO = "https://github.com/example-owner/example-hub"
DEFAULT_REPO = "https://github.com/ccpl-knowledge-hub/ccpl-knowledge-hub"  # mkdocs.yml's default


@pytest.mark.parametrize("address", ["", "github.com/example-owner/example-hub", "https://github.com/example-owner",
                                     "https://github.com/example-owner/example-hub/", "http://github.com/a/b"])
def test_an_empty_or_malformed_repository_address_fails_the_build(corpus_root: Path, address: str):
    build = HubBuild.from_content(corpus_root, repository=Repository(address))
    assert [(p.path, p.field) for p in build.problems] == [("mkdocs.yml", "extra.repository")]
    assert "set REPO_URL" in build.problems[0].message and build.catalogue is None


def test_every_page_made_from_a_content_file_links_to_edit_that_file_and_to_report_a_problem(corpus_root: Path):
    write_corpus(corpus_root, {RESEARCH_PATH: RESEARCH_TEXT})  # a page of every content type
    build = HubBuild.from_content(corpus_root, site_url="https://hub.example/", today=date(2026, 11, 23),
                                  repository=Repository(REPO))
    assert build.problems == []
    sources = source_files(build.catalogue)
    assert sources["frameworks/example-ics-framework/action-1-1.md"] == "framework/frameworks/example-ics-framework.md"
    assert sources["principles/2.md"] == "framework/principles/principle-2.md"
    assert {p.split("/")[0] for p in sources} == {"case-studies", "principles", "frameworks", "roles", "learning-report",
                                                   "research"}
    for src_uri, path in sources.items():
        paragraph = lxml.html.fragment_fromstring(build.pages[src_uri].rsplit("<hr>", 1)[1])
        links = {a.text_content(): a.get("href") for a in paragraph.iter("a")}
        assert links[f"edit its source file, {path}"] == f"{REPO}/edit/main/{path}", src_uri
        report = links["Report a problem with this page"]
        query = parse_qs(urlsplit(report).query)
        assert report.startswith(f"{REPO}/issues/new?")
        assert query["title"] == [f"Problem with https://hub.example/{src_uri.removesuffix('.md').removesuffix('index')}"
                                  .rstrip("/") + "/"]
        assert f"Source file: {path}" in query["body"][0]
    # index pages are made from many files: no single file to edit
    assert "edit its source file" not in build.pages["case-studies/index.md"]


def test_the_built_site_links_to_the_repository_everywhere_a_reader_needs_it(fixture_site: BuiltSite):
    case = fixture_site.page("case-studies/example-case-study-gloucestershire/")
    assert f"{DEFAULT_REPO}/edit/main/case_studies/example-case-study-gloucestershire.md" in case.links()
    # the same paragraph on every page: left out of the search index (else "problem" finds every page)
    report = case.article.xpath(".//p[a[contains(@href, '/edit/main/case_studies/')]]")
    assert [p.get("data-pagefind-ignore") for p in report] == ["all"]
    contribute = fixture_site.page("contribute/")
    assert f"{DEFAULT_REPO}/issues/new?template=case-study.yml" in contribute.links()
    assert f"{DEFAULT_REPO}/blob/main/case_studies/_template.md" in contribute.links()
    accessibility = fixture_site.page("about/accessibility/")
    assert {f"{DEFAULT_REPO}/issues", f"{DEFAULT_REPO}/issues/new"} <= set(accessibility.links())
    about = fixture_site.page("about/")
    assert "maintained by the project's maintainers" in about.text()
    assert f"{DEFAULT_REPO}/issues/new" in about.links()
    for url in fixture_site.page_urls:  # no page is left with an unresolved [text][reference]
        assert "][" not in fixture_site.page(url).text(), url
