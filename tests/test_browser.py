"""The real site in headless Chromium: accessibility (axe-core, WCAG 2.2 AA), no third-party
requests, and the case study hub's filters as a keyboard or mouse user would use them.

Needs Debian's chromium and axe-core from npm; `make test` installs both. Outside CI the tests skip
when a tool is missing; in CI (CI=true) a missing tool fails them, never a silent skip.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest

from site_server import PUBLISHED_URL, TEST_SCRIPTS, SiteServer, build_site, chromium_path, require_tools
from sites import synthetic_project

pytestmark = pytest.mark.browser

AXE = "/test-scripts/axe.min.js"  # served beside the site (site_server.TEST_SCRIPTS)
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]

# One page of every kind the hub has, plus the hub with filters applied and the 404 page.
PAGE_KINDS = {
    "home": "",
    "case study": "case-studies/derbyshire-clinical-director-for-integration/",
    "regional case study": "case-studies/midlands-a-regional-perspective/",
    "hub": "case-studies/",
    "hub with filters": "case-studies/?principle=2&region=south-west",
    "hub with a keyword and no results": "case-studies/?q=senate&region=north-west&sort=title",
    "case studies A to Z": "case-studies/all/",
    "principles index": "principles/",
    "principle": "principles/3/",
    "region index": "regions/",
    "region": "regions/london/",
    "category index": "categories/",
    "category": "categories/principles-in-practice/",
    "ics index": "ics/",
    "ics": "ics/gloucestershire/",
    "theme index": "themes/",
    "theme": "themes/primary-care/",
    "coverage matrix": "coverage/",
    "frameworks": "frameworks/",
    "framework": "frameworks/gloucestershire/",
    "framework item": "frameworks/gloucestershire/action-1-1/",
    "framework comparison": "frameworks/compare/",
    "role list": "roles/",
    "ics role list": "roles/gloucestershire/",
    "role page": "roles/gloucestershire/icb-chief-medical-officer/",
    "diversity analysis": "roles/diversity/",
    "data page": "data/",
    "field reference": "contribute/fields/",
    "contribute": "contribute/",
    "glossary": "glossary/",
    "sources": "about/sources/",
    "learning report": "learning-report/",
    "conclusions": "learning-report/conclusions/",
    "conclusion": "learning-report/conclusions/small-multidisciplinary-groups/",
    "workshops": "learning-report/workshops/",
    "workshop": "learning-report/workshops/east-of-england/",
    "research record": "research/learning-report-2022/",
    "accessibility statement": "about/accessibility/",
    "search results": "search/?q=leadership",
    "404": "no-such-page/",
}


def _tools_or_skip() -> str:
    require_tools([name for name, ok in (("chromium", chromium_path()), ("axe-core", TEST_SCRIPTS[AXE].is_file())) if not ok])
    return chromium_path()


@pytest.fixture(scope="module")
def served_site(real_site):
    """The session's build of the real site, served under its published address's path (as GitHub
    Pages serves a project site); its canonical addresses are the published ones."""
    executable = _tools_or_skip()
    with SiteServer(real_site.directory, urlsplit(real_site.url).path) as server:
        yield server, executable


@pytest.fixture(scope="module")
def browser(served_site):
    from playwright.sync_api import sync_playwright

    _, executable = served_site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tabs(browser):
    """One open tab per viewport width for the whole module, which the tests take in turn: a page load
    in a new context costs about 3 times the CPU of one in an open tab, whose renderer process keeps
    the theme's scripts compiled. The tab's HTTP cache stays on: Playwright still reports a request
    the cache answers, with its status, and what failed or lies on another site is never cached."""
    opened = {}

    def tab(width: int):
        if width not in opened:
            opened[width] = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        return opened[width]

    yield tab
    for page in opened.values():
        page.context.close()


def _for_one_test(page):
    """The tab for one test: the listeners and routes the test adds are removed after it, and the tab
    is left on a blank page (else a next address that differs only in its fragment would not load)."""
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(page).on(page, event, handler)

    page.on = on
    try:
        yield page
    finally:
        del page.on
        for event, handler in added:
            page.remove_listener(event, handler)
        page.unroute_all(behavior="ignoreErrors")
        page.goto("about:blank")


@pytest.fixture
def page(tabs):
    yield from _for_one_test(tabs(1280))


def _axe_violations(page) -> list[dict]:
    """axe-core's violations of WCAG 2.2 AA on the page. Only violations are asked for in full: axe still
    runs every rule, but skips writing out each node that passes or that it cannot decide."""
    page.add_script_tag(url=urljoin(page.url, AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""",
        WCAG_22_AA,
    )


