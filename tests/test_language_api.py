"""The two language prefixes: where a language sits in the full site (guide.site) and in the
build being run (guide.site.i18n), which differ under `make serve LANG=uk` (GUIDE_LANG=uk)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config

import guide.data.languages as languages_module
from guide import MKDOCS_YML
from guide.data.languages import i18n_config, languages, mkdocs_config, site_language_prefix
from guide.site.i18n import built_language_prefix, built_languages, source_language
from tests.pages import LANGUAGES

# The full site: the source language at the root, every other in its folder; under
# `make serve LANG=xx` the one language built is at the root instead.
FULL_SITE = {code: "" if code == LANGUAGES[0] else f"{code}/" for code in LANGUAGES}
ONE = LANGUAGES[1]
ONLY_ONE = {code: "" if code == ONE else f"{code}/" for code in LANGUAGES}


@pytest.fixture(params=[None, ONE], ids=["all-languages", f"GUIDE_LANG={ONE}"])
def guide_lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The environment of a full build, or of `make serve LANG=uk`: mkdocs.yml's `!ENV` read
    again with no cache to clear."""
    if request.param is None:
        monkeypatch.delenv("GUIDE_LANG", raising=False)
    else:
        monkeypatch.setenv("GUIDE_LANG", request.param)
    yield request.param or ""


def test_mkdocs_yml_is_read_with_its_env_tags(guide_lang: str) -> None:
    assert i18n_config()["build_only_locale"] == (guide_lang or None)
    assert str(mkdocs_config()["site_url"]).startswith("https://")
    assert [language.code for language in languages()] == list(FULL_SITE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_language_prefix_is_the_full_sites_whatever_is_built(
    guide_lang: str, lang: str
) -> None:
    assert site_language_prefix(lang) == FULL_SITE[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_built_language_prefix_is_this_builds(guide_lang: str, lang: str) -> None:
    config = load_config(str(MKDOCS_YML))
    expected = ONLY_ONE if guide_lang == ONE else FULL_SITE
    assert built_language_prefix(config, lang) == expected[lang]
    assert source_language(config) == (guide_lang or LANGUAGES[0])
    built = [code for code, _ in built_languages(config)]
    assert built == ([guide_lang] if guide_lang else list(FULL_SITE))


# --- mkdocs.yml read once while it is unchanged (guide/data/languages.py, _file_bytes) ----------

CONFIG = (
    "site_name: S\nplugins:\n  - guide\n  - i18n:\n      languages:\n"
    "        - {locale: pl, name: P, default: true}\n"
)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every configuration file the language API reads from disk."""
    read: list[Path] = []
    read_bytes = Path.read_bytes

    def counting(path: Path) -> bytes:
        read.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return read


def test_a_file_unchanged_since_before_the_racy_window_is_read_once(
    tmp_path: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    later = time.time_ns() + 2 * languages_module.RACY_NS
    monkeypatch.setattr(languages_module, "_now_ns", lambda: later)
    assert [language.code for language in languages(config)] == ["pl"]
    assert [language.code for language in languages(config)] == ["pl"]
    assert reads == [config]
    # Any write changes the file's change time: read again, even with its size and mtime kept.
    status = config.stat()
    config.write_text(CONFIG.replace("locale: pl", "locale: uk"), encoding="utf-8")
    os.utime(config, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert [language.code for language in languages(config)] == ["uk"]
    assert reads == [config, config]


def test_a_file_changed_within_the_racy_window_is_read_every_time(
    tmp_path: Path, reads: list[Path]
) -> None:
    """Rewritten with the same size within the timestamps' granularity, it is still seen."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    assert [language.code for language in languages(config)] == ["pl"]
    config.write_text(CONFIG.replace("locale: pl", "locale: uk"), encoding="utf-8")
    assert [language.code for language in languages(config)] == ["uk"]
    assert reads == [config, config]
