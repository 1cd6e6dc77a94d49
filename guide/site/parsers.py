"""MkDocs' own parsers, for the checks of guide/content: the one module of guide/site that
guide/content imports (tests/test_layers.py), so that a check reads a page exactly as the build
will, and no layer below guide/site imports MkDocs itself.

- Front matter: mkdocs.utils.meta's reader (`get_data`) and its two patterns, YAML between `---`
  lines (YAML_RE) and MultiMarkdown `key: value` lines (META_RE).
- Markdown: `PageMarkdown`, the page rendered with mkdocs.yml's extensions and their settings.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import META_RE, YAML_RE, get_data

from guide import MKDOCS_YML

__all__ = ["META_RE", "YAML_RE", "PageMarkdown", "get_data"]


class PageMarkdown:
    """Markdown as the build renders a page: mkdocs.yml's extensions and their settings."""

    def __init__(self, config_file: Path = MKDOCS_YML) -> None:
        config = load_config(str(config_file))
        self._markdown = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )

    def __call__(self, text: str) -> str:
        self._markdown.reset()
        return str(self._markdown.convert(text))
