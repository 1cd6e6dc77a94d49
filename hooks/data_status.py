"""data-status.html of each language (its words; the Polish one at the site root,
`uk/data-status.html`...) and data-status.json at the root: office data coverage and age, and
(on the HTML page) the facts of data/facts.yml, those ending soon first."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.site.data_status import render_data_status
from guide.site.i18n import built_language_prefix, current_language, source_language
from guide.site.render import guide_env


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    where = built_language_prefix(config, lang) + "data-status.html"
    html, status = render_data_status(guide_env(config.theme), lang=lang, where=where)
    site = Path(config.site_dir)
    (site / where).write_text(html, encoding="utf-8")
    if lang != source_language(config):
        return  # the JSON is written once, by the default language's build
    (site / "data-status.json").write_text(
        json.dumps(status, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
