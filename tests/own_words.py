"""Our own words: find the runs of words a published file copies from a source text without marking them.

The hub's rule (CONTRIBUTING, sources/README.md): facts, names, numbers and lists carry over from the
sources, sentences do not. This module reads every published text, the way a reader meets its words,
and reports each run of ``min_words`` or more consecutive words that a source has word for word, unless
the run is marked as a quotation, marked as a list copied as a list, or is a name or title.

What counts as the same word (``words``): letters and digits only, in lower case, after Unicode
compatibility folding. So case, punctuation, smart or straight quotes, apostrophes (``it's`` is ``its``),
hyphens and dashes (``multi-professional`` is ``multi professional``), line breaks and Markdown or
template syntax (emphasis, headings, list markers, links' addresses, HTML tags, ``{{ }}`` and ``{% %}``)
never hide a copy. ``&`` is ``and``, and the numbers zero to twenty are the same word as figures or
words (plain English writes ``3`` for ``three``), so neither change makes a copied sentence new.
A run never crosses from one YAML field into the next, or across a template tag.

Marked, and so not counted (``_marked_lines`` and ``_inline_marks``):
- a quotation: a Markdown blockquote (lines starting ``>``) with an attribution line in it, ``> — Source,
  section`` (an em dash, en dash or ``--``/``-`` then the source); or inline, text in double quotation
  marks (straight or curly) followed directly by an attribution in brackets: ``"..." (Source, section)``;
- a list copied as a list: the words after ``as listed in <source>:`` to the end of that sentence, and
  when the line ends with that colon, the Markdown list that follows it.
A blockquote without an attribution, or quotation marks without one, is not marked.

Names and titles (``names``) come from the data, never from a list of exempt sentences: the values of the
fields that hold names and titles (``NAME_FIELDS``: the titles of pages, items, roles and sources, the
organisations, ICS and region names, publishers) and the ICB, ICS and region names of the reference data.
Their words do not count towards a run wherever they appear, so a run is reported only when its other
words reach ``min_words``.

Speed: the sources are read once into a table of their ``min_words``-word sequences (``SourceIndex``), and
every published word is looked up in it once, then extended to the longest match.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ccpl_hub.content_types import CONTENT_TYPES, DATA_FILES, discover

BREAK = None  # a word that matches nothing: a run never crosses it

# Fields whose whole value is a quotation, which the page shows attributed (the schema says so).
QUOTATION_MARK = "quotation"
NAME_FIELDS = frozenset({"title", "short_title", "bibliography_title", "organisations", "ics", "region", "publisher",
                         "icb_name", "ics_short_name", "region_name", "alias"})
_NUMBERS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"',
                       "&": " and "})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|\x00")

# Markdown and template syntax that is not words a reader sees.
_TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_ADDRESS = re.compile(r"(?:https?://|mailto:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
_HTML_TAG = re.compile(r"<[^>\n]*>")
_ATTRIBUTE_LIST = re.compile(r"\{:?[#.][^}]*\}")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BLOCKQUOTE = re.compile(r"^\s*>")
_ATTRIBUTION = re.compile(r"^\s*>\s*(?:\u2014|\u2013|--?)\s*\w")
_AS_LISTED = re.compile(r"\bas listed in\b[^:\n]*\w[^:\n]*:", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"\u201c]|\s*$)")
_INLINE_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d][.,;:!?]?\s*\([^)]*\w[^)]*\)")
_YAML_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*):(?:\s+(.*))?$")
_YAML_ITEM = re.compile(r"^(\s*)-\s+(.*)$")
_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")


def words(text: str) -> list[str | None]:
    """The words of ``text`` as the comparison sees them (see the module docstring); a NUL is a BREAK."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    found: list[str | None] = []
    for token in _WORD.findall(folded):
        if token == "\x00":
            found.append(BREAK)
        else:
            token = token.replace("'", "")
            found.append(_NUMBERS.get(token, token))
    return found


