"""Link the first use of each glossary abbreviation on a page to its glossary entry.

The abbr extension already gives every abbreviation a tooltip; the first one of each kind on a page
also becomes a link, so a reader can get the full explanation. Works on the page's HTML, where
links, headings and code are known for certain, rather than guessing at Markdown.
"""

from __future__ import annotations

import html
import re

import markupsafe

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


# Where an abbreviation is not marked: inside these elements and an email link (the abbr extension
# leaves code and autolinks alone too), and on a Markdown heading line (the extension marks those, and
# the page's title is read from its H1 line).
_NO_ABBR = ("abbr", "code", "pre", "script", "style")
_TAG_OR_HEADING = r"(<!--.*?-->|<(/?)([a-zA-Z0-9]+)\b([^>]*)>|^#{1,6} [^\n]*$)"


class Abbreviations:
    """The glossary's abbreviations, marked in HTML the engine writes itself (which Python-Markdown
    passes through) as the abbr extension marks them in Markdown: ``<abbr title=...>``, whole words,
    longest first. Text is escaped HTML, so the abbreviations are matched escaped too. One regular
    expression finds tags and abbreviations in a single pass (a page's tags and text alike)."""

    def __init__(self, titles: dict[str, str]):
        self._titles = {str(markupsafe.escape(abbreviation)): str(markupsafe.escape(title))
                        for abbreviation, title in titles.items()}
        words = "|".join(map(re.escape, sorted(self._titles, key=len, reverse=True)))
        self._pattern = re.compile(_TAG_OR_HEADING + (r"|\b(?:" + words + r")\b" if words else ""),
                                   re.MULTILINE | re.DOTALL)

    def mark(self, page_html: str) -> str:
        if not self._titles:
            return page_html
        depth, links = 0, []  # links: for each open <a>, whether it is an email link

        def replace(match: re.Match) -> str:
            nonlocal depth
            if match.group(1) is None:  # an abbreviation
                return match[0] if depth else f'<abbr title="{self._titles[match[0]]}">{match[0]}</abbr>'
            closing, tag, attributes = match.group(2), (match.group(3) or "").lower(), match.group(4) or ""
            if tag == "a":
                email = links.pop() if closing and links else (not closing and 'href="mailto:' in attributes)
                if not closing:
                    links.append(email)
                if email:
                    depth = max(0, depth + (-1 if closing else 1))
            elif tag in _NO_ABBR:
                depth = max(0, depth + (-1 if closing else 1))
            return match[0]

        return self._pattern.sub(replace, page_html)
