"""Shared fixtures: a small synthetic content root (see ``corpus.py``), and strict builds of the
fixture site over it (see ``sites.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import write_corpus
from sites import CHANGED_CASES, CHANGED_LISTINGS, BuiltSite, corpus, make_project


@pytest.fixture
def corpus_root(tmp_path: Path) -> Path:
    """A valid synthetic content root in a fresh temp dir; tests add or replace files with
    ``write_corpus(corpus_root, {...})``."""
    return write_corpus(tmp_path / "content")


def _built(project: Path) -> BuiltSite:
    site = BuiltSite.build(project)
    assert site.returncode == 0, f"the strict build failed:\n{site.output}"
    return site


# Session-scoped: a strict build takes seconds, and the tests only read the built site.
@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    """The fixture corpus (``sites.CASES`` and ``sites.LISTINGS``), built strictly."""
    return _built(make_project(tmp_path_factory.mktemp("fixture-site"), corpus()))


@pytest.fixture(scope="session")
def changed_site(tmp_path_factory) -> BuiltSite:
    """The fixture corpus after an edit (``sites.CHANGED_CASES``, ``sites.CHANGED_LISTINGS``), built strictly."""
    return _built(make_project(tmp_path_factory.mktemp("changed-site"), corpus(CHANGED_CASES, CHANGED_LISTINGS)))
