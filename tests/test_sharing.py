"""Issue 11, sharing: every page describes itself to search engines and link previews (meta
description, Open Graph, Twitter card, canonical URL), the sitemap dates each page by its content,
robots.txt points at the sitemap, and the exports' links work when pasted elsewhere."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from urllib.parse import urlsplit

import frontmatter
import lxml.etree
import pytest

from attacks import PAYLOADS
from ccpl_hub.build import HubBuild
from ccpl_hub.exports import robots_txt
from ccpl_hub.routes import hand_written_pages, source_files
from ccpl_hub.sharing import DESCRIPTION_LIMIT, short_description
from corpus import REPO_ROOT
from sites import CASES, GLOUCESTERSHIRE_ROLES, LISTINGS, SITE_URL, BuiltSite

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# --- descriptions -------------------------------------------------------------------------------

def test_a_long_description_is_cut_at_a_word_with_an_ellipsis():
    text = "Example words " * 30
    short = short_description(text)
    assert len(short) <= DESCRIPTION_LIMIT and short.endswith("words…")
    assert text.startswith(short.removesuffix("…"))
    assert short_description("  An example\n summary.\x00\u202e ") == "An example summary."


def test_every_generated_page_has_its_own_description_and_record_pages_are_articles(corpus_root):
    build = HubBuild.from_content(corpus_root, site_url=SITE_URL, today=date(2026, 11, 23))
    metas = {src_uri: frontmatter.loads(markdown).metadata for src_uri, markdown in build.pages.items()}
    descriptions = {src_uri: meta.get("description") for src_uri, meta in metas.items()}
    assert all(descriptions.values()), [page for page, text in descriptions.items() if not text]
    summaries = {f"case-studies/{e.slug}.md": e.record.summary for e in build.catalogue.all_case_studies}
    assert summaries and all(descriptions[page] == short_description(text) for page, text in summaries.items())
    # Pages of one kind say different things: a region page names its region.
    assert len({descriptions[p] for p in metas if p.startswith("regions/") and p != "regions/index.md"}) > 1
    articles = set(source_files(build.catalogue))
    assert {p for p, meta in metas.items() if meta.get("og_type") == "article"} == articles


def test_every_hand_written_page_has_a_description():
    for page in hand_written_pages(REPO_ROOT / "docs"):
        description = frontmatter.load(REPO_ROOT / "docs" / page).metadata.get("description")
        assert description and len(description) <= DESCRIPTION_LIMIT, page


def _head(site: BuiltSite, url: str) -> dict[str, list[str]]:
    """The page's description, Open Graph and Twitter tags and canonical link: name -> values."""
    head = site.page(url).tree.xpath("//head")[0]
    tags: dict[str, list[str]] = {}
    for meta in head.xpath("meta[@name or @property]"):
        tags.setdefault(meta.get("name") or meta.get("property"), []).append(meta.get("content"))
    tags["canonical"] = [link.get("href") for link in head.xpath("link[@rel='canonical']")]
    tags["image"] = head.xpath("meta[contains(@property, 'image') or contains(@name, 'image')]/@content")
    return tags


def test_a_case_study_page_tells_link_previews_its_title_summary_and_address(fixture_site: BuiltSite):
    case = CASES[0]
    tags = _head(fixture_site, case.url)
    exported = {c["slug"]: c for c in fixture_site.json("data/case-studies.json")["case_studies"]}[case.slug]
    assert tags["description"] == tags["og:description"] == [short_description(exported["summary"])]
    assert tags["og:title"] == [case.title] and tags["og:type"] == ["article"]
    assert tags["og:site_name"] == ["CCPL Knowledge Hub"] and tags["twitter:card"] == ["summary"]
    assert tags["canonical"] == tags["og:url"] == [SITE_URL + case.url]
    assert tags["image"] == []  # no image of the hub's own, and none from elsewhere


@pytest.mark.parametrize("url", ["", "case-studies/", "regions/south-west/", "roles/gloucestershire/", "about/"])
def test_every_other_page_kind_has_its_own_description_and_is_a_website(fixture_site: BuiltSite, url):
    tags = _head(fixture_site, url)
    default = fixture_site.page("search/").tree.xpath("string(//meta[@name='description']/@content)")
    assert tags["description"] == tags["og:description"] and tags["description"][0] != default
    assert tags["og:type"] == ["website"] and tags["canonical"] == tags["og:url"] == [SITE_URL + url]


