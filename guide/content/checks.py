"""`python -m guide check-data`: the data files' problems (guide/data/checks.py), then the pages
against data/facts-pending.yml, which needs every page rendered."""

from __future__ import annotations

from pathlib import Path

from guide import DOCS_DIR
from guide.content.content_rules import typed_problems
from guide.data.checks import data_problems
from guide.data.facts import FACTS_YML
from guide.data.pending import PENDING_YML, load_pending, stale_problems
from guide.data.yamlfile import DataError
from guide.site.parsers import PageMarkdown


def check_data() -> list[DataError]:
    """Every problem in the data files (empty when all is well)."""
    problems, failed = data_problems()
    if not failed & {FACTS_YML, PENDING_YML}:
        problems += stale_pending_problems()
    return problems


def stale_pending_problems(docs_dir: Path = DOCS_DIR) -> list[DataError]:
    """An entry of data/facts-pending.yml no longer typed into its page (renders every page)."""

    typed = typed_problems(sorted(docs_dir.rglob("*.md")), render=PageMarkdown())
    return stale_problems(load_pending(), typed, docs_dir=docs_dir)
