"""Data exports and feeds: what comms teams and other tools download, at stable URLs.

Each export's columns are declared once (name, meaning, how to read it off a record), so the CSV,
the JSON and the "Reuse this data" page cannot disagree. Output is deterministic: sorted keys,
no timestamps but the content's own dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable

from feedgen.feed import FeedGenerator

from .catalogue import Catalogue, FrameworkItemRef
from .content_types import CONTENT_TYPES
from .routes import (CASE_STUDIES_JSON, CONCLUSIONS_CSV, CONCLUSIONS_JSON, FRAMEWORK_JSON, HUB, JSON_FEED, ROBOTS, ROLE_AREA_EXPORT,
                     ROLES_CSV, ROLES_JSON, RSS_FEED, SCHEMA, SITEMAP, WORKSHOPS_JSON, page_of, role_area_page, url_of)
from .schema_docs import json_schema
from .schemas import starts_like_a_formula

EXPORT_FORMAT_VERSION = "1.2"


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable[[Any, Catalogue], Any]
    is_link: bool = False  # an address on the site: absolute when the site's address is known


def _ics_code(entry, catalogue: Catalogue) -> str | None:
    return catalogue.vocabulary.icss[entry.record.ics].ons_code if entry.record.ics else None


CASE_STUDY_COLUMNS = (
    Column("slug", "Stable identifier; the last part of the page URL.", lambda e, c: e.slug),
    Column("title", "Title of the case study.", lambda e, c: e.record.title),
    Column("url", "Address of the case study page.", lambda e, c: url_of(page_of(e)), is_link=True),
    Column("ics", "ICS short name from the ONS reference data; empty for a regional case study.", lambda e, c: e.record.ics),
    Column("ics_code", "ONS code of the ICB (E54...).", _ics_code),
    Column("region", "NHS England region.", lambda e, c: e.record.region),
    Column("category", "Category, one of the learning report's 3.", lambda e, c: e.record.category),
    Column("category_source", "Who gave the category: 'learning report' (one of its own case studies) or 'hub' "
           "(classified by the hub's editors).", lambda e, c: e.record.category_source),
    Column("principles", "National CCPL principles (1 to 5) the case study shows.", lambda e, c: list(e.record.principles)),
    Column("principles_inferred", "Those of 'principles' the source does not name (inferred by the hub's editors).",
           lambda e, c: list(e.record.principles_inferred)),
    Column("themes", "Theme slugs.", lambda e, c: list(e.record.themes)),
    Column("summary", "Plain-text summary, at most 300 characters.", lambda e, c: e.record.summary),
    Column("published", "Date added to the hub (YYYY-MM-DD).", lambda e, c: e.record.published.isoformat()),
    Column("last_changed", "Date of the latest change: withdrawal, the newest history entry, or publication.",
           lambda e, c: e.record.last_changed.isoformat()),
    Column("history", "Dated change notes, newest first (CSV: separated by '; '), each 'YYYY-MM-DD: note'.",
           lambda e, c: [f"{change.date.isoformat()}: {change.note}" for change in e.record.changes]),
    Column("reviewed", "When the case study was last checked against its source, if it has been.",
           lambda e, c: e.record.reviewed.isoformat() if e.record.reviewed else None),
    Column("status", "'published', or 'withdrawn' (the page stays, with a notice; the lists leave it out).",
           lambda e, c: e.record.status),
    Column("withdrawn_date", "When it was withdrawn; empty unless status is 'withdrawn'.",
           lambda e, c: e.record.withdrawn_date.isoformat() if e.record.withdrawn_date else None),
    Column("withdrawn_reason", "Why it was withdrawn; empty unless status is 'withdrawn'.",
           lambda e, c: e.record.withdrawn_reason),
    Column("source", "Where the facts come from.", lambda e, c: [s.label(c.vocabulary) for s in e.record.source]),
)

ROLE_COLUMNS = (
    Column("slug", "Stable identifier of the role within its ICS or region; also the row anchor (#slug).", lambda e, c: e.slug),
    Column("title", "Role title as the source gives it.", lambda e, c: e.record.title),
    Column("holder", "Holder's name; empty unless status is 'filled'.", lambda e, c: e.record.holder),
    Column("status", "filled, vacant or unpublished (the source names the role, not the holder).", lambda e, c: e.record.status),
    Column("ics", "ICS short name; empty for a regional role.", lambda e, c: e.record.ics),
    Column("ics_code", "ONS code of the ICB (E54...).", _ics_code),
    Column("region", "NHS England region.", lambda e, c: e.record.region),
    Column("profession", "Profession (slug from the hub's profession list).", lambda e, c: e.record.profession),
    Column("profession_label", "Profession, readable.", lambda e, c: c.vocabulary.professions[e.record.profession].label),
    Column("function", "What the role leads.", lambda e, c: e.record.function),
    Column("decision_forums", "Decision-making forums the role sits on (CSV: separated by '; ').",
           lambda e, c: list(e.record.decision_forums)),
    Column("time_commitment", "Time the role takes, where stated.", lambda e, c: e.record.time_commitment),
    Column("accountable_to", "Who the holder is accountable to, where stated.", lambda e, c: e.record.accountable_to),
    Column("last_reviewed", "When the listing's facts were last confirmed, only as precisely as known: YYYY, YYYY-MM "
           "or YYYY-MM-DD.", lambda e, c: e.record.last_reviewed.isoformat()),
    Column("url", "Address of the role's page.", lambda e, c: url_of(page_of(e)), is_link=True),
    Column("list_url", "Address of the role's row in its ICS's list.",
           lambda e, c: f"{url_of(role_area_page(e.area))}#{e.slug}", is_link=True),
    Column("source", "Where the listing comes from.", lambda e, c: "; ".join(s.label(c.vocabulary) for s in e.record.source)),
)

CONCLUSION_COLUMNS = (
    Column("slug", "Stable identifier; the last part of the page URL.", lambda e, c: e.slug),
    Column("title", "Title of the conclusion.", lambda e, c: e.record.title),
    Column("kind", "What has helped, Looking ahead, Risk or Recommendation.", lambda e, c: e.record.kind),
    Column("summary", "Plain-text summary, at most 300 characters.", lambda e, c: e.record.summary),
    Column("principles", "National CCPL principles (1 to 5) the conclusion concerns.", lambda e, c: list(e.record.principles)),
    Column("principles_inferred", "Those of 'principles' the report does not link to it (linked by the hub's editors).",
           lambda e, c: list(e.record.principles_inferred)),
    Column("case_studies", "Slugs of the case studies the conclusion concerns.", lambda e, c: list(e.record.case_studies)),
    Column("case_studies_inferred", "Those of 'case_studies' the report does not link to it (linked by the hub's editors).",
           lambda e, c: list(e.record.case_studies_inferred)),
    Column("url", "Address of the conclusion's page.", lambda e, c: url_of(page_of(e)),
           is_link=True),
    Column("source", "Where in the report it comes from, to the line.", lambda e, c: [s.label(c.vocabulary) for s in e.record.source]),
    Column("workshops", "Slugs of the regional workshops the conclusion concerns.", lambda e, c: list(e.record.workshops)),
    Column("workshops_inferred", "Those of 'workshops' the report does not link to it (linked by the hub's editors).",
           lambda e, c: list(e.record.workshops_inferred)),
)


def _row(columns, entry, catalogue, base: str) -> dict:
    return {column.name: base + column.value(entry, catalogue) if column.is_link else column.value(entry, catalogue)
            for column in columns}


def link_base(site_url: str) -> str:
    """What the exports put before a page's path: the site's address, so that a link pasted from a
    spreadsheet or another website works, or nothing (a path from the site root) when it is unknown."""
    return site_url.rstrip("/") + "/" if site_url else ""


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    The validator refuses formula-like values with a message; this is the guarantee behind it
    (OWASP's advice: a leading apostrophe makes Excel and LibreOffice read the cell as text). No
    exported column is numeric, so a leading '-' is never a negative number to keep.
    """
    text = "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
    return "'" + text if starts_like_a_formula(text) else text


