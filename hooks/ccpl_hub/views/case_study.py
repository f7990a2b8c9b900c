"""Case study pages: the record, its facts, related case studies, the pager, and the search keys
that let the finder and the search page filter and sort it."""

from __future__ import annotations

from collections import defaultdict

from ..catalogue import FINDER_SORTS, Catalogue
from ..review import is_overdue
from ..routes import page_of
from ..vocabulary import slugify
from .base import View

_MARKUP_CHARACTERS = str.maketrans({"&": " and ", "<": "\u2039", ">": "\u203a"})


def search_filter_value(label: str) -> str:
    """A facet label as a Pagefind filter value. Pagefind decodes character references in a value
    and its filter panel shows values as HTML, while a label can be a contributor's text (a
    principle's short title): so no value holds '&', '<' or '>' (no label on the hub does; the
    validator refuses markup). The finder (finder.js) maps its labels the same way."""
    return " ".join(label.translate(_MARKUP_CHARACTERS).split())


def pages(view: View) -> dict[str, str]:
    catalogue, ranks = view.catalogue, finder_ranks(view.catalogue)
    rendered = {}
    for entry in catalogue.all_case_studies:
        r = entry.record
        # A withdrawn case study keeps its page, but points readers to no other as if it were current.
        previous, following = (None, None) if r.withdrawn else catalogue.neighbours(entry)
        page = page_of(entry)
        rendered[page] = view.render(
            page, "case_study.html.j2", body=entry.body, entry=entry, r=r, **view.place_terms(r),
            category_term=catalogue.term("category", slugify(r.category)),
            themes=[catalogue.term("theme", t) for t in r.themes],
            named=list(r.named_principles), sources=view.sources(r),
            contact_document=view.vocabulary.sources[r.contact.document] if r.contact and r.contact.document else None,
            related=[] if r.withdrawn else catalogue.related(entry), previous=previous, next=following,
            conclusions=catalogue.conclusions_about_case_study(entry.slug),
            overdue=not r.withdrawn and is_overdue(r.review_from, view.today),
            search_filters=search_filters(catalogue, entry), search_sorts=search_sorts(ranks, entry))
    return rendered


def search_filters(catalogue: Catalogue, entry) -> list[str]:
    """The case study's facets as Pagefind filters, ``Facet:Label`` as the hub's filters name them
    (so the search page's filter panel reads like the hub's), one per element: Pagefind reads
    everything after the first colon as one value. None for a withdrawn case study: the finder
    does not list it."""
    if entry.record.withdrawn:
        return []
    return [f"{t.heading}:{search_filter_value(catalogue.term(t.key, slug).label)}"
            for t in catalogue.taxonomies for slug in t.terms_of(entry)]


def search_sorts(ranks: dict[str, dict[str, int]], entry) -> list[str]:
    """The case study's place in each of the finder's orders, as Pagefind sort keys. Ranks rather than
    dates or titles: Pagefind's order for equal keys is its own, a rank makes it the hub's. A page
    without them is left out of a sorted search, so the finder finds only listed case studies."""
    mine = ranks.get(entry.slug)
    return [f"{sort}:{mine[sort]:05d}" for sort in FINDER_SORTS] if mine else []


def finder_ranks(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    ranks: dict[str, dict[str, int]] = defaultdict(dict)
    for sort in FINDER_SORTS:
        for rank, entry in enumerate(catalogue.finder_order(sort)):
            ranks[entry.slug][sort] = rank
    return ranks
