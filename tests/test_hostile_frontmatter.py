"""Issue 16: front matter and reader-facing data are untrusted input.

Markup in a title or description is refused by check-content, the build and pre-commit
(guide/content/frontmatter.py FrontMatter, through guide/content/content_rules.py) with the
key's line; and
whatever reaches the theme is escaped (guide/site/escaping.py), which one fixture build proves
with validation switched off: nothing runs, nothing navigates away, the text is shown as is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, expect

from guide import ROOT
from guide.content.content_rules import content_problems
from guide.data.languages import language_codes
from guide.site.build import mkdocs_build
from guide.site.features import CONTENT_RULES
from tests import data
from tests.browser import PHONE, open_page, serve
from tests.fixture_site import make_project

PLAIN = "plain text on one line, no markup"
# case: (YAML value as written in the page, message after "FIELD: ", with the value shown)
CASES = {
    "meta-tag": (
        '\'"><meta http-equiv="refresh" content="0;url=https://evil.example/">\'',
        f"'>' is not allowed: {PLAIN} (value: "
        '\'"><meta http-equiv="refresh" content="0;url=https://evil.example/">\')',
    ),
    "end-title": (
        "'Робота</title>'",
        f"'<' is not allowed: {PLAIN} (value: 'Робота</title>')",
    ),
    "script": (
        "'Робота\" onmouseover=\"x</title><script>alert(1)</script>'",
        f"'<' is not allowed: {PLAIN} (value: "
        "'Робота\" onmouseover=\"x</title><script>alert(1)</script>')",
    ),
    "closing-bracket": ("'a > b'", f"'>' is not allowed: {PLAIN} (value: 'a > b')"),
    "newline": ('"one\\ntwo"', f"'\\n' is not allowed: {PLAIN} (value: 'one\\ntwo')"),
    "control-char": ('"bell\\a"', f"'\\x07' is not allowed: {PLAIN} (value: 'bell\\x07')"),
    "number": ("112", "Input should be a valid string (value: 112)"),
}
LIMITS = {"title": 80, "description": 200}
FIELDS = tuple(LIMITS)
LANGS = language_codes()


def page(lines: str) -> str:
    """A page whose front matter holds `lines` after a valid title on line 2."""
    return f"---\ntitle: Praca\n{lines}---\n# Praca\n\nTekst.\n"


def problems(lang: str, text: str) -> list[str]:
    path = Path(f"docs/{lang}/work.md")
    return [str(problem) for problem in content_problems(path, text, rules=data.text_rules())]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES)
def test_markup_in_front_matter_is_refused(case: str, lang: str, field: str) -> None:
    value, message = CASES[case]
    # description on line 3; a second title would be a duplicate key, so title replaces line 2
    text = (
        f"---\ntitle: {value}\n---\n# Praca\n\nTekst.\n"
        if field == "title"
        else page(f"description: {value}\n")
    )
    line = 2 if field == "title" else 3
    assert problems(lang, text) == [f"docs/{lang}/work.md:{line}: {field}: {message}"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("lang", LANGS)
def test_very_long_value_is_refused(lang: str, field: str) -> None:
    limit = LIMITS[field]
    value = "x" * (limit + 1)
    text = page(f"{field}: {value}\n").replace("title: Praca\n", "", field == "title")
    line = 2 if field == "title" else 3
    assert problems(lang, text) == [
        f"docs/{lang}/work.md:{line}: {field}: String should have at most {limit} characters "
        f"(value: {value!r})"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_key_is_refused(lang: str) -> None:
    assert problems(lang, page("template: evil.html\n")) == [
        f"docs/{lang}/work.md:3: template: unknown key (the keys are title, description, "
        "last_reviewed, source_blob) (value: 'evil.html')"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_review_date_and_blob_are_checked(lang: str) -> None:
    text = page("last_reviewed: 2999-01-01\nsource_blob: main\n")
    assert problems(lang, text) == [
        f"docs/{lang}/work.md:3: last_reviewed: 2999-01-01 is in the future: write the day "
        "the page was reviewed",
        f"docs/{lang}/work.md:4: source_blob: String should match pattern '^[0-9a-f]{{40}}$' "
        "(value: 'main')",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_legal_punctuation_passes(lang: str) -> None:
    text = page("description: 'Umowa \"najem okazjonalny\" & rent''s deposit'\n")
    assert problems(lang, text) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_real_pages_pass(lang: str) -> None:
    found = []
    for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
        found += content_problems(
            path.relative_to(ROOT), path.read_text(encoding="utf-8"), rules=data.text_rules()
        )
    assert [str(problem) for problem in found if ": title:" in str(problem)] == []
    assert [str(problem) for problem in found if "front matter" in str(problem)] == []


def test_build_refuses_markup_in_the_title(tmp_path: Path) -> None:
    value, message = CASES["script"]
    config = make_project(
        tmp_path, {"uk/work.md": f"---\ntitle: {value}\n---\n\nText.\n"}, powiat_pages=False
    )
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, only_language="uk", capture=True)
    assert f"docs/uk/work.md:2: title: {message}" in failure.value.output


# --- One build with validation off: the theme alone must keep everything text ----------

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
ATTACK_TITLE = 'Робота" onmouseover="x</title><script>alert(1)</script>'
ATTACK_DESCRIPTION = '0;url=https://evil.example/" http-equiv="refresh'
LEGAL_TITLE = "Оренда \"najem\" & 'kaucja'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """uk pages and data with the attacks verbatim, built without the content rules (uk
    alone, so at the site's root)."""
    tmp = tmp_path_factory.mktemp("hostile")
    yaml_quote = "'" + ATTACK_TITLE.replace("'", "''") + "'"
    legal_quote = LEGAL_TITLE.replace("'", "''")
    config = make_project(
        tmp,
        {
            "uk/work.md": f"---\ntitle: {yaml_quote}\ndescription: '{ATTACK_DESCRIPTION}'\n"
            "---\n\nText.\n",
            "uk/housing.md": f"---\ntitle: '{legal_quote}'\n---\n\nText.\n",
            "uk/glossary.md": "---\ntitle: Словник\n---\n# Словник\n\n[[glossary]]\n",
        },
        nav=["index.md", "work.md", "housing.md", "glossary.md"],
        powiat_pages=False,
        checks_off=(CONTENT_RULES,),
    )
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    ui = data / "ui.yml"
    ui.write_text(
        ui.read_text("utf-8").replace(
            'uk: "Екстрений номер 112', f'uk: "{SCRIPT} Екстрений номер 112', 1
        ),
        encoding="utf-8",
    )
    glossary = data / "glossary.yml"
    glossary.write_text(
        glossary.read_text("utf-8")
        .replace(
            "uk: Адвокат, якого призначає суд", f"uk: {SCRIPT} Адвокат, якого призначає суд", 1
        )
        .replace("uk: адвокат від держави", f"uk: {IMG} адвокат від держави", 1),
        encoding="utf-8",
    )
    out = tmp / "site"
    mkdocs_build(
        out, config_file=config, only_language="uk", extra_env={"GUIDE_DATA_DIR": str(data)}
    )
    return out


def test_attacks_render_as_text(hostile_site: Path) -> None:
    html = (hostile_site / "work" / "index.html").read_text("utf-8")
    assert "<script>alert" not in html
    assert 'http-equiv="refresh"' not in html
    escaped = "Робота&#34; onmouseover=&#34;x&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{escaped} - " in html
    assert html.count(escaped) >= 4  # <title>, header, navigation, <h1>
    assert "0;url=https://evil.example/&#34; http-equiv=&#34;refresh" in html


def test_legal_title_is_escaped_everywhere(hostile_site: Path) -> None:
    html = (hostile_site / "housing" / "index.html").read_text("utf-8")
    escaped = "Оренда &#34;najem&#34; &amp; &#39;kaucja&#39;"
    assert f"<title>{escaped} - " in html
    assert f"<h1>{escaped}</h1>" in html
    assert html.count(escaped) >= 4  # <title>, header, navigation, <h1>
    assert "&amp;amp;" not in html


def test_data_values_render_as_text(hostile_site: Path) -> None:
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    glossary = (hostile_site / "glossary" / "index.html").read_text("utf-8")
    assert f"{escaped} Адвокат, якого призначає суд" in glossary
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt; адвокат від держави" in glossary
    assert "<img src=x" not in glossary
    assert f'title="{escaped} Екстрений номер 112' in glossary
    assert "<script>alert" not in glossary


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("name", ["work", "glossary"])
def test_nothing_runs_in_a_browser(browser: Browser, hostile_url: str, name: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    tab = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", dismiss)
    url = f"{hostile_url.rstrip('/')}/{name}/"
    open_page(tab, url)
    tab.wait_for_load_state("load")
    tab.mouse.move(5, 5)
    tab.hover("h1")
    assert tab.locator("meta[http-equiv=refresh i]").count() == 0
    assert dialogs == []
    assert tab.url == url
    if name == "work":
        assert tab.title().startswith(ATTACK_TITLE + " - ")
        expect(tab.locator("h1")).to_have_text(ATTACK_TITLE)
    context.close()


# Double escaping would show markup or entities to readers: `&amp;lt;`, `&lt;div`.
DOUBLE = re.compile(r"&amp;(?:amp|lt|gt|quot|#\d+);|&lt;/?(?:a|div|p|span|ul|li|svg)\b")


def test_real_site_has_no_double_escaping(site: Path) -> None:
    found = [
        f"{path.relative_to(site)}: {match[0]}"
        for path in sorted(site.rglob("*.html"))
        for match in DOUBLE.finditer(path.read_text("utf-8"))
    ]
    assert found == []
