#!/usr/bin/env python3
"""Check the hub's content: `python scripts/validate.py [PATH ...] [--format github] [--review]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from ccpl_hub.cli import main  # noqa: E402

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head` and cut short: not an error in the content
        sys.stderr.close()
        sys.exit(1)
