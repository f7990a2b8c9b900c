"""The catalogue: every validated record, indexed once per build by each way a reader looks for it.

Taxonomies follow Hugo's model: a taxonomy (regions, categories, ICSs, themes, principles) has
terms, every term has a page at a stable URL, and a term with no content is still a term (a region
without a case study is a finding, so it is shown, not hidden).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from . import schemas
from .content_types import CASE_STUDY, CONCLUSION, DIVERSITY, FRAMEWORK, PRINCIPLE, RESEARCH, ROLE, WORKSHOP, Entry
from .vocabulary import Vocabulary, slugify

if TYPE_CHECKING:  # validation builds a catalogue of what is valid so far, to check reserved paths
    from .validation import ValidationResult

CaseStudyEntry = Entry[schemas.CaseStudy]
RoleEntry = Entry[schemas.Role]


@dataclass(frozen=True)
class Term:
    """One term of a taxonomy, e.g. the region 'North West' or principle 3."""

    taxonomy: "Taxonomy"
    slug: str
    label: str
    description: str = ""
    sort_key: tuple = ()


@dataclass(frozen=True)
class Taxonomy:
    key: str  # also the facet name in the hub page's filter and URL query
    label: str  # plural heading, e.g. "Regions"
    singular: str
    route: str  # its TERM_ROUTES

    index_route: str
    terms_of: Callable[[CaseStudyEntry], tuple[str, ...]] = field(compare=False, repr=False)
    filterable: bool = True

    @property
    def heading(self) -> str:
        """The singular as a column heading or facet label: str.capitalize() would turn "ICS" into "Ics"."""
        return self.singular[:1].upper() + self.singular[1:]


@dataclass(frozen=True)
class FrameworkItemRef:
    """A framework item with its framework, as pages and exports need both."""

    framework: Entry[schemas.Framework]
    item: schemas.FrameworkItem

    def link_to(self, number: int) -> schemas.PrincipleLink:
        """The item's link to principle ``number``, which says who made it."""
        return next(link for link in self.item.principle_links if link.number == number)

    @property
    def label(self) -> str:
        number = f"{self.item.number} " if self.item.number else ""
        return f"{self.item.kind.capitalize()} {number}{self.item.title}".replace("  ", " ")


# Each taxonomy's term pages (a format of the term's slug) and its index page, declared once; read
# by ``routes`` alone. A principle's term page is the principle's own page (PRINCIPLE.route).
TERM_ROUTES = {"principle": ("principles/{slug}.md", "principles/index.md"),
               "region": ("regions/{slug}.md", "regions/index.md"),
               "category": ("categories/{slug}.md", "categories/index.md"),
               "ics": ("ics/{slug}.md", "ics/index.md"),
               "theme": ("themes/{slug}.md", "themes/index.md")}

# Content types whose records name an ICS without putting it on the ICS term list (``ics_term_sources``).
ICS_WITHOUT_TERM = (DIVERSITY.key,)

# The case-study finder's orders: the first is the hub's own.
FINDER_SORTS = ("newest", "title", "region")


