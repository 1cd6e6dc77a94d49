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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
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
    WhitespaceToken,
)

from guide.site.csp import LATER_SCRIPT, script_file

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
# States only the reader brings about, never there at the first paint.
DYNAMIC_PSEUDO_CLASSES = frozenset({"hover", "focus", "focus-visible", "focus-within", "active"})
COMBINATORS = frozenset({">", "+", "~"})
VAR_REFERENCE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


@dataclass
class Used:
    """The classes, ids and attribute names that can occur in the site."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    # One page's first paint (guide/site/first_paint.py): element names count too, and neither the
    # keep-list (Material's bundle is not loaded yet) nor a state the reader causes
    # (DYNAMIC_PSEUDO_CLASSES) does.
    tags: set[str] | None = None
    first_paint: bool = False

    def has_class(self, name: str) -> bool:
        if name in self.classes:
            return True
        kept = name in KEEP_CLASSES or name.startswith(KEEP_CLASS_PREFIXES)
        return kept and not self.first_paint

    def has_attribute(self, name: str) -> bool:
        return name in self.attributes or name.startswith(KEEP_ATTRIBUTE_PREFIXES)


@dataclass(frozen=True)
class PageNames:
    """What the stylesheet steps read of one page's HTML: every element, class, id and
    attribute name of its start tags, and each script file it runs on load, in order (a
    <script src> or a <template data-guide-script>)."""

    tags: frozenset[str]
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]
    scripts: tuple[str, ...]

    def with_names(self, other: PageNames) -> PageNames:
        """Both pages' names, `other`'s scripts after these."""
        return PageNames(
            self.tags | other.tags,
            self.classes | other.classes,
            self.ids | other.ids,
            self.attributes | other.attributes,
            self.scripts + other.scripts,
        )

    def add_to(self, used: Used) -> None:
        if used.tags is not None:
            used.tags |= self.tags
        used.classes |= self.classes
        used.ids |= self.ids
        used.attributes |= self.attributes


class NameCollector:
    """Collects a page's PageNames from the start tags an HTMLParser reports (this module's
    parser, guide/site/first_paint.py's and the one parse of each finished page,
    guide/site/finished_page.py)."""

    def __init__(self) -> None:
        self.used = Used(tags=set())
        self.scripts: list[str] = []

    def starttag(
        self,
        tag: str,
        attrs: list[tuple[str, str | None]],
        values: dict[str, str] | None = None,
    ) -> None:
        """`values`: the attributes as the listeners of one parse share them, where made."""
        add_tag(self.used, tag, attrs)
        if tag in ("script", "template"):
            if values is None:
                values = {name: value or "" for name, value in attrs}
            source = script_file(tag, values)
            if source is not None and (tag == "script" or LATER_SCRIPT in values):
                self.scripts.append(source)

    def names(self) -> PageNames:
        used = self.used
        return PageNames(
            frozenset(used.tags or ()),
            frozenset(used.classes),
            frozenset(used.ids),
            frozenset(used.attributes),
            tuple(self.scripts),
        )


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.collector = NameCollector()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.collector.starttag(tag, attrs)

    handle_startendtag = handle_starttag


def page_names(html: str) -> PageNames:
    """The names a page (or a fragment of one) carries, parsed as the browser parses it."""
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.collector.names()


def used_in(
    html_files: Iterable[Path],
    script_files: Iterable[Path],
    *,
    names: Callable[[Path], PageNames] | None = None,
) -> Used:
    """What the pages carry, plus every word of the scripts (as class, id and attribute).
    `names`: each page's names where already known (else each page is read and parsed)."""
    used = Used()
    for path in html_files:
        if names is None:
            add_html(used, path.read_text(encoding="utf-8"))
        else:
            names(path).add_to(used)
    for path in script_files:
        add_script(used, path.read_text(encoding="utf-8"))
    return used


def add_tag(used: Used, tag: str, attrs: list[tuple[str, str | None]], /) -> None:
    """One start tag's classes, id, attribute names (and, when counted, the element)."""
    if used.tags is not None:
        used.tags.add(tag)
    for name, value in attrs:
        used.attributes.add(name)
        if name == "class" and value:
            used.classes.update(value.split())
        elif name == "id" and value:
            used.ids.add(value)


