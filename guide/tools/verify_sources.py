"""Re-check the office directory and the fact register against their sources (`python -m
guide verify-sources`).

Every entry of data/powiaty.yml with a `source` (offices, regional offices, routes) is
fetched again, `source` and then `sources`, and each of its values is looked for on those
pages: the phone numbers (digits only, however the page groups them), the postal code and
the street name; an entry with none of them (a route that is a website) is checked for its
page answering at all. Each value of data/facts.yml (and each announced `then:` value) is
checked by its `quote`: the words on the source that carry it, compared with spaces, dashes,
quotation marks and digit grouping ("4 806", "4.806", "4806") normalised. A value is

- `confirmed`: on a page that answered at its own address;
- `moved`: not confirmed, and a source now redirects elsewhere (update `source`);
- `changed`: the pages answered, the value is on none of them;
- `unreachable`: no source answered (timeout, DNS, HTTP error).

Polite by construction: one request at a time (so one per host), a pause between two
requests to the same host, a timeout, a User-Agent naming the project and its repository,
and every answer cached for a day, so a second run the same day asks nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from guide.data.yamlfile import LoadedYaml, Location, load_yaml
from guide.site.feedback import repository

State = Literal["confirmed", "changed", "moved", "unreachable"]
STATES: tuple[State, ...] = ("confirmed", "changed", "moved", "unreachable")
CACHE_SECONDS = 24 * 60 * 60


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pierwsze-kroki" / "verify-sources"


def user_agent() -> str:
    return f"pierwsze-kroki-verify-sources/1 (+{repository()}; checks the guide's office data)"


# --- The entries to check ------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    field: str  # "phone", "postal_code" or "street"
    value: str  # as written in the data (E.164 for phones)
    line: int


@dataclass(frozen=True)
class Entry:
    name: str  # "bytowski/pup", "regional/wup", "routes/..."
    path: Path
    line: int
    urls: tuple[str, ...]
    values: tuple[Value, ...]


def _name(data: Any, location: Location) -> str:
    """A readable name: list items by their `slug`, everything else by its key."""
    parts: list[str] = []
    here: Any = data
    for step in location:
        here = here[step]
        if isinstance(step, int):
            slug = here.get("slug") if isinstance(here, dict) else None
            parts.append(str(slug) if slug else str(step))
        elif step not in ("powiaty", "offices"):
            parts.append(str(step))
    return "/".join(parts)


def _walk(node: Any, location: Location) -> Iterator[tuple[Location, dict[str, Any]]]:
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            yield location, node
        for key, value in node.items():
            yield from _walk(value, (*location, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, (*location, index))


def _values(loaded: LoadedYaml, location: Location, node: dict[str, Any]) -> Iterator[Value]:
    found = False
    for index, phone in enumerate(node.get("phones") or []):
        found = True
        yield Value("phone", str(phone), loaded.line_of((*location, "phones", index)))
    for key in ("postal_code", "street"):
        if node.get(key):
            found = True
            yield Value(key, str(node[key]), loaded.line_of((*location, key)))
    if not found:  # e.g. a route that is a website: its source page must still answer
        yield Value("page", str(node["source"]), loaded.line_of((*location, "source")))


def _routes_of(node: Any) -> set[str]:
    """The `route:` keys a powiat's offices point to (a string or a list of them)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "route" and isinstance(value, str):
                found.add(value)
            elif key == "route" and isinstance(value, list):
                found.update(str(item) for item in value)
            else:
                found |= _routes_of(value)
    elif isinstance(node, list):
        for item in node:
            found |= _routes_of(item)
    return found


def powiat_slugs(path: Path) -> list[str]:
    powiaty = load_yaml(path).data.get("powiaty") or []
    return [str(p["slug"]) for p in powiaty if isinstance(p, dict) and "slug" in p]


