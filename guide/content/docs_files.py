"""What docs/ may hold: pages and pictures, nothing the site would run or that the theme publishes.

MkDocs copies every file under docs/ into the site verbatim, and a docs file wins over a theme
file of the same path: a `docs/pl/sw.js` would become the site's service worker, a
`docs/uk/assets/guide/offices.js` one of the guide's scripts, an `.svg` or `.html` a page of the
guide's origin without its policy, and a committed symbolic link would publish whatever it
points to (`.git/config`, `/etc/passwd`). So docs/ holds only Markdown pages and raster
pictures, real files under a size cap, inside a language folder, at paths the guide does not
publish itself. `python -m guide check-content` walks docs/ with `docs_tree_problems`;
the build checks MkDocs' own file list with `site_file_problem` (after static-i18n moved
the default language to the site's root, so the destination is the one checked).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from guide.data.languages import default_language, language_codes, page_url

PAGE_SUFFIX = ".md"
# Raster pictures only, each with the bytes its file must start with (an `.png` holding SVG
# or HTML would otherwise pass). No SVG (a document that can run script), no GIF (animations
# cost readers on prepaid data far more than a PNG or WebP of the same picture).
PICTURES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".webp": ("WebP", (b"RIFF",)),
}
MAX_BYTES = 1_000_000  # 1 MB: a picture for a phone on a prepaid SIM is far smaller
ALLOWED = ", ".join((PAGE_SUFFIX, *PICTURES))

# What the guide publishes itself, in every language's tree: the theme's files (Material's
# and overrides/, such as sw.js and assets/guide/*.js), the pages MkDocs renders from theme
# templates, the files the hooks write, mike's edition list and the PDFs.
RESERVED_FOLDERS = ("assets", "pdf", "search")
RESERVED_FILES = frozenset(
    {
        "sw.js",
        "404.html",
        "sitemap.xml",
        "sitemap.xml.gz",
        "versions.json",
        "translation-status.html",
        "translation-status.json",
        "data-status.html",
        "data-status.json",
        "print-qr.svg",
        "offline.html",
    }
)


@dataclass(frozen=True)
class FileProblem:
    """A file under docs/ the site must not publish, and why."""

    path: str  # as the contributor sees it: docs/uk/x.svg
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _in_language_tree(dest: PurePosixPath) -> PurePosixPath:
    """`dest` inside its language's tree: `uk/sw.js` and `sw.js` are both `sw.js`."""
    parts = dest.parts
    return PurePosixPath(*parts[1:]) if len(parts) > 1 and parts[0] in language_codes() else dest


def reserved_reason(dest: str, *, theme_files: frozenset[str] = frozenset()) -> str | None:
    """Why the site path `dest` (`sw.js`, `uk/assets/guide/boot.js`) is the guide's own, or None.
    `theme_files` adds the exact files the theme publishes (the build lists them once)."""
    inner = _in_language_tree(PurePosixPath(dest))
    own = (
        dest in theme_files
        or inner.as_posix() in theme_files
        or (inner.name in RESERVED_FILES and len(inner.parts) == 1)
        or inner.name == "print-qr.svg"
    )
    if own:
        return f"would be published as {dest}, which the guide publishes itself: rename it"
    if inner.parts and inner.parts[0] in RESERVED_FOLDERS:
        return (
            f"would be published under {inner.parts[0]}/, where the guide publishes its own "
            "files: choose another place"
        )
    return None


def _type_problem(src: PurePosixPath, path: Path) -> str | None:
    """Refuse what is not a page or a picture, too big, or not what its name says."""
    suffix = src.suffix.lower()
    if suffix != PAGE_SUFFIX and suffix not in PICTURES:
        kind = f"a {suffix} file" if suffix else "a file without an extension"
        return f"{kind}: docs/ holds pages and pictures only ({ALLOWED})"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"{size:,} bytes, over the limit of {MAX_BYTES:,} (1 MB): make it smaller"
    if suffix in PICTURES:
        name, signatures = PICTURES[suffix]
        with path.open("rb") as handle:
            head = handle.read(12)
        webp_ok = suffix != ".webp" or head[8:12] == b"WEBP"
        if not head.startswith(signatures) or not webp_ok:
            return f"not a {name} picture, though its name ends in {src.suffix}"
    return None


def published_as(src: PurePosixPath) -> str:
    """Where MkDocs and static-i18n publish the docs file `src` (`pl/work.md` -> `work/index.html`,
    `uk/sw.js` -> `uk/sw.js`): the default language at the site's root, the others in their
    folder; a page in a folder of its own."""
    inner = src.parts[1:] if src.parts and src.parts[0] == default_language() else src.parts
    dest = PurePosixPath(*inner) if inner else src
    if dest.suffix.lower() == PAGE_SUFFIX:
        return page_url(dest.as_posix()) + "index.html"
    return dest.as_posix()


def docs_file_problem(src: str, path: Path, *, dest: str | None = None) -> str | None:
    """Why the regular file `path` (`src` relative to docs/, e.g. `uk/x.png`) may not be
    published, or None. `dest` is where MkDocs publishes it (default: as static-i18n would)."""
    source = PurePosixPath(src)
    langs = language_codes()
    if dest is None:
        dest = published_as(source)
    reason = reserved_reason(dest)
    if reason:
        return reason
    if len(source.parts) < 2 or source.parts[0] not in langs:
        return f"outside the language folders: put it in docs/<language>/ ({', '.join(langs)})"
    return _type_problem(source, path)


def _link_problem(display: str, link: Path) -> FileProblem:
    return FileProblem(
        display,
        f"a symbolic link (to {os.readlink(link)}): docs/ takes real files only; "
        "commit the file itself",
    )


def docs_tree_problems(docs_dir: Path) -> list[FileProblem]:
    """Every file under `docs_dir` that must not be published, symbolic links (to a file or a
    folder, anywhere) included; links are reported, never followed."""
    problems: list[FileProblem] = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                display = f"docs/{(here / name).relative_to(docs_dir).as_posix()}"
                problems.append(_link_problem(display, here / name))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            src = path.relative_to(docs_dir).as_posix()
            if path.is_symlink():
                problems.append(_link_problem(f"docs/{src}", path))
            elif path.is_file():
                problem = docs_file_problem(src, path)
                if problem:
                    problems.append(FileProblem(f"docs/{src}", problem))
            else:
                problems.append(FileProblem(f"docs/{src}", "not a regular file"))
    return problems


def symlink_in_path(path: Path, *, docs_dir: Path) -> Path | None:
    """The first symbolic link among `path` and its folders up to `docs_dir`, or None: MkDocs
    follows linked folders while listing docs/, so a file it lists may sit behind one."""
    relative = path.relative_to(docs_dir)
    current = docs_dir
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def site_file_problem(
    src: str, path: Path, *, docs_dir: Path, dest: str, theme_files: frozenset[str]
) -> FileProblem | None:
    """Why a file of MkDocs' list (`src` under `docs_dir`, published at `dest`) may not be
    published, or None: the tree walk's rules on the path MkDocs actually chose."""
    display = f"docs/{src}"
    link = symlink_in_path(path, docs_dir=docs_dir)
    if link is not None:
        return _link_problem(f"docs/{link.relative_to(docs_dir).as_posix()}", link)
    problem = reserved_reason(dest, theme_files=theme_files) or docs_file_problem(
        src, path, dest=dest
    )
    return FileProblem(display, problem) if problem else None
