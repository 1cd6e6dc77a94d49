"""The way back from a page: "Report a mistake" and "Edit this page" links to GitHub.

Everything derives from one setting, `repo_url` in mkdocs.yml. Both links are plain
links (no script, nothing loaded from GitHub): the report link opens a prefilled issue
form of .github/ISSUE_TEMPLATE/ whose field ids are the query parameters below; the edit
link opens the page's own Markdown file, in its own language, in GitHub's web editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlencode, urlsplit

from guide import DOCS_DIR
from guide.data.languages import default_language, mkdocs_config

BRANCH = "main"
POWIATY_YML = "data/powiaty.yml"

# The issue forms and the ids of the fields a link fills in (one place for both).
CONTENT_FORM = "content-mistake.yml"
OFFICE_FORM = "office-correction.yml"
TRANSLATION_FORM = "translation-problem.yml"
PAGE_FIELDS = ("page", "lang", "edition")
OFFICE_FIELDS = (*PAGE_FIELDS, "powiat", "office")


@dataclass(frozen=True)
class ReportTo:
    """Where a page's report and edit links go: the repository (repository()) and the edition
    its reports name (its year, or "dev")."""

    repo: str
    edition: str


def repository(repo_url: str | None = None, /) -> str:
    """https://github.com/<owner>/<repo>, from mkdocs.yml `repo_url` (or `repo_url` as a build
    read it: the links of every page take the build's ReportTo, guide/site/build_state.py)."""
    url: str = mkdocs_config()["repo_url"] if repo_url is None else repo_url
    return url.rstrip("/")


def _issue_url(form: str, title: str, fields: dict[str, str], *, repo: str) -> str:
    query = urlencode({"template": form, "title": title, **fields})
    return f"{repo}/issues/new?{query}"


def page_report_url(*, page: str, lang: str, to: ReportTo) -> str:
    """A content mistake on the page at address `page` (absolute, inside its edition)."""
    fields = {"page": page, "lang": lang, "edition": to.edition}
    return _issue_url(CONTENT_FORM, f"[{lang}] {urlsplit(page).path}", fields, repo=to.repo)


def translation_report_url(*, page: str, lang: str, to: ReportTo) -> str:
    """A sentence of the translated page at address `page` that reads wrong in `lang`."""
    fields = {"page": page, "lang": lang, "edition": to.edition}
    return _issue_url(TRANSLATION_FORM, f"[{lang}] {urlsplit(page).path}", fields, repo=to.repo)


def office_report_url(*, page: str, lang: str, to: ReportTo, office: str, powiat: str = "") -> str:
    """A correction of the `office` box (type key) of `powiat` (slug; empty for a regional
    office, or a box whose powiat the reader has not chosen yet: offices.js fills it in)."""
    fields = {"page": page, "lang": lang, "edition": to.edition, "powiat": powiat, "office": office}
    return _issue_url(OFFICE_FORM, f"[{lang}] {powiat or '-'} / {office}", fields, repo=to.repo)


def in_translation(*, lang: str, src: str, generated: bool) -> bool:
    """Whether the page `src` in `lang` is a translation (its file exists in that language, or
    it is generated in it): a page shown in Polish in its place has no translation to report."""
    return lang != default_language() and (generated or (DOCS_DIR / lang / src).is_file())


def edit_url(*, lang: str, src: str, generated: bool, repo: str) -> str:
    """The page's own file in GitHub's editor: docs/<lang>/<src>. A generated powiat page is
    made from the office directory, so its link opens data/powiaty.yml. A page not translated
    yet (shown in Polish) opens a new file in its language's folder, to translate it."""
    if generated:
        return f"{repo}/edit/{BRANCH}/{POWIATY_YML}"
    path = PurePosixPath("docs", lang, src)
    if (DOCS_DIR / lang / src).is_file():
        return f"{repo}/edit/{BRANCH}/{path}"
    query = urlencode({"filename": path.name})
    return f"{repo}/new/{BRANCH}/{path.parent}?{query}"
