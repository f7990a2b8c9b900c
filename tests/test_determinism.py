"""Determinism: two builds of the same content are byte-identical, every file included (pages,
exports, feeds, search index, sitemap.xml and sitemap.xml.gz).

The session's build of the real site (the ``real_site`` fixture, hash seed 1) is compared with a
second build made here with another Python hash seed (set iteration order) and as if on another day
(MkDocs reads the wall clock through SOURCE_DATE_EPOCH); both have the same hub build date
(CCPL_BUILD_DATE), which is all a page may depend on besides the content.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2

from ccpl_hub.search_index import build_search_index
from site_server import PUBLISHED_URL, REAL_SITE_ENV, REPO_ROOT, build_site

ANOTHER_DAY = {"SOURCE_DATE_EPOCH": "1893456000"}  # 1 January 2030


def tree_differences(first: Path, second: Path) -> list[str]:
    """Each file that is in only one tree or differs in its bytes, with what is wrong with it."""
    files = {tree: {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()} for tree in (first, second)}
    return sorted(
        [f"{name}: only in the first build" for name in files[first] - files[second]]
        + [f"{name}: only in the second build" for name in files[second] - files[first]]
        + [f"{name}: differs" for name in files[first] & files[second]
           if (first / name).read_bytes() != (second / name).read_bytes()])


def test_two_builds_of_the_real_content_are_byte_identical(real_site, tmp_path):
    first, second = real_site.directory, tmp_path / "second"
    other_seed = {"PYTHONHASHSEED": str(int(REAL_SITE_ENV["PYTHONHASHSEED"]) + 1)}
    result = build_site(REPO_ROOT, second, PUBLISHED_URL, {**other_seed, **ANOTHER_DAY})
    assert result.returncode == 0, result.stdout + result.stderr

    compared = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    assert {"index.html", "pagefind/pagefind-entry.json", "sitemap.xml", "sitemap.xml.gz",
            "feeds/case-studies.xml", "data/case-studies.json"} <= compared
    assert tree_differences(first, second) == []


def test_tree_differences_names_a_changed_file_and_a_missing_one(tmp_path):
    for tree in ("first", "second"):
        (tmp_path / tree / "case-studies").mkdir(parents=True)
        (tmp_path / tree / "index.html").write_bytes(b"<p>Example page</p>")
        (tmp_path / tree / "case-studies" / "example.html").write_bytes(b"<p>Example case study</p>")
    (tmp_path / "second" / "index.html").write_bytes(b"<p>Example page.</p>")
    (tmp_path / "first" / "case-studies" / "example.html").unlink()

    assert tree_differences(tmp_path / "first", tmp_path / "second") == [
        "case-studies/example.html: only in the second build",
        "index.html: differs",
    ]


def _search_site(root: Path) -> Path:
    """Three pages with Pagefind filters and sort keys, enough for its hash maps to vary their order."""
    root.mkdir()
    for name, regions, themes, published in (("a", ("london", "midlands"), ("coaching", "data"), "2026-01-02"),
                                             ("b", ("south-west",), ("data", "design", "engagement"), "2026-01-01"),
                                             ("c", ("london", "north-west"), ("engagement",), "2026-01-03")):
        filters = "".join(f'<span data-pagefind-filter="{key}:{value}"></span>'
                          for key, values in (("region", regions), ("theme", themes), ("page", (name,)))
                          for value in values)
        (root / f"{name}.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body data-pagefind-sort="published:{published}">'
            f'<span data-pagefind-sort="title:{name}"></span>{filters}<h1>Example {name}</h1>'
            f'<p>Example leadership page {name}.</p></main></body></html>', encoding="utf-8")
    return root


def _decoded(index_dir: Path):
    """The metadata and filter files of a Pagefind index, decoded."""
    def read(path: Path):
        return cbor2.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])

    entry = json.loads((index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(index_dir / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    return meta, {name: read(index_dir / "filter" / f"{digest}.pf_filter") for name, digest in meta[3]}


def test_the_search_index_is_written_in_one_order_whatever_order_pagefind_chose(tmp_path):
    runs = []
    for run in ("first", "second", "third"):
        site = _search_site(tmp_path / run)
        result = build_search_index(site)
        assert result.returncode == 0, result.stdout + result.stderr
        runs.append(site / "pagefind")

    meta, filters = _decoded(runs[0])
    assert [name for name, _ in meta[3]] == ["page", "region", "theme"]  # filters by name
    assert [name for name, _ in meta[4]] == ["published", "title"]  # sorts by name
    assert [value for value, _ in filters["region"][1]] == ["london", "midlands", "north-west", "south-west"]
    assert len(meta[1]) == 3 and all(sorted(pages) == pages for _, values in filters.values() for _, pages in values)
    assert tree_differences(runs[0], runs[1]) == tree_differences(runs[0], runs[2]) == []