def add_html(used: Used, html: str) -> None:
    """The classes, ids, attributes (and, when counted, elements) of a page."""
    page_names(html).add_to(used)


def script_names(script: str) -> PageNames:
    """Every word of a script, as a class, id, attribute (and element) it may add."""
    words = frozenset(SCRIPT_WORD.findall(script))
    lowered = frozenset(word.lower() for word in words)
    return PageNames(lowered, words, words, lowered, ())


def add_script(used: Used, script: str) -> None:
    """Every word of a script, as a class, id, attribute (and element) it may add."""
    script_names(script).add_to(used)


def _split_selectors(prelude: list[Node]) -> Iterator[list[Node]]:
    current: list[Node] = []
    for token in prelude:
        if isinstance(token, LiteralToken) and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


@dataclass(frozen=True)
class Selector:
    """One selector of a rule's list, and the names it requires of a page."""

    tokens: tuple[Node, ...] = field(compare=False, repr=False)
    classes: frozenset[str]
    ids: frozenset[str]
    attributes: frozenset[str]
    elements: frozenset[str]  # type selectors (`kbd`, `.md-typeset table`)
    dynamic: bool  # a state the reader causes (DYNAMIC_PSEUDO_CLASSES)

    @cached_property
    def text(self) -> str:
        """The selector as written out (only for a rule that stays: made when first read)."""
        return _serialize(list(self.tokens))

    def applies(self, used: Used) -> bool:
        """Whether every class, id and attribute (and, when counted, element) it requires
        can occur."""
        if self.dynamic and used.first_paint:
            return False
        if used.tags is not None and not self.elements <= used.tags:
            return False
        return (
            all(map(used.has_class, self.classes))
            and self.ids <= used.ids
            and all(map(used.has_attribute, self.attributes))
        )


def parse_selector(tokens: list[Node]) -> Selector:
    """The names a selector requires: what sits inside :not(), :is() and friends does not
    count, nor do pseudo-classes and pseudo-elements (but whether one is DYNAMIC)."""
    classes: set[str] = set()
    ids: set[str] = set()
    attributes: set[str] = set()
    elements: set[str] = set()
    dynamic = False
    previous: Node | None = None
    for token in tokens:
        after = previous.value if isinstance(previous, LiteralToken) else None
        if isinstance(token, IdentToken):
            if after == ".":
                classes.add(token.value)
            elif after == ":":
                dynamic = dynamic or token.lower_value in DYNAMIC_PSEUDO_CLASSES
            elif previous is None or isinstance(previous, WhitespaceToken) or after in COMBINATORS:
                elements.add(token.lower_value)
        elif isinstance(token, HashToken) and token.is_identifier:
            ids.add(token.value)
        elif isinstance(token, SquareBracketsBlock):
            names = [t.value for t in token.content if isinstance(t, IdentToken)]
            if names:
                attributes.add(names[0].lower())
        previous = token
    return Selector(
        tuple(tokens),
        frozenset(classes),
        frozenset(ids),
        frozenset(attributes),
        frozenset(elements),
        dynamic,
    )


def selector_applies(selector: list[Node], used: Used) -> bool:
    """Whether every class, id and attribute (and, when counted, element) the selector requires
    can occur."""
    return parse_selector(selector).applies(used)


def _serialize(nodes: list[Node]) -> str:
    return str(tinycss2.serialize(nodes)).strip()


