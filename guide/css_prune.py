"""Material's main stylesheet cut to the rules the built site can use; no source maps.

Material ships one stylesheet for every feature it has (137 KB, 22.8 KB gzipped), and it
blocks the first paint of every page. After a build, `prune_site` keeps a style rule only when
each class, id and attribute its selector requires can occur in the site: in the built HTML
(every page of every language, parsed as the browser parses it) or added at run time, which
is a word of a shipped script (Material's bundle writes its class names whole, so does the
guide's JS) or on the keep-list below. Pseudo-classes and pseudo-elements (`:focus`,
`:hover`, `::before`), whatever sits inside `:not()`, `:is()` and friends, and element names
never remove a rule; at-rules other than `@media` and `@supports` (`@font-face`,
`@keyframes`, `@page`) are kept whole, and `@media print` is pruned like the screen rules.
`tests/test_css_prune.py` compares screenshots of every page type with and without pruning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from tinycss2.ast import (
    AtRule,
    Declaration,
    HashToken,
    IdentToken,
    LiteralToken,
    Node,
    QualifiedRule,
    SquareBracketsBlock,
)

STYLESHEETS = "assets/stylesheets/main.*.min.css"
OTHER_STYLESHEETS = "assets/guide/*.css"
SCRIPTS = ("assets/javascripts/*.js", "assets/guide/*.js", "sw.js")
# Names Material's bundle adds at run time, kept even where no script spells them whole:
# search and its results, dialogs (copied, errors), the back-to-top button, the header's
# shadow once scrolled, tooltips, the state and toggle attributes (`data-md-state`,
# `data-md-toggle`, every other `data-md-*`), focus helpers.
KEEP_CLASS_PREFIXES = ("md-search", "md-dialog", "md-top", "md-tooltip", "md-clipboard")
KEEP_CLASSES = frozenset({"md-header--shadow", "md-header--lifted", "focus-visible", "no-js", "js"})
KEEP_ATTRIBUTE_PREFIXES = ("data-md-",)
# A word of a script: a class or attribute name it may add.
SCRIPT_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
VAR_REFERENCE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


@dataclass
class Used:
    """The classes, ids and attribute names that can occur in the site."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)

    def has_class(self, name: str) -> bool:
        return name in self.classes or name in KEEP_CLASSES or name.startswith(KEEP_CLASS_PREFIXES)

    def has_attribute(self, name: str) -> bool:
        return name in self.attributes or name.startswith(KEEP_ATTRIBUTE_PREFIXES)


class _Collector(HTMLParser):
    def __init__(self, used: Used) -> None:
        super().__init__(convert_charrefs=True)
        self.used = used

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.used.attributes.add(name)
            if name == "class" and value:
                self.used.classes.update(value.split())
            elif name == "id" and value:
                self.used.ids.add(value)

    handle_startendtag = handle_starttag


def used_in(html_files: Iterable[Path], script_files: Iterable[Path]) -> Used:
    """What the pages carry, plus every word of the scripts (as class, id and attribute)."""
    used = Used()
    collector = _Collector(used)
    for path in html_files:
        collector.feed(path.read_text(encoding="utf-8"))
        collector.reset()
    for path in script_files:
        words = set(SCRIPT_WORD.findall(path.read_text(encoding="utf-8")))
        used.classes |= words
        used.ids |= words
        used.attributes |= {word.lower() for word in words}
    return used


def _split_selectors(prelude: list[Node]) -> Iterator[list[Node]]:
    current: list[Node] = []
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def selector_applies(selector: list[Node], used: Used) -> bool:
    """Whether every class, id and attribute the selector requires can occur."""
    previous: Node | None = None
    for token in selector:
        after_dot = isinstance(previous, LiteralToken) and previous.value == "."
        if isinstance(token, IdentToken) and after_dot and not used.has_class(token.value):
            return False
        if isinstance(token, HashToken) and token.is_identifier and token.value not in used.ids:
            return False
        if isinstance(token, SquareBracketsBlock):
            names = [t.value for t in token.content if isinstance(t, IdentToken)]
            if names and not used.has_attribute(names[0].lower()):
                return False
        previous = token
    return True


def _serialize(nodes: list[Node]) -> str:
    return str(tinycss2.serialize(nodes)).strip()


def _declarations(content: list[Node], referenced: set[str] | None) -> str:
    """A rule's declarations; with `referenced`, custom properties no one reads are dropped."""
    if referenced is None:
        return _serialize(content)
    kept = []
    for declaration in tinycss2.parse_blocks_contents(
        content, skip_comments=True, skip_whitespace=True
    ):
        if not isinstance(declaration, Declaration):
            return _serialize(content)  # nested rules: left whole
        if declaration.name.startswith("--") and declaration.name not in referenced:
            continue
        important = "!important" if declaration.important else ""
        kept.append(f"{declaration.name}:{_serialize(declaration.value)}{important}")
    return ";".join(kept)


def prune_rules(rules: list[Node], used: Used, referenced: set[str] | None = None) -> str:
    """The rules (a parsed stylesheet or block) that can apply, serialized; with
    `referenced`, only the custom properties (`--name`) named there are declared."""
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            kept = [
                _serialize(selector)
                for selector in _split_selectors(rule.prelude)
                if selector_applies(selector, used)
            ]
            body = _declarations(rule.content, referenced) if kept else ""
            if body:
                out.append(f"{','.join(kept)}{{{body}}}")
        elif isinstance(rule, AtRule):
            head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}"
            if rule.content is None:
                out.append(f"{head};")
            elif rule.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                body = prune_rules(inner, used, referenced)
                if body:
                    out.append(f"{head}{{{body}}}")
            else:
                out.append(f"{head}{{{_serialize(rule.content)}}}")
        # parse errors and comments are dropped, as a browser drops them
    return "".join(out)


def var_references(text: str) -> set[str]:
    """The custom properties a stylesheet or script reads (`var(--name`)."""
    return set(VAR_REFERENCE.findall(text))


def prune_stylesheet(css: str, used: Used, *, also_read_by: str = "") -> str:
    """The rules of `css` that can apply, declaring only the custom properties that the kept
    rules, or `also_read_by` (the site's other stylesheets and scripts), read."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    pruned = prune_rules(rules, used)
    while True:  # a custom property may be read only by another one: until nothing changes
        smaller = prune_rules(rules, used, var_references(pruned + also_read_by))
        if smaller == pruned:
            return pruned
        pruned = smaller


def drop_source_maps(site: Path) -> list[Path]:
    """Delete every *.map of the site and the comment pointing at it; the deleted files."""
    removed = sorted(site.rglob("*.map"))
    for path in removed:
        path.unlink()
        target = path.with_suffix("")
        if target.is_file():
            text = target.read_text(encoding="utf-8")
            target.write_text(SOURCE_MAP_COMMENT.sub("\n", text).rstrip() + "\n", encoding="utf-8")
    return removed


def prune_site(site: Path) -> None:
    """Prune Material's main stylesheet of the built `site` in place and drop source maps."""
    drop_source_maps(site)
    scripts = sorted(path for pattern in SCRIPTS for path in site.glob(pattern))
    used = used_in(sorted(site.rglob("*.html")), scripts)
    readers = [*scripts, *site.glob(OTHER_STYLESHEETS)]
    also_read_by = "".join(path.read_text(encoding="utf-8") for path in readers)
    for stylesheet in sorted(site.glob(STYLESHEETS)):
        css = stylesheet.read_text(encoding="utf-8")
        pruned = prune_stylesheet(css, used, also_read_by=also_read_by)
        stylesheet.write_text(pruned + "\n", encoding="utf-8")