def _until_no_request_is_open(page, opened: list, settled: list) -> None:
    """Wait until every request the page has made has been answered or has failed (at most 10 s)."""
    for _ in range(200):
        if len(settled) >= len(opened):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"requests still open after 10 s: {sorted(set(opened) - set(settled))}")


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_loads_only_from_the_site_logs_no_error_and_has_no_wcag_22_aa_violations(served_site, page, kind):
    """One load of each page for both checks: axe-core over the page once it has loaded (and the finder
    has drawn its results), then what the page requested and logged until each of its requests was
    answered: anything the page asks for on loading, it has asked for while axe ran."""
    server, _ = served_site
    requested: list[str] = []
    answered: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfinished", lambda request: answered.append(request.url))
    page.on("requestfailed", lambda request: (answered.append(request.url),
                                              failed.append(f"{request.url} ({request.failure})")))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.url} ({response.status})"))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    address = server.url + PAGE_KINDS[kind]
    response = page.goto(address, wait_until="load")
    assert response is not None and response.status == (404 if kind == "404" else 200)
    if page.locator("#ccpl-finder").count():
        _settled(page)
    violations = _axe_violations(page)
    _until_no_request_is_open(page, requested, answered)
    site = urlsplit(server.url)
    off_site = [url for url in requested
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != site.netloc]
    assert requested, "the page made no request at all: the test would prove nothing"
    assert off_site == []
    if kind == "404":  # the page itself answers 404, as it must; nothing it loads may
        failed = [f for f in failed if not f.startswith(address + " ")]
        errors = [e for e in errors if "404" not in e]
    assert failed == []
    assert errors == []
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} at {v['targets']}" for v in violations)


# --- the case study finder ----------------------------------------------------------------------

def _case_studies(site_dir: Path) -> dict[str, dict]:
    """What the built site says about each listed case study: its URL path, title, facets (the
    Pagefind filters on its page), sort ranks and indexed text. The finder must agree with it."""
    found = {}
    for file in sorted((site_dir / "case-studies").glob("*/index.html")):
        tree = lxml.html.parse(str(file)).getroot()
        ranks = dict(key.split(":", 1) for key in tree.xpath("//div/@data-pagefind-sort"))
        if not ranks:  # the A to Z list, or a withdrawn case study
            continue
        body = tree.xpath("//*[@data-pagefind-body]")[0]
        for skipped in body.xpath(".//*[@data-pagefind-ignore] | .//*[contains(@class, 'headerlink')]"):
            skipped.drop_tree()
        found[f"case-studies/{file.parent.name}/"] = {
            "title": tree.xpath("string(//article//h1)").strip(),
            "filters": {tuple(key.split(":", 1)) for key in tree.xpath("//div/@data-pagefind-filter")},
            "ranks": {k: int(v) for k, v in ranks.items()},
            "text": body.text_content().lower()}
    return found


def _settled(page) -> None:
    page.locator("#ccpl-results[aria-busy=false]").wait_for(state="attached", timeout=15000)


def _shown(page, server) -> list[str]:
    _settled(page)
    return [href.removeprefix(server.url) for href in
            page.locator("#ccpl-results li.ccpl-result h2 a").evaluate_all("links => links.map(a => a.href)")]


def _screenshot(page, name: str) -> None:
    page.screenshot(path=str(Path(os.environ.get("CCPL_SCREENSHOTS", "/tmp")) / f"{name}.png"), full_page=False)


