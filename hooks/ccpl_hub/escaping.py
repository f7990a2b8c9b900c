"""Escape contributed plain text for the generated pages, which are Markdown with raw-HTML blocks.

A value printed by a page template can land in Markdown text (a paragraph, a heading, a list item,
a table cell, a link's text or its double-quoted title), at the start of a Markdown line, or inside a
raw-HTML block (text or a double-quoted attribute). HTML escaping alone is not enough there:
``[x](javascript:...)``, ``{ onclick=... }``, ``*[ABBR]: ...`` or a leading ``# `` are Markdown, not
HTML. ``markdown_text`` gives one escaping that is safe in all of those places, so templates need no
per-context filters: every character that Markdown (with this site's extensions) or HTML could read
as markup becomes a character reference, which Python-Markdown passes through untouched and a
browser shows as the character itself.

Characters that are harmless where they stand are left alone (an apostrophe, a hyphen inside a word,
``1.5``), so pages about ordinary text stay byte-for-byte what they were. Templates quote every HTML
attribute with double quotes, which is why ``'`` needs no escaping. Whitespace runs with a line break
become one space (a value is one run of inline text: no new paragraph, heading or list can start),
and control and bidi-override characters are dropped (the validator refuses them with a message;
this is the backstop for a build that skipped validation).
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Always escaped, wherever they stand: HTML's own specials and Markdown's inline syntax
# (code, emphasis, links, images, attribute lists, tables, headings, strikethrough/superscript).
_ALWAYS = {c: f"&#{ord(c)};" for c in "\\`*_[]{}|#~^"} | {"<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ALWAYS_RE = re.compile("[" + re.escape("".join(_ALWAYS)) + "]")
# An ampersand is escaped only where it would start a character reference: a bare one is text to
# Markdown and to browsers alike, and must stay bare for the abbr extension to find "C&CP".
_REFERENCE_AMPERSAND = re.compile(r"&(?=#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;)")
# An emoji shortcode (``:material-x:``) opens with a colon followed by a name character.
_SHORTCODE_COLON = re.compile(r":(?=[+\-\w])")
# Block markers that only count at the start of a line: a list item, a definition, an admonition or
# details block, an ordered list. A value may be printed at a line's start, so its start is guarded.
_LEADING_MARKER = re.compile(r"^(\s*)([-+](?=\s|[-+]|$)|:|!(?=!)|\?(?=\?))")
_ORDERED_LIST_MARKER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_LEADING_SPACES = re.compile(r"^ {2,}")  # four would start a code block at a line's start
_LINE_BREAKING_SPACE = re.compile(r"\s*[\n\r\t\f\v\x1c-\x1f\x85\u2028\u2029]\s*")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def one_visible_line(value: object) -> str:
    """``value`` without invisible and control characters, its line breaks as spaces: text that
    cannot hide anything or break out of the line (or attribute) it is printed in."""
    return _LINE_BREAKING_SPACE.sub(" ", _INVISIBLE.sub("", str(value)))


def markdown_text(value: object) -> Markup:
    """``value`` as Markdown (and HTML) that shows exactly its text, whatever it contains."""
    if hasattr(value, "__html__"):
        return Markup(value)
    text = _LEADING_SPACES.sub(" ", one_visible_line(value))
    text = _REFERENCE_AMPERSAND.sub("&amp;", text)
    text = _ALWAYS_RE.sub(lambda m: _ALWAYS[m.group(0)], text)
    text = _LEADING_MARKER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text, count=1)
    text = _ORDERED_LIST_MARKER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text, count=1)
    return Markup(_SHORTCODE_COLON.sub("&#58;", text))


def markdown_code(value: object) -> Markup:
    """``value`` as a Markdown code span: Markdown escapes HTML inside one itself, so only the
    backticks need care (the fence is longer than any run of them in the value)."""
    text = one_visible_line(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{padding}{text}{padding}{fence}")


def markdown_link_title(value: object) -> Markup:
    """``value`` inside a Markdown link's double-quoted title, where Python-Markdown also reads
    apostrophes and brackets as the title's end."""
    text = str(markdown_text(value))
    return Markup(text.replace("'", "&#39;").replace("(", "&#40;").replace(")", "&#41;"))
