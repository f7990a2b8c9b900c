"""No contributed text can run script: the attack corpus (``attacks.py``) against each layer.

(a) The validator refuses every payload in every plain-text field and body, at its file, line and
    field, with exit code 1 and no traceback.
(b) With validation bypassed (payloads put into the records after it, ``unvalidated_hook.py``), a
    strict build still serves nothing that can run script: every HTML file is scanned with a real
    parser, and the attacked pages are loaded in headless Chromium with a dialog listener.
(c) Property tests over field values: any text shows as text, and a body the validator accepts
    is one the sanitiser leaves alone.
"""

from __future__ import annotations

import html
import re
import typing

import lxml.html
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import attacks
from attacks import PAYLOADS, Payload
from ccpl_hub import escaping, schemas
from ccpl_hub.content_types import CONTENT_TYPES
from ccpl_hub.views.case_study import search_filter_value
from ccpl_hub import validation
from ccpl_hub.sanitise import body_changes, sanitise_contributed, sanitise_page
from ccpl_hub.validation import _site_markdown, check_markdown, may_need_sanitising, validate_content
from corpus import write_corpus
from html_scan import dangers, off_site_resources
from site_server import PUBLISHED_URL
from sites import SITE_URL, output_of, run_validate

# --- (a) the validator --------------------------------------------------------------------------


def test_the_corpus_attacks_every_text_field_of_every_schema():
    """A new text field that the attack corpus does not reach fails here, until it is added."""
    def text_fields(model) -> set[str]:
        found = set()
        for name, info in model.model_fields.items():
            words = repr(info.annotation) + repr(info.metadata)
            if "str" in words and not any(kind in words for kind in ("_slug", "Literal", "_canonical_ics", "_check_region", "_known_theme",
                                                     "_known_profession", "_line_spans", "SourceDate")):
                found.add(name)
        return found

    models = {t.model for t in CONTENT_TYPES} | {schemas.Contact, schemas.SourceCitation, schemas.FrameworkItem,
                                                     schemas.Change, schemas.CitedPoint, schemas.Figure, schemas.Tally,
                                                     schemas.Breakdown, schemas.GuidanceDocument}
    for model in models:
        covered = set(attacks.PLAIN_FIELDS.get(model, ())) | set(attacks.MARKDOWN_FIELDS.get(model, ()))
        assert text_fields(model) == covered, model.__name__


def _problems_at(root, files) -> set[tuple[str, int, str]]:
    write_corpus(root, {path: text for path, (text, _) in files.items()})
    return {(p.path, p.line, p.field) for p in validate_content(root).problems}


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p.markup or p.markdown_attack], ids=lambda p: p.name)
def test_the_validator_refuses_the_payload_in_every_field(tmp_path, payload: Payload):
    files = attacks.attack_files(payload)
    reported = _problems_at(tmp_path / "content", files)
    for path, (_, lines) in files.items():
        for field, line in lines.items():
            markdown = field == "body" or field.endswith("description")
            if (payload.markdown_attack if markdown else payload.markup) or field in ("contact.email", "source, entry 3, url"):
                assert any(p[0] == path and p[2] == field and p[1] >= line for p in reported), (path, line, field)


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if not p.markup], ids=lambda p: p.name)
def test_harmless_text_is_accepted_in_plain_text_fields(tmp_path, payload: Payload):
    """Quotes and a bare "javascript:" are only text: refusing them would turn away real titles."""
    files = attacks.attack_files(payload)
    reported = _problems_at(tmp_path / "content", files)
    assert not [p for p in reported if p[2] in ("title", "summary", "holder", "statement")]


def test_the_command_line_reports_every_payload_with_exit_code_1_and_no_traceback(tmp_path):
    files = {}
    for payload in PAYLOADS:
        files.update({path: text for path, (text, _) in attacks.attack_files(payload).items() if "principle" not in path})
    root = write_corpus(tmp_path / "content", files)
    run = run_validate(root)
    out = output_of(run)
    assert run.returncode == 1, out
    assert "Traceback" not in out
    for payload in PAYLOADS:
        if payload.markup:
            assert re.search(rf"case_studies/example-attack-{payload.name}\.md:2: title: ", out), payload.name
        if payload.markdown_attack:
            assert re.search(rf"case_studies/example-attack-{payload.name}\.md:\d+: body: ", out), payload.name


# --- (b) validation bypassed: the built site ------------------------------------------------------


def test_no_page_of_the_attacked_site_can_run_script(attacked_site):
    pages = sorted(attacked_site.site.rglob("*.html"))
    assert len(pages) > 2 * len(PAYLOADS)
    found = {str(p.relative_to(attacked_site.site)): dangers(p.read_text(encoding="utf-8")) for p in pages}
    assert not {page: d for page, d in found.items() if d}


