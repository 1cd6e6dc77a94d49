"""Every page carries a Content-Security-Policy: the site's own origin only, and inline
scripts allowed one by one by their hashes, never by 'unsafe-inline'."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from guide import MKDOCS_YML, ROOT
from guide.csp import POLICY, CspError, attach, inline_scripts, policy_for, script_hash
from guide.render import guide_env
from tests.pages import LANGUAGE_PAGES, output_path

OTHER_PAGES = ("404.html", "translation-status.html")


def policy_of(html: str) -> dict[str, list[str]]:
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(metas) == 1, "exactly one policy per page"
    text = metas[0].replace("&#39;", "'")
    return {name: values for name, *values in (directive.split() for directive in text.split(";"))}


def check_page(html: str) -> None:
    policy = policy_of(html)
    head = html[html.index("<head>") : html.index("</head>")]
    assert re.match(r'<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security', head)
    hashes = {script_hash(text) for text in inline_scripts(html)}
    assert set(policy["script-src"]) == {"'self'", *hashes}
    for name, values in POLICY.items():
        if name != "script-src":
            assert policy[name] == list(values)
    flat = " ".join(" ".join(values) for values in policy.values())
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat
    assert "http:" not in flat and "https:" not in flat and "*" not in flat


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_page_has_the_policy(site: Path, lang: str, page: str) -> None:
    check_page(output_path(site, lang, page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", OTHER_PAGES)
def test_other_html_has_the_policy(site: Path, name: str) -> None:
    check_page((site / name).read_text(encoding="utf-8"))


def test_no_html_file_without_policy(site: Path) -> None:
    missing = [
        str(path.relative_to(site))
        for path in site.rglob("*.html")
        if "Content-Security-Policy" not in path.read_text(encoding="utf-8")
    ]
    assert missing == []


def test_hash_is_of_the_exact_script_text() -> None:
    # The value browsers compute for <script>alert(1)</script>.
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_json_blocks_and_external_scripts_are_not_hashed() -> None:
    html = (
        '<script src="a.js"></script><script id="__config" type="application/json">{}</script>'
        "<script>run()</script>"
    )
    assert inline_scripts(html) == ["run()"]
    assert policy_for(html).startswith(
        f"default-src 'self'; script-src 'self' {script_hash('run()')}; style-src 'self'"
    )


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    return guide_env(load_config(str(MKDOCS_YML)).theme)


def test_policy_goes_right_after_charset(env: jinja2.Environment) -> None:
    page = attach(
        '<html><head><meta charset="utf-8"><title>t</title></head></html>', env=env, where="x"
    )
    assert page.startswith(
        '<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"'
    )


def test_page_without_charset_is_refused(env: jinja2.Environment) -> None:
    with pytest.raises(CspError) as error:
        attach("<html><head><title>t</title></head></html>", env=env, where="docs/pl/x.md")
    assert str(error.value) == (
        'docs/pl/x.md: no <meta charset="utf-8"> to put the Content-Security-Policy after'
    )


def test_live_preview_has_no_policy(
    env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make serve`: live reload injects a different inline script into every response."""
    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "hooks" / "csp.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(str(MKDOCS_YML))
    page = '<html><head><meta charset="utf-8"></head><body><script>x()</script></body></html>'
    built = hook.on_post_template(page, template_name="404.html", config=config)
    assert "Content-Security-Policy" in built
    monkeypatch.setenv("GUIDE_LIVE_PREVIEW", "1")
    assert hook.on_post_template(page, template_name="404.html", config=config) == page
