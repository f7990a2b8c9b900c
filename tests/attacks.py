"""An attack corpus: script payloads for every plain-text field and every Markdown body of every
content type, made up for the tests.

Each payload calls ``alert(N)`` with its own N, so a dialog in the browser names the payload that
ran. The classes are those of issue 10 and the filter-evasion classes of the OWASP XSS cheat sheet.

``poison`` puts the payloads into already-validated records (``model_copy`` skips validation), so a
site can be built from them as if validation had missed everything: the escaping and the sanitiser
must hold on their own. ``attack_files`` writes them as content files for the validator.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from ccpl_hub import schemas
from corpus import case_study_text, role_text
from sites import with_field


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    markup: bool = True  # a plain-text field must refuse it (False: it is harmless text, shown as typed)
    markdown_attack: bool = True  # a Markdown body must refuse it (False: it renders as harmless text)


PAYLOADS = (
    Payload("img-onerror", "<img src=x onerror=alert(1)>"),
    Payload("svg-onload", "<svg onload=alert(2)>"),
    Payload("tag-split-over-lines", "<img src=x\nonerror=alert(3)>"),
    Payload("script", "<script>alert(4)</script>"),
    Payload("iframe-srcdoc", "<iframe srcdoc=\"<script>alert(5)</script>\"></iframe>"),
    Payload("iframe-javascript", "<iframe src=\"javascript:alert(6)\"></iframe>"),
    Payload("object-data", "<object data=\"javascript:alert(7)\"></object>"),
    Payload("embed-src", "<embed src=\"javascript:alert(8)\">"),
    Payload("base-href", "<base href=\"javascript:alert(9)//\">"),
    Payload("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(10)\">"),
    Payload("style-expression", "<div style=\"width: expression(alert(11))\">Example</div>"),
    Payload("style-url-javascript", "<p style=\"background:url(javascript:alert(12))\">Example</p>"),
    Payload("form-action", "<form action=\"javascript:alert(13)\"><button>Go</button></form>"),
    Payload("button-formaction", "<button formaction=\"javascript:alert(14)\">Example</button>"),
    Payload("svg-animate-values", "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(15)\"/>"
                                  "<text y=\"20\">Example</text></a></svg>"),
    Payload("markdown-link-javascript", "[Example](javascript:alert(16))"),
    Payload("entity-in-scheme", "[Example](&#106;avascript:alert(17))"),
    Payload("entity-colon", "[Example](javascript&#58;alert(18))"),
    Payload("tab-entity-in-scheme", "<a href=\"jav&#x09;ascript:alert(19)\">Example</a>"),
    Payload("newline-in-scheme", "<a href=\"java\nscript:alert(20)\">Example</a>"),
    Payload("space-before-scheme", "<a href=\" javascript:alert(21)\">Example</a>"),
    Payload("angle-bracket-link", "[Example](<javascript:alert(22)>)"),
    Payload("data-url", "[Example](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMyk8L3NjcmlwdD4=)"),
    Payload("vbscript", "[Example](vbscript:msgbox(24))"),
    Payload("image-javascript", "![Example](javascript:alert(25))"),
    Payload("attr-list-on-link", "[Example](https://example.org){ onclick=\"alert(26)\" }"),
    Payload("attr-list-on-paragraph", "Example text\n{ onmouseover=\"alert(27)\" }"),
    Payload("attr-list-on-heading", "## Example heading { onclick=\"alert(28)\" }"),
    Payload("attr-list-on-image", "![Example](https://example.org/example.png){ onerror=\"alert(29)\" }"),
    Payload("attr-list-sets-href", "[Example](https://example.org){ href=\"javascript:alert(30)\" }"),
    Payload("reference-definition", "[Example][r]\n\n[r]: javascript:alert(31)"),
    Payload("cr-then-definition", "Example\r[Example][s]\r\r[s]: javascript:alert(32)"),
    Payload("autolink-javascript", "<javascript:alert(33)>"),
    Payload("all-entities-scheme", "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;"
                                   "alert(34)\">Example</a>"),
    Payload("details-ontoggle", "<details open ontoggle=alert(35)><summary>Example</summary></details>"),
    Payload("input-onfocus", "<input autofocus onfocus=alert(36)>"),
    Payload("md-in-html-handler", "<div markdown=\"1\" onclick=\"alert(37)\">Example</div>"),
    Payload("abbreviation-definition", "Example\n\n*[Example]: <img src=x onerror=alert(38)>"),
    Payload("footnote", "Example[^1]\n\n[^1]: <img src=x onerror=alert(39)>"),
    Payload("admonition-title", "!!! note \"<img src=x onerror=alert(40)>\"\n    Example"),
    Payload("mixed-case", "<IMG SRC=x OnErRoR=alert(43)>"),
    Payload("mixed-case-scheme", "<a href=\"JaVaScRiPt:alert(44)\">Example</a>"),
    Payload("mutation-math-style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(45)>"),
    Payload("mutation-noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(46)>\">"),
    Payload("bold", "**Example**", markdown_attack=False),
    # Harmless as text: a plain-text field keeps them, and every page must show them as typed.
    Payload("double-quote-breakout", "\" onmouseover=\"alert(41)\" x=\"", markup=False, markdown_attack=False),
    Payload("single-quote-breakout", "' onmouseover='alert(42)' x='", markup=False, markdown_attack=False),
    Payload("bare-javascript-text", "javascript:alert(47)", markup=False, markdown_attack=False),
    Payload("emoji-and-list-marker", "Example :material-alert: *x* _y_ 1. # z", markup=False, markdown_attack=False),
    # Control and direction characters: refused in plain text, dropped by the escaping.
    Payload("nul", "Example\x00text", markdown_attack=False),
    Payload("bidi-override", "Example \u202etxet", markdown_attack=False),
    Payload("c1-control", "Example\x85text", markdown_attack=False),
    # Requests to other sites: an image from elsewhere is refused; an emoji is a character, not an image.
    Payload("image-from-another-site", "![Example](https://example.org/pixel.png)"),
    Payload("emoji-shortcode", "Example :smile: :thumbsup:", markup=False, markdown_attack=False),
)

# Every plain-text field of every content type, and the Markdown fields (checked by the sanitiser).
PLAIN_FIELDS = {
    schemas.CaseStudy: ("title", "summary", "organisations", "withdrawn_reason"),
    schemas.Change: ("note",),
    schemas.Contact: ("name", "email"),
    schemas.SourceCitation: ("section", "citation", "url"),
    schemas.Principle: ("title", "short_title", "statement", "top_tips"),
    schemas.Framework: ("title", "short_title", "summary"),
    schemas.FrameworkItem: ("number", "title", "owner"),
    schemas.Role: ("title", "holder", "decision_forums", "time_commitment", "accountable_to"),
    schemas.DiversityFigures: ("population",),
    schemas.Conclusion: ("title", "summary"),
    schemas.Workshop: ("title", "area", "summary"),
    schemas.CitedPoint: ("title", "text", "examples"),
    schemas.Research: ("title", "summary"),
    schemas.Figure: ("label", "value", "note"),
    schemas.Tally: ("label",),
    schemas.Breakdown: ("title",),
    schemas.GuidanceDocument: ("publisher", "date", "title", "bibliography_title"),
}
MARKDOWN_FIELDS = {schemas.FrameworkItem: ("description",)}


# --- content files for the validator ------------------------------------------------------------
def _quoted(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _file(lines: list[tuple[str, str | None]], body: str) -> tuple[str, dict[str, int]]:
    """Frontmatter lines (text, field they set or None) and a body -> file text and field -> line."""
    text = "\n".join(["---", *(line for line, _ in lines), "---", body, ""])
    where = {field: number + 2 for number, (_, field) in enumerate(lines) if field}
    where["body"] = len(lines) + 3
    return text, where


def case_study_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), (f"summary: {q}", "summary"), ("ics: Gloucestershire", None),
        ("region: South West", None), ("category: Principles in practice", None), ("principles: [1]", None),
        ("organisations:", None), (f"  - {q}", "organisations, entry 1"), ("contact:", None), (f"  name: {q}", "contact.name"),
        (f"  email: {q}", "contact.email"), ("published: 2026-01-15", None), ("history:", None),
        ("  - date: 2026-01-20", None), (f"    note: {q}", "history, entry 1, note"), ("status: withdrawn", None),
        ("withdrawn_date: 2026-01-25", None), (f"withdrawn_reason: {q}", "withdrawn_reason"), ("source:", None), (f"  - citation: {q}", "source, entry 1, citation"),
        ("  - document: learning-report-2022", None), (f"    section: {q}", "source, entry 2, section"),
        (f"  - url: {q}", "source, entry 3, url"),
    ], body)


def role_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), ("ics: Gloucestershire", None), ("status: filled", None), (f"holder: {q}", "holder"),
        ("profession: medicine", None), ("function: Other", None), ("decision_forums:", None),
        (f"  - {q}", "decision_forums, entry 1"), (f"time_commitment: {q}", "time_commitment"),
        (f"accountable_to: {q}", "accountable_to"), ("last_reviewed: 2026-01-10", None),
        (f"source: {q}", "source.citation"),
    ], body)


def framework_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), (f"short_title: {q}", "short_title"), ("ics: Gloucestershire", None),
        (f"summary: {q}", "summary"), ("source: \"Example framework document, made up for the tests\"", None),
        ("items:", None), ("  - id: action-1", None), ("    kind: action", None), (f"    number: {q}", "items, entry 1, number"),
        (f"    title: {q}", "items, entry 1, title"), (f"    description: {q}", "items, entry 1, description"),
        ("    term: Short-term", None), (f"    owner: {q}", "items, entry 1, owner"),
    ], body)


def principle_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        ("number: 1", None), (f"title: {q}", "title"), (f"short_title: {q}", "short_title"),
        (f"statement: {q}", "statement"), ("top_tips:", None), (f"  - {q}", "top_tips, entry 1"),
        ("source: \"Example source, principle 1\"", None),
    ], body)


def conclusion_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), ("order: 1", None), ("kind: Risk", None), (f"summary: {q}", "summary"),
        ("source:", None), ("  document: learning-report-2022", None), (f"  section: {q}", "source.section"),
        ("  lines: 10", None),
    ], body)


def workshop_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), (f"area: {q}", "area"), ("region: London", None), (f"summary: {q}", "summary"),
        ("themes:", None), (f"  - title: {q}", "themes, entry 1, title"), (f"    text: {q}", "themes, entry 1, text"),
        ("    examples:", None), (f"      - {q}", "themes, entry 1, examples, entry 1"), ("    lines: 10", None),
        ("source:", None), ("  document: learning-report-2022", None), ("  section: Example section", None),
        ("  lines: 10", None),
    ], body)


def research_file(p: str, body: str) -> tuple[str, dict[str, int]]:
    q = _quoted(p)
    return _file([
        (f"title: {q}", "title"), (f"summary: {q}", "summary"), ("figures:", None), (f"  - label: {q}", "figures, entry 1, label"),
        (f"    value: {q}", "figures, entry 1, value"), (f"    note: {q}", "figures, entry 1, note"), ("    lines: 3", None),
        ("respondents:", None), (f"  - title: {q}", "respondents, entry 1, title"), ("    rows:", None),
        (f"      - label: {q}", "respondents, entry 1, rows, entry 1, label"), ("        count: 5", None), ("    lines: 4", None),
        ("guidance:", None), (f"  - publisher: {q}", "guidance, entry 1, publisher"), (f"    date: {q}", "guidance, entry 1, date"),
        (f"    title: {q}", "guidance, entry 1, title"), ("    role: supporting", None), ("    lines: 6", None),
        (f"    bibliography_title: {q}", "guidance, entry 1, bibliography_title"), ("    bibliography_lines: 7", None),
        ("source:", None), ("  document: learning-report-2022", None), ("  section: Example section", None), ("  lines: 3-7", None),
    ], body)


def attack_files(payload: Payload) -> dict[str, tuple[str, dict[str, int]]]:
    """Content path -> (file text with ``payload`` in every text field, and in the body when it is a
    Markdown attack (a raw control character makes the whole file unreadable), field -> line)."""
    slug = f"example-attack-{payload.name}"
    body = payload.text if payload.markdown_attack else "Example body."
    return {
        f"case_studies/{slug}.md": case_study_file(payload.text, body),
        f"framework/roles/gloucestershire/{slug}.md": role_file(payload.text, body),
        f"framework/frameworks/{slug}.md": framework_file(payload.text, body),
        "framework/principles/principle-1.md": principle_file(payload.text, body),
        f"framework/conclusions/{slug}.md": conclusion_file(payload.text, body),
        f"framework/workshops/{slug}.md": workshop_file(payload.text, body),
        "framework/research/learning-report-2022.md": research_file(payload.text, body),
    }


# --- validated records with payloads put in afterwards -------------------------------------------
def _poisoned(record, payload: str, turn: int = 0):
    """``record`` with ``payload`` in every plain-text and Markdown field, nested records included
    (a framework's items get the payloads that follow, one each)."""
    update = {}
    for name in PLAIN_FIELDS.get(type(record), ()) + MARKDOWN_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        if isinstance(value, list):
            update[name] = [payload for _ in value] or [payload]
        elif value is not None or name in ("time_commitment", "accountable_to"):
            update[name] = payload
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, schemas.Schema):
            update[name] = _poisoned(value, payload)
        elif isinstance(value, list) and value and isinstance(value[0], schemas.FrameworkItem):
            update[name] = [_poisoned(v, PAYLOADS[(turn + 1 + i) % len(PAYLOADS)].text) for i, v in enumerate(value)]
        elif isinstance(value, list) and value and isinstance(value[0], schemas.Schema):
            update[name] = [_poisoned(v, payload) for v in value]
    if isinstance(record, schemas.Role) and record.status != "filled":
        update.pop("holder", None)
    if isinstance(record, schemas.CaseStudy):  # shown only with a contact, and with an update
        update.setdefault("contact", schemas.Contact.model_construct(name=payload, email=payload))
        update["history"] = [schemas.Change.model_construct(date=record.published, note=payload)]
    return record.model_copy(update=update)