@dataclass
class Word:
    text: str | None  # None: a BREAK
    line: int
    marked: bool = False  # inside a marked quotation or a list copied as a list
    name: bool = False  # part of a name or title


@dataclass
class Published:
    """One published file as a stream of words, each with its line."""

    path: str
    words: list[Word] = field(default_factory=list)
    names: set[tuple[str, ...]] = field(default_factory=set)  # the name and title values found in it

    def add(self, line: int, text: str, marked: bool = False, name: bool = False) -> None:
        for word in words(text):
            self.words.append(Word(word, line, marked, name))

    def cut(self, line: int) -> None:
        self.words.append(Word(BREAK, line))


# ---------------------------------------------------------------------------------------------------
# Reading a published file


def read_published(path: str, text: str) -> Published:
    """The words of a published file: Markdown (with YAML frontmatter), YAML, CSV or a Jinja template."""
    published = Published(path)
    lines = text.split("\n")
    if path.endswith(".csv"):
        _read_csv(published, text)
    elif path.endswith((".yml", ".yaml")):
        _read_yaml(published, list(enumerate(lines, 1)))
    elif path.endswith(".j2"):
        untagged = _TEMPLATE_TAG.sub(lambda tag: "\x00" + "\n" * tag.group().count("\n"), text)
        _read_markdown(published, list(enumerate(untagged.split("\n"), 1)))
    else:
        body_start = 0
        if lines and lines[0].strip() == "---":
            end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
            if end is not None:
                _read_yaml(published, [(i + 1, lines[i]) for i in range(1, end)])
                body_start = end + 1
        published.cut(body_start + 1)
        _read_markdown(published, [(i + 1, lines[i]) for i in range(body_start, len(lines))])
    return published


def _read_csv(published: Published, text: str) -> None:
    reader = csv.reader(io.StringIO(text))
    header: list[str] = []
    for row in reader:
        if not header:
            header = row
            continue
        for column, cell in zip(header, row):
            published.cut(reader.line_num)
            is_name = column in NAME_FIELDS
            published.add(reader.line_num, cell, name=is_name)
            if is_name:
                published.names.add(tuple(words(cell)))


@functools.cache
def quotation_fields() -> frozenset[str]:
    """The fields a content type's schema declares a quotation (``json_schema_extra={"quotation": True}``)."""
    return frozenset(name for content_type in CONTENT_TYPES for name, info in content_type.model.model_fields.items()
                     if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get(QUOTATION_MARK))


def _read_yaml(published: Published, lines: list[tuple[int, str]]) -> None:
    """YAML line by line, so every word keeps its line: each key or list item starts a new run; a block
    scalar's lines (``key: |``) and every plain or quoted value are read as Markdown, a name field's
    value as names, a quotation field's value as marked. A line that is neither key nor item carries
    on the value above it."""
    index, name, quoted = 0, False, False
    while index < len(lines):
        number, line = lines[index]
        index += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, item = _YAML_KEY.match(line), _YAML_ITEM.match(line)
        if key:
            indent, value = len(key.group(1)), key.group(3) or ""
            name, quoted = key.group(2) in NAME_FIELDS, key.group(2) in quotation_fields()
        elif item:
            indent, value = len(item.group(1)), item.group(2)
        else:
            indent, value = -1, line
        if indent >= 0:
            published.cut(number)
        if name:
            for text in _flow_values(value):
                published.add(number, text, name=True)
                published.names.add(tuple(words(text)))
        elif _BLOCK_SCALAR.match(value.strip()) and indent >= 0:
            block = []
            while index < len(lines) and (not lines[index][1].strip()
                                          or len(lines[index][1]) - len(lines[index][1].lstrip()) > indent):
                block.append(lines[index])
                index += 1
            _read_markdown(published, block, quoted)
        else:
            _read_markdown(published, [(number, _unquote(value))], quoted)