def test_the_payloads_are_on_the_pages_as_text(attacked_site):
    """The scan above is not passing on empty pages: each payload shows, as typed, in a case
    study's heading, the browser title, the hub's list, the role table and the glossary."""
    headings, titles = set(), set()
    for url in attacked_site.page_urls:
        if url.startswith("case-studies/example-attacked-") and url != "case-studies/example-attacked-old/":
            page = attacked_site.page(url)
            headings.add(" ".join(page.h1.split()))
            titles.add(" ".join(page.tree.xpath("string(//title)").split()).removesuffix(" - CCPL Knowledge Hub"))
    for payload in PAYLOADS:
        shown = " ".join(escaping.markdown_text(payload.text).unescape().split())
        assert shown in headings and shown in titles, payload.name
    hub = " ".join(attacked_site.page("case-studies/").article.text_content().split())
    roles = " ".join(attacked_site.page("roles/gloucestershire/").article.text_content().split())
    for payload in PAYLOADS[:5]:
        text = " ".join(payload.text.split())
        assert text in hub and text in roles, payload.name


def test_the_scanner_finds_what_it_looks_for():
    """The scan can fail: each HTML payload, unescaped and unsanitised, is caught (except the
    mutation payloads, which need an HTML5 parser's foreign-content rules to turn into script)."""
    for payload in PAYLOADS:
        if (payload.markdown_attack and re.match(r"<[a-z]+[ >]", payload.text, re.I) and "alert" in payload.text
                and not payload.name.startswith("mutation")):
            assert dangers(f"<html><body>{payload.text}</body></html>"), payload.name
    assert dangers('<a href="jav&#x09;ascript:alert(1)">x</a>')
    assert dangers('<a href=" &#106;avascript:alert(1)">x</a>')
    assert dangers("<script>alert(1)</script>")
    assert not dangers('<a href="../case-studies/">x</a><script src="../assets/javascripts/hub.js"></script>')


def _off_site(site_dir, site_url: str) -> dict[str, list[str]]:
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        found[page] = off_site_resources(path.read_text(encoding="utf-8"), site_url + page, site_url)
    return {page: f for page, f in found.items() if f}


def test_no_page_makes_a_request_to_another_site(attacked_site, real_site):
    """Nothing on a page, contributed or not, makes a visitor's browser fetch anything from another
    site (an image, a script, a style sheet, a font): only a link the visitor follows leaves it.
    Emoji are characters (the theme would load them from cdn.jsdelivr.net), icons inline SVG."""
    assert _off_site(attacked_site.site, SITE_URL) == {}
    assert _off_site(real_site.directory, PUBLISHED_URL) == {}
    smiles = [p for p in attacked_site.site.rglob("*.html") if "\N{SMILING FACE WITH OPEN MOUTH AND SMILING EYES}"
              in p.read_text(encoding="utf-8")]
    assert smiles, "the emoji payload should show as its character"


@pytest.mark.parametrize("body, address, text", [("<someone@example.org>", "someone@example.org", "someone@example.org"),
                                                 ("<mailto:someone@example.org>", "someone@example.org", "someone@example.org"),
                                                 ("[Write to us](mailto:someone@example.org)", "someone@example.org", "Write to us"),
                                                 ("[Write to us](&#109;ailto:someone@example.org)", "someone@example.org",
                                                  "Write to us")])
def test_an_email_link_is_accepted_and_published_as_a_plain_mailto_link(body: str, address: str, text: str):
    """Python-Markdown writes an e-mail autolink as character references (its 'obfuscation', which
    has no setting); the sanitiser writes them out as characters. The validator compares decoded
    text, so it reports nothing the contributor could not fix, and the page has a working link."""
    assert check_markdown(body, "case_studies/example.md", 10, "body") == []
    [link] = lxml.html.fragment_fromstring(sanitise_page(_site_markdown().render(body)), create_parent="div").iter("a")
    assert (link.get("href"), link.text_content()) == (f"mailto:{address}", text)


def test_every_contact_address_on_the_real_site_is_a_working_mailto_link(real_site):
    """Contacts are written as autolinks by the case-study template: each page shows the address and
    links to exactly it, entity-encoded or not."""
    links = [(a.get("href"), a.text_content()) for path in real_site.directory.glob("case-studies/*/index.html")
             for a in lxml.html.fromstring(path.read_bytes()).iter("a") if (a.get("href") or "").startswith("mailto:")]
    assert links, "the real case studies give contact addresses"
    assert all(href == f"mailto:{text}" for href, text in links), links


