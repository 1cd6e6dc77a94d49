"""Translation status and structure checks, without walking git history.

Each translated page records in its front matter `source_blob`: the git blob id of the
Polish page it was translated from. A page is stale when that id differs from the id of
the Polish file as it is now; computing ids needs no git at all. Only the stale notice asks
git one thing: the date of the last commit that changed the Polish file (changed_on()).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from guide import DOCS_DIR
from guide.content.directives import directives
from guide.content.frontmatter import read
from guide.data.facts import references
from guide.data.languages import default_language, is_partial, language_codes
from guide.data.ui import Ui, fill, load_ui

SOURCE_BLOB = "source_blob"
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
H2 = re.compile(r"^## +\S", re.MULTILINE)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def blob_id(path: Path) -> str:
    """The id `git hash-object` gives the file."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def is_stale(meta: Mapping[str, object], source_blob: str) -> bool:
    """Whether a translation's front matter records another version of its source than the
    one whose blob id is `source_blob`."""
    return meta.get(SOURCE_BLOB) != source_blob


def changed_on(source: Path) -> str | None:
    """The day (YYYY-MM-DD) of the last commit that changed `source`, None when git cannot
    say (no git, not in a repository, or the file never committed)."""
    try:
        found = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", source.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    day = found.stdout.strip()
    return day if found.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def translation_notice(
    source: Path,
    *,
    lang: str,
    built_from: str | None,
    meta: Mapping[str, object],
    ui: Ui | None = None,
) -> tuple[Literal["fallback", "stale"], str] | None:
    """The notice kind and its text in `lang` for a page of `lang` whose source-language page
    is `source`: "fallback" when it was built from the file of language `built_from` (static-
    i18n's fallback to the source), "stale" when its front matter `meta` records another
    version of `source` (the text gives the day git last recorded a change of `source`, or
    without git its `last_reviewed`); None otherwise. `ui`: data/ui.yml, read when not given."""
    labels = (ui or load_ui()).labels
    if built_from != lang:
        return "fallback", labels["fallback_notice"][lang]
    if is_stale(meta, blob_id(source)):
        updated = changed_on(source) or read(source)[0].get("last_reviewed", "")
        return "stale", fill(labels["stale_notice"][lang], date=updated)
    return None


def pages(docs_dir: Path, lang: str) -> set[str]:
    root = docs_dir / lang
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()


@dataclass
class LanguageStatus:
    translated: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphan: list[str] = field(default_factory=list)
    percent: int = 0
    partial: bool = False  # the guide plugin's partial_languages: may miss pages


def failures(report: Mapping[str, LanguageStatus]) -> list[str]:
    """What a translation state fails on: a page missing in a language promised complete, or a
    page with no Polish source (orphan). Stale pages and a partial language's missing pages
    carry their notice on the site and are reported, never a failure."""
    found = [
        f"{lang}/{page}: missing ({lang} is a complete language: translate the page, or list "
        f"{lang} in mkdocs.yml's partial_languages of the guide plugin)"
        for lang, entry in report.items()
        if not entry.partial
        for page in entry.missing
    ]
    found += [
        f"{lang}/{page}: orphan (no Polish page {page}: delete or rename it)"
        for lang, entry in report.items()
        for page in entry.orphan
    ]
    return found


def status(
    docs_dir: Path = DOCS_DIR, *, partial: Collection[str] | None = None
) -> dict[str, LanguageStatus]:
    """Per translated language: translated (up to date), missing, stale and orphan pages;
    `partial`: the partly translated languages (a build's setting; mkdocs.yml's when None)."""
    source = default_language()
    source_pages = pages(docs_dir, source)
    blobs = {page: blob_id(docs_dir / source / page) for page in source_pages}
    result: dict[str, LanguageStatus] = {}
    for lang in language_codes():
        if lang == source:
            continue
        found = pages(docs_dir, lang)
        entry = LanguageStatus(
            orphan=sorted(found - source_pages),
            partial=is_partial(lang) if partial is None else lang in partial,
        )
        for page in sorted(source_pages):
            if page not in found:
                entry.missing.append(page)
            elif is_stale(read(docs_dir / lang / page)[0], blobs[page]):
                entry.stale.append(page)
            else:
                entry.translated.append(page)
        entry.percent = (
            round(100 * len(entry.translated) / len(source_pages)) if source_pages else 100
        )
        result[lang] = entry
    return result


