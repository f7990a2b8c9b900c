"""Local frameworks: each framework's page with its action plan, a page per item, their index and
the comparison of every framework against the principles."""

from __future__ import annotations

from .. import routes, schemas
from ..content_types import Entry
from ..framework_comparison import comparison_columns
from ..routes import page_of
from .base import View


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    rendered = {}
    for framework in catalogue.frameworks:
        r = framework.record
        refs = catalogue.items_of(framework)
        kinds = [(kind, [ref for ref in refs if ref.item.kind == kind])
                 for kind in schemas.ITEM_KINDS if any(ref.item.kind == kind for ref in refs)]
        # Items that came out on top of a ranking come first; the rest keep the source's order.
        kinds = [(kind, sorted(group, key=lambda ref: ref.item.ranked != "top")) for kind, group in kinds]
        rendered[page_of(framework)] = view.render(
            page_of(framework), "framework.md.j2", entry=framework, r=r, kinds=kinds,
            plan=action_plan(catalogue, framework), **view.place_terms(r), sources=view.sources(r))
        by_id = {ref.item.id: ref for ref in refs}
        for ref in refs:
            same_kind = [o for o in refs if o.item.kind == ref.item.kind]
            alike = sum(1 for o in same_kind if o.item.ranked == ref.item.ranked)
            rendered[page_of(ref)] = view.render(
                page_of(ref), "framework_item.md.j2", ref=ref, f=r, item=ref.item, parent=by_id.get(ref.item.parent or ""),
                children=catalogue.items_of(framework, parent=ref.item.id), ranked_of=len(same_kind),
                ranked_alike=alike, sources=view.sources(r))
    rendered[routes.FRAMEWORKS_INDEX] = view.render(routes.FRAMEWORKS_INDEX, "frameworks_index.md.j2",
                                                    frameworks=catalogue.frameworks)
    rendered[routes.FRAMEWORK_COMPARISON] = view.render(
        routes.FRAMEWORK_COMPARISON, "framework_comparison.md.j2", columns=comparison_columns(catalogue),
        principles=catalogue.principles)
    return rendered


def action_plan(catalogue, framework: Entry[schemas.Framework]):
    """Actions counted by priority and term: the summary table is derived, never typed."""
    actions = catalogue.items_of(framework, kind="action")
    priorities = catalogue.items_of(framework, kind="priority")
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
