"""docs/ publishes pages and pictures only (guide/content/docs_files.py, hooks/docs_files.py): each
hostile file, in two languages or positions, fails check-content and the build with its
exact message; the theme's own files are all refused as destinations."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.config import load_config

from guide import DOCS_DIR, MKDOCS_YML
from guide.content.docs_files import MAX_BYTES, docs_tree_problems, reserved_reason
from guide.data.languages import default_language, language_codes
from guide.site.build import mkdocs_build
from guide.site.theme_files import theme_published_files
from guide.tools import cli
from tests.fixture_site import make_project

DEFAULT = default_language()
OTHER, THIRD = [code for code in language_codes() if code != DEFAULT][:2]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
WEBP = b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 32
ALLOWED = "(.md, .png, .jpg, .jpeg, .webp)"
LINK = "docs/ takes real files only; commit the file itself"

Write = Callable[[Path], object]


def text(content: str) -> Write:
    return lambda path: path.write_text(content, encoding="utf-8")


def data(content: bytes) -> Write:
    return lambda path: path.write_bytes(content)


def link(target: str) -> Write:
    return lambda path: path.symlink_to(target)


# name: (path under docs/, how it is written, the exact problem)
CASES: dict[str, tuple[str, Write, str]] = {
    "worker at docs/": (
        "sw.js",
        text("self.onfetch = () => {};"),
        "would be published as sw.js, which the guide publishes itself: rename it",
    ),
    "worker in the default language": (
        f"{DEFAULT}/sw.js",
        text("self.onfetch = () => {};"),
        "would be published as sw.js, which the guide publishes itself: rename it",
    ),
    "worker in another language": (
        f"{OTHER}/sw.js",
        text("self.onfetch = () => {};"),
        f"would be published as {OTHER}/sw.js, which the guide publishes itself: rename it",
    ),
    "offices.js in the default language": (
        f"{DEFAULT}/assets/guide/offices.js",
        text("alert(1)"),
        "would be published under assets/, where the guide publishes its own files: "
        "choose another place",
    ),
    "boot.js in another language": (
        f"{OTHER}/assets/guide/boot.js",
        text("alert(1)"),
        "would be published under assets/, where the guide publishes its own files: "
        "choose another place",
    ),
    "a theme picture": (
        f"{THIRD}/assets/images/favicon.png",
        data(PNG),
        "would be published under assets/, where the guide publishes its own files: "
        "choose another place",
    ),
    "the 404 page": (
        f"{DEFAULT}/404.html",
        text("<h1>gone</h1>"),
        "would be published as 404.html, which the guide publishes itself: rename it",
    ),
    "a page over search/": (
        f"{OTHER}/search.md",
        text("# s\n"),
        "would be published under search/, where the guide publishes its own files: "
        "choose another place",
    ),
    "html in a language folder": (
        f"{OTHER}/x.html",
        text("<script>alert(1)</script>"),
        f"a .html file: docs/ holds pages and pictures only {ALLOWED}",
    ),
    "html in a subfolder": (
        f"{THIRD}/help/page.HTML",
        text("<script>alert(1)</script>"),
        f"a .html file: docs/ holds pages and pictures only {ALLOWED}",
    ),
    "svg in the default language": (
        f"{DEFAULT}/map.svg",
        text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        f"a .svg file: docs/ holds pages and pictures only {ALLOWED}",
    ),
    "svg in a subfolder": (
        f"{OTHER}/pictures/map.svg",
        text("<svg/>"),
        f"a .svg file: docs/ holds pages and pictures only {ALLOWED}",
    ),
    "link to .git/config": (
        f"{OTHER}/x.txt",
        link("../../.git/config"),
        f"a symbolic link (to ../../.git/config): {LINK}",
    ),
    "page linked to .git/config, deeper": (
        f"{THIRD}/a/b/x.md",
        link("../../../../.git/config"),
        f"a symbolic link (to ../../../../.git/config): {LINK}",
    ),
    "link to /etc/passwd": (
        f"{DEFAULT}/passwd.md",
        link("/etc/passwd"),
        f"a symbolic link (to /etc/passwd): {LINK}",
    ),
    "picture linked to /etc/passwd": (
        f"{OTHER}/p.png",
        link("/etc/passwd"),
        f"a symbolic link (to /etc/passwd): {LINK}",
    ),
    "linked folder": (
        f"{OTHER}/etc",
        link("/etc"),
        f"a symbolic link (to /etc): {LINK}",
    ),
    "2 MB picture": (
        f"{DEFAULT}/big.png",
        data(PNG + b"\0" * 2_000_000),
        f"{len(PNG) + 2_000_000:,} bytes, over the limit of {MAX_BYTES:,} (1 MB): make it smaller",
    ),
    "2 MB page": (
        f"{OTHER}/long.md",
        text("# long\n\n" + "word " * 400_000),
        f"{8 + 5 * 400_000:,} bytes, over the limit of {MAX_BYTES:,} (1 MB): make it smaller",
    ),
    "SVG named .png": (
        f"{OTHER}/photo.png",
        text("<svg/>"),
        "not a PNG picture, though its name ends in .png",
    ),
    "HTML named .jpg": (
        f"{THIRD}/photo.jpg",
        text("<html><script>alert(1)</script>"),
        "not a JPEG picture, though its name ends in .jpg",
    ),
    "outside the language folders": (
        "notes.md",
        text("# notes\n"),
        f"outside the language folders: put it in docs/<language>/ ({', '.join(language_codes())})",
    ),
}


def write(docs: Path, path: str, how: Write) -> None:
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    how(target)


@pytest.mark.parametrize("case", CASES)
def test_hostile_file_is_refused(tmp_path: Path, case: str) -> None:
    path, how, message = CASES[case]
    docs = tmp_path / "docs"
    write(docs, f"{DEFAULT}/index.md", text("# i\n"))
    write(docs, path, how)
    assert [str(problem) for problem in docs_tree_problems(docs)] == [f"docs/{path}: {message}"]


@pytest.mark.parametrize(
    "path", [f"{DEFAULT}/index.md", f"{OTHER}/a.png", f"{THIRD}/b/c.JPG", f"{OTHER}/d.jpeg"]
)
def test_pages_and_pictures_pass(tmp_path: Path, path: str) -> None:
    content = {".md": b"# i\n", ".png": PNG, ".webp": WEBP}.get(Path(path).suffix.lower(), JPEG)
    write(tmp_path / "docs", path, data(content))
    write(tmp_path / "docs", f"{OTHER}/e.webp", data(WEBP))
    assert docs_tree_problems(tmp_path / "docs") == []


def test_every_theme_file_is_a_refused_destination() -> None:
    """The check-content walk knows no MkDocs config: its fixed list must refuse every file
    the theme publishes (the build's hook also compares with the theme's own list)."""
    theme_files = theme_published_files(load_config(str(MKDOCS_YML)))
    assert {"sw.js", "assets/guide/boot.js", "assets/guide/offices.js"} <= theme_files
    for lang in ("", f"{OTHER}/"):
        assert [f for f in theme_files if reserved_reason(lang + f) is None] == []


def test_check_content_names_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    write(docs, f"{DEFAULT}/index.md", text("---\ntitle: I\n---\n# I\n"))
    for case in ("worker in the default language", "link to .git/config", "svg in a subfolder"):
        write(docs, CASES[case][0], CASES[case][1])
    monkeypatch.setattr(cli, "DOCS_DIR", docs)
    assert cli.main(["check-content"]) == cli.PROBLEMS
    out = capsys.readouterr().out.splitlines()
    assert out[-4:] == [
        f"docs/{DEFAULT}/sw.js: {CASES['worker in the default language'][2]}",
        f"docs/{OTHER}/x.txt: {CASES['link to .git/config'][2]}",
        f"docs/{OTHER}/pictures/map.svg: {CASES['svg in a subfolder'][2]}",
        "3 problem(s) in 1 page(s)",
    ]


def test_build_names_every_hostile_file(tmp_path: Path) -> None:
    config = make_project(tmp_path, {}, powiat_pages=False)
    docs = config.parent / "docs"
    for path, how, _ in CASES.values():
        if not (docs / path).exists():
            write(docs, path, how)
    with pytest.raises(subprocess.CalledProcessError) as failure:
        mkdocs_build(tmp_path / "out", config_file=config, capture=True)
    for path, _, message in CASES.values():
        assert f"docs/{path}: {message}" in failure.value.output, path
    assert not (tmp_path / "out" / "sw.js").exists()


def test_linked_folder_is_not_followed(tmp_path: Path) -> None:
    """MkDocs follows linked folders while listing docs/: the hook reports the link, and
    the walk never reads through it."""
    docs = tmp_path / "docs"
    outside = tmp_path / "outside"
    write(outside, "secret.md", text("# secret\n"))
    write(docs, f"{OTHER}/shared", link(str(outside)))
    assert [str(p) for p in docs_tree_problems(docs)] == [
        f"docs/{OTHER}/shared: a symbolic link (to {outside}): {LINK}"
    ]
    assert os.path.isfile(docs / OTHER / "shared" / "secret.md")


def test_the_guides_own_docs_pass() -> None:
    assert docs_tree_problems(DOCS_DIR) == []
