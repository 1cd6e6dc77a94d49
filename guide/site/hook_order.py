"""The priorities of the hooks in hooks/: every @event_priority there names one of these."""

from __future__ import annotations

# MkDocs runs higher numbers first; hooks without a priority run at 0 with the search plugin.
# static-i18n runs at 50 (page markdown and context) and at -100 (config, files, nav, post_page,
# post_build, whose last run builds the other languages). So: data and Markdown checks FIRST;
# the stock page marked BEFORE_SEARCH indexes it; the language links rewritten after
# static-i18n's (AFTER_I18N_LINKS); escaping and our search index LATE, after every hook that
# adds content but before static-i18n's -100, then the offline files, which list the search
# index (AFTER_SEARCH_INDEX); the CSP WITH_STATIC_I18N on the final HTML;
# generated files added AFTER_I18N_FILES are chosen, and read AFTER_GENERATED_FILES; Material's
# stylesheet pruned LAST, after static-i18n's last on_post_build (the whole site on disk).
FIRST = 100
BEFORE_SEARCH = 10
AFTER_I18N_LINKS = -50
LATE = -90
AFTER_SEARCH_INDEX = -95
WITH_STATIC_I18N = -100
AFTER_I18N_FILES = -110
AFTER_GENERATED_FILES = -120
LAST = -200
