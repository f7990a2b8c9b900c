"""The last guarantee for contributed text: an allowlist HTML sanitiser (nh3, the binding of Rust's
ammonia) over the rendered HTML of every page the hub generates from content.

Escaping (``escaping``) keeps plain-text fields from becoming markup, and the validator refuses
markup it can see. This module holds even when both miss something: whatever HTML a page ends up
with, only the elements and attributes listed here survive, and URLs keep only the schemes
``http``, ``https`` and ``mailto`` (relative URLs pass). ``script`` and ``style`` go with their text.
An image's address must be relative: nothing on a page makes a visitor's browser fetch anything
from another site (emoji are characters, see ``markdown_config.emoji_or_icon``).

Two allowlists:
- ``CONTRIBUTED``: what Python-Markdown, with this site's extensions, makes from a contributor's
  Markdown. The validator renders every body with it and reports anything the sanitiser would change
  (``body_changes``), so a contributor is told instead of having their text altered silently.
- ``PAGE``: ``CONTRIBUTED`` plus what the hub's own templates write (the filter form, sortable tables,
  the SVG charts, permalinks). Applied to whole generated pages in the MkDocs adapter.

Attribute lists (the ``attr_list`` extension) stay on: the templates need them, and a page is one
Markdown document, template and contributed body together, so the extension cannot be turned off
for the body alone. They are restricted instead of trusted: a contributed body may give ``class``
and ``id`` (values made of letters, digits, ``-``, ``_``, ``:`` and ``.``, not starting with ``__``,
which Material keeps for its own elements) and nothing else. Any other attribute (``onclick``,
``style``, ``href="javascript:..."``) is refused by the validator and removed by the sanitiser.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
_NAME_TOKEN = re.compile(r"(?!__)[A-Za-z0-9][A-Za-z0-9_:.-]*")
_NAMED_ATTRIBUTES = frozenset({"id", "class", "for", "aria-labelledby"})
# Table alignment from Markdown tables, and the chart's responsive size.
_STYLE_PROPERTIES = frozenset({"text-align", "max-width", "height"})

_CONTRIBUTED_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "blockquote", "br", "hr", "code", "pre", "em",
    "strong", "img", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
    "td", "caption", "sup", "sub", "div", "span", "details", "summary", "del", "ins", "kbd",
    "svg", "path",  # the emoji extension's icons
})
_CONTRIBUTED_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "details": {"open"},
    "svg": {"xmlns", "viewBox", "viewbox"},
    "path": {"d"},
}
_PAGE_TAGS = _CONTRIBUTED_TAGS | {"nav", "figure", "title", "desc", "text", "rect", "form", "fieldset", "legend",
                                  "input", "label", "button"}
_PAGE_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title", "aria-label", "data-pagefind-meta"},  # the search result's place and category
    "svg": {"xmlns", "viewBox", "viewbox", "role", "aria-labelledby", "width", "height", "style", "font-size"},
    "text": {"x", "y", "fill", "text-anchor"},
    "rect": {"x", "y", "width", "height", "fill"},
    "table": {"data-sortable"},
    "tr": set(),
    "th": {"style", "scope"},
    "td": {"style", "data-sort"},
    "form": {"hidden", "aria-label"},
    "fieldset": {"data-facet"},
    "input": {"name", "value"},
    "label": {"for"},
    "p": {"role", "aria-live", "aria-atomic", "data-pagefind-meta", "data-pagefind-ignore"},
    # a table's scrolling region, named after its caption; Pagefind's filters, sort keys and skipped parts;
    # the finder's step (how many case studies the hub page lists, and each "Show more" adds)
    "div": {"aria-label", "data-pagefind-filter", "data-pagefind-sort", "data-pagefind-ignore", "data-step"},
    "nav": {"aria-label", "data-pagefind-ignore"},
    "span": {"data-count-for"},
}
_PAGE_ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}, "button": {"type": {"reset"}},
                          "div": {"role": {"region"}, "tabindex": {"0"}}}


def _named_values_only(tag: str, attribute: str, value: str) -> str | None:
    """Ids, classes and references to ids are names, never text that could pose as one of Material's
    own (``__search``) or carry anything but name characters. A ``title`` keeps no '<': Material's
    tooltips (``content.tooltips``) put an element's title into the page as HTML. An image comes
    from this site: one from another would be fetched from there by every visitor's browser."""
    if attribute in _NAMED_ATTRIBUTES and not all(_NAME_TOKEN.fullmatch(t) for t in value.split()):
        return None
    if tag == "img" and attribute == "src" and is_off_site(value):
        return None
    if attribute == "title" and "<" in value:
        return value.replace("<", "&lt;")
    return value


_URL_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f]")  # what a browser skips in a URL before reading it
_OFF_SITE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2}")  # a scheme, or a host (//host, \\host)
_WEB_ADDRESS = re.compile(r"(?:https?:)?[/\\]{2}", re.I)


def is_off_site(url: str) -> bool:
    """Whether ``url`` can lead to another site: anything but a relative address (``img/x.png``,
    ``/x.png``, ``../x.png``) can, and a browser reads ``\\`` as ``/`` and skips spaces and controls."""
    return _OFF_SITE.match(_URL_IGNORED.sub("", url)) is not None


