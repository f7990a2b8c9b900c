"""The live preview's engine keeps what it built between rebuilds: a rebuild reads and validates only
the files that changed, renders again only the pages an edit can change, and builds exactly what a
fresh build of the same content builds."""

from __future__ import annotations

from pathlib import Path

from corpus import write_corpus

from ccpl_hub.build import HubBuild
from ccpl_hub.content_types import CASE_STUDY
from ccpl_hub.repository import Repository
from ccpl_hub.routes import source_files
from ccpl_hub.validation import ContentCache, validate_content

GLOUCESTERSHIRE = "case_studies/example-case-study-gloucestershire.md"
REPOSITORY = Repository("https://github.com/example/hub")


def _entries(result) -> dict[str, object]:
    return {e.path: e for entries in result.entries.values() for e in entries}


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_rebuild_validates_again_only_the_files_that_changed(corpus_root: Path):
    cache = ContentCache()
    first = _entries(validate_content(corpus_root, cache=cache))
    _append(corpus_root / GLOUCESTERSHIRE, "\nAn edited sentence.\n")
    second = validate_content(corpus_root, cache=cache)
    again = _entries(second)
    assert [path for path in first if again[path] is not first[path]] == [GLOUCESTERSHIRE]
    assert again[GLOUCESTERSHIRE].body.endswith("An edited sentence.\n")
    fresh = validate_content(corpus_root)
    assert {p: e.record for p, e in again.items()} == {p: e.record for p, e in _entries(fresh).items()}

    _append(corpus_root / "framework/vocabularies/themes.yml", "\n")  # every file depends on the vocabularies
    third = _entries(validate_content(corpus_root, cache=cache))
    assert not [path for path in first if third[path] is again[path]]


def test_a_rebuild_reports_a_new_problem_and_forgets_it_once_fixed(corpus_root: Path):
    cache = ContentCache()
    case = corpus_root / GLOUCESTERSHIRE
    valid = case.read_text(encoding="utf-8")
    assert validate_content(corpus_root, cache=cache).ok
    case.write_text(valid.replace("region: South West", "region: South Wst"), encoding="utf-8")
    problems = validate_content(corpus_root, cache=cache).problems
    assert [str(p).split(": ")[:2] for p in problems] == [[f"{GLOUCESTERSHIRE}:5", "region"]]
    case.write_text(valid, encoding="utf-8")
    assert validate_content(corpus_root, cache=cache).ok


def test_a_rebuild_builds_what_a_fresh_build_of_the_same_content_builds(corpus_root: Path):
    cache = ContentCache()
    HubBuild.from_content(corpus_root, cache=cache).pages
    write_corpus(corpus_root, {f"{CASE_STUDY.folder}/example-case-study-new.md":
                               (corpus_root / GLOUCESTERSHIRE).read_text(encoding="utf-8").replace(
                                   "Example case study: Gloucestershire", "Example case study: New")})
    _append(corpus_root / GLOUCESTERSHIRE, "\nAn edited sentence.\n")
    rebuilt, fresh = HubBuild.from_content(corpus_root, cache=cache), HubBuild.from_content(corpus_root)
    assert rebuilt.problems == fresh.problems == []
    assert rebuilt.pages == fresh.pages and rebuilt.exports == fresh.exports
    assert "case-studies/example-case-study-new.md" in rebuilt.pages


def test_a_body_edit_renders_again_only_the_pages_of_its_file(corpus_root: Path):
    """For a file of each content type with pages: its body is printed on its own pages only."""
    cache = ContentCache()
    build = HubBuild.from_content(corpus_root, repository=REPOSITORY, cache=cache, keep_views=True)
    sources = source_files(build.catalogue)
    build.pages
    assert set(build.rendered) == set(build.views) and len(build.views) > 50
    one_of_each_type = {e.type: e.path for entries in build.entries.values() for e in entries if e.path in sources.values()}
    assert len(one_of_each_type) >= 6
    for path in one_of_each_type.values():
        _append(corpus_root / path, f"\nAn edited sentence in {path}.\n")
        rebuilt = HubBuild.from_content(corpus_root, repository=REPOSITORY, cache=cache, previous=build,
                                         keep_views=True)
        fresh = HubBuild.from_content(corpus_root, repository=REPOSITORY)
        assert rebuilt.pages == fresh.pages, path
        assert rebuilt.exports == fresh.exports, path
        assert set(rebuilt.rendered) == {page for page, source in sources.items() if source == path}
        build = rebuilt


def test_a_record_edit_renders_every_page_again(corpus_root: Path):
    cache = ContentCache()
    build = HubBuild.from_content(corpus_root, repository=REPOSITORY, cache=cache, keep_views=True)
    build.pages
    case = corpus_root / GLOUCESTERSHIRE
    case.write_text(case.read_text(encoding="utf-8").replace("Example case study: Gloucestershire",
                                                             "Example case study: Gloucestershire, retitled"),
                    encoding="utf-8")
    rebuilt = HubBuild.from_content(corpus_root, repository=REPOSITORY, cache=cache, previous=build, keep_views=True)
    assert set(rebuilt.rendered) == set(rebuilt.views)
    assert rebuilt.pages == HubBuild.from_content(corpus_root, repository=REPOSITORY).pages


def test_validation_renders_nothing_and_a_one_off_build_holds_one_copy_of_its_pages(corpus_root: Path):
    """Checking content needs the routes, not the pages; a build that no later build reuses keeps its
    pages once (with their meta), not also as the views rendered them."""
    build = HubBuild.from_content(corpus_root, repository=REPOSITORY)
    assert build.problems == [] and build.rendered == []
    assert set(build.rendered) <= set(build.pages) and len(set(build.rendered)) > 50
    assert len(build.rendered) == len(set(build.rendered)), "a page is rendered once; its parts are not pages"
    assert build.views == {}
    build.forget_written(keep_for_next_build=False)
    assert "pages" not in vars(build) and "exports" not in vars(build)
