"""The learning report's other chapters: its conclusions, regional workshops and research record,
each with its index, and the report's own page."""

from __future__ import annotations


from .. import routes, schemas
from ..routes import page_of
from .base import View

LEARNING_REPORT = "learning-report-2022"  # the source document whose other chapters have their own section


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    rendered = {}
    for entry in catalogue.conclusions:
        principles, case_studies, workshops = catalogue.conclusion_links(entry)
        rendered[page_of(entry)] = view.render(
            page_of(entry), "conclusion.html.j2", body=entry.body, entry=entry, r=entry.record, principles=principles,
            case_studies=case_studies, workshops=workshops, sources=view.sources(entry.record))
    kinds = [(kind, [e for e in catalogue.conclusions if e.record.kind == kind]) for kind in schemas.CONCLUSION_KINDS]
    rendered[routes.CONCLUSIONS_INDEX] = view.render(routes.CONCLUSIONS_INDEX, "conclusions_index.md.j2",
                                                     kinds=[k for k in kinds if k[1]])
    for entry in catalogue.workshops:
        r = entry.record
        conclusions = catalogue.conclusions_about_workshop(entry.slug)
        rendered[page_of(entry)] = view.render(
            page_of(entry), "workshop.md.j2", entry=entry, r=r, **view.place_terms(r), sources=view.sources(r),
            conclusions=conclusions, conclusions_list=view.fragment(page_of(entry), "_conclusions.html.j2",
                                                                       conclusions=conclusions))
    rendered[routes.WORKSHOPS_INDEX] = view.render(routes.WORKSHOPS_INDEX, "workshops_index.md.j2",
                                                   workshops=catalogue.workshops)
    for entry in catalogue.research.values():
        rendered[page_of(entry)] = view.render(
            page_of(entry), "research.md.j2", entry=entry, r=entry.record, document=view.vocabulary.sources[entry.slug],
            learning_report=LEARNING_REPORT, sources=view.sources(entry.record))
    rendered[routes.LEARNING_REPORT_INDEX] = view.render(
        routes.LEARNING_REPORT_INDEX, "learning_report.md.j2", report=view.vocabulary.sources.get(LEARNING_REPORT),
        conclusions=catalogue.conclusions, workshops=catalogue.workshops, research=catalogue.research.get(LEARNING_REPORT))
    return rendered