def poison(result) -> None:
    """Put a payload (a different one for each record, in turn) into every record of a validation
    result, its body included, and into the vocabularies' labels and glossary."""
    for entries in result.entries.values():
        for turn, entry in enumerate(entries):
            payload = PAYLOADS[turn % len(PAYLOADS)].text
            entries[turn] = dataclasses.replace(
                entry, record=_poisoned(entry.record, payload, turn),
                document=dataclasses.replace(entry.document, body=entry.document.body + "\n\n" + payload + "\n"))
    vocabulary = result.vocabulary
    for index, (slug, theme) in enumerate(sorted(vocabulary.themes.items())):
        vocabulary.themes[slug] = dataclasses.replace(theme, label=PAYLOADS[index % len(PAYLOADS)].text)
    for index, (slug, profession) in enumerate(sorted(vocabulary.professions.items())):
        vocabulary.professions[slug] = dataclasses.replace(profession, label=PAYLOADS[(index + 3) % len(PAYLOADS)].text)
    for index, (key, document) in enumerate(sorted(vocabulary.sources.items())):
        text = PAYLOADS[(index + 7) % len(PAYLOADS)].text
        vocabulary.sources[key] = dataclasses.replace(document, title=text, publisher=text, description=text)
    vocabulary.glossary[:] = [dataclasses.replace(term, definition=PAYLOADS[(i + 13) % len(PAYLOADS)].text)
                              for i, term in enumerate(vocabulary.glossary)]


def site_files() -> dict[str, str]:
    """Enough extra (valid) case studies and roles for every payload to land in one of each."""
    files = {}
    for n, _ in enumerate(PAYLOADS):
        files[f"case_studies/example-attacked-{n}.md"] = case_study_text(
            f"Example attacked case study {n}", ics="Gloucestershire", region="South West")
        files[f"framework/roles/gloucestershire/example-attacked-role-{n}.md"] = role_text(
            f"Example attacked role {n}", ics="Gloucestershire", status="filled", holder="Example Holder")
    old = "case_studies/example-attacked-0.md"  # and a redirect page, made by mkdocs-redirects
    files[old] = with_field(files[old], "redirect_from", "[example-attacked-old]")
    return files
