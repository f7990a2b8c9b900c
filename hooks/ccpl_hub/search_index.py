"""The site's search index: Pagefind, run over the built HTML after every build.

Pagefind splits its index into small chunks that the browser fetches per search word, so what a
search downloads stays small as the hub grows (the theme's lunr index was one file holding every
page). Which part of a page is indexed is marked in the pages themselves: ``data-pagefind-body``
(the theme override), ``data-pagefind-ignore`` and the case studies' ``data-pagefind-filter``.

Pagefind's own output is not deterministic: it keeps filters and sort orders in hash maps seeded
per process (hashbrown's default hasher), so the order of the filters and sorts in its metadata
file and of the values in each filter file (each with its pages in page order) changes from run to run, and with it those files' names
(a hash of their contents) and the entry file that names the metadata. Everything else (fragments,
word index chunks) depends only on the pages and the order Pagefind walks the site, which is the
file system's directory order (the same for the same names on one machine). ``build_search_index``
therefore rewrites the metadata and filter files in one canonical order, named as Pagefind names them.

Pagefind also writes its ready-made search interfaces (Default, Modular and Component UI, and a
highlighter: about 420 KB of scripts and styles). The hub's own scripts search through ``pagefind.js``
alone, so ``build_search_index`` keeps only what that needs: no unused script is published.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import cbor2

# The hub's pages are in English: one index, whatever a page's text looks like to a detector.
_OPTIONS = ("--force-language", "en", "--exclude-selectors", ".headerlink", "--silent")  # no ¶ in results
# A search fetches the index chunk holding each word it looks up. Pagefind closes a chunk once its
# words' locations pass this many (20,000 by default; set only through this variable in 1.5): at a
# quarter of that, a word on nearly every page comes with fewer neighbours and a rare word's chunk is
# a quarter the size (at N = 2,000: 17 KB less before the first result for "leaders", the same index
# time), for a few more chunk names in the metadata.
_ENVIRONMENT = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "5000"}


def index_command(site_dir: Path) -> list[str]:
    """Pagefind's command line for ``site_dir`` (the binary ships in the pagefind[bin] wheel)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *_OPTIONS]


def build_search_index(site_dir: Path) -> subprocess.CompletedProcess:
    """Index ``site_dir`` into ``site_dir/pagefind/`` and wait for it; the index is canonical (see above)."""
    result = subprocess.run(index_command(site_dir), capture_output=True, text=True, timeout=600,
                            env={**os.environ, **_ENVIRONMENT})
    if result.returncode == 0:
        canonicalise_index(site_dir / "pagefind")
        remove_unused_interfaces(site_dir / "pagefind")
    return result


def start_search_index(site_dir: Path) -> subprocess.Popen:
    """Index ``site_dir`` in the background: a live preview is not held up by its search index."""
    return subprocess.Popen(index_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **_ENVIRONMENT})


# Every index file is gzip of this signature followed by CBOR (Pagefind's `pagefind_dcd` files).
_SIGNATURE = b"pagefind_dcd"
_ENTRY = "pagefind-entry.json"


def canonicalise_index(index_dir: Path) -> None:
    """Rewrite Pagefind's metadata and filter files with their filters, sorts and filter values in
    name order, so two runs over the same pages give the same bytes. The search is unchanged: the
    browser looks filters and sorts up by name, and a filter value's pages stay in page order."""
    entry = json.loads((index_dir / _ENTRY).read_text(encoding="utf-8"))
    for language, index in entry["languages"].items():
        meta_path = index_dir / f"pagefind.{index['hash']}.pf_meta"
        version, pages, chunks, filters, sorts, meta_fields = _take(meta_path)
        values = {name: sorted(_take(index_dir / "filter" / f"{digest}.pf_filter")[1]) for name, digest in filters}
        filters = [[name, _write_named(index_dir / "filter", language, 7, ".pf_filter", cbor2.dumps([name, values[name]]))]
                   for name in sorted(values)]
        meta = cbor2.dumps([version, pages, chunks, filters, sorted(sorts), meta_fields])
        index["hash"] = _write_named(index_dir, language, len(language) + 8, ".pf_meta", meta, prefix="pagefind.")
    # Pagefind writes its entry file as compact JSON, in the order read here.
    (index_dir / _ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# What a search through pagefind.js reads: the script, its worker, the entry file, each language's
# WebAssembly and metadata, and the folders of word chunks, filters and fragments.
_USED_FILES = ("pagefind.js", "pagefind-worker.js", _ENTRY, "wasm.*.pagefind", "pagefind.*.pf_meta")


def remove_unused_interfaces(index_dir: Path) -> None:
    """Remove each file at the top of Pagefind's output that a search through pagefind.js never fetches
    (the ready-made interfaces, and whatever a later Pagefind adds beside them)."""
    for path in index_dir.iterdir():
        if path.is_file() and not any(path.match(pattern) for pattern in _USED_FILES):
            path.unlink()


def _take(path: Path):
    """The decoded contents of an index file, which is removed (its canonical form replaces it)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind index file")
    path.unlink()
    return cbor2.loads(data[len(_SIGNATURE):])


def _write_named(folder: Path, language: str, length: int, suffix: str, encoded: bytes, prefix: str = "") -> str:
    """Write ``encoded`` as Pagefind does, named by its hash (lengthened, as Pagefind does, while the
    name is taken by another file); returns the name without prefix and suffix."""
    digest = _pagefind_hash(encoded)
    name = f"{language}_{digest[:length]}"
    while (folder / f"{prefix}{name}{suffix}").exists() and length < len(digest):
        length += 1
        name = f"{language}_{digest[:length]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip.compress(_SIGNATURE + encoded, compresslevel=9, mtime=0))
    return name


def _pagefind_hash(data: bytes) -> str:
    """Pagefind's file-name hash: SHA-1, each byte in hexadecimal without zero padding."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
