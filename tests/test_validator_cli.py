"""The validator as contributors run it: ``scripts/validate.py`` on a synthetic content root.

One bad file per rule, through the command's ``main`` in-process (fast); the script itself runs as a
subprocess for exit codes, usage errors, output formats and several bad files at once. Each test
asserts exactly the problems reported for the bad file (path, line, field and the substance of the
message: what is wrong and what would be valid), exit code 1, and that nothing prints a traceback
(in-process, an exception would fail the test). The synthetic files' lines are fixed by
``corpus.py``: in a case study, title is line 2, summary 3, ics 4, region 5, category 6,
principles 7, themes 8, published 9, source 10, the closing '---' 11 and the body starts at 12.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import (FRAMEWORK_TEXT, REPO_ROOT, billion_laughs, case_study_text, corpus_files, principle_text, role_text,
                    write_corpus)

from ccpl_hub import cli
from ccpl_hub.validation import validate_content

SCRIPT = REPO_ROOT / "scripts" / "validate.py"
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")

CASE = "case_studies/example-bad.md"
CASE_TEXT = case_study_text("Example case study: bad", ics="Gloucestershire", region="South West")
ROLE = "framework/roles/gloucestershire/example-role-bad.md"
ROLE_TEXT = role_text("Example role: bad", ics="Gloucestershire")  # title 2, ics 3, status 4, profession 5
FRAMEWORK = "framework/frameworks/example-ics-framework.md"
CITATION = 'source: "Example citation, made up for the tests"'


def changed(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced (a fixture edit that misses fails loudly)."""
    assert text.count(old) == 1, f"{old!r} should occur once in the fixture text"
    return text.replace(old, new)


def case_study(old: str, new: str) -> dict[str, str]:
    return {CASE: changed(CASE_TEXT, old, new)}


def role(old: str, new: str) -> dict[str, str]:
    return {ROLE: changed(ROLE_TEXT, old, new)}


# A framework item's link to principle 1 as the source's own, cited to a line of a listed document.
CITED_LINK = ('    serves_cited: [{principle: 1, document: learning-report-2022, section: "Example section", lines: 3, '
              'quote: "Example words"}]\n')


def framework(old: str, new: str) -> dict[str, str]:
    return {FRAMEWORK: changed(FRAMEWORK_TEXT, old, new)}


class Expect:
    """One problem the validator must report: where, which field, and fragments of the message."""

    def __init__(self, path: str, line: int, field: str, *fragments: str):
        self.path, self.line, self.field, self.fragments = path, line, field, fragments

    def __repr__(self) -> str:
        return f"Expect({self.path}:{self.line}: {self.field}: {self.fragments})"

    def matches(self, problem: dict) -> bool:
        return ((problem["path"], problem["line"], problem["field"]) == (self.path, self.line, self.field)
                and all(fragment in problem["message"] for fragment in self.fragments))


