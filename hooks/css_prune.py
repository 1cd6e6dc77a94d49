"""Material's stylesheet cut to what the built site uses, and no source maps
(guide/site/css_prune.py); then each page's first-paint rules inline
(guide/site/first_paint.py), and the offline packs' sizes measured again on these final files
(hooks/offline.py wrote them per language).

Runs once, after static-i18n has built every language: the pruning reads every page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from guide.site import hook_order
from guide.site.css_prune import prune_site
from guide.site.first_paint import inline_site
from guide.site.offline import remeasure_packs
from guide.site.static_i18n import builds_more_languages


@event_priority(hook_order.LAST)
def on_post_build(*, config: MkDocsConfig) -> None:
    if builds_more_languages(config):
        return
    prune_site(Path(config.site_dir))
    inline_site(Path(config.site_dir), site_path=urlsplit(config.site_url or "/").path or "/")
    remeasure_packs(Path(config.site_dir))
