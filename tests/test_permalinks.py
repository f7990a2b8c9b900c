"""Issue 5: links that never break. A renamed page's old URL redirects to the new one, and a
published URL that would disappear without a redirect fails validation and the build."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from site_server import build_site
from sites import (
    CASES,
    DERBYSHIRE,
    GLOUCESTERSHIRE_ROLES,
    LISTINGS,
    SOMERSET,
    BuiltSite,
    corpus,
    make_project,
    output_of,
    resolve,
    run_validate,
    with_field,
)

PUBLISHED_URLS = "data/published-urls.txt"
RENAMED_CASE = replace(SOMERSET, slug="example-case-study-somerset-pilot")
FORMER_ROLE = GLOUCESTERSHIRE_ROLES[0]
RENAMED_ROLE = replace(FORMER_ROLE, slug="example-role-vacant-post")


def renamed_corpus() -> dict[str, str | None]:
    """The fixture corpus with one case study and one role file renamed, each listing its former slug."""
    files = corpus([RENAMED_CASE if c == SOMERSET else c for c in CASES],
                   [RENAMED_ROLE if r == FORMER_ROLE else r for r in LISTINGS])
    files[RENAMED_CASE.path] = with_field(RENAMED_CASE.text(), "redirect_from", f"[{SOMERSET.slug}]")
    files[RENAMED_ROLE.path] = with_field(RENAMED_ROLE.text(), "redirect_from", f"[{FORMER_ROLE.slug}]")
    return files


@pytest.fixture(scope="module")
def published(fixture_site: BuiltSite) -> list[str]:
    """Every URL the fixture site served, as the published list holds them: pages, data files and feeds."""
    files = [p for folder in ("data", "feeds") for p in (fixture_site.site / folder).rglob("*")
             if p.is_file() and p.suffix != ".html"]
    return [f"/{url}" for url in fixture_site.page_urls] + sorted(f"/{p.relative_to(fixture_site.site).as_posix()}"
                                                                   for p in files)


def published_list(urls: list[str]) -> str:
    return "# Every URL the fixture site published (a comment line, as in the real list).\n" + "\n".join(urls) + "\n"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory, published: list[str]) -> BuiltSite:
    files = {**renamed_corpus(), PUBLISHED_URLS: published_list(published)}
    site = BuiltSite.build(make_project(tmp_path_factory.mktemp("renamed-site"), files))
    assert site.returncode == 0, site.output
    return site


def redirect_target(site: BuiltSite, url: str) -> str:
    """Where the HTML at ``url`` sends the browser (its meta refresh), site-relative."""
    tree = lxml.html.fromstring((site.site / url / "index.html").read_text(encoding="utf-8"))
    [content] = tree.xpath("//meta[@http-equiv='refresh']/@content")
    delay, _, target = content.partition(";")
    assert delay.strip() == "0"
    return resolve(url, target.strip().removeprefix("url=").removeprefix("URL="))


def test_a_renamed_slug_still_resolves_through_its_redirect(renamed_site: BuiltSite):
    for old, new in ((SOMERSET, RENAMED_CASE), (FORMER_ROLE, RENAMED_ROLE)):
        assert redirect_target(renamed_site, old.url) == new.url
        assert renamed_site.page(new.url).h1 == new.title
    assert [c["slug"] for c in renamed_site.json("data/case-studies.json")["case_studies"]
            if "somerset" in c["slug"]] == [RENAMED_CASE.slug]


def test_a_renamed_role_keeps_its_former_row_anchors_in_the_lists(renamed_site: BuiltSite):
    for url, anchor in ((f"roles/{RENAMED_ROLE.area}/", FORMER_ROLE.slug),
                        ("roles/", f"{RENAMED_ROLE.area}-{FORMER_ROLE.slug}")):
        tree = lxml.html.fromstring((renamed_site.site / url / "index.html").read_text(encoding="utf-8"))
        [target] = tree.xpath(f"//*[@id='{anchor}']")
        row = target.xpath("ancestor::tr")[0]
        assert row.get("id").endswith(RENAMED_ROLE.slug)


def test_every_published_url_is_still_served_after_the_renames(renamed_site: BuiltSite, published: list[str]):
    assert f"/{SOMERSET.url}" in published and f"/{FORMER_ROLE.url}" in published and "/data/roles.csv" in published
    missing = [url for url in published if not renamed_site.exists(url.lstrip("/"))]
    assert missing == []


@pytest.fixture(scope="module")
def removed_without_redirect(tmp_path_factory, published: list[str]) -> Path:
    """The renamed corpus with a published case study deleted outright (its ICS had nothing else)."""
    files = {**renamed_corpus(), DERBYSHIRE.path: None, PUBLISHED_URLS: published_list(published)}
    return make_project(tmp_path_factory.mktemp("removed-without-redirect"), files)


def expected_problems(published: list[str]) -> list[str]:
    lost = (f"/{DERBYSHIRE.url}", f"/ics/{DERBYSHIRE.ics_slug}/")
    return [f"{PUBLISHED_URLS}:{published.index(url) + 2}: url: '{url}' was published but this build no longer "
            "serves it." for url in lost]  # + 2: line numbers start at 1, after the comment line


def test_a_removed_url_without_redirect_fails_validation(removed_without_redirect: Path, published: list[str]):
    run = run_validate(removed_without_redirect)
    assert run.returncode == 1
    problems = run.stdout.splitlines()[:-1]
    assert [p.split(" If its page")[0] for p in problems] == expected_problems(published)
    assert all("add the old slug to `redirect_from`" in p for p in problems)
    assert "Traceback" not in run.stderr


def test_a_removed_url_without_redirect_fails_the_build(removed_without_redirect: Path, published: list[str],
                                                        tmp_path: Path):
    run = build_site(removed_without_redirect, tmp_path / "site")
    output = output_of(run)
    assert run.returncode != 0
    for problem in expected_problems(published):
        assert f"\n{problem} If its page" in output
    assert "Traceback" not in output


def test_a_lost_url_is_reported_in_the_first_run_with_every_other_problem(corpus_root: Path):
    """Published URLs are checked from the declared routes, over whatever content is valid: a lost URL
    does not wait for the other problems to be fixed, and the pages of an invalid file (which fixing
    it brings back) are not reported as lost."""
    from corpus import write_corpus  # the engine-level corpus (the module's own builds use sites.py)
    from ccpl_hub.build import HubBuild
    from ccpl_hub.validation import validate_content

    urls = sorted(HubBuild.from_content(corpus_root).served_urls())
    (corpus_root / PUBLISHED_URLS).parent.mkdir(parents=True, exist_ok=True)
    (corpus_root / PUBLISHED_URLS).write_text(published_list([f"/{u}" for u in urls]), encoding="utf-8")
    role = "framework/roles/gloucestershire/example-role-vacant.md"
    broken = (corpus_root / role).read_text(encoding="utf-8").replace("status: vacant", "status: open")
    write_corpus(corpus_root, {"case_studies/example-case-study-derbyshire.md": None, role: broken})
    problems = [str(p).split(" If its page")[0] for p in validate_content(corpus_root).problems]
    # The ICS's term page (/ics/derby-and-derbyshire/) is lost too, but term pages wait while any
    # content file is invalid: the invalid one might be the next file of that ICS.
    lost = "case-studies/example-case-study-derbyshire/"
    assert [p for p in problems if p.startswith(PUBLISHED_URLS)] == [
        f"{PUBLISHED_URLS}:{urls.index(lost) + 2}: url: '/{lost}' was published but this build no longer serves it."]
    assert any(p.startswith(f"{role}:4: status: 'open' is not allowed") for p in problems)
