"""Where the data files of a build or command are: the guide plugin's `data_dir` in mkdocs.yml
(guide.data.languages.data_dir), given to every loader rather than read from the environment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guide import DATA_DIR


@dataclass(frozen=True)
class DataFiles:
    root: Path = DATA_DIR

    def at(self, default: Path) -> Path:
        """This folder's file of the name a loader reads by default (`UI_YML` -> root/ui.yml)."""
        return self.root / default.name
