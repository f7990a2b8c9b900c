"""Leadership roles: each role's page, each area's role list, the list of every role, and the
diversity analysis of the listed roles."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from .. import routes
from ..diversity_page import diversity_context
from ..review import is_overdue
from ..routes import page_of, role_area_page
from .base import View


def pages(view: View) -> dict[str, str]:
    catalogue = view.catalogue
    rendered = {}
    for entry in catalogue.roles:
        row = view.role_row(entry)
        rendered[page_of(entry)] = view.render(
            page_of(entry), "role.html.j2", body=entry.body, entry=entry, r=entry.record, area=entry.area, area_label=row["area_label"],
            holder=row["holder"], profession=row["profession"], overdue=row["overdue"], sources=view.sources(entry.record))
    areas = []
    for area in catalogue.role_areas:
        roles = catalogue.roles_in_area(area)
        label = catalogue.area_label(area)
        page = role_area_page(area)
        forums: dict[str, list] = defaultdict(list)
        for e in roles:
            for forum in e.record.decision_forums:
                forums[forum].append(e)
        rendered[page] = view.render(
            page, "roles_area.md.j2", area=area, area_label=label, roles=roles,
            table=roles_table(view, page, roles, f"Leadership roles in {label}", False),
            is_region=view.vocabulary.region_by_slug(area) is not None,
            last_reviewed=max(e.record.last_reviewed for e in roles),
            overdue_count=sum(1 for e in roles if is_overdue(e.record.review_from, view.today)),
            forums=sorted(forums.items()), unmapped=[e for e in roles if not e.record.decision_forums])
        areas.append({"slug": area, "label": label, "count": len(roles),
                      **{s: sum(1 for e in roles if e.record.status == s) for s in ("filled", "unpublished", "vacant")}})
    table = roles_table(view, routes.ROLES_INDEX, catalogue.roles, "All leadership roles", True)
    rendered[routes.ROLES_INDEX] = view.render(routes.ROLES_INDEX, "roles_index.md.j2", roles=catalogue.roles,
                                               areas=areas, table=table)
    rendered[routes.DIVERSITY_PAGE] = view.render(routes.DIVERSITY_PAGE, "diversity.md.j2", **diversity_context(catalogue))
    return rendered


def roles_table(view: View, page_uri: str, roles, caption: str, show_area: bool) -> Markup:
    """The sortable table of roles (raw HTML: each row's id is the role's stable anchor)."""
    return view.fragment(page_uri, "_roles_table.html.j2", rows=[view.role_row(e) for e in roles], caption=caption,
                         show_area=show_area)