@dataclass(frozen=True)
class StyleRule:
    selectors: tuple[Selector, ...]
    content: tuple[Node, ...] = field(compare=False, repr=False)

    # Written out when first read: only a rule that stays is.
    @cached_property
    def declarations(self) -> tuple[tuple[str, str], ...] | None:
        """(name, "name:value") of each declaration; None: nested rules, kept whole as `text`."""
        return _declarations(list(self.content))

    @cached_property
    def text(self) -> str:
        return _serialize(list(self.content))

    def with_selectors(self, selectors: tuple[Selector, ...]) -> StyleRule:
        """The same rule with only `selectors`, keeping what this one has written out."""
        narrowed = StyleRule(selectors, self.content)
        for written in ("declarations", "text"):  # cached_property values, kept in __dict__
            if written in self.__dict__:
                narrowed.__dict__[written] = self.__dict__[written]
        return narrowed

    def body(self, referenced: set[str] | None) -> str:
        """The declarations; with `referenced`, custom properties no one reads are dropped."""
        if referenced is None or self.declarations is None:
            return self.text
        return ";".join(
            text
            for name, text in self.declarations
            if not (name.startswith("--") and name not in referenced)
        )


@dataclass(frozen=True)
class GroupRule:
    """@media or @supports: its rules are pruned like the others."""

    head: str
    rules: tuple[Rule, ...]
    print_only: bool  # `@media print`: no part of a first paint on screen


@dataclass(frozen=True)
class WholeRule:
    """@font-face, @keyframes, @page and the like: kept as they are."""

    text: str


Rule = StyleRule | GroupRule | WholeRule


def _declarations(content: list[Node]) -> tuple[tuple[str, str], ...] | None:
    kept = []
    for declaration in tinycss2.parse_blocks_contents(
        content, skip_comments=True, skip_whitespace=True
    ):
        if not isinstance(declaration, Declaration):
            return None  # nested rules: left whole
        important = "!important" if declaration.important else ""
        kept.append(
            (declaration.name, f"{declaration.name}:{_serialize(declaration.value)}{important}")
        )
    return tuple(kept)


def parse_rules(rules: Iterable[Node]) -> tuple[Rule, ...]:
    """A parsed stylesheet or block, each selector's requirements worked out once."""
    out: list[Rule] = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = tuple(map(parse_selector, _split_selectors(rule.prelude)))
            out.append(StyleRule(selectors, tuple(rule.content)))
        elif isinstance(rule, AtRule):
            prelude = tinycss2.serialize(rule.prelude).rstrip()
            head = f"@{rule.at_keyword}{prelude}"
            if rule.content is None:
                out.append(WholeRule(f"{head};"))
            elif rule.lower_at_keyword in ("media", "supports"):
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                print_only = rule.lower_at_keyword == "media" and prelude.strip().lower() == "print"
                out.append(GroupRule(head, parse_rules(inner), print_only))
            else:
                out.append(WholeRule(f"{head}{{{_serialize(rule.content)}}}"))
        # parse errors and comments are dropped, as a browser drops them
    return tuple(out)


def parse_stylesheet(css: str) -> tuple[Rule, ...]:
    return parse_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def required_names(rules: Iterable[Rule], /, found: Used | None = None) -> Used:
    """Every class, id, attribute and element a selector of `rules` requires (added to
    `found`): whether a rule applies depends on a page's names only through these."""
    found = Used(tags=set()) if found is None else found
    elements = found.tags if found.tags is not None else set()
    for rule in rules:
        if isinstance(rule, StyleRule):
            for selector in rule.selectors:
                found.classes |= selector.classes
                found.ids |= selector.ids
                found.attributes |= selector.attributes
                elements |= selector.elements
        elif isinstance(rule, GroupRule):
            required_names(rule.rules, found)
    return found


def prune_rules(
    rules: Iterable[Rule],
    used: Used,
    referenced: set[str] | None = None,
    *,
    kept: dict[int, list[str]] | None = None,
) -> str:
    """The rules that can apply, serialized; with `referenced`, only the custom properties
    (`--name`) named there are declared. For a first paint, no print rules. `kept`: the
    selectors of each style rule (by id) that apply for `used`, where already decided."""
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, StyleRule):
            selectors = None if kept is None else kept.get(id(rule))
            if selectors is None:
                selectors = [selector.text for selector in rule.selectors if selector.applies(used)]
                if kept is not None:
                    kept[id(rule)] = selectors
            body = rule.body(referenced) if selectors else ""
            if body:
                out.append(f"{','.join(selectors)}{{{body}}}")
        elif isinstance(rule, GroupRule):
            body = (
                ""
                if rule.print_only and used.first_paint
                else prune_rules(rule.rules, used, referenced, kept=kept)
            )
            if body:
                out.append(f"{rule.head}{{{body}}}")
        elif not (used.first_paint and rule.text.startswith("@charset")):  # no use inline
            out.append(rule.text)
    return "".join(out)


