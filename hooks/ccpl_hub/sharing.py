"""What each generated page says about itself to search engines and link previews.

- Its description (the meta description, Open Graph and Twitter card text): a record's own summary
  where it has one, otherwise a sentence written here for the page's kind. The theme override prints
  it escaped, so contributed text reaches the page as text only.
- Its last-modified date (the sitemap's ``<lastmod>``): the newest date of the records the page
  shows, from the content alone, so two builds of the same content agree whatever day they run.
  A page whose records carry no date (a framework, the glossary) has none rather than a made-up one.
"""

from __future__ import annotations

from . import schemas
from .catalogue import Catalogue
from .content_types import Entry
from .dates import SourceDate
from .escaping import one_visible_line
from .routes import (A_TO_Z, CONCLUSIONS_INDEX, COVERAGE, DATA, DIVERSITY_PAGE, FIELDS, FRAMEWORK_COMPARISON,
                     FRAMEWORKS_INDEX, GLOSSARY, HUB, LEARNING_REPORT_INDEX, PRINCIPLES_INDEX, ROLES_INDEX, SOURCES,
                     WORKSHOPS_INDEX, page_of, role_area_page)

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


def page_descriptions(catalogue: Catalogue) -> dict[str, str]:
    """Every generated page -> its description, before shortening."""
    pages = {page_of(e): e.record.summary for e in catalogue.all_case_studies}
    for e in catalogue.principles:
        # Its title, in the hub's words: the statement is the national guidance's, shown as a quotation.
        pages[page_of(e)] = (f"National principle {e.record.number}: {e.record.title}. Top tips from the learning "
                              "report, and the case studies and local framework items that put it into practice.")
    pages.update({page_of(e): e.record.summary for e in (*catalogue.frameworks, *catalogue.conclusions,
                                                         *catalogue.workshops, *catalogue.research.values())})
    for ref in catalogue.framework_items:
        pages[page_of(ref)] = f"{ref.label}, from {ref.framework.record.title}."
    for e in catalogue.roles:
        pages[page_of(e)] = _role_description(e, catalogue)
    for area in catalogue.role_areas:
        label = catalogue.area_label(area)
        pages[role_area_page(area)] = (f"Clinical and care professional leadership roles in {label}: who holds "
                                       "them, their professions and the forums they sit on.")
    for taxonomy in catalogue.taxonomies:
        for term in catalogue.terms[taxonomy.key]:
            if taxonomy.key != "principle":  # a principle's page is its own term page
                pages[page_of(term)] = _term_description(taxonomy.key, term.label)
        if taxonomy.key != "principle":
            pages[page_of(taxonomy)] = f"Case studies of clinical and care professional leadership by {taxonomy.singular}."
    pages.update(_FIXED_DESCRIPTIONS)
    return pages


_FIXED_DESCRIPTIONS = {
    HUB: "Case studies of clinical and care professional leadership in integrated care systems: "
                             "find one by keyword, principle, region, category, ICS or theme.",
    A_TO_Z: "Every case study of clinical and care professional leadership on the hub, A to Z.",
    LEARNING_REPORT_INDEX: "The national learning report on clinical and care professional leadership in "
                                "integrated care systems: its chapters on the hub.",
    WORKSHOPS_INDEX: "The learning report's regional workshops: what leaders in each area said helps and hinders "
                     "clinical and care professional leadership, and what they recommended.",
    CONCLUSIONS_INDEX: "What the learning report says has helped systems put the national principles into practice, "
                       "the support they will need next, and the risks it heard about.",
    PRINCIPLES_INDEX: "The 5 national principles for clinical and care professional leadership, with the case "
                           "studies and local framework items that put each into practice.",
    FRAMEWORKS_INDEX: "Frameworks that integrated care systems have written to put the national principles "
                           "into practice, item by item.",
    FRAMEWORK_COMPARISON: "Every local framework on the hub side by side against the 5 national principles: which "
                          "items serve each principle, who made each link, and the gaps.",
    ROLES_INDEX: "Every clinical and care professional leadership role the sources name, by integrated care "
                      "system and region, with who holds it.",
    DIVERSITY_PAGE: "The profession and function mix of the listed leadership roles, and any aggregate "
                          "diversity figures that integrated care systems publish.",
    COVERAGE: "Which regions and categories the case studies cover, and where the gaps in the evidence are.",
    GLOSSARY: "Plain-English meanings of the terms and abbreviations used on the hub.",
    SOURCES: "The documents the hub's content comes from, and how many pages cite each one.",
    FIELDS: "Every field of every kind of content on the hub: what it means and which values are valid.",
    DATA: "Download the hub's case studies, frameworks and leadership roles as JSON and CSV, with what "
                     "each column means.",
}


def _role_description(entry: Entry[schemas.Role], catalogue: Catalogue) -> str:
    r = entry.record
    holder = {"filled": f"held by {r.holder}", "vacant": "vacant"}.get(r.status, "holder not published")
    profession = catalogue.vocabulary.professions[r.profession].label
    return f"{r.title}, a clinical and care professional leadership role in {catalogue.area_label(entry.area)}: {holder}. Profession: {profession}."


def _term_description(key: str, label: str) -> str:
    if key == "region":
        return f"Case studies, integrated care systems, frameworks and leadership roles in the {label} region."
    if key == "ics":
        return f"Case studies, frameworks and leadership roles of {label} integrated care system."
    if key == "category":
        return f"Case studies in the learning report's category '{label}'."
    return f"Case studies of clinical and care professional leadership on the theme '{label}'."


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