def _watch_for_errors(page) -> list[str]:
    """Failing requests and console errors while a test uses the page (filled in as they happen)."""
    problems: list[str] = []
    page.on("requestfailed", lambda request: problems.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.url} ({response.status})"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_finder_combines_keyword_and_facets_keeps_them_in_the_url_and_announces_the_count(served_site, sized_page):
    server, _ = served_site
    page, width = sized_page, sized_page.viewport_size["width"]
    truth = _case_studies(server.directory)
    problems = _watch_for_errors(page)
    page.goto(server.url + "case-studies/", wait_until="load")
    _settled(page)
    newest = sorted(truth, key=lambda url: truth[url]["ranks"]["newest"])
    assert _shown(page, server) == newest[:50]

    if width < 600:  # on a phone the filters fold away: the results come first
        assert page.locator("#ccpl-filters").is_hidden()
        assert _box(page.locator("#ccpl-results li").first)["y"] < 900
        toggle = page.get_by_role("button", name="Filters")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#ccpl-filters").is_visible()
    page.get_by_label("Keyword").fill("leadership")
    # The keyword's search runs after a pause in typing: let it finish, so that the filter's search is the last.
    page.wait_for_function("() => document.querySelector('#ccpl-result-count').textContent.includes('\u201cleadership\u201d')")
    _settled(page)
    page.locator("#f-region-midlands").check()
    expected = [url for url in newest if "leadership" in truth[url]["text"] and ("Region", "Midlands") in truth[url]["filters"]]
    assert 0 < len(expected) < len(truth)
    page.wait_for_function("n => document.querySelector('#ccpl-results').getAttribute('aria-busy') === 'false'"
                           " && document.querySelectorAll('#ccpl-results li.ccpl-result h2 a').length === n", arg=len(expected))
    assert _shown(page, server) == expected
    status = page.locator("#ccpl-result-count")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    assert status.inner_text() == f"{len(expected)} case studies shown for \u201cleadership\u201d; Midlands."
    assert parse_qs(urlsplit(page.url).query) == {"q": ["leadership"], "region": ["midlands"]}
    # the counts beside each option say what ticking it would show, given the other choices
    principle_3 = sum(any(k == "Principle" and v.startswith("3. ") for k, v in truth[url]["filters"]) for url in expected)
    assert page.locator("[data-count-for='principle=3']").inner_text() == f"({principle_3})"
    london = [url for url in newest if "leadership" in truth[url]["text"] and ("Region", "London") in truth[url]["filters"]]
    assert page.locator("[data-count-for='region=london']").inner_text() == f"({len(london)})"

    # within a facet, options combine with OR
    page.locator("#f-region-london").check()
    _settled(page)
    assert sorted(_shown(page, server)) == sorted(expected + london)
    _screenshot(page, f"finder-{width}")
    violations = _axe_violations(page)  # with the filters open on a phone, and results drawn by the script
    assert violations == [], "\n".join(f"{v['id']}: {v['help']} at {v['targets']}" for v in violations)

    # a pasted address and back/forward restore the state
    page.goto(server.url + "case-studies/?q=leadership&region=midlands&sort=title", wait_until="load")
    by_title = sorted(expected, key=lambda url: truth[url]["ranks"]["title"])
    assert _shown(page, server) == by_title
    assert page.get_by_label("Keyword").input_value() == "leadership" and page.get_by_label("Sort by").input_value() == "title"
    page.get_by_label("Sort by").select_option("region")
    _settled(page)
    assert _shown(page, server) == sorted(expected, key=lambda url: truth[url]["ranks"]["region"])
    page.go_back()
    page.wait_for_function("() => document.getElementById('ccpl-sort').value === 'title'")
    assert _shown(page, server) == by_title

    page.get_by_role("button", name="Clear all").first.click()
    _settled(page)
    assert _shown(page, server) == newest[:50] and urlsplit(page.url).query == ""
    assert problems == []


def test_finder_says_which_filter_to_remove_when_nothing_matches(served_site, sized_page):
    server, _ = served_site
    page, width = sized_page, sized_page.viewport_size["width"]
    truth = _case_studies(server.directory)
    page.goto(server.url + "case-studies/?q=senate&region=north-west", wait_until="load")
    _settled(page)
    assert _shown(page, server) == []
    assert page.locator("#ccpl-result-count").inner_text() == "No case studies match \u201csenate\u201d; North West."
    with_senate = [url for url in truth if "senate" in truth[url]["text"]]
    remove = page.get_by_role("button", name="Remove North West")
    assert remove.inner_text() == f"Remove North West ({len(with_senate)} case studies)"
    _screenshot(page, f"finder-no-results-{width}")
    remove.click()
    _settled(page)
    assert sorted(_shown(page, server)) == sorted(with_senate)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["senate"]}
    assert page.evaluate("document.activeElement.id") == "ccpl-result-count"
    # a removal that would still show nothing is not offered
    page.goto(server.url + "case-studies/?q=zzzqx&region=london", wait_until="load")
    _settled(page)
    london = sum(("Region", "London") in case["filters"] for case in truth.values())
    assert page.locator(".ccpl-remove").all_inner_texts() == [f"Remove keyword \u201czzzqx\u201d ({london} case studies)"]