def applying_rules(rules: Iterable[Rule], kept: dict[int, list[str]]) -> tuple[Rule, ...]:
    """`rules` as prune_parsed kept them (`kept`, which it filled): each style rule with only
    the selectors that apply, none without; a first paint pruned from these keeps what it
    would keep from the pruned stylesheet, and reuses what the rules have written out."""
    out: list[Rule] = []
    for rule in rules:
        if isinstance(rule, StyleRule):
            texts = set(kept.get(id(rule), ()))
            if not texts:
                continue
            selectors = tuple(selector for selector in rule.selectors if selector.text in texts)
            if len(selectors) == len(rule.selectors):
                out.append(rule)
                continue
            out.append(rule.with_selectors(selectors))
        elif isinstance(rule, GroupRule):
            inner = applying_rules(rule.rules, kept)
            if inner:
                out.append(GroupRule(rule.head, inner, rule.print_only))
        else:
            out.append(rule)
    return tuple(out)


def var_references(text: str) -> set[str]:
    """The custom properties a stylesheet or script reads (`var(--name`)."""
    return set(VAR_REFERENCE.findall(text))


def prune_stylesheet(css: str, used: Used, *, also_read_by: str = "") -> str:
    """The rules of `css` that can apply, declaring only the custom properties that the kept
    rules, or `also_read_by` (the site's other stylesheets and scripts), read."""
    return prune_parsed(parse_stylesheet(css), used, also_read_by=also_read_by)


def prune_parsed(
    rules: Iterable[Rule],
    used: Used,
    *,
    also_read_by: str = "",
    kept: dict[int, list[str]] | None = None,
) -> str:
    """prune_stylesheet of an already parsed stylesheet (or several, one after the other).
    `kept`: filled with the selectors of each style rule (by id) that apply (applying_rules)."""
    rules = tuple(rules)
    kept = {} if kept is None else kept  # the selectors that apply, decided once
    also_read = var_references(also_read_by)
    pruned = prune_rules(rules, used, kept=kept)
    while True:  # a custom property may be read only by another one: until nothing changes
        # No reference spans the two texts when the rules end with a "}" (or are none).
        read = (
            var_references(pruned) | also_read
            if not pruned or pruned.endswith("}")
            else var_references(pruned + also_read_by)
        )
        smaller = prune_rules(rules, used, read, kept=kept)
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


def prune_site(
    site: Path, *, names: Callable[[Path], PageNames] | None = None
) -> dict[Path, tuple[Rule, ...]]:
    """Prune Material's main stylesheet of the built `site` in place and drop source maps.
    `names`: each page's names where already known (guide/site/first_paint.py, SitePages).
    Returns each pruned stylesheet's rules as kept (applying_rules), for the first paint."""
    drop_source_maps(site)
    scripts = sorted(path for pattern in SCRIPTS for path in site.glob(pattern))
    used = used_in(sorted(site.rglob("*.html")), scripts, names=names)
    readers = [*scripts, *site.glob(OTHER_STYLESHEETS)]
    also_read_by = "".join(path.read_text(encoding="utf-8") for path in readers)
    pruned_rules: dict[Path, tuple[Rule, ...]] = {}
    for stylesheet in sorted(site.glob(STYLESHEETS)):
        rules = parse_stylesheet(stylesheet.read_text(encoding="utf-8"))
        kept: dict[int, list[str]] = {}
        pruned = prune_parsed(rules, used, also_read_by=also_read_by, kept=kept)
        stylesheet.write_text(pruned + "\n", encoding="utf-8")
        pruned_rules[stylesheet] = applying_rules(rules, kept)
    return pruned_rules
