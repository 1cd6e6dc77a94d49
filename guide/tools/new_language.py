"""`python -m guide new-lang CODE --name NAME`: scaffold a partly translated language.

It adds the language to mkdocs.yml (static-i18n's list, and the guide plugin's
`partial_languages`, so its missing pages fall back to Polish with the notice), copies every
data text of the `--from` language (English by default) in data/ui.yml, data/glossary.yml,
data/termbase.yml and the powiats' `names:` in data/powiaty.yml under the new code, each marked
`# untranslated` (check-data counts them for a partial language), and adds a section for its
translators to CONTRIBUTING.md. The edits are text insertions at the lines the YAML parser
gives, so every comment and layout of the files stays.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from guide import ROOT
from guide.data.locales import plural_categories
from guide.data.yamlfile import SAFE_LOADER, DataError, read_data, yaml_error

CODE = re.compile(r"^[a-z]{2,3}$")


class ScaffoldError(Exception):
    """Why the language cannot be added (one line)."""


@dataclass(frozen=True)
class Insertion:
    line: int  # 0-based: the new lines go before this line
    text: str


def _compose(path: Path, text: str) -> yaml.Node:
    """The file's YAML nodes; a syntax error raises DataError at its line (as check-data)."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise yaml_error(path, text, error) from None
    if node is None:
        raise DataError(path, 1, "empty")
    return node


def _after(node: yaml.Node) -> int:
    """The 0-based line after the last line of `node`'s text."""
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


def _apply(text: str, insertions: list[Insertion]) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    for insertion in sorted(insertions, key=lambda item: item.line, reverse=True):
        lines[insertion.line : insertion.line] = [insertion.text]
    return "".join(lines)


def _is_forms(node: yaml.Node) -> bool:
    """A mapping of plural forms (units: `{one: ..., other: ...}`)."""
    return (
        isinstance(node, yaml.MappingNode)
        and bool(node.value)
        and all(isinstance(v, yaml.ScalarNode) for _, v in node.value)
        and "other" in {k.value for k, _ in node.value}
    )


def text_copies(path: Path, *, code: str, source: str) -> tuple[str, int]:
    """`path`'s text with a `code: <the source text>  # untranslated` line after every
    `source:` text, and how many were added."""
    text = read_data(path)
    insertions: list[Insertion] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
            for key, value in node.value:
                if key.value == source and isinstance(value, yaml.ScalarNode) and code not in keys:
                    if node.flow_style:
                        line = key.start_mark.line + 1
                        raise ScaffoldError(f"{path}:{line}: write this mapping one key a line")
                    indent = " " * key.start_mark.column
                    line = f"{indent}{code}: {json.dumps(value.value, ensure_ascii=False)}"
                    insertions.append(Insertion(_after(value), f"{line}  # untranslated\n"))
                elif key.value == source and _is_forms(value) and code not in keys:
                    # units: one form per plural category of the new language, the source's
                    # `other` form in each until a translator writes them
                    other = next(v.value for k, v in value.value if k.value == "other")
                    forms = ", ".join(
                        f"{category}: {json.dumps(other, ensure_ascii=False)}"
                        for category in sorted(plural_categories(code))
                    )
                    indent = " " * key.start_mark.column
                    insertions.append(
                        Insertion(_after(value), f"{indent}{code}: {{{forms}}}  # untranslated\n")
                    )
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(_compose(path, text))
    return _apply(text, insertions), len(insertions)


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if name.value == key:
                found: yaml.Node = value
                return found
    return None


def _languages_node(root: yaml.Node) -> yaml.SequenceNode:
    plugins = _value(root, "plugins")
    for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        languages = _value(_value(plugin, "i18n"), "languages")
        if isinstance(languages, yaml.SequenceNode):
            return languages
    raise ScaffoldError("mkdocs.yml: no i18n plugin with `languages:`")


def _partial_node(root: yaml.Node) -> yaml.Node:
    plugins = _value(root, "plugins")
    for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else ():
        partial = _value(_value(plugin, "guide"), "partial_languages")
        if partial is not None:
            return partial
    raise ScaffoldError("mkdocs.yml: no `partial_languages:` list in the guide plugin's settings")


