"""The source documents' plain-text copies, which the evidence tests hold the content to.

They live in the project (``sources/``, one ``.txt`` per document, named by ``text`` in
framework/vocabularies/sources.yml), so the tests that compare content with its sources (quotations word
for word, lists to their last item, prose in our own words) run wherever the suite runs, CI included.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from corpus import REPO_ROOT

from ccpl_hub.vocabulary import load_vocabulary

SOURCE_TEXTS = REPO_ROOT / "sources"


@cache
def text_files() -> dict[str, str]:
    """Source document id -> file name of its plain-text copy, as sources.yml gives it."""
    vocabulary, problems = load_vocabulary(REPO_ROOT)
    assert not problems, problems
    return {document.id: document.text for document in vocabulary.sources.values() if document.text}


@cache
def source_lines(document: str) -> tuple[str, ...]:
    """The lines of a source document's copy, as line numbers in citations count them (from 1, at index 0)."""
    return tuple((SOURCE_TEXTS / text_files()[document]).read_text(encoding="utf-8").split("\n"))

