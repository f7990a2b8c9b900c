"""``python -m ccpl_hub generate [FOLDER]``: the engine's generator (the validator is ``scripts/validate.py``)."""

import sys

from .cli import generate

COMMANDS = {"generate": generate}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m ccpl_hub {{{','.join(COMMANDS)}}} ...\n"
              "  generate [FOLDER]  write the generated pages and data files, touching only those that changed",
              file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