def test_the_request_scan_finds_what_it_looks_for():
    page, site = "https://hub.example/x/", "https://hub.example/"
    for html_text in ('<img src="https://example.org/p.png">', '<img src="//example.org/p.png">',
                      '<img srcset="a.png 1x, https://example.org/p.png 2x">', '<script src="https://cdn.example/x.js"></script>',
                      '<link rel="stylesheet" href="https://example.org/s.css">', '<p style="background: url(https://example.org/p)">x</p>',
                      '<style>@import "https://example.org/s.css";</style>', '<iframe src="https://example.org/"></iframe>',
                      '<img src=" \\\\example.org/p.png">'):
        assert off_site_resources(f"<html><body>{html_text}</body></html>", page, site), html_text
    assert not off_site_resources('<html><head><link rel="canonical" href="https://hub.example/x/"></head><body>'
                                  '<a href="https://example.org/">x</a><img src="../p.png"><img src="/p.png"></body></html>',
                                  page, site)


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.name)
def test_a_search_filter_value_holds_no_markup_whatever_the_label(payload: Payload):
    """Pagefind decodes character references in a filter value and its panel shows values as HTML."""
    value = search_filter_value(payload.text)
    assert not set("<>&") & set(value) and "\n" not in value


# --- (b) in a browser -------------------------------------------------------------------------


# Material shows an element's title in a tooltip, as HTML (its template appends the title as markup),
# when the element is hovered or focused: both make the same tooltip from the title alone. Each distinct
# title on a page is shown in turn by focusing an element with it (one not focusable by default is made
# so with tabindex=-1, as a hover cannot be faked from a script: Material reads the :hover state, which
# only a real pointer sets), and the tooltip is read back: it must hold the title's value read as
# HTML, as text, and no element. Each tooltip stays on the page while the next are shown, and the
# last for 300 ms (Material's own hide delay is 250 ms): long enough for an image's error handler.
_SHOW_EVERY_TOOLTIP = """async () => {
    const shown = [], titles = new Set();
    for (const host of document.querySelectorAll('article [title]')) {
        if (titles.has(host.title)) continue;
        titles.add(host.title);
        const title = host.title;
        if (!host.hasAttribute('tabindex') && host.tabIndex < 0) host.tabIndex = -1;
        host.focus();
        let tooltip = null;
        for (let wait = 0; wait < 100 && !tooltip; wait++) {
            await new Promise(done => setTimeout(done, 2));
            tooltip = document.getElementById(host.getAttribute('aria-describedby'));
        }
        const inner = tooltip && tooltip.querySelector('.md-tooltip2__inner');
        shown.push({title, text: inner && inner.textContent, elements: inner ? inner.querySelectorAll('*').length : 0});
    }
    document.activeElement.blur();
    await new Promise(done => setTimeout(done, 300));
    return shown;
}"""


