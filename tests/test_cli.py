"""Every command of `python -m guide` given a wrong argument: one line naming the mistake, a
documented exit code (guide/tools/cli.py, MAINTAINING.md "The command line"), never a traceback."""

from __future__ import annotations

import pytest

from guide.content.translations import changed_sentences
from guide.data.languages import default_language, language_codes, source_pages
from guide.tools.cli import main
from tests.pages import run_guide

TRANSLATED = next(code for code in language_codes() if code != default_language())
PAGE = source_pages()[0]
USAGE, PROBLEMS = 2, 1

CASES = {
    "check-content-unknown-page": (["check-content", "nope.md"], USAGE),
    "i18n-diff-unknown-page": (["i18n-diff", f"{TRANSLATED}/nope.md"], USAGE),
    "i18n-diff-source-page": (["i18n-diff", f"{default_language()}/{PAGE}"], USAGE),
    "i18n-diff-not-a-page": (["i18n-diff", "nope"], USAGE),
    "i18n-mark-synced-unknown-page": (["i18n-mark-synced", f"{TRANSLATED}/nope.md"], USAGE),
    "gminy-from-terc-no-file": (["gminy-from-terc", "/nonexistent/terc.json"], USAGE),
    "gminy-from-terc-not-terc": (["gminy-from-terc", "README.md"], USAGE),
    "build-no-folder": (["build", "/nonexistent/site"], USAGE),
    "search-no-site": (["search", "x", "--site", "/nonexistent"], USAGE),
    "pdf-no-site": (["pdf", "/nonexistent"], USAGE),
    "verify-sources-unknown-powiat": (["verify-sources", "--only", "nope"], USAGE),
    "deploy-not-a-year": (["deploy", "20x", "--no-pdf"], USAGE),
    "new-lang-not-a-code": (["new-lang", "B3", "--name", "x"], USAGE),
    "new-lang-existing": (["new-lang", TRANSLATED, "--name", "x"], USAGE),
    "unknown-command": (["nope"], USAGE),
    "bench-unknown-part": (["bench", "--only", "nope"], USAGE),
}


def test_i18n_diff_shows_only_changed_sentences() -> None:
    old = "# T\n\nOne stays. The fee is 100 zł. Three stays.\n\n## A\n"
    new = "# T\n\nOne stays. The fee is 120 zł. Three stays.\n\n## A\n\nNew text.\n"
    assert changed_sentences(old, new) == [
        (3, "The fee is [-100-] {+120+} zł."),
        (7, "{+New text.+}"),
    ]


@pytest.mark.parametrize("case", CASES)
def test_wrong_argument_is_one_line(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run in this process (an exception would fail the test itself): the exit code, and one
    line of output besides argparse's usage."""
    args, code = CASES[case]
    try:
        returned = main(args)
    except SystemExit as exit_:  # argparse's own mistakes
        returned = int(exit_.code or 0)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert returned == code, output
    # argparse's own mistakes come after its usage lines (indented when they wrap)
    lines = [line for line in output.splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1, output


def test_check_content_takes_a_page_inside_docs() -> None:
    """`check-content uk/work.md` (as i18n-diff writes pages) is the page docs/uk/work.md."""
    result = run_guide("check-content", f"{TRANSLATED}/{PAGE}")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "1 page(s) OK"
