"""What every view shares: the template environment (autoescaping, the link filters) and ``View``,
which renders one page from a template with the catalogue, the build's date and the page's routes.

Templates (``templates/*.j2``) hold presentation and editorial prose; a view module decides what a
page shows. Templates link to pages and files through routes only: ``link`` gives a Markdown link's
source path relative to the page's (``../principles/2.md``: MkDocs checks and rewrites it, and other
builders resolve it), ``href`` a raw-HTML link relative to the page's URL (``../../principles/2/``).
Both refuse a target that no route declares, so no generated page has a docs-absolute link.
"""

from __future__ import annotations

import html
import json
import re
from array import array
from functools import cache
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape as markupsafe_escape

from .. import routes, schemas
from ..catalogue import Catalogue
from ..dates import SourceDate
from ..escaping import markdown_code, markdown_link_title, markdown_text, one_visible_line
from ..glossary import Abbreviations
from ..prerendered import html_spans
from ..review import is_overdue
from ..repository import Repository
from ..routes import Links, role_area_page, source_files, url_of
from ..vocabulary import slugify

TEMPLATES = Path(__file__).parent.with_name("templates")
_PLURALS = {"priority": "priorities", "principle": "principles", "scope": "scope areas",
            "characteristic": "characteristics", "objective": "objectives", "function": "functions",
            "theme": "themes", "action": "actions"}


def _at_precision(value: date | SourceDate) -> SourceDate:
    return value if isinstance(value, SourceDate) else SourceDate.of(value)


def _longdate(value: date | SourceDate) -> str:
    """'14 March 2022', or as much of it as the date has ('March 2022', '2022')."""
    return _at_precision(value).long()


def _when(value: date | SourceDate) -> str:
    """'on 14 March 2022', 'in March 2022' or 'in 2022'."""
    return _at_precision(value).when()


def _plural(word: str, n: int) -> str:
    return word if n == 1 else _PLURALS.get(word, word + "s")


def _join(values, separator: str = "") -> Markup:
    """Jinja's ``join`` escapes with markupsafe; this one escapes each value as Markdown text (the
    separator is the template's own text)."""
    return Markup(separator).join(markdown_text(v) for v in values)


def _contributed_markdown(body: str) -> Markup:
    """A contributed Markdown body (or item description), printed as Markdown: the validator has checked
    that the sanitiser leaves its HTML unchanged, and the sanitiser cleans the rendered page anyway."""
    return Markup(body)


def _email_link(email: str) -> Markup:
    """An email address as a Markdown autolink, which needs the address as written; anything that is
    not a plain address (the schema refuses it, but a build may skip validation) stays text."""
    return Markup(f"<{email}>") if re.fullmatch(schemas.EMAIL_PATTERN, email) else markdown_text(email)


@jinja2.pass_context
def _link(context, target, anchor: str = "") -> Markup:
    """A Markdown link's target: the declared page or file's source path, relative to the page's."""
    return Markup(context["links"].markdown(target, context["page_uri"], anchor))


@jinja2.pass_context
def _href(context, target, anchor: str = "", query: str = "") -> Markup:
    """A raw-HTML link's target, relative to the page being rendered (``page_uri``)."""
    return markupsafe_escape(context["links"].href(target, context["page_uri"], anchor, query))


