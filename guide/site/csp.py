"""The Content-Security-Policy of every page: the site's own origin only.

Inline scripts are allowed one by one, by the SHA-256 of their text, never by
'unsafe-inline'; and only the scripts the theme writes on purpose. Those are known before
any content is rendered: every template under partials/javascripts/ (Material's and ours
in overrides/), rendered with the few structural values it takes (the page's base_url,
the theme's features). A page whose output holds any other inline script, an inline event
handler (on*=) or a javascript: URL is refused (CspError), so content that slips markup
past escaping fails the build instead of running. `python -m guide` and the tests read
the same policy.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mkdocs.utils import get_relative_url, is_error_template

# Material draws its icons as CSS masks of data: SVGs, hence data: for images.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "object-src": ("'none'",),
    "frame-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# <meta http-equiv> of the policy (partials/guide/csp.html writes it).
CSP_META = "content-security-policy"

# The only home of inline scripts: Material's partials and our overrides of them.
SCRIPT_PARTIALS = "partials/javascripts/"
# <script> blocks the browser keeps as data and never runs (Material's __config).
DATA_TYPES = frozenset({"application/json", "application/ld+json"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
EXCERPT = 60
_CHARSET = '<meta charset="utf-8">'
# HTML's case-insensitivity is ASCII's: found where written, without lowering the whole page.
_CHARSET_TAG = re.compile(re.escape(_CHARSET), re.IGNORECASE | re.ASCII)


class CspError(ValueError):
    """A page the policy cannot be attached to, or that holds script no template wrote."""


# What the body of a page may not carry: the theme writes none of these there, and from a
# page's content each could redirect, restyle, frame or post the page.
FORBIDDEN_IN_BODY = frozenset(
    {
        "meta", "link", "base", "style", "iframe", "frame", "frameset", "object", "embed",
        "applet", "form", "portal",
    }
)  # fmt: skip


@dataclass
class Scan:
    """What one page gives the browser to run (inline scripts, handlers, javascript: URLs,
    script files) and what its body carries that no page may: forbidden elements, style
    attributes, ids used twice."""

    scripts: list[str] = field(default_factory=list)
    handlers: list[tuple[str, str, str]] = field(default_factory=list)  # tag, attribute, value
    script_urls: list[tuple[str, str, str]] = field(default_factory=list)
    script_sources: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)  # the start tags, as excerpts
    styled: list[str] = field(default_factory=list)  # the start tags with a style attribute
    ids: list[str] = field(default_factory=list)


def _tag_text(tag: str, values: dict[str, str]) -> str:
    attributes = "".join(f' {name}="{value}"' for name, value in values.items())
    return f"<{tag}{attributes}>"


class ScriptScanner(HTMLParser):
    """The events of a page that guide.site.csp checks (one listener of
    guide/site/finished_page.py)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._script: list[str] | None = None
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, {name: value or "" for name, value in attrs})

    def start(self, tag: str, values: dict[str, str]) -> None:
        """A start tag with its attributes' `values` (the last of a repeated name, a value
        left out as ""), as the parser's listeners share them."""
        scan = self.scan
        if values:
            for name, value in values.items():
                if name.startswith("on"):
                    scan.handlers.append((tag, name, value))
                # is_script_url's own first test, made here: most links have no ":" at all
                elif name in URL_ATTRIBUTES and ":" in value and is_script_url(value):
                    scan.script_urls.append((tag, name, value))
            if "id" in values:
                scan.ids.append(values["id"])
        if not self._body:
            self._body = tag == "body"
        if self._body:
            if tag in FORBIDDEN_IN_BODY:
                scan.forbidden.append(_tag_text(tag, values))
            if "style" in values:
                scan.styled.append(_tag_text(tag, values))
        if tag == "script" or tag == "template":  # script_file's tags
            source = script_file(tag, values)
            if source is not None:
                scan.script_sources.append(source)
            elif tag == "script" and values.get("type", "").strip().lower() not in DATA_TYPES:
                self._script = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the slash: <script/>code</script> runs code.
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scan.scripts.append("".join(self._script))
            self._script = None

    def finish(self) -> Scan:
        """The scan, once the page is fed: a script left open runs to the end of the page."""
        if self._script is not None:
            self.scan.scripts.append("".join(self._script))
            self._script = None
        return self.scan