def _flow_values(value: str) -> list[str]:
    """The strings of a YAML scalar or flow list (``[a, "b, c"]``), for name fields."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(part) for part in next(csv.reader([value[1:-1]], skipinitialspace=True), [])]
    return [_unquote(value)]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


def _read_markdown(published: Published, lines: list[tuple[int, str]], quoted: bool = False) -> None:
    marked = {number for number, _ in lines} if quoted else _marked_lines(lines)
    for number, line in lines:
        if _LINK_DEFINITION.match(line):
            continue
        visible = _LIST_MARKER.sub("", re.sub(r"^\s*>\s?", "", line) if _BLOCKQUOTE.match(line) else line)
        visible = _ADDRESS.sub(" ", visible)
        visible = _LINK.sub(lambda link: link.group(1) if link.group(1) is not None else link.group(2), visible)
        visible = _HTML_TAG.sub(" ", _ATTRIBUTE_LIST.sub(" ", visible))
        if number in marked:
            published.add(number, visible, marked=True)
            continue
        position = 0
        for start, end in _inline_marks(visible):
            published.add(number, visible[position:start])
            published.add(number, visible[start:end], marked=True)
            position = end
        published.add(number, visible[position:])


def _marked_lines(lines: list[tuple[int, str]]) -> set[int]:
    """The lines of attributed blockquotes, and of lists introduced by ``as listed in <source>:``."""
    marked: set[int] = set()
    index = 0
    while index < len(lines):
        if _BLOCKQUOTE.match(lines[index][1]):
            group = []
            while index < len(lines) and _BLOCKQUOTE.match(lines[index][1]):
                group.append(lines[index])
                index += 1
            if any(_ATTRIBUTION.match(line) for _, line in group):
                marked.update(number for number, _ in group)
            continue
        listed = _AS_LISTED.search(lines[index][1])
        index += 1
        if listed and not lines[index - 1][1][listed.end():].strip():
            while index < len(lines) and not lines[index][1].strip():
                index += 1
            while index < len(lines) and (_LIST_MARKER.match(lines[index][1])
                                          or (lines[index][1].startswith((" ", "\t")) and lines[index][1].strip())):
                marked.add(lines[index][0])
                index += 1
    return marked


def _inline_marks(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` marked in place: attributed inline quotations, and the rest of the sentence
    after ``as listed in <source>:``."""
    spans = [(quote.start(1), quote.end(1)) for quote in _INLINE_QUOTE.finditer(line)]
    for listed in _AS_LISTED.finditer(line):
        end = _SENTENCE_END.search(line, listed.end())
        spans.append((listed.end(), end.start() if end else len(line)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------------------------------------------
# Comparing with the sources


@dataclass(frozen=True)
class Source:
    name: str  # as a message shows it, e.g. the file name
    words: list[str]
    lines: list[int]


class SourceIndex:
    """Every ``n``-word sequence of the sources, hashed once, with where it starts."""

    def __init__(self, sources: list[Source], n: int):
        self.sources = sources
        self.n = n
        self.starts: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for number, source in enumerate(sources):
            for i in range(len(source.words) - n + 1):
                self.starts.setdefault(tuple(source.words[i:i + n]), []).append((number, i))

    @classmethod
    def from_texts(cls, texts: dict[str, str], n: int) -> "SourceIndex":
        sources = []
        for name, text in texts.items():
            source_words: list[str] = []
            source_lines: list[int] = []
            for number, line in enumerate(text.split("\n"), 1):
                for word in words(line.replace("\x00", " ")):
                    source_words.append(word)
                    source_lines.append(number)
            sources.append(Source(name, source_words, source_lines))
        return cls(sources, n)

    def longest_match(self, published: list[str | None], i: int) -> tuple[int, int, int]:
        """The longest run starting at ``published[i]`` that a source has: (length, source, position)."""
        best = (0, -1, -1)
        for source_number, start in self.starts.get(tuple(published[i:i + self.n]), ()):
            source = self.sources[source_number].words
            length = self.n
            while (i + length < len(published) and start + length < len(source)
                   and published[i + length] is not BREAK and published[i + length] == source[start + length]):
                length += 1
            best = max(best, (length, source_number, start), key=lambda match: match[0])
        return best


@dataclass(frozen=True)
class Copy:
    path: str
    line: int
    words: tuple[str, ...]  # the run's words that count (not marked, not a name)
    source: str
    source_line: int

    def message(self) -> str:
        return (f'{self.path}:{self.line}: the run of {len(self.words)} words "{" ".join(self.words)}" matches '
                f"{self.source}:{self.source_line}; rewrite it in your own words or mark it as a quotation")


def mark_names(published: Published, names: set[tuple[str, ...]]) -> None:
    """Mark every occurrence of a name or title (of two words or more) in the file's words."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        if len(name) >= 2 and BREAK not in name:
            by_first.setdefault(name[0], []).append(name)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    texts = [word.text for word in published.words]
    for i, text in enumerate(texts):
        for name in by_first.get(text, ()):
            if tuple(texts[i:i + len(name)]) == name:
                for word in published.words[i:i + len(name)]:
                    word.name = True
                break


def copies(published: Published, index: SourceIndex, min_words: int) -> list[Copy]:
    """The runs of ``published`` that a source has word for word, and that have ``min_words`` or more
    words that are neither marked nor a name: each maximal stretch of matched words is one run."""
    texts = [word.text for word in published.words]
    runs: list[list[int]] = []  # [start, end, source number, position in the source]
    for i in range(len(texts) - index.n + 1):
        length, source_number, position = index.longest_match(texts, i)
        if not length:
            continue
        if runs and i < runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], i + length)
        else:
            runs.append([i, i + length, source_number, position])
    found: list[Copy] = []
    for start, end, source_number, position in runs:
        counted = [(i, published.words[i]) for i in range(start, end)
                   if not published.words[i].marked and not published.words[i].name]
        if len(counted) >= min_words:
            source = index.sources[source_number]
            offset = min(counted[0][0] - start, len(source.lines) - 1 - position)
            found.append(Copy(published.path, counted[0][1].line, tuple(word.text for _, word in counted),
                              source.name, source.lines[position + offset]))
    return found


# ---------------------------------------------------------------------------------------------------
# The whole hub


def published_paths(root: Path) -> list[str]:
    """Every file whose words the hub publishes: the content files of every content type, the
    vocabularies and reference data, the hand-written pages in docs/ and the page templates."""
    paths = [path.relative_to(root).as_posix() for files in discover(root).files.values() for path in files]
    paths += [rel for rel in DATA_FILES if (root / rel).is_file()]
    paths += [path.relative_to(root).as_posix() for path in sorted((root / "docs").rglob("*.md"))]
    paths += [path.relative_to(root).as_posix() for path in sorted((root / "hooks/ccpl_hub/templates").glob("*.j2"))]
    return sorted(paths)


@dataclass
class Report:
    copies: list[Copy]
    words: int  # every word published
    copied: int  # the words of the reported runs

    @property
    def share(self) -> float:
        return self.copied / self.words if self.words else 0.0


def check(root: Path, index: SourceIndex, min_words: int) -> Report:
    """Every unmarked copied run of ``min_words`` or more words in the hub at ``root``. Names and titles
    found in any file are names everywhere."""
    files = [read_published(rel, (root / rel).read_text(encoding="utf-8")) for rel in published_paths(root)]
    names = set().union(*(published.names for published in files))
    found: list[Copy] = []
    total = 0
    for published in files:
        mark_names(published, names)
        found += copies(published, index, min_words)
        total += sum(word.text is not BREAK for word in published.words)
    return Report(found, total, sum(len(copy.words) for copy in found))


def read_sources(folder: Path, n: int) -> SourceIndex:
    """The source texts in ``folder`` (every ``.txt`` file), indexed by ``n``-word sequences."""
    return SourceIndex.from_texts({path.name: path.read_text(encoding="utf-8")
                                   for path in sorted(folder.glob("*.txt"))}, n)
