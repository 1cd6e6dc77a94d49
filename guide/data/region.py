"""The region the guide covers (data/region.yml): the rules the other data files are checked
against, kept in data so that the same code serves another region (or a synthetic one in
`python -m guide bench --only scale`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from guide import DATA_DIR
from guide.data.yamlfile import DataError, first, load_model

REGION_YML = DATA_DIR / "region.yml"


class Region(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    name: Annotated[str, Field(min_length=1)]
    # The GUS TERC code every powiat's and gmina's TERYT code starts with ("" for any).
    teryt_prefix: Annotated[str, Field(pattern=r"^(\d{2})?$")]
    powiaty: Annotated[int, Field(ge=1)]  # how many powiats data/powiaty.yml holds, exactly
    gminas: Annotated[int, Field(ge=1)]  # how many gminas data/gminy.yml holds, exactly


def validate_region(path: Path = REGION_YML) -> tuple[Region | None, list[DataError]]:
    """Load and check region.yml: the region (None if invalid) and every problem."""
    _, region, problems = load_model(path, Region)
    return region, problems


def load_region(path: Path = REGION_YML) -> Region:
    """The validated region; raises the first DataError."""
    return first(validate_region(path))
