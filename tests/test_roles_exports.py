"""Issue 5: role listings that comms teams can link to and reuse.

The overdue flag with a fixed build date, the role exports (columns, encoding, per-ICS splits) and
row anchors that stay put when the content around them changes.
"""

from __future__ import annotations

import csv
import io

from sites import (
    BUILD_DATE,
    CHANGED_LISTINGS,
    GLOUCESTERSHIRE_ROLES,
    LISTINGS,
    OVERDUE,
    SITE_URL,
    STAFFORDSHIRE_ROLE,
    BuiltSite,
    Listing,
    Page,
    resolve,
    run_validate,
)

DUE_TODAY = GLOUCESTERSHIRE_ROLES[3]
ISSUE_2_ROLE_KEYS = {"slug", "title", "holder", "status", "ics", "region", "profession", "function",
                     "decision_forums", "last_reviewed", "url"}


def rows_by_role(page: Page) -> dict[str, object]:
    """The role table's rows, by the URL of the role page each row links to."""
    return {resolve(page.url, tr.xpath("./th//a/@href")[0]): tr
            for tr in page.article.xpath(".//table[contains(@class, 'ccpl-roles')]/tbody/tr")}


def flagged(element) -> bool:
    return bool(element.xpath(".//*[contains(@class, 'ccpl-overdue')]"))


# --- review discipline ------------------------------------------------------------------------

def test_overdue_listing_is_flagged_on_its_page_and_in_the_lists(fixture_site: BuiltSite):
    lists = [fixture_site.page("roles/"), *(fixture_site.page(f"roles/{a}/") for a in {r.area for r in LISTINGS})]
    for listing in LISTINGS:
        overdue = listing == OVERDUE
        page = fixture_site.page(listing.url)
        admonitions = page.article.xpath(".//div[contains(@class, 'admonition')]")
        warnings = [" ".join(w.text_content().split()) for w in admonitions]
        assert [w for w in warnings if "Overdue for review" in w] == (
            ["Overdue for review This listing was last reviewed on 22 November 2025, more than 12 months before "
             "this site was built (23 November 2026). The details may be out of date."] if overdue else [])
        for list_page in lists:
            row = rows_by_role(list_page).get(listing.url)
            if row is not None:
                assert flagged(row) == overdue, (list_page.url, listing.slug)
    assert sum(listing.url in rows_by_role(p) for p in lists for listing in LISTINGS) == 2 * len(LISTINGS)
    area = fixture_site.page(f"roles/{OVERDUE.area}/")
    assert "1 of these listings is overdue for review" in area.text()


def test_the_build_warns_in_one_line_about_overdue_listings_without_failing_strict(fixture_site: BuiltSite):
    warnings = [line for line in fixture_site.output.splitlines() if "[review]" in line]
    assert warnings == [f"WARNING -  [review] 1 role listing is overdue for review: {OVERDUE.path} (last reviewed "
                        f"more than 12 months before {BUILD_DATE}; `make validate VALIDATE_ARGS=--review` lists them all)"]
    assert fixture_site.returncode == 0


def test_validate_review_lists_overdue_listings_as_a_report(fixture_site: BuiltSite):
    report = run_validate(fixture_site.project, "--review")
    assert report.returncode == 0, report.stdout + report.stderr
    assert f"{OVERDUE.path}: last reviewed {OVERDUE.last_reviewed}" in report.stdout
    assert DUE_TODAY.path not in report.stdout
    a_day_later = run_validate(fixture_site.project, "--review", build_date="2026-11-24")
    assert a_day_later.returncode == 0
    assert f"{DUE_TODAY.path}: last reviewed {DUE_TODAY.last_reviewed}" in a_day_later.stdout
    assert f"{OVERDUE.path}: last reviewed" in a_day_later.stdout
    assert "Traceback" not in report.stderr + a_day_later.stderr


# --- exports ----------------------------------------------------------------------------------

def documented_role_columns(site: BuiltSite) -> list[str]:
    page = site.page("data/")
    return [code.text for e in page.section("role-columns") for code in e.xpath(".//tbody/tr/td[1]/code")]


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def expected_role(listing: Listing) -> dict:
    return {"slug": listing.slug, "title": listing.title, "holder": listing.holder, "status": listing.status,
            "ics": listing.ics, "ics_code": listing.ics_code, "region": listing.region,
            "profession": listing.profession, "function": "Professional network",
            "decision_forums": list(listing.decision_forums), "last_reviewed": listing.last_reviewed,
            "url": SITE_URL + listing.url, "list_url": f"{SITE_URL}roles/{listing.area}/#{listing.slug}"}


def as_csv_cells(row: dict) -> dict[str, str]:
    return {k: "; ".join(v) if isinstance(v, list) else ("" if v is None else str(v)) for k, v in row.items()}


