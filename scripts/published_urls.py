#!/usr/bin/env python3
"""Refresh data/published-urls.txt with every URL the hub now serves (published URLs are never removed).

Run it after adding pages, and commit the result: from then on, a build that would drop one of these
URLs without a redirect fails.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from ccpl_hub.build import HubBuild  # noqa: E402
from ccpl_hub.permalinks import PUBLISHED_URLS_FILE, write_published  # noqa: E402


def main() -> int:
    build = HubBuild.from_content(ROOT)
    if build.catalogue is None:
        print("The content has problems; run `make validate` and fix them first.", file=sys.stderr)
        return 1
    added = write_published(ROOT, build.served_urls())
    print(f"{PUBLISHED_URLS_FILE}: {added} URL(s) added.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