def load_entries(path: Path, *, only: str | None = None) -> list[Entry]:
    """Every entry of `path` with a `source`; with `only`, those of that powiat slug and the
    routes its offices point to."""
    loaded = load_yaml(path)
    routes: set[str] = set()
    if only is not None:
        powiaty = loaded.data.get("powiaty") or []
        routes = _routes_of([p for p in powiaty if isinstance(p, dict) and p.get("slug") == only])
    entries = []
    for location, node in _walk(loaded.data, ()):
        name = _name(loaded.data, location)
        parts = name.split("/")
        if (
            only is not None
            and only not in parts
            and not (parts[0] == "routes" and parts[-1] in routes)
        ):
            continue
        urls = (node["source"], *[str(url) for url in node.get("sources") or []])
        entries.append(
            Entry(
                name=name,
                path=path,
                line=loaded.line_of(location),
                urls=tuple(dict.fromkeys(urls)),
                values=tuple(_values(loaded, location, node)),
            )
        )
    return entries


def load_fact_entries(path: Path) -> list[Entry]:
    """One entry per value of the fact register at `path` (read as YAML, so a test register
    may point at a loopback server): `facts/KEY`, `facts/KEY/then[0]`, … with its quote."""
    loaded = load_yaml(path)
    entries = []
    for key, node in (loaded.data or {}).items():
        if not isinstance(node, dict):
            continue
        for index, item in enumerate([node, *(node.get("then") or [])]):
            location: Location = (key,) if index == 0 else (key, "then", index - 1)
            if not isinstance(item, dict) or not isinstance(item.get("source"), str):
                continue
            quote = str(item.get("quote") or "")
            entries.append(
                Entry(
                    name=f"facts/{key}" + (f"/then[{index - 1}]" if index else ""),
                    path=path,
                    line=loaded.line_of(location),
                    urls=(item["source"],),
                    values=(Value("quote", quote, loaded.line_of((*location, "quote"))),),
                )
            )
    return entries


# --- Fetching, politely -----------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str | None  # None: unreachable
    text: str = ""  # the page's visible text and tel: links
    error: str = ""

    @property
    def reached(self) -> bool:
        return self.final_url is not None

    @property
    def redirected(self) -> bool:
        return self.final_url is not None and self.final_url != self.url


