"""Command line of the guide. Exit codes: 0 success, 1 a check found problems,
2 wrong usage, 3 the site build failed, 4 a recorded source version is not in git, 141 the
output's reader stopped early (`| head`), as a shell reports a command ended by SIGPIPE."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import get_args

from guide import DOCS_DIR, ROOT
from guide.content.content_rules import TextRules, bracket_report, content_problems
from guide.content.docs_files import docs_tree_problems
from guide.content.frontmatter import read, set_key
from guide.content.plain_language import print_long_sentences
from guide.content.translations import (
    SOURCE_BLOB,
    blob_id,
    changed_sentences,
    failures,
    status,
    status_markdown,
)
from guide.data.checks import check_data, untranslated_notes
from guide.data.coverage import coverage, coverage_lines
from guide.data.data_files import DataFiles
from guide.data.edition import EditionError
from guide.data.facts import SourceKind
from guide.data.gminy import GMINY_YML, dump_gminy, gminy_from_terc
from guide.data.languages import data_dir, default_language, language_codes
from guide.data.offices import POWIATY_YML, load_directory
from guide.data.termbase import data_text_problems
from guide.data.ui import UI_YML, load_ui
from guide.data.yamlfile import DataError
from guide.site.build import build_atomically
from guide.site.parsers import PageMarkdown
from guide.tools.bench import DEFAULT_PARTS, PARTS, BenchBuildFailed, run_bench
from guide.tools.chromium import ChromiumMissing
from guide.tools.editions import DeployError, deploy
from guide.tools.pdf import PdfError

OK, PROBLEMS, USAGE, BUILD_FAILED, NOT_IN_GIT = 0, 1, 2, 3, 4
INVALID = 3  # `facts`: the register does not load (check-data names the problem)
PIPE_CLOSED = 128 + 13  # 128 + SIGPIPE


def configured_data() -> DataFiles:
    """The data files mkdocs.yml's guide plugin names (`data_dir`), as a build reads them."""
    return DataFiles(data_dir())


