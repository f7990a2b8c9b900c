"""The search index's word chunks: a search fetches the chunk holding each word it looks up, so the
hub's index closes a chunk at a quarter of Pagefind's default size (search_index._ENVIRONMENT)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import cbor2

from ccpl_hub.search_index import build_search_index


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])


def test_a_word_chunk_closes_after_about_5000_word_locations_not_pagefinds_20000(tmp_path):
    # 12 pages of 1,000 words each, from 600 distinct words: over 20,000 by Pagefind's count (each
    # location, and one more for each page a word is on): two chunks at its default.
    words = [f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(600)]
    for page in range(12):
        text = " ".join(words[(page * 37 + k) % len(words)] for k in range(1000))
        (tmp_path / f"page{page}.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Page {page}</h1><p>{text}</p></main></body></html>',
            encoding="utf-8")
    result = build_search_index(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    index_dir = tmp_path / "pagefind"
    entry = json.loads((index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
    chunks = _read(index_dir / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")[2]
    assert 3 <= len(chunks) <= 8, chunks
    for first, last, digest in chunks:
        held = [word for word, *_ in _read(index_dir / "index" / f"{digest}.pf_index")[0]]
        assert held[0] == first and held[-1] == last and len(held) < len(words)


def test_only_what_a_search_through_pagefind_js_reads_is_published(real_site):
    """Pagefind's ready-made interfaces are removed; what stays is what pagefind.js fetches (the browser
    tests search through it)."""
    index_dir = real_site.directory / "pagefind"
    top = sorted(path.name for path in index_dir.iterdir())
    assert [name for name in top if name.endswith((".css", ".js"))] == ["pagefind-worker.js", "pagefind.js"]
    assert {"filter", "fragment", "index", "pagefind-entry.json", "wasm.en.pagefind"} <= set(top)
    assert len([name for name in top if name.endswith(".pf_meta")]) == 1
    script = (index_dir / "pagefind.js").read_text(encoding="utf-8")
    assert "pagefind-worker.js" in script and "pagefind-ui" not in script
