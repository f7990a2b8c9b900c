"""Link the first use of each glossary abbreviation on a page to its glossary entry.

The abbr extension already gives every abbreviation a tooltip; the first one of each kind on a page
also becomes a link, so a reader can get the full explanation. Works on the page's HTML, where
links, headings and code are known for certain, rather than guessing at Markdown.
"""

from __future__ import annotations

import html
import re

from .vocabulary import GlossaryTerm

# The tags inside which an abbreviation must not become a link.
_NO_LINK = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "button", "label", "summary")
_TOKEN = re.compile(r"(<abbr title=\"[^\"]*\">([^<]+)</abbr>)|<(/?)([a-zA-Z0-9]+)\b[^>]*>")


def link_first_uses(page_html: str, glossary_href: str, terms: list[GlossaryTerm]) -> str:
    anchors = {t.abbreviation: t.slug for t in terms if t.abbreviation}
    linked: set[str] = set()
    depth = {tag: 0 for tag in _NO_LINK}
    out, last = [], 0
    for match in _TOKEN.finditer(page_html):
        abbr, text, closing, tag = match.groups()
        if tag:
            tag = tag.lower()
            if tag in depth:
                depth[tag] = max(0, depth[tag] + (-1 if closing else 1))
            continue
        word = html.unescape(text)
        if word in anchors and word not in linked and not any(depth.values()):
            linked.add(word)
            out.append(page_html[last:match.start()])
            out.append(f'<a class="ccpl-glossary-link" href="{glossary_href}#{anchors[word]}">{abbr}</a>')
            last = match.end()
    out.append(page_html[last:])
    return "".join(out)