class Catalogue:
    """Read-only indexes over the validated content, built once per build."""

    def __init__(self, result: ValidationResult):
        self.vocabulary: Vocabulary = result.vocabulary
        # Every case study has a page, in the exports and in the feeds (a withdrawn one with its notice);
        # the lists, indexes, filters and related links hold only those not withdrawn.
        self.all_case_studies: list[CaseStudyEntry] = sorted(result.entries[CASE_STUDY.key],
                                                             key=lambda e: (e.record.title.lower(), e.slug))
        self.case_studies: list[CaseStudyEntry] = [e for e in self.all_case_studies if not e.record.withdrawn]
        self.principles: list[Entry[schemas.Principle]] = sorted(result.entries[PRINCIPLE.key], key=lambda e: e.record.number)
        self.frameworks: list[Entry[schemas.Framework]] = sorted(result.entries[FRAMEWORK.key], key=lambda e: e.slug)
        self.roles: list[RoleEntry] = sorted(result.entries[ROLE.key], key=lambda e: (e.area, e.record.title.lower(), e.slug))
        self.diversity_figures: list[Entry[schemas.DiversityFigures]] = sorted(
            result.entries[DIVERSITY.key], key=lambda e: (e.record.ics, e.record.year))
        # The learning report's conclusions in the report's order.
        self.conclusions: list[Entry[schemas.Conclusion]] = sorted(
            result.entries[CONCLUSION.key], key=lambda e: (e.record.order, e.slug))
        self.workshops: list[Entry[schemas.Workshop]] = sorted(result.entries[WORKSHOP.key],
                                                               key=lambda e: (e.record.title.lower(), e.slug))
        # How each source document gathered its evidence, by source id.
        self.research: dict[str, Entry[schemas.Research]] = {e.slug: e for e in sorted(result.entries[RESEARCH.key],
                                                                                          key=lambda e: e.slug)}
        self.principle_by_number = {e.record.number: e for e in self.principles}
        self.case_study_by_slug = {e.slug: e for e in self.all_case_studies}
        self.taxonomies = self._taxonomies()
        self.terms: dict[str, list[Term]] = {t.key: self._terms(t) for t in self.taxonomies}
        self._members: dict[tuple[str, str], list[CaseStudyEntry]] = defaultdict(list)
        for entry in self.case_studies:
            for taxonomy in self.taxonomies:
                for slug in taxonomy.terms_of(entry):
                    self._members[(taxonomy.key, slug)].append(entry)
        self.framework_items = [FrameworkItemRef(f, item) for f in self.frameworks for item in f.record.items]

    @property
    def entries_with_pages(self) -> tuple[Entry, ...]:
        """Every record whose file names its own page (principles are term pages; diversity figures have none)."""
        return (*self.all_case_studies, *self.roles, *self.frameworks, *self.conclusions, *self.workshops,
                *self.research.values())

    @property
    def records(self) -> tuple[Entry, ...]:
        """Every record of every content type, once (what the page of the sources counts citations over)."""
        return (*self.all_case_studies, *self.principles, *self.frameworks, *self.roles, *self.diversity_figures,
                *self.conclusions, *self.workshops, *self.research.values())

    # --- taxonomies -------------------------------------------------------------------------
    def _taxonomies(self) -> tuple[Taxonomy, ...]:
        vocabulary = self.vocabulary
        return (
            Taxonomy("principle", "Principles", "principle", *TERM_ROUTES["principle"],
                     lambda e: tuple(str(n) for n in e.record.principles)),
            Taxonomy("region", "Regions", "region", *TERM_ROUTES["region"],
                     lambda e: (vocabulary.regions[e.record.region].slug,)),
            Taxonomy("category", "Categories", "category", *TERM_ROUTES["category"],
                     lambda e: (slugify(e.record.category),)),
            Taxonomy("ics", "Integrated care systems", "ICS", *TERM_ROUTES["ics"],
                     lambda e: (vocabulary.icss[e.record.ics].slug,) if e.record.ics else (), filterable=False),
            Taxonomy("theme", "Themes", "theme", *TERM_ROUTES["theme"], lambda e: tuple(e.record.themes)),
        )

    def _terms(self, taxonomy: Taxonomy) -> list[Term]:
        vocabulary = self.vocabulary
        if taxonomy.key == "principle":
            return [Term(taxonomy, str(e.record.number), f"{e.record.number}. {e.record.short_title}",
                         e.record.title, (e.record.number,)) for e in self.principles]
        if taxonomy.key == "region":
            return [Term(taxonomy, r.slug, r.name, "", (r.name,)) for r in sorted(vocabulary.regions.values(), key=lambda r: r.name)]
        if taxonomy.key == "category":
            return [Term(taxonomy, slugify(c), c, "", (i,)) for i, c in enumerate(schemas.CATEGORIES)]
        if taxonomy.key == "ics":
            names = {e.record.ics for entries in self.ics_term_sources.values() for e in entries if e.record.ics}
            return [Term(taxonomy, vocabulary.icss[n].slug, n, vocabulary.icss[n].region, (n,)) for n in sorted(names)]
        # Themes: every theme in the vocabulary that a case study uses.
        used = {t for e in self.case_studies for t in e.record.themes}
        return [Term(taxonomy, t.slug, t.label, t.description, (t.label,))
                for t in sorted(vocabulary.themes.values(), key=lambda t: t.label) if t.slug in used]

    @property
    def ics_term_sources(self) -> dict[str, list[Entry]]:
        """The records, by content type key, whose ICS gets a term page (with them on it): every ICS with a
        listed case study, a framework, a role listing or a workshop. Diversity figures are not among them:
        their page links to the ICS's page when there is one (a test checks every type with an ICS is
        either here or in ``ICS_WITHOUT_TERM``)."""
        return {CASE_STUDY.key: self.case_studies, FRAMEWORK.key: self.frameworks, ROLE.key: self.roles,
                WORKSHOP.key: self.workshops}

    def taxonomy(self, key: str) -> Taxonomy:
        return next(t for t in self.taxonomies if t.key == key)

    def term(self, taxonomy_key: str, slug: str) -> Term:
        return self._term_by_slug[(taxonomy_key, slug)]

    @cached_property
    def _term_by_slug(self) -> dict[tuple[str, str], Term]:
        return {(key, t.slug): t for key, terms in self.terms.items() for t in terms}

    def members(self, term: Term) -> list[CaseStudyEntry]:
        return self._members.get((term.taxonomy.key, term.slug), [])

    def terms_of(self, entry: CaseStudyEntry, taxonomy_key: str) -> list[Term]:
        wanted = set(self.taxonomy(taxonomy_key).terms_of(entry))
        return [t for t in self.terms[taxonomy_key] if t.slug in wanted]

    # --- other indexes ----------------------------------------------------------------------
    def items_serving(self, number: int) -> list[FrameworkItemRef]:
        return [ref for ref in self.framework_items if number in ref.item.serves]

    def items_of(self, framework: Entry[schemas.Framework], parent: str | None = None, kind: str | None = None):
        return [FrameworkItemRef(framework, item) for item in framework.record.items
                if (parent is None or item.parent == parent) and (kind is None or item.kind == kind)]

    def conclusion_links(self, entry: Entry[schemas.Conclusion]):
        """The principles and listed case studies a conclusion concerns, each with whether the hub's
        editors (not the report) made the link."""
        r = entry.record
        principles = [(self.principle_by_number[n], n in r.principles_inferred) for n in r.principles
                      if n in self.principle_by_number]
        listed = {e.slug: e for e in self.case_studies}
        case_studies = [(listed[s], s in r.case_studies_inferred) for s in r.case_studies if s in listed]
        workshops = {e.slug: e for e in self.workshops}
        return principles, case_studies, [(workshops[s], s in r.workshops_inferred) for s in r.workshops if s in workshops]

    def conclusions_about_principle(self, number: int) -> list[tuple[Entry[schemas.Conclusion], bool]]:
        """The conclusions linked to principle ``number``, each with whether the link is the hub's inference."""
        return [(e, number in e.record.principles_inferred) for e in self.conclusions if number in e.record.principles]

    def conclusions_about_case_study(self, slug: str) -> list[tuple[Entry[schemas.Conclusion], bool]]:
        return [(e, slug in e.record.case_studies_inferred) for e in self.conclusions if slug in e.record.case_studies]

    def conclusions_about_workshop(self, slug: str) -> list[tuple[Entry[schemas.Conclusion], bool]]:
        return [(e, slug in e.record.workshops_inferred) for e in self.conclusions if slug in e.record.workshops]

    def roles_in_area(self, area: str) -> list[RoleEntry]:
        return [e for e in self.roles if e.area == area]

    @property
    def role_areas(self) -> list[str]:
        return sorted({e.area for e in self.roles})

    def area_label(self, area: str) -> str:
        ics = self.vocabulary.ics_by_slug(area)
        if ics:
            return ics.short_name
        region = self.vocabulary.region_by_slug(area)
        return region.name if region else area

    def icss_in_region(self, region: str) -> list[Term]:
        return [t for t in self.terms["ics"] if t.description == region]

    def frameworks_of_ics(self, ics: str) -> list[Entry[schemas.Framework]]:
        return [f for f in self.frameworks if f.record.ics == ics]

    def workshops_of_ics(self, ics: str) -> list[Entry[schemas.Workshop]]:
        return [e for e in self.workshops if e.record.ics == ics]

    def workshops_about_principle(self, number: int) -> list[Entry[schemas.Workshop]]:
        return [e for e in self.workshops if number in e.record.principles]

    def workshops_in_region(self, region: str) -> list[Entry[schemas.Workshop]]:
        return [e for e in self.workshops if e.record.region == region]

    def roles_of_ics(self, ics: str) -> list[RoleEntry]:
        return [e for e in self.roles if e.record.ics == ics]

    def roles_of_region(self, region: str) -> list[RoleEntry]:
        return [e for e in self.roles if e.record.region == region]

    def related(self, entry: CaseStudyEntry, limit: int = 3) -> list[CaseStudyEntry]:
        """Most shared principles and themes first; the same region, then title order break ties; never itself.

        Every case study is scored at once with bitsets (bit i is the i-th case study in title order),
        so a page costs a few dozen integer operations on N-bit numbers instead of sorting all N.
        """
        index = self._related_index
        others = index.everyone & ~(1 << index.position[entry.slug])
        counts = index.shared_counts(entry)
        same_region = index.in_region.get(entry.record.region, 0)
        found: list[CaseStudyEntry] = []
        for shared in range((1 << len(counts)) - 1, 0, -1):  # the highest number of shared features first
            at_level = others
            for bit, having in enumerate(counts):
                at_level &= having if shared >> bit & 1 else ~having
            for group in (at_level & same_region, at_level & ~same_region):
                while group and len(found) < limit:
                    lowest = group & -group
                    found.append(self.case_studies[lowest.bit_length() - 1])
                    group ^= lowest
            if len(found) == limit:
                break
        return found

    @cached_property
    def _related_index(self) -> "_FeatureBitsets":
        return _FeatureBitsets(self.case_studies)

    def neighbours(self, entry: CaseStudyEntry) -> tuple[CaseStudyEntry | None, CaseStudyEntry | None]:
        """Previous and next case study within the same category, in title order."""
        return self._neighbours[entry.slug]

    @cached_property
    def _neighbours(self) -> dict[str, tuple[CaseStudyEntry | None, CaseStudyEntry | None]]:
        by_category: dict[str, list[CaseStudyEntry]] = defaultdict(list)
        for entry in self.case_studies:
            by_category[entry.record.category].append(entry)
        pairs = {}
        for same in by_category.values():
            for index, entry in enumerate(same):
                pairs[entry.slug] = (same[index - 1] if index > 0 else None, same[index + 1] if index + 1 < len(same) else None)
        return pairs

    def coverage(self, column_key: str) -> list[tuple[Term, list[tuple[Term, list[CaseStudyEntry]]]]]:
        """Rows of principles, each with (column term, case studies having both)."""
        rows = []
        for principle in self.terms["principle"]:
            in_principle = set(e.slug for e in self.members(principle))
            cells = [(column, [e for e in self.members(column) if e.slug in in_principle])
                     for column in self.terms[column_key]]
            rows.append((principle, cells))
        return rows

    def finder_order(self, sort: str) -> list[CaseStudyEntry]:
        """The listed case studies in one of the finder's orders (``FINDER_SORTS``). Each order is total
        (ties go by title, then slug), so the hub's first page and the search index's sort ranks,
        made from it, give the same order."""
        by_title = self.case_studies  # already title, then slug
        if sort == "newest":
            return sorted(by_title, key=lambda e: e.record.published, reverse=True)  # stable: ties stay by title
        if sort == "region":
            return sorted(by_title, key=lambda e: e.record.region)
        if sort == "title":
            return list(by_title)
        raise ValueError(f"unknown finder sort {sort!r}")

    def newest_first(self) -> list[CaseStudyEntry]:
        """Every case study, withdrawn ones too (the feeds say so), latest change first."""
        return sorted(self.all_case_studies, key=lambda e: (e.record.last_changed, e.slug), reverse=True)


