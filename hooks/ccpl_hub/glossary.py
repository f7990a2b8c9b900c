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

# The elements inside which an abbreviation must not become a link, each passed over whole; and an
# abbreviation the page marks. One regular expression finds both, so a page's other tags cost no Python
# call each.
_NO_LINK = r"<(a|h[1-6]|code|pre|button|label|summary)\b.*?</\1\s*>"
_TOKEN = re.compile(rf'{_NO_LINK}|(<abbr title="[^"]*">([^<]+)</abbr>)', re.DOTALL | re.IGNORECASE)


def link_first_uses(page_html: str, glossary_href: str, terms: list[GlossaryTerm]) -> str:
    anchors = {t.abbreviation: t.slug for t in terms if t.abbreviation}
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        abbr, text = match.group(2), match.group(3)
        if abbr is None:
            return match[0]
        word = html.unescape(text)
        if word not in anchors or word in linked:
            return abbr
        linked.add(word)
        return f'<a class="ccpl-glossary-link" href="{glossary_href}#{anchors[word]}">{abbr}</a>'

    return _TOKEN.sub(link, page_html)


# Where an abbreviation is not marked, each passed over whole: a comment, an element an <abbr> does not
# go in (code, as the abbr extension leaves it; an <abbr> already), an email link (the extension leaves
# autolinks alone), and a Markdown heading line (the extension marks those, and the page's title is
# read from its H1 line).
_PASSED_OVER = (r"<!--.*?-->|<(abbr|code|pre|script|style)\b.*?</\1\s*>"
                r'|<a\b[^>]*\bhref="mailto:.*?</a\s*>|^#{1,6} [^\n]*$')


class Abbreviations:
    """The glossary's abbreviations, marked in HTML the engine writes itself (which Python-Markdown
    passes through) as the abbr extension marks them in Markdown: ``<abbr title=...>``, whole words,
    longest first. Text is escaped HTML, so the abbreviations are matched escaped too. One regular
    expression finds the abbreviations and the parts passed over, so a page's many tags cost no
    Python call each; a word inside a tag (an attribute's value) is left alone."""

    def __init__(self, titles: dict[str, str]):
        self._titles = {str(markupsafe.escape(abbreviation)): str(markupsafe.escape(title))
                        for abbreviation, title in titles.items()}
        words = "|".join(map(re.escape, sorted(self._titles, key=len, reverse=True)))
        self._pattern = re.compile(rf"{_PASSED_OVER}|\b(?:{words})\b", re.MULTILINE | re.DOTALL) if words else None

    def mark(self, page_html: str) -> str:
        if self._pattern is None:
            return page_html

        def replace(match: re.Match) -> str:
            word, at = match[0], match.start()
            if word[0] in "<#" or page_html.rfind("<", 0, at) > page_html.rfind(">", 0, at):
                return word  # passed over, or in a tag's attributes
            return f'<abbr title="{self._titles[word]}">{word}</abbr>'

        return self._pattern.sub(replace, page_html)
