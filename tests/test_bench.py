"""`python -m guide bench` without running a benchmark: its command line, the report and
ratio logic on fixed numbers, the Lighthouse report reading and the stock project it writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config

from guide import DOCS_DIR
from guide.data.languages import language_codes
from guide.site.raw_html_off import RAW_HTML_OFF
from guide.site.serve import Sent
from guide.tools import cli
from guide.tools.bench import DEFAULT_PARTS, instructions, run_bench
from guide.tools.bench.firstview import FirstView
from guide.tools.bench.instructions import Instructions, NoInstructionCount, instruction_count
from guide.tools.bench.lighthouse import Lighthouse, failing_audits, lighthouse_result
from guide.tools.bench.report import (
    report_build_times,
    report_first_views,
    report_instructions,
    report_lighthouse,
)
from guide.tools.bench.stock import stock_project
from guide.tools.bench.timing import BuildTime
from guide.tools.cli import main


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["bench", "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m guide bench [-h] [--rounds ROUNDS]")
    assert "--only {build,first-view,lighthouse,scale,instructions}" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--rounds", "0"], "argument --rounds: 0: at least 1"),
        (["--lighthouse-runs", "0"], "argument --lighthouse-runs: 0: at least 1"),
        (["--only", "css"], "argument --only: invalid choice: 'css'"),
    ],
)
def test_wrong_usage_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["bench", *argv])
    assert exit.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("guide", "met"), [(6.5, True), (6.6, False)])
def test_build_time_budget_is_the_full_build_ratio(
    guide: float, met: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        BuildTime("full build (all languages)", guide, 5.0),
        BuildTime("one language (uk)", 4.0, 1.0),  # reported, not a budget
    ]
    assert rows[0].ratio == guide / 5.0
    assert report_build_times(rows) is met
    verdict = "met" if met else "NOT met"
    assert capsys.readouterr().out == (
        f"\n{'build time (CPU)':30}    guide    stock   ratio\n"
        f"{'full build (all languages)':30} {guide:7.2f}s    5.00s {guide / 5:7.2f}\n"
        f"{'one language (uk)':30}    4.00s    1.00s    4.00\n"
        f"budget: full build at most 1.30 x stock: {verdict}\n"
    )


def view(path: str, *sent: tuple[str, int, int]) -> FirstView:
    return FirstView(f"http://127.0.0.1:8000/{path}", tuple(Sent(*item) for item in sent))


def test_first_view_within_budget(capsys: pytest.CaptureFixture[str]) -> None:
    guide = {"uk/": view("uk/", ("/uk/", 200, 20 * 1024), ("/a.js", 200, 40 * 1024))}
    stock = {"uk/": view("uk/", ("/uk/", 200, 30 * 1024), ("/b.js", 200, 90 * 1024))}
    assert guide["uk/"].size == 60 * 1024
    assert report_first_views(guide, stock) is True
    assert capsys.readouterr().out == (
        f"\n{'first view (gzip, KB)':34}   guide   stock  ratio  404s\n"
        f"/{'uk/':33}    60.0   120.0   0.50  \n"
        "budget: first view at most 60 KB: met\n"
    )


def test_first_view_over_budget_names_the_largest_and_the_404s(
    capsys: pytest.CaptureFixture[str],
) -> None:
    guide = {
        "en/": view(
            "en/",
            ("/en/", 200, 30 * 1024),
            ("/bundle.js", 200, 40 * 1024),
            ("/main.css", 200, 20 * 1024),
            ("/missing.png", 404, 512),
        )
    }
    stock = {"en/": view("en/", ("/en/", 200, 45 * 1024 + 256))}
    assert guide["en/"].missing == ("/missing.png",)
    assert report_first_views(guide, stock) is False
    assert capsys.readouterr().out == (
        f"\n{'first view (gzip, KB)':34}   guide   stock  ratio  404s\n"
        f"/{'en/':33}    90.5    45.2   2.00  1\n"
        "budget: first view at most 60 KB: NOT met\n"
        "  /en/: 90.5 KB; largest: /bundle.js 40.0 KB, /en/ 30.0 KB, /main.css 20.0 KB,"
        " /missing.png 0.5 KB\n"
        "  /en/: 404 for /missing.png\n"
    )


def lighthouse_report(performance: float) -> dict[str, Any]:
    """A Lighthouse JSON report as the CLI writes it, reduced to what the bench reads."""
    full = {"auditRefs": [{"id": "ok", "weight": 1}]}
    return {
        "categories": {
            "performance": {
                "score": performance,
                "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "total-blocking-time", "weight": 30},
                    {"id": "diagnostics", "weight": 0},
                ],
            },
            "accessibility": {"score": 1, **full},
            "best-practices": {"score": 1, **full},
            "seo": {"score": None, **full},
        },
        "audits": {
            "largest-contentful-paint": {
                "score": 0.9,
                "displayValue": "2.6 s",
                "numericValue": 2634.2,
            },
            "total-blocking-time": {"score": 1},
            "diagnostics": {"score": 0},
            "ok": {"score": None},
        },
        "environment": {"benchmarkIndex": 1765.4},
    }


def test_lighthouse_result_reads_scores_failing_audits_and_cpu_index() -> None:
    report = lighthouse_report(0.974)
    assert failing_audits(report, "performance") == ["largest-contentful-paint (2.6 s)"]
    result = lighthouse_result("http://127.0.0.1:8000/uk/", report)
    assert result == Lighthouse(
        "http://127.0.0.1:8000/uk/",
        {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 0},
        {"performance": ["largest-contentful-paint (2.6 s)"], "seo": []},
        1765,
        2.63,
    )


def test_lighthouse_report(capsys: pytest.CaptureFixture[str]) -> None:
    scores = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
    results = {
        "uk/": Lighthouse("u", scores, {}, 1700, 0.92),
        "en/": Lighthouse("e", {**scores, "performance": 97}, {"performance": ["tbt"]}, 1800, 1.4),
    }
    assert report_lighthouse(results, runs=3) is False
    assert capsys.readouterr().out == (
        f"\n{'lighthouse (mobile, median of 3)':30} perfor access best-p    seo    LCP\n"
        f"/{'uk/':29}     99    100    100    100  0.92s\n"
        f"/{'en/':29}     97    100    100    100  1.40s\n"
        "(Lighthouse's CPU benchmark index of this machine, median: 1750)\n"
        "budget: lighthouse performance >= 98: NOT met\n"
        "  /en/: 97: tbt\n"
        "budget: lighthouse accessibility = 100: met\n"
        "budget: lighthouse best-practices = 100: met\n"
        "budget: lighthouse seo = 100: met\n"
        "budget: lighthouse LCP <= 1.0 s: NOT met\n"
        "  /en/: 1.40 s\n"
    )


def test_stock_project_writes_the_pages_and_a_config_without_the_guides_additions(
    tmp_path: Path,
) -> None:
    config = stock_project(tmp_path)
    assert config == tmp_path / "mkdocs.yml"
    assert (tmp_path / "no-overrides").is_dir()
    assert not any((tmp_path / "no-overrides").iterdir())
    docs = tmp_path / "docs"
    for page in DOCS_DIR.rglob("*.md"):
        assert (docs / page.relative_to(DOCS_DIR)).read_bytes() == page.read_bytes()
    for lang in language_codes():
        powiat = docs / lang / "powiaty" / "gdansk.md"
        assert powiat.read_text(encoding="utf-8").startswith("---\n"), powiat
    text = config.read_text(encoding="utf-8")
    assert "build_only_locale: !ENV [GUIDE_LANG, null]\n" in text
    written = yaml.load(text.replace("!ENV", ""), Loader=yaml.SafeLoader)
    # The guide's mkdocs.yml but its raw-HTML-off extension: stock Markdown, as a stock site
    assert written["INHERIT"] == "guide-mkdocs.yml"
    guide_lines = (DOCS_DIR.parent / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert (tmp_path / "guide-mkdocs.yml").read_text(encoding="utf-8").splitlines() == [
        line for line in guide_lines if line.strip() != f"- {RAW_HTML_OFF}"
    ]
    gdansk = (docs / "pl" / "powiaty" / "gdansk.md").read_text(encoding="utf-8")
    assert '<h2 id="offices">' in gdansk  # the powiat pages' HTML itself, no placeholder
    assert written["hooks"] == written["extra_css"] == written["extra_javascript"] == []
    assert written["theme"] == {"custom_dir": "no-overrides"}
    assert written["plugins"][0] == "search"
    assert list(written["plugins"][1]) == ["i18n"]
    assert written["extra"] == {"version": None}
    loaded = load_config(str(config))  # MkDocs reads it, the guide's configuration inherited
    assert not loaded.hooks
    assert loaded.theme.custom_dir == str(tmp_path / "no-overrides")
    assert list(loaded.plugins) == ["material/search", "i18n"]
    assert RAW_HTML_OFF not in loaded.markdown_extensions


VALGRIND_LOG = """INFO - Cleaning site directory
==30141== Cachegrind, a high-precision tracing profiler
==30141==
==30141== I   refs:      27,761,731,658
"""


def test_the_instruction_count_is_read_from_valgrinds_summary() -> None:
    assert instruction_count(VALGRIND_LOG) == 27_761_731_658
    with pytest.raises(
        NoInstructionCount, match=r"^0 instruction counts in Valgrind's log, not 1$"
    ):
        instruction_count("INFO - Documentation built\n")


def test_instructions_are_reported_beside_the_budget(capsys: pytest.CaptureFixture[str]) -> None:
    report_instructions(Instructions(27_520_000_000, 21_640_000_000))
    assert capsys.readouterr().out.splitlines()[-1].split() == [
        "full", "build", "(all", "languages)", "27.52G", "21.64G", "1.27",
    ]  # fmt: skip
    report_instructions(None)
    assert capsys.readouterr().out == (
        "\ninstructions: not counted, valgrind is not installed (Debian: valgrind)\n"
    )


def test_without_valgrind_the_instructions_are_not_counted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(instructions, "VALGRIND", ("no-such-valgrind-here", "--tool=cachegrind"))
    assert run_bench(parts=["instructions"], rounds=1, lighthouse_runs=1) is True
    assert "instructions: not counted" in capsys.readouterr().out


def test_the_instructions_are_counted_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []

    def measured(**kwargs: object) -> bool:
        asked.append(kwargs["parts"])
        return True

    monkeypatch.setattr(cli, "run_bench", measured)
    assert main(["bench"]) == 0
    assert main(["bench", "--only", "instructions"]) == 0
    assert asked == [DEFAULT_PARTS, ["instructions"]]
    assert "instructions" not in DEFAULT_PARTS
