#!/usr/bin/env python3
"""Turn a labelled "New case study" issue into a case-study file, or into a comment saying what to fix.

Run by .github/workflows/publish-case-study.yml when a maintainer adds the label
`publish-case-study` to an issue: `python scripts/publish_case_study.py EVENT.json --output DIR`.
EVENT.json is the webhook payload GitHub saves at $GITHUB_EVENT_PATH. The issue's body is read from
that file and handed to scripts/issue_to_case_study.py as a file, so no word of it ever becomes
part of a shell command. The decision is written for the workflow's later steps, as files in DIR
and as step outputs ($GITHUB_OUTPUT):

- outcome=pull-request: the case study was written and is valid; DIR/pull-request.md is the pull
  request's description (it closes the issue), with the outputs branch, path and title;
- outcome=comment: nothing was written; DIR/comment.md says, question by question, what to change;
- outcome=skip: not a labelled issue (another label, or a pull request).

All the logic is here, so it is tested offline with recorded payloads (tests/data/); the workflow
only runs git and gh with these files. Exit 0 whatever the outcome; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LABEL = "publish-case-study"
WROTE = re.compile(r"^Wrote (case_studies/[a-z0-9-]+\.md)\.$", re.MULTILINE)
# What the converter calls the parts of the answers that are not one question of the form.
PARTS = {"body": "The text of your answers (Background to Next steps)",
         "file name": "Title (the page's web address is made from it)",
         "answers": "All the answers together"}
CLOSING = ("Nothing was written", "Note: ")


def _converter():
    spec = importlib.util.spec_from_file_location("issue_to_case_study", REPO_ROOT / "scripts" / "issue_to_case_study.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(body: str, number: int, root: Path, work: Path) -> tuple[int, str, str]:
    """Run the converter on the body (saved as a file): its exit code, what it printed and its errors."""
    body_file = work / f"issue-{number}.md"
    body_file.write_text(body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = _converter().main([str(body_file), "--root", str(root)])
        except SystemExit as stop:  # argparse's usage error: not a form body
            code = stop.code if isinstance(stop.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def problems_by_question(printed: str) -> dict[str, list[str]]:
    """The converter's 'Question: message' lines, grouped by question, in the form's order."""
    grouped: dict[str, list[str]] = {}
    for line in printed.splitlines():
        if not line.strip() or line.startswith(CLOSING) or WROTE.match(line):
            continue
        question, _, message = line.partition(": ")
        if re.match(r"^case_studies/\S+:\d+$", question):  # a problem found after writing: path:line: field: message
            question, _, message = message.partition(": ")
        grouped.setdefault(PARTS.get(question, question), []).append(message or line)
    return grouped


def comment_text(grouped: dict[str, list[str]], usage_error: str) -> str:
    lines = ["Thank you for your case study. Some answers need changing before it can be published.", ""]
    if usage_error:
        lines += ["This issue does not look like the **New case study** form: its questions were not found. "
                  "Please open a new issue with the form (**Issues**, **New issue**, **New case study**).", ""]
    for question, messages in grouped.items():
        lines.append(f"**{question}**")
        # GitHub renders a comment as Markdown: a message quoting a tag must show it, not drop it
        lines += [f"- {message.replace('&', '&amp;').replace('<', '&lt;')}" for message in messages]
        lines.append("")
    lines += ["To change an answer, select the 3 dots (**...**) at the top right of your issue, then **Edit**. "
              "A maintainer will then add the label again, and the hub will check the answers again.", ""]
    return "\n".join(lines)


def pull_request_text(number: int, path: str, title: str, printed: str) -> str:
    notes = [line.removeprefix("Note: ") for line in printed.splitlines() if line.startswith("Note: ")]
    lines = [f"Adds the case study **{title}** (`{path}`), from the answers in issue #{number}.", "",
             f"Closes #{number}", "",
             "Written by the publish-case-study workflow and checked against the schema. Before merging, a "
             "reviewer checks the facts against the source, plain English, that there is no personal "
             "information beyond a work contact, and that the principles and themes fit."]
    if notes:
        lines += ["", "**The contributor did not confirm:**", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _title_of(root: Path, path: str) -> str:
    for line in (root / path).read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("title: "):
            return json.loads(line.removeprefix("title: ")) if line[7:8] == '"' else line[7:]
    return path


def decide(event: dict, root: Path, work: Path) -> dict[str, str]:
    """What to do about one `issues` event: write files into ``work`` and return the step outputs."""
    issue = event.get("issue") or {}
    label = (event.get("label") or {}).get("name")
    if event.get("action") != "labeled" or label != LABEL or "pull_request" in issue:
        return {"outcome": "skip"}
    number = int(issue["number"])
    code, printed, errors = convert(issue.get("body") or "", number, root, work)
    written = WROTE.search(printed)
    if code == 0 and written:
        path = written.group(1)
        title = _title_of(root, path)
        (work / "pull-request.md").write_text(pull_request_text(number, path, title, printed), encoding="utf-8")
        return {"outcome": "pull-request", "branch": f"case-study/issue-{number}", "path": path,
                "title": f"Add case study: {title}"}
    usage_error = errors.strip() if code == 2 else ""
    (work / "comment.md").write_text(comment_text(problems_by_question(printed), usage_error), encoding="utf-8")
    return {"outcome": "comment"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish_case_study.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("event", type=Path, help="the event payload (GITHUB_EVENT_PATH)")
    parser.add_argument("--output", type=Path, required=True, help="a folder for the comment or pull request text")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.event.is_file():
        parser.error(f"no such file: {args.event}")
    args.output.mkdir(parents=True, exist_ok=True)
    outputs = decide(json.loads(args.event.read_text(encoding="utf-8")), args.root.resolve(), args.output)
    for key, value in outputs.items():
        print(f"{key}: {value}")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={' '.join(value.split())}\n" for key, value in outputs.items())
    return 0


if __name__ == "__main__":
    sys.exit(main())
