"""A MkDocs hook for the attack site only (listed before ``hooks/hub.py``): the records that pass
validation get script payloads put into every text field afterwards (``attacks.poison``), as if the
validator had missed every one of them. What the site then serves shows what the escaping and the
sanitiser hold on their own."""

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attacks  # noqa: E402
from ccpl_hub import build  # noqa: E402

_validate_content = build.validate_content


def _validate_then_poison(root, only=None, cache=None):
    result = _validate_content(root, only, cache)
    attacks.poison(result)
    return result


build.validate_content = _validate_then_poison


def on_config(config):
    """MkDocs warns about a link such as "&#106;avascript:..." (an unrecognised relative link), which
    fails a strict build: another early layer, turned down here so that the attack site gets built."""
    config.validation.links.unrecognized_links = logging.INFO
    return config