Command = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A wrong argument: main() prints the message as one line and exits with USAGE."""


def page_path(given: str) -> Path:
    """A page as given on the command line: a file, or a path inside docs/ (`uk/work.md`)."""
    for path in (Path(given), DOCS_DIR / given):
        if path.is_file():
            return path
    raise UsageError(f"no such page: {given} (give e.g. docs/uk/work.md or uk/work.md)")


def cmd_build(args: argparse.Namespace) -> int:
    """Build every language strictly into SITE_DIR (default site/), replacing it only on success."""
    if not Path(args.site_dir).resolve().parent.is_dir():
        raise UsageError(f"{args.site_dir}: its folder does not exist")
    try:
        build_atomically(Path(args.site_dir))
    except subprocess.CalledProcessError:
        print(f"build failed: {args.site_dir} was left as it was")
        return BUILD_FAILED
    return OK


def cmd_bench(args: argparse.Namespace) -> int:
    """Measure the budgets (MAINTAINING.md "Budgets"; takes minutes): build time against a stock
    build of the same pages, first-view bytes in Chromium, Lighthouse mobile scores; print a
    met / NOT met line for each. Exit 0 every budget met, 1 one not met, 3 a build failed."""
    try:
        met = run_bench(
            parts=args.only or DEFAULT_PARTS,
            rounds=args.rounds,
            lighthouse_runs=args.lighthouse_runs,
        )
    except BenchBuildFailed as error:
        print(error)
        return BUILD_FAILED
    return OK if met else PROBLEMS


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1")
    return value


def cmd_deploy(args: argparse.Namespace) -> int:
    """Build EDITION (a year) with its PDFs and commit it with mike to the gh-pages branch of
    the current directory's repository as EDITION and, unless a newer edition is there, as
    `latest`, which the site's root opens, and a root 404.html that sends a missing address
    to the latest edition's start page in the reader's language; push only with --push.
    Other editions stay as they are."""
    try:
        done = deploy(args.edition, branch=args.branch, push=args.push, pdf=not args.no_pdf)
    except EditionError as error:
        print(error)
        return USAGE
    except subprocess.CalledProcessError:
        print(f"build of edition {args.edition} failed: nothing was deployed")
        return BUILD_FAILED
    except (PdfError, ChromiumMissing) as error:
        print(f"PDFs of edition {args.edition} failed: {error}: nothing was deployed")
        return BUILD_FAILED
    except DeployError as error:
        print(f"deploy of edition {args.edition} failed: {error}")
        return PROBLEMS
    state = "deployed" if done.changed else "already deployed, unchanged"
    alias = f" as {done.alias}" if done.alias else " (a newer edition stays the latest)"
    where = f"pushed to {done.pushed_to}" if done.pushed_to else "not pushed"
    print(f"edition {done.edition}{alias}: {state} on {args.branch}, {where}")
    return OK


def cmd_pdf(args: argparse.Namespace) -> int:
    """Print the PDFs the pages link to into SITE_DIR/pdf/ (default site/, built first by
    `make pdf`): per language a booklet of the whole guide and a one-page contact sheet per
    powiat, printed by Chromium from SITE_DIR served on loopback."""
    from guide.tools.pdf import write_pdfs

    site_dir = Path(args.site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir} is not a built site: run `make build` (or `python -m guide build`)")
        return USAGE
    try:
        written = write_pdfs(site_dir, langs=args.lang or None)
    except (PdfError, ChromiumMissing) as error:
        print(f"PDFs: {error}")
        return PROBLEMS
    print(f"{len(written)} PDF(s) written under {site_dir / 'pdf'}")
    return OK


def cmd_check_data(args: argparse.Namespace) -> int:
    """Validate every data file (data/*.yml); print every problem. With --coverage, print per
    powiat and office type `verified`, `dated`, `unofficial`, `route` or `missing`, the age of
    `verified` and the source page's own date."""
    files = configured_data()
    problems = check_data(files)
    if args.coverage and not problems:
        table = coverage(load_directory(files.at(POWIATY_YML)))
        if args.json:  # JSON only, so it can be piped
            print(json.dumps(table, indent=2, ensure_ascii=False))
            return OK
        print("\n".join(coverage_lines(table)))
    for problem in problems:
        print(problem)
    for note in untranslated_notes(files):  # partly translated languages: a report, not a failure
        print(note)
    if problems:
        print(f"{len(problems)} problem(s) in the data files")
        return PROBLEMS
    print("data OK")
    return OK


def _chain(path: Path) -> list[Path]:
    """`path` and its folders below docs/: a page behind a symbolic link is not read."""
    return [path, *path.parents[: len(path.relative_to(DOCS_DIR).parts) - 1]]


def cmd_check_content(args: argparse.Namespace) -> int:
    """Check pages (default: every page under docs/, then data/ui.yml and data/glossary.yml):
    front matter as MkDocs reads it, the rendered Markdown against the allow-list (links,
    images, heading ids), terms to avoid (data/termbase.yml), words mixing Latin and Cyrillic
    letters, a term's first mention without the words it needs, sentences over 40 words and
    values typed in instead of [[fact: KEY]]; then, as notes, sentences over 30 words and Polish
    terms bracketed twice per page. Without PAGE, also every file of docs/ that is not a page or
    a picture, a symbolic link, over 1 MB, or at a path the guide publishes itself
    (guide/content/docs_files.py)."""
    files = [] if args.pages else [str(problem) for problem in docs_tree_problems(DOCS_DIR)]
    paths = [page_path(p) for p in args.pages] or sorted(
        path for path in DOCS_DIR.rglob("*.md") if not any(p.is_symlink() for p in _chain(path))
    )
    render = PageMarkdown()
    try:
        rules: TextRules | None = TextRules.load()  # read once for every page
    except DataError:
        rules = None  # each page names the broken file
    problems: list[object] = [
        problem
        for path in paths
        for problem in content_problems(path, path.read_text("utf-8"), render=render, rules=rules)
    ]
    if not args.pages:
        termbase = rules.termbase if rules else None
        problems = [*files, *problems, *data_text_problems(termbase=termbase)]
    # Failures first, then the notes (a report, not a failure).
    for problem in problems:
        print(problem)
    print_long_sentences(paths)
    for path in paths:
        names = rules.polish_terms if rules else None
        for line in bracket_report(path, path.read_text("utf-8"), names=names):
            print(line)
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} page(s)")
        return PROBLEMS
    print(f"{len(paths)} page(s) OK")
    return OK


def cmd_gminy_from_terc(args: argparse.Namespace) -> int:
    """Regenerate data/gminy.yml from a GUS TERC dump (JSON list of units)."""
    files = configured_data()
    directory = load_directory(files.at(POWIATY_YML))
    slugs = {powiat.teryt: powiat.slug for powiat in directory.powiaty}
    if not Path(args.terc).is_file():
        raise UsageError(f"no such file: {args.terc} (a GUS TERC dump as a JSON list of units)")
    try:
        gminy = gminy_from_terc(Path(args.terc), slugs)
    except (ValueError, KeyError, TypeError) as error:  # JSONDecodeError is a ValueError
        raise UsageError(f"{args.terc}: not a TERC dump of Pomorskie ({error})") from None
    files.at(GMINY_YML).write_text(dump_gminy(gminy), encoding="utf-8")
    print(f"wrote {files.at(GMINY_YML)}")
    return OK


def cmd_i18n_status(args: argparse.Namespace) -> int:
    """Per language: translated, missing, stale and orphan pages and the percentage done.
    Exit 1 only for a page missing in a language promised complete or an orphan page; stale
    pages (and a partial language's missing ones) are reported: the site shows their notice.
    --markdown: the same as a Markdown list (CI's pull request summary)."""
    report = status()
    if args.json:
        print(json.dumps({lang: asdict(entry) for lang, entry in report.items()}, indent=2))
    elif args.markdown:
        print("\n".join(status_markdown(report)))
    else:
        for lang, entry in report.items():
            partial = ", partial" if entry.partial else ""
            print(f"{lang}: {entry.percent}% ({len(entry.translated)} up to date{partial})")
            for kind in ("missing", "stale", "orphan"):
                for page in getattr(entry, kind):
                    print(f"  {kind}: {lang}/{page}")
    problems = failures(report)
    if not args.json:
        for problem in problems:
            print(problem, file=sys.stderr)
    return PROBLEMS if problems else OK


def _translation(path: str) -> tuple[str, str]:
    """(language, page) of a translation given as `uk/work.md` or `docs/uk/work.md`, whose
    Polish page exists."""
    lang, _, page = path.removeprefix("docs/").partition("/")
    if lang not in language_codes() or lang == default_language() or not page.endswith(".md"):
        translated = ", ".join(c for c in language_codes() if c != default_language())
        raise UsageError(
            f"not a translated page: {path} (expected LANG/PAGE.md, LANG: {translated})"
        )
    if not (DOCS_DIR / default_language() / page).is_file():
        raise UsageError(f"no Polish page {default_language()}/{page}: check the page's name")
    return lang, page


def cmd_i18n_diff(args: argparse.Namespace) -> int:
    """Show what changed in the Polish source since the version the translation records: only
    the changed sentences, words marked [-removed-] {+added+} (--unified: a line diff)."""
    lang, page = _translation(args.page)
    source = DOCS_DIR / default_language() / page
    if not (DOCS_DIR / lang / page).is_file():
        print(f"{lang}/{page} is not translated yet: translate {default_language()}/{page}")
        return PROBLEMS
    recorded = read(DOCS_DIR / lang / page)[0].get(SOURCE_BLOB)
    if not recorded:
        print(f"{lang}/{page} records no {SOURCE_BLOB}: run i18n-mark-synced after translating")
        return PROBLEMS
    if recorded == blob_id(source):
        print(f"{lang}/{page} is up to date with {default_language()}/{page}")
        return OK
    old = subprocess.run(
        ["git", "cat-file", "blob", str(recorded)], cwd=ROOT, capture_output=True, text=True
    )
    if old.returncode != 0:
        print(f"the recorded version {recorded} of {default_language()}/{page} is not in git")
        return NOT_IN_GIT
    now = source.read_text(encoding="utf-8")
    if args.unified:
        sys.stdout.writelines(
            difflib.unified_diff(
                old.stdout.splitlines(keepends=True),
                now.splitlines(keepends=True),
                fromfile=f"{default_language()}/{page} ({str(recorded)[:10]}, translated)",
                tofile=f"{default_language()}/{page} (now)",
            )
        )
        return OK
    print(f"{default_language()}/{page} since the translated version ({str(recorded)[:10]}):")
    for line, text in changed_sentences(old.stdout, now):
        print(f"  line {line}: {text}")
    return OK


def cmd_i18n_mark_synced(args: argparse.Namespace) -> int:
    """Record in the translation that it now matches the current Polish source."""
    for path in args.pages:
        lang, page = _translation(path)
        target = DOCS_DIR / lang / page
        if not target.is_file():
            print(f"no such translation: {target}")
            return USAGE
        set_key(target, SOURCE_BLOB, blob_id(DOCS_DIR / default_language() / page))
        print(f"{lang}/{page}: synced")
    return OK


def cmd_new_lang(args: argparse.Namespace) -> int:
    """Scaffold a partly translated language CODE named NAME (in that language): mkdocs.yml
    entry and the guide plugin's partial_languages, every data text copied from --from (default
    en) marked `# untranslated`, a CONTRIBUTING.md section; its pages fall back to Polish with a
    notice until translated. Exit 1 for a file it edits missing or not valid YAML (nothing is
    written), 2 for a code in use or not a language code."""
    from guide.tools.new_language import ScaffoldError, new_language

    try:
        done = new_language(args.code, name=args.name, source=args.source)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    print("\n".join(done))
    print(
        f"next: translate a page into docs/{args.code}/ and preview it: make serve LANG={args.code}"
    )
    return OK


def cmd_verify_sources(args: argparse.Namespace) -> int:
    """Fetch every office's `source` and `sources` and every fact's `source` again (needs the
    network; answers cached for a day) and report each phone, postal code, street and fact
    quote as confirmed, changed (page up, value gone), moved (the source redirects) or
    unreachable, with the data file and line (`--only POWIAT`: that powiat's offices only).
    Exit 0 when everything is confirmed, 1 when something drifted, 2 for an unknown powiat."""
    from guide.data.facts import FACTS_YML
    from guide.tools.verify_sources import (
        Fetcher,
        default_cache_dir,
        format_text,
        load_entries,
        load_fact_entries,
        powiat_slugs,
        verify,
    )

    files = configured_data()
    powiaty = files.at(POWIATY_YML)
    if args.only is not None and args.only not in powiat_slugs(powiaty):
        print(f"no powiat {args.only!r} in {powiaty}")
        return USAGE
    entries = load_entries(powiaty, only=args.only)
    if args.only is None:
        entries += load_fact_entries(files.at(FACTS_YML))
    report = verify(
        entries,
        fetcher=Fetcher(cache_dir=default_cache_dir()),
        progress=lambda url: print(f"checking {url}", file=sys.stderr, flush=True),
    )
    print(
        json.dumps(report.as_json(), indent=2, ensure_ascii=False)
        if args.json
        else format_text(report)
    )
    return PROBLEMS if report.drifted() else OK


def cmd_facts(args: argparse.Namespace) -> int:
    """List the fact register (data/facts.yml): each fact's value on the build's reference
    date, its period and the next value where announced, source kind, source date,
    verification date and the pages using it;
    `--expiring YYYY-MM-DD`: only facts whose value ends (or is due for review) by then;
    `--kind press`: only facts resting on that kind of source. Exit 0 listed, 1 (with
    --expiring) some fact expires by that date, 2 wrong usage, 3 the register has a problem."""
    from guide.data.facts import FACTS_YML, fact_rows, load_facts, reference_date

    try:
        until = dt.date.fromisoformat(args.expiring) if args.expiring else None
    except ValueError:
        print(f"--expiring {args.expiring!r}: give a date as YYYY-MM-DD")
        return USAGE
    try:
        files = configured_data()
        register = load_facts(files.at(FACTS_YML), ui=load_ui(files.at(UI_YML)))
    except DataError as error:
        print(error)
        return INVALID
    rows = [
        row
        for row in fact_rows(register, reference_date())
        if (until is None or row["expires"] <= until.isoformat())
        and (args.kind is None or row["source_kind"] == args.kind)
    ]
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        for row in rows:
            period = (
                f"until {row['valid_until']}"
                if row["valid_until"]
                else f"review by {row['review_by']}"
            )
            source_date = f", page of {row['source_date']}" if row["source_date"] else ""
            if row["next_value"] is not None:
                period += f", then {row['next_value']} from {row['next_from']}"
            print(
                f"{row['key']}: {row['value']} ({row['kind']}) from {row['valid_from']} {period}"
                f" [{row['state']}]; {row['source_kind']} source{source_date}, verified "
                f"{row['verified']}: {row['source']}; on {', '.join(row['pages']) or 'no page'}"
            )
        print(f"{len(rows)} fact(s)")
    return PROBLEMS if until is not None and rows else OK


def cmd_search(args: argparse.Namespace) -> int:
    """Run each QUERY through the search of every language of a built site (default site/) and
    print the first five pages found, as search.js ranks them (tests/test_search_parity.py)."""
    from guide.site.search_index import site_hits

    try:
        for line in site_hits(Path(args.site), args.queries):
            print(line)
    except FileNotFoundError as missing:
        print(f"{missing.filename}: no search index: run `make build` (or `python -m guide build`)")
        return USAGE
    return OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m guide", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Command) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=handler.__doc__, description=handler.__doc__)
        sub.set_defaults(handler=handler)
        return sub

    add("build", cmd_build).add_argument("site_dir", nargs="?", default=str(ROOT / "site"))
    bench_command = add("bench", cmd_bench)
    bench_command.add_argument(
        "--rounds", type=positive, default=5, help="builds timed per variant"
    )
    bench_command.add_argument(
        "--lighthouse-runs",
        type=positive,
        default=3,
        help="Lighthouse runs per page (the median counts)",
    )
    bench_command.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="measure only this (repeatable); instructions (Valgrind) only when named",
    )
    deploy_command = add("deploy", cmd_deploy)
    deploy_command.add_argument("edition", help="the edition's year, e.g. 2026")
    deploy_command.add_argument("--push", action="store_true", help="push the branch to origin")
    deploy_command.add_argument("--branch", default="gh-pages", help="default: gh-pages")
    deploy_command.add_argument("--no-pdf", action="store_true", help="skip the PDFs (tests)")
    pdf_command = add("pdf", cmd_pdf)
    pdf_command.add_argument("site_dir", nargs="?", default=str(ROOT / "site"))
    pdf_command.add_argument(
        "--lang", action="append", choices=language_codes(), help="only this language (repeatable)"
    )
    search_command = add("search", cmd_search)
    search_command.add_argument("queries", nargs="+", metavar="QUERY")
    search_command.add_argument("--site", default=str(ROOT / "site"), help="default: site/")
    check_data_command = add("check-data", cmd_check_data)
    check_data_command.add_argument("--coverage", action="store_true", help="the coverage table")
    check_data_command.add_argument("--json", action="store_true", help="coverage as JSON")
    add("check-content", cmd_check_content).add_argument("pages", nargs="*")
    status_command = add("i18n-status", cmd_i18n_status)
    status_command.add_argument("--json", action="store_true", help="machine-readable report")
    status_command.add_argument("--markdown", action="store_true", help="a Markdown summary")
    diff_command = add("i18n-diff", cmd_i18n_diff)
    diff_command.add_argument("page", help="e.g. uk/work.md")
    diff_command.add_argument("--unified", action="store_true", help="a line diff instead")
    add("i18n-mark-synced", cmd_i18n_mark_synced).add_argument("pages", nargs="+")
    new_lang_command = add("new-lang", cmd_new_lang)
    new_lang_command.add_argument("code", help="the language code, e.g. be")
    new_lang_command.add_argument("--name", required=True, help="its name in itself: Беларуская")
    new_lang_command.add_argument("--from", dest="source", default="en", help="default: en")
    facts_command = add("facts", cmd_facts)
    facts_command.add_argument("--json", action="store_true", help="machine-readable list")
    facts_command.add_argument("--expiring", metavar="YYYY-MM-DD", help="ending by this date")
    facts_command.add_argument(
        "--kind", choices=get_args(SourceKind), help="only facts with this kind of source"
    )
    verify_command = add("verify-sources", cmd_verify_sources)
    verify_command.add_argument("--json", action="store_true", help="machine-readable report")
    verify_command.add_argument("--only", metavar="POWIAT", help="one powiat's slug, e.g. bytowski")
    add("gminy-from-terc", cmd_gminy_from_terc).add_argument(
        "terc", nargs="?", default=str(ROOT.parent / "shared/data/terc-pomorskie-2024-01-01.json")
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        handler: Command = args.handler
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the flush at exit
        return code
    except BrokenPipeError:  # `python -m guide check-content | head`: end quietly
        # Python's recipe (docs, "Note on SIGPIPE"): the flush at exit must not fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    except UsageError as error:
        print(f"python -m guide: {error}", file=sys.stderr)
        return USAGE
    except DataError as error:  # a data or page mistake reached a command: file:line, no trace
        print(f"{error}\n`python -m guide check-data` lists every problem", file=sys.stderr)
        return PROBLEMS
