"""Generated pages keep their place: kept out of the navigation (a nav listing every page makes the
build quadratic), each still has its section's tab marked active, the section's sidebar, and the
theme's own breadcrumb trail, the same as on the hand-written pages."""

from __future__ import annotations

from types import SimpleNamespace as Page

import pytest

from hub import SharedNavigation
from sites import GLOUCESTERSHIRE, GLOUCESTERSHIRE_ROLES, BuiltSite

ROLE = GLOUCESTERSHIRE_ROLES[0]

# page URL -> (active tab, breadcrumb trail after "Home")
PLACES = {
    GLOUCESTERSHIRE.url: ("Case studies", ["Case studies"]),
    "regions/london/": ("Case studies", ["Case studies", "By region"]),
    "categories/emerging-frameworks/": ("Case studies", ["Case studies", "By category"]),
    "ics/gloucestershire/": ("Case studies", ["Case studies", "By ICS"]),
    "principles/3/": ("Principles", ["Principles"]),
    "frameworks/example-ics-framework/": ("Frameworks", ["Frameworks"]),
    "frameworks/example-ics-framework/action-1-1/": (
        "Frameworks", ["Frameworks", "Example ICS framework", "Priority 1 Example priority 1"]),
    f"roles/{ROLE.area}/": ("Roles", ["Roles"]),
    ROLE.url: ("Roles", ["Roles", "Leadership roles in Gloucestershire"]),
    "roles/diversity/": ("Roles", ["Roles"]),
    "frameworks/compare/": ("Frameworks", ["Frameworks"]),
    "coverage/": ("Case studies", ["Case studies"]),  # a hand-written nav entry: the same trail style
}


def _texts(elements) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


@pytest.mark.parametrize("url", list(PLACES))
def test_every_page_kind_marks_its_tab_and_shows_the_themes_breadcrumbs(fixture_site: BuiltSite, url):
    page = fixture_site.page(url)
    tab, trail = PLACES[url]
    assert _texts(page.tree.xpath("//li[contains(@class, 'md-tabs__item--active')]")) == [tab]
    assert _texts(page.tree.xpath("//nav[@class='md-path']//li")) == ["Home", *trail]
    assert page.tree.xpath("//*[contains(@class, 'ccpl-breadcrumbs')]") == []  # one style only
    sidebar = page.tree.xpath("//div[contains(@class, 'md-sidebar--primary')]//li[contains(@class, 'md-nav__item--active')]")
    assert tab in _texts(sidebar)[0]


def test_case_studies_and_roles_stay_out_of_the_navigation_list(fixture_site: BuiltSite):
    page = fixture_site.page(GLOUCESTERSHIRE.url)
    nav_links = page.tree.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    assert not any("example-case-study" in href or "example-role" in href for href in nav_links)


def test_the_navigation_is_drawn_once_for_the_pages_that_show_the_same():
    """What Material's navigation and tabs show depends on the open sections (the page's ancestors),
    and their relative links on the page's folder and depth: pages alike in all three share one drawing."""
    case_studies, regions = object(), object()
    listed = Page(url="case-studies/", ancestors=[])
    navigation = SharedNavigation({id(listed)}, ["", "case-studies/", "roles/", "roles/diversity/"])
    a, b = Page(url="case-studies/a/", ancestors=[case_studies]), Page(url="case-studies/b/", ancestors=[case_studies])
    assert navigation.key(a, "nav") == navigation.key(b, "nav") is not None
    assert navigation.key(a, "tabs") != navigation.key(a, "nav")  # each part drawn apart
    assert navigation.key(listed, "nav") is None  # drawn as the current page
    assert navigation.key(Page(url="regions/a/", ancestors=[case_studies]), "nav") != navigation.key(a, "nav")  # another folder
    assert navigation.key(Page(url="case-studies/c/", ancestors=[regions]), "nav") != navigation.key(a, "nav")  # other sections open
    assert navigation.key(Page(url="case-studies/a.html", ancestors=[case_studies]), "nav") != navigation.key(a, "nav")  # depth
    assert navigation.key(Page(url="roles/", ancestors=[]), "nav") is None  # a link goes below it
    assert navigation.keep(navigation.key(a, "nav"), "<nav>") == "<nav>" and navigation[navigation.key(b, "nav")] == "<nav>"
