"""A corpus of bad inputs: each fails with one clear message (file, line, what, how to fix)
and a non-zero exit, whether it is caught by the build, the CLI or pre-commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from guide import ROOT
from guide.content.content_rules import content_problems
from guide.data.checks import LOADERS
from guide.site.build import mkdocs_build
from guide.site.parsers import PageMarkdown
from tests.fixture_site import failed_build, make_project
from tests.pages import run_guide

HEAD = "---\ntitle: T\n---\n# T\n\n"
LINKS = " (links: https://, mailto:, tel: or a page of the guide)"
PAGES = {
    "javascript-url": (
        HEAD + "[click](javascript:alert(1))\n",
        f'6: href="javascript:alert(1)" on <a> is not allowed: <a href="javascript:alert(1)">'
        f"{LINKS}",
    ),
    "remote-image": (
        HEAD + "![pixel](https://tracker.example/p.gif)\n",
        "6: image from another site 'https://tracker.example/p.gif': put the image "
        "under docs/ and link it relatively",
    ),
    "http-link": (
        HEAD + "[PUP](http://pup.example.pl/)\n",
        "6: http:// link 'http://pup.example.pl/': write https://",
    ),
    "front-matter": (
        "---\ntitle: [unclosed\n---\n# T\n",
        "3: broken front matter: expected ',' or ']', but got '<stream end>'",
    ),
}


@pytest.fixture(scope="module")
def render() -> PageMarkdown:
    return PageMarkdown()


@pytest.mark.parametrize("case", PAGES)
def test_bad_page_gives_one_clear_error(case: str, render: PageMarkdown) -> None:
    text, message = PAGES[case]
    path = Path("docs/uk/work.md")
    found = content_problems(path, text, render=render)
    assert [str(problem) for problem in found] == [f"{path}:{message}"]


def test_code_may_show_html(render: PageMarkdown) -> None:
    text = HEAD + "Write `<script>` never.\n\n```html\n<script>x</script>\n```\n"
    assert content_problems(Path("x.md"), text, render=render) == []


def test_allowed_markdown_passes(render: PageMarkdown) -> None:
    text = HEAD + "[[office: pup]]\n\n<https://www.gov.pl/>\n\n[a](work.md)\n"
    assert content_problems(Path("x.md"), text, render=render) == []


def test_build_refuses_a_script_link(tmp_path: Path) -> None:
    page = PAGES["javascript-url"][0]
    config = make_project(tmp_path, {"ru/index.md": page}, powiat_pages=False)
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    assert f"docs/ru/index.md:{PAGES['javascript-url'][1]}" in failure.value.output
    assert failure.value.returncode != 0


def test_check_content_command_exit_code(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_text(PAGES["http-link"][0], encoding="utf-8")
    result = run_guide("check-content", str(page))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{page}:{PAGES['http-link'][1]}",
        "1 problem(s) in 1 page(s)",
    ]


def test_check_data_command_exit_code(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for source in (ROOT / "data").glob("*.yml"):
        (data / source.name).write_text(source.read_text("utf-8"), encoding="utf-8")
    (data / "powiaty.yml").write_text("powiaty:\n  - slug: [\n", encoding="utf-8")
    result = run_guide("check-data", env={"GUIDE_DATA_DIR": str(data), "PATH": ""})
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{data / 'powiaty.yml'}:3: invalid YAML")


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    from guide.site.build import build_atomically

    config = make_project(
        tmp_path, {"en/index.md": "# en\n\n[broken](missing.md)\n"}, powiat_pages=False
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    with pytest.raises(subprocess.CalledProcessError):
        build_atomically(site, config_file=config)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


# Every data file the build reads (guide/data/checks.py LOADERS).
DATA_FILES = [path.name for path, _, _ in LOADERS]


def data_without(tmp_path: Path, name: str) -> Path:
    """A copy of data/ without `name`."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / name).unlink()
    return data


@pytest.mark.parametrize("name", DATA_FILES)
def test_check_data_names_a_missing_data_file(tmp_path: Path, name: str) -> None:
    data = data_without(tmp_path, name)
    result = run_guide("check-data", env={"GUIDE_DATA_DIR": str(data), "PATH": ""})
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()  # (a partly translated language's count is a note)
    assert [line for line in lines if line.startswith(str(data))] == [
        f"{data / name}:1: missing: the guide needs this file"
    ]
    assert lines[0] == f"{data / name}:1: missing: the guide needs this file"
    assert lines[-1] == "1 problem(s) in the data files"


def test_build_names_a_missing_data_file(tmp_path: Path) -> None:
    name = DATA_FILES[-1]
    data = data_without(tmp_path, name)
    config = make_project(tmp_path, {}, powiat_pages=False)
    output = failed_build(config, tmp_path / "out", data=data)
    assert f"{data / name}:1: missing: the guide needs this file\n" in output
    assert "Traceback" not in output