def test_role_exports_have_the_documented_columns_in_order(fixture_site: BuiltSite):
    columns = documented_role_columns(fixture_site)
    assert ISSUE_2_ROLE_KEYS | {"ics_code", "list_url"} <= set(columns)
    assert list(read_csv(fixture_site.bytes("data/roles.csv"))[0]) == columns
    assert all(list(row) == columns for row in fixture_site.json("data/roles.json")["roles"])


def test_role_exports_carry_every_listing_with_canonical_ics(fixture_site: BuiltSite):
    exported = {row["slug"]: row for row in fixture_site.json("data/roles.json")["roles"]}
    rows = {row["slug"]: row for row in read_csv(fixture_site.bytes("data/roles.csv"))}
    assert sorted(exported) == sorted(rows) == sorted(r.slug for r in LISTINGS)
    for listing in LISTINGS:
        expected = expected_role(listing)
        assert {k: exported[listing.slug][k] for k in expected} == expected
        assert {k: rows[listing.slug][k] for k in expected} == as_csv_cells(expected)
        assert fixture_site.exists(listing.url)
        page_url, anchor = expected["list_url"].removeprefix(SITE_URL).split("#")
        assert fixture_site.page(page_url).article.xpath(f".//tr[@id='{anchor}']")
    # The ICS was given as an ONS code and as an alias: the exports carry its short name and code.
    assert exported[STAFFORDSHIRE_ROLE.slug]["ics"] == "Staffordshire and Stoke-on-Trent"
    assert exported["example-role-cheshire"]["ics"] == "Cheshire and Merseyside"


def test_csv_files_are_utf8_with_a_byte_order_mark_and_crlf_line_ends(fixture_site: BuiltSite):
    paths = ["data/roles.csv", *(f"data/roles/{a}.csv" for a in {r.area for r in LISTINGS})]
    for path in paths:
        data = fixture_site.bytes(path)
        assert data.startswith(b"\xef\xbb\xbf"), path
        assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n") == len(read_csv(data)) + 1, path
    staffordshire = fixture_site.bytes(f"data/roles/{STAFFORDSHIRE_ROLE.area}.csv")
    assert STAFFORDSHIRE_ROLE.holder.encode("utf-8") in staffordshire
    assert b'"Example board, with a comma; Example ""quoted"" forum"' in staffordshire


def test_per_ics_exports_hold_exactly_that_areas_roles(fixture_site: BuiltSite):
    areas = sorted({r.area for r in LISTINGS})
    assert sorted(p.name for p in (fixture_site.site / "data" / "roles").iterdir()) == sorted(
        f"{a}.{ext}" for a in areas for ext in ("csv", "json"))
    everything = {row["slug"]: row for row in fixture_site.json("data/roles.json")["roles"]}
    everything_csv = {row["slug"]: row for row in read_csv(fixture_site.bytes("data/roles.csv"))}
    for area in areas:
        slugs = sorted(r.slug for r in LISTINGS if r.area == area)
        split = fixture_site.json(f"data/roles/{area}.json")["roles"]
        split_csv = read_csv(fixture_site.bytes(f"data/roles/{area}.csv"))
        assert sorted(row["slug"] for row in split) == sorted(row["slug"] for row in split_csv) == slugs, area
        assert all(row == everything[row["slug"]] for row in split)
        assert all(row == everything_csv[row["slug"]] for row in split_csv)


# --- role lists -------------------------------------------------------------------------------

def test_role_lists_show_the_holder_or_the_status(fixture_site: BuiltSite):
    for listing in LISTINGS:
        row = rows_by_role(fixture_site.page(f"roles/{listing.area}/"))[listing.url]
        holder = listing.holder or {"vacant": "Vacant", "unpublished": "Not published"}[listing.status]
        assert row.xpath("./td")[0].text_content() == holder


def anchors(page: Page) -> dict[str, str]:
    """Role page URL -> the id of its row in the list."""
    return {url: tr.get("id") for url, tr in rows_by_role(page).items()}


def test_row_anchors_stay_the_same_across_builds(fixture_site: BuiltSite, changed_site: BuiltSite):
    """Between the builds a role was retitled and another added before it: no row keeps its position."""
    areas = sorted({r.area for r in LISTINGS})
    for area in areas:
        before, after = anchors(fixture_site.page(f"roles/{area}/")), anchors(changed_site.page(f"roles/{area}/"))
        assert before == {r.url: r.slug for r in LISTINGS if r.area == area}
        assert after == {r.url: r.slug for r in CHANGED_LISTINGS if r.area == area}
    before, after = anchors(fixture_site.page("roles/")), anchors(changed_site.page("roles/"))
    for ids in (before, after):
        assert None not in ids.values() and len(set(ids.values())) == len(ids)
    assert {url: after[url] for url in before} == before
    moved = [list(before).index(r.url) != list(after).index(r.url) for r in LISTINGS if r.area == "gloucestershire"]
    assert all(moved)
