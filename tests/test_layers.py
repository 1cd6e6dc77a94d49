"""The layers of guide/ (ARCHITECTURE.md "Layers"), read from the imports with `ast`.

guide/data imports no MkDocs, Material, static-i18n, Jinja or Markdown and nothing of the layers
above it; guide/content nothing of guide/site (but its one door to MkDocs' parsers,
guide/site/parsers.py) or guide/tools and no MkDocs package; guide/site nothing of guide/tools;
only guide/site imports MkDocs, Material or static-i18n; no module sits directly in guide/.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from guide import ROOT

MKDOCS = ("mkdocs", "material", "mkdocs_static_i18n")
LAYERS = ("data", "content", "site", "tools")
TOP_LEVEL = ("__init__.py", "__main__.py")
# The one module of guide/site that guide/content may import: MkDocs' own front matter and
# Markdown parsers, so that a check reads a page exactly as the build will.
PARSERS = "guide.site.parsers"
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "data": (*MKDOCS, "jinja2", "markdown", "guide.content", "guide.site", "guide.tools"),
    "content": (*MKDOCS, "guide.site", "guide.tools"),
    "site": ("guide.tools",),
    "tools": MKDOCS,
    "": MKDOCS,  # guide/__init__.py, guide/__main__.py
}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(f"{package}.")


def imported(tree: ast.Module, *, package: str) -> list[tuple[int, str]]:
    """(line, dotted name) of everything a module imports; `from a import b` gives a.b, so
    that `from guide import site` and `from guide.site import parsers` both say what they take."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importing module's package
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([base] if base else [])])
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def layer_violations(root: Path) -> list[str]:
    """Every import against the layers' rules and every module directly in guide/, as
    `path:line: ...`, paths relative to `root` (a checkout, or a fixture tree)."""
    problems = []
    for path in sorted((root / "guide").rglob("*.py")):
        relative = path.relative_to(root)
        parts = relative.parts
        layer = parts[1] if len(parts) > 2 else ""
        if len(parts) == 2 and parts[1] not in TOP_LEVEL:
            problems.append(
                f"{relative.as_posix()}:1: a module directly in guide/; move it into "
                f"guide/{{{','.join(LAYERS)}}} (tools/relayout.py MOVES)"
            )
        if layer and layer not in LAYERS:
            problems.append(f"{relative.as_posix()}:1: guide/{layer} is not a layer")
            continue
        package = ".".join(relative.with_suffix("").parts[:-1])
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in imported(tree, package=package):
            if layer == "content" and _within(name, PARSERS):
                continue
            for forbidden in FORBIDDEN[layer]:
                if _within(name, forbidden):
                    where = f"guide/{layer}" if layer else relative.as_posix()
                    problems.append(
                        f"{relative.as_posix()}:{line}: imports {name}; "
                        f"{where} must not import {forbidden} (ARCHITECTURE.md, Layers)"
                    )
                    break
    return problems