@pytest.fixture(scope="module")
def many_case_studies(served_site, tmp_path_factory):
    """A synthetic hub of 120 case studies (more than two of the finder's steps), built and served."""
    from ccpl_hub.synthetic import BUILD_DATE

    project = synthetic_project(tmp_path_factory.mktemp("many") / "project", 120)
    server = SiteServer(project / "site")
    result = build_site(project, project / "site", site_url=server.url, extra_env={"CCPL_BUILD_DATE": BUILD_DATE.isoformat()})
    assert result.returncode == 0, result.stdout + result.stderr
    with server:
        yield server


def test_finder_shows_more_in_steps_of_50_and_moves_focus_to_the_first_new_result(many_case_studies, sized_page):
    server, page = many_case_studies, sized_page
    truth = _case_studies(server.directory)
    assert len(truth) == 120
    problems = _watch_for_errors(page)
    for query, sort in (("", "newest"), ("?sort=title", "title")):
        order = sorted(truth, key=lambda url: truth[url]["ranks"][sort])
        page.goto(server.url + "case-studies/" + query, wait_until="load")
        assert _shown(page, server) == order[:50]
        more = page.get_by_role("button", name="Show 50 more")
        more.click()
        page.wait_for_function("() => document.querySelectorAll('#ccpl-results li').length === 100")
        assert _shown(page, server) == order[:100]
        assert page.evaluate("document.activeElement.href") == server.url + order[50]
        assert page.locator("#ccpl-result-count").inner_text() == "100 of 120 case studies shown."
        page.get_by_role("button", name="Show 20 more").click()
        page.wait_for_function("() => document.querySelectorAll('#ccpl-results li').length === 120")
        assert _shown(page, server) == order
        assert page.locator(".ccpl-finder__more").is_hidden()
        assert page.locator("#ccpl-result-count").inner_text() == "120 case studies shown."
    assert problems == []


def test_finder_says_so_when_the_search_index_cannot_load(served_site, page):
    server, _ = served_site
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(server.url + "case-studies/", wait_until="load")
    listed = _shown(page, server)
    page.get_by_label("Keyword").fill("leadership")
    page.wait_for_function("() => document.getElementById('ccpl-result-count').textContent.includes('could not load')")
    _settled(page)
    assert _shown(page, server) == listed and listed


def test_hub_works_without_javascript(served_site, browser):
    server, _ = served_site
    truth = _case_studies(server.directory)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "case-studies/?principle=3&region=midlands", wait_until="load")
    assert page.locator("#ccpl-filters").is_hidden()
    shown = page.locator("#ccpl-results li.ccpl-result:visible").count()
    assert shown == min(50, len(truth))
    assert page.locator("a[href$='regions/']").count() >= 1  # links to the index pages
    page.get_by_role("link", name=f"All {len(truth)} case studies, A to Z").click()
    assert page.locator("article li a").count() == len(truth)
    context.close()


def test_role_table_sorts_by_keyboard_and_keeps_row_anchors(served_site, page):
    server, _ = served_site
    page.goto(server.url + "roles/gloucestershire/#icb-chief-nursing-officer", wait_until="load")
    assert page.locator("tr#icb-chief-nursing-officer").count() == 1
    header = page.locator("table.ccpl-roles thead th").first
    header.locator("button").focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    first_rows = page.locator("table.ccpl-roles tbody th").all_inner_texts()
    assert first_rows == sorted(first_rows, key=str.lower)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"


# --- layout: geometry, not screenshots --------------------------------------------------------

