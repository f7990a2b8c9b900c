"""Issue 4: every index builds itself from the content, exactly.

Most tests run on two builds: the fixture corpus, and the same corpus after a case study file was
added (``ADDED``) and one removed (``DERBYSHIRE``). What each page must show is worked out from
the facts the test corpus was written from, so a stale index, count or matrix cell fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ccpl_hub.vocabulary import load_vocabulary
from lxml import etree

from corpus import REPO_ROOT
from sites import (
    ADDED,
    CASES,
    CATEGORY_SLUGS,
    CHANGED_CASES,
    CHANGED_LISTINGS,
    DERBYSHIRE,
    GLOUCESTERSHIRE,
    HUMBER,
    ITEMS_SERVING,
    LISTINGS,
    LONDON,
    REGION_SLUGS,
    SITE_URL,
    SOMERSET,
    STAFFORDSHIRE,
    BuiltSite,
    Case,
    Page,
    ics_slug,
    resolve,
)

FRAMEWORK_URL = "frameworks/example-ics-framework/"
FRAMEWORK_ICS = ("Gloucestershire", "South West")


@pytest.fixture(params=["fixture_site", "changed_site"])
def built(request):
    """(site, its case studies, its role listings), for the fixture corpus and the changed one."""
    site = request.getfixturevalue(request.param)
    if request.param == "fixture_site":
        return site, CASES, LISTINGS
    return site, CHANGED_CASES, CHANGED_LISTINGS


def urls(cases) -> list[str]:
    return sorted(c.url for c in cases)


def listed(page: Page, section: str, link: str = "./li/a") -> list[str]:
    """The targets of the list entries' links in a section of the page, sorted."""
    return sorted(resolve(page.url, a.get("href")) for element in page.section(section) for a in element.xpath(link))


def listed_case_studies(page: Page) -> list[str]:
    """The case studies a term page lists (each entry's title link)."""
    return listed(page, "case-studies", "./li/strong/a")