def test_guide_keeps_its_layers() -> None:
    assert layer_violations(ROOT) == []


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"guide/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# One case per rule: a fixture tree with one bad import (or a clean one), and the exact message.
CASES = {
    "data imports jinja2": (
        {"guide/data/offices.py": "import os\nimport jinja2\n"},
        [
            "guide/data/offices.py:2: imports jinja2; guide/data must not import jinja2 "
            "(ARCHITECTURE.md, Layers)"
        ],
    ),
    "data imports a layer above": (
        {"guide/data/facts.py": "from guide.site import placeholders\n"},
        [
            "guide/data/facts.py:1: imports guide.site.placeholders; guide/data must not "
            "import guide.site (ARCHITECTURE.md, Layers)"
        ],
    ),
    "data imports MkDocs lazily": (
        {"guide/data/languages.py": "def f():\n    from mkdocs.utils import yaml\n"},
        [
            "guide/data/languages.py:2: imports mkdocs.utils.yaml; guide/data must not "
            "import mkdocs (ARCHITECTURE.md, Layers)"
        ],
    ),
    "data imports guide.tools relatively": (
        {"guide/data/ui.py": "from ..tools import cli\n"},
        [
            "guide/data/ui.py:1: imports guide.tools.cli; guide/data must not import "
            "guide.tools (ARCHITECTURE.md, Layers)"
        ],
    ),
    "content imports the site": (
        {"guide/content/rules.py": "from guide.site.render import words\n"},
        [
            "guide/content/rules.py:1: imports guide.site.render.words; guide/content must "
            "not import guide.site (ARCHITECTURE.md, Layers)"
        ],
    ),
    "content imports MkDocs": (
        {"guide/content/frontmatter.py": "from mkdocs.utils.meta import get_data\n"},
        [
            "guide/content/frontmatter.py:1: imports mkdocs.utils.meta.get_data; "
            "guide/content must not import mkdocs (ARCHITECTURE.md, Layers)"
        ],
    ),
    "site imports the tools": (
        {"guide/site/build.py": "from guide.tools.pdf import write_pdfs\n"},
        [
            "guide/site/build.py:1: imports guide.tools.pdf.write_pdfs; guide/site must "
            "not import guide.tools (ARCHITECTURE.md, Layers)"
        ],
    ),
    "tools import Material": (
        {"guide/tools/bench/stock.py": "import material.plugins\n"},
        [
            "guide/tools/bench/stock.py:1: imports material.plugins; guide/tools must not "
            "import material (ARCHITECTURE.md, Layers)"
        ],
    ),
    "the entry point imports static-i18n": (
        {"guide/__main__.py": "import mkdocs_static_i18n\n"},
        [
            "guide/__main__.py:1: imports mkdocs_static_i18n; guide/__main__.py must not "
            "import mkdocs_static_i18n (ARCHITECTURE.md, Layers)"
        ],
    ),
    "a module left in guide/": (
        {"guide/offices.py": ""},
        [
            "guide/offices.py:1: a module directly in guide/; move it into "
            "guide/{data,content,site,tools} (tools/relayout.py MOVES)"
        ],
    ),
    "a folder that is no layer": (
        {"guide/misc/x.py": "import mkdocs\n"},
        ["guide/misc/x.py:1: guide/misc is not a layer"],
    ),
    "clean: content through the parsers' door, site with MkDocs": (
        {
            "guide/content/frontmatter.py": "from guide.site.parsers import get_data\n"
            "from guide.site import parsers\nfrom guide.data import ui\n",
            "guide/site/render.py": "import jinja2\nfrom mkdocs.theme import Theme\n"
            "from guide.content import sanitize\n",
            "guide/tools/cli.py": "from guide.site import build\nimport jinja2\n",
            "guide/__main__.py": "from guide.tools.cli import main\n",
        },
        [],
    ),
}