def _new_environment(finalize) -> jinja2.Environment:
    """What both kinds of template share: autoescaping with ``finalize`` as the escaping of each value,
    the dates, words and links filters, and the site's fixed pages by name ({{ site.HUB | link }})."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=True,
                             finalize=finalize)
    env.filters.update(contributed_markdown=_contributed_markdown, longdate=_longdate, when=_when, plural=_plural,
                       anchor=slugify, href=_href, role_area=role_area_page)
    env.globals["site"] = routes
    return env


# One environment of each kind per process: the live preview builds again after every edit, and a new
# environment compiled every template again (about a third of a second; Jinja still reloads a
# template whose file changed).
@cache
def _environment() -> jinja2.Environment:
    """Every template autoescapes, with ``markdown_text`` as its escaping (``finalize`` runs before
    Jinja's own escaping, which leaves the resulting ``Markup`` alone), since a generated page is
    Markdown and HTML at once. ``join`` and ``e`` are replaced so that they escape the same way."""
    env = _new_environment(markdown_text)
    env.filters.update(e=markdown_text, escape=markdown_text, join=_join, email_link=_email_link, code=markdown_code,
                       link_title=markdown_link_title, link=_link)
    return env


def _visible(value):
    """An HTML template's value as text on one visible line (the escaping is Jinja's own autoescape)."""
    return value if hasattr(value, "__html__") else one_visible_line(value)


def _html_email_link(email: str) -> Markup:
    """An email address as a mailto link; anything that is not a plain address (the schema refuses
    it, but a build may skip validation) stays text."""
    if re.fullmatch(schemas.EMAIL_PATTERN, email):
        return Markup('<a href="mailto:{0}">{0}</a>').format(email)
    return markupsafe_escape(one_visible_line(email))


@cache
def _html_environment() -> jinja2.Environment:
    """The environment of the ``*.html.j2`` page templates, whose generated parts are HTML: Jinja's
    own autoescaping (markupsafe), since Python-Markdown passes raw HTML blocks through untouched.
    Markdown is left only where a template prints a Markdown line on purpose: the headings (``md``
    escapes their text) and the contributed body."""
    env = _new_environment(_visible)
    env.filters.update(md=markdown_text, email_link=_html_email_link)
    return env


# Where a page's contributed body goes while the engine-written HTML around it gets its abbreviations.
_BODY = "<!-- ccpl-body -->"


_H1 = re.compile(r"^# (.+)$", re.MULTILINE)


def with_title_meta(markdown: str) -> str:
    """Give a generated page its H1 as the ``title`` meta, as MkDocs only reads a title that way
    when the H1 is the first thing on the page, and a template may put a lead or a note before it."""
    heading = _H1.search(markdown)
    if heading is None:
        return markdown
    # The H1 is escaped Markdown (character references only); the title meta is its plain text.
    return with_meta(markdown, "title: " + json.dumps(html.unescape(heading.group(1).strip()), ensure_ascii=False))


def with_meta(markdown: str, meta: str) -> str:
    """``markdown`` with the YAML line(s) ``meta`` added to its front matter (made if missing)."""
    if markdown.startswith("---\n"):
        return "---\n" + meta + "\n" + markdown[len("---\n"):]
    return "---\n" + meta + "\n---\n\n" + markdown


# A term's page (a principle, region, category or theme) lists its newest case studies, at most this
# many, and links to the case study finder filtered by the term, which lists them all in the same
# order (newest first) and lets a reader narrow them down. Leaders browsing a region or a principle
# see what is new first, and the page stays small as the hub grows (a principle had about 800
# entries at N = 2,000); the term page and the finder's filtered address are both stable links for
# comms teams. An ICS is not one of the finder's filters, so an ICS page lists all of its own.
TERM_PAGE_FIRST = 20


class View:
    """One build's rendering context, shared by the view modules: ``render`` makes one page."""

    def __init__(self, catalogue: Catalogue, today: date, repository: "Repository | None" = None, site_url: str = ""):
        """``repository``: where a page made from a content file links to edit it and to report a
        problem (none for engine-only uses); ``site_url``: the site's address, which a report names."""
        self.catalogue = catalogue
        self.repository, self.site_url = repository, site_url.rstrip("/")
        self._source_files = source_files(catalogue) if repository is not None else {}
        self.vocabulary = catalogue.vocabulary
        self.today = today
        self.env = _environment()
        self.html_env = _html_environment()
        self.links = Links(catalogue)
        self.abbreviations = Abbreviations({t.abbreviation: t.term for t in catalogue.vocabulary.glossary if t.abbreviation})
        self.html_spans: dict[str, array] = {}  # page -> where its HTML blocks are (``prerendered``)

    def render(self, page_uri: str, template: str, body: str | None = None, **context) -> str:
        """The page at ``page_uri`` (which its relative links start from) from ``template``.

        An ``.html.j2`` template writes HTML, which Python-Markdown's abbr extension does not see, so
        its glossary abbreviations are marked here, as the extension marks them in Markdown; the
        contributed ``body`` (Markdown) is put in afterwards and left to the extension. A page made
        from a content file ends with its links to the repository. Where the page's HTML blocks are
        is noted in ``html_spans``, for a builder to pass them through unread."""
        html_page = template.endswith(".html.j2")
        env = self.html_env if html_page else self.env
        page = env.get_template(template).render(catalogue=self.catalogue, today=self.today, links=self.links,
                                                 page_uri=page_uri, body=Markup(_BODY), **context)
        if html_page:
            page = self.abbreviations.mark(page)
        at = page.find(_BODY)
        if body is not None and at >= 0:
            page = page[:at] + body + page[at + len(_BODY):]
        source = self._source_files.get(page_uri)
        if source is not None:
            page += self.repository.source_links(source, f"{self.site_url}/{url_of(page_uri)}")
        self.html_spans[page_uri] = html_spans(page, range(at, at + len(body or "")))
        return with_title_meta(page)

    def fragment(self, page_uri: str, template: str, **context) -> Markup:
        """A part of the page at ``page_uri`` (a list or table that several families share) from an
        ``.html.j2`` template, for the page's own template to print. A part is not a page: it has no
        title, and a build that keeps or records pages (``build``) neither keeps nor records it."""
        html = self.html_env.get_template(template).render(catalogue=self.catalogue, today=self.today,
                                                           links=self.links, page_uri=page_uri, **context)
        return Markup(self.abbreviations.mark(html))

    def listing(self, term) -> dict:
        """A term's case studies as its page lists them: the first ``TERM_PAGE_FIRST`` newest (all of an
        ICS's), how many there are, and the finder's query for all of them (none for an ICS)."""
        members = sorted(self.catalogue.members(term), key=lambda e: e.record.published, reverse=True)
        if not term.taxonomy.filterable:
            return {"shown": members, "total": len(members), "query": ""}
        return {"shown": members[:TERM_PAGE_FIRST], "total": len(members),
                "query": f"{term.taxonomy.key}={term.slug}"}

    def sources(self, record) -> list[str]:
        return [s.label(self.vocabulary) for s in record.source]

    def place_terms(self, record) -> dict:
        """The term pages of a record's ICS (None for a regional record) and region."""
        return {"ics_term": self.catalogue.term("ics", self.vocabulary.icss[record.ics].slug) if record.ics else None,
                "region_term": self.catalogue.term("region", self.vocabulary.regions[record.region].slug)}

    def role_row(self, entry) -> dict:
        """What a role's page and its row in a role table show."""
        r = entry.record
        holder = r.holder if r.status == "filled" else ("Vacant" if r.status == "vacant" else "Not published")
        return {"entry": entry, "holder": holder, "profession": self.vocabulary.professions[r.profession].label,
                "area_label": self.catalogue.area_label(entry.area), "overdue": is_overdue(r.review_from, self.today)}