# The guide's own scripts, loaded after the first paint (partials/javascripts/later.html).
LATER_SCRIPT = "data-guide-script"


def script_file(tag: str, values: dict[str, str], /) -> str | None:
    """The script file a start tag has the browser run: a <script src>, or a <template
    data-src>, which the guide's scripts load (overrides/main.html: Material's bundle at the
    first touch, the guide's own scripts after the first paint)."""
    if tag == "script" and "src" in values:
        return values["src"]
    if tag == "template" and "data-src" in values:
        return values["data-src"]
    return None


_URL_IGNORED = str.maketrans("", "", "\t\n\r")  # browsers drop these anywhere in a URL
_URL_LEADING = "".join(map(chr, range(33)))  # and controls and spaces before it


def is_script_url(value: str) -> bool:
    """True for a javascript: URL as browsers read it (tabs, newlines, leading controls)."""
    if ":" not in value:  # most links: nothing below adds one
        return False
    cleaned = value.translate(_URL_IGNORED)
    return cleaned.lstrip(_URL_LEADING).lower().startswith("javascript:")


def scan(html: str) -> Scan:
    scanner = ScriptScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.finish()


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON data blocks)."""
    return scan(html).scripts


def with_style(policy: str, css: str, /) -> str:
    """`policy` (as policy_for writes it) also allowing the one inline <style> holding `css`
    (guide/site/first_paint.py), by its hash."""
    directives = dict(directive.split(" ", 1) for directive in policy.split("; "))
    if directives.get("style-src") != " ".join(POLICY["style-src"]):
        raise CspError(f"a policy that already allows more styles: {excerpt(policy)}")
    directives["style-src"] += f" {script_hash(css)}"
    return "; ".join(f"{name} {values}" for name, values in directives.items())


def script_hash(text: str) -> str:
    """The policy's source for an inline <script> or <style> of exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_base_url(url: str) -> str:
    """A page's base_url as MkDocs gives it to the templates (mkdocs.commands.build)."""
    return get_relative_url(".", url)


def template_base_url(name: str, *, site_url: str | None) -> str:
    """A theme template's base_url as MkDocs gives it: the site's path for 404.html."""
    if is_error_template(name):
        return urlsplit(site_url or "/").path
    return get_relative_url(".", name)


def script_partials(env: jinja2.Environment) -> tuple[str, ...]:
    """The theme's script partials (SCRIPT_PARTIALS); for a file loader, found in its folders
    rather than by listing every template of the theme."""
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader):
        found: set[str] = set()
        for root in loader.searchpath:
            folder = Path(root) / SCRIPT_PARTIALS
            if folder.is_dir():
                found.update(
                    SCRIPT_PARTIALS + path.relative_to(folder).as_posix()
                    for path in folder.rglob("*.html")
                )
        return tuple(sorted(found))
    return tuple(
        name
        for name in sorted(env.list_templates(extensions=["html"]))
        if name.startswith(SCRIPT_PARTIALS)
    )


def known_scripts(
    env: jinja2.Environment,
    /,
    *,
    base_url: str,
    features: tuple[str, ...] = (),
    scope: str | None = None,
    partials: tuple[str, ...] | None = None,
) -> frozenset[str]:
    """Every inline script the theme writes on purpose, for a page with this base_url
    (`partials`: the theme's script partials, script_partials(env), listed when not given)."""
    context = {
        "base_url": base_url,
        "features": list(features),
        "config": {"extra": {"scope": scope} if scope else {}, "theme": {"features": features}},
    }
    texts: set[str] = set()
    for name in script_partials(env) if partials is None else partials:
        texts.update(scan(env.get_template(name).render(context)).scripts)
    return frozenset(texts)


def excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else f"{flat[:EXCERPT]}…"


def theme_script_paths(
    theme_dirs: Iterable[str], extra_javascript: Iterable[object]
) -> frozenset[str]:
    """The site paths of the theme's own script files: Material's assets/javascripts/ and
    the guide's extra_javascript (mkdocs.yml)."""
    paths = {str(getattr(item, "path", item)) for item in extra_javascript}
    for directory in map(Path, theme_dirs):
        scripts = directory / "assets" / "javascripts"
        if scripts.is_dir():
            paths.update(p.relative_to(directory).as_posix() for p in scripts.rglob("*.js"))
    return frozenset(paths)


