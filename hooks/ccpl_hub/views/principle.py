"""The 5 national principles: each one's page (its case studies, framework items, conclusions and
workshops) and their index."""

from __future__ import annotations


from .. import routes
from ..routes import page_of
from .base import View


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    rendered, rows = {}, []
    for entry in catalogue.principles:
        r = entry.record
        term = catalogue.term("principle", str(r.number))
        members = catalogue.members(term)
        items = catalogue.items_serving(r.number)
        cited = [catalogue.case_study_by_slug[s] for s in r.cited_case_studies if s in catalogue.case_study_by_slug]
        rendered[page_of(entry)] = view.render(
            page_of(entry), "principle.html.j2", body=entry.body, entry=entry, r=r, members=members, items=items, cited=cited,
            sources=view.sources(r), conclusions=catalogue.conclusions_about_principle(r.number),
            workshops=catalogue.workshops_about_principle(r.number),
            case_studies=view.fragment(page_of(entry), "_case_studies.html.j2", listing=view.listing(term),
                                       mark_hub_category=False))
        rows.append({"entry": entry, "case_studies": len(members), "items": len(items)})
    rendered[routes.PRINCIPLES_INDEX] = view.render(routes.PRINCIPLES_INDEX, "principles_index.md.j2", rows=rows)
    return rendered
