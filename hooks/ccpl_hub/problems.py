"""Content problems as data: validators return them, nothing raises for bad content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, where a contributor can find and fix it."""

    path: str  # relative to the content root, with forward slashes
    line: int  # line of the offending key; 1 for whole-file problems
    field: str  # dotted field path, or "file" for whole-file problems
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command, so the problem shows inline on a pull request."""
        message = f"{self.field}: {self.message}"
        for raw, escaped in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
            message = message.replace(raw, escaped)
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},title=Invalid content::{message}"


def summary_line(problems: list[Problem], files_checked: int) -> str:
    files = "file" if files_checked == 1 else "files"
    if not problems:
        return f"All content is valid ({files_checked} {files} checked)."
    bad_files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    return (
        f"Found {len(problems)} {noun} in {bad_files} of {files_checked} {files}. "
        "Fix each one at the line shown, then run the check again."
    )
