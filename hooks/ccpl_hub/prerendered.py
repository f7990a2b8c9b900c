"""The HTML a view writes into a generated page, which a Markdown converter need not read.

A generated page is Markdown whose facts panel, lists, tables and pager the engine writes as HTML
(``templates/*.html.j2``; the Markdown templates write some HTML too); on most pages only the
contributed body and the headings are Markdown. Python-Markdown passes each such raw HTML block
through unchanged, but only after its HTML parser has read every character of it (md_in_html, then
MkDocs' scan for anchors): at 2,000 case studies that parsing was about a sixth of a build, for HTML
the engine had just written.

So a view notes where its HTML blocks are (``html_spans``, offsets into the page as the view wrote
it: what a builder reads once the front matter is gone). A builder adapter sets the blocks aside
before converting the page (``set_aside``: each becomes a one-word paragraph) and puts them back
after (``put_back``), which is what Python-Markdown does with a raw HTML block itself (it stashes the
block and puts it back in place of its paragraph), minus the parsing. Other builders read the whole
page, and come to the same HTML the slower way.

A block set aside is whole elements (each closed within it, none that md_in_html reads as Markdown),
which Python-Markdown would pass through as they are whoever wrote them; the contributed body is left
out all the same (it is the contributor's Markdown). The sanitiser reads the page afterwards either
way. A token is unguessable (it changes with each process), so a body cannot name a block; if anything
is not where the view put it (a body that swallows the paragraph after it, such as an element left
open), ``put_back`` says so and the adapter converts the whole page instead.
"""

from __future__ import annotations

import html
import re
import secrets
from array import array

from markdown.util import BLOCK_LEVEL_ELEMENTS

# YAML front matter, as MkDocs finds it (``mkdocs.utils.meta``).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# A run of non-blank lines: Markdown's block.
_BLOCK = re.compile(r"^[ \t]*\S.*(?:\n[ \t]*\S.*)*", re.MULTILINE)
# A raw HTML block starts with a block-level element's tag at the start of its first line (an inline
# one, like <a>, starts a paragraph instead).
_OPENING_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s/>]")
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)
# A tag's name, opening (not self-closing: <path ... />) or closing; an opening tag that asks
# md_in_html to read its content as Markdown.
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*(?<!/)>")
_CLOSING = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)")
_MARKDOWN_INSIDE = re.compile(r"<[^>]*\smarkdown\b")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# What MkDocs' anchor scan would have found in the blocks: an element's id, an <a>'s name.
_ANCHOR = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\s(id|name)="([^"]*)\"""")

TOKEN = f"ccplhtml{secrets.token_hex(8)}n"
_PLACEHOLDER = re.compile(rf"<p>{TOKEN}(\d+)</p>")


def html_spans(page: str, body: range = range(0)) -> array:
    """Where the raw HTML blocks of ``page`` start and end, as ``[start, end, start, end, ...]``,
    counted from where a builder's Markdown starts: after the front matter (which the view may have
    begun, and the build adds to) and the newlines after it. A block that overlaps ``body`` (the
    contributed body's place) is not one."""
    front_matter = _FRONT_MATTER.match(page)
    content = front_matter.end() if front_matter else 0
    offset = len(page) - len(page[content:].lstrip("\n"))
    spans = array("I")
    for block in _BLOCK.finditer(page, offset):
        text, start, end = block.group(), block.start(), block.end()
        tag = _OPENING_TAG.match(text)
        if (tag is not None and tag[1].lower() in _BLOCK_LEVEL and (end <= body.start or start >= body.stop)
                and _whole(text)):
            if spans and page[spans[-1] + offset:start] == "\n\n":
                spans[-1] = end - offset  # one placeholder for blocks one blank line apart: the same HTML
            else:
                spans.extend((start - offset, end - offset))
    return spans


def _whole(block: str) -> bool:
    """Whether ``block`` is whole elements that Python-Markdown would pass through as they are: every
    element closed within it (a raw block runs on to its closing tag, past blank lines), and none
    whose content md_in_html reads as Markdown."""
    if not block.endswith(">") or _MARKDOWN_INSIDE.search(block):
        return False
    block = block.lower()
    closed = _CLOSING.findall(block)
    opened = [name for name in _OPENING.findall(block) if name not in _VOID]
    return len(opened) == len(closed) and sorted(opened) == sorted(closed)


def set_aside(markdown: str, spans: array) -> tuple[str, list[str]] | None:
    """``markdown`` with each block at ``spans`` replaced by a placeholder paragraph, and the blocks;
    None if the text at a span is not a block of HTML (not the page the view wrote)."""
    parts, blocks, last = [], [], 0
    for i in range(0, len(spans), 2):
        start, end = spans[i], spans[i + 1]
        block = markdown[start:end]
        if last > start or not block.startswith("<") or not block.endswith(">"):
            return None
        parts += (markdown[last:start], f"{TOKEN}{len(blocks)}")
        blocks.append(block)
        last = end
    parts.append(markdown[last:])
    return "".join(parts), blocks


def put_back(converted: str, blocks: list[str]) -> str | None:
    """The converted page with each placeholder paragraph replaced by its block; None unless every
    block came back exactly once, each as a paragraph of its own."""
    seen: list[int] = []

    def block(match: re.Match) -> str:
        seen.append(int(match[1]))
        return blocks[int(match[1])] + "\n"  # Python-Markdown's stash keeps a raw block's line end

    result = _PLACEHOLDER.sub(block, converted)
    if sorted(seen) != list(range(len(blocks))) or TOKEN in result:
        return None
    return result.strip()  # as Python-Markdown returns a page


def anchors(blocks: list[str]) -> set[str]:
    """The ids (and <a> names) in ``blocks``: links to them are checked like links to any anchor."""
    return {html.unescape(value) for block in blocks for tag, attribute, value in _ANCHOR.findall(block)
            if attribute == "id" or tag.lower() == "a"}
