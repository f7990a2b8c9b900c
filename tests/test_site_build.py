"""Issue 2: the hub builds strictly from content, with a page per record at its stable URL and the
documented data exports; invalid content fails the strict build with the validator's messages."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from ccpl_hub.content_types import CASE_STUDY, ROLE
from corpus import REPO_ROOT, case_study_text, role_text
from site_server import build_site
from sites import (
    CASES,
    FRAMEWORK_ITEMS,
    ITEMS_SERVING,
    LISTINGS,
    SITE_URL,
    BuiltSite,
    corpus,
    make_project,
    output_of,
    resolve,
    run_validate,
)

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CASE_STUDY_KEYS = {"slug", "title", "url", "ics", "ics_code", "region", "category", "principles", "themes",
                   "summary", "published"}


def test_fixture_site_builds_strictly_without_warnings(fixture_site: BuiltSite):
    warnings = [line for line in fixture_site.output.splitlines()
                if line.startswith(("WARNING", "ERROR")) and "[review]" not in line]
    assert warnings == []
    assert "Documentation built" in fixture_site.output
    assert "Traceback" not in fixture_site.output


def test_every_record_has_its_page_at_its_stable_url(fixture_site: BuiltSite):
    for case in CASES:
        assert fixture_site.page(case.url).h1 == case.title
    for number in range(1, 6):
        assert fixture_site.page(f"principles/{number}/").h1 == f"Principle {number}: Example principle {number}"
    assert fixture_site.page("frameworks/example-ics-framework/").h1 == "Example ICS framework"
    for item, title in FRAMEWORK_ITEMS.items():
        page = fixture_site.page(f"frameworks/example-ics-framework/{item}/")
        assert page.h1.endswith(title)
        assert "frameworks/example-ics-framework/" in page.links()  # "Part of <framework>"
    for listing in LISTINGS:
        assert fixture_site.page(listing.url).h1 == listing.title


def test_every_generated_url_is_lowercase_words_joined_by_hyphens(fixture_site: BuiltSite):
    for url in fixture_site.page_urls:
        for part in url.strip("/").split("/") if url else []:
            assert SLUG.fullmatch(part), url


def test_case_studies_export_has_the_documented_fields_and_canonical_ics(fixture_site: BuiltSite):
    exported = fixture_site.json("data/case-studies.json")["case_studies"]
    assert sorted(e["slug"] for e in exported) == sorted(c.slug for c in CASES)
    for case in CASES:
        row = next(e for e in exported if e["slug"] == case.slug)
        assert CASE_STUDY_KEYS <= row.keys()
        assert {k: row[k] for k in CASE_STUDY_KEYS} == {
            "slug": case.slug, "title": case.title, "url": SITE_URL + case.url,
            "ics": case.ics, "ics_code": case.ics_code,  # short name and ONS code, whatever the file gave
            "region": case.region, "category": case.category, "principles": list(case.principles),
            "themes": list(case.themes), "published": case.published,
            "summary": "Example summary of a synthetic case study, written for the tests."}
        assert row["last_changed"] == (case.updated or case.published)
        assert row["history"] == ([f"{case.updated}: {case.change_note}"] if case.updated else [])
        assert (row["status"], row["withdrawn_date"], row["withdrawn_reason"], row["reviewed"]) == (
            "published", None, None, None)
        assert fixture_site.exists(case.url)


def test_framework_export_holds_the_principles_and_every_framework_with_its_items(fixture_site: BuiltSite):
    exported = fixture_site.json("data/framework.json")
    principles = {p["number"]: p for p in exported["principles"]}
    assert sorted(principles) == [1, 2, 3, 4, 5]
    for number, principle in principles.items():
        assert principle["title"] == f"Example principle {number}"
        assert principle["top_tips"] == [f"Example top tip for principle {number}."]
        assert sorted(principle["case_studies"]) == sorted(c.slug for c in CASES if number in c.principles)
        assert principle["url"] == f"{SITE_URL}principles/{number}/" and fixture_site.exists(f"principles/{number}/")
    [framework] = exported["frameworks"]
    # The file names its ICS by ONS code: the export carries the short name and the code.
    assert (framework["slug"], framework["ics"], framework["ics_code"], framework["region"]) == (
        "example-ics-framework", "Gloucestershire", "E54000043", "South West")
    assert [i["id"] for i in framework["items"]] == list(FRAMEWORK_ITEMS)
    assert all(item["url"].startswith(SITE_URL) and fixture_site.exists(item["url"].removeprefix(SITE_URL))
               for item in framework["items"])
    served = {n: [i["id"] for i in framework["items"] if n in i["serves"]] for n in range(1, 6)}
    assert served == ITEMS_SERVING
    # Who made each link: here the hub's editors (a source's citation is tested in test_framework_comparison).
    priority_2 = next(i for i in framework["items"] if i["id"] == "priority-2")
    assert (priority_2["serves_inferred"], priority_2["serves_cited"]) == ([2, 3], [])
    action = next(i for i in framework["items"] if i["id"] == "action-1-1")
    assert (action["parent"], action["term"], action["owner"]) == ("priority-1", "Short-term", "Example owner")


def _line_of(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def test_invalid_content_fails_the_strict_build_with_the_validators_messages(tmp_path: Path):
    """Every problem in one run, each as ``path:line: field: message``, and never a traceback."""
    typo = case_study_text("Example case study: typo", ics="Gloucestershire", region="South West").replace(
        "principles:", "principals:")
    unknown_ics = role_text("Example role (unknown ICS)", ics="Example ICS")
    project = make_project(tmp_path, {
        **corpus(), "case_studies/example-typo.md": typo,
        "framework/roles/gloucestershire/example-unknown-ics.md": unknown_ics,
        "case_studies/example-broken-yaml.md": "---\ntitle: [unclosed\n---\n",
        "case_studies/example-latin-1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1")})

    validated = run_validate(project)
    built = build_site(project, tmp_path / "site")

    assert validated.returncode == 1
    problems = validated.stdout.splitlines()[:-1]  # the last line is the summary
    expected = [
        f"case_studies/example-typo.md:{_line_of(typo, 'principals:')}: principals: is not a field of a case study; "
        "did you mean 'principles'?",
        f"framework/roles/gloucestershire/example-unknown-ics.md:{_line_of(unknown_ics, 'ics:')}: ics: "
        "unknown ICS 'Example ICS'",
        "case_studies/example-broken-yaml.md:2: file: is not valid YAML: the [ ... ] that starts on this line is not closed",
        "case_studies/example-latin-1.md:2: file: is not valid UTF-8",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert built.returncode != 0
    output = output_of(built)
    assert "Invalid content" in output
    for problem in problems:  # the build reports exactly what the validator reports
        assert f"\n{problem}\n" in output
    assert "Traceback" not in output and "Traceback" not in validated.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_real_site_builds_strictly(real_site):
    """The ``real_site`` fixture runs ``mkdocs build --strict`` on the repo and fails unless it succeeds."""
    site = BuiltSite(REPO_ROOT, real_site.directory, 0, "")
    assert CASE_STUDY.files(REPO_ROOT) and ROLE.files(REPO_ROOT)
    for path in CASE_STUDY.files(REPO_ROOT):
        assert site.exists(f"case-studies/{path.stem}/"), path.name
    for path in ROLE.files(REPO_ROOT):
        assert site.exists(f"roles/{path.parent.name}/{path.stem}/"), path
    exported = site.json("data/case-studies.json")["case_studies"]
    assert sorted(e["slug"] for e in exported) == sorted(p.stem for p in CASE_STUDY.files(REPO_ROOT))


def _search_indexed_urls(site: BuiltSite) -> set[str]:
    """The pages in the Pagefind index: each fragment is gzip, a signature, then the page's JSON."""
    urls = set()
    for fragment in (site.site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def test_framework_comparison_page_is_built_linked_and_searchable(fixture_site: BuiltSite):
    page = fixture_site.page("frameworks/compare/")
    assert page.h1 == "Compare local frameworks"
    [region] = page.article.xpath(".//div[@role='region']")
    assert (region.get("tabindex"), region.get("aria-label")) == ("0", "Local frameworks against the national principles")
    [table] = region.xpath("table")
    assert table.xpath("caption") and [th.get("scope") for th in table.xpath("thead/tr/th")] == ["col", "col"]
    assert [th.text_content() for th in table.xpath("tbody/tr/th[@scope='row']")] == [
        f"{n}. Example {n}" for n in range(1, 6)]
    cells = [row.xpath("td")[0] for row in table.xpath("tbody/tr")]
    linked = {n: [a.get("href") for a in cell.xpath(".//a")] for n, cell in enumerate(cells, 1)}
    assert {n: [fixture_site.exists(resolve(page.url, href)) for href in hrefs] for n, hrefs in linked.items()} == {
        n: [True] * len(ids) for n, ids in ITEMS_SERVING.items()}
    assert [bool(cell.xpath(".//span[@class='ccpl-gap']")) for cell in cells] == [not ITEMS_SERVING[n] for n in range(1, 6)]
    # Linked from the frameworks index, the framework, its items that serve a principle, and every principle.
    for url in ("frameworks/", "frameworks/example-ics-framework/", "frameworks/example-ics-framework/priority-1/",
                *(f"principles/{n}/" for n in range(1, 6))):
        assert "frameworks/compare/" in fixture_site.page(url).links(), url
    assert "/frameworks/compare/" in _search_indexed_urls(fixture_site)
