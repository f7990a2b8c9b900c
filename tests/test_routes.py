"""Routes as a stage: every content type and index declares where its pages live once, one module turns
records and terms into paths and URLs, and a generated page can only link to a declared path.

These run on the engine's own objects (catalogue, routes, renderer), without a site build.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ccpl_hub import routes
from ccpl_hub.build import HubBuild
from ccpl_hub.content_types import CONTENT_TYPES
from ccpl_hub.catalogue import ICS_WITHOUT_TERM
from ccpl_hub.routes import UndeclaredLink, content_page, page_of, relative_url, url_of
from ccpl_hub.views.base import View
from corpus import RESEARCH_PATH, RESEARCH_TEXT, write_corpus
from test_diversity import FIGURES, FIGURES_PATH

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def build(corpus_root: Path) -> HubBuild:
    """The shared corpus with a research record and diversity figures, so that every content type has a record."""
    write_corpus(corpus_root, {RESEARCH_PATH: RESEARCH_TEXT, FIGURES_PATH: FIGURES})
    built = HubBuild.from_content(corpus_root)
    assert built.problems == []
    return built


def test_every_content_type_declares_its_page_or_where_its_records_show():
    """A new content type without a route fails here: it needs one, or a NO_PAGE entry naming the page
    its records show on (a declared fixed page)."""
    for content_type in CONTENT_TYPES:
        assert (content_type.route is None) == (content_type.key in routes.NO_PAGE), content_type.key
        if content_type.route is None:
            assert routes.NO_PAGE[content_type.key] in routes.FIXED_PAGES


def test_every_record_of_every_type_has_its_rendered_page_and_an_edit_link(build: HubBuild):
    """Each routed type's records are in the catalogue's pages, rendered by a view, and each page is
    traced back to its file (the "edit this page" link); a type forgotten in any of them fails."""
    catalogue = build.catalogue
    routed = {t.key for t in CONTENT_TYPES if t.route is not None}
    entries = [*catalogue.entries_with_pages, *catalogue.principles]
    assert {e.type.key for e in entries} == routed
    sources = routes.source_files(catalogue)
    for entry in entries:
        assert page_of(entry) in build.pages, entry.path
        assert sources[page_of(entry)] == entry.path
    for entry in catalogue.diversity_figures:  # a type without pages
        with pytest.raises(ValueError, match="shows on roles/diversity.md"):
            page_of(entry)


def test_every_content_type_has_its_schema_export_and_its_citations_counted(build: HubBuild):
    """Every content type has a JSON Schema export, and its records are among those whose citations
    the page of the sources counts (a type left out would show its documents as less cited)."""
    for content_type in CONTENT_TYPES:
        assert routes.SCHEMA.format(key=content_type.key) in build.exports
    records = build.catalogue.records
    assert {e.type.key for e in records} == {t.key for t in CONTENT_TYPES}
    assert len({id(e) for e in records}) == len(records)


def test_a_principle_page_is_its_term_page(build: HubBuild):
    catalogue = build.catalogue
    for entry in catalogue.principles:
        assert page_of(entry) == page_of(catalogue.term("principle", str(entry.record.number)))


@pytest.mark.parametrize(("page", "target", "expected"), [
    ("case-studies/x.md", "principles/2/", "../../principles/2/"),
    ("case-studies/index.md", "case-studies/x/", "x/"),
    ("case-studies/index.md", "case-studies/", "./"),
    ("roles/midlands/index.md", "roles/midlands/cmo/", "cmo/"),
    ("coverage.md", "", "../"),
    ("index.md", "data/roles.csv", "data/roles.csv"),
    ("data/index.md", "data/roles.csv", "roles.csv"),
])
def test_links_are_relative_to_the_page(page: str, target: str, expected: str):
    assert relative_url(page, target) == expected


def test_url_of_is_the_directory_url():
    assert [url_of(p) for p in ("index.md", "roles/index.md", "roles/x.md", "data/roles.csv")] == [
        "", "roles/", "roles/x/", "data/roles.csv"]


def test_the_link_filters_refuse_a_path_that_no_route_declares(build: HubBuild):
    """MkDocs does not check links in raw HTML: a template linking to a page the routes do not
    declare fails the render instead of publishing a broken link."""
    view = View(build.catalogue, build.today)
    case_study = build.catalogue.case_studies[0]
    render = lambda source: view.env.from_string(source).render(  # noqa: E731
        links=view.links, page_uri=page_of(case_study), catalogue=build.catalogue, entry=case_study)
    assert render("{{ site.HUB | href }}") == "../"
    assert render("{{ entry | link }}") == page_of(case_study).removeprefix("case-studies/")
    assert render("{{ catalogue.taxonomy('region') | link('north-west') }}") == "../regions/index.md#north-west"
    assert render("{{ site.HUB | href(query='principle=1&region=london') }}") == "../?principle=1&amp;region=london"
    for template in ("{{ 'case-studies/nowhere.md' | href }}", "{{ 'case-studies/nowhere.md' | link }}",
                     "{{ 'contribute/not-a-page.md' | link }}"):
        with pytest.raises(UndeclaredLink, match="no route declares"):
            render(template)


def test_the_hand_written_pages_that_generated_pages_link_to_exist():
    for page in routes.HAND_WRITTEN_LINKED:
        assert (REPO_ROOT / "docs" / page).is_file(), page


def test_every_content_type_with_redirects_or_an_ics_is_handled(build: HubBuild):
    """A content type given ``redirect_from`` gets its redirects from its route (none without a page
    fails loudly), and one given an ``ics`` field is declared as adding its ICS to the ICS term list
    or not."""
    catalogue = build.catalogue
    with_ics = {t.key for t in CONTENT_TYPES if "ics" in t.model.model_fields}
    assert with_ics == set(catalogue.ics_term_sources) | set(ICS_WITHOUT_TERM)
    for content_type in CONTENT_TYPES:
        if "redirect_from" in content_type.model.model_fields:
            assert content_page(content_type, "former-name", "somerset") is not None, content_type.key
    entry = catalogue.case_studies[0]
    object.__setattr__(entry, "record", entry.record.model_copy(update={"redirect_from": ["former-name"]}))
    [redirect] = [r for r in routes.redirects(catalogue) if r.entry is entry]
    assert (redirect.old, redirect.new) == ("case-studies/former-name.md", page_of(entry))


def test_no_generated_page_links_from_the_site_root(build: HubBuild):
    """Every link the engine writes is relative to its page (a Markdown link's source path, an HTML
    link's URL), so the site is right under any base URL and with any builder."""
    for src_uri, page in build.pages.items():
        assert "](/" not in page, src_uri
        assert 'href="/' not in page, src_uri