def config_with(path: Path, *, code: str, name: str) -> str:
    """mkdocs.yml with `code` added to static-i18n's languages and the guide plugin's
    partial_languages."""
    text = read_data(path)
    root = _compose(path, text)
    languages = _languages_node(root)
    last = languages.value[-1]
    if not isinstance(last, yaml.MappingNode) or not last.value:
        raise ScaffoldError(f"{path}: the last of static-i18n's languages is not a mapping")
    indent = " " * (last.start_mark.column - 2)
    after_last = _after(last.value[-1][1])  # a mapping's end_mark is past the comments below
    entry = (
        f"{indent}- locale: {code}\n{indent}  name: {json.dumps(name, ensure_ascii=False)}\n"
        f"{indent}  build: true\n"
    )
    partial = _partial_node(root)
    if not isinstance(partial, yaml.SequenceNode) or not partial.flow_style:
        line = partial.start_mark.line + 1
        raise ScaffoldError(f"{path}:{line}: write partial_languages as a list in brackets: [be]")
    listed = [item.value for item in partial.value]
    lines = text.splitlines(keepends=True)
    first, end = partial.start_mark.line, _after(partial)
    head = lines[first][: partial.start_mark.column]
    replaced = f"{head}[{', '.join([*listed, code])}]\n"
    edited = _apply(text, [Insertion(after_last, entry)])
    lines = edited.splitlines(keepends=True)
    shift = 1 if after_last <= first else 0
    shift *= entry.count("\n")
    lines[first + shift : end + shift] = [replaced]
    return "".join(lines)


CONTRIBUTING_SECTION = """
## {name}

<!-- {code}: a partly translated language (`python -m guide new-lang`). Translate this section
into {name}, then remove this comment. -->

1. Translate a page: copy `docs/pl/PAGE.md` to `docs/{code}/PAGE.md` and translate it; a page not
   translated yet shows the Polish page with a notice in {name}.
2. Preview: `make serve LANG={code}`, then http://127.0.0.1:8000.
3. What is left: `.venv/bin/python -m guide i18n-status`, and `make check-data` counts the texts
   in `data/ui.yml`, `data/glossary.yml` and `data/termbase.yml` still marked `# untranslated`
   (and the powiats' names in `data/powiaty.yml`, marked the same way):
   translate the text and delete the comment.
4. When your translation is done: `.venv/bin/python -m guide i18n-mark-synced {code}/PAGE.md`.
5. When every page and text is translated, remove `{code}` from `partial_languages` (the guide
   plugin's settings) in mkdocs.yml: from then on a missing page or text fails the tests.
"""


def new_language(code: str, *, name: str, source: str = "en", root: Path = ROOT) -> list[str]:
    """Scaffold language `code` in the project at `root`; what was done, one line per file."""
    from guide.data.languages import language_codes

    if not CODE.fullmatch(code):
        raise ScaffoldError(f"{code!r} is not a language code (two or three letters: be, ka)")
    if code in language_codes():
        raise ScaffoldError(f"{code} is already a language of mkdocs.yml")
    if source not in language_codes():
        raise ScaffoldError(f"--from {source}: not a language of mkdocs.yml")
    written: dict[Path, str] = {}
    done = []
    config = root / "mkdocs.yml"
    written[config] = config_with(config, code=code, name=name)
    done.append(f"mkdocs.yml: {code} ({name}) added, in the guide plugin's partial_languages")
    # powiaty.yml: each powiat's name for readers of the language (`names:`)
    for data in ("ui.yml", "glossary.yml", "termbase.yml", "powiaty.yml"):
        path = root / "data" / data
        written[path], count = text_copies(path, code=code, source=source)
        done.append(f"data/{data}: {count} text(s) copied from {source}, marked # untranslated")
    contributing = root / "CONTRIBUTING.md"
    written[contributing] = read_data(contributing).rstrip("\n") + "\n"
    written[contributing] += CONTRIBUTING_SECTION.format(code=code, name=name)
    done.append(f"CONTRIBUTING.md: a section for {name} translators")
    for path, text in written.items():  # only once every file could be edited
        path.write_text(text, encoding="utf-8")
    (root / "docs" / code).mkdir(exist_ok=True)
    return done
