"""A small synthetic content root for tests: obviously made-up content over the real reference data.

``write_corpus(root)`` copies the hub's reference data and vocabularies (so ICS names, aliases,
themes and professions are the real ones) and writes a valid corpus of "Example ..." files: the
5 principles, case studies for real ICSs and one region, a local framework with priorities and
actions, and role listings. Tests change it by passing ``files`` (path -> text, or None to leave a
file out), then check what the engine makes of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
COPIED_DIRS = ("framework/reference", "framework/vocabularies")
PUBLISHED = "2026-01-15"


def principle_text(number: int) -> str:
    return f"""---
number: {number}
title: "Example principle {number}"
short_title: "Example {number}"
statement: "Example statement of principle {number}, written for the tests."
top_tips:
  - "Example top tip for principle {number}."
cited_case_studies: [example-case-study-gloucestershire]
source: "Example source, principle {number}"
---
## Key themes

Example body text for principle {number}.
"""


def case_study_text(title: str, *, ics: str | None, region: str, principles: str = "[1, 3]",
                    category: str = "Principles in practice", themes: str = "[primary-care]") -> str:
    ics_line = f'ics: "{ics}"\n' if ics else ""
    return f"""---
title: "{title}"
summary: "Example summary of a synthetic case study, written for the tests."
{ics_line}region: {region}
category: {category}
principles: {principles}
themes: {themes}
published: {PUBLISHED}
source: "Example citation, made up for the tests"
---
## Background

Example body text for {title}.
"""


FRAMEWORK_TEXT = """---
title: "Example ICS framework"
short_title: "Example ICS"
ics: Gloucestershire
summary: "Example framework, written for the tests: one theme, two priorities and their actions."
source: "Example framework document, made up for the tests"
items:
  - id: theme-1
    kind: theme
    title: "Example theme"
    description: "Example theme description."
  - id: priority-1
    kind: priority
    number: "1"
    title: "Example priority 1"
    description: "Example priority description."
    serves: [1]
    serves_inferred: [1]
  - id: action-1-1
    kind: action
    number: "1.1"
    title: "Example action 1.1"
    description: "Example action description."
    parent: priority-1
    term: Short-term
    owner: "Example owner"
  - id: priority-2
    kind: priority
    number: "2"
    title: "Example priority 2"
    description: "Example priority description."
    serves: [2, 3]
    serves_inferred: [2, 3]
  - id: action-2-1
    kind: action
    number: "2.1"
    title: "Example action 2.1"
    description: "Example action description."
    parent: priority-2
    term: Long-term
    owner: "Example owner"
---
## About this framework

Example body text for the framework.
"""


CONCLUSION_TEXT = """---
title: "Example conclusion"
order: 1
kind: What has helped
summary: "Example conclusion of a synthetic report, written for the tests."
principles: [1, 3]
principles_inferred: [3]
case_studies: [example-case-study-gloucestershire, example-case-study-london]
case_studies_inferred: [example-case-study-london]
workshops: [example-workshop]
source: "Example citation, made up for the tests"
---
## What the report says

Example body text for the conclusion.
"""


WORKSHOP_TEXT = """---
title: "Example workshop"
area: "Example area"
ics: Somerset
participants: 7
principles: [2]
summary: "Example workshop of a synthetic report, written for the tests."
themes:
  - title: "Example theme"
    text: "Example theme text."
    examples: ["Example of the theme."]
    lines: "20-22"
enablers:
  - text: "Example enabler."
    lines: "24"
source: "Example citation, made up for the tests"
---
Example body text for the workshop.
"""


RESEARCH_PATH = "framework/research/learning-report-2022.md"  # not in the shared corpus: its name is a source id
RESEARCH_TEXT = """---
title: "Example research record"
summary: "Example evidence of a synthetic report, written for the tests."
figures:
  - {label: "Example figure", value: "over 5", lines: "3"}
respondents:
  - title: "Example stories by role"
    of: 9
    rows: [{label: "Example role", count: 6}, {label: "Example other role", count: 2}]
    lines: "4"
limits:
  - {title: "Example limit", text: "Example limit text.", lines: "5"}
hub_notes:
  - {text: "Example note of the hub's editors.", lines: "4"}
guidance:
  - {publisher: "Example publisher", date: "June 2021", title: "Example guidance", role: key document, lines: "6"}
source: "Example citation, made up for the tests"
---
Example body text for the research record.
"""


def role_text(title: str, *, ics: str | None = None, region: str | None = None, status: str = "vacant",
              holder: str | None = None, profession: str = "medicine") -> str:
    place = f'ics: "{ics}"\n' if ics else f"region: {region}\n"
    holder_line = f'holder: "{holder}"\n' if holder else ""
    return f"""---
title: "{title}"
{place}status: {status}
{holder_line}profession: {profession}
function: Professional network
decision_forums: ["Example forum"]
last_reviewed: 2026-01-10
source: "Example citation, made up for the tests"
---
Example body text for {title}.
"""


def billion_laughs(levels: int) -> str:
    """YAML whose anchors each list nine aliases of the one before: 9**levels strings if expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for previous, name in zip(names, names[1:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def corpus_files() -> dict[str, str]:
    """The valid synthetic corpus, path relative to the content root -> file text."""
    files = {f"framework/principles/principle-{n}.md": principle_text(n) for n in range(1, 6)}
    files.update({
        "case_studies/example-case-study-gloucestershire.md": case_study_text(
            "Example case study: Gloucestershire", ics="Gloucestershire", region="South West"),
        "case_studies/example-case-study-derbyshire.md": case_study_text(
            "Example case study: Derbyshire", ics="Derby and Derbyshire", region="Midlands",
            principles="[2, 4, 5]", category="Emerging frameworks", themes="[leadership-development]"),
        "case_studies/example-case-study-london.md": case_study_text(
            "Example case study: London region", ics=None, region="London", principles="[3]",
            category="Frameworks in design", themes="[]"),
        "framework/frameworks/example-ics-framework.md": FRAMEWORK_TEXT,
        "framework/conclusions/example-conclusion.md": CONCLUSION_TEXT,
        "framework/workshops/example-workshop.md": WORKSHOP_TEXT,
        "framework/roles/gloucestershire/example-role-vacant.md": role_text(
            "Example role (vacant)", ics="Gloucestershire"),
        "framework/roles/gloucestershire/example-role-filled.md": role_text(
            "Example role (filled)", ics="Gloucestershire", status="filled", holder="Example Holder",
            profession="physiotherapy"),
        "framework/roles/midlands/example-regional-role.md": role_text(
            "Example regional role", region="Midlands", status="unpublished", profession="pharmacy"),
    })
    return files


def write_corpus(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the synthetic corpus under ``root``; ``files`` adds, replaces (text or raw bytes) or,
    with None, leaves out files. Returns ``root``."""
    for folder in COPIED_DIRS:
        shutil.copytree(REPO_ROOT / folder, root / folder, dirs_exist_ok=True)
    for rel, content in {**corpus_files(), **(files or {})}.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