@pytest.mark.parametrize(("files", "expected"), CASES.values(), ids=CASES.keys())
def test_a_violation_is_named_at_its_line(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    assert layer_violations(_tree(tmp_path, files)) == expected


# The guide's own variables (GUIDE_DATA_DIR, GUIDE_LANG, ...) reach a build through mkdocs.yml's
# `!ENV` tags and the plugin's typed options: no module of guide/data (nor guide/__init__.py)
# reads one; the data layer is given what they set (MAINTAINING.md "Settings").
SETTINGS_PREFIX = "GUIDE_"


def _variable(node: ast.AST) -> object:
    """The variable `os.environ.get(NAME)`, `os.getenv(NAME)` or `os.environ[NAME]` reads."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("get", "getenv", "setdefault", "pop")
        and node.args
    ):
        first = node.args[0]
        return first.value if isinstance(first, ast.Constant) else None
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value if isinstance(node.value, ast.Attribute) else None
    return None


def setting_reads(root: Path) -> list[str]:
    """Every read of a GUIDE_ variable in guide/data and guide/__init__.py, as path:line."""
    paths = [root / "guide" / "__init__.py", *sorted((root / "guide" / "data").rglob("*.py"))]
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            name = _variable(node)
            if isinstance(name, str) and name.startswith(SETTINGS_PREFIX):
                line = getattr(node, "lineno", 1)
                found.append(
                    f"{path.relative_to(root).as_posix()}:{line}: reads {name}; make it "
                    "an option of the guide plugin and pass it in"
                )
    return found


def test_the_data_layer_reads_no_setting_from_the_environment() -> None:
    assert setting_reads(ROOT) == []


@pytest.mark.parametrize(
    "code",
    [
        'DATA_DIR = Path(os.environ.get("GUIDE_DATA_DIR", "data"))\n',
        'DATA_DIR = os.getenv("GUIDE_DATA_DIR")\n',
        'DATA_DIR = os.environ["GUIDE_DATA_DIR"]\n',
    ],
)
def test_a_setting_read_in_the_data_layer_is_named(tmp_path: Path, code: str) -> None:
    root = _tree(tmp_path, {"guide/data/region.py": f"import os\n{code}"})
    assert setting_reads(root) == [
        "guide/data/region.py:2: reads GUIDE_DATA_DIR; make it an option of the guide plugin "
        "and pass it in"
    ]


# ARCHITECTURE.md names modules and functions; each must exist, so that the map stays true.
PATH = re.compile(r"`((?:guide|hooks|overrides|data|docs|tests|tools)/[\w./-]*)`")
CALL = re.compile(r"`(?:(\w+)\.)?(\w+)\(\)`")
PATH_CALL = re.compile(r"`((?:guide|hooks)/[\w/]+\.py)` `(?:(\w+)\.)?(\w+)\(\)`")
JS_FUNCTION = re.compile(r"\bfunction (\w+)\(")


def _definitions(tree: ast.Module) -> set[tuple[str, str]]:
    """("", name) of every function and class, (class, name) of every method."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            found.add(("", node.name))
            found |= {
                (node.name, item.name)
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            }
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.add(("", node.name))
    return found


def architecture_problems(text: str, root: Path) -> list[str]:
    """Each path in `text` (ARCHITECTURE.md) that does not exist under `root`, each `name()`
    defined nowhere in guide/, hooks/ or the guide's scripts, and each `path` `name()` whose
    file does not define it, as `line N: ...`."""
    by_file = {
        path.relative_to(root).as_posix(): _definitions(ast.parse(path.read_text("utf-8")))
        for folder in ("guide", "hooks")
        for path in sorted((root / folder).rglob("*.py"))
    }
    anywhere = set().union(*by_file.values()) | {
        ("", name)
        for path in sorted((root / "overrides").rglob("*.js"))
        for name in JS_FUNCTION.findall(path.read_text("utf-8"))
    }
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        problems += [
            f"line {number}: {path} does not exist"
            for path in PATH.findall(line)
            if not (root / path).exists()
        ]
        problems += [
            f"line {number}: {owner + '.' if owner else ''}{name}() is defined nowhere"
            for owner, name in CALL.findall(line)
            if (owner, name) not in anywhere and ("", name) not in anywhere
        ]
        problems += [
            f"line {number}: {path} does not define {owner + '.' if owner else ''}{name}()"
            for path, owner, name in PATH_CALL.findall(line)
            if path in by_file and (owner, name) not in by_file[path]
        ]
    return problems


def test_architecture_names_what_exists() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert PATH.search(text) and CALL.search(text)
    assert architecture_problems(text, ROOT) == []


def test_a_stale_name_in_architecture_is_found(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "guide/data/offices.py": "class Directory:\n    def office(self): ...\n"
            "def load_directory(): ...\n",
            "guide/site/render.py": "def render(): ...\n",
            "overrides/assets/guide/offices.js": "function fillBoxes(data) {}\n",
        },
    )
    text = (
        "`guide/data/offices.py` `load_directory()`, `Directory.office()`, `fillBoxes()`\n"
        "`guide/data/offices.py` `render()`; `guide/data/gone.py`; `Directory.route()`, `gone()`\n"
    )
    assert architecture_problems(text, tmp_path) == [
        "line 2: guide/data/gone.py does not exist",
        "line 2: Directory.route() is defined nowhere",
        "line 2: gone() is defined nowhere",
        "line 2: guide/data/offices.py does not define render()",
    ]
