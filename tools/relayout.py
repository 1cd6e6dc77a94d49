"""Move guide/'s modules into their layer folders and rewrite every reference to them.

    .venv/bin/python tools/relayout.py          # from the repository root

One table, MOVES, says where each module of the once flat guide/ lives now (ARCHITECTURE.md
"Layers"), and where the symbols of a split module went. The script `git mv`s what is still at
its old path, then rewrites in every tracked text file: `from guide.x import`, `import guide.x`,
`guide.x.name` (monkeypatch strings, comments), `from guide import x`, paths `guide/x.py`, and
imports of a moved symbol. It is idempotent: run it again after merging a branch made before the
move (or one that added a module to the flat guide/) and it fixes what that branch brought.
A new flat module it does not know is listed, not guessed: add it to MOVES and run again.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Old path -> new path. A module, or a package folder (guide/bench).
MOVES: dict[str, str] = {
    # guide/data: models, loaders and checks of data/*.yml; no MkDocs, Jinja or Markdown.
    "guide/addresses.py": "guide/data/addresses.py",
    "guide/checks.py": "guide/data/checks.py",
    "guide/coverage.py": "guide/data/coverage.py",
    "guide/data_cache.py": "guide/data/data_cache.py",
    "guide/facts.py": "guide/data/facts.py",
    "guide/fold.py": "guide/data/fold.py",
    "guide/formats.py": "guide/data/formats.py",
    "guide/glossary.py": "guide/data/glossary.py",
    "guide/gminy.py": "guide/data/gminy.py",
    "guide/locales.py": "guide/data/locales.py",
    "guide/offices.py": "guide/data/offices.py",
    "guide/plain_text.py": "guide/data/plain_text.py",
    "guide/powiat_map.py": "guide/data/powiat_map.py",
    "guide/region.py": "guide/data/region.py",
    "guide/site.py": "guide/data/languages.py",
    "guide/termbase.py": "guide/data/termbase.py",
    "guide/typed_values.py": "guide/data/typed_values.py",
    "guide/ui.py": "guide/data/ui.py",
    "guide/yamlfile.py": "guide/data/yamlfile.py",
    "guide/site_data.py": "guide/data/site_data.py",
    # guide/content: checks on the pages in docs/.
    "guide/content_rules.py": "guide/content/content_rules.py",
    "guide/directives.py": "guide/content/directives.py",
    "guide/docs_files.py": "guide/content/docs_files.py",
    "guide/frontmatter.py": "guide/content/frontmatter.py",
    "guide/plain_language.py": "guide/content/plain_language.py",
    "guide/sanitize.py": "guide/content/sanitize.py",
    "guide/translations.py": "guide/content/translations.py",
    # guide/site: the build; the only code importing MkDocs, Material or static-i18n.
    "guide/build.py": "guide/site/build.py",
    "guide/csp.py": "guide/site/csp.py",
    "guide/css_prune.py": "guide/site/css_prune.py",
    "guide/first_paint.py": "guide/site/first_paint.py",
    "guide/escaping.py": "guide/site/escaping.py",
    "guide/feedback.py": "guide/site/feedback.py",
    "guide/finished_page.py": "guide/site/finished_page.py",
    "guide/hook_order.py": "guide/site/hook_order.py",
    "guide/i18n.py": "guide/site/i18n.py",
    "guide/office_boxes.py": "guide/site/office_boxes.py",
    "guide/offline.py": "guide/site/offline.py",
    "guide/placeholders.py": "guide/site/placeholders.py",
    "guide/powiat_pages.py": "guide/site/powiat_pages.py",
    "guide/qr.py": "guide/site/qr.py",
    "guide/raw_html_off.py": "guide/site/raw_html_off.py",
    "guide/render.py": "guide/site/render.py",
    "guide/scripts.py": "guide/site/scripts.py",
    "guide/search_index.py": "guide/site/search_index.py",
    "guide/serve.py": "guide/site/serve.py",  # the static host; offline pack sizes use its gzip
    "guide/static_i18n.py": "guide/site/static_i18n.py",
    "guide/versions.py": "guide/site/versions.py",
    # The one build object (issue 21 item 1): the plugin, its Build and the features it calls.
    "guide/plugin.py": "guide/site/plugin.py",
    "guide/build_state.py": "guide/site/build_state.py",
    "guide/build_features.py": "guide/site/features.py",
    # guide/tools: the command line and what only it runs.
    "guide/bench": "guide/tools/bench",
    "guide/chromium.py": "guide/tools/chromium.py",
    "guide/cli.py": "guide/tools/cli.py",
    "guide/editions.py": "guide/tools/editions.py",
    "guide/new_language.py": "guide/tools/new_language.py",
    "guide/pdf.py": "guide/tools/pdf.py",
    "guide/verify_sources.py": "guide/tools/verify_sources.py",
}

# Symbols split out of a module (after its move above): (module, name) -> the module it is in.
# Only imports are rewritten for these; the code itself moved by hand, in its own commit.
SYMBOLS: dict[tuple[str, str], str] = {
    **{
        ("guide.tools.editions", name): "guide.data.edition"
        for name in ("EDITION_VAR", "EditionError", "edition_name", "current_edition", "alias_of")
    },
    **{
        ("guide.data.facts", name): "guide.site.facts_html"
        for name in ("FACT_KIND", "FACT_TEMPLATE", "mark_references", "render_reference")
    },
    ("guide.site.render", "phone_display"): "guide.data.offices",
    ("guide.data.coverage", "render_data_status"): "guide.site.data_status",
    ("guide.content.content_rules", "PageMarkdown"): "guide.site.parsers",
    ("guide.content.docs_files", "theme_published_files"): "guide.site.theme_files",
    # back in guide/data/checks.py once check-data no longer rendered pages (facts-pending.yml gone)
    ("guide.content.checks", "check_data"): "guide.data.checks",
    **{
        ("guide.data.languages", name): "guide.site.asset_paths"
        for name in ("OFFICES_JSON", "powiat_offices_json", "TOWNS_JSON")
    },
}

PACKAGES: dict[str, str] = {
    "guide/data": "Layer 1: the data files' models, loaders and checks (ARCHITECTURE.md).",
    "guide/content": "Layer 2: checks on the pages in docs/ (ARCHITECTURE.md).",
    "guide/site": "Layer 3: the build, the only code importing MkDocs, Material or static-i18n.",
    "guide/tools": "Layer 4: the command line `python -m guide` and what only it runs.",
}

TOP_LEVEL = {"guide/__init__.py", "guide/__main__.py"}
# Not rewritten: this table, and the layer test's fixture trees (old paths on purpose).
SKIP = frozenset({"tools/relayout.py", "tests/test_layers.py"})
TEXT_SUFFIXES = {
    ".py",
    ".md",
    ".yml",
    ".yaml",
    ".toml",
    ".cfg",
    ".txt",
    ".html",
    ".js",
    ".css",
    ".json",
    "",
}


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def move_files() -> list[str]:
    """`git mv` every entry still at its old path; returns what moved."""
    moved = []
    # guide/site.py becomes guide/data/languages.py before the folder guide/site/ can exist.
    for old, new in sorted(MOVES.items(), key=lambda item: item[0] != "guide/site.py"):
        if (ROOT / old).exists() and not (ROOT / new).exists():
            (ROOT / new).parent.mkdir(parents=True, exist_ok=True)
            git("mv", old, new)
            moved.append(f"{old} -> {new}")
    for folder, doc in PACKAGES.items():
        init = ROOT / folder / "__init__.py"
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            git("add", "-f", str(init.relative_to(ROOT)))
    return moved


def new_modules() -> set[str]:
    """Dotted names of every module and package under guide/ as it is now."""
    found = set()
    for path in (ROOT / "guide").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        name = dotted(relative)
        found.add(name.removesuffix(".__init__"))
    return found


def _module_moves() -> list[tuple[str, str]]:
    return [(dotted(old), dotted(new)) for old, new in MOVES.items()]


def rewrite_text(text: str, *, modules: set[str]) -> str:
    """Paths and dotted names of moved modules, in any text."""
    for old, new in MOVES.items():
        if old.endswith(".py"):
            text = re.sub(rf"(?<![\w/.-]){re.escape(old)}\b", new, text)
        else:  # a package folder: guide/bench, guide/bench/x.py
            text = re.sub(rf"(?<![\w/.-]){re.escape(old)}(?=/|\b)", new, text)
    for old, new in _module_moves():
        pattern = re.compile(rf"(?<![\w.]){re.escape(old)}(?![\w])(\.(\w+))?")

        def replace(match: re.Match[str], old: str = old, new: str = new) -> str:
            attribute = match[2]
            if attribute is not None and f"{old}.{attribute}" in modules:
                return match[0]  # a module of the package now at the old name (guide.site.csp)
            if attribute is None and old in modules:
                return match[0]  # the bare name of a package now at that name (guide.site)
            return new + (match[1] or "")

        text = pattern.sub(replace, text)
    moved = dict(_module_moves())

    def from_guide(match: re.Match[str]) -> str:  # code in a string: from guide import csp
        new = moved.get(f"guide.{match[1]}")
        if new is None:
            return match[0]
        home, _, name = new.rpartition(".")
        return f"from {home} import {name}" + ("" if name == match[1] else f" as {match[1]}")

    text = re.sub(r"(?<![\w.])from guide import (\w+)(?![\w ,])", from_guide, text)
    for (module, name), home in SYMBOLS.items():
        text = re.sub(rf"(?<![\w.]){re.escape(module)}\.{name}\b", f"{home}.{name}", text)
    return text


def _import_lines(module: str, names: Iterable[ast.alias], indent: str) -> list[str]:
    shown = ", ".join(
        alias.name if alias.asname is None else f"{alias.name} as {alias.asname}" for alias in names
    )
    return [f"{indent}from {module} import {shown}\n"]


def rewrite_imports(text: str, *, modules: set[str]) -> str:
    """`from guide import x` of a moved module, `from guide.site import y` of a name that was in
    the old guide/site.py, and imports of split symbols: each name from where it is now."""
    moved = dict(_module_moves())
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or node.module is None:
            continue
        if not (node.module == "guide" or node.module.startswith("guide.")):
            continue
        groups: dict[str, list[ast.alias]] = {}
        for alias in node.names:
            home = node.module
            full = f"{node.module}.{alias.name}"
            if full in moved:  # from guide import hook_order
                new = moved[full]
                home, _, name = new.rpartition(".")
                if name != alias.name:  # renamed module: keep the name the code uses
                    alias = ast.alias(name=name, asname=alias.asname or alias.name)
            elif node.module in moved and full not in modules:  # from guide.site import x
                home = moved[node.module]
            home = SYMBOLS.get((home, alias.name), home)
            groups.setdefault(home, []).append(alias)
        if list(groups) == [node.module] and all(
            a.name == b.name for a, b in zip(groups[node.module], node.names, strict=True)
        ):
            continue
        indent = re.match(r"\s*", lines[node.lineno - 1])[0]  # type: ignore[index]
        new_lines = [
            line for home, names in groups.items() for line in _import_lines(home, names, indent)
        ]
        assert node.end_lineno is not None
        edits.append((node.lineno - 1, node.end_lineno, new_lines))
    for start, end, new_lines in sorted(edits, reverse=True):
        lines[start:end] = new_lines
    return "".join(lines)


def tracked_text_files() -> list[Path]:
    files = []
    for name in git("ls-files").splitlines():
        path = ROOT / name
        if name in SKIP or not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        if name.startswith("docs/"):  # readers' pages name no module
            continue
        files.append(path)
    return files


def unknown_flat_modules() -> list[str]:
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "guide").glob("*.py")
        if path.relative_to(ROOT).as_posix() not in TOP_LEVEL
    )


def main() -> int:
    moved = move_files()
    modules = new_modules()
    changed = []
    for path in tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = rewrite_text(text, modules=modules)
        if path.suffix == ".py":
            new = rewrite_imports(new, modules=modules)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    python_files = [str(path) for path in changed if path.suffix == ".py"]
    ruff = ROOT / ".venv" / "bin" / "ruff"
    if python_files and ruff.exists():  # the rewritten imports, sorted and formatted
        subprocess.run([ruff, "check", "--select", "I", "--fix", "-q", *python_files], cwd=ROOT)
        subprocess.run([ruff, "format", "-q", *python_files], cwd=ROOT)
    for line in moved:
        print(f"moved {line}")
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    unknown = unknown_flat_modules()
    for name in unknown:
        print(f"{name}: not in MOVES (tools/relayout.py); add its layer and run again")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
