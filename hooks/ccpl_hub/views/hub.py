"""The case study hub (the finder's page) and the A to Z list of every case study."""

from __future__ import annotations

from .. import routes
from ..catalogue import FINDER_SORTS
from .base import View

# How many case studies the hub page lists before the finder's "Show more"; the page tells the finder
# (data-step), which shows as many more each time.
HUB_FIRST_STEP = 50


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    facets = []
    for taxonomy in catalogue.taxonomies:
        if taxonomy.filterable:
            options = [{"slug": t.slug, "label": t.label, "count": len(catalogue.members(t))}
                       for t in catalogue.terms[taxonomy.key]]
            facets.append({"key": taxonomy.key, "label": taxonomy.heading, "options": options})
    # Only the first step of the finder's list is in the page (the finder fetches the rest from the
    # search index), so the page stays small as the hub grows; the A to Z page lists them all.
    rows = [{"entry": entry, "place": entry.record.ics or f"{entry.record.region} (regional)"}
            for entry in catalogue.finder_order(FINDER_SORTS[0])[:HUB_FIRST_STEP]]
    return {
        routes.HUB: view.render(routes.HUB, "hub.md.j2", total=len(catalogue.case_studies), facets=facets, rows=rows,
                                step=HUB_FIRST_STEP),
        routes.A_TO_Z: view.render(routes.A_TO_Z, "all_case_studies.html.j2", entries=catalogue.case_studies),
    }
