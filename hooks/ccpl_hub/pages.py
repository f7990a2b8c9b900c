"""Every generated page of the hub: the view families (``views``), each page with its meta.

The page families and what each shows are in ``views`` (one module per family, templates in
``templates/``); this module runs them all and gives every page its description, its kind for
Open Graph, and whether it is searched.
"""

from __future__ import annotations

import json
from datetime import date

from . import routes
from .catalogue import Catalogue
from .routes import page_of, role_area_page, source_files
from .sharing import page_descriptions, short_description
from .views import FAMILIES
from .views.base import View, with_meta

# Listing pages stay out of the search index (Material's `search: exclude` meta, which the theme
# override reads): a result is then the record itself, never a list or table that mentions it.
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


class PageRenderer:
    """Every generated page of the hub as ``{src_uri: markdown}``."""

    def __init__(self, catalogue: Catalogue, today: date, view: View | None = None):
        self.catalogue = catalogue
        self.view = view or View(catalogue, today)  # ``view``: one that keeps pages of an earlier build (``build``)

    def render_all(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for family in FAMILIES:
            pages.update(family.pages(self.view))
        descriptions, articles = page_descriptions(self.catalogue), source_files(self.catalogue)
        listings = listing_pages(self.catalogue)
        for src_uri, markdown in pages.items():  # in place: one copy of the site's text at a time
            pages[src_uri] = with_meta(markdown, page_meta(descriptions[src_uri], src_uri in articles, src_uri in listings))
        return pages


def page_meta(description: str, article: bool, listing: bool) -> str:
    """The page's description and kind (for the theme's meta and Open Graph tags), and whether it is searched."""
    meta = ["description: " + json.dumps(short_description(description), ensure_ascii=False)]
    if article:  # a page of its own record; indexes and lists are the site's own ("website")
        meta.append("og_type: article")
    if listing:
        meta.append(_NOT_SEARCHED)
    return "\n".join(meta)
