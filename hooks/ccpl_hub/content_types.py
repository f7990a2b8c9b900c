"""The content types the hub knows: where their files live and which schema each one follows.

Adding a content type means adding its schema to ``schemas``, one ``ContentType`` here (with its
route), its cross-reference checks (if any) in ``validation`` and its pages in ``pages``: every other
stage (loading, error reporting, JSON Schema export, field reference) picks it up from this registry.
README.md ("Adding a content type") lists every place, each checked by tests/test_routes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import Callable, Generic, Iterator, TypeVar

from . import schemas
from .loader import RawDocument, link_problem, load_data_file, load_document
from .problems import Problem
from .vocabulary import REFERENCE_DIR, REFERENCE_FILES, VOCABULARY_DIR, VOCABULARY_FILES

RecordT = TypeVar("RecordT", bound=schemas.Schema)


@dataclass(frozen=True)
class ContentType:
    key: str  # machine name, also the JSON Schema file name
    label: str  # how contributors call it
    folder: str  # relative to the content root
    glob: str  # files inside the folder
    model: type[schemas.Schema]
    # Where a record's page lives, declared once (``routes.page_of`` is the only reader): a format of
    # its ``slug`` (the file name), its ``area`` (the folder of a role) or its ``record``'s fields.
    # None: no page of its own (``routes.NO_PAGE`` must then say where its records show; a test checks).
    route: str | None = None
    # How a file is read: Markdown with frontmatter, or a whole-YAML data file (load_data_file).
    load: Callable[[Path, str], tuple[RawDocument | None, list[Problem]]] = load_document

    def files(self, root: Path) -> list[Path]:
        """The files of this type under ``root`` (``discover`` says what is wrong with any other file)."""
        return discover(root).files[self.key]

    @property
    def extension(self) -> str:
        return PurePosixPath(self.glob).suffix

    def place(self, name: str) -> str:
        """Where a file of this type named ``name`` belongs, as a message shows it."""
        in_subfolder = PurePosixPath(self.glob).parent != PurePosixPath(".")
        return f"{self.folder}/{'<ics-or-region>/' if in_subfolder else ''}{name}"


CASE_STUDY = ContentType("case-study", "case study", "case_studies", "*.md", schemas.CaseStudy, "case-studies/{slug}.md")
# A principle's page is also its term page (the principle taxonomy's route gives the same path).
PRINCIPLE = ContentType("principle", "national principle", "framework/principles", "*.md", schemas.Principle,
                        "principles/{record.number}.md")
FRAMEWORK = ContentType("framework", "local framework", "framework/frameworks", "*.md", schemas.Framework,
                        "frameworks/{slug}/index.md")
ROLE = ContentType("role", "role listing", "framework/roles", "*/*.md", schemas.Role, "roles/{area}/{slug}.md")
DIVERSITY = ContentType("diversity", "diversity figures file", "framework/diversity", "*.yml",
                         schemas.DiversityFigures, None, load=load_data_file)
CONCLUSION = ContentType("conclusion", "learning report conclusion", "framework/conclusions", "*.md", schemas.Conclusion,
                         "learning-report/conclusions/{slug}.md")
WORKSHOP = ContentType("workshop", "regional workshop", "framework/workshops", "*.md", schemas.Workshop,
                       "learning-report/workshops/{slug}.md")
# One file per source document, named by its source id: how that document gathered its evidence.
RESEARCH = ContentType("research", "research record", "framework/research", "*.md", schemas.Research,
                       "research/{slug}.md")
CONTENT_TYPES = (CASE_STUDY, PRINCIPLE, FRAMEWORK, ROLE, DIVERSITY, CONCLUSION, WORKSHOP, RESEARCH)

# The folders whose every file is content, data or documentation: nothing in them is silently skipped.
CONTENT_ROOTS = ("case_studies", "framework")
# Files beside the content that are not content: the contributor templates (generated from the
# schemas by ``authoring``) and README.md files, which explain a folder on GitHub. Any other name
# starting with '_' or '.' is reported, so a file cannot be hidden from the hub by its name.
TEMPLATE_FILES = (f"{CASE_STUDY.folder}/_template.md", f"{ROLE.folder}/_template.md")
DATA_FILES = (*(f"{REFERENCE_DIR}/{name}" for name in REFERENCE_FILES),
              *(f"{VOCABULARY_DIR}/{name}" for name in VOCABULARY_FILES))


@dataclass
class Discovery:
    """Every file under the content folders: the content files by type, and a problem for each other."""

    files: dict[str, list[Path]]  # by content type key, sorted
    problems: list[Problem]


def discover(root: Path) -> Discovery:
    """Walk the content folders without following links, and sort every file into content, data and
    documentation, or a problem that says where and under which name it would be read."""
    found = Discovery({t.key: [] for t in CONTENT_TYPES}, [])
    for top in CONTENT_ROOTS:
        if (root / top).is_symlink():  # a linked content folder: nothing in it is read
            found.problems.append(link_problem(root, root / top, top) or _problem(top, _LINKED_FOLDER))
            continue
        if not (root / top).is_dir():
            continue
        prefix = len(os.path.join(root, ""))  # paths as strings: discovery runs on every build of the preview
        for entry in _files_under(root / top):
            path = Path(entry.path)
            rel = entry.path[prefix:].replace(os.sep, "/")
            problem = None
            if entry.is_symlink():  # the only way out of the repository: os.walk-style, links are not followed
                problem = link_problem(root, path, rel) or (_problem(rel, _LINKED_FOLDER) if path.is_dir() else None)
            elif not entry.is_file(follow_symlinks=False):  # a pipe or device would block or never end
                problem = _problem(rel, "is not a regular file; content is a text file")
            if problem is None:
                content_type, problem = _sort(rel)
                if content_type is not None:
                    found.files[content_type.key].append(path)
            if problem is not None:
                found.problems.append(problem)
    return found


_LINKED_FOLDER = "is a link to a folder, which the hub does not follow; put the files themselves here"


def _files_under(folder: Path) -> Iterator[os.DirEntry]:
    """Every entry under ``folder`` that is not a real folder, in name order, without following links."""
    with os.scandir(folder) as scanned:
        entries = sorted(scanned, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(Path(entry.path))
        else:
            yield entry


def _sort(rel: str) -> tuple[ContentType | None, Problem | None]:
    """The content type of the file at ``rel``, or why it is not read (None, None: data or documentation)."""
    name = rel.rpartition("/")[2]
    if rel in TEMPLATE_FILES or rel in DATA_FILES or name == "README.md":
        return None, None
    content_type = next((t for t in CONTENT_TYPES if rel.startswith(t.folder + "/")), None)
    if content_type is None:
        return None, _problem(rel, _wrong_folder_message(rel))
    depth = rel[len(content_type.folder) + 1:].count("/") + 1  # folders below the content type's, plus the file
    stem = name.split(".")[0] if not name.startswith(".") else name
    right_name = stem.lstrip("_.") + content_type.extension
    if depth != content_type.glob.count("/") + 1:
        return None, _problem(rel, f"is not read: a {content_type.label} belongs in {content_type.place(right_name)}")
    if posixpath.splitext(name)[1] != content_type.extension:
        return None, _problem(rel, f"is not read: a {content_type.label} is a '{content_type.extension}' file; "
                                   f"rename it to {content_type.place(right_name)}")
    if name.startswith(("_", ".")):
        return None, _problem(rel, f"is not read: names starting with '_' or '.' are not content (only the "
                                   f"templates {' and '.join(TEMPLATE_FILES)} are kept that way); rename it to "
                                   f"{content_type.place(right_name)}")
    return content_type, None


def _wrong_folder_message(rel: str) -> str:
    folders = ", ".join(t.folder + "/" for t in CONTENT_TYPES)
    if rel.startswith(VOCABULARY_DIR + "/"):
        return f"is not a vocabulary the hub reads; the vocabularies are {', '.join(VOCABULARY_FILES)} in {VOCABULARY_DIR}/"
    if rel.startswith(REFERENCE_DIR + "/"):
        return f"is not reference data the hub reads; the reference files are {', '.join(REFERENCE_FILES)} in {REFERENCE_DIR}/"
    return f"is not in a content folder, so the hub would not read it; content lives in {folders}"


def _problem(rel: str, message: str) -> Problem:
    return Problem(rel, 1, "file", message)


@dataclass(frozen=True)
class Entry(Generic[RecordT]):
    """A validated record with what its file told us beyond the schema: slug, body, lines."""

    type: ContentType
    slug: str
    record: RecordT
    document: RawDocument
    area: str = ""  # roles only: the folder, i.e. the ICS or region slug

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def body(self) -> str:
        return self.document.body