def test_contributed_text_reaches_the_preview_tags_as_text(attacked_site: BuiltSite):
    """A payload in a title or summary is the tag's value, as typed: escaped once, never markup."""
    shown = set()
    for url in attacked_site.page_urls:
        if url.startswith("case-studies/example-attacked-") and url != "case-studies/example-attacked-old/":
            tags = _head(attacked_site, url)
            assert len(tags["description"]) == len(tags["og:title"]) == len(tags["twitter:card"]) == 1, url
            shown.update((*tags["description"], *tags["og:title"]))
    for payload in PAYLOADS:
        assert short_description(payload.text) in shown, payload.name


# --- the sitemap and robots.txt -----------------------------------------------------------------

def _lastmods(site: BuiltSite) -> dict[str, str | None]:
    tree = lxml.etree.fromstring(site.bytes("sitemap.xml"))
    return {urlsplit(url.findtext("s:loc", namespaces=SITEMAP)).path.lstrip("/"): url.findtext("s:lastmod", namespaces=SITEMAP)
            for url in tree.xpath("//s:url", namespaces=SITEMAP)}


def test_the_sitemap_dates_each_page_by_its_records_never_by_the_build(fixture_site: BuiltSite):
    lastmod = _lastmods(fixture_site)
    changed = {case.url: case.updated or case.published for case in CASES}
    assert any(case.updated for case in CASES)  # a history entry dates the page, not its publication
    assert {url: lastmod[url] for url in changed} == changed
    assert {listing.url: lastmod[listing.url] for listing in LISTINGS} == {listing.url: listing.last_reviewed for listing in LISTINGS}
    # Indexes: the newest of the records they list.
    assert lastmod["case-studies/"] == max(changed.values())
    south_west = [c.updated or c.published for c in CASES if c.region == "South West"]
    south_west += [listing.last_reviewed for listing in LISTINGS if listing.region == "South West"]
    assert lastmod["regions/south-west/"] == max(south_west)
    assert lastmod["roles/gloucestershire/"] == max(listing.last_reviewed for listing in GLOUCESTERSHIRE_ROLES)
    # Hand-written pages, and pages whose records carry no date, have none.
    assert lastmod[""] is None and lastmod["about/"] is None and lastmod["frameworks/example-ics-framework/"] is None
    assert all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day) for day in lastmod.values() if day)


def test_robots_txt_points_at_the_sitemap_by_its_absolute_address(fixture_site: BuiltSite):
    lines = fixture_site.bytes("robots.txt").decode().splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert fixture_site.bytes("sitemap.xml").startswith(b"<?xml")


def test_robots_txt_names_no_sitemap_without_the_sites_address():
    assert b"Sitemap" not in robots_txt("") and b"Sitemap: https://example.org/hub/sitemap.xml\n" in robots_txt(
        "https://example.org/hub")


# --- absolute addresses in the exports ----------------------------------------------------------

@pytest.mark.parametrize("site_url, base", [("", ""), ("https://example.org/hub", "https://example.org/hub/"),
                                            ("https://example.org/hub/", "https://example.org/hub/")])
def test_export_links_are_full_addresses_when_the_site_address_is_known(corpus_root, site_url, base):
    build = HubBuild.from_content(corpus_root, site_url=site_url, today=date(2026, 11, 23))
    roles_json = json.loads(build.exports["data/roles.json"])["roles"]
    roles_csv = list(csv.DictReader(io.StringIO(build.exports["data/roles.csv"].decode("utf-8-sig"))))
    role = build.catalogue.roles[0]
    for row in (roles_json[0], roles_csv[0]):
        assert (row["url"], row["list_url"]) == (f"{base}roles/{role.area}/{role.slug}/", f"{base}roles/{role.area}/#{role.slug}")
    case_studies = json.loads(build.exports["data/case-studies.json"])["case_studies"]
    assert {c["url"] for c in case_studies} == {f"{base}case-studies/{e.slug}/" for e in build.catalogue.all_case_studies}
    framework = json.loads(build.exports["data/framework.json"])
    links = [p["url"] for p in framework["principles"]] + [f["url"] for f in framework["frameworks"]]
    links += [i["url"] for f in framework["frameworks"] for i in f["items"]]
    assert all(link.startswith(base) and "//" not in link.removeprefix(base) for link in links)
    assert all(link.startswith("https://") == bool(site_url) for link in links)
