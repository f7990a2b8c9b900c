"""Every list the hub takes from a source has all of the source's items, to the last one.

``tests/data/source-lists.yml`` says where each list is on the hub and where its source lists it. The
counts come from the files themselves: the content's list, and the non-blank lines of the source's
range. A range must lie inside its source file (read with ``splitlines``, so a last line without a
newline counts) and, where the source's list has a shape (bullets, numbers or table rows), the range
must hold all of it: the source's list may not go on past either end of the range.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from corpus import REPO_ROOT
from source_texts import SOURCE_TEXTS

TABLE = Path(__file__).with_name("data") / "source-lists.yml"
LISTS = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["lists"]
LIST_ITEM = re.compile(r"^(\s*)(?:[-*] |\d+\. )")
SHAPES = {"bullet": re.compile(r"^\s*[-•] "), "numbered": re.compile(r"^(<p>)?\d+(\.\d+)*\.? "),
          "table row": re.compile(r"\t")}  # a list's shape is every one of these its items all have


def _frontmatter(text: str) -> dict:
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---\n"))


def _list_after(lines: list[str], anchor: str) -> list[str]:
    """The items of the first Markdown list after the line holding ``anchor``, before the next heading
    (items of a nested list, and an item's continuation lines, belong to their item)."""
    start = next((i for i, line in enumerate(lines) if anchor in line), None)
    assert start is not None, f"no line holds {anchor!r}"
    items: list[str] = []
    indent = None
    for line in lines[start + 1:]:
        item = LIST_ITEM.match(line)
        if indent is None:
            if line.lstrip().startswith("#"):
                break
            if item:
                indent = len(item.group(1))
                items.append(line)
            continue
        if item and len(item.group(1)) == indent:
            items.append(line)
        elif line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
    return items


def content_items(spec: dict) -> list:
    """The list on the hub that ``spec`` names."""
    path = REPO_ROOT / spec["content"]
    if "category" in spec:
        data = [_frontmatter(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.md")) if not p.name.startswith("_")]
        return [d["title"] for d in data if d["category"] == spec["category"] and d.get("category_source") == "learning report"]
    text = path.read_text(encoding="utf-8")
    if "after" in spec:
        return _list_after(text.split("\n"), spec["after"])
    data = _frontmatter(text)
    if "field" in spec:
        return data[spec["field"]]
    return [i["id"] for i in data["items"] if i["kind"] == spec["items"] and i.get("parent") == spec.get("parent")]


def _shape(lines: list[str]) -> list[str]:
    return [name for name, pattern in SHAPES.items() if all(pattern.search(line) for line in lines)]


def source_items(spec: dict) -> list[str]:
    """The non-blank lines of the source's range, after checking the range holds the source's whole list."""
    lines = (SOURCE_TEXTS / spec["seed"]).read_text(encoding="utf-8").splitlines()
    first, last = (int(n) for n in str(spec["lines"]).split("-"))
    assert 1 <= first <= last <= len(lines), f"lines {first}-{last} are not in {spec['seed']}, which has {len(lines)}"
    if "pattern" in spec:  # items among other lines (a numbered heading, then its paragraphs)
        pattern = re.compile(spec["pattern"])
        items = [line for line in lines[first - 1:last] if pattern.search(line)]
        assert items and pattern.search(lines[first - 1]), f"{spec['seed']} line {first} does not start an item"
        later = next((line for line in lines[last:] if line.strip()), "")
        assert not pattern.search(later), f"the list in {spec['seed']} goes on after lines {first}-{last}: {later.strip()[:80]!r}"
        return items
    items = [line for line in lines[first - 1:last] if line.strip()]
    shape = _shape(items)
    if shape:  # a neighbouring line of the same shape would be one more item
        before = next((line for line in reversed(lines[:first - 1]) if line.strip()), "")
        after = next((line for line in lines[last:] if line.strip()), "")
        for side, neighbour in (("before", before), ("after", after)):
            assert not all(SHAPES[name].search(neighbour) for name in shape), (
                f"the {' '.join(shape)} list in {spec['seed']} goes on {side} lines {first}-{last}: "
                f"{neighbour.strip()[:80]!r}")
    return items


def _label(spec: dict) -> str:
    where = next(f"{key} {spec[key]}" for key in ("after", "field", "items", "category") if key in spec)
    return f"{spec['content']} ({where})"


@pytest.mark.parametrize("spec", LISTS, ids=_label)
def test_a_list_from_a_source_has_every_item_the_source_gives(spec: dict):
    on_the_hub, in_the_source = content_items(spec), source_items(spec)
    assert len(on_the_hub) == len(in_the_source), (
        f"{_label(spec)} lists {len(on_the_hub)} items; {spec['seed']} lines {spec['lines']} list "
        f"{len(in_the_source)}, the last being {in_the_source[-1].strip()[:80]!r}")


def test_a_list_cut_short_or_a_range_stopping_early_is_caught(tmp_path, monkeypatch):
    """The checks themselves: a source ending without a newline still has its last item counted, a range
    that stops before the source's list does fails, and a range past the file's end fails."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "example.txt").write_text("Intro\n\n- one\n- two\n- three", encoding="utf-8")  # no newline at the end
    monkeypatch.setattr(__import__(__name__), "SOURCE_TEXTS", seeds)
    assert len(source_items({"seed": "example.txt", "lines": "3-5"})) == 3
    with pytest.raises(AssertionError, match="list in example.txt goes on after lines 3-4: '- three'"):
        source_items({"seed": "example.txt", "lines": "3-4"})
    with pytest.raises(AssertionError, match="are not in example.txt, which has 5"):
        source_items({"seed": "example.txt", "lines": "3-6"})
    (seeds / "themes.txt").write_text("(1) One\n\nAbout one.\n\n(2) Two\n\nAbout two.\n\n(3) Three", encoding="utf-8")
    assert len(source_items({"seed": "themes.txt", "lines": "1-9", "pattern": r"^\(\d+\) "})) == 3
    with pytest.raises(AssertionError, match="goes on after lines 1-7: '\\(3\\) Three'"):
        source_items({"seed": "themes.txt", "lines": "1-7", "pattern": r"^\(\d+\) "})
    markdown = ["## Example", "", "Lead-in:", "", "- a", "  - nested", "- b", "  continued", "", "Next paragraph", "- c"]
    assert _list_after(markdown, "## Example") == ["- a", "- b"]