@pytest.mark.browser
def test_the_attacked_pages_open_no_dialog_in_chromium(attacked_site):
    from playwright.sync_api import sync_playwright

    from site_server import SiteServer, chromium_path, require_tools
    from test_browser import CHROMIUM_ARGS

    require_tools([] if chromium_path() else ["chromium"])
    # Every page but the hand-written ones and the role pages: a role's fields are all in its list's
    # table, and the case study pages carry every payload in their bodies as well.
    urls = [u for u in attacked_site.page_urls
            if not u.startswith(("about/", "contribute/", "roles/gloucestershire/example-attacked-role-"))]
    with_tooltips = ("case-studies/", "roles/", "glossary/", "principles/1/", "case-studies/example-attacked-1/")
    assert set(with_tooltips) <= set(urls)
    dialogs: list[str] = []
    tooltips: dict[str, list[dict]] = {}
    with SiteServer(attacked_site.site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for url in urls:  # images fail fast from the local server: their error handlers would have run
            page.goto(server.url + url, wait_until="load")
            if url in with_tooltips:
                tooltips[url] = page.evaluate(_SHOW_EVERY_TOOLTIP)
        # Search renders result titles and text in the browser: search for the payloads too.
        for query in ("example attacked", "onerror", "alert"):
            page.goto(server.url + "search/?q=" + query.replace(" ", "+"), wait_until="load")
            page.wait_for_selector("#ccpl-search .ccpl-result", timeout=10000)
            page.wait_for_timeout(500)
        browser.close()
    assert len(urls) > len(PAYLOADS)
    assert dialogs == [], "\n".join(dialogs)
    for url, shown in tooltips.items():
        assert shown, f"{url} has no element with a title"
        assert [(t["text"], t["elements"]) for t in shown] == [(html.unescape(t["title"]), 0) for t in shown], url
    titles = {t["title"] for shown in tooltips.values() for t in shown}
    assert any("<img" in html.unescape(title) for title in titles), "no payload reached a tooltip: the check proves nothing"


# --- (c) properties over values -------------------------------------------------------------------

_CONTEXTS = (
    "{v}\n",  # a paragraph (or a line start)
    "# {v}\n",
    "- {v}\n",
    "[{v}](/x.md)\n",
    "[link](/x.md \"{t}\")\n",  # a link title: the templates escape it with link_title
    "| a | b |\n|---|---|\n| {v} | x |\n",
    "Term\n:   {v}\n",
    "<p title=\"{v}\">{v}</p>\n",
)
_MARKUP_ALPHABET = st.sampled_from(list("<>&\"'`*_[](){}:#!|\\-+=.~^\n\r\t 1a/") +
                                   ["javascript:", "onclick=", "<img ", "](", "]: ", "{ ", "&#106;", ":smile:",
                                    "*[", "[^1]", "!!! ", "<a href=", "\u202e", "\x00", "    "])
_VALUES = st.one_of(st.text(max_size=40), st.lists(_MARKUP_ALPHABET, max_size=15).map("".join))


def _elements(html_text: str) -> list[tuple[str, tuple]]:
    document = lxml.html.fragment_fromstring(html_text, create_parent="div")
    return [(e.tag, tuple(sorted(e.attrib.items()))) for e in document.iter() if isinstance(e.tag, str)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_VALUES)
def test_any_value_shows_as_text_wherever_a_template_prints_it(value: str):
    escaped = escaping.markdown_text(value)
    assume(escaped.strip())
    expected = " ".join(escaped.unescape().split())
    markdown = _site_markdown()
    for context in _CONTEXTS:
        baseline = markdown.render(context.format(v="Example", t="Example"))
        rendered = markdown.render(context.format(v=escaped, t=escaping.markdown_link_title(value)))
        assert [tag for tag, _ in _elements(rendered)] == [tag for tag, _ in _elements(baseline)], (context, rendered)
        fragment = lxml.html.fragment_fromstring(rendered, create_parent="div")
        shown = [fragment.text_content(), *(v for e in fragment.iter() for v in e.attrib.values())]
        assert any(expected in " ".join(part.split()) for part in shown), (context, rendered)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(_MARKUP_ALPHABET, max_size=25).map("".join))
def test_a_body_the_validator_accepts_needs_no_sanitising(body: str):
    if check_markdown(body, "case_studies/example.md", 10, "body"):
        return
    rendered = _site_markdown().render(body)
    assert dangers(f"<html><body>{rendered}</body></html>") == []
    assert _elements(sanitise_contributed(rendered)) == _elements(rendered)
    assert _elements(sanitise_page(rendered)) == _elements(rendered)