_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)
_TEL = re.compile(r"""href\s*=\s*["']tel:([^"']+)""", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def page_text(raw: bytes, charset: str | None) -> str:
    """The text a reader sees, plus the numbers of tel: links (the visible text may differ)."""
    if not charset:
        meta = _CHARSET.search(raw[:4096])
        charset = meta.group(1).decode("ascii") if meta else "utf-8"
    try:
        markup = raw.decode(charset, errors="replace")
    except LookupError:
        markup = raw.decode("utf-8", errors="replace")
    tels = " ".join(_TEL.findall(markup))
    return html.unescape(_TAGS.sub(" ", markup)) + " " + tels


class Fetcher:
    """GETs pages one at a time with a timeout, a pause per host and a one-day cache."""

    def __init__(
        self,
        *,
        cache_dir: Path | None,
        timeout: float = 20.0,
        pause: float = 2.0,
        allow_http: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.pause = pause
        self.allow_http = allow_http  # loopback test servers only
        self.clock = clock
        self.last_request: dict[str, float] = {}
        self.requests = 0

    def _cache_file(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def get(self, url: str) -> Fetched:
        if not url.startswith("https://") and not (self.allow_http and url.startswith("http://")):
            return Fetched(url, None, error="not an https:// URL")
        cache = self._cache_file(url)
        if cache is not None and cache.is_file():
            stored = json.loads(cache.read_text(encoding="utf-8"))
            if self.clock() - stored["at"] < CACHE_SECONDS:
                return Fetched(**stored["fetched"])
        fetched = self._fetch(url)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            record = {"at": self.clock(), "fetched": asdict(fetched)}
            cache.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        return fetched

    def _fetch(self, url: str) -> Fetched:
        host = urlsplit(url).netloc
        wait = self.last_request.get(host, -1e9) + self.pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        request = urllib.request.Request(url, headers={"User-Agent": user_agent()})
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(5_000_000)
                text = page_text(raw, response.headers.get_content_charset())
                return Fetched(url, response.geturl(), text)
        except urllib.error.HTTPError as error:
            return Fetched(url, None, error=f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return Fetched(url, None, error=str(reason) or type(error).__name__)
        finally:
            self.last_request[host] = time.monotonic()


# --- Finding a value on a page -------------------------------------------------------------

# A run of digits as pages write phone numbers: "58 123 45 67", "(58) 1234567",
# "+48 581234567", "58-123-45-67", "0048 58 123 45 67".
_NUMBER = re.compile(r"\+?\d[\d \u00a0()./-]{5,}\d")
_STREET_PREFIX = re.compile(r"^(ul\.|ulica|al\.|aleja|aleje|pl\.|plac|os\.|osiedle)\s*", re.I)
_HOUSE_NUMBER = re.compile(r"\s+\d+[\w/-]*$")


def _national(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[2:] if digits.startswith("48") and len(digits) == 11 else digits


def has_phone(text: str, phone: str) -> bool:
    wanted = _national(phone)
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if wanted in digits:
            return True
    return False


def has_postal_code(text: str, code: str) -> bool:
    first, _, last = code.partition("-")
    return re.search(rf"(?<!\d){first}\s*[-\u2013]\s*{last}(?!\d)", text) is not None


def _fold(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def street_name(street: str) -> str:
    """'ul. Ks. dr. Bolesława Domańskiego 2' -> 'Ks. dr. Bolesława Domańskiego'."""
    return _HOUSE_NUMBER.sub("", _STREET_PREFIX.sub("", street.strip()))


def has_street(text: str, street: str) -> bool:
    """The street's name, or at least its last word (the surname or noun pages keep)."""
    name = _fold(street_name(street))
    folded = f" {_fold(text)} "
    if not name:
        return False
    return f" {name} " in folded or f" {name.split()[-1]} " in folded


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = re.compile(r"[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a`']")
_GROUPED = re.compile(r"(?<=\d)[\s.,'](?=\d{3}(?!\d))")


def normal_quote(text: str) -> str:
    """`text` as the quote check compares it: NFKC, case folded, one kind of dash and quotation
    mark, digits ungrouped ("4 806 zł", "4.806 zł" -> "4806 zł"), single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _QUOTES.sub('"', _DASHES.sub("-", text))
    text = " ".join(text.split())
    return _GROUPED.sub("", text)


def has_quote(text: str, quote: str) -> bool:
    wanted = normal_quote(quote)
    return bool(wanted) and wanted in normal_quote(text)


FINDERS: dict[str, Callable[[str, str], bool]] = {
    "page": lambda text, url: True,  # an entry without those values: the page answering is all
    "phone": has_phone,
    "postal_code": has_postal_code,
    "street": has_street,
    "quote": has_quote,
}


# --- Verdicts -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    entry: str
    field: str
    value: str
    state: State
    where: str  # data/powiaty.yml:123
    url: str  # the page that confirmed it, or the source that moved / failed
    detail: str = ""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def drifted(self) -> list[Result]:
        return [result for result in self.results if result.state != "confirmed"]

    def counts(self) -> dict[str, int]:
        return {state: sum(r.state == state for r in self.results) for state in STATES}

    def as_json(self) -> dict[str, Any]:
        return {"counts": self.counts(), "results": [asdict(r) for r in self.results]}


def _where(path: Path, line: int) -> str:
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = path
    return f"{shown}:{line}"


def judge(entry: Entry, value: Value, pages: Sequence[Fetched]) -> Result:
    found = FINDERS[value.field]

    def result(state: State, url: str, detail: str = "") -> Result:
        where = _where(entry.path, value.line)
        return Result(entry.name, value.field, value.value, state, where, url, detail)

    for page in pages:
        if page.reached and not page.redirected and found(page.text, value.value):
            return result("confirmed", page.url)
    for page in pages:
        if page.redirected:
            there = "is" if found(page.text, value.value) else "is not"
            detail = f"redirects to {page.final_url} (the value {there} there)"
            return result("moved", page.url, detail)
    reached = [page for page in pages if page.reached]
    if reached:
        return result("changed", reached[0].url, "the page answered without this value")
    errors = "; ".join(f"{page.url}: {page.error}" for page in pages)
    return result("unreachable", pages[0].url if pages else "", errors)


def verify(
    entries: Sequence[Entry],
    *,
    fetcher: Fetcher,
    progress: Callable[[str], object] | None = None,
) -> Report:
    """Fetch every source once (in the order of the data) and judge every value;
    `progress` hears each URL before it is asked for."""
    report = Report()
    pages: dict[str, Fetched] = {}
    for entry in entries:
        for url in entry.urls:
            if url not in pages:
                if progress is not None:
                    progress(url)
                pages[url] = fetcher.get(url)
        for value in entry.values:
            report.results.append(judge(entry, value, [pages[url] for url in entry.urls]))
    return report


def format_text(report: Report) -> str:
    lines = [
        f"{r.where}: {r.entry} {r.field} {r.value}: {r.state}"
        + (f" ({r.detail})" if r.detail else "")
        + f" <{r.url}>"
        for r in report.drifted()
    ]
    counts = ", ".join(f"{count} {state}" for state, count in report.counts().items())
    lines.append(f"{len(report.results)} value(s): {counts}")
    return "\n".join(lines)


def format_markdown(report: dict[str, Any], expiring: Sequence[dict[str, Any]] = ()) -> str:
    """The body of the one "source drift" issue (.github/workflows/verify-sources.yml), from
    the JSON of `python -m guide verify-sources --json` and of `python -m guide facts --json
    --expiring DATE` (the facts that need a new value soon)."""
    counts = ", ".join(f"{count} {state}" for state, count in report["counts"].items())
    drifted = [result for result in report["results"] if result["state"] != "confirmed"]
    if not drifted:
        lines = [
            "`python -m guide verify-sources` found every value on its source page.",
            "",
            f"Values checked: {counts}.",
        ]
    else:
        lines = [
            "`python -m guide verify-sources` found values that are no longer on their source",
            "page. For each: open the source, check the value on the official page and follow",
            '"From a correction to a data change" in data/README.md (a fact: its `quote`, value',
            "and dates in data/facts.yml).",
            "",
            f"Values checked: {counts}.",
            "",
            "| where | entry | value | state | source | detail |",
            "|---|---|---|---|---|---|",
        ]
    for result in drifted:
        cells = [
            f"`{result['where']}`",
            result["entry"],
            f"{result['field']} `{result['value']}`",
            f"**{result['state']}**",
            result["url"],
            result["detail"],
        ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if expiring:
        lines += [
            "",
            f"Facts whose value ends or is due for review soon ({len(expiring)}): add the next",
            "value under `then:` with its source and quote, or check the source and move",
            "`review_by` (`python -m guide facts --expiring YYYY-MM-DD`).",
            "",
            "| fact | value | until | next value | source | pages |",
            "|---|---|---|---|---|---|",
        ]
        for fact in expiring:
            until = fact["valid_until"] or f"review by {fact['review_by']}"
            announced = fact.get("next_value")
            cells = [
                f"`{fact['key']}`",
                f"`{fact['value']}`",
                f"**{until}**",
                f"`{announced}` from {fact['next_from']}" if announced else "not announced",
                f"{fact['source_kind']}: {fact['source']}",
                ", ".join(fact["pages"]) or "no page",
            ]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


if (
    __name__ == "__main__"
):  # python -m guide.tools.verify_sources REPORT.json [FACTS.json]: the body
    import sys

    report = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    facts = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")) if sys.argv[2:] else []
    print(format_markdown(report, facts), end="")
