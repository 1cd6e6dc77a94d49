"""`python -m guide check-data`: the data files' problems (guide/data/checks.py), then the pages
against data/facts-pending.yml, which needs every page rendered."""

from __future__ import annotations

from pathlib import Path

from guide import DOCS_DIR
from guide.content.content_rules import typed_problems
from guide.data.checks import data_problems
from guide.data.facts import FACTS_YML
from guide.data.pending import PENDING_YML, Pending, load_pending, stale_problems
from guide.data.ui import UI_YML, Ui
from guide.data.yamlfile import DataError
from guide.site.parsers import PageMarkdown


def check_data() -> list[DataError]:
    """Every problem in the data files (empty when all is well)."""
    problems, failed, models = data_problems()
    if not failed & {FACTS_YML, PENDING_YML, UI_YML}:
        pending, ui = models.get(PENDING_YML), models.get(UI_YML)  # read again when absent
        problems += stale_pending_problems(
            pending=pending if isinstance(pending, Pending) else None,
            ui=ui if isinstance(ui, Ui) else None,
        )
    return problems


def stale_pending_problems(
    docs_dir: Path = DOCS_DIR, *, pending: Pending | None = None, ui: Ui | None = None
) -> list[DataError]:
    """An entry of data/facts-pending.yml no longer typed into its page (renders every page;
    the data files are read when not given)."""
    typed = typed_problems(sorted(docs_dir.rglob("*.md")), render=PageMarkdown(), ui=ui)
    return stale_problems(pending or load_pending(), typed, docs_dir=docs_dir)
