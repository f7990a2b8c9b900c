"""What every view shares: the template environment (autoescaping, the link filters) and ``View``,
which renders one page from a template with the catalogue, the build's date and the page's routes.

Templates (``templates/*.j2``) hold presentation and editorial prose; a view module decides what a
page shows. Templates link to pages and files through routes only: ``link`` gives a Markdown link's
docs-absolute ``/path.md`` (MkDocs checks and rewrites it), ``href`` a raw-HTML link relative to
the page (``../../principles/2/``). Both refuse a target that no route declares.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import jinja2
from markupsafe import Markup, escape as markupsafe_escape

from .. import routes, schemas
from ..catalogue import Catalogue
from ..dates import SourceDate
from ..escaping import markdown_code, markdown_link_title, markdown_text
from ..review import is_overdue
from ..routes import Links, role_area_page
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
    """A Markdown link's target: the declared page or file's docs-absolute path."""
    return Markup(context["links"].markdown(target, anchor))


@jinja2.pass_context
def _href(context, target, anchor: str = "", query: str = "") -> Markup:
    """A raw-HTML link's target, relative to the page being rendered (``page_uri``)."""
    return markupsafe_escape(context["links"].href(target, context["page_uri"], anchor, query))


def _environment() -> jinja2.Environment:
    """Every template autoescapes, with ``markdown_text`` as its escaping (``finalize`` runs before
    Jinja's own escaping, which leaves the resulting ``Markup`` alone), since a generated page is
    Markdown and HTML at once. ``join`` and ``e`` are replaced so that they escape the same way."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=True,
                             finalize=markdown_text)
    env.filters["e"] = env.filters["escape"] = markdown_text
    env.filters["join"] = _join
    env.filters["contributed_markdown"] = _contributed_markdown
    env.filters["email_link"] = _email_link
    env.filters["code"] = markdown_code
    env.filters["link_title"] = markdown_link_title
    env.filters["longdate"] = _longdate
    env.filters["when"] = _when
    env.filters["plural"] = _plural
    env.filters["anchor"] = slugify
    env.filters["link"] = _link
    env.filters["href"] = _href
    env.filters["role_area"] = role_area_page
    env.globals["site"] = routes  # the fixed pages and files by name: {{ site.HUB | link }}
    return env


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


class View:
    """One build's rendering context, shared by the view modules: ``render`` makes one page."""

    def __init__(self, catalogue: Catalogue, today: date):
        self.catalogue = catalogue
        self.vocabulary = catalogue.vocabulary
        self.today = today
        self.env = _environment()
        self.links = Links(catalogue)

    def render(self, page_uri: str, template: str, **context) -> str:
        """The page at ``page_uri`` (which its relative links start from) from ``template``."""
        markdown = self.env.get_template(template).render(catalogue=self.catalogue, today=self.today, links=self.links,
                                                          page_uri=page_uri, **context)
        return with_title_meta(markdown)

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
