"""The guide's overrides replace a few of Material's partials and blocks. No hash of a whole
theme file (Material's base.html carries its hashed asset names and changes with every
release): each override is checked where it meets Material, against the installed version,
whose number is pinned only in requirements.lock."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import material
import pytest

from guide import ROOT
from tests.pages import LANGUAGES, output_path, parse

TEMPLATES = Path(material.__file__).parent / "templates"
# Material's partials the guide replaces whole, and the template of Material's that includes
# each (so that the override is still what the page shows).
REPLACED = {
    "partials/alternate.html": "partials/header.html",
    "partials/search.html": "partials/header.html",
    "partials/source.html": "partials/header.html",
    "partials/javascripts/outdated.html": "base.html",
}
# The one partial forked rather than replaced: Material's script with one fix (the relative
# base_url resolved against the page). Material's source is the fork with the fix undone.
OUTDATED = "partials/javascripts/outdated.html"
FIX = ('base=new URL("{{ base_url }}",location)', 'base=new URL("{{ base_url }}")')
# The blocks of Material's base.html that overrides/main.html extends with super().
EXTENDED_BLOCKS = ("outdated", "scripts", "extrahead", "content")


def test_material_is_the_locked_version() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert f"mkdocs-material=={importlib.metadata.version('mkdocs-material')}" in lock


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_every_replaced_partial_is_still_included_by_material(name: str) -> None:
    assert (ROOT / "overrides" / name).is_file()
    assert (TEMPLATES / name).is_file(), f"Material has no {name} any more"
    including = (TEMPLATES / REPLACED[name]).read_text(encoding="utf-8")
    assert f'{{% include "{name}" %}}' in including


def test_the_forked_script_is_materials_with_one_fix() -> None:
    ours = (ROOT / "overrides" / OUTDATED).read_text(encoding="utf-8")
    theirs = (TEMPLATES / OUTDATED).read_text(encoding="utf-8")
    [script] = re.findall(r"<script>.*?</script>", ours, flags=re.S)
    assert FIX[0] in script
    assert script.replace(*FIX) in theirs, f"Material's {OUTDATED} changed since the fork"


@pytest.mark.parametrize("block", EXTENDED_BLOCKS)
def test_the_blocks_main_html_extends_are_in_materials_base(block: str) -> None:
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert f"{{% block {block} %}}" in base
    assert f"{{% block {block} %}}" in main


def test_main_html_copies_no_block_without_super() -> None:
    """Every block main.html overrides adds to Material's (super()) or is empty upstream:
    nothing of Material's is copied, so a Material release needs no re-copying."""
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    blocks = re.findall(r"{% block (\w+) %}(.*?){% endblock %}", main, flags=re.S)
    assert [name for name, _ in blocks] == list(EXTENDED_BLOCKS)
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    for name, body in blocks:
        upstream = re.search(rf"{{% block {name} %}}(.*?){{% endblock %}}", base, flags=re.S)
        assert upstream is not None, name
        assert "super()" in body or not upstream[1].strip(), name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_materials_bundle_is_named_not_loaded(site: Path, lang: str) -> None:
    """Material's bundle is no <script> of the page: a <template> names it for boot.js, which
    loads it on the reader's first touch (tests/test_browser_first_view.py)."""
    page = parse(site, lang, "work.md")
    sources = [str(s["src"]) for s in page.find_all("script", src=True)]
    assert not [src for src in sources if "/javascripts/" in src]
    holders = page.find_all("template", id="guide-bundle")
    assert len(holders) == 1
    src = str(holders[0]["data-src"])
    assert re.fullmatch(r"(\.\./)*assets/javascripts/bundle\.[0-9a-f]+\.min\.js", src)
    assert (output_path(site, lang, "work.md").parent / src).resolve().is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_generator_names_the_installed_material(site: Path, lang: str) -> None:
    meta = parse(site, lang, "work.md").find("meta", attrs={"name": "generator"})
    assert meta is not None
    version = importlib.metadata.version("mkdocs-material")
    assert str(meta["content"]).endswith(f", mkdocs-material-{version}")


def test_materials_version_is_written_only_in_the_lock_file() -> None:
    """No template, module or test names the installed Material release: a new release is one
    line in requirements.lock (README and CHANGELOG prose may name it)."""
    version = importlib.metadata.version("mkdocs-material")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("overrides", "guide", "hooks", "tests")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and path.suffix in {".html", ".py", ".js", ".css", ".yml", ".json"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(rf"(?<![\d.]){re.escape(version)}(?![\d])", line)
    ]
    assert found == []