def status_markdown(report: Mapping[str, LanguageStatus]) -> list[str]:
    """The stale and missing translations as Markdown (the pull request check's summary)."""
    lines = ["### Translations", ""]
    for lang, entry in report.items():
        partial = ", partial" if entry.partial else ""
        lines.append(f"- **{lang}**: {entry.percent}% up to date{partial}")
        lines += [
            f"  - {kind}: `{lang}/{page}`"
            for kind in ("stale", "missing", "orphan")
            for page in getattr(entry, kind)
        ]
    if any(entry.stale for entry in report.values()):
        lines += [
            "",
            "Stale pages show readers a notice that the Polish original changed; a translator "
            "updates them later (`python -m guide i18n-diff LANG/PAGE`).",
        ]
    return lines


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def changed_sentences(old: str, new: str) -> list[tuple[int, str]]:
    """What changed from `old` to `new`, for a translator: per changed block of lines, its first
    line in `new` and only the sentences with a change, words marked [-removed-] {+added+}."""
    before, after = old.splitlines(), new.splitlines()
    found = []
    lines = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        old_words = " ".join(before[i1:i2]).split()
        new_words = " ".join(after[j1:j2]).split()
        marked: list[str] = []
        words = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
        for kind, a1, a2, b1, b2 in words.get_opcodes():
            if kind == "equal":
                marked += new_words[b1:b2]
                continue
            if a2 > a1:
                marked.append("[-" + " ".join(old_words[a1:a2]) + "-]")
            if b2 > b1:
                marked.append("{+" + " ".join(new_words[b1:b2]) + "+}")
        sentences = _SENTENCE_END.split(" ".join(marked))
        changed = [sentence for sentence in sentences if "[-" in sentence or "{+" in sentence]
        first = next((j for j in range(j1, j2) if after[j].strip()), j1)
        found.append((first + 1, " … ".join(changed)))
    return found


@dataclass(frozen=True)
class Structure:
    h2: int
    directives: tuple[str, ...]
    facts: frozenset[str]  # the keys of data/facts.yml the page shows
    internal_links: frozenset[str]
    source_links: int
    words: int


def structure(path: Path) -> Structure:
    """What must match between a page and its translation."""
    _, body = read(path)
    body = FENCE.sub("", body)
    sections = re.split(r"^## ", body, flags=re.MULTILINE)
    last_section = sections[-1] if len(sections) > 1 else ""
    targets = [m["target"] for m in LINK.finditer(body)]
    return Structure(
        h2=len(H2.findall(body)),
        directives=directives(body),
        facts=frozenset(reference.key for reference in references(body)),
        internal_links=frozenset(
            t.split("#")[0] for t in targets if not re.match(r"[a-z]+:", t) and t.split("#")[0]
        ),
        source_links=len(re.findall(r"\]\(https://", last_section)),
        words=len(re.findall(r"\w+", re.sub(r"<!--.*?-->|\]\([^)]*\)", " ", body))),
    )


def structure_problems(docs_dir: Path, lang: str, page: str) -> list[str]:
    """How the translation `lang/page` differs in structure from its Polish source."""
    source = structure(docs_dir / default_language() / page)
    other = structure(docs_dir / lang / page)
    where = f"{lang}/{page}"
    problems = []
    if other.h2 != source.h2:
        problems.append(f"{where}: {other.h2} H2 sections, the Polish page has {source.h2}")
    if other.directives != source.directives:
        problems.append(
            f"{where}: directives {list(other.directives)} differ from the Polish page's "
            f"{list(source.directives)}"
        )
    if other.facts != source.facts:
        lacking, extra = sorted(source.facts - other.facts), sorted(other.facts - source.facts)
        problems.append(f"{where}: facts differ: missing {lacking}, extra {extra}")
    if other.internal_links != source.internal_links:
        extra = sorted(other.internal_links - source.internal_links)
        lacking = sorted(source.internal_links - other.internal_links)
        problems.append(f"{where}: internal links differ: missing {lacking}, extra {extra}")
    if other.source_links < source.source_links:
        problems.append(
            f"{where}: {other.source_links} official source links, "
            f"the Polish page has {source.source_links}"
        )
    return problems
