"""Shared logic of the guide: used by the MkDocs hooks, the tests and `python -m guide`."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
DATA_DIR = ROOT / "data"
MKDOCS_YML = ROOT / "mkdocs.yml"
