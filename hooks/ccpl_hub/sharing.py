"""What each generated page says about itself to search engines and link previews.

- Its description (the meta description, Open Graph and Twitter card text): a record's own summary
  where it has one, otherwise a sentence written here for the page's kind. The theme override prints
  it escaped, so contributed text reaches the page as text only.
- Its last-modified date (the sitemap's ``<lastmod>``): the newest date of the records the page
  shows, from the content alone, so two builds of the same content agree whatever day they run.
  A page whose records carry no date (a framework, the glossary) has none rather than a made-up one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from . import schemas
from .catalogue import Catalogue
from .content_types import Entry
from .dates import SourceDate
from .escaping import one_visible_line
from . import routes
from .routes import A_TO_Z, COVERAGE, DIVERSITY_PAGE, HUB, PRINCIPLES_INDEX, ROLES_INDEX, page_of, role_area_page

DESCRIPTION_LIMIT = 200  # characters; what link previews and search results show in full


def short_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, without invisible characters, cut at the last whole word within ``limit``
    characters (with an ellipsis)."""
    text = " ".join(one_visible_line(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


# The descriptions' wording (editorial prose) is data, beside the templates.
DESCRIPTIONS_FILE = Path(__file__).with_name("templates") / "descriptions.yml"


@cache
def _wording() -> dict:
    return yaml.safe_load(DESCRIPTIONS_FILE.read_text(encoding="utf-8"))


def page_descriptions(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page -> its description, before shortening."""
    wording = _wording()
    pages = {page_of(e): e.record.summary for e in catalogue.all_case_studies}
    for e in catalogue.principles:
        # Its title, in the hub's words: the statement is the national guidance's, shown as a quotation.
        pages[page_of(e)] = wording["principle"].format(number=e.record.number, title=e.record.title)
    pages.update({page_of(e): e.record.summary for e in (*catalogue.frameworks, *catalogue.conclusions,
                                                         *catalogue.workshops, *catalogue.research.values())})
    for ref in catalogue.framework_items:
        pages[page_of(ref)] = wording["framework_item"].format(label=ref.label, framework=ref.framework.record.title)
    for e in catalogue.roles:
        pages[page_of(e)] = _role_description(e, catalogue, wording)
    for area in catalogue.role_areas:
        pages[role_area_page(area)] = wording["role_area"].format(area=catalogue.area_label(area))
    for taxonomy in catalogue.taxonomies:
        if taxonomy.key != "principle":  # a principle's page is its own term page
            for term in catalogue.terms[taxonomy.key]:
                pages[page_of(term)] = wording["term"][taxonomy.key].format(label=term.label)
            pages[page_of(taxonomy)] = wording["taxonomy_index"].format(singular=taxonomy.singular)
    pages.update({getattr(routes, name): text for name, text in wording["pages"].items()})
    return pages


def _role_description(entry: Entry[schemas.Role], catalogue: Catalogue, wording: dict) -> str:
    r = entry.record
    holders = wording["role_holder"]
    holder = holders.get(r.status, holders["unpublished"]).format(holder=r.holder)
    return wording["role"].format(title=r.title, area=catalogue.area_label(entry.area), holder=holder,
                                  profession=catalogue.vocabulary.professions[r.profession].label)


def modified_dates(catalogue: Catalogue) -> dict[str, SourceDate]:
    """Every generated page whose records are dated -> the newest of those dates, only as precise as
    its record gives it (a role reviewed in "2022" is dated 2022, which the sitemap format allows)."""
    dates: dict[str, SourceDate | None] = {}
    case_study = {e.slug: _case_study_modified(e.record) for e in catalogue.all_case_studies}
    dates.update({page_of(e): case_study[e.slug] for e in catalogue.all_case_studies})
    role = {page_of(e): e.record.last_reviewed for e in catalogue.roles}
    dates.update(role)

    every_case_study = newest(case_study.values())
    for taxonomy in catalogue.taxonomies:
        for term in catalogue.terms[taxonomy.key]:
            days = [case_study[e.slug] for e in catalogue.members(term)]
            if taxonomy.key in ("region", "ics"):  # their pages list roles too
                roles = catalogue.roles_of_region(term.label) if taxonomy.key == "region" else catalogue.roles_of_ics(term.label)
                days += [e.record.last_reviewed for e in roles]
            dates[page_of(term)] = newest(days)
        if taxonomy.key != "principle":
            dates[page_of(taxonomy)] = every_case_study
    for area in catalogue.role_areas:
        dates[role_area_page(area)] = newest(e.record.last_reviewed for e in catalogue.roles_in_area(area))
    every_role = newest(role.values())
    dates.update({HUB: every_case_study, A_TO_Z: every_case_study, PRINCIPLES_INDEX: every_case_study,
                  COVERAGE: every_case_study, ROLES_INDEX: every_role,
                  DIVERSITY_PAGE: newest([*role.values(),
                                                *(SourceDate.of(f.record.as_at) for f in catalogue.diversity_figures)])})
    return {page: day for page, day in dates.items() if day is not None}


def newest(days) -> SourceDate | None:
    return max(days, default=None)


def _case_study_modified(record: schemas.CaseStudy) -> SourceDate:
    """The page changes when the case study does (withdrawal, a history entry) and when it is reviewed
    (the page shows the review date)."""
    return SourceDate.of(max(record.last_changed, record.reviewed or record.published))