def script_sources(paths: frozenset[str], /, *, base_url: str) -> frozenset[str]:
    """Those script files as a page with this base_url writes their src."""
    return frozenset(posixpath.normpath(posixpath.join(base_url, path)) for path in paths)


def check(
    found: Scan,
    /,
    *,
    known: frozenset[str],
    where: str,
    sources: frozenset[str] | None = None,
) -> None:
    """Refuse a page that gives the browser anything to run beyond the known scripts (and,
    given `sources`, script files beyond those), or whose body carries what no page may."""
    for text in found.scripts:
        if text not in known:
            raise CspError(f"{where}: inline script no template writes: {excerpt(text)}")
    for tag, name, value in found.handlers:
        raise CspError(f"{where}: inline event handler {name}= on <{tag}>: {excerpt(value)}")
    for tag, name, value in found.script_urls:
        raise CspError(f"{where}: javascript: URL in <{tag} {name}>: {excerpt(value)}")
    for src in found.script_sources:
        if sources is not None and posixpath.normpath(src.split("?")[0]) not in sources:
            raise CspError(f"{where}: script file the theme does not list: {excerpt(src)}")
    for text in found.forbidden:
        raise CspError(f"{where}: element not allowed in a page's body: {excerpt(text)}")
    for text in found.styled:
        raise CspError(f"{where}: style attribute not allowed in a page's body: {excerpt(text)}")
    seen: set[str] = set()
    for name in found.ids:
        if name in seen:
            raise CspError(
                f"{where}: id {name!r} used twice: a heading takes an id the theme or the "
                "guide's scripts use; reword it"
            )
        seen.add(name)


def policy_for(
    html: str,
    /,
    *,
    known: frozenset[str] = frozenset(),
    where: str = "",
    sources: frozenset[str] | None = None,
    found: Scan | None = None,
) -> str:
    """The policy for one page: POLICY plus the hash of each of its (known) inline scripts.
    `found`: the page's scan when the caller already parsed it."""
    found = found or scan(html)
    check(found, known=known, where=where, sources=sources)
    hashes = sorted({script_hash(text) for text in found.scripts})
    directives = dict(POLICY)
    directives["script-src"] = POLICY["script-src"] + tuple(hashes)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def policy_position(html: str) -> int | None:
    """Where the policy goes: right after <meta charset>, before anything it governs."""
    found = _CHARSET_TAG.search(html)
    return None if found is None else found.end()


def charset_end(html: str, where: str) -> int:
    """policy_position, or CspError when the page has no <meta charset>."""
    end = policy_position(html)
    if end is None:
        raise CspError(
            f'{where}: no <meta charset="utf-8"> to put the Content-Security-Policy after'
        )
    return end


def policy_insertion(
    html: str,
    /,
    *,
    env: jinja2.Environment,
    where: str,
    known: frozenset[str] = frozenset(),
    sources: frozenset[str] | None = None,
    found: Scan | None = None,
) -> tuple[int, str]:
    """Where and what to insert into `html` (`insert`) for its policy: a meta tag
    (partials/guide/csp.html) right after <meta charset>, as (position, text).

    `known`: the inline scripts the page may hold (known_scripts); none by default.
    `sources`: the script files it may load (script_sources), unchecked when None.
    `found`: the page's scan, when the caller already parsed it.
    """
    end = charset_end(html, where)
    policy = policy_for(html, known=known, where=where, sources=sources, found=found)
    meta = env.get_template("partials/guide/csp.html").render(policy=policy).strip()
    return end, f"\n    {meta}"


def insert(html: str, insertion: tuple[int, str], /) -> str:
    at, text = insertion
    return f"{html[:at]}{text}{html[at:]}"


def features_of(value: object) -> tuple[str, ...]:
    """The theme's feature list (config.theme.features) as a hashable tuple."""
    return tuple(str(item) for item in value) if isinstance(value, (list, tuple)) else ()
