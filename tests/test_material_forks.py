"""The guide's overrides fork a few of Material's templates: each fork names the Material file
it was made from, and this test fails when the installed Material's file differs from the one
forked (re-apply the guide's change to the new file, then record its hash here)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from pathlib import Path

import material
import pytest

from guide import ROOT
from tests.pages import LANGUAGES, parse

PINNED = "9.8.1"
TEMPLATES = Path(material.__file__).parent / "templates"
# Material's file -> the SHA-256 of the version the guide's override was made from.
FORKED = {
    "partials/alternate.html": "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    "partials/javascripts/outdated.html": (
        "13165dec361fce13130f73f747aab982f7e1979608c061e5953b10286abc7447"
    ),
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/source.html": "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
    # overrides/main.html copies the site_meta, htmltitle and scripts blocks of base.html.
    "base.html": "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
}


def test_material_is_the_pinned_version() -> None:
    assert importlib.metadata.version("mkdocs-material") == PINNED
    assert f"mkdocs-material=={PINNED}" in (ROOT / "requirements.txt").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(FORKED))
def test_forked_template_is_unchanged_upstream(name: str) -> None:
    digest = hashlib.sha256((TEMPLATES / name).read_bytes()).hexdigest()
    assert digest == FORKED[name], f"Material's {name} changed since the guide forked it"


@pytest.mark.parametrize("name", sorted(n for n in FORKED if n != "base.html"))
def test_every_fork_has_its_override(name: str) -> None:
    assert (ROOT / "overrides" / name).is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_materials_bundle_is_deferred(site: Path, lang: str) -> None:
    scripts = parse(site, lang, "work.md").find_all("script", src=True)
    bundles = [s for s in scripts if re.search(r"/bundle\.[0-9a-f]+\.min\.js$", str(s["src"]))]
    assert len(bundles) == 1
    assert bundles[0].has_attr("defer")