# --- (d) the validator renders only what may need sanitising ----------------------------------
# Markdown syntax of every extension in mkdocs.yml, and text around it: what the prefilter lets
# through unrendered must come out of Markdown as HTML the sanitiser does not change at all.
_PLAIN_MARKDOWN = st.sampled_from(
    list("#=-*_+.`~>|:!?[]()&;\\^\"'/@ \n\t1aZé") +
    ["\n\n", "    ", "# ", "## ", "\n---\n", "\n===\n", "- ", "1. ", "> ", "| a | b |\n|:--|--:|\n", "\n:   ",
     "***", "__", "\\_", "&#95;", "&#0;", "&lt;", "&amp;", "[TOC]", "[^1]", "[x]", "[x] [y]", "![", "!! ", "?? ",
     "``", "~~", ":smile", "smile:", "http://example.org", "a@example.org", "mailto:", "javascript:", "caf\u00e9",
     "\u00a0", "\u2028", "\ufeff", "\U0001F600", "\u202e", "\uffff"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(body=st.one_of(st.lists(_PLAIN_MARKDOWN, max_size=30).map("".join), st.text(max_size=60)))
def test_text_the_validator_does_not_render_is_never_changed_by_the_sanitiser(body: str):
    assume(not may_need_sanitising(body))
    rendered = _site_markdown().render(body)
    assert body_changes(rendered) == [], rendered


# One body per reason to render: each renders to HTML the sanitiser changes, and has no other reason.
_NEEDS_RENDERING = {
    "<": "Example <span onclick=\"x\">text</span>",
    "{": "Example text\n{ onclick=\"x\" }",
    "](": "[Example](javascript:x)",
    "]:": "[Example][x]\n\n[x]: javascript:x",
    "!!!": "!!! caf\u00e9\n    Example",
    "???": "??? caf\u00e9\n    Example",
    "```": "```python linenums=\"1\" title=\"x\"\nx\n```",
    "~~~": "~~~python linenums=\"1\" title=\"x\"\nx\n~~~",
    "[TOC]": "*[TOC]*",
    "&#": "Example &#1. text",  # hypothesis found it: the parser decodes the reference to a control character
    "shortcode": "Example :octicons-vscode-16: text",
    "control character": "Example\x00text",
}


def test_every_reason_to_render_has_an_example():
    assert set(validation._MARKUP_TEXTS) | {"shortcode", "control character"} == set(_NEEDS_RENDERING)


@pytest.mark.parametrize("reason", _NEEDS_RENDERING)
def test_each_reason_to_render_is_needed_and_leads_to_a_report(reason: str):
    body = _NEEDS_RENDERING[reason]
    others = [t for t in validation._MARKUP_TEXTS if t != reason and t in body]
    others += ["shortcode"] * (reason != "shortcode" and validation._SHORTCODE.search(body) is not None)
    others += ["control"] * (reason != "control character" and validation._CONTROL.search(body) is not None)
    assert not others, "the example should have only its own reason to render"
    assert may_need_sanitising(body)
    assert body_changes(_site_markdown().render(body)), "the sanitiser changes nothing: this reason is not needed"
    assert check_markdown(body, "case_studies/example.md", 10, "body")


@pytest.mark.parametrize("heading", ["# _x", "# -x", "# ...", "# _\n\n# _", "# \\_\\_x", "# &#95;&#95;x", "Example\n---"])
def test_every_heading_keeps_its_id(heading: str):
    """Headings are not a reason to render: their ids (``heading_id``) always start with a letter or
    digit, which the sanitiser keeps; toc's own would start ``_1`` or ``__1`` for some."""
    rendered = _site_markdown().render(heading)
    assert body_changes(rendered) == []
    assert re.findall(r'id="([^"]+)"', rendered) and all(i[0].isalnum() for i in re.findall(r'id="([^"]+)"', rendered))


@pytest.mark.parametrize("value", ["a`b", "`<img src=x onerror=alert(1)>`", "x | y", "<script>alert(2)</script>",
                                   "**bold** [x](javascript:alert(3))", "``", "a\nb"])
def test_the_field_reference_shows_vocabulary_values_as_typed(value: str):
    """Vocabulary values are data anyone can propose; the field reference lists them in code spans,
    which a backtick, a '<' or a '|' in a value must not break out of."""
    from ccpl_hub.schema_docs import field_reference
    from ccpl_hub.vocabulary import ListEntry, Region, Vocabulary

    vocabulary = Vocabulary(regions={value: Region(value, "example-region", "E40000000", "Y00")},
                            themes={value: ListEntry(value, "Example theme")})
    rendered = _site_markdown().render(field_reference(CONTENT_TYPES, vocabulary))
    assert dangers(f"<html><body>{rendered}</body></html>") == []
    document = lxml.html.fragment_fromstring(rendered, create_parent="div")
    codes = [" ".join(c.text_content().split()) for c in document.iter("code")]
    assert codes.count(" ".join(value.split())) >= 3  # region of a case study, a role, a framework; a theme
    for table in document.iter("table"):
        widths = {len(row.findall("td")) for row in table.iter("tr")} - {0}
        assert widths == {4}, "a value split a table row"


@settings(max_examples=100, deadline=None)
@given(value=_VALUES)
def test_text_a_plain_text_field_accepts_has_no_markup_characters_that_matter(value: str):
    """What a plain-text field accepts, it keeps as typed: the schema never rewrites text."""
    adapter = _line_adapter()
    try:
        accepted = adapter.validate_python(value)
    except Exception:  # refused: a message is shown instead (tested in (a))
        return
    assert accepted == value.strip()
    assert not re.search(r"<[A-Za-z/!?]|\[[^\]\n]*\]\(|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
                         accepted)


def _line_adapter():
    from pydantic import TypeAdapter

    return TypeAdapter(schemas.Line)


def test_escaping_is_idempotent_on_escaped_markup():
    """A value that is already Markup (a macro's output) is not escaped twice."""
    once = escaping.markdown_text("<b> & [x]")
    assert escaping.markdown_text(once) == once
    assert html.unescape(str(once)) == "<b> & [x]"
    assert typing.cast(str, escaping.markdown_code("a`b")) == "``a`b``"
