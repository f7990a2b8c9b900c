"""The engine's HTML blocks pass a Markdown converter by unread (``ccpl_hub.prerendered``): the page
made from the Markdown with its blocks set aside and put back is the page Python-Markdown makes of
the whole text, for every page the views write as HTML, on clean records and on attacked ones (a
script payload in every field and body, as if the validator had let them all through)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

import attacks
from ccpl_hub.catalogue import Catalogue
from ccpl_hub.markdown_config import site_extensions
from ccpl_hub.pages import PageRenderer
from ccpl_hub.prerendered import TOKEN, anchors, html_spans, put_back, set_aside
from ccpl_hub.review import build_date
from ccpl_hub.validation import validate_content
from ccpl_hub.views.base import View


@pytest.fixture(scope="module")
def convert():
    names, settings = site_extensions()
    return lambda text: markdown.Markdown(extensions=names, extension_configs=settings).convert(text)


def _views(root: Path, attacked: bool) -> tuple[dict[str, str], View]:
    result = validate_content(root)
    assert result.ok, result.problems
    if attacked:
        attacks.poison(result)
    catalogue = Catalogue(result)
    view = View(catalogue, build_date())
    return PageRenderer(catalogue, view.today, view).render_all(), view


@pytest.mark.parametrize("attacked", [False, True], ids=["clean", "attacked"])
def test_a_page_with_its_html_set_aside_converts_to_the_same_html(corpus_root: Path, convert, attacked: bool):
    if attacked:
        from corpus import write_corpus
        write_corpus(corpus_root, attacks.site_files())
    pages, view = _views(corpus_root, attacked)
    with_blocks = {uri: spans for uri, spans in view.html_spans.items() if spans}
    assert {"case-studies", "roles", "principles", "regions", "frameworks", "learning-report"} <= {
        uri.split("/")[0] for uri in with_blocks}
    swallowed = []
    for src_uri, spans in sorted(with_blocks.items()):
        page = get_data(pages[src_uri])[0]  # what MkDocs hands a plugin: the page without its front matter
        light, blocks = set_aside(page, spans)  # the spans are where the view put its HTML
        assert blocks, src_uri
        restored = put_back(convert(light), blocks)
        if restored is None:
            swallowed.append(src_uri)
        else:
            assert restored == convert(page), src_uri
    if attacked:  # a body left with an element open (<math>, <noscript>) takes in what follows it
        assert 0 < len(swallowed) < len(with_blocks) / 2
    else:
        assert swallowed == []


def test_the_body_is_never_set_aside_even_where_it_holds_html():
    body = '<div class="admonition">Example</div>\n\n<p>Example</p>'
    page = f'# Title\n\n<p class="ccpl-lead">Lead</p>\n\n{body}\n\n## Source\n\n<ul>\n<li>A</li>\n</ul>\n'
    at = page.index(body)
    spans = html_spans(page, range(at, at + len(body)))
    assert [page[spans[i]:spans[i + 1]] for i in range(0, len(spans), 2)] == [
        '<p class="ccpl-lead">Lead</p>', "<ul>\n<li>A</li>\n</ul>"]


def test_only_block_level_html_is_set_aside():
    """An inline element at a line's start begins a paragraph, which Python-Markdown converts."""
    page = '\n\n<a href="x">Link</a> and text\n\n<span>Example</span>\n\n<nav class="n">\n<p>x</p>\n</nav>\n'
    spans = html_spans(page)
    assert [page.lstrip("\n")[spans[i]:spans[i + 1]] for i in range(0, len(spans), 2)] == [
        '<nav class="n">\n<p>x</p>\n</nav>']


def test_html_that_python_markdown_would_read_is_not_set_aside():
    """An element whose content md_in_html reads as Markdown, or one left open in its block (a raw
    block runs on to its closing tag, past blank lines), goes to the converter."""
    page = ('<div class="facts" markdown>\n\nKind\n:   Action\n\n</div>\n\n<div class="open">\n\n'
            "Text\n\n</div>\n\n<hr>\n<p>Closed</p>\n")
    spans = html_spans(page)
    assert [page[spans[i]:spans[i + 1]] for i in range(0, len(spans), 2)] == ["<hr>\n<p>Closed</p>"]


def test_a_block_swallowed_by_the_body_is_reported_not_lost(convert):
    page = "# Title\n\n<math>\n\n<div>Engine</div>\n"
    light, blocks = set_aside(page, html_spans(page, range(9, 15)))
    assert blocks == ["<div>Engine</div>"]
    assert put_back(convert(light), blocks) is None


def test_text_that_is_not_the_views_is_not_set_aside():
    page = "# Title\n\n<div>Engine</div>\n"
    spans = html_spans(page)
    assert set_aside(page, spans) is not None
    assert set_aside("# Other\n\nAnother page\n", spans) is None


def test_a_body_cannot_name_a_block():
    """The token changes with each process: a body that guesses one is text."""
    converted = f"<p>{TOKEN}0</p>\n<p>{TOKEN}0</p>"
    assert put_back(converted, ["<div>Engine</div>"]) is None


def test_anchors_are_the_ids_and_link_names_mkdocs_would_have_found():
    blocks = ['<table>\n<tr id="row-a&amp;b"><td data-id="not">x</td></tr>\n</table>',
              '<p><a name="old-name">x</a><span name="no">y</span></p>']
    assert anchors(blocks) == {"row-a&b", "old-name"}
