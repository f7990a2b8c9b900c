"""The loader on its own: line numbers, YAML 1.1 surprises, unsafe YAML, and files that are not text.

Then a property test: whatever bytes a content file holds, validation yields a record or problems
(each at a line of that file), never an exception.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import FRAMEWORK_TEXT, billion_laughs, case_study_text, principle_text, role_text, write_corpus

from ccpl_hub import loader
from ccpl_hub.loader import MAX_FILE_BYTES, YamlText, load_data_file, load_document, parse_mapping, read_text
from ccpl_hub.validation import validate_content


def load(tmp_path: Path, content: str | bytes, name: str = "example.md"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return load_document(path, name)


# Both composers: the C one (libyaml) is used when PyYAML has it, the Python one otherwise, and they
# differ in how they mark unquoted scalars.
COMPOSERS = [pytest.param(yaml.SafeLoader, id="python"),
             pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml",
                          marks=pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml"))]


@pytest.mark.parametrize("composer", COMPOSERS)
def test_scalars_keep_what_yaml_11_would_make_of_them(monkeypatch, composer):
    monkeypatch.setattr(loader, "_COMPOSER", composer)
    text = ("a: NO\nb: off\nc: 2022\nd: 1.5\ne: 2022-01-01\nf: \"NO\"\ng: 'off'\nh: plain words\n"
            "i: ~\nj:\nk: \"~\"\nl: !!str 2022\n")
    data, lines, problems = parse_mapping(text, "example.md", first_line=1)
    assert problems == []
    kinds = {key: value.implicit_kind if isinstance(value, YamlText) else value for key, value in data.items()}
    assert kinds == {
        "a": "a yes/no value (boolean)", "b": "a yes/no value (boolean)", "c": "a number", "d": "a number",
        "e": "a date", "f": None, "g": None, "h": None, "i": None, "j": None, "k": None, "l": None,
    }
    assert data["k"] == "~" and data["l"] == "2022" and data["a"] == "NO"


def test_every_key_and_list_item_keeps_its_line(tmp_path):
    text = ("---\n"
            "title: Example\n"
            "items:\n"
            "  - id: first\n"
            "    serves:\n"
            "      - 1\n"
            "      - 2\n"
            "  - id: second\n"
            "source: {document: example, section: \"1\"}\n"
            "---\n"
            "Example body.\n")
    document, problems = load(tmp_path, text)
    assert problems == []
    assert document.lines == {
        ("title",): 2, ("items",): 3, ("items", 0): 4, ("items", 0, "id"): 4, ("items", 0, "serves"): 5,
        ("items", 0, "serves", 0): 6, ("items", 0, "serves", 1): 7, ("items", 1): 8, ("items", 1, "id"): 8,
        ("source",): 9, ("source", "document"): 9, ("source", "section"): 9,
    }
    assert document.line_of(("items", 1, "owner")) == 8  # a missing key reports its parent
    assert document.line_of(("nothing", "here")) == 1
    assert (document.body, document.body_line) == ("Example body.\n", 11)
    assert document.data["items"][0]["serves"][1].line == 7


def test_crlf_and_bom_do_not_shift_lines(tmp_path):
    text = "\ufeff---\r\ntitle: Example\r\nregion: London\r\n---\r\nBody.\r\n"
    document, problems = load(tmp_path, text)
    assert problems == []
    assert document.lines == {("title",): 2, ("region",): 3}
    assert document.data == {"title": "Example", "region": "London"}
    assert document.body_line == 5


def test_frontmatter_may_end_with_the_yaml_document_end_marker(tmp_path):
    document, problems = load(tmp_path, "---\ntitle: Example\n...\nBody.\n")
    assert problems == [] and document.data == {"title": "Example"} and document.body == "Body.\n"


def test_a_tab_inside_a_value_is_not_indentation(tmp_path):
    document, problems = load(tmp_path, '---\ntitle: "Example\twith a tab"\n---\n')
    assert problems == [] and document.data["title"] == "Example\twith a tab"


def test_file_size_limit_is_exact(tmp_path):
    at_limit = tmp_path / "at-limit.md"
    at_limit.write_bytes(b"x" * MAX_FILE_BYTES)
    over = tmp_path / "over.md"
    over.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert read_text(at_limit, "at-limit.md")[1] == []
    text, problems = read_text(over, "over.md")
    assert text is None
    assert [(p.line, p.field) for p in problems] == [(1, "file")]
    assert "at most 256 KiB" in problems[0].message


def test_unreadable_path_is_a_problem_not_an_exception(tmp_path):
    text, problems = read_text(tmp_path, "a-folder.md")  # a directory cannot be read as a file
    assert text is None
    assert [(p.path, p.line, p.field) for p in problems] == [("a-folder.md", 1, "file")]
    assert problems[0].message.startswith("cannot be read")


def test_invalid_utf8_and_nul_are_reported_at_their_line(tmp_path):
    _, problems = load(tmp_path, b"---\ntitle: ok\nsummary: caf\xe9\n---\n", name="latin.md")
    assert [(p.line, p.field) for p in problems] == [(3, "file")]
    assert "byte 0xe9 at line 3" in problems[0].message
    _, problems = load(tmp_path, b"---\ntitle: ok\n---\nline 4\nline\x00 5\n", name="nul.md")
    assert [(p.line, p.message) for p in problems] == [(5, "contains a NUL byte: it looks like a binary file, not text")]


def test_alias_bomb_is_refused_before_expansion():
    text = billion_laughs(12)  # 9**12 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    data, _, problems = parse_mapping(text, "bomb.md", first_line=2)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert data is None
    assert [(p.line, p.field) for p in problems] == [(3, "b, entry 1")]  # the first alias, on file line 3
    assert "uses a YAML alias" in problems[0].message
    assert elapsed < 1.0
    assert peak < 2 * 1024 * 1024


def test_alias_is_reported_at_its_own_line_not_its_anchor():
    text = "first: &shared Example\nlist:\n  - one\n  - *shared\n"
    _, _, problems = parse_mapping(text, "alias.md", first_line=2)
    assert [(p.line, p.field) for p in problems] == [(5, "list, entry 2")]


@pytest.mark.parametrize(("text", "line", "field", "fragment"), [
    ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, "b.c", "appears twice (first at line 3)"),
    ("a: !example x\n", 1, "a", "uses the YAML tag '!example'"),
    ("a: !!binary aGVsbG8=\n", 1, "a", "uses the YAML tag '!!binary'"),
    ("a: !!python/name:os.system x\n", 1, "a", "uses the YAML tag '!!python/name:os.system'"),
    ("? [a, b]\n: c\n", 1, "file", "has a key that is not plain text"),
    ("a: b: c\n", 1, "file", "is not valid YAML"),
    ("- a\n- b\n", 1, "file", "must be a set of 'field: value' lines"),
    ("# only a comment\n", 1, "file", "frontmatter is empty"),
    ("a:\n\t- b\n", 2, "file", "is indented with a tab"),
])
def test_unsafe_or_broken_yaml_is_one_clear_problem(text, line, field, fragment):
    data, _, problems = parse_mapping(text, "example.md", first_line=1)
    assert data is None
    assert [(p.line, p.field) for p in problems] == [(line, field)]
    assert fragment in problems[0].message


def test_data_files_follow_the_same_rules(tmp_path):
    path = tmp_path / "themes.yml"
    path.write_text("themes:\n  - slug: a\n    slug: b\n", encoding="utf-8")
    document, problems = load_data_file(path, "framework/vocabularies/themes.yml")
    assert document is None
    assert [(p.path, p.line, p.field) for p in problems] == [("framework/vocabularies/themes.yml", 3, "themes, entry 1, slug")]


# --- property test: no content file, however broken, makes validation raise ---

TARGETS = {
    "case_studies/example-fuzz.md": case_study_text("Example case study: fuzz", ics="Gloucestershire", region="South West"),
    "framework/roles/gloucestershire/example-fuzz.md": role_text("Example role: fuzz", ics="Gloucestershire"),
    "framework/frameworks/example-fuzz.md": FRAMEWORK_TEXT,
    "framework/principles/principle-5.md": principle_text(5),
}
FIELD_NAMES = sorted({"title", "summary", "ics", "region", "category", "principles", "principles_inferred", "themes",
                      "published", "history", "date", "note", "reviewed", "source", "document", "section", "url", "citation", "items", "id",
                      "kind", "parent", "term", "owner", "serves", "status", "holder", "profession", "function",
                      "last_reviewed", "number", "statement", "top_tips", "contact", "email", "redirect_from"})
SNIPPETS = ["\t", "\x00", "\n", "  ", "- ", ": ", "&a ", "*a", "<<: *a\n", "---\n", "...\n", "[", "]", "{", "}", "'",
            '"', "\ufeff", "\u00e9", "\U0001F600", "NO", "off", "2022-01-01", "1.5", "~", "!!python/object ", "!x ",
            "? ", "|\n", ">\n", "# ", "\\", "%YAML 1.1\n", "<script>", "](javascript:x)", "\r"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.dates(),
                    st.text(max_size=40), st.sampled_from(["NO", "off", "2022", "Gloucestershire", "London", "action"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8),
                                                                      inner, max_size=4)), max_leaves=12)


@st.composite
def structured_frontmatter(draw, valid: str) -> str:
    """A valid file's fields with some left out and random keys and values of every YAML type put in,
    sometimes sharing a value (PyYAML writes an anchor and an alias), dumped as block or flow YAML."""
    mapping = yaml.safe_load(valid.split("---\n")[1])
    for key in draw(st.lists(st.sampled_from(sorted(mapping)), max_size=3)):
        mapping.pop(key, None)
    mapping.update(draw(st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=12), values, max_size=4)))
    if mapping and draw(st.booleans()):
        shared = draw(st.lists(st.integers(1, 5), min_size=1, max_size=3))
        for key in draw(st.lists(st.sampled_from(sorted(mapping)), max_size=2)):
            mapping[key] = shared
    dumped = yaml.safe_dump(mapping, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()),
                            sort_keys=False)
    return f"---\n{dumped}---\nExample body.\n"


@st.composite
def mutated_file(draw, valid: str) -> str:
    """A valid file with random edits: snippets and random text inserted, lines dropped, doubled or
    re-indented, a value made huge."""
    text = valid
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["insert", "text", "drop", "double", "indent", "huge"]))
        if edit == "insert":
            position = draw(st.integers(0, len(text)))
            text = text[:position] + draw(st.sampled_from(SNIPPETS)) + text[position:]
            continue
        if edit == "text":
            lines[at] = draw(st.text(max_size=30)) + lines[at][draw(st.integers(0, len(lines[at]))):]
        elif edit == "drop":
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = " " * draw(st.integers(1, 5)) + lines[at]
        elif edit == "huge":
            lines[at] += "x" * draw(st.sampled_from([400, 400, 5000, MAX_FILE_BYTES]))
        text = "\n".join(lines)
    return text


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    root = write_corpus(tmp_path_factory.mktemp("fuzz") / "content")
    (root / "framework/vocabularies/glossary.yml").unlink()  # optional, and most of a validation run's time
    return root


def assert_record_or_problems(root: Path, rel: str, content: bytes) -> None:
    """Validate ``root`` with ``rel`` holding ``content``, then put the corpus back as it was."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        result = validate_content(root)  # must not raise
    finally:
        path.write_bytes(original) if original is not None else path.unlink()
    problems = [p for p in result.problems if p.path == rel]
    entries = [e for entries in result.entries.values() for e in entries if e.path == rel]
    assert entries or problems, "nothing is silently dropped: a file yields a record, problems or both"
    last_line = content.count(b"\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= last_line, problem
        assert problem.field and problem.message.strip(), problem
    # Only another principle can share a principle's number; nothing else a file holds touches other files.
    same_folder = rel.rsplit("/", 1)[0] if rel.startswith("framework/principles/") else None
    others = [p for p in result.problems if p.path != rel and not (same_folder and p.path.startswith(same_folder))]
    assert others == [], "a broken file must not make problems elsewhere"


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(rel=st.sampled_from(sorted(TARGETS)), data=st.data())
def test_mutated_files_yield_a_record_or_problems(fuzz_root, rel, data):
    text = data.draw(mutated_file(TARGETS[rel]))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "latin-1"]))
    assert_record_or_problems(fuzz_root, rel, text.encode(encoding, errors="replace"))


@FUZZ
@given(rel=st.sampled_from(sorted(TARGETS)), data=st.data())
def test_random_frontmatter_yields_a_record_or_problems(fuzz_root, rel, data):
    assert_record_or_problems(fuzz_root, rel, data.draw(structured_frontmatter(TARGETS[rel])).encode("utf-8"))