def run_validate(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the validator on ``root`` as a contributor would; no output may ever hold a traceback."""
    result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(root), *args],
                            capture_output=True, text=True, cwd=root, timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def validate_in_process(root: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    """``scripts/validate.py`` minus the interpreter start: exit code, stdout, stderr."""
    code = cli.main(["--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def reported(stdout: str) -> list[dict]:
    """The problem lines of the text output, parsed; the last line is the summary."""
    lines = stdout.splitlines()
    problems = [PROBLEM_LINE.match(line) for line in lines[:-1]]
    assert all(problems), f"every line but the summary is path:line: field: message\n{stdout}"
    return [{**m.groupdict(), "line": int(m["line"])} for m in problems]


def assert_reports_exactly(stdout: str, expected: list[Expect]) -> None:
    problems = reported(stdout)
    unmatched = [p for p in problems if not any(e.matches(p) for e in expected)]
    missing = [e for e in expected if not any(e.matches(p) for p in problems)]
    assert not unmatched and not missing, f"unexpected: {unmatched}\nmissing: {missing}\noutput:\n{stdout}"
    assert len(problems) == len(expected), stdout


PADDING = ("Example padding line for an oversized file, written for the tests.\n" * 4700)  # ~300 KiB

BAD_FILES = [
    # --- the file and its frontmatter ---
    pytest.param({CASE: "# Example case study\n\nNo frontmatter here.\n"},
                 [Expect(CASE, 1, "file", "has no frontmatter", "the first line must be '---'")],
                 id="missing-frontmatter"),
    pytest.param({CASE: changed(CASE_TEXT, "---\n## Background", "## Background")},
                 [Expect(CASE, 1, "file", "frontmatter is not closed", "add a line '---' after the last field")],
                 id="unterminated-frontmatter"),
    pytest.param({CASE: "---\n---\nExample body.\n"},
                 [Expect(CASE, 2, "file", "frontmatter is empty", "add the required fields")],
                 id="empty-frontmatter"),
    pytest.param({CASE: "---\n- title\n- summary\n---\nExample body.\n"},
                 [Expect(CASE, 2, "file", "must be a set of 'field: value' lines", "not a list or a single value")],
                 id="frontmatter-is-a-list"),
    pytest.param({CASE: "---\nExample case study\n---\nExample body.\n"},
                 [Expect(CASE, 2, "file", "must be a set of 'field: value' lines", "not a list or a single value")],
                 id="frontmatter-is-a-scalar"),
    pytest.param({CASE: changed(CASE_TEXT, "category:", "category: [Principles\nthemes_x:")},
                 [Expect(CASE, 6, "file", "is not valid YAML", "the [ ... ] that starts on this line is not closed",
                         "The line reads: category: [Principles")],
                 id="broken-yaml"),
    pytest.param(case_study('title: "Example case study: bad"', "title: Example case study: bad"),
                 [Expect(CASE, 2, "file", "is not valid YAML: the value of 'title' contains a colon",
                         'put the whole value in double quotes, like this: title: "Example case study: bad"')],
                 id="unquoted-colon-in-title"),
    pytest.param(case_study('title: "Example case study: bad"', 'title: "Example case study: bad'),
                 [Expect(CASE, 2, "file", "is not valid YAML", "opens a quote that is never closed",
                         'The line reads: title: "Example case study: bad')],
                 id="unclosed-quote"),
    pytest.param(case_study("published: 2026-01-15", "published 2026-01-15"),
                 [Expect(CASE, 9, "file", "is not valid YAML", "has no colon after its field name",
                         "The line reads: published 2026-01-15")],
                 id="missing-colon"),
    pytest.param(case_study("category:", 'title: "Example again"\ncategory:'),
                 [Expect(CASE, 6, "title", "appears twice (first at line 2)", "keep one")],
                 id="duplicate-key"),
    pytest.param(framework("    serves: [1]\n", "    serves: [1]\n    serves: [2]\n"),
                 [Expect(FRAMEWORK, 18, "items, entry 2, serves", "appears twice (first at line 17)")],
                 id="duplicate-key-in-item"),
    pytest.param(case_study("region: South West", "region: NO"),
                 [Expect(CASE, 5, "region", "YAML reads NO as a yes/no value (boolean), not as text",
                         'put it in quotes ("NO")')],
                 id="yaml11-no-as-boolean"),
    pytest.param(case_study('title: "Example case study: bad"', "title: 2022"),
                 [Expect(CASE, 2, "title", "YAML reads 2022 as a number, not as text", 'quotes ("2022")')],
                 id="yaml11-number-as-title"),
    pytest.param(case_study('ics: "Gloucestershire"', "ics: off"),
                 [Expect(CASE, 4, "ics", "YAML reads off as a yes/no value (boolean), not as text")],
                 id="yaml11-off-as-boolean"),
    pytest.param(case_study('title: "Example case study: bad"', "title: 2022-01-01"),
                 [Expect(CASE, 2, "title", "YAML reads 2022-01-01 as a date, not as text")],
                 id="yaml11-bare-date-as-title"),
    pytest.param(role('status: vacant', 'status: vacant\ntime_commitment: 1.5'),
                 [Expect(ROLE, 5, "time_commitment", "YAML reads 1.5 as a number, not as text")],
                 id="yaml11-float-as-text"),
    pytest.param(case_study("principles: [1, 3]", "principles:\n\t- 1\n\t- 3"),
                 [Expect(CASE, 8, "file", "is indented with a tab", "use 2 spaces"),
                  Expect(CASE, 9, "file", "is indented with a tab", "use 2 spaces")],
                 id="tab-indentation"),
    pytest.param({CASE: changed(CASE_TEXT, "Example body", "Caf\xe9 body").encode("latin-1")},
                 [Expect(CASE, 14, "file", "is not valid UTF-8 (byte 0xe9 at line 14)", "save the file as UTF-8")],
                 id="not-utf8-in-body"),
    pytest.param({CASE: changed(CASE_TEXT, "Example summary", "Caf\xe9 summary").encode("cp1252")},
                 [Expect(CASE, 3, "file", "is not valid UTF-8 (byte 0xe9 at line 3)")],
                 id="not-utf8-in-frontmatter"),
    pytest.param({CASE: changed(CASE_TEXT, "Example body", "Example\x00body").encode()},
                 [Expect(CASE, 14, "file", "contains a NUL byte", "not text")],
                 id="nul-byte"),
    pytest.param({CASE: CASE_TEXT + PADDING},
                 [Expect(CASE, 1, "file", "KiB; a content file may be at most 256 KiB", "split it")],
                 id="oversized-file"),
    pytest.param({CASE: "---\ntitle: x\n" + billion_laughs(9) + "---\n"},
                 [Expect(CASE, 4, "b, entry 1", "uses a YAML alias (*name)", "write the value out in full")],
                 id="alias-bomb"),
    pytest.param(case_study("category: Principles in practice",
                            "category: &category Principles in practice\nwithdrawn_reason: *category"),
                 [Expect(CASE, 7, "withdrawn_reason", "uses a YAML alias (*name)")],
                 id="plain-alias"),
    pytest.param(case_study('title: "Example case study: bad"', "title: !!python/object:os.system x"),
                 [Expect(CASE, 2, "title", "uses the YAML tag '!!python/object:os.system'", "tags are not allowed")],
                 id="yaml-tag"),
    pytest.param(case_study("principles: [1, 3]", "principles: &p [1, 3]\n<<: *p"),
                 [Expect(CASE, 8, "file", "has a key that is not plain text", "merge keys")],
                 id="merge-key-alias"),
    pytest.param(case_study('title: "Example case study: bad"', "title: " + "[" * 20 + "]" * 20),
                 [Expect(CASE, 2, "title" + ", entry 1" * 12, "is nested more than 12 levels deep")],
                 id="too-deep"),
    # --- case study fields ---
    pytest.param(case_study("principles:", "principals:"),
                 [Expect(CASE, 7, "principals", "is not a field of a case study", "did you mean 'principles'?",
                         "Allowed fields: title, summary"),
                  Expect(CASE, 1, "principles", "is required but missing")],
                 id="unknown-key-with-suggestion"),
    pytest.param(case_study(CITATION, CITATION + '\ncontact:\n  name: "Example Name"\nemail: example@nhs.net'),
                 [Expect(CASE, 13, "email", "is not a field of a case study",
                         "'email' belongs inside 'contact'", "indented by 2 more spaces"),
                  Expect(CASE, 11, "contact.email", "is required but missing")],
                 id="nested-field-not-indented"),
    pytest.param(case_study(CITATION, CITATION + "\ncontact:\n  email: example@nhs.net\n  redirect_from: [old]"),
                 [Expect(CASE, 13, "contact.redirect_from", "is not a field of a contact",
                         "'redirect_from' is a field of the case study itself", "remove the spaces")],
                 id="top-level-field-indented"),
    pytest.param(case_study("region: South West", "region: south-wst"),
                 [Expect(CASE, 5, "region", "unknown NHS England region 'south-wst'", "did you mean 'South West'?")],
                 id="region-typo-in-lower-case"),
    pytest.param(case_study("category: Principles in practice\n", ""),
                 [Expect(CASE, 1, "category", "is required but missing", "category for the case study")],
                 id="missing-required-field"),
    pytest.param(case_study("Example summary of a synthetic case study, written for the tests.", "x" * 301),
                 [Expect(CASE, 3, "summary", "is 301 characters long; at most 300 are allowed")],
                 id="summary-too-long"),
    pytest.param(case_study("Example summary", "**Example** summary"),
                 [Expect(CASE, 3, "summary", "contains Markdown bold", "write plain text")],
                 id="summary-with-markup"),
    pytest.param(case_study("category: Principles in practice", "category: Principles in practise"),
                 [Expect(CASE, 6, "category", "'Principles in practise' is not allowed",
                         "did you mean 'Principles in practice'?",
                         "Use one of: 'Emerging frameworks', 'Frameworks in design', 'Principles in practice'")],
                 id="bad-category-with-suggestion"),
    pytest.param(case_study("category: Principles in practice", "category: [Principles in practice]"),
                 [Expect(CASE, 6, "category", "must be a single value, not a list", "use one of: 'Emerging frameworks'")],
                 id="category-as-a-list"),
    pytest.param(case_study('ics: "Gloucestershire"', 'ics: "Glocestershire"'),
                 [Expect(CASE, 4, "ics", "unknown ICS 'Glocestershire'", "did you mean 'Gloucestershire'?",
                         "ICB ONS code")],
                 id="unknown-ics-with-suggestion"),
    pytest.param(case_study("region: South West", "region: London"),
                 [Expect(CASE, 5, "region", "'London' is not the region of Gloucestershire", "it is in South West")],
                 id="region-not-the-ics-region"),
    pytest.param(case_study("region: South West", "region: Yorkshire"),
                 [Expect(CASE, 5, "region", "unknown NHS England region 'Yorkshire'",
                         "Valid values: 'East of England', 'London'")],
                 id="unknown-region"),
    pytest.param(case_study('ics: "Gloucestershire"\nregion: South West\n', ""),
                 [Expect(CASE, 1, "region", "is required but missing", "NHS England region")],
                 id="neither-ics-nor-region"),
    pytest.param(case_study("principles: [1, 3]", "principles:\n  - 1\n  - 6"),
                 [Expect(CASE, 9, "principles, entry 2", "6 is not a national CCPL principle: use 1, 2, 3, 4 or 5")],
                 id="principle-out-of-range"),
    pytest.param(case_study("principles: [1, 3]", "principles: [1, 3, 1]"),
                 [Expect(CASE, 7, "principles", "lists 1 twice; list each once")],
                 id="principle-duplicated"),
    pytest.param(case_study("principles: [1, 3]", "principles: []"),
                 [Expect(CASE, 7, "principles", "needs at least 1 entry")],
                 id="principles-empty"),
    pytest.param(case_study("principles: [1, 3]", "principles: [one]"),
                 [Expect(CASE, 7, "principles, entry 1", "'one' must be a whole number")],
                 id="principle-not-a-number"),
    pytest.param(case_study("principles: [1, 3]", "principles: 1, 3"),
                 [Expect(CASE, 7, "principles", "must be a list", "[a, b]")],
                 id="principles-not-a-list"),
    pytest.param(case_study("principles: [1, 3]", "principles: [1, 3]\nprinciples_inferred: [2]"),
                 [Expect(CASE, 8, "principles_inferred", "principle 2 must also be listed in 'principles'")],
                 id="principles-inferred-not-subset"),
    pytest.param(case_study("themes: [primary-care]", "themes:\n  - primary-care\n  - primary-cair"),
                 [Expect(CASE, 10, "themes, entry 2", "unknown theme 'primary-cair'", "did you mean 'primary-care'?",
                         "framework/vocabularies/themes.yml")],
                 id="unknown-theme"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-13-01"),
                 [Expect(CASE, 9, "published", "'2026-13-01' must be a date written YYYY-MM-DD")],
                 id="impossible-date"),
    pytest.param(case_study("published: 2026-01-15", "published: 15/01/2026"),
                 [Expect(CASE, 9, "published", "'15/01/2026' must be a date written YYYY-MM-DD")],
                 id="date-in-wrong-format"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nhistory:\n  - date: 2026-02-01\n"
                            '    note: "Example change."\n  - date: 2025-12-01\n    note: "Example change."'),
                 [Expect(CASE, 13, "history, entry 2, date", "2025-12-01 is before the 'published' date 2026-01-15")],
                 id="change-before-published"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nhistory:\n  - date: 2026-02-01"),
                 [Expect(CASE, 11, "history, entry 1, note", "is required but missing", "One line saying what changed")],
                 id="change-without-a-note"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nreviewed: 2025-12-01"),
                 [Expect(CASE, 10, "reviewed", "the review is dated 2025-12-01, before the 'published' date")],
                 id="reviewed-before-published"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nstatus: withdrawn"),
                 [Expect(CASE, 1, "withdrawn_date", "a withdrawn case study needs its 'withdrawn_date'"),
                  Expect(CASE, 1, "withdrawn_reason", "a withdrawn case study needs its 'withdrawn_reason'")],
                 id="withdrawn-without-date-or-reason"),
    pytest.param(case_study("published: 2026-01-15", 'published: 2026-01-15\nwithdrawn_reason: "Example reason."'),
                 [Expect(CASE, 10, "withdrawn_reason", "give 'withdrawn_reason' only with 'status: withdrawn'")],
                 id="withdrawn-reason-while-published"),
    pytest.param(case_study("published: 2026-01-15", "published: 2026-01-15\nstatus: retired"),
                 [Expect(CASE, 10, "status", "'retired' is not allowed", "'published', 'withdrawn'")],
                 id="unknown-status"),
    pytest.param(case_study(CITATION, "source:\n  document: learning-reprot-2022\n  section: Chapter 1"),
                 [Expect(CASE, 11, "source.document", "unknown source document 'learning-reprot-2022'",
                         "did you mean 'learning-report-2022'?", "framework/vocabularies/sources.yml")],
                 id="unknown-source-document"),
    pytest.param(case_study(CITATION, "source:\n  - document: learning-report-2022"),
                 [Expect(CASE, 11, "source, entry 1", "give the 'section' of document 'learning-report-2022'")],
                 id="source-document-without-section"),
    pytest.param(case_study(CITATION, "source:\n  - section: Chapter 1"),
                 [Expect(CASE, 11, "source, entry 1", "a source needs a 'document' (with 'section'), a 'url' or a 'citation'")],
                 id="source-without-document-url-or-citation"),
    pytest.param(case_study(CITATION, "source:\n  url: ftp://example.org/report"),
                 [Expect(CASE, 11, "source.url", "'ftp://example.org/report' is not a web address", "https://")],
                 id="source-url-not-http"),
    pytest.param(case_study(CITATION, CITATION + "\ncontact:\n  email: not-an-email"),
                 [Expect(CASE, 12, "contact.email", "'not-an-email' is not an email address", "name@nhs.net")],
                 id="contact-email"),
    pytest.param(case_study(CITATION, CITATION + "\nredirect_from: [example-case-study-london]"),
                 [Expect(CASE, 11, "redirect_from, entry 1", "'example-case-study-london' is the slug of another live page")],
                 id="redirect-to-a-live-slug"),
    pytest.param({"case_studies/Example_Bad.md": CASE_TEXT},
                 [Expect("case_studies/Example_Bad.md", 1, "file", "name 'Example_Bad.md' must be lowercase words "
                         "joined by hyphens", "e.g. 'example-bad.md'")],
                 id="file-name-not-a-slug"),
    # --- unsafe HTML in the body: the body starts at line 12, so the appended line is 16 ---
    pytest.param({CASE: CASE_TEXT + "\n<script>alert('example')</script>\n"},
                 [Expect(CASE, 16, "body", "contains a <script> tag", "not allowed")],
                 id="body-script"),
    pytest.param({CASE: CASE_TEXT + '\n<iframe src="https://example.org"></iframe>\n'},
                 [Expect(CASE, 16, "body", "contains a <iframe> tag", "not allowed")],
                 id="body-iframe"),
    pytest.param({CASE: CASE_TEXT + '\n<a href="#" onclick="steal()">Example</a>\n'},
                 [Expect(CASE, 16, "body", "contains an inline event handler (onclick=)")],
                 id="body-onclick"),
    pytest.param({CASE: CASE_TEXT + "\n[Example link](javascript:alert(1))\n"},
                 [Expect(CASE, 16, "body", "contains a javascript: link", "use an ordinary https:// link")],
                 id="body-javascript-link"),
    # --- role listings ---
    pytest.param(role("status: vacant", 'status: unpublished\nholder: "Example Holder"'),
                 [Expect(ROLE, 5, "holder", "give a holder only when status is 'filled'", "status is 'unpublished'")],
                 id="role-holder-with-status-unpublished"),
    pytest.param(role("status: vacant", "status: filled"),
                 [Expect(ROLE, 1, "holder", "a filled role needs the holder's name", "status: unpublished")],
                 id="role-filled-without-holder"),
    pytest.param(role("status: vacant", "status: filled\nholder: ~"),
                 [Expect(ROLE, 5, "holder", "a filled role needs the holder's name")],
                 id="role-filled-with-null-holder"),
    pytest.param(role("status: vacant", "status: open"),
                 [Expect(ROLE, 4, "status", "'open' is not allowed", "'filled', 'vacant', 'unpublished'")],
                 id="role-unknown-status"),
    pytest.param(role("profession: medicine", "profession: physiotherapist"),
                 [Expect(ROLE, 5, "profession", "unknown profession 'physiotherapist'", "did you mean 'physiotherapy'?",
                         "framework/vocabularies/professions.yml")],
                 id="role-unknown-profession"),
    pytest.param(role("profession: medicine", 'profession: medicine\nethnicity: "Example"'),
                 [Expect(ROLE, 6, "ethnicity", "is personal demographic data about a named person",
                         "the hub never stores", "aggregate count files")],
                 id="role-demographic-key"),
    pytest.param(role('ics: "Gloucestershire"\n', ""),
                 [Expect(ROLE, 1, "region", "give the ICS ('ics'), or the 'region' alone for a regional entry")],
                 id="role-without-ics-or-region"),
    pytest.param({"framework/roles/midlands/example-role-bad.md": ROLE_TEXT},
                 [Expect("framework/roles/midlands/example-role-bad.md", 3, "file",
                         "a role of Gloucestershire belongs in framework/roles/gloucestershire/")],
                 id="role-in-the-wrong-folder"),
    # --- frameworks and their items (items[1] starts at line 12, items[2] at 19, items[4] at 34) ---
    pytest.param(framework("id: action-2-1", "id: action-1-1"),
                 [Expect(FRAMEWORK, 19, "items, entry 3, id", "id 'action-1-1' is used by 2 items; ids must be unique"),
                  Expect(FRAMEWORK, 34, "items, entry 5, id", "id 'action-1-1' is used by 2 items")],
                 id="framework-duplicate-item-id"),
    pytest.param(framework("parent: priority-2", "parent: priority-3"),
                 [Expect(FRAMEWORK, 39, "items, entry 5, parent", "unknown framework item 'priority-3'",
                         "did you mean 'priority-2'?")],
                 id="framework-unknown-parent"),
    pytest.param(framework("    term: Long-term\n", ""),
                 [Expect(FRAMEWORK, 34, "items, entry 5, term", "an action needs its 'term'")],
                 id="framework-action-without-term"),
    pytest.param(framework('    owner: "Example owner"\n  - id: priority-2', "  - id: priority-2"),
                 [Expect(FRAMEWORK, 19, "items, entry 3, owner", "an action needs its 'owner'")],
                 id="framework-action-without-owner"),
    pytest.param(framework("    serves: [1]\n", "    serves: [1]\n    term: Short-term\n"),
                 [Expect(FRAMEWORK, 18, "items, entry 2, term", "only actions have a 'term'")],
                 id="framework-term-on-a-priority"),
    pytest.param(framework("    serves: [1]\n", "    serves: [1]\n    serve: [2]\n"),
                 [Expect(FRAMEWORK, 18, "items, entry 2, serve", "is not a field of a framework item",
                         "did you mean 'serves'?")],
                 id="framework-item-unknown-key"),
    # --- who links an item to a principle: every principle of 'serves' cited or inferred, never both ---
    pytest.param(framework("    serves_inferred: [1]\n", ""),
                 [Expect(FRAMEWORK, 12, "items, entry 2, serves_cited", "principle 1 is in 'serves' but no one is said "
                         "to make the link", "or list it in 'serves_inferred'")],
                 id="framework-link-with-no-maker"),
    pytest.param(framework("    serves_inferred: [2, 3]\n", "    serves_inferred: [2, 3, 4]\n"),
                 [Expect(FRAMEWORK, 33, "items, entry 4, serves_inferred", "principle 4 must also be listed in 'serves'")],
                 id="framework-inferred-link-not-served"),
    pytest.param(framework("    serves_inferred: [1]\n", "    serves_inferred: [1]\n" + CITED_LINK),
                 [Expect(FRAMEWORK, 19, "items, entry 2, serves_cited", "principle 1 is in 'serves_inferred' (the hub's "
                         "link)", "only those the source itself links")],
                 id="framework-link-both-cited-and-inferred"),
    pytest.param(framework("    serves_inferred: [1]\n", "    serves_inferred: [1]\n" + CITED_LINK.replace("principle: 1", "principle: 5")),
                 [Expect(FRAMEWORK, 19, "items, entry 2, serves_cited", "principle 5 is not in 'serves'")],
                 id="framework-cited-link-not-served"),
    pytest.param(framework("    serves_inferred: [1]\n", CITED_LINK.replace(', quote: "Example words"', "")),
                 [Expect(FRAMEWORK, 18, "items, entry 2, serves_cited, entry 1, quote", "is required but missing",
                         "The words on that line that make the link")],
                 id="framework-citation-without-quote"),
    pytest.param(framework("    serves_inferred: [1]\n", CITED_LINK.replace("lines: 3,", "line: 3,")),
                 [Expect(FRAMEWORK, 18, "items, entry 2, serves_cited, entry 1, line",
                         "is not a field of a principle citation", "did you mean 'lines'?"),
                  Expect(FRAMEWORK, 18, "items, entry 2, serves_cited, entry 1, lines", "is required but missing")],
                 id="framework-citation-misspelt-lines"),
    pytest.param(framework("kind: theme", "kind: themes"),
                 [Expect(FRAMEWORK, 9, "items, entry 1, kind", "'themes' is not allowed", "did you mean 'theme'?")],
                 id="framework-item-unknown-kind"),
    # --- principles ---
    pytest.param({"framework/principles/principle-2.md": changed(
                     principle_text(2), "[example-case-study-gloucestershire]", "[example-case-study-glocestershire]")},
                 [Expect("framework/principles/principle-2.md", 8, "cited_case_studies, entry 1",
                         "unknown case study 'example-case-study-glocestershire'",
                         "did you mean 'example-case-study-gloucestershire'?")],
                 id="principle-cites-unknown-case-study"),
]


@pytest.mark.parametrize(("files", "expected"), BAD_FILES)
def test_bad_file_is_reported_precisely(corpus_root: Path, capsys, files: dict, expected: list[Expect]):
    write_corpus(corpus_root, files)
    code, stdout, stderr = validate_in_process(corpus_root, capsys)
    assert code == 1, stdout
    assert_reports_exactly(stdout, expected)
    bad_files = len({e.path for e in expected})
    assert stdout.splitlines()[-1].startswith(f"Found {len(expected)} problem")
    assert f" in {bad_files} of {len(set(corpus_files()) | set(files))} files." in stdout
    assert stderr == ""


def test_an_unknown_key_suggests_only_a_close_field(corpus_root: Path, capsys):
    """'autor' shares four letters with 'category', but is no typo of it: no guess beats a wrong one."""
    write_corpus(corpus_root, case_study(CITATION, CITATION + '\nautor: "Example Author"'))
    code, stdout, _ = validate_in_process(corpus_root, capsys)
    (problem,) = reported(stdout)
    assert (code, problem["line"], problem["field"]) == (1, 11, "autor")
    assert problem["message"].startswith("is not a field of a case study; Allowed fields: title, summary")
    assert "did you mean" not in problem["message"]


def test_controlled_values_match_in_any_case_and_are_written_as_listed(corpus_root: Path):
    """'south west', 'principles in practice', 'Primary Care' name the listed values: accepted, normalised."""
    write_corpus(corpus_root, {
        **case_study("region: South West\ncategory: Principles in practice\nprinciples: [1, 3]\nthemes: [primary-care]",
                     "region: south west\ncategory: principles in practice\nprinciples: [1, 3]\n"
                     "themes: [Primary Care, LEADERSHIP-DEVELOPMENT]"),
        **role("status: vacant\nprofession: medicine\nfunction: Professional network",
               "status: Vacant\nprofession: Medicine\nfunction: professional network"),
        **framework("term: Short-term", "term: short term"),
    })
    result = validate_content(corpus_root)
    assert result.problems == []
    case = next(e.record for e in result.entries["case-study"] if e.slug == "example-bad")
    assert (case.region, case.category, case.themes) == (
        "South West", "Principles in practice", ["primary-care", "leadership-development"])
    listing = next(e.record for e in result.entries["role"] if e.slug == "example-role-bad")
    assert (listing.status, listing.profession, listing.function) == ("vacant", "medicine", "Professional network")
    (framework_entry,) = result.entries["framework"]
    assert {item.term for item in framework_entry.record.items if item.term} == {"Short-term", "Long-term"}


def test_valid_corpus_exits_0_with_the_summary(corpus_root: Path):
    result = run_validate(corpus_root)
    assert result.returncode == 0
    assert result.stdout == f"All content is valid ({len(corpus_files())} files checked).\n"
    assert result.stderr == ""


def test_aliases_and_codes_resolve_to_the_ics_short_name(corpus_root: Path):
    """An alias, an ICB ONS code and a code recoded in 2023 all name the same ICS."""
    write_corpus(corpus_root, {
        "case_studies/example-alias.md": case_study_text(
            "Example case study: alias", ics="Humber Coast & Vale", region="North East and Yorkshire"),
        "case_studies/example-ons-code.md": case_study_text(
            "Example case study: ONS code", ics="E54000043", region="South West"),
        "case_studies/example-recoded.md": case_study_text(
            "Example case study: recoded", ics="E54000063", region="South East"),
    })
    assert run_validate(corpus_root).returncode == 0
    result = validate_content(corpus_root)
    ics = {e.slug: e.record.ics for e in result.entries["case-study"]}
    assert ics["example-alias"] == "Humber and North Yorkshire"
    assert ics["example-ons-code"] == "Gloucestershire"
    assert ics["example-recoded"] == "Surrey Heartlands"


def test_regional_entries_give_region_without_ics(corpus_root: Path):
    result = validate_content(corpus_root)
    assert result.ok
    regional = {e.slug: e.record for e in (*result.entries["case-study"], *result.entries["role"]) if e.record.ics is None}
    assert {slug: record.region for slug, record in regional.items()} == {
        "example-case-study-london": "London", "example-regional-role": "Midlands"}


def test_region_is_filled_in_from_the_ics_for_roles(corpus_root: Path):
    roles = {e.slug: e.record for e in validate_content(corpus_root).entries["role"]}
    assert roles["example-role-vacant"].region == "South West"


def test_several_bad_files_are_all_reported(corpus_root: Path):
    """One bad file never hides another, whatever kind of problem each has."""
    write_corpus(corpus_root, {
        "case_studies/example-no-frontmatter.md": "Example body without frontmatter.\n",
        CASE: changed(CASE_TEXT, "region: South West", "region: London"),
        ROLE: changed(ROLE_TEXT, "profession: medicine", "profession: medcine"),
        FRAMEWORK: changed(FRAMEWORK_TEXT, "parent: priority-2", "parent: priority-9"),
        "framework/principles/principle-4.md": principle_text(4) + "\n<script>alert(4)</script>\n",
    })
    result = run_validate(corpus_root)
    assert result.returncode == 1
    assert_reports_exactly(result.stdout, [
        Expect("case_studies/example-no-frontmatter.md", 1, "file", "has no frontmatter"),
        Expect(CASE, 5, "region", "is not the region of Gloucestershire"),
        Expect(ROLE, 5, "profession", "unknown profession 'medcine'", "did you mean 'medicine'?"),
        Expect(FRAMEWORK, 39, "items, entry 5, parent", "unknown framework item 'priority-9'"),
        Expect("framework/principles/principle-4.md", 15, "body", "contains a <script> tag"),
    ])
    assert result.stdout.splitlines()[-1] == (
        f"Found 5 problems in 5 of {len(corpus_files()) + 3} files. Fix each one at the line shown, then run the check again.")


def test_github_format_prints_annotations(corpus_root: Path):
    write_corpus(corpus_root, {CASE: changed(CASE_TEXT, "region: South West", "region: London")})
    result = run_validate(corpus_root, "--format", "github", CASE)  # a path relative to the working directory
    assert result.returncode == 1
    annotation, summary = result.stdout.splitlines()
    assert annotation == (f"::error file={CASE},line=5,title=Invalid content::region: 'London' is not the region of "
                          "Gloucestershire: it is in South West")
    assert summary.startswith("Found 1 problem in 1 of 1 file.")


def test_github_annotation_escapes_newlines_and_percent():
    from ccpl_hub.problems import Problem

    problem = Problem("case_studies/a,b:c.md", 3, "summary", "100% wrong\nsecond line")
    assert problem.github_annotation() == (
        "::error file=case_studies/a%2Cb%3Ac.md,line=3,title=Invalid content::summary: 100%25 wrong%0Asecond line")


@pytest.mark.parametrize(("args", "message"), [
    (["case_studies/no-such-file.md"], "no such file: case_studies/no-such-file.md"),
    (["--no-such-option"], "unrecognized arguments: --no-such-option"),
    (["--format", "xml"], "invalid choice: 'xml'"),
    (["framework/vocabularies/themes.yml"], "is not a content file, nor a folder holding any"),
], ids=["nonexistent-path", "bad-option", "bad-format", "not-a-content-file"])
def test_usage_errors_exit_2(corpus_root: Path, args: list[str], message: str):
    result = run_validate(corpus_root, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: validate.py")
    assert message in result.stderr


def test_paths_limit_the_report_to_the_given_files(corpus_root: Path, capsys):
    other = "case_studies/example-other-bad.md"
    write_corpus(corpus_root, {
        CASE: changed(CASE_TEXT, "region: South West", "region: London"),
        other: changed(CASE_TEXT, "category: Principles in practice", "category: Example"),
        ROLE: changed(ROLE_TEXT, "profession: medicine", "profession: medcine"),
    })
    code, stdout, _ = validate_in_process(corpus_root, capsys, str(corpus_root / CASE))
    assert code == 1
    assert_reports_exactly(stdout, [Expect(CASE, 5, "region", "is not the region of Gloucestershire")])
    assert stdout.splitlines()[-1].startswith("Found 1 problem in 1 of 1 file.")

    code, stdout, _ = validate_in_process(corpus_root, capsys, str(corpus_root / "case_studies"))
    assert code == 1
    assert_reports_exactly(stdout, [Expect(CASE, 5, "region", "is not the region"),
                                    Expect(other, 6, "category", "'Example' is not allowed")])
    assert "in 2 of 5 files." in stdout

    code, stdout, _ = validate_in_process(corpus_root, capsys, str(corpus_root / "case_studies/example-case-study-london.md"))
    assert (code, stdout) == (0, "All content is valid (1 file checked).\n")


def test_vocabulary_problems_show_whatever_paths_are_given(corpus_root: Path, capsys):
    """Every file depends on the vocabularies, so their problems are never filtered out."""
    themes = corpus_root / "framework/vocabularies/themes.yml"
    themes.write_text(changed(themes.read_text(encoding="utf-8"), "slug: primary-care", "slug: Primary Care"),
                      encoding="utf-8")
    lines = themes.read_text(encoding="utf-8").splitlines()
    line = lines.index("  - slug: Primary Care") + 1
    index = sum(1 for text in lines[: line - 1] if text.startswith("  - "))
    code, stdout, _ = validate_in_process(corpus_root, capsys, str(corpus_root / "case_studies/example-case-study-london.md"))
    assert code == 1
    assert_reports_exactly(stdout, [
        Expect("framework/vocabularies/themes.yml", line, f"themes, entry {index + 1}, slug",
               "'Primary Care' must be lowercase letters and digits joined by single hyphens"),
    ])
    # and the case studies that use the theme say so, when they are checked
    _, everything, _ = validate_in_process(corpus_root, capsys)
    assert "case_studies/example-case-study-gloucestershire.md:8: themes, entry 1: unknown theme 'primary-care'" in everything


def test_real_content_is_valid():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"All content is valid \(\d+ files checked\)\.\n", result.stdout)
