"""The site's search index: Pagefind, run over the built HTML after every build.

Pagefind splits its index into small chunks that the browser fetches per search word, so what a
search downloads stays small as the hub grows (the theme's lunr index was one file holding every
page). Which part of a page is indexed is marked in the pages themselves: ``data-pagefind-body``
(the theme override), ``data-pagefind-ignore`` and the case studies' ``data-pagefind-filter``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# The hub's pages are in English: one index, whatever a page's text looks like to a detector.
_OPTIONS = ("--force-language", "en", "--exclude-selectors", ".headerlink", "--silent")  # no ¶ in results


def index_command(site_dir: Path) -> list[str]:
    """Pagefind's command line for ``site_dir`` (the binary ships in the pagefind[bin] wheel)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *_OPTIONS]


def build_search_index(site_dir: Path) -> subprocess.CompletedProcess:
    """Index ``site_dir`` into ``site_dir/pagefind/`` and wait for it."""
    return subprocess.run(index_command(site_dir), capture_output=True, text=True, timeout=600)


def start_search_index(site_dir: Path) -> subprocess.Popen:
    """Index ``site_dir`` in the background: a live preview is not held up by its search index."""
    return subprocess.Popen(index_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
