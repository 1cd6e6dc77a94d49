"""Shared logic of the guide: used by the MkDocs hooks, the tests and `python -m guide`."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
# GUIDE_DATA_DIR lets tests build a fixture site from a fixture copy of the data.
DATA_DIR = Path(os.environ.get("GUIDE_DATA_DIR", ROOT / "data"))
MKDOCS_YML = ROOT / "mkdocs.yml"
