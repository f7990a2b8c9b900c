"""Taxonomy term pages (a region, an ICS, a category, a theme) and each taxonomy's index; a
principle's term page is the principle's own (``principle``). Their introductions are prose, in
the templates."""

from __future__ import annotations

from .. import routes, schemas
from ..routes import page_of, role_area_page
from .base import View


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    rendered = {}
    for taxonomy in catalogue.taxonomies:
        if taxonomy.key == "principle":  # a principle's page is its own term page
            continue
        for term in catalogue.terms[taxonomy.key]:
            rendered[page_of(term)] = term_page(view, term)
        terms = [(t, len(catalogue.members(t))) for t in catalogue.terms[taxonomy.key]]
        rendered[page_of(taxonomy)] = view.render(page_of(taxonomy), "taxonomy_index.md.j2", taxonomy=taxonomy,
                                                  terms=terms, by_source=by_category_source(catalogue, taxonomy))
    return rendered


def by_category_source(catalogue, taxonomy) -> dict[str, dict[str, int]] | None:
    """For the categories: each term's case studies counted by who classified them (the learning
    report or the hub), since only the report's own case studies are in the report's categories."""
    if taxonomy.key != "category":
        return None
    return {t.slug: {source: sum(1 for e in catalogue.members(t) if e.record.category_source == source)
                     for source in schemas.CATEGORY_SOURCES} for t in catalogue.terms["category"]}


def term_page(view: View, term) -> str:
    catalogue, key = view.catalogue, term.taxonomy.key
    context = {"icss": None, "frameworks": [], "roles": None, "roles_page": "", "by_source": None, "workshops": [],
               "region": None, "ics": None, "region_term": None}
    if key == "region":
        region = view.vocabulary.region_by_slug(term.slug)
        context.update(region=region, icss=catalogue.icss_in_region(region.name),
                       frameworks=[f for f in catalogue.frameworks if f.record.region == region.name],
                       roles=catalogue.roles_of_region(region.name), workshops=catalogue.workshops_in_region(region.name),
                       roles_page=routes.ROLES_INDEX)
    elif key == "ics":
        ics = view.vocabulary.ics_by_slug(term.slug)
        context.update(ics=ics, region_term=catalogue.term("region", view.vocabulary.regions[ics.region].slug),
                       frameworks=catalogue.frameworks_of_ics(ics.short_name), roles=catalogue.roles_of_ics(ics.short_name),
                       workshops=catalogue.workshops_of_ics(ics.short_name), roles_page=role_area_page(ics.slug))
    elif key == "category":
        context["by_source"] = by_category_source(catalogue, term.taxonomy)[term.slug]
    return view.render(page_of(term), "term.html.j2", term=term, listing=view.listing(term), **context)
