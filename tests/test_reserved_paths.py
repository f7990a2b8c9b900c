"""Issue 10, reserved names: no content file name, framework item id or former slug may take the
address of a page the hub generates (an index, a term page, an export) or keeps in docs/.

Every generated path is declared by ``routes`` from the catalogue before anything renders; the
validator checks every claimed address against them (one bad file per rule, exact
``path:line: field:`` and exit 1), the engine refuses a redirect over a rendered page, and the MkDocs
adapter refuses one over any file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import hub

from corpus import FRAMEWORK_TEXT, REPO_ROOT, write_corpus
from test_validator_cli import (CASE, CASE_TEXT, FRAMEWORK, ROLE, ROLE_TEXT, Expect, assert_reports_exactly, case_study,
                                framework, role, validate_in_process)

from ccpl_hub.build import HubBuild
from ccpl_hub.routes import export_paths, served_paths

RESERVED = "which is a page the hub generates"

BAD_FILES = [
    pytest.param({"case_studies/index.md": CASE_TEXT},
                 [Expect("case_studies/index.md", 1, "file", "the file name 'index.md' would take the address "
                         "/case-studies/", RESERVED, "'index' and the names of generated pages are reserved")],
                 id="case-study-named-index"),
    pytest.param({"framework/roles/gloucestershire/index.md": ROLE_TEXT},
                 [Expect("framework/roles/gloucestershire/index.md", 1, "file",
                         "the file name 'index.md' would take the address /roles/gloucestershire/", RESERVED)],
                 id="role-named-index"),
    pytest.param(framework("id: theme-1", "id: index"),
                 [Expect(FRAMEWORK, 8, "items, entry 1, id", "the item id 'index' would take the address "
                         "/frameworks/example-ics-framework/",
                         "which is the page of framework/frameworks/example-ics-framework.md")],
                 id="framework-item-id-index"),
    pytest.param({"framework/frameworks/compare.md": FRAMEWORK_TEXT},
                 [Expect("framework/frameworks/compare.md", 1, "file", "the file name 'compare.md' would take the "
                         "address /frameworks/compare/", RESERVED)],
                 id="framework-named-like-the-comparison-page"),
    pytest.param(case_study('source: "Example citation, made up for the tests"',
                            'source: "Example citation, made up for the tests"\nredirect_from: [index]'),
                 [Expect(CASE, 11, "redirect_from, entry 1", "the former slug 'index' would take the address /case-studies/",
                         RESERVED)],
                 id="case-study-redirect-from-index"),
    pytest.param(role('source: "Example citation, made up for the tests"',
                      'source: "Example citation, made up for the tests"\nredirect_from: [index]'),
                 [Expect(ROLE, 10, "redirect_from, entry 1", "the former slug 'index' would take the address "
                         "/roles/gloucestershire/", RESERVED)],
                 id="role-redirect-from-index"),
    pytest.param({"docs/case-studies/example-hand-written.md": "# Example\n",
                  "case_studies/example-hand-written.md": CASE_TEXT},
                 [Expect("case_studies/example-hand-written.md", 1, "file",
                         "would take the address /case-studies/example-hand-written/",
                         "which is the hand-written page docs/case-studies/example-hand-written.md")],
                 id="case-study-over-a-hand-written-page"),
]


@pytest.mark.parametrize(("files", "expected"), BAD_FILES)
def test_reserved_address_is_reported_precisely(corpus_root: Path, capsys, files: dict, expected: list[Expect]):
    write_corpus(corpus_root, files)
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, expected)
    assert stderr == ""


def test_an_invalid_file_named_index_is_reported_with_its_other_problems(corpus_root: Path, capsys):
    """The name is checked for every file, valid or not: nothing waits for a second run."""
    write_corpus(corpus_root, {"case_studies/index.md": CASE_TEXT.replace("category: Principles in practice\n", "")})
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    assert code == 1
    assert_reports_exactly(stdout, [
        Expect("case_studies/index.md", 1, "category", "is required but missing"),
        Expect("case_studies/index.md", 1, "file", "the file name 'index.md' would take the address /case-studies/"),
    ])


@pytest.mark.parametrize("content", ["fixture", "real"])
def test_every_rendered_page_and_export_is_declared_before_rendering(corpus_root: Path, content: str):
    """The routes that validation checks against are exactly what the renderer and exporter produce."""
    root = corpus_root if content == "fixture" else REPO_ROOT
    build = HubBuild.from_content(root)
    assert build.problems == []
    declared = [p for p in served_paths(build.catalogue, root / "docs") if not (root / "docs" / p).is_file()]
    assert sorted(declared) == sorted([*build.pages, *build.exports])
    assert len(declared) == len(set(declared))
    assert sorted(export_paths(build.catalogue)) == sorted(build.exports)


def test_the_engine_refuses_a_redirect_over_a_rendered_page(corpus_root: Path):
    """Should validation ever miss a generated page, the build still never lets a redirect replace it."""
    write_corpus(corpus_root)
    build = HubBuild.from_content(corpus_root)
    entry = build.catalogue.case_studies[0]
    forged = entry.record.model_copy(update={"redirect_from": ["index"]})
    object.__setattr__(entry, "record", forged)
    [problem] = build.redirect_problems()
    assert (problem.path, problem.field) == (entry.path, "redirect_from, entry 1")
    assert "'index' would replace the page /case-studies/" in problem.message


class _Plugin:
    def __init__(self, redirect_maps: dict[str, str]):
        self.config = {"redirect_maps": redirect_maps}


class _Config:
    """The part of MkDocs' config the adapter reads: the redirects plugin's map."""

    def __init__(self, redirect_maps: dict[str, str]):
        self.plugins = {"redirects": _Plugin(redirect_maps)}


@pytest.mark.parametrize("old", ["case-studies/index.md", "about/index.md", "about.md"])
def test_the_adapter_refuses_a_redirect_over_any_file(tmp_path: Path, old: str):
    """Also a redirect written by hand in mkdocs.yml, and one whose source differs but whose URL is a page's."""
    files = Files([File(path, str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
                   for path in ("case-studies/index.md", "about/index.md", "case-studies/example.md")])
    with pytest.raises(PluginError, match="A redirect would replace a page"):
        hub._refuse_redirects_over_pages(files, _Config({old: "case-studies/example.md"}))
    hub._refuse_redirects_over_pages(files, _Config({"case-studies/former.md": "case-studies/example.md"}))