def _csv(columns, rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens names with accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(v) for v in row.values()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_files(catalogue: Catalogue, site_url: str) -> dict[str, bytes]:
    """Every data file the site publishes, as ``{path under the site: bytes}``."""
    files: dict[str, bytes] = {}
    base = link_base(site_url)
    case_studies = [_row(CASE_STUDY_COLUMNS, e, catalogue, base) for e in catalogue.all_case_studies]
    files[CASE_STUDIES_JSON] = _json({"format_version": EXPORT_FORMAT_VERSION, "case_studies": case_studies}).encode()
    files[FRAMEWORK_JSON] = _json(_framework_export(catalogue, base)).encode()
    conclusions = [_row(CONCLUSION_COLUMNS, e, catalogue, base) for e in catalogue.conclusions]
    files[CONCLUSIONS_JSON] = _json({"format_version": EXPORT_FORMAT_VERSION, "conclusions": conclusions}).encode()
    files[CONCLUSIONS_CSV] = _csv(CONCLUSION_COLUMNS, conclusions)
    files[WORKSHOPS_JSON] = _json({"format_version": EXPORT_FORMAT_VERSION,
                                          "workshops": [_workshop(e, catalogue, base) for e in catalogue.workshops]}).encode()
    files.update(_role_exports(catalogue.roles, catalogue, ROLES_JSON, ROLES_CSV, base))
    for area in catalogue.role_areas:
        files.update(_role_exports(catalogue.roles_in_area(area), catalogue, ROLE_AREA_EXPORT.format(area=area, ext="json"),
                                   ROLE_AREA_EXPORT.format(area=area, ext="csv"), base))
    for content_type in CONTENT_TYPES:
        schema = json_schema(content_type, catalogue.vocabulary, site_url)
        files[SCHEMA.format(key=content_type.key)] = _json(schema).encode()
    files.update(feed_files(catalogue, site_url))
    files[ROBOTS] = robots_txt(site_url)
    return files


def _role_exports(roles, catalogue: Catalogue, json_path: str, csv_path: str, base: str) -> dict[str, bytes]:
    rows = [_row(ROLE_COLUMNS, e, catalogue, base) for e in roles]
    return {json_path: _json({"format_version": EXPORT_FORMAT_VERSION, "roles": rows}).encode(),
            csv_path: _csv(ROLE_COLUMNS, rows)}


def _workshop(entry, catalogue: Catalogue, base: str) -> dict:
    r = entry.record
    points = {name: [point.model_dump(exclude_none=True) for point in getattr(r, name)]
              for name in ("themes", "enablers", "challenges", "recommendations")}
    return {"slug": entry.slug, "title": r.title, "area": r.area, "ics": r.ics, "region": r.region,
            "participants": r.participants, "principles": list(r.principles), "summary": r.summary, **points,
            "url": base + url_of(page_of(entry)), "source": [s.label(catalogue.vocabulary) for s in r.source]}


def _framework_export(catalogue: Catalogue, base: str) -> dict:
    vocabulary = catalogue.vocabulary
    principles = [{"number": e.record.number, "title": e.record.title, "short_title": e.record.short_title,
                   "statement": e.record.statement, "top_tips": list(e.record.top_tips),
                   "case_studies": [m.slug for m in catalogue.members(catalogue.term("principle", str(e.record.number)))],
                   "url": base + url_of(page_of(e))} for e in catalogue.principles]
    frameworks = []
    for f in catalogue.frameworks:
        r = f.record
        items = [{"id": i.id, "kind": i.kind, "number": i.number, "title": i.title, "description": i.description,
                  "serves": list(i.serves), "parent": i.parent, "ranked": i.ranked, "term": i.term, "owner": i.owner,
                  "url": base + url_of(page_of(FrameworkItemRef(f, i))), "serves_inferred": list(i.serves_inferred),
                  "serves_cited": [c.model_dump(include={"principle", "document", "section", "lines", "quote"})
                                   for c in i.serves_cited]} for i in r.items]
        frameworks.append({"slug": f.slug, "title": r.title, "short_title": r.short_title, "ics": r.ics,
                           "ics_code": vocabulary.icss[r.ics].ons_code if r.ics else None, "region": r.region,
                           "summary": r.summary, "url": base + url_of(page_of(f)), "items": items,
                           "source": [s.label(vocabulary) for s in r.source]})
    return {"format_version": EXPORT_FORMAT_VERSION, "principles": principles, "frameworks": frameworks}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (the schemas refuse them; a build that skipped
    validation must still write a feed)."""
    return _NOT_XML.sub("", text)


def feed_files(catalogue: Catalogue, site_url: str) -> dict[str, bytes]:
    """RSS and JSON Feed of case studies, newest first; dates come from content, never the clock."""
    base = site_url.rstrip("/") + "/"
    newest = catalogue.newest_first()
    latest = max((e.record.last_changed for e in newest), default=date(2022, 1, 1))

    def moment(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)

    feed = FeedGenerator()
    feed.title("CCPL Knowledge Hub: case studies")
    feed.link(href=base + url_of(HUB), rel="alternate")
    feed.description("New and updated case studies of clinical and care professional leadership in England's integrated care systems.")
    feed.language("en-GB")
    feed.generator("CCPL Knowledge Hub")
    feed.lastBuildDate(moment(latest))
    for entry in reversed(newest):  # feedgen prepends: add oldest first to list newest first
        r = entry.record
        item = feed.add_entry()
        address = base + url_of(page_of(entry))
        item.id(address)
        item.guid(address, permalink=True)
        item.title(_xml_text(feed_title(r)))
        item.link(href=address)
        item.description(_xml_text(feed_text(r)))
        item.pubDate(moment(r.last_changed))
        for theme in r.themes:
            item.category(term=_xml_text(catalogue.vocabulary.themes[theme].label))
    rss = feed.rss_str(pretty=True)
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "CCPL Knowledge Hub: case studies",
        "home_page_url": base + url_of(HUB),
        "feed_url": base + JSON_FEED,
        "language": "en-GB",
        "items": [{
            "id": base + url_of(page_of(e)),
            "url": base + url_of(page_of(e)),
            "title": feed_title(e.record),
            "summary": e.record.summary,
            "content_text": feed_text(e.record),
            "date_published": moment(e.record.published).isoformat(),
            **({"date_modified": moment(e.record.last_changed).isoformat()}
               if e.record.last_changed != e.record.published else {}),
            "_ccpl": {"status": e.record.status,
                      "history": [{"date": c.date.isoformat(), "note": c.note} for c in e.record.changes]},
            "tags": [catalogue.vocabulary.themes[t].label for t in e.record.themes],
        } for e in newest],
    }
    return {RSS_FEED: rss, JSON_FEED: _json(json_feed).encode(), SITEMAP: _feeds_sitemap(base, latest)}


def _feeds_sitemap(base: str, latest: date) -> bytes:
    """A sitemap of the feeds folder. The theme fetches "sitemap.xml" beside every <link rel=alternate>
    on a page (meant for other-language versions), so the feed links made each page request
    /feeds/sitemap.xml: this answers it, truthfully, with the feeds that live there."""
    urls = "".join(f"<url><loc>{base}{feed}</loc><lastmod>{latest.isoformat()}</lastmod></url>"
                   for feed in (RSS_FEED, JSON_FEED))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n').encode()


def robots_txt(site_url: str) -> bytes:
    """Everything may be crawled; the sitemap says where every page is. The robots.txt format needs
    the sitemap's absolute URL, so the line is there only when the site's address is known."""
    sitemap = f"\nSitemap: {link_base(site_url)}sitemap.xml\n" if site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}".encode()


def feed_title(record) -> str:
    """A withdrawn case study stays in the feeds, marked, so a subscriber learns it was withdrawn."""
    return f"Withdrawn: {record.title}" if record.withdrawn else record.title


def feed_text(record) -> str:
    """The summary, then the withdrawal notice or the latest change note."""
    if record.withdrawn:
        return f"{record.summary} Withdrawn {record.withdrawn_date.isoformat()}: {record.withdrawn_reason}"
    if record.history:
        latest = record.changes[0]
        return f"{record.summary} Updated {latest.date.isoformat()}: {latest.note}"
    return record.summary


def column_reference(columns: tuple[Column, ...]) -> list[tuple[str, str]]:
    return [(c.name, c.meaning) for c in columns]
