"""Editions: Material's edition selector and outdated-edition notice, in mike builds only.

`python -m guide deploy` (and `mike deploy`) build an edition with its year in
MIKE_DOCS_VERSION: the notice (overrides/partials/guide/outdated.html) names it as
`config.extra.edition`. A plain build (`make build`, `make serve`) is not inside an edition
folder, where the selector would request a `../versions.json` that does not exist: there
`extra.version` is dropped, so Material renders neither the selector nor the notice.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from guide.data.edition import alias_of, current_edition


def on_config(config: MkDocsConfig, /) -> MkDocsConfig:
    edition = current_edition()  # a wrong name fails the build here
    if edition is None:
        config.extra.pop("version", None)
    else:
        # The notice links to the same page in this alias: mkdocs.yml must name one.
        alias_of(config.extra.get("version"), source=config.config_file_path)
        config.extra["edition"] = edition
    return config
