"""Shared fixtures: a small synthetic content root (see ``corpus.py``), strict builds of the
fixture site over it (see ``sites.py``), and a strict build of the real site."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

import attacks
from corpus import write_corpus
from site_server import PUBLISHED_URL, REAL_SITE_ENV, REPO_ROOT, BuiltRealSite
from sites import CHANGED_CASES, CHANGED_LISTINGS, BuiltSite, corpus, make_project


# In CI the property tests draw the same examples every run: a failure there is reproducible, and
# the run time cannot swing with an unlucky draw. Locally they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    """A valid synthetic content root in a fresh temp dir; tests add or replace files with
    ``write_corpus(corpus_root, {...})``."""
    return write_corpus(tmp_path / "content")


def _built_once(tmp_path_factory, name: str, build: Callable[[Path], BuiltSite]) -> BuiltSite:
    """``build(project)``, once per test run: under pytest-xdist the workers share the run's temp
    dir, the first to ask builds and the others wait on a lock, then read its result."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    project = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = BuiltSite.built(project) if project.exists() else build(project)
    assert site.returncode == 0, f"the strict build failed:\n{site.output}"
    return site


def _corpus_built_once(tmp_path_factory, name: str, files: dict, hooks_first: tuple[Path, ...] = ()) -> BuiltSite:
    """The corpus ``files`` with the repo's site sources, built strictly once per test run."""
    return _built_once(tmp_path_factory, name, lambda project: BuiltSite.build(make_project(project, files, hooks_first)))


# Session-scoped: a strict build takes seconds, and the tests only read the built site.
@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    """The fixture corpus (``sites.CASES`` and ``sites.LISTINGS``), built strictly."""
    return _corpus_built_once(tmp_path_factory, "fixture-site", corpus())


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory) -> BuiltSite:
    """The fixture corpus after an edit (``sites.CHANGED_CASES``, ``sites.CHANGED_LISTINGS``), built strictly."""
    return _corpus_built_once(tmp_path_factory, "changed-site", corpus(CHANGED_CASES, CHANGED_LISTINGS))


@pytest.fixture(scope="session")
def attacked_site(tmp_path_factory) -> BuiltSite:
    """The fixture corpus with many more case studies and roles, and a script payload put into every
    text field and body after validation (``unvalidated_hook.py``), built strictly."""
    return _corpus_built_once(tmp_path_factory, "attacked-site", attacks.site_files(),
                       hooks_first=(Path(__file__).resolve().with_name("unvalidated_hook.py"),))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltRealSite:
    """The repo's own content, built strictly once per test run for the checks that only read the
    built files (links, HTML validity, determinism), with a fixed hash seed (``REAL_SITE_ENV``)."""
    site = _built_once(tmp_path_factory, "real-site", lambda project: BuiltSite.build(
        project, source=REPO_ROOT, site_url=PUBLISHED_URL, extra_env=REAL_SITE_ENV))
    return BuiltRealSite(site.site, PUBLISHED_URL)
