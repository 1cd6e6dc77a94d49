"""Theme templates compiled once per build, not once per language.

static-i18n builds every language with a new theme environment; each gets the build's
CompiledTemplates (guide/site/render.py), so a template compiled for the first language is
loaded as code by the others.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from guide.site.render import compiled_templates


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = compiled_templates(config.theme)
    return env
