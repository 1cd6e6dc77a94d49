"""The stock project the guide's build and first view are compared with."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from guide import DOCS_DIR, ROOT
from guide.data.data_files import DataFiles
from guide.data.languages import data_dir, i18n_config, language_codes, site_language_prefix
from guide.data.site_data import load_site_data
from guide.site.feedback import ReportTo, repository
from guide.site.powiat_pages import LanguagePages, powiat_pages
from guide.site.raw_html_off import RAW_HTML_OFF
from guide.site.render import guide_env, site_theme


class _Env:
    """A `!ENV [NAME, null]` value in a written mkdocs.yml."""

    def __init__(self, name: str) -> None:
        self.name = name


class _StockDumper(yaml.SafeDumper):
    pass


def _represent_env(dumper: yaml.SafeDumper, value: _Env) -> yaml.Node:
    return dumper.represent_sequence("!ENV", [value.name, None], flow_style=True)


_StockDumper.add_representer(_Env, _represent_env)


def stock_project(workdir: Path) -> Path:
    """Stock Material + static-i18n over the same pages; returns its mkdocs.yml.

    The generated powiat pages are written out as Markdown files; the configuration inherits
    the guide's (site, theme options, Markdown extensions, nav, languages) and drops what the
    guide adds: hooks, overrides, extra CSS and JS, plugins other than search and i18n.
    """
    docs = workdir / "docs"
    shutil.copytree(DOCS_DIR, docs)
    env = guide_env(site_theme())
    data = load_site_data(DataFiles(data_dir()))
    for lang in language_codes():
        prefix = site_language_prefix(lang)
        reports = ReportTo(repository(), "dev")
        made = LanguagePages(env=env, data=data, lang=lang, prefix=prefix, reports=reports)
        pages = powiat_pages(made, inline_html=True)
        for page in pages:
            target = docs / lang / page.src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.markdown, encoding="utf-8")
    (workdir / "no-overrides").mkdir()
    # The guide's configuration without its raw-HTML-off extension: stock Markdown passes the
    # powiat pages' HTML, as it would any page's.
    guide_config = workdir / "guide-mkdocs.yml"
    guide_config.write_text(
        "".join(
            line
            for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines(True)
            if line.strip() != f"- {RAW_HTML_OFF}"
        ),
        encoding="utf-8",
    )
    i18n = dict(i18n_config())
    i18n["build_only_locale"] = _Env("GUIDE_LANG")
    stock = {
        "INHERIT": guide_config.name,
        "hooks": [],
        "extra_css": [],
        "extra_javascript": [],
        "theme": {"custom_dir": "no-overrides"},
        "watch": [],  # the guide's overrides/ (`make serve`)
        "plugins": ["search", {"i18n": i18n}],
        "extra": {"version": None},
    }
    config = workdir / "mkdocs.yml"
    config.write_text(
        yaml.dump(stock, Dumper=_StockDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return config
