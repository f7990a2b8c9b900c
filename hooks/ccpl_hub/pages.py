"""Render the catalogue as Markdown pages, one per record and one per index term.

Templates (``templates/*.j2``) hold presentation; this module decides what each page shows.
Templates link to pages and files through routes only: ``link`` gives a Markdown link's
docs-absolute ``/path.md`` (MkDocs checks and rewrites it), ``href`` a raw-HTML link relative to
the page (``../../principles/2/``). Both refuse a target that no route declares.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from datetime import date
from functools import cached_property
from itertools import groupby
from pathlib import Path

import jinja2
from markupsafe import Markup, escape as markupsafe_escape

from . import schemas
from .catalogue import FINDER_SORTS, Catalogue, FrameworkItemRef
from .dates import SourceDate
from .content_types import CONTENT_TYPES, Entry
from .diversity_page import diversity_context
from .framework_comparison import comparison_columns
from .escaping import markdown_code, markdown_link_title, markdown_text
from .exports import CASE_STUDY_COLUMNS, CONCLUSION_COLUMNS, ROLE_COLUMNS, column_reference
from . import routes
from .routes import Links, page_of, role_area_page, source_files
from .review import is_overdue
from .schema_docs import field_reference
from .sharing import page_descriptions, short_description
from .vocabulary import slugify

TEMPLATES = Path(__file__).with_name("templates")
LEARNING_REPORT = "learning-report-2022"  # the source document whose other chapters have their own section
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


# Listing pages stay out of the search index (Material's `search: exclude` meta, which the theme
# override reads): a result is then the record itself, never a list or table that mentions it.
# How many case studies the hub page lists before the finder's "Show more"; the page tells the finder
# (data-step), which shows as many more each time.
HUB_FIRST_STEP = 50

_NOT_SEARCHED = "search:\n  exclude: true"


def listing_pages(catalogue: Catalogue) -> set[str]:
    """The indexes and lists (kept out of the search index), by their routes."""
    pages = {routes.HUB, routes.A_TO_Z, routes.PRINCIPLES_INDEX, routes.FRAMEWORKS_INDEX, routes.ROLES_INDEX,
             routes.DIVERSITY_PAGE, routes.COVERAGE, routes.LEARNING_REPORT_INDEX, routes.CONCLUSIONS_INDEX,
             routes.WORKSHOPS_INDEX, *map(role_area_page, catalogue.role_areas)}
    for taxonomy in catalogue.taxonomies:
        if taxonomy.key != "principle":  # a principle's page is its own
            pages.update([page_of(taxonomy), *map(page_of, catalogue.terms[taxonomy.key])])
    return pages


_MARKUP_CHARACTERS = str.maketrans({"&": " and ", "<": "\u2039", ">": "\u203a"})


def search_filter_value(label: str) -> str:
    """A facet label as a Pagefind filter value. Pagefind decodes character references in a value
    and its filter panel shows values as HTML, while a label can be a contributor's text (a
    principle's short title): so no value holds '&', '<' or '>' (no label on the hub does; the
    validator refuses markup). The finder (finder.js) maps its labels the same way."""
    return " ".join(label.translate(_MARKUP_CHARACTERS).split())


class PageRenderer:
    """Every generated page of the hub as ``{src_uri: markdown}``."""

    def __init__(self, catalogue: Catalogue, today: date):
        self.catalogue = catalogue
        self.vocabulary = catalogue.vocabulary
        self.today = today
        self.env = _environment()
        self.links = Links(catalogue)

    def render_all(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        pages.update(self.case_study_pages())
        pages.update(self.principle_pages())
        pages.update(self.framework_pages())
        pages.update(self.role_pages())
        pages.update(self.learning_report_pages())
        pages[routes.DIVERSITY_PAGE] = self._render(routes.DIVERSITY_PAGE, "diversity.md.j2", **diversity_context(self.catalogue))
        pages.update(self.taxonomy_pages())
        pages[routes.COVERAGE] = self.coverage_page()
        pages[routes.HUB] = self.hub_page()
        pages[routes.A_TO_Z] = self._render(routes.A_TO_Z, "all_case_studies.md.j2", entries=self.catalogue.case_studies)
        pages[routes.GLOSSARY] = self._render(routes.GLOSSARY, "glossary.md.j2", groups=self._glossary_groups())
        pages[routes.SOURCES] = self.sources_page()
        pages[routes.FIELDS] = with_title_meta(field_reference(CONTENT_TYPES, self.vocabulary))
        pages[routes.DATA] = self._render(
            routes.DATA, "data.md.j2", content_types=CONTENT_TYPES, role_columns=column_reference(ROLE_COLUMNS),
            case_study_columns=column_reference(CASE_STUDY_COLUMNS),
            conclusion_columns=column_reference(CONCLUSION_COLUMNS),
            areas=[{"slug": a, "label": self.catalogue.area_label(a)} for a in self.catalogue.role_areas])
        descriptions, articles = page_descriptions(self.catalogue), source_files(self.catalogue)
        listings = listing_pages(self.catalogue)
        return {src_uri: with_meta(markdown, self._page_meta(descriptions[src_uri], src_uri in articles,
                                                             src_uri in listings))
                for src_uri, markdown in pages.items()}

    @staticmethod
    def _page_meta(description: str, article: bool, listing: bool) -> str:
        """The page's description and kind (for the theme's meta and Open Graph tags), and whether it is searched."""
        meta = ["description: " + json.dumps(short_description(description), ensure_ascii=False)]
        if article:  # a page of its own record; indexes and lists are the site's own ("website")
            meta.append("og_type: article")
        if listing:
            meta.append(_NOT_SEARCHED)
        return "\n".join(meta)

    def _render(self, page_uri: str, template: str, **context) -> str:
        """The page at ``page_uri`` (which its relative links start from) from ``template``."""
        markdown = self.env.get_template(template).render(catalogue=self.catalogue, today=self.today, links=self.links,
                                                          page_uri=page_uri, **context)
        return with_title_meta(markdown)

    def _place_terms(self, record) -> dict:
        """The term pages of a record's ICS (None for a regional record) and region."""
        return {"ics_term": self.catalogue.term("ics", self.vocabulary.icss[record.ics].slug) if record.ics else None,
                "region_term": self.catalogue.term("region", self.vocabulary.regions[record.region].slug)}

    def _sources(self, record) -> list[str]:
        return [s.label(self.vocabulary) for s in record.source]

    # --- records ----------------------------------------------------------------------------
    def case_study_pages(self) -> dict[str, str]:
        pages = {}
        for entry in self.catalogue.all_case_studies:
            r = entry.record
            # A withdrawn case study keeps its page, but points readers to no other as if it were current.
            previous, following = (None, None) if r.withdrawn else self.catalogue.neighbours(entry)
            page = page_of(entry)
            pages[page] = self._render(
                page, "case_study.md.j2", entry=entry, r=r, **self._place_terms(r),
                category_term=self.catalogue.term("category", slugify(r.category)),
                themes=[self.catalogue.term("theme", t) for t in r.themes],
                named=list(r.named_principles), sources=self._sources(r),
                contact_document=self.vocabulary.sources[r.contact.document] if r.contact and r.contact.document else None,
                related=[] if r.withdrawn else self.catalogue.related(entry), previous=previous, next=following,
                conclusions=self.catalogue.conclusions_about_case_study(entry.slug),
                overdue=not r.withdrawn and is_overdue(r.review_from, self.today),
                search_filters=self.search_filters(entry), search_sorts=self.search_sorts(entry))
        return pages

    def search_filters(self, entry) -> list[str]:
        """The case study's facets as Pagefind filters, ``Facet:Label`` as the hub's filters name them
        (so the search page's filter panel reads like the hub's), one per element: Pagefind reads
        everything after the first colon as one value. None for a withdrawn case study: the finder
        does not list it."""
        if entry.record.withdrawn:
            return []
        return [f"{t.heading}:{search_filter_value(self.catalogue.term(t.key, slug).label)}"
                for t in self.catalogue.taxonomies for slug in t.terms_of(entry)]

    def search_sorts(self, entry) -> list[str]:
        """The case study's place in each of the finder's orders, as Pagefind sort keys. Ranks rather than
        dates or titles: Pagefind's order for equal keys is its own, a rank makes it the hub's. A page
        without them is left out of a sorted search, so the finder finds only listed case studies."""
        ranks = self._finder_ranks.get(entry.slug)
        return [f"{sort}:{ranks[sort]:05d}" for sort in FINDER_SORTS] if ranks else []

    @cached_property
    def _finder_ranks(self) -> dict[str, dict[str, int]]:
        ranks: dict[str, dict[str, int]] = defaultdict(dict)
        for sort in FINDER_SORTS:
            for rank, entry in enumerate(self.catalogue.finder_order(sort)):
                ranks[entry.slug][sort] = rank
        return ranks

    def principle_pages(self) -> dict[str, str]:
        pages = {}
        rows = []
        for entry in self.catalogue.principles:
            r = entry.record
            term = self.catalogue.term("principle", str(r.number))
            members = self.catalogue.members(term)
            items = self.catalogue.items_serving(r.number)
            cited = [self.catalogue.case_study_by_slug[s] for s in r.cited_case_studies if s in self.catalogue.case_study_by_slug]
            pages[page_of(entry)] = self._render(
                page_of(entry), "principle.md.j2", entry=entry, r=r, members=members, items=items, cited=cited, sources=self._sources(r),
                conclusions=self.catalogue.conclusions_about_principle(r.number),
                workshops=self.catalogue.workshops_about_principle(r.number))
            rows.append({"entry": entry, "case_studies": len(members), "items": len(items)})
        pages[routes.PRINCIPLES_INDEX] = self._render(routes.PRINCIPLES_INDEX, "principles_index.md.j2", rows=rows)
        return pages

    def framework_pages(self) -> dict[str, str]:
        pages = {}
        for framework in self.catalogue.frameworks:
            r = framework.record
            refs = self.catalogue.items_of(framework)
            kinds = [(kind, [ref for ref in refs if ref.item.kind == kind])
                     for kind in schemas.ITEM_KINDS if any(ref.item.kind == kind for ref in refs)]
            # Items that came out on top of a ranking come first; the rest keep the source's order.
            kinds = [(kind, sorted(group, key=lambda ref: ref.item.ranked != "top")) for kind, group in kinds]
            pages[page_of(framework)] = self._render(
                page_of(framework), "framework.md.j2", entry=framework, r=r, kinds=kinds,
                plan=self._action_plan(framework), **self._place_terms(r), sources=self._sources(r))
            by_id = {ref.item.id: ref for ref in refs}
            for ref in refs:
                same_kind = [o for o in refs if o.item.kind == ref.item.kind]
                alike = sum(1 for o in same_kind if o.item.ranked == ref.item.ranked)
                pages[page_of(ref)] = self._render(
                    page_of(ref), "framework_item.md.j2", ref=ref, f=r, item=ref.item, parent=by_id.get(ref.item.parent or ""),
                    children=self.catalogue.items_of(framework, parent=ref.item.id), ranked_of=len(same_kind),
                    ranked_alike=alike, sources=self._sources(r))
        pages[routes.FRAMEWORKS_INDEX] = self._render(routes.FRAMEWORKS_INDEX, "frameworks_index.md.j2",
                                                      frameworks=self.catalogue.frameworks)
        pages[routes.FRAMEWORK_COMPARISON] = self._render(
            routes.FRAMEWORK_COMPARISON, "framework_comparison.md.j2", columns=comparison_columns(self.catalogue),
            principles=self.catalogue.principles)
        return pages


    def _action_plan(self, framework: Entry[schemas.Framework]):
        """Actions counted by priority and term: the summary table is derived, never typed."""
        actions = self.catalogue.items_of(framework, kind="action")
        priorities = self.catalogue.items_of(framework, kind="priority")
        if not actions or not priorities:
            return None
        rows = []
        for priority in priorities:
            mine = [a for a in actions if a.item.parent == priority.item.id]
            counts = [sum(1 for a in mine if a.item.term == term) for term in schemas.TERMS]
            label = f"{priority.item.number}. {priority.item.title}" if priority.item.number else priority.item.title
            rows.append({"ref": priority, "label": label, "counts": counts, "total": sum(counts)})
        totals = [sum(row["counts"][i] for row in rows) for i in range(len(schemas.TERMS))]
        return {"terms": schemas.TERMS, "rows": rows, "totals": totals, "total": sum(totals)}

    # --- the learning report's other chapters ------------------------------------------------
    def learning_report_pages(self) -> dict[str, str]:
        pages = {}
        for entry in self.catalogue.conclusions:
            principles, case_studies, workshops = self.catalogue.conclusion_links(entry)
            pages[page_of(entry)] = self._render(
                page_of(entry), "conclusion.md.j2", entry=entry, r=entry.record, principles=principles, case_studies=case_studies,
                workshops=workshops,
                sources=self._sources(entry.record))
        kinds = [(kind, [e for e in self.catalogue.conclusions if e.record.kind == kind])
                 for kind in schemas.CONCLUSION_KINDS]
        pages[routes.CONCLUSIONS_INDEX] = self._render(routes.CONCLUSIONS_INDEX, "conclusions_index.md.j2",
                                                       kinds=[k for k in kinds if k[1]])
        for entry in self.catalogue.workshops:
            r = entry.record
            pages[page_of(entry)] = self._render(
                page_of(entry), "workshop.md.j2", entry=entry, r=r, **self._place_terms(r), sources=self._sources(r),
                conclusions=self.catalogue.conclusions_about_workshop(entry.slug))
        pages[routes.WORKSHOPS_INDEX] = self._render(routes.WORKSHOPS_INDEX, "workshops_index.md.j2",
                                                     workshops=self.catalogue.workshops)
        for entry in self.catalogue.research.values():
            pages[page_of(entry)] = self._render(
                page_of(entry), "research.md.j2", entry=entry, r=entry.record, document=self.vocabulary.sources[entry.slug],
                learning_report=LEARNING_REPORT, sources=self._sources(entry.record))
        pages[routes.LEARNING_REPORT_INDEX] = self._render(
            routes.LEARNING_REPORT_INDEX, "learning_report.md.j2", report=self.vocabulary.sources.get(LEARNING_REPORT),
            conclusions=self.catalogue.conclusions, workshops=self.catalogue.workshops,
            research=self.catalogue.research.get(LEARNING_REPORT))
        return pages

    # --- roles ------------------------------------------------------------------------------
    def _role_row(self, entry):
        r = entry.record
        holder = r.holder if r.status == "filled" else ("Vacant" if r.status == "vacant" else "Not published")
        return {"entry": entry, "holder": holder,
                "profession": self.vocabulary.professions[r.profession].label,
                "area_label": self.catalogue.area_label(entry.area),
                "overdue": is_overdue(r.review_from, self.today)}

    def roles_table(self, page_uri: str, roles, caption: str, show_area: bool) -> str:
        rows = [self._role_row(e) for e in roles]
        return Markup(self._render(page_uri, "_roles_table.html.j2", rows=rows, caption=caption, show_area=show_area))

    def role_pages(self) -> dict[str, str]:
        pages = {}
        for entry in self.catalogue.roles:
            r = entry.record
            row = self._role_row(entry)
            pages[page_of(entry)] = self._render(
                page_of(entry), "role.md.j2", entry=entry, r=r, area=entry.area, area_label=row["area_label"], holder=row["holder"],
                profession=row["profession"], overdue=row["overdue"], sources=self._sources(r))
        areas = []
        for area in self.catalogue.role_areas:
            roles = self.catalogue.roles_in_area(area)
            label = self.catalogue.area_label(area)
            page = role_area_page(area)
            table = self.roles_table(page, roles, f"Leadership roles in {label}", False)
            forums: dict[str, list] = defaultdict(list)
            for e in roles:
                for forum in e.record.decision_forums:
                    forums[forum].append(e)
            pages[page] = self._render(
                page, "roles_area.md.j2", area=area, area_label=label, roles=roles, table=table,
                is_region=self.vocabulary.region_by_slug(area) is not None,
                last_reviewed=max(e.record.last_reviewed for e in roles),
                overdue_count=sum(1 for e in roles if is_overdue(e.record.review_from, self.today)),
                forums=sorted(forums.items()), unmapped=[e for e in roles if not e.record.decision_forums])
            areas.append({"slug": area, "label": label, "count": len(roles),
                          **{s: sum(1 for e in roles if e.record.status == s) for s in ("filled", "unpublished", "vacant")}})
        table = self.roles_table(routes.ROLES_INDEX, self.catalogue.roles, "All leadership roles", True)
        pages[routes.ROLES_INDEX] = self._render(routes.ROLES_INDEX, "roles_index.md.j2", roles=self.catalogue.roles,
                                                 areas=areas, table=table)
        return pages

    # --- indexes ----------------------------------------------------------------------------
    _INTROS = {
        "principle": "The 5 national principles for clinical and care professional leadership.",
        "region": "The 7 NHS England regions. A region with no case study is listed too: that is a gap in the evidence.",
        "category": "The learning report's 3 categories of case study. The report put each of its own case studies "
                    "in one; the hub's editors put any other case study in one too, and the counts keep the two apart.",
        "ics": "Every integrated care system (ICS) with a case study, a local framework or a role listing on the hub.",
        "theme": "Themes that case studies share, from the hub's theme list.",
    }
    _CATEGORY_INTROS = {
        "Emerging frameworks": "Emerging frameworks: systems that have made real progress in engaging people and designing a framework, and have proposed a model for governance.",
        "Frameworks in design": "Frameworks in design: systems that have applied clear design principles and methods, with the framework still being developed.",
        "Principles in practice": "Principles in practice: what good looks like when the principles guide practice, and the change that follows when they shape strategy, design and delivery.",
    }

    def taxonomy_pages(self) -> dict[str, str]:
        pages = {}
        for taxonomy in self.catalogue.taxonomies:
            if taxonomy.key != "principle":  # a principle's page is its own term page
                for term in self.catalogue.terms[taxonomy.key]:
                    pages[page_of(term)] = self._term_page(term)
                terms = [(t, len(self.catalogue.members(t))) for t in self.catalogue.terms[taxonomy.key]]
                pages[page_of(taxonomy)] = self._render(page_of(taxonomy), "taxonomy_index.md.j2", taxonomy=taxonomy,
                                                             terms=terms, intro=self._INTROS[taxonomy.key],
                                                             by_source=self._by_category_source(taxonomy))
        return pages

    def _by_category_source(self, taxonomy) -> dict[str, dict[str, int]] | None:
        """For the categories: each term's case studies counted by who classified them (the learning
        report or the hub), since only the report's own case studies are in the report's categories."""
        if taxonomy.key != "category":
            return None
        return {t.slug: {source: sum(1 for e in self.catalogue.members(t) if e.record.category_source == source)
                         for source in schemas.CATEGORY_SOURCES} for t in self.catalogue.terms["category"]}

    def _term_page(self, term) -> str:
        key = term.taxonomy.key
        context = {"icss": None, "frameworks": [], "roles": None, "roles_page": "", "intro": term.description,
                   "by_source": None, "workshops": []}
        if key == "region":
            region = self.vocabulary.region_by_slug(term.slug)
            context.update(icss=self.catalogue.icss_in_region(region.name),
                           frameworks=[f for f in self.catalogue.frameworks if f.record.region == region.name],
                           roles=self.catalogue.roles_of_region(region.name),
                           workshops=self.catalogue.workshops_in_region(region.name),
                           roles_page=routes.ROLES_INDEX, intro=f"Case studies, ICSs and roles in the {region.name} region.")
        elif key == "ics":
            ics = self.vocabulary.ics_by_slug(term.slug)
            roles = self.catalogue.roles_of_ics(ics.short_name)
            context.update(frameworks=self.catalogue.frameworks_of_ics(ics.short_name), roles=roles,
                           workshops=self.catalogue.workshops_of_ics(ics.short_name),
                           roles_page=role_area_page(ics.slug),
                           intro=Markup(f"{markdown_text(ics.short_name)} integrated care system, in the "
                                        f"[{markdown_text(ics.region)}]"
                                        f"({self.links.markdown(self.catalogue.term('region', self.vocabulary.regions[ics.region].slug))}) "
                                        f"region. Its integrated care board is {markdown_text(ics.icb_name)} "
                                        f"(ONS code {markdown_text(ics.ons_code)})."))
        elif key == "category":
            context["intro"] = self._CATEGORY_INTROS.get(term.label, "")
            context["by_source"] = self._by_category_source(term.taxonomy)[term.slug]
        return self._render(page_of(term), "term.md.j2", term=term, members=self.catalogue.members(term), **context)

    def coverage_page(self) -> str:
        tables = []
        for key, label, singular in (("region", "region", "region"), ("category", "category", "category")):
            tables.append({"key": key, "label": label, "singular": singular,
                           "columns": self.catalogue.terms[key], "rows": self.catalogue.coverage(key)})
        return self._render(routes.COVERAGE, "coverage.md.j2", tables=tables, total=len(self.catalogue.case_studies),
                            research=self.catalogue.research.get(LEARNING_REPORT))

    def hub_page(self) -> str:
        facets = []
        for taxonomy in self.catalogue.taxonomies:
            if taxonomy.filterable:
                options = [{"slug": t.slug, "label": t.label, "count": len(self.catalogue.members(t))}
                           for t in self.catalogue.terms[taxonomy.key]]
                facets.append({"key": taxonomy.key, "label": taxonomy.heading, "options": options})
        # Only the first step of the finder's list is in the page (the finder fetches the rest from the
        # search index), so the page stays small as the hub grows; the A to Z page lists them all.
        rows = [{"entry": entry, "place": entry.record.ics or f"{entry.record.region} (regional)"}
                for entry in self.catalogue.finder_order(FINDER_SORTS[0])[:HUB_FIRST_STEP]]
        return self._render(routes.HUB, "hub.md.j2", total=len(self.catalogue.case_studies), facets=facets, rows=rows,
                            step=HUB_FIRST_STEP)

    def _glossary_groups(self):
        terms = sorted(self.vocabulary.glossary, key=lambda t: t.term.lower())
        return [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.term[0].upper())]

    def sources_page(self) -> str:
        counts: dict[str, int] = defaultdict(int)
        # Every record with a page of its own, once each (case studies were counted twice before).
        for entry in (e for e in self.catalogue.records if e.type.route is not None):
            for document in {s.document for s in entry.record.source if s.document}:
                counts[document] += 1
        documents = [{"doc": d, "count": counts[d.id], "research": self.catalogue.research.get(d.id)}
                     for d in self.vocabulary.sources.values()]
        return self._render(routes.SOURCES, "sources.md.j2", documents=documents)