# Words whose letters a browser laid out on more than one line ("Londo/n"); a break after a hyphen
# ("decision-/making") is a line break, not a broken word.
_BROKEN_WORDS = """(selector) => {
    const broken = [];
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/[^\\s-]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def sized_page(tabs, request):
    yield from _for_one_test(tabs(request.param))


def test_coverage_matrix_headers_never_break_inside_a_word(served_site, sized_page):
    server, _ = served_site
    sized_page.goto(server.url + PAGE_KINDS["coverage matrix"], wait_until="load")
    assert sized_page.locator("table.ccpl-matrix thead th a").count() > 7
    assert sized_page.evaluate(_BROKEN_WORDS, "table.ccpl-matrix th") == []


def test_framework_comparison_scrolls_in_its_own_region_and_keeps_the_principle_in_view(served_site, sized_page):
    server, _ = served_site
    sized_page.goto(server.url + PAGE_KINDS["framework comparison"], wait_until="load")
    viewport = sized_page.viewport_size["width"]
    assert sized_page.evaluate("document.documentElement.scrollWidth") <= viewport, "the page itself scrolls sideways"
    region = sized_page.locator("div[role='region'][aria-label]:has(table.ccpl-compare)")
    region.focus()
    assert sized_page.evaluate("document.activeElement.getAttribute('role')") == "region"
    frameworks = sized_page.locator("table.ccpl-compare thead th[scope='col']").count() - 1
    assert frameworks >= 2
    at_end = "r => r.scrollLeft + r.clientWidth >= r.scrollWidth - 1"
    for _ in range(100):  # scroll the region sideways as far as it goes, by keyboard
        if region.evaluate(at_end):
            break
        sized_page.keyboard.press("ArrowRight")
    assert region.evaluate(at_end), "the keyboard cannot scroll the region to its end"
    last = _box(sized_page.locator("table.ccpl-compare thead th").last)
    outer = _box(region)
    assert last["x"] + last["width"] <= outer["x"] + outer["width"] + 1, "the last framework cannot be scrolled into view"
    principle = _box(sized_page.locator("table.ccpl-compare tbody th").first)
    assert outer["x"] - 1 <= principle["x"] < outer["x"] + outer["width"], "the principle column scrolled out of view"
    assert sized_page.evaluate(_BROKEN_WORDS, "table.ccpl-compare th") == []


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, "the element is not laid out"
    return box


def test_case_study_pager_links_stand_apart(served_site, sized_page):
    server, _ = served_site
    sized_page.goto(server.url + PAGE_KINDS["case study"], wait_until="load")
    pager = sized_page.locator("nav.ccpl-pager")
    previous, following = _box(pager.locator(".ccpl-pager__prev")), _box(pager.locator(".ccpl-pager__next"))
    assert pager.locator(":scope > *").count() == 2, "each link is its own flex item"
    if sized_page.viewport_size["width"] >= 1000:  # side by side: previous at the left edge, next at the right
        outer = _box(pager)
        assert previous["x"] + previous["width"] < following["x"]
        assert abs(previous["x"] - outer["x"]) < 2
        assert abs((following["x"] + following["width"]) - (outer["x"] + outer["width"])) < 2
    else:  # stacked: next starts below previous
        assert following["y"] >= previous["y"] + previous["height"]


# --- search (Pagefind) --------------------------------------------------------------------------

def _search_results(page) -> list[str]:
    page.locator("#ccpl-search .ccpl-result__title a").first.wait_for(timeout=15000)
    return page.locator("#ccpl-search .ccpl-result__title a").evaluate_all("links => links.map(a => a.href)")


def test_header_search_finds_the_record_itself_not_a_listing(served_site, page):
    server, _ = served_site
    page.goto(server.url, wait_until="load")
    page.locator("#ccpl-header-q").focus()
    page.keyboard.type("Derbyshire")
    page.keyboard.press("Enter")
    results = [r.removeprefix(server.url) for r in _search_results(page)]
    assert results[0] == PAGE_KINDS["case study"]
    listings = ("case-studies/", "regions/", "ics/", "themes/", "categories/", "coverage/", "roles/diversity/")
    assert not [r for r in results if r in listings or r.startswith(("regions/", "ics/", "themes/", "categories/"))]
    page.screenshot(path=str(Path(os.environ.get("CCPL_SCREENSHOTS", "/tmp")) / "search-results.png"), full_page=False)


@pytest.mark.parametrize("words, kind", [("triumvirate", "workshop"), ("Thriving places", "research record"),
                                         ("shared repository", "conclusion")])
def test_search_finds_the_learning_reports_chapters_by_their_text(served_site, page, words: str, kind: str):
    """The chapters' records are searched by their article's text (a word in no title or summary), and their
    listings are not."""
    server, _ = served_site
    page.goto(server.url + "search/?q=" + words.replace(" ", "+"), wait_until="load")
    results = [r.removeprefix(server.url) for r in _search_results(page)]
    expected = PAGE_KINDS[kind] if kind != "conclusion" else "learning-report/conclusions/shared-repository/"
    assert expected in results
    assert not [r for r in results if r in ("learning-report/", "learning-report/conclusions/", "learning-report/workshops/")]


def test_the_404_page_offers_search_and_the_main_routes(served_site, page):
    server, _ = served_site
    page.goto(server.url + PAGE_KINDS["404"], wait_until="load")
    assert page.locator("h1").inner_text() == "Page not found"
    links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    assert {server.url + path for path in ("case-studies/", "principles/", "frameworks/", "roles/")} <= set(links)
    page.locator("#ccpl-notfound-q").fill("Gloucestershire")
    page.keyboard.press("Enter")
    assert _search_results(page)


def test_search_page_shows_five_results_then_more_on_request_and_moves_focus_to_the_first_new_one(served_site, page):
    server, _ = served_site
    page.goto(server.url + "search/?q=leadership", wait_until="load")
    assert len(_search_results(page)) == 5
    count = page.locator("#ccpl-search .ccpl-result-count").inner_text()
    found = int(count.split(" ", 1)[0])
    assert found > 5 and count.endswith(", 5 shown.")
    page.get_by_role("button", name="Show 5 more").click()
    page.wait_for_function("() => document.querySelectorAll('#ccpl-search .ccpl-result').length === 10")
    assert page.evaluate("document.activeElement.href") == _search_results(page)[5]


def test_search_page_shows_results_first_and_fetches_the_filters_only_when_asked(served_site, sized_page):
    """The filter files list every case study, so they wait until the panel is opened; the panel then
    works by keyboard, names the facets as the hub does and its counts are what a tick shows."""
    server, _ = served_site
    page = sized_page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server.url + "search/?q=leadership", wait_until="load")
    _search_results(page)
    assert page.locator("#ccpl-search .ccpl-result__meta").count()  # a case study's place and category
    assert page.locator("#ccpl-search .ccpl-result__summary mark").count()  # the words found, marked
    assert not [url for url in fetched if ".pf_filter" in url]
    toggle = page.get_by_role("button", name="Filter case studies")
    toggle.focus()
    page.keyboard.press("Enter")
    page.locator("#ccpl-search-filters legend", has_text="Region").wait_for()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert [url for url in fetched if ".pf_filter" in url]
    assert page.locator("#ccpl-search-filters legend", has_text="ICS").count() == 1  # the hub's names, not "Ics"
    # Focus moves to the first option once the panel's first search has run (after its legends show).
    page.wait_for_function("document.activeElement && document.activeElement.type === 'checkbox'")
    focused = page.evaluate("document.activeElement.labels[0].textContent")
    expected = int(focused.rsplit("(", 1)[1].rstrip(")"))
    page.keyboard.press("Space")
    page.wait_for_function("n => document.querySelector('#ccpl-search .ccpl-result-count').textContent.startsWith(n + ' result')",
                           arg=expected)
    assert _axe_violations(page) == []  # with the panel open and a filter ticked
    _screenshot(page, f"search-filters-{page.viewport_size['width']}")


@pytest.mark.parametrize("kind, row", [("ics role list", "icb-chief-nursing-officer"), ("case study", None)])
def test_copy_link_puts_the_absolute_address_on_the_clipboard_and_says_so(served_site, browser, kind, row):
    server, _ = served_site
    context = browser.new_context(viewport={"width": 390, "height": 900})
    origin = urlsplit(server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{origin.scheme}://{origin.netloc}")
    page = context.new_page()
    page.goto(server.url + PAGE_KINDS[kind] + "?from=test#top", wait_until="load")
    where = page.locator(f"tr#{row}") if row else page.locator("article")
    title = where.locator("th a").first.inner_text() if row else page.locator("article h1").inner_text().rstrip("¶ ")
    button = where.get_by_role("button", name=f"Copy link to {title}")
    button.focus()
    page.keyboard.press("Enter")
    expected = PUBLISHED_URL + PAGE_KINDS[kind] + (f"#{row}" if row else "")  # the canonical address, not the tab's
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert where.locator(".ccpl-copy-note").inner_text() == "Link copied"  # seen
    assert page.get_by_role("status").filter(has_text="copied").inner_text() == f"Link to {title} copied: {expected}"  # heard
    _screenshot(page, f"copy-link-{kind.replace(' ', '-')}")
    context.close()