def count_sentence(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def facts(page: Page) -> dict:
    """A record page's summary list: label -> the <dd> element."""
    return {dt.text_content().strip(): dt.getnext() for dt in page.article.xpath(".//div[@class='ccpl-facts']//dt")}


def index_table(page: Page) -> dict[str, list[str]]:
    """A taxonomy index's table: term page URL -> the other cells' text."""
    rows = {}
    for tr in page.article.xpath(".//table/tbody/tr"):
        cells = tr.xpath("./td")
        rows[resolve(page.url, cells[0].xpath(".//a/@href")[0])] = [c.text_content().strip() for c in cells[1:]]
    return rows


def icss_with_content(cases, listings) -> dict[str, str]:
    """ICS short name -> region, for every ICS with a case study, a framework or a role listing."""
    found = {c.ics: c.region for c in cases if c.ics}
    found.update({r.ics: r.region for r in listings if r.ics})
    found[FRAMEWORK_ICS[0]] = FRAMEWORK_ICS[1]
    return found


# --- term pages -------------------------------------------------------------------------------

def test_principle_pages_list_their_case_studies_framework_items_and_top_tips(built):
    site, cases, _ = built
    for number in range(1, 6):
        page = site.page(f"principles/{number}/")
        members = [c for c in cases if number in c.principles]
        assert listed_case_studies(page) == urls(members)
        summary = {label: dd.text_content().strip() for label, dd in facts(page).items()}
        assert summary["Case studies"] == count_sentence(len(members), "case study", "case studies")
        items = [f"{FRAMEWORK_URL}{i}/" for i in ITEMS_SERVING[number]]
        serving = page.section_links("local-frameworks-that-serve-this-principle")
        assert serving[0] == "frameworks/compare/"  # every framework, principle by principle
        assert [u for u in serving[1:] if u != FRAMEWORK_URL] == items
        assert summary["Local framework items"] == count_sentence(len(items), "item", "items")
        tips = [li.text_content().strip() for e in page.section("top-tips") for li in e.xpath("./li")]
        assert tips == [f"Example top tip for principle {number}."]


def test_every_region_has_a_page_even_without_case_studies(built):
    site, cases, listings = built
    icss = icss_with_content(cases, listings)
    assert len(REGION_SLUGS) == 7
    for region, slug in REGION_SLUGS.items():
        page = site.page(f"regions/{slug}/")
        members = [c for c in cases if c.region == region]
        assert page.h1 == region
        assert listed_case_studies(page) == urls(members)
        assert f"{count_sentence(len(members), 'case study', 'case studies')} {'is' if len(members) == 1 else 'are'} " \
               "filed under this region." in page.text()
        if not members:
            assert "No case study is filed under this region yet." in page.section_text("case-studies")
        assert listed(page, "integrated-care-systems") == sorted(
            f"ics/{ics_slug(name)}/" for name, r in icss.items() if r == region)
        assert listed(page, "leadership-roles") == sorted(r.url for r in listings if r.region == region)


def test_category_pages_list_exactly_their_case_studies(built):
    site, cases, _ = built
    for category, slug in CATEGORY_SLUGS.items():
        page = site.page(f"categories/{slug}/")
        members = [c for c in cases if c.category == category]
        assert page.h1 == category
        assert listed_case_studies(page) == urls(members)


def test_every_ics_with_content_has_a_page_with_its_case_studies_framework_and_roles(built):
    site, cases, listings = built
    icss = icss_with_content(cases, listings)
    for name in icss:
        page = site.page(f"ics/{ics_slug(name)}/")
        assert page.h1 == name
        assert listed_case_studies(page) == urls(c for c in cases if c.ics == name)
        assert listed(page, "leadership-roles") == sorted(r.url for r in listings if r.ics == name)
        if name == FRAMEWORK_ICS[0]:
            assert page.section_links("local-frameworks") == [FRAMEWORK_URL]
        else:
            assert page.article.xpath(".//h2[@id='local-frameworks']") == []
    assert sorted(p.name for p in (site.site / "ics").iterdir() if p.is_dir()) == sorted(ics_slug(n) for n in icss)


def test_every_theme_in_use_has_a_page_and_no_other_theme_does(built):
    site, cases, _ = built
    themes = {t for c in cases for t in c.themes}
    for theme in themes:
        assert listed_case_studies(site.page(f"themes/{theme}/")) == urls(c for c in cases if theme in c.themes)
    assert sorted(p.name for p in (site.site / "themes").iterdir() if p.is_dir()) == sorted(themes)


def test_taxonomy_index_pages_list_every_term_with_its_count(built):
    site, cases, listings = built

    def shown(n: int) -> list[str]:
        return [str(n) if n else "None yet"]

    assert index_table(site.page("regions/")) == {
        f"regions/{slug}/": shown(sum(c.region == region for c in cases)) for region, slug in REGION_SLUGS.items()}
    # the fixture's case studies are not the learning report's: each is counted as the hub's classification
    assert index_table(site.page("categories/")) == {
        f"categories/{slug}/": [*shown(n := sum(c.category == category for c in cases)), "0", str(n)]
        for category, slug in CATEGORY_SLUGS.items()}
    assert index_table(site.page("ics/")) == {f"ics/{ics_slug(name)}/": shown(sum(c.ics == name for c in cases))
                                              for name in icss_with_content(cases, listings)}
    themes = {t for c in cases for t in c.themes}
    assert index_table(site.page("themes/")) == {f"themes/{t}/": shown(sum(t in c.themes for c in cases))
                                                 for t in themes}
    first_headers = {folder: site.page(f"{folder}/").article.xpath(".//table/thead/tr/th")[0].text_content().strip()
                     for folder in ("regions", "categories", "ics", "themes")}
    assert first_headers == {"regions": "Region", "categories": "Category", "ics": "ICS", "themes": "Theme"}
    assert index_table(site.page("principles/")) == {
        f"principles/{n}/": [str(sum(n in c.principles for c in cases)), str(len(ITEMS_SERVING[n]))]
        for n in range(1, 6)}


# --- coverage matrix --------------------------------------------------------------------------

@pytest.mark.parametrize("heading, facet, terms, value_of", [
    ("principles-by-region", "region", REGION_SLUGS, lambda c: c.region),
    ("principles-by-category", "category", CATEGORY_SLUGS, lambda c: c.category),
])
def test_every_coverage_matrix_cell_counts_and_links_to_its_case_studies(built, heading, facet, terms, value_of):
    site, cases, _ = built
    page = site.page("coverage/")
    [table] = [e for element in page.section(heading) for e in element.xpath(".//table")]
    header = [resolve(page.url, h) for h in table.xpath("./thead/tr/th/a/@href")]
    assert header == [f"{'regions' if facet == 'region' else 'categories'}/{slug}/" for slug in terms.values()]
    rows = table.xpath("./tbody/tr")
    assert [resolve(page.url, r.xpath("./th/a/@href")[0]) for r in rows] == [f"principles/{n}/" for n in range(1, 6)]
    for number, row in zip(range(1, 6), rows):
        for (term, slug), cell in zip(terms.items(), row.xpath("./td"), strict=True):
            count = sum(1 for c in cases if number in c.principles and value_of(c) == term)
            assert cell.text_content() == str(count), (number, term)
            links = [resolve(page.url, href) for href in cell.xpath(".//a/@href")]
            assert links == ([f"case-studies/?principle={number}&{facet}={slug}"] if count else [])


# --- case study pages -------------------------------------------------------------------------

def test_case_study_pages_link_to_their_taxonomy_pages(built):
    site, cases, _ = built
    for case in cases:
        page = site.page(case.url)
        summary = facts(page)
        links = {label: page.links(dd) for label, dd in summary.items()}
        assert links.get("Integrated care system") == ([f"ics/{case.ics_slug}/"] if case.ics else None)
        assert links["NHS England region"] == [f"regions/{REGION_SLUGS[case.region]}/"]
        assert links["Category"] == [f"categories/{CATEGORY_SLUGS[case.category]}/"]
        assert links["Principles"] == [f"principles/{n}/" for n in case.principles]
        assert links.get("Themes") == ([f"themes/{t}/" for t in case.themes] if case.themes else None)


RELATED = {  # most shared principles and themes first, the same region breaks ties, never itself
    "fixture_site": {
        GLOUCESTERSHIRE: [SOMERSET, HUMBER, LONDON],  # Somerset and Humber share 3; Somerset is in its region
        HUMBER: [GLOUCESTERSHIRE, SOMERSET, LONDON],
        SOMERSET: [GLOUCESTERSHIRE, HUMBER, LONDON],
        LONDON: [GLOUCESTERSHIRE, HUMBER, SOMERSET],
        DERBYSHIRE: [STAFFORDSHIRE],  # no other case study shares a principle or theme
        STAFFORDSHIRE: [DERBYSHIRE, GLOUCESTERSHIRE, HUMBER],
    },
    "changed_site": {
        GLOUCESTERSHIRE: [SOMERSET, HUMBER, ADDED],
        HUMBER: [GLOUCESTERSHIRE, SOMERSET, ADDED],
        SOMERSET: [GLOUCESTERSHIRE, HUMBER, ADDED],
        LONDON: [ADDED, GLOUCESTERSHIRE, HUMBER],
        STAFFORDSHIRE: [GLOUCESTERSHIRE, HUMBER, SOMERSET],
        ADDED: [GLOUCESTERSHIRE, HUMBER, LONDON],
    },
}
NEIGHBOURS = {  # previous and next within the category, in title order
    "fixture_site": {GLOUCESTERSHIRE: (None, HUMBER), HUMBER: (GLOUCESTERSHIRE, SOMERSET), SOMERSET: (HUMBER, None),
                     DERBYSHIRE: (None, STAFFORDSHIRE), STAFFORDSHIRE: (DERBYSHIRE, None), LONDON: (None, None)},
    "changed_site": {GLOUCESTERSHIRE: (None, HUMBER), HUMBER: (GLOUCESTERSHIRE, SOMERSET), SOMERSET: (HUMBER, None),
                     STAFFORDSHIRE: (None, None), ADDED: (None, LONDON), LONDON: (ADDED, None)},
}


@pytest.mark.parametrize("site_name", ["fixture_site", "changed_site"])
def test_related_case_studies_and_previous_next_within_category(request, site_name):
    site = request.getfixturevalue(site_name)
    for case, related in RELATED[site_name].items():
        page = site.page(case.url)
        links = [resolve(page.url, a) for e in page.section("related-case-studies") for a in e.xpath("./li/a/@href")]
        assert links == [c.url for c in related], case.slug
        pager = page.article.xpath(".//nav[contains(@class, 'ccpl-pager')]")[0]
        previous, following = NEIGHBOURS[site_name][case]
        assert [resolve(page.url, a) for a in pager.xpath(".//a[contains(@class, 'ccpl-pager__prev')]/@href")] == (
            [previous.url] if previous else [])
        assert [resolve(page.url, a) for a in pager.xpath(".//a[contains(@class, 'ccpl-pager__next')]/@href")] == (
            [following.url] if following else [])
    assert set(RELATED[site_name]) == set(NEIGHBOURS[site_name])


# --- hub page and feeds -----------------------------------------------------------------------

def finder_order(cases, sort: str) -> list[Case]:
    """The finder's orders, from the facts: ties go by title."""
    by_title = sorted(cases, key=lambda c: c.title.lower())
    if sort == "newest":
        return sorted(by_title, key=lambda c: c.published, reverse=True)
    return sorted(by_title, key=lambda c: c.region) if sort == "region" else by_title


def test_hub_page_lists_the_newest_case_studies_with_counts_and_the_a_to_z_list_has_them_all(built):
    site, cases, _ = built
    page = site.page("case-studies/")
    listed_urls = [resolve(page.url, a) for a in page.article.xpath(".//ul[@id='ccpl-results']/li/h2/a/@href")]
    assert listed_urls == [c.url for c in finder_order(cases, "newest")]  # fewer than one step: all of them
    counts = {span.get("data-count-for"): span.text for span in page.article.xpath(".//span[@data-count-for]")}
    expected = {f"principle={n}": sum(n in c.principles for c in cases) for n in range(1, 6)}
    expected |= {f"region={s}": sum(c.region == r for c in cases) for r, s in REGION_SLUGS.items()}
    expected |= {f"category={s}": sum(c.category == k for c in cases) for k, s in CATEGORY_SLUGS.items()}
    expected |= {f"theme={t}": sum(t in c.themes for c in cases) for t in {t for c in cases for t in c.themes}}
    assert counts == {key: f"({n})" for key, n in expected.items()}
    assert page.article.xpath(".//form[@id='ccpl-filters']")[0].get("hidden") is not None  # shown by the script
    assert {"principles/", "regions/", "categories/", "ics/", "themes/", "coverage/", "feeds/case-studies.xml",
            "feeds/case-studies.json", "case-studies/all/"} <= set(page.links())
    everything = site.page("case-studies/all/")
    assert [resolve(everything.url, a) for a in everything.article.xpath(".//li/a/@href")] == [
        c.url for c in finder_order(cases, "title")]


def test_case_studies_carry_their_facets_and_their_place_in_each_order_for_the_finder(built):
    site, cases, _ = built
    vocabulary, _ = load_vocabulary(REPO_ROOT)
    for sort in ("newest", "title", "region"):
        for rank, case in enumerate(finder_order(cases, sort)):
            keys = site.page(case.url).article.xpath(".//div[@data-pagefind-sort]/@data-pagefind-sort")
            assert f"{sort}:{rank:05d}" in keys
    for case in cases:
        filters = set(site.page(case.url).article.xpath(".//div[@data-pagefind-filter]/@data-pagefind-filter"))
        assert filters == ({f"Principle:{n}. Example {n}" for n in case.principles}
                           | {f"Theme:{vocabulary.themes[t].label}" for t in case.themes}
                           | {f"Region:{case.region}", f"Category:{case.category}"}
                           | ({f"ICS:{case.ics}"} if case.ics else set()))


def newest_first(cases) -> list[Case]:
    return sorted(cases, key=lambda c: c.updated or c.published, reverse=True)


def test_feeds_list_case_studies_newest_first_with_the_change_note(built):
    site, cases, _ = built
    case_study_summary = "Example summary of a synthetic case study, written for the tests."
    expected = [SITE_URL + c.url for c in newest_first(cases)]
    assert len({c.updated or c.published for c in cases}) == len(cases)  # no ties: the order is the dates'
    rss = etree.fromstring(site.bytes("feeds/case-studies.xml"))
    assert rss.xpath("/rss/channel/item/link/text()") == expected
    feed = site.json("feeds/case-studies.json")
    assert [item["url"] for item in feed["items"]] == expected
    assert feed["feed_url"] == SITE_URL + "feeds/case-studies.json"
    for case in cases:
        [item] = [i for i in feed["items"] if i["url"] == SITE_URL + case.url]
        [rss_item] = rss.xpath(f"/rss/channel/item[link='{SITE_URL + case.url}']")
        assert item["date_published"] == f"{case.published}T00:00:00+00:00"
        assert item.get("date_modified") == (f"{case.updated}T00:00:00+00:00" if case.updated else None)
        assert item["_ccpl"] == {"status": "published", "history": [{"date": case.updated, "note": case.change_note}]
                                 if case.updated else []}
        note = f" Updated {case.updated}: {case.change_note}" if case.updated else ""
        assert rss_item.findtext("description") == case_study_summary + note
        assert item["content_text"] == case_study_summary + note


def test_a_change_note_shows_on_the_page_as_its_change_history(fixture_site: BuiltSite):
    page = fixture_site.page(HUMBER.url)
    assert page.section_text("change-history") == \
        "1 June 2026: Example change note: figures corrected. 1 March 2026: published on the hub"
    assert fixture_site.page(SOMERSET.url).article.xpath(".//h2[@id='change-history']") == []


def test_every_page_advertises_both_feeds_in_its_head(fixture_site: BuiltSite):
    pages = [(url, fixture_site.site / url / "index.html") for url in fixture_site.page_urls]
    pages.append(("404.html", fixture_site.site / "404.html"))
    assert len(pages) > 40
    for url, path in pages:
        head = etree.HTML(path.read_bytes()).find("head")
        feeds = {link.get("type"): resolve(url, link.get("href"))
                 for link in head.iter("link") if link.get("rel") == "alternate"}
        assert feeds == {"application/rss+xml": "feeds/case-studies.xml",
                         "application/feed+json": "feeds/case-studies.json"}, url


# --- one file added, one removed --------------------------------------------------------------

def test_an_added_case_study_appears_everywhere(fixture_site: BuiltSite, changed_site: BuiltSite):
    pages = ["case-studies/", "principles/3/", "principles/5/", "regions/east-of-england/",
             "categories/frameworks-in-design/", f"ics/{ADDED.ics_slug}/", "themes/coaching-and-mentoring/",
             LONDON.url, GLOUCESTERSHIRE.url]  # the last two list it as related
    for url in pages:
        assert ADDED.url in changed_site.page(url).links(), url
        assert not fixture_site.exists(url) or ADDED.url not in fixture_site.page(url).links(), url
    coverage = changed_site.page("coverage/").links()
    assert "case-studies/?principle=5&region=east-of-england" in coverage
    assert "case-studies/?principle=5&category=frameworks-in-design" in coverage
    for export in ("data/case-studies.json", "data/framework.json", "feeds/case-studies.json",
                   "feeds/case-studies.xml"):
        assert ADDED.slug.encode() in changed_site.bytes(export), export
        assert ADDED.slug.encode() not in fixture_site.bytes(export), export


def text_files(site: BuiltSite) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8-sig") for p in site.site.rglob("*")
            if p.suffix in (".html", ".json", ".xml", ".csv", ".txt") and "assets" not in p.parts}


def test_a_removed_case_study_disappears_everywhere(fixture_site: BuiltSite, changed_site: BuiltSite):
    marks = (DERBYSHIRE.slug, DERBYSHIRE.title, f"ics/{DERBYSHIRE.ics_slug}/")  # its ICS had no other content
    before = [p for p, text in text_files(fixture_site).items() if any(m in text for m in marks)]
    assert len(before) > 10  # its page, the hub, indexes, related lists, feeds, exports, search index...
    after = [p for p, text in text_files(changed_site).items() if any(m in text for m in marks)]
    assert after == []
    assert not changed_site.exists(DERBYSHIRE.url) and not changed_site.exists("ics/derby-and-derbyshire/")