class _FeatureBitsets:
    """Which case studies have each principle, theme and region, as one integer bitset per feature."""

    def __init__(self, case_studies: list[CaseStudyEntry]):
        self.position = {e.slug: i for i, e in enumerate(case_studies)}
        self.everyone = (1 << len(case_studies)) - 1
        self.having: dict[tuple[str, object], int] = defaultdict(int)
        self.in_region: dict[str, int] = defaultdict(int)
        for i, entry in enumerate(case_studies):
            for feature in self.features(entry):
                self.having[feature] |= 1 << i
            self.in_region[entry.record.region] |= 1 << i

    @staticmethod
    def features(entry: CaseStudyEntry) -> set[tuple[str, object]]:
        return {("principle", n) for n in entry.record.principles} | {("theme", t) for t in entry.record.themes}

    def shared_counts(self, entry: CaseStudyEntry) -> list[int]:
        """How many features every case study shares with ``entry``, bit-sliced: bit i of the count of
        case study j is bit j of the i-th number (a ripple-carry adder over the feature bitsets)."""
        counts: list[int] = []
        for feature in self.features(entry):
            carry = self.having[feature]
            for bit in range(len(counts)):
                counts[bit], carry = counts[bit] ^ carry, counts[bit] & carry
            if carry:
                counts.append(carry)
        return counts
