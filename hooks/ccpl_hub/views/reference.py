"""The reference pages: the coverage matrix, the glossary, the page of the sources, the field
reference and the page about the data exports."""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from .. import routes
from ..content_types import CONTENT_TYPES
from ..exports import CASE_STUDY_COLUMNS, CONCLUSION_COLUMNS, ROLE_COLUMNS, column_reference
from ..schema_docs import field_reference
from .base import View, with_title_meta
from .learning_report import LEARNING_REPORT


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    return {
        routes.COVERAGE: coverage_page(view),
        routes.GLOSSARY: view.render(routes.GLOSSARY, "glossary.md.j2", groups=glossary_groups(view.vocabulary)),
        routes.SOURCES: sources_page(view),
        routes.FIELDS: with_title_meta(field_reference(CONTENT_TYPES, view.vocabulary)),
        routes.DATA: view.render(
            routes.DATA, "data.md.j2", content_types=CONTENT_TYPES, role_columns=column_reference(ROLE_COLUMNS),
            case_study_columns=column_reference(CASE_STUDY_COLUMNS),
            conclusion_columns=column_reference(CONCLUSION_COLUMNS),
            areas=[{"slug": a, "label": catalogue.area_label(a)} for a in catalogue.role_areas]),
    }


def coverage_page(view: View) -> str:
    catalogue = view.catalogue
    tables = [{"key": key, "label": key, "singular": key, "columns": catalogue.terms[key], "rows": catalogue.coverage(key)}
              for key in ("region", "category")]
    return view.render(routes.COVERAGE, "coverage.md.j2", tables=tables, total=len(catalogue.case_studies),
                       research=catalogue.research.get(LEARNING_REPORT))


def glossary_groups(vocabulary):
    terms = sorted(vocabulary.glossary, key=lambda t: t.term.lower())
    return [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.term[0].upper())]


def sources_page(view: View) -> str:
    counts: dict[str, int] = defaultdict(int)
    # Every record with a page of its own, once each (case studies were counted twice before).
    for entry in (e for e in view.catalogue.records if e.type.route is not None):
        for document in {s.document for s in entry.record.source if s.document}:
            counts[document] += 1
    documents = [{"doc": d, "count": counts[d.id], "research": view.catalogue.research.get(d.id)}
                 for d in view.vocabulary.sources.values()]
    return view.render(routes.SOURCES, "sources.md.j2", documents=documents)
