"""The generated tree: every page and file the engine generates, written as files in one folder.

A builder's incremental mode decides what to rebuild from file times (``mkdocs serve --dirty``
rebuilds a page whose source file is newer than its output), so a file is rewritten only when its
bytes change: an edit to one case study rewrites its page and the listings that show it, and every
other file keeps its time. Files no longer generated are removed. Any builder can read the folder
(the MkDocs adapter reads it; so can ProperDocs, or Zensical beside ``docs/``).

The folder belongs to the generator: a marker file says so, and a folder that has files but no
marker is never written into, so pointing the generator at ``docs/`` cannot delete hand-written
pages. Two runs writing the same folder at once (two builds of one project with the same settings)
write the same bytes; each writes through a temporary file of its own, which no run removes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

MARKER = ".ccpl-hub-generated"
_MARKER_TEXT = ("This folder is written by `python -m ccpl_hub generate`: every file in it is generated from the "
                "hub's content, and files it no longer generates are removed. Do not edit it.\n")


def builder_folder(root: Path, site_url: str, repository: str) -> Path:
    """Where a builder over ``root`` keeps the generated tree: one folder per distinct output (pages
    carry the site's address and the repository's), so two builds with other settings (a live preview
    and a test's build of the published site) never rewrite each other's files."""
    key = hashlib.sha256(f"{site_url}\0{repository}".encode("utf-8")).hexdigest()[:12]
    return root / ".cache" / "generated" / key


class NotAGeneratedFolder(Exception):
    """The folder has files the generator did not write: it is left alone."""


@dataclass(frozen=True)
class TreeUpdate:
    """What one run changed in the folder (paths relative to it)."""

    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]

    def summary(self, folder: Path | str) -> str:
        return (f"{folder}: {len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed "
                f"({len(self.written) + self.unchanged} generated files)")


class GeneratedFiles(Mapping[str, bytes]):
    """Every generated path and its bytes: the pages (UTF-8 Markdown) and the exports as they are.

    A page is encoded when it is read, not all at once: the site's text is the largest thing a build
    holds, and a second copy of all of it as bytes raised a build's peak memory by about a sixth."""

    def __init__(self, pages: Mapping[str, str], exports: Mapping[str, bytes]):
        self._pages, self._exports = pages, exports

    def __getitem__(self, path: str) -> bytes:
        return self._pages[path].encode("utf-8") if path in self._pages else self._exports[path]

    def __iter__(self) -> Iterator[str]:
        yield from self._pages
        yield from (path for path in self._exports if path not in self._pages)

    def __len__(self) -> int:
        return len(self._pages.keys() | self._exports.keys())


def write_tree(folder: Path, files: Mapping[str, bytes]) -> TreeUpdate:
    """Make ``folder`` hold exactly ``files``, touching only the files whose bytes differ."""
    _claim(folder)
    written, unchanged = [], 0
    for path, content in files.items():
        target = folder / path
        if _holds(target, content):
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, target)  # a builder reading meanwhile sees the old file or the new, never half
        written.append(path)
    removed = _remove_all_but(folder, set(files))
    return TreeUpdate(tuple(written), unchanged, tuple(removed))


def _claim(folder: Path) -> None:
    marker = folder / MARKER
    if marker.is_file():
        return
    if folder.exists() and any(folder.iterdir()):
        raise NotAGeneratedFolder(f"{folder} holds files the generator did not write (it has no {MARKER} file); "
                                  "give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    marker.write_text(_MARKER_TEXT, encoding="utf-8")


def _holds(target: Path, content: bytes) -> bool:
    """Whether the file already has these bytes (its size is compared first: most changed files differ in it)."""
    try:
        if target.stat().st_size != len(content):
            return False
        return target.read_bytes() == content
    except (FileNotFoundError, NotADirectoryError):
        return False


def _remove_all_but(folder: Path, kept: set[str]) -> list[str]:
    """Remove every file not in ``kept`` (names starting with '.' are the marker and other runs'
    temporary files), then the folders left empty; returns the removed files, sorted."""
    removed = []
    for directory, _, names in os.walk(folder, topdown=False):
        base = Path(directory)
        relative = base.relative_to(folder).as_posix()
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if not name.startswith(".") and path not in kept:
                (base / name).unlink(missing_ok=True)
                removed.append(path)
        if base != folder:
            with contextlib.suppress(OSError):  # not empty: it still holds generated files
                base.rmdir()
    return sorted(removed)
