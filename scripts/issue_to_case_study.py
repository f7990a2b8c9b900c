#!/usr/bin/env python3
"""Turn a "New case study" issue into a case-study file: `python scripts/issue_to_case_study.py BODY`.

BODY is a file holding the issue's body as GitHub renders it from the form in
.github/ISSUE_TEMPLATE/case-study.yml (a `### Label` heading per question, `_No response_` for an
empty answer, `- [X]` for a ticked box), or `-` to read it from standard input, for example:

    gh issue view 12 --json body --jq .body | python scripts/issue_to_case_study.py -

Every answer is checked against the schema first: nothing is written while one is invalid, and an
existing file is never replaced. Exit 0 when the file was written, 1 when it was not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from ccpl_hub import authoring  # noqa: E402
from ccpl_hub.content_types import CASE_STUDY  # noqa: E402
from ccpl_hub.loader import RawDocument  # noqa: E402
from ccpl_hub.review import build_date  # noqa: E402
from ccpl_hub.validation import check_body  # noqa: E402
from ccpl_hub.vocabulary import load_vocabulary, slugify  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
FORM = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
NO_RESPONSE = "_No response_"
TICKED = re.compile(r"^\s*- \[[xX]\] (.+?)\s*$")


def form_questions() -> list[dict]:
    """The form's questions (every body element with an id), as declared in the form file."""
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return [element for element in form["body"] if "id" in element]


def read_answers(body: str, questions: list[dict]) -> dict[str, str | list[str] | None]:
    """Each question's answer, by question id: text, the ticked labels of checkboxes, or None.

    Only a '### ' line naming one of the form's labels starts an answer, so a contributor's own
    '### ' heading inside a long answer stays part of that answer.
    """
    by_label = {q["attributes"]["label"]: q for q in questions}
    answers: dict[str, str | list[str] | None] = {}
    current, lines = None, []

    def finish() -> None:
        if current is None:
            return
        text = "\n".join(lines).strip()
        if current["type"] == "checkboxes":
            answers[current["id"]] = [m.group(1) for m in map(TICKED.match, text.split("\n")) if m]
        else:
            answers[current["id"]] = None if text in ("", NO_RESPONSE) else text

    for line in body.replace("\r\n", "\n").split("\n"):
        label = line[4:].strip() if line.startswith("### ") else None
        if label in by_label and by_label[label]["id"] not in answers and by_label[label] is not current:
            finish()
            current, lines = by_label[label], []
        elif current is not None:
            lines.append(line)
    finish()
    return answers


def _lines(text: str | None) -> list[str]:
    """The entries of a one-per-line answer, without list bullets."""
    return [line.strip().lstrip("-*").strip() for line in (text or "").split("\n") if line.strip().lstrip("-*").strip()]


def case_study_values(answers: dict, vocabulary) -> dict:
    """The case study's fields from the form's answers."""
    values = {
        "title": answers.get("title"),
        "summary": " ".join((answers.get("summary") or "").split()) or None,
        "ics": answers.get("ics"),
        "region": answers.get("region"),
        "category": answers.get("category"),
        "principles": [int(n) for label in answers.get("principles") or []
                       for n in re.findall(r"^Principle (\d+)\b", label)],
        "themes": authoring.theme_slugs(_lines(answers.get("themes")), vocabulary),
        "organisations": _lines(answers.get("organisations")),
        "published": build_date(),
        "source": answers.get("source"),
    }
    if answers.get("contact-name") or answers.get("contact-email"):
        values["contact"] = {"name": answers.get("contact-name"), "email": answers.get("contact-email")}
    authoring.complete_region(values, vocabulary)
    return values


def _label_of(field: str, labels: dict[str, str]) -> str:
    """The form label a problem's field came from: 'contact.email' -> 'Contact email (optional)'."""
    key = field.split(",")[0].replace(".", "-")
    return labels.get(key) or labels.get(key.split("-")[0]) or field


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="issue_to_case_study.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("body", help="a file holding the issue's body, or - for standard input")
    parser.add_argument("--slug", help="the file name to use (default: from the title)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.body != "-" and not Path(args.body).is_file():
        parser.error(f"no such file: {args.body}")
    raw = sys.stdin.buffer.read() if args.body == "-" else Path(args.body).read_bytes()
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        print(f"The issue body is not valid UTF-8 (byte 0x{raw[error.start]:02x} at line {line}): save it as "
              "UTF-8 (`gh issue view N --json body --jq .body` prints it so). Nothing was written.")
        return 1
    questions = form_questions()
    answers = read_answers(body, questions)
    if not answers:
        parser.error("this is not the body of a 'New case study' issue: it has none of the form's "
                     "'### ' questions (copy the whole body, as `gh issue view N --json body --jq .body` prints it)")

    root = args.root.resolve()
    vocabulary, _ = load_vocabulary(root)
    values = case_study_values(answers, vocabulary)
    labels = {q["id"]: q["attributes"]["label"] for q in questions}
    slug = args.slug or slugify(values["title"] or "")
    sections = [(s.heading, answers[s.key]) for s in authoring.CASE_STUDY_SECTIONS if answers.get(s.key)]
    body_text = authoring.sections_markdown(sections)
    problems = [f"{_label_of(p.field, labels)}: {p.message}"
                for p in authoring.draft_problems(CASE_STUDY, values, vocabulary, "issue")]
    problems += [f"{p.field}: {p.message}" for p in check_body(RawDocument("issue", {}, body=body_text))]
    slug_problem = authoring.slug_problem(root, slug)
    if slug_problem:
        problems.append(f"file name: {slug_problem}")
    size_problem = authoring.size_problem(authoring.render_entry(CASE_STUDY.model, values, body_text))
    if size_problem:
        problems.append(f"answers: {size_problem}")
    unticked = [o["label"] for q in questions if q["id"] == "confirm" for o in q["attributes"]["options"]
                if o["label"] not in (answers.get("confirm") or [])]
    for label in unticked:
        print(f"Note: the contributor did not confirm: {label}")
    if problems:
        print(*problems, sep="\n")
        print("Nothing was written: ask the contributor about the answers above, or correct them in the "
              "saved body and run this again.")
        return 1
    return authoring.write_case_study(root, slug, values, body_text)


if __name__ == "__main__":
    sys.exit(main())
