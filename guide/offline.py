"""The offline page of each language (hooks/offline_page.py), which sw.js serves for an
address it has not kept while the network fails."""

from __future__ import annotations

import jinja2
from mkdocs.utils import get_relative_url

from guide.csp import attach
from guide.render import words

OFFLINE_HTML = "offline.html"  # in each language's folder; sw.js derives the same name
GUIDE_CSS = "assets/guide/guide.css"


def offline_page(env: jinja2.Environment, /, *, lang: str, prefix: str, site_name: str) -> str:
    """The offline page of `lang`, whose tree starts at `prefix` ('' or 'uk/'), with its policy."""
    where = prefix + OFFLINE_HTML
    html = env.get_template("partials/guide/offline.html").render(
        **words(lang), site_name=site_name, css=get_relative_url(GUIDE_CSS, where)
    )
    return attach(html, env=env, where=where)
