"""The project's mkdocs.yml, read as MkDocs reads it, without MkDocs.

One configuration for every way the engine runs: the Markdown settings the validator renders bodies
with (``markdown_config``), and the site address and repository the generator writes into pages and
exports (``python -m ccpl_hub generate``), are those of the build. ``!ENV`` is MkDocs' own tag
(pyyaml_env_tag, which MkDocs uses), so a setting taken from the environment (SITE_URL, REPO_URL)
resolves as it does in a build; ``!!python/name:`` names a function (the emoji generator).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

from .problems import Problem

CONFIG_FILE = "mkdocs.yml"


class UnreadableConfig(Exception):
    """The configuration is not YAML that MkDocs could read; ``problem`` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _MkDocsYamlLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: ``!ENV`` and ``!!python/name:``."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_MkDocsYamlLoader.add_constructor("!ENV", construct_env_tag)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def read_config(config_file: Path) -> dict:
    """The whole configuration, with environment settings resolved; ``UnreadableConfig`` when it is
    not YAML (a build would stop on it too), so a command reports it as it reports content."""
    text = config_file.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_MkDocsYamlLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = min(mark.line + 1, max(text.count("\n"), 1)) if mark else 1  # the end of the file, not past it
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise UnreadableConfig(Problem(config_file.name, line, "file",
                                       f"is not valid YAML ({reason}); MkDocs could not read it either")) from None


@dataclass(frozen=True)
class SiteSettings:
    """What the generated pages and exports depend on beyond the content."""

    site_url: str
    repository: str

    @classmethod
    def of(cls, root: Path) -> "SiteSettings":
        config = read_config(root / CONFIG_FILE)
        return cls(config.get("site_url") or "", (config.get("extra") or {}).get("repository") or "")
