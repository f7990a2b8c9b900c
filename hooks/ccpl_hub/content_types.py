"""The content types the hub knows: where their files live and which schema each one follows.

Adding a content type means adding its schema to ``schemas``, one ``ContentType`` here, its
cross-reference checks (if any) in ``validation`` and its pages in ``pages``: every other stage
(loading, error reporting, JSON Schema export, field reference) picks it up from this registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Generic, TypeVar

from . import schemas
from .loader import RawDocument, load_data_file, load_document
from .problems import Problem

RecordT = TypeVar("RecordT", bound=schemas.Schema)


@dataclass(frozen=True)
class ContentType:
    key: str  # machine name, also the JSON Schema file name
    label: str  # how contributors call it
    folder: str  # relative to the content root
    glob: str  # files inside the folder
    model: type[schemas.Schema]
    # How a file is read: Markdown with frontmatter, or a whole-YAML data file (load_data_file).
    load: Callable[[Path, str], tuple[RawDocument | None, list[Problem]]] = load_document

    def files(self, root: Path) -> list[Path]:
        folder = root / self.folder
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob(self.glob) if p.is_file() and not _is_ignored(p))


def _is_ignored(path: Path) -> bool:
    """README files and templates (names starting with '_') sit beside content but are not content."""
    return path.name.upper().startswith("README") or path.name.startswith(("_", "."))


CASE_STUDY = ContentType("case-study", "case study", "case_studies", "*.md", schemas.CaseStudy)
PRINCIPLE = ContentType("principle", "national principle", "framework/principles", "*.md", schemas.Principle)
FRAMEWORK = ContentType("framework", "local framework", "framework/frameworks", "*.md", schemas.Framework)
ROLE = ContentType("role", "role listing", "framework/roles", "*/*.md", schemas.Role)
DIVERSITY = ContentType("diversity", "diversity figures file", "framework/diversity", "*.yml",
                         schemas.DiversityFigures, load=load_data_file)
CONTENT_TYPES = (CASE_STUDY, PRINCIPLE, FRAMEWORK, ROLE, DIVERSITY)


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
