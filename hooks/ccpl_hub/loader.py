"""Read a content file into a YAML mapping that remembers the line of every key.

MkDocs' own frontmatter parsing reads YAML 1.1 and silently drops a page's metadata on any error,
and python-frontmatter forgets line numbers, so the engine parses frontmatter itself. YAML is
*composed* (not constructed) so that every node keeps its line, aliases can be refused before they
expand, and every scalar stays the text the author typed: the schema decides what it means, and
can say so when YAML 1.1 would have read ``NO`` as a boolean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# The tags YAML itself gives plain values and collections; any other (!!python/object, !!binary,
# !local) asks for a type the hub does not have, so it is refused rather than read as text.
_ALLOWED_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                          ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
_IMPLICIT_KINDS = {
    "tag:yaml.org,2002:bool": "a yes/no value (boolean)",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


class YamlText(str):
    """A scalar exactly as written, with where it was written and what YAML 1.1 would make of it."""

    line: int
    implicit_kind: str | None  # e.g. "a yes/no value (boolean)" for an unquoted NO; None for text

    def __new__(cls, value: str, line: int, implicit_kind: str | None = None) -> "YamlText":
        text = super().__new__(cls, value)
        text.line = line
        text.implicit_kind = implicit_kind
        return text


FieldPath = tuple  # a field path inside a document, e.g. ("items", 3, "term")


@dataclass
class RawDocument:
    """A content file split into its frontmatter mapping and Markdown body."""

    path: str  # relative to the content root, forward slashes
    data: dict
    lines: dict[FieldPath, int] = field(default_factory=dict)  # field path -> 1-based line
    body: str = ""
    body_line: int = 1  # file line where the body starts

    def line_of(self, location: FieldPath) -> int:
        """The line of the deepest known part of ``location`` (a missing key reports its parent; the
        whole document's line is that of ``()``, 1 unless it is part of a larger file)."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), 1)


class _ComposeError(Exception):
    def __init__(self, line: int | None, field_path: str, message: str):  # line None: find the alias
        super().__init__(message)
        self.line, self.field_path, self.message = line, field_path, message


def link_problem(root: Path, path: Path, rel: str) -> Problem | None:
    """A symbolic link that leads nowhere, or out of the repository (itself or through a linked folder),
    is refused before anything reads it: a link to a file outside would publish whatever it points to."""
    if path.is_symlink() and not path.exists():
        return Problem(rel, 1, "file", "is a link to a file that does not exist; put the file itself here")
    if path.exists() and not path.resolve().is_relative_to(root.resolve()):
        return Problem(rel, 1, "file", "is a link to a file outside the repository, which the hub never reads; "
                       "put the file itself here")
    return None


def read_text(path: Path, rel: str, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text, refusing oversized, binary and non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(rel, 1, "file", f"cannot be read: {error.strerror or error}")]
    if len(raw) > max_bytes:
        return None, [
            Problem(
                rel, 1, "file",
                f"is {len(raw) // 1024} KiB; a content file may be at most {max_bytes // 1024} KiB "
                "(split it, or link to large material instead of pasting it in)",
            )
        ]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [Problem(rel, line, "file", "contains a NUL byte: it looks like a binary file, not text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                rel, line, "file",
                f"is not valid UTF-8 (byte 0x{raw[error.start]:02x} at line {line}); "
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []


def load_document(path: Path, rel: str) -> tuple[RawDocument | None, list[Problem]]:
    """Load a Markdown content file: YAML frontmatter between ``---`` lines, then the body."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, [
            Problem(rel, 1, "file", "has no frontmatter: the first line must be '---', followed by the "
                    "fields (title: ..., and so on) and another '---' line")
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None, [
            Problem(rel, 1, "file", "frontmatter is not closed: add a line '---' after the last field "
                    "(the frontmatter opened at line 1)")
        ]
    yaml_text = "\n".join(lines[1:end]) + "\n"
    data, key_lines, problems = parse_mapping(yaml_text, rel, first_line=2)
    if data is None:
        return None, problems
    body = "\n".join(lines[end + 1:])
    return RawDocument(rel, data, key_lines, body, body_line=end + 2), problems


def load_data_file(path: Path, rel: str) -> tuple[RawDocument | None, list[Problem]]:
    """Load a whole-YAML data file (a vocabulary) with the same safety rules as frontmatter."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    data, key_lines, problems = parse_mapping(text, rel, first_line=1)
    if data is None:
        return None, problems
    return RawDocument(rel, data, key_lines), problems


def parse_mapping(text: str, rel: str, first_line: int) -> tuple[dict | None, dict, list[Problem]]:
    """Compose YAML text that must be a mapping; ``first_line`` is the file line of its line 1."""
    offset = first_line - 1
    tab_lines = [n for n, line in enumerate(text.split("\n"), first_line)
                 if line[: len(line) - len(line.lstrip(" \t"))].count("\t")] if "\t" in text else []
    if tab_lines:
        return None, {}, [
            Problem(rel, n, "file", "is indented with a tab; YAML needs spaces (use 2 spaces per level)")
            for n in tab_lines
        ]
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as error:
        index, advice = yaml_advice(error, text.split("\n"))
        return None, {}, [Problem(rel, index + first_line, "file", f"is not valid YAML: {advice}")]
    except yaml.YAMLError as error:
        return None, {}, [Problem(rel, first_line, "file", f"is not valid YAML: {error}")]
    if root is None:
        return None, {}, [Problem(rel, first_line, "file", "frontmatter is empty: add the required fields")]
    if not isinstance(root, yaml.MappingNode):
        return None, {}, [
            Problem(rel, root.start_mark.line + 1 + offset, "file",
                    "frontmatter must be a set of 'field: value' lines, not a list or a single value")
        ]
    key_lines: dict[FieldPath, int] = {}
    try:
        data = _to_python(root, (), key_lines, offset, set(), 0)
    except _ComposeError as error:
        line = error.line if error.line is not None else _first_alias_line(text) + offset
        return None, {}, [Problem(rel, line, error.field_path, error.message)]
    return data, key_lines, []


_KEY_AND_VALUE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[^\s:#'\"][^:]*?):\s+(?P<value>.*\S)\s*$")


def yaml_advice(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """Where a YAML syntax error is (0-based line of ``lines``) and what to do about it, in plain words.

    YAML's own messages ("mapping values are not allowed in this context") name the parser's state,
    not the writer's slip; the usual slips are a colon inside an unquoted value, a quote or bracket
    left open, a missing colon and a line indented out of step. The line itself is quoted, so the
    reader sees what the advice is about.
    """
    problem, context = error.problem or "", error.context or ""
    at_problem = error.problem_mark.line if error.problem_mark else 0
    at_context = error.context_mark.line if error.context_mark else at_problem
    if "mapping values are not allowed" in problem:
        line = lines[at_problem] if at_problem < len(lines) else ""
        match = _KEY_AND_VALUE.match(line)
        if match and ": " in match["value"] + " " and not match["value"].startswith(("'", '"', "[", "{")):
            value = match["value"].replace('"', "'")
            advice = (f"the value of '{match['key']}' contains a colon followed by a space, which YAML reads as "
                      "the start of another field; put the whole value in double quotes, like this: "
                      f'{match["indent"].strip()}{match["key"]}: "{value}"')
        else:
            advice = ("this line is indented further than the field above it; line it up with the other fields "
                      "(or, if the field above holds a list or fields, start this line with '-' or a field name)")
        index = at_problem
    elif "could not find expected ':'" in problem:
        advice, index = "this line has no colon after its field name; write it as 'field: value'", at_context
    elif "quoted scalar" in context or (opened := _unclosed_quote(lines, at_problem)) is not None:
        # A quoted value may run over several lines, so a missing closing quote is usually found
        # lines later, where the next value's quotes no longer pair up: report where it opened.
        advice = "a value on this line opens a quote that is never closed; end the value with the same quote mark"
        index = at_context if "quoted scalar" in context else opened
    elif "flow sequence" in context or "flow mapping" in context:
        bracket = "[ ... ]" if "sequence" in context else "{ ... }"
        advice, index = (f"the {bracket} that starts on this line is not closed, or one of its entries contains a "
                         "comma or colon; close it, and put any such entry in double quotes"), at_context
    elif "cannot start any token" in problem:
        advice, index = ("a value on this line starts with a character YAML reserves (such as @ or `); put the "
                         "whole value in double quotes"), at_problem
    elif "expected key" in problem or "expected <block end>" in problem:
        advice, index = ("this line does not line up with the fields above it, or text follows a closing quote; "
                         "check its indentation, and put the whole value in double quotes"), at_problem
    else:
        advice, index = (f"{problem or context or 'invalid YAML'}; check the indentation, colons and quotes on "
                         "this line and the one before"), at_problem
    index = min(index, max(len(lines) - 1, 0))
    shown = lines[index].strip() if lines else ""
    return index, f"{advice}. The line reads: {shown}" if shown else f"{advice}."


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The first line before ``upto`` with an odd number of double quotes (one opened, not closed)."""
    return next((index for index, line in enumerate(lines[:upto])
                 if line.replace('\\"', "").count('"') % 2), None)


def _first_alias_line(text: str) -> int:
    """The line of the first alias: the composer only keeps the anchor's, the parser's events know.

    Nodes are visited in document order and an anchor comes before its aliases, so the first node
    seen twice is the first alias in the text. Parsing makes events and expands nothing.
    """
    alias = next(e for e in yaml.parse(text, Loader=_COMPOSER) if isinstance(e, yaml.AliasEvent))
    return alias.start_mark.line + 1


def _to_python(node: yaml.Node, at: FieldPath, key_lines: dict, offset: int, seen: set[int], depth: int):
    """Turn composed nodes into dicts, lists and YamlText, refusing aliases, tags and duplicates."""
    line = node.start_mark.line + 1 + offset
    if id(node) in seen:
        # The composer hands back the very same node for an alias: refusing it here, before any
        # expansion, is what makes an alias bomb cost nothing. The node's line is its anchor's.
        raise _ComposeError(None, _where(at), "uses a YAML alias (*name); write the value out in full instead")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _ComposeError(line, _where(at), f"is nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _ComposeError(line, _where(at), f"uses the YAML tag '{tag}'; tags are not allowed: write the plain value")
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # an unquoted scalar: None from the Python composer, "" from libyaml's
        if plain and node.tag == "tag:yaml.org,2002:null":
            return None
        implicit = _IMPLICIT_KINDS.get(node.tag) if plain else None
        return YamlText(node.value, line, implicit)
    if isinstance(node, yaml.SequenceNode):
        result = []
        for index, child in enumerate(node.value):
            key_lines[at + (index,)] = child.start_mark.line + 1 + offset
            result.append(_to_python(child, at + (index,), key_lines, offset, seen, depth + 1))
        return result
    mapping: dict = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + offset
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise _ComposeError(key_line, _where(at), "has a key that is not plain text (merge keys and "
                                "complex keys are not allowed)")
        key = key_node.value
        if key in mapping:
            first = key_lines[at + (key,)]
            raise _ComposeError(key_line, dotted_path(at + (key,)),
                                f"appears twice (first at line {first}); keep one")
        key_lines[at + (key,)] = key_line
        mapping[key] = _to_python(value_node, at + (key,), key_lines, offset, seen, depth + 1)
    return mapping


def _where(at: FieldPath) -> str:
    """The field a whole-node problem is reported on (worked out only when there is a problem)."""
    return dotted_path(at) or "file"


def dotted_path(location: "FieldPath") -> str:
    """("items", 3, "term") -> "items, entry 4, term": how contributors find a field in their file.

    Positions in a list are counted from 1, as people count the lines of a list ("principles, entry 2"
    is the second principle listed), never from 0 as ``principles[1]`` would be.
    """
    text, after_entry = "", False
    for part in location:
        if isinstance(part, int):
            text += f", entry {part + 1}"
        else:
            text += (", " if after_entry else ".") + str(part) if text else str(part)
        after_entry = isinstance(part, int)
    return text
