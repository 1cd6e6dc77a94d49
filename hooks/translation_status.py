"""translation-status.html of each language (its words; the Polish one at the site root,
`uk/translation-status.html`...) and translation-status.json at the root: what each language
still needs."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.content.translations import status
from guide.site.csp import attach
from guide.site.i18n import built_language_prefix, current_language, source_language
from guide.site.render import guide_env, words


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = current_language(config)
    prefix = built_language_prefix(config, lang)
    report = status(Path(config.docs_dir))
    site = Path(config.site_dir)
    env = guide_env(config.theme)
    html = env.get_template("partials/guide/translation-status.html").render(
        report=report, root="../" * prefix.count("/"), **words(lang)
    )
    where = f"{prefix}translation-status.html"
    (site / where).write_text(attach(html, env=env, where=where), encoding="utf-8")
    if lang != source_language(config):
        return  # the JSON is written once, by the default language's build
    data = {code: asdict(entry) for code, entry in report.items()}
    (site / "translation-status.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
