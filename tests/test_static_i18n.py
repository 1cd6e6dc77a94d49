"""The adapter for static-i18n's internals (guide/site/static_i18n.py), pinned against the installed
static-i18n: generated pages must look to it exactly like the files it prepares itself."""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs_static_i18n.folder import create_i18n_file

from guide import MKDOCS_YML, ROOT
from guide.site import static_i18n
from guide.site.i18n import built_language_prefix, source_language
from guide.site.static_i18n import (
    FILE_ATTRIBUTES,
    PLUGIN_ATTRIBUTES,
    StaticI18nVersionError,
    builds_more_languages,
    check_version,
    file_locale,
    language_file,
    normalized_src,
    show_language_selector,
)
from tests.pages import LANGUAGES

SRC = "powiaty/gdansk.md"


def _load() -> MkDocsConfig:
    config = load_config(str(MKDOCS_YML))
    # Outside a build no plugin is "current"; File.generated records it. No plugin handles it.
    config.plugins.run_event("shutdown")
    return config


@pytest.fixture
def config() -> MkDocsConfig:
    return _load()


def _added(file: File) -> set[str]:
    """The attributes set on `file` that MkDocs' File does not define or set itself."""
    config = _load()
    found = File("work.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    generated = File.generated(config, "work.md", content="")
    mkdocs_own = set(vars(found)) | set(vars(generated))
    return {name for name in vars(file) if name not in mkdocs_own and not hasattr(File, name)}


def _static_i18ns_file(config: MkDocsConfig, lang: str) -> File:
    """`lang`'s SRC as static-i18n's own file factory prepares it in `lang`'s build."""
    found = File(f"{lang}/{SRC}", config.docs_dir, config.site_dir, config.use_directory_urls)
    file: File = create_i18n_file(found, lang, source_language(config), list(LANGUAGES), config)
    return file


def _adapters_file(config: MkDocsConfig, lang: str) -> File:
    dest_uri = f"{built_language_prefix(config, lang)}powiaty/gdansk/index.html"
    return language_file(config, lang=lang, src=SRC, dest_uri=dest_uri, content="# Gdańsk\n")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_static_i18n_sets_the_attributes_the_adapter_knows(config: MkDocsConfig, lang: str) -> None:
    assert _added(_static_i18ns_file(config, lang)) == FILE_ATTRIBUTES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_pages_carry_exactly_static_i18ns_attributes(
    config: MkDocsConfig, lang: str
) -> None:
    theirs, ours = _static_i18ns_file(config, lang), _adapters_file(config, lang)
    assert _added(ours) == _added(theirs)
    for name in sorted(FILE_ATTRIBUTES - {"alternates"}):
        assert getattr(ours, name) == getattr(theirs, name), name
    alternates: dict[str, Any] = ours.alternates  # type: ignore[attr-defined]
    assert alternates == {lang: ours}
    assert (ours.dest_uri, ours.url) == (theirs.dest_uri, theirs.url)
    assert normalized_src(ours) == normalized_src(theirs) == SRC
    assert file_locale(ours) == file_locale(theirs) == lang


def test_a_file_outside_the_language_folders_has_no_language(config: MkDocsConfig) -> None:
    outside = File.generated(config, "towns.json", content="[]")
    assert (normalized_src(outside), file_locale(outside)) == (None, None)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "pl"])
def test_a_fallback_page_keeps_the_locale_of_its_folder(config: MkDocsConfig, lang: str) -> None:
    found = File("pl/work.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    fallback = create_i18n_file(found, lang, "pl", list(LANGUAGES), config)
    assert (normalized_src(fallback), file_locale(fallback)) == ("work.md", "pl")


def test_the_installed_version_is_supported_and_the_one_locked(config: MkDocsConfig) -> None:
    check_version(config.plugins["i18n"])
    installed = importlib.metadata.version(static_i18n.DISTRIBUTION)
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert f"{static_i18n.DISTRIBUTION}=={installed}" in lock


@pytest.mark.parametrize("version", ["1.3.1", "1.3.9"])
def test_a_version_in_the_range_is_accepted(
    monkeypatch: pytest.MonkeyPatch, config: MkDocsConfig, version: str
) -> None:
    monkeypatch.setattr(static_i18n, "_installed_version", lambda: version)
    check_version(config.plugins["i18n"])


@pytest.mark.parametrize("version", ["1.3.0", "1.4.0"])
def test_a_version_outside_the_range_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    monkeypatch.setattr(static_i18n, "_installed_version", lambda: version)
    with pytest.raises(StaticI18nVersionError) as raised:
        check_version()
    assert str(raised.value) == (
        f"mkdocs-static-i18n {version} is installed, but guide/site/static_i18n.py is checked "
        "against 1.3.1 or later, below 1.4: install the version in requirements.lock, or check "
        "guide/site/static_i18n.py and its tests against the new version and widen its range"
    )


def test_a_plugin_without_what_the_adapter_uses_is_refused(config: MkDocsConfig) -> None:
    class Plugin:
        building = False

    with pytest.raises(StaticI18nVersionError) as raised:
        check_version(Plugin())
    installed = importlib.metadata.version(static_i18n.DISTRIBUTION)
    missing = ", ".join(f"Plugin.{name}" for name in PLUGIN_ATTRIBUTES if name != "building")
    assert str(raised.value) == (
        f"mkdocs-static-i18n {installed} has no {missing}, which guide/site/static_i18n.py uses: "
        "install the version in requirements.lock"
    )


@pytest.mark.parametrize("shown", [True, False])
def test_the_language_selector_flag_replaces_static_i18ns_list(
    config: MkDocsConfig, shown: bool
) -> None:
    # static-i18n writes its list both ways (reconfigure.reconfigure_page_context).
    config.extra["alternate"] = [{"lang": "pl", "link": "/"}]
    setattr(config.extra, "alternate", [{"lang": "pl", "link": "/"}])  # noqa: B010
    show_language_selector(config, shown=shown)
    assert config.extra["alternate"] is shown
    assert getattr(config.extra, "alternate") is shown  # noqa: B009


def test_a_fresh_build_is_not_building_more_languages(config: MkDocsConfig) -> None:
    assert builds_more_languages(config) is False