def _cleaner(tags, attributes, attribute_values=None) -> nh3.Cleaner:
    merged = {tag: set(names) for tag, names in _CONTRIBUTED_ATTRIBUTES.items()}
    for tag, names in attributes.items():
        merged.setdefault(tag, set()).update(names)
    return nh3.Cleaner(tags=set(tags), attributes=merged, attribute_filter=_named_values_only, link_rel=None,
                       url_schemes=set(URL_SCHEMES), tag_attribute_values=attribute_values,
                       filter_style_properties=set(_STYLE_PROPERTIES), strip_comments=True)


@cache
def _contributed_cleaner() -> nh3.Cleaner:
    return _cleaner(_CONTRIBUTED_TAGS, {})


@cache
def _page_cleaner() -> nh3.Cleaner:
    return _cleaner(_PAGE_TAGS, _PAGE_ATTRIBUTES, _PAGE_ATTRIBUTE_VALUES)


def sanitise_page(html: str) -> str:
    """A generated page's HTML with everything outside ``PAGE`` removed."""
    return _page_cleaner().clean(html)


def sanitise_contributed(html: str) -> str:
    """Rendered contributed Markdown with everything outside ``CONTRIBUTED`` removed."""
    return _contributed_cleaner().clean(html)


# --- what the sanitiser would change, in words ---------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One thing the sanitiser removes or alters, with a clue to find it in the Markdown source."""

    message: str
    clue: str  # text to look for in the source, to report the right line


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _Tokens(HTMLParser):
    """HTML as a comparable list: start tags with their attributes, end tags, and text, with
    character references decoded and style values normalised, so two serialisations of the same
    document compare equal. (Python-Markdown writes an e-mail autolink as character references, which
    the sanitiser writes out as characters: the same link, so no change to report.)"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted((k, _normal_value(k, v)) for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))


def _normal_value(name: str, value: str | None) -> str:
    if value is None:
        return ""
    if name == "style":
        return ";".join(re.sub(r"\s+", "", part) for part in value.split(";") if part.strip())
    return value


def _tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return [t for t in parser.tokens if not (t[0] == "text" and not t[1].strip())]


def _describe(token: tuple) -> Change:
    if token[0] == "text":
        text = token[1].strip()
        return Change(f"the text '{text[:40]}' would be removed (it is inside an element that is not allowed)", text[:20])
    tag = token[1]
    return Change(f"<{tag}> is not allowed in contributed Markdown; write Markdown (links, emphasis, lists, tables) "
                  f"instead of this HTML element", f"<{tag}")


def _attribute_changes(before: tuple, after: tuple) -> list[Change]:
    tag, old, new = before[1], dict(before[2]), dict(after[2])
    changes = []
    for name, value in old.items():
        if name in new and new[name] == value:
            continue
        if tag == "img" and name == "src" and name not in new and _WEB_ADDRESS.match(_URL_IGNORED.sub("", value)):
            changes.append(Change(f"the image '{value[:60]}' is on another site: every visitor's browser would fetch "
                                  "it from there. Add the image to the repository and give its relative address "
                                  "(like images/chart.png)", value[:20]))
        elif tag == "img" and name == "src":
            changes.append(Change(f"the image address '{value[:60]}' is not allowed: add the image to the repository "
                                  "and give its relative address (like images/chart.png)", value[:20] or name))
        elif name in ("href", "src") and name in new or name in ("href", "src") and ":" in value:
            changes.append(Change(f"the address '{value[:60]}' on <{tag}> is not allowed: use an https://, http:// or "
                                  "mailto: address, or a relative link", value[:20] or name))
        elif name == "title" and name in new:
            changes.append(Change(f"the title \"{value[:40]}\" on <{tag}> has a '<', which the site's tooltips would "
                                  "read as HTML; leave the '<' out", value[:20]))
        elif name in _NAMED_ATTRIBUTES and name in new:
            changes.append(Change(f"{name}=\"{value[:40]}\" on <{tag}> is not allowed: use letters, digits and hyphens",
                                  value[:20] or name))
        else:
            changes.append(Change(f"the attribute '{name}' on <{tag}> is not allowed (contributed Markdown may set only "
                                  "'class' and 'id' in an attribute list); remove it", name))
    return changes


def changes(html: str, sanitised: str) -> list[Change]:
    """What turned ``html`` into ``sanitised``, one change per removed element or attribute."""
    before, after = _tokens(html), _tokens(sanitised)
    if before == after:
        return []
    found: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = before[a1:a2], after[b1:b2]
        if op == "replace" and len(old) == len(new) and all(o[:2] == n[:2] for o, n in zip(old, new)):
            for o, n in zip(old, new):
                found.extend(_attribute_changes(o, n) if o[0] == "start" else
                             [Change(f"the text '{o[1].strip()[:40]}' would change", o[1].strip()[:20])])
            continue
        found.extend(_describe(t) for t in old if t[0] != "end")
    return list(dict.fromkeys(found)) or [Change("the HTML is not well formed (an element is closed in the wrong "
                                                 "place or not at all); check the raw HTML in this Markdown", "<")]


def body_changes(html: str) -> list[Change]:
    """What the sanitiser would change in a contributed body's rendered HTML (empty when nothing)."""
    return changes(html, sanitise_contributed(html))
