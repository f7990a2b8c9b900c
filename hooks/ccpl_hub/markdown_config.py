"""Render contributed Markdown exactly as the site does, without MkDocs.

The validator must see the HTML a body will become (an attribute list, a reference-style link or an
abbreviation definition is only markup once Python-Markdown has read it), so it renders each body
with the Markdown extensions and settings of the project's ``mkdocs.yml`` (next to ``hooks/``), read
from that file: one configuration, never a copy that drifts. MkDocs adds ``toc``, ``tables`` and
``fenced_code`` to every site; so does this module.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.toc import slugify
from material.extensions import emoji as material_emoji
from pymdownx import emoji as pymdownx_emoji

from .site_config import CONFIG_FILE, read_config

MKDOCS_YML = Path(__file__).resolve().parents[2] / CONFIG_FILE
_MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


def site_extensions(config_file: Path = MKDOCS_YML) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions of the site's configuration and their settings."""
    config = read_config(config_file)
    names, settings = list(_MKDOCS_BUILTINS), {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name not in names:
            names.append(name)
        settings[name] = options or {}
    return names, settings


def heading_id(text: str, separator: str) -> str:
    """A heading's id (the ``toc`` extension's ``slugify``): Python-Markdown's own slug, without the
    ``_`` and ``-`` it can start with. The sanitiser keeps only ids that start with a letter or digit
    (``__`` is Material's own prefix), so a heading written ``# _x``, ``# ...`` or twice ``# _`` (toc
    makes ``_1`` and ``__1``) would otherwise lose its id, and its permalink with it, with a validator
    message the contributor could do nothing about. A heading with no letter or digit is a "section";
    toc numbers repeats from the end (``section_1``), so every id still starts with a letter."""
    return slugify(text, separator).lstrip("_-") or "section"


def emoji_or_icon(index, shortname, alias, uc, alt, title, category, options, md):
    """``pymdownx.emoji``'s generator: an emoji as its own Unicode character (``:smile:`` -> the
    character itself), one of the theme's icons (``:material-arrow-left:``) as inline SVG. Material's
    generator loads each emoji as an image from cdn.jsdelivr.net instead: a request to another site
    on every view of a page, from text anyone can contribute. An icon has no Unicode character."""
    if uc is None:
        return material_emoji.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return pymdownx_emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)


class SiteMarkdown:
    """One Markdown renderer with the site's configuration, reused for every body of a run."""

    def __init__(self):
        names, settings = site_extensions()
        self._markdown = markdown.Markdown(extensions=names, extension_configs=settings)

    def render(self, text: str) -> str:
        return self._markdown.reset().convert(text)
