"""Room to grow (issue 21), each tried as a new maintainer would, in a scratch copy: a fifth
language scaffolded by `new-lang` with one translated page builds with fallback notices on
every other page; a new office type is data only, optional in one powiat or named at each
powiat's line when required."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from guide import ROOT
from guide.content.translations import SOURCE_BLOB, blob_id
from guide.data.languages import default_language, language_codes, page_url, source_pages
from guide.site.build import mkdocs_build
from guide.tools.pdf import printouts
from tests.pages import links_leaving_language
from tests.test_links import link_problems

# A language the guide does not have yet (Belarusian, else Georgian): new-lang adds it.
NEW, NAME = next(
    (code, name)
    for code, name in (("be", "Беларуская"), ("ka", "ქართული"))
    if code not in language_codes()
)
TRANSLATED_PAGE = "work.md"
# At the project's root only: guide/site/ is code, site/ the build output.
LEFT_OUT = {".git", ".venv", ".venv-properdocs", "site", ".engines", "node_modules"}


def _left_out(folder: str, names: list[str]) -> list[str]:
    at_root = Path(folder) == ROOT
    return [n for n in names if (at_root and n in LEFT_OUT) or n.endswith("_cache")]


def scratch_copy(into: Path) -> Path:
    """The project, without its build output, virtual environments and git history."""
    shutil.copytree(ROOT, into, ignore=_left_out, symlinks=True)
    return into


def guide(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m guide ARGS` run in `project` (its own guide/ package comes first)."""
    return subprocess.run(
        [sys.executable, "-m", "guide", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": ""},
    )


@pytest.fixture(scope="module")
def with_new_language(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = scratch_copy(tmp_path_factory.mktemp("grow") / "project")
    made = guide(project, "new-lang", NEW, "--name", NAME)
    assert made.returncode == 0, made.stdout + made.stderr
    source = project / "docs" / default_language() / TRANSLATED_PAGE
    english = (project / "docs" / "en" / TRANSLATED_PAGE).read_text(encoding="utf-8")
    (project / "docs" / NEW / TRANSLATED_PAGE).write_text(
        re.sub(rf"{SOURCE_BLOB}: \w+", f"{SOURCE_BLOB}: {blob_id(source)}", english),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def new_language_site(with_new_language: Path) -> Path:
    """The scratch copy built with the source language and the new one (the others, which the
    whole suite's `site` covers, are left out: static-i18n's `build: false`)."""
    config = with_new_language / "mkdocs.yml"
    others = [code for code in language_codes() if code != default_language()]
    text = config.read_text(encoding="utf-8")
    for code in others:
        text = re.sub(
            rf"(- locale: {code}\n(?:\s+\w+: .*\n)*?\s+build: )true", r"\1false", text, count=1
        )
    assert text.count("build: false") == len(others)
    built_config = with_new_language / "mkdocs-two-languages.yml"
    built_config.write_text(text, encoding="utf-8")
    out = with_new_language / "site"
    mkdocs_build(out, config_file=built_config, capture=True)
    return out


def test_new_language_passes_check_data_with_a_count(with_new_language: Path) -> None:
    result = guide(with_new_language, "check-data")
    assert result.returncode == 0, result.stdout
    note = next(line for line in result.stdout.splitlines() if line.startswith(f"{NEW}: "))
    assert re.fullmatch(rf"{NEW}: \d+ data text\(s\) marked # untranslated \(.*\)", note)
    assert result.stdout.splitlines()[-1] == "data OK"


def test_new_language_is_reported_partial_not_failed(with_new_language: Path) -> None:
    result = guide(with_new_language, "i18n-status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{NEW}: " in result.stdout and "partial" in result.stdout
    missing = [line for line in result.stdout.splitlines() if line.startswith(f"  missing: {NEW}/")]
    assert len(missing) == len(source_pages()) - 1


def test_new_language_is_in_contributing(with_new_language: Path) -> None:
    text = (with_new_language / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"\n## {NAME}\n" in text and f"make serve LANG={NEW}" in text


def test_new_language_twice_is_a_usage_error(with_new_language: Path) -> None:
    result = guide(with_new_language, "new-lang", NEW, "--name", NAME)
    assert result.returncode == 2
    assert result.stderr == f"python -m guide: {NEW} is already a language of mkdocs.yml\n"


def test_every_missing_text_of_a_language_in_one_run(tmp_path: Path) -> None:
    """A language in mkdocs.yml with no data texts at all: check-data names every text it
    lacks in one run, one problem per ui.yml entry and glossary or termbase term."""
    project = scratch_copy(tmp_path / "project")
    assert guide(project, "new-lang", NEW, "--name", NAME).returncode == 0
    removed = {}
    for name in ("ui.yml", "glossary.yml", "termbase.yml"):
        path = project / "data" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not line.lstrip().startswith(f"{NEW}: ")]
        removed[name] = len(lines) - len(kept)
        path.write_text("".join(kept), encoding="utf-8")
    result = guide(project, "check-data")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith(str(project))]
    expected = removed["ui.yml"] + removed["glossary.yml"] // 2 + removed["termbase.yml"]
    assert len(problems) == expected, result.stdout
    assert all(NEW in problem for problem in problems)


@pytest.mark.parametrize("page", source_pages())
def test_new_language_pages(new_language_site: Path, page: str) -> None:
    """Every page of the new language is built: the translated one without a notice, every
    other one the Polish page with the fallback notice, whose link to it is the only one
    leaving the language's folder; every link resolves."""
    built = new_language_site / NEW / page_url(page) / "index.html"
    html = built.read_text(encoding="utf-8")
    assert f'<html lang="{NEW}"' in html
    assert ('data-notice="fallback"' in html) == (page != TRANSLATED_PAGE)
    pdfs = frozenset(printout.target for printout in printouts([NEW]))
    assert link_problems(new_language_site, built, pending=pdfs) == []
    soup = BeautifulSoup(html, "html.parser")
    languages = (*language_codes(), NEW)
    assert links_leaving_language(soup, lang=NEW, page=page, languages=languages) == []
    notice = soup.select_one("[data-notice]")
    if notice is not None:
        original = notice.select_one("a[href]")
        assert original is not None and original["hreflang"] == default_language()


# --- A new office type ----------------------------------------------------------------------

OFFICE_TYPE = "mops"
LABEL = "Ośrodek pomocy społecznej"


def data_with_office_type(into: Path, *, required: bool) -> tuple[Path, str]:
    """A copy of data/ with office type OFFICE_TYPE in ui.yml, listed only by the first powiat;
    the copy and that powiat's slug."""
    data = into / "data"
    shutil.copytree(ROOT / "data", data)
    labels = "".join(f"      {code}: {LABEL}\n" for code in language_codes())
    ui = data / "ui.yml"
    ui.write_text(
        ui.read_text(encoding="utf-8").replace(
            "office_types:\n",
            f"office_types:\n  {OFFICE_TYPE}:\n    scope: powiat\n"
            f"    required: {str(required).lower()}\n    label:\n{labels}",
            1,
        ),
        encoding="utf-8",
    )
    powiaty = data / "powiaty.yml"
    text = powiaty.read_text(encoding="utf-8")
    slug = re.search(r"^  slug: (\w+)$", text, re.MULTILINE)
    assert slug is not None
    office = (
        f"  offices:\n    {OFFICE_TYPE}:\n      name: Ośrodek pomocy społecznej (fixture)\n"
        '      phones: ["+48585252400"]\n      source: https://example.invalid/mops\n'
        "      verified: 2026-01-05\n"
    )
    powiaty.write_text(text.replace("  offices:\n", office, 1), encoding="utf-8")
    return data, slug[1]


def check_data_in(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guide", "check-data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "", "GUIDE_DATA_DIR": str(data)},
    )


def test_optional_office_type_in_one_powiat(tmp_path: Path) -> None:
    data, slug = data_with_office_type(tmp_path, required=False)
    result = check_data_in(data)
    assert result.returncode == 0, result.stdout
    out = tmp_path / "out"
    mkdocs_build(
        out,
        config_file=ROOT / "mkdocs.yml",
        only_language=default_language(),
        extra_env={"GUIDE_DATA_DIR": str(data)},
        capture=True,
    )
    pages = sorted((out / "powiaty").glob("*/index.html"))
    with_type = [
        page.parent.name
        for page in pages
        if f"<h3>{LABEL}</h3>" in page.read_text(encoding="utf-8")
    ]
    assert with_type == [slug]


def test_required_office_type_names_each_powiat_at_its_line(tmp_path: Path) -> None:
    data, slug = data_with_office_type(tmp_path, required=True)
    powiaty = data / "powiaty.yml"
    lines = powiaty.read_text(encoding="utf-8").splitlines()
    starts = [number for number, line in enumerate(lines, 1) if line.startswith("- teryt:")]
    slugs = [line.removeprefix("  slug: ") for line in lines if line.startswith("  slug: ")]
    result = check_data_in(data)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert [line for line in result.stdout.splitlines() if f"office {OFFICE_TYPE}" in line] == [
        f"{powiaty}:{start}: powiat {other}, office {OFFICE_TYPE}: missing (give an office "
        f"with a phone or a `route:`, or mark {OFFICE_TYPE} `required: false` in data/ui.yml)"
        for start, other in zip(starts, slugs, strict=True)
        if other != slug
    ]
    build = subprocess.run(
        [sys.executable, "-m", "guide", "build", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "", "GUIDE_DATA_DIR": str(data), "GUIDE_LANG": default_language()},
    )
    assert build.returncode == 3
    assert "Traceback" not in build.stdout + build.stderr
    assert f"{powiaty}:{starts[1]}: powiat {slugs[1]}, office {OFFICE_TYPE}: missing" in (
        build.stdout + build.stderr
    )
