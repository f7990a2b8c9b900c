"""Issue 13: content that cites the lines of a source document says what those lines say.

The plain-text copies of the source documents are in ``sources/`` (see ``source_texts``). For every
content file whose citations give ``lines``: each line exists, and every quotation in the file (a
Markdown block quote) is word for word in the lines it cites.
"""

from __future__ import annotations

import re

import pytest

from corpus import REPO_ROOT
from source_texts import SOURCE_TEXTS, source_lines, text_files

from ccpl_hub.content_types import FRAMEWORK, RESEARCH, WORKSHOP
from ccpl_hub.schemas import line_spans
from ccpl_hub.validation import validate_content


def plain(text: str) -> str:
    """Text compared word for word: curly quotes straightened, runs of whitespace made one space."""
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def quoted_in(lines: tuple[str, ...], spans: list[tuple[int, int]], quotation: str) -> bool:
    """Whether ``quotation`` is word for word in the given line spans (1-based) of ``lines``."""
    return plain(quotation) in plain(" ".join(line for first, last in spans for line in lines[first - 1:last]))


def cited_spans(record, document: str) -> list[tuple[int, int]]:
    return [span for s in record.source if s.document == document and s.lines for span in line_spans(s.lines)]


QUOTATION = re.compile(r'^> "(.+)"\s*$', re.MULTILINE)


def line_cited_entries():
    result = validate_content(REPO_ROOT)
    return [e for entries in result.entries.values() for e in entries
            if any(getattr(s, "lines", None) for s in getattr(e.record, "source", []))]


def test_every_cited_line_is_in_its_document():
    entries = line_cited_entries()
    assert entries, "no content cites source lines"
    for entry in entries:
        for citation in entry.record.source:
            if citation.lines:
                count = len(source_lines(citation.document))
                assert all(last <= count for _, last in line_spans(citation.lines)), (entry.path, citation.lines, count)


def test_every_quotation_is_word_for_word_in_the_lines_it_cites():
    quoted = 0
    for entry in line_cited_entries():
        documents = {s.document for s in entry.record.source if s.lines}
        for quotation in QUOTATION.findall(entry.body):
            assert any(quoted_in(source_lines(d), cited_spans(entry.record, d), quotation) for d in documents), \
                (entry.path, quotation)
            quoted += 1
    assert quoted, "no quotation found: the pattern no longer matches how pages mark quotations"


def test_every_link_a_framework_says_its_source_makes_quotes_the_lines_it_cites():
    """A framework item's link to a national principle that is the source's own (not the hub's inference)
    cites the lines that make it, and quotes them word for word."""
    links = [(entry.path, item.id, citation) for entry in validate_content(REPO_ROOT).entries[FRAMEWORK.key]
             for item in entry.record.items for citation in item.serves_cited]
    assert links, "no framework link is cited as the source's: the check would prove nothing"
    for path, item, citation in links:
        assert quoted_in(source_lines(citation.document), line_spans(citation.lines), citation.quote), \
            (path, item, citation.principle, citation.lines, citation.quote)


def test_the_check_catches_a_misquotation():
    """The comparison itself: curly quotes and line breaks do not matter; a changed word, or words
    from lines the record does not cite, are not a quotation."""
    lines = ("First line, never cited.", "We need someone \u201coutside\u201d the system,", "  supporting it.")
    assert quoted_in(lines, [(2, 3)], 'We need someone "outside" the system, supporting it.')
    assert not quoted_in(lines, [(2, 3)], 'We need someone "inside" the system,')
    assert not quoted_in(lines, [(2, 3)], "First line, never cited.")
    assert not quoted_in(lines, [(2, 2)], "the system, supporting it.")


def bullet_block(lines: tuple[str, ...], number: int) -> set[int]:
    """The line numbers (1-based) of the bulleted list that line ``number`` is in: the bullet lines
    around it, across blank lines, up to the first line of other text either side."""
    def is_bullet(n: int) -> bool:
        return lines[n - 1].lstrip().startswith(("- ", "\u2022 "))

    block = set()
    for step in (-1, 1):
        n = number
        while 1 <= n <= len(lines) and (is_bullet(n) or not lines[n - 1].strip()):
            if is_bullet(n):
                block.add(n)
            n += step
    return block


def list_problems(lines: tuple[str, ...], cited: list[int]) -> list[str]:
    """What a list that cites one source line per item misses or adds, against the source's list."""
    if not cited:
        return []
    source = bullet_block(lines, cited[0])
    return ([f"line {n} of the source's list is not cited" for n in sorted(source - set(cited))]
            + [f"line {n} is not in the source's list" for n in sorted(set(cited) - source)])


def workshop_entries():
    return validate_content(REPO_ROOT).entries[WORKSHOP.key]


def test_every_workshop_list_has_each_item_of_the_source_list_to_the_last():
    checked = 0
    for entry in workshop_entries():
        document = next(s.document for s in entry.record.source if s.lines)
        lines = source_lines(document)
        for name in ("enablers", "challenges", "recommendations"):
            single = [line_spans(p.lines)[0][0] for p in getattr(entry.record, name)
                      if len(line_spans(p.lines)) == 1 and len(set(line_spans(p.lines)[0])) == 1]
            bullets = [n for n in single if bullet_block(lines, n)]
            assert list_problems(lines, bullets) == [], (entry.path, name)
            checked += len(bullets)
        for theme in entry.record.themes:
            if theme.examples:
                in_span = {n for first, last in line_spans(theme.lines) for n in range(first, last + 1)
                           if lines[n - 1].lstrip().startswith("- ")}
                assert len(theme.examples) == len(in_span), (entry.path, theme.title)
                checked += len(in_span)
    assert checked


def test_the_list_check_finds_a_missing_last_item():
    lines = ("What helps?", "", "- one", "- two", "", "- three", "Next heading")
    assert list_problems(lines, [3, 4, 6]) == []
    assert list_problems(lines, [3, 4]) == ["line 6 of the source's list is not cited"]
    assert list_problems(lines, [3, 4, 6, 7]) == ["line 7 is not in the source's list"]


def test_every_guidance_title_is_word_for_word_on_the_line_it_cites():
    entries = validate_content(REPO_ROOT).entries[RESEARCH.key]
    titles = 0
    for entry in entries:
        lines = source_lines(entry.slug)
        for g in entry.record.guidance:
            for title, cited in ((g.title, g.lines), (g.bibliography_title, g.bibliography_lines)):
                if title:
                    assert quoted_in(lines, line_spans(cited), title), (entry.path, title)
                    titles += 1
            assert quoted_in(lines, line_spans(g.lines), f"{g.publisher} ({g.date})"), (entry.path, g.publisher)
    assert titles



def test_every_source_text_belongs_to_a_document_and_every_named_text_exists():
    named = set(text_files().values())
    present = {path.name for path in SOURCE_TEXTS.glob("*.txt")}
    assert named == present, f"named in sources.yml but missing: {sorted(named - present)}; " \
                             f"in sources/ but named by no document: {sorted(present - named)}"
