"""translation-status.html and .json at the site root: what each language still needs."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guide.csp import attach
from guide.i18n import current_language, source_language
from guide.render import guide_env
from guide.translations import status


def on_post_build(*, config: MkDocsConfig) -> None:
    if current_language(config) != source_language(config):
        return  # written once, by the default language's build
    report = status(Path(config.docs_dir))
    site = Path(config.site_dir)
    env = guide_env(config.theme)
    html = env.get_template("partials/guide/translation-status.html").render(report=report)
    page = attach(html, env=env, where="translation-status.html")
    (site / "translation-status.html").write_text(page, encoding="utf-8")
    data = {lang: asdict(entry) for lang, entry in report.items()}
    (site / "translation-status.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
