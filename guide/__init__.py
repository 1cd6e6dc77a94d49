"""Shared logic of the guide: used by the MkDocs hooks, the tests and `python -m guide`."""

import importlib
import importlib.util
from pathlib import Path

# In the ProperDocs venv (`make build ENGINE=properdocs`) there is no mkdocs package: ProperDocs
# answers `import mkdocs.*` (mike, the hooks) once its alias is installed, as its CLI does.
if importlib.util.find_spec("mkdocs") is None and importlib.util.find_spec("properdocs"):
    importlib.import_module("properdocs.replacement")

ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = ROOT / "docs"
# The project's data files; a build reads the guide plugin's `data_dir` (guide.data.data_files).
DATA_DIR = ROOT / "data"
MKDOCS_YML = ROOT / "mkdocs.yml"
