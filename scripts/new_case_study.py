#!/usr/bin/env python3
"""Start a new case study: `python scripts/new_case_study.py` (or `make case-study`).

Asks for the title, summary, ICS (or region), category, principles, themes and source, checks each
answer at once against the schema (an ICS typo gets the closest known ICS suggested), and writes
case_studies/<slug>.md from the template. `--non-interactive` takes the answers as flags instead.
It never replaces an existing file. Exit 0 when the file was written, 1 when it was not (an answer
is invalid, the file exists, or you stopped), 2 for a usage error.
`--write-templates` rewrites case_studies/_template.md and framework/roles/_template.md from the schemas.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from ccpl_hub import authoring  # noqa: E402
from ccpl_hub.content_types import CASE_STUDY, PRINCIPLE  # noqa: E402
from ccpl_hub.review import build_date  # noqa: E402
from ccpl_hub.schemas import CATEGORIES  # noqa: E402
from ccpl_hub.validation import validate_content  # noqa: E402
from ccpl_hub.vocabulary import Vocabulary, slugify  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Question:
    """One answer the script needs: the schema field it fills, how to ask, and how to read the answer."""

    field: str
    flag: str
    prompt: str
    read: Callable[[str], Any]  # answer text -> value (None when left blank)
    asked: Callable[[dict], bool] = lambda answers: True


def _text(answer: str) -> str | None:
    return answer.strip() or None


def _category(answer: str) -> str | None:
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(CATEGORIES):
        return CATEGORIES[int(answer) - 1]
    return answer or None


def _principles(answer: str) -> list:
    """'1, 3' or '1 3' -> [1, 3]; a word that is not a number is kept, so the schema can say so."""
    return [int(part) if part.isdigit() else part for part in re.split(r"[,\s]+", answer.strip()) if part]


def questions(vocabulary: Vocabulary, principle_titles: dict[int, str]) -> list[Question]:
    principles = "\n".join(f"  {n}. {title}" for n, title in sorted(principle_titles.items()))
    categories = "\n".join(f"  {n}. {name}" for n, name in enumerate(CATEGORIES, 1))
    themes = ", ".join(sorted(vocabulary.themes))
    return [
        Question("title", "--title", "Title of the case study, in plain English", _text),
        Question("summary", "--summary", "Summary: plain text, at most 300 characters, saying what was done "
                 "and why it matters", _text),
        Question("ics", "--ics", "Integrated care system (ICS): its name, such as Gloucestershire. Leave it "
                 "blank for a regional case study", _text),
        Question("region", "--region", "NHS England region (for a regional case study): "
                 + ", ".join(sorted(vocabulary.regions)), _text, asked=lambda answers: not answers.get("ics")),
        Question("category", "--category", f"Category: type its number\n{categories}\n", _category),
        Question("principles", "--principles", "National principles the case study shows: their numbers, "
                 f"such as 1, 3\n{principles}\n", _principles),
        Question("themes", "--themes", f"Themes (optional, at most 6, separated by commas): {themes}",
                 lambda answer: authoring.theme_slugs(answer.split(","), vocabulary)),
        Question("source", "--source", "Source of the facts: a web address, or a citation such as "
                 "\"Annual report 2023, page 4\"", _text),
    ]


class Interview:
    """Asks each question until the answer passes the schema's checks for that field."""

    def __init__(self, vocabulary: Vocabulary, root: Path, draft: dict[str, Any]):
        self.vocabulary, self.root, self.draft = vocabulary, root, draft

    def problems(self, field: str, value: Any) -> list[str]:
        trial = {**self.draft, field: value}
        authoring.complete_region(trial, self.vocabulary)
        found = authoring.draft_problems(CASE_STUDY, trial, self.vocabulary, "new case study")
        return authoring.field_messages(found, field)

    def accept(self, field: str, value: Any) -> None:
        self.draft[field] = value
        authoring.complete_region(self.draft, self.vocabulary)


def _ask(prompt: str) -> str:
    try:
        return input(f"{prompt}\n> ")
    except EOFError:
        raise KeyboardInterrupt from None


def interactive(interview: Interview, asked: list[Question]) -> str:
    print("New case study for the CCPL Knowledge Hub. Answer each question and press Enter; each answer\n"
          "is checked straight away. Press Ctrl+C at any time to stop without saving anything.\n")
    for question in asked:
        if not question.asked(interview.draft):
            continue
        while True:
            value = question.read(_ask(question.prompt))
            problems = interview.problems(question.field, value)
            if not problems:
                interview.accept(question.field, value)
                break
            for message in problems:
                print(f"  Please check this answer. {question.field}: {message}")
        print()
    suggested = slugify(interview.draft["title"])
    while True:
        slug = _ask(f"File name (press Enter for {suggested})").strip() or suggested
        problem = authoring.slug_problem(interview.root, slug)
        if problem is None:
            return slug
        print(f"  Please check this answer. {problem}")


def non_interactive(interview: Interview, asked: list[Question], args: argparse.Namespace) -> str | None:
    """Check every answer given as a flag and report all problems at once; the slug, or None."""
    problems = []
    for question in asked:
        text = getattr(args, question.field)
        if text is None and not question.asked(interview.draft):
            continue
        value = question.read(text or "")
        found = interview.problems(question.field, value)
        problems += [f"{question.flag}: {message}" for message in found]
        if not found:
            interview.accept(question.field, value)
    slug = args.slug or slugify(args.title or "")
    slug_problem = authoring.slug_problem(interview.root, slug)
    if slug_problem:
        problems.append(f"--slug: {slug_problem}")
    for problem in problems:
        print(problem)
    return None if problems else slug


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_case_study.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--non-interactive", action="store_true", help="take every answer from the flags below")
    for flag in ("title", "summary", "ics", "region", "category", "principles", "themes", "source", "slug"):
        parser.add_argument(f"--{flag}")
    parser.add_argument("--write-templates", action="store_true",
                        help="rewrite the contributor templates from the schemas, then stop")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.write_templates:
        for template in authoring.TEMPLATES:
            (root / template.path).write_text(authoring.render_template(template), encoding="utf-8")
            print(f"Wrote {template.path}")
        return 0

    content = validate_content(root)
    titles = {e.record.number: e.record.short_title for e in content.entries.get(PRINCIPLE.key, [])}
    interview = Interview(content.vocabulary, root, {"published": build_date()})
    asked = questions(content.vocabulary, titles)
    try:
        slug = non_interactive(interview, asked, args) if args.non_interactive else interactive(interview, asked)
    except KeyboardInterrupt:
        print("\nStopped: nothing was written.")
        return 1
    if slug is None:
        print("Nothing was written: fix the answers above and run the command again.")
        return 1
    code = authoring.write_case_study(root, slug, interview.draft, authoring.CASE_STUDY_TEMPLATE.body)
    if code == 0:
        print(f"\nNext: open {CASE_STUDY.folder}/{slug}.md and write each section; the notes between <!-- and -->\n"
              "say what to write. Then run `make validate` to check it, and `make serve` to preview it at\n"
              f"http://127.0.0.1:8000/case-studies/{slug}/")
    return code


if __name__ == "__main__":
    sys.exit(main())
