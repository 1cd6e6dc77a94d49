"""Editions deployed with mike (`python -m guide deploy`): 2025, then 2026, into a temporary
git repository with no remote; the gh-pages tree is then checked out and read, and served
to Chromium for the edition selector and the outdated notice."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from mike import commands as mike_commands  # type: ignore[import-untyped]
from mike.mkdocs_utils import docs_version_var  # type: ignore[import-untyped]
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect

from guide import ROOT
from guide.data.edition import EDITION_VAR, EditionError, alias_of, current_edition, edition_name
from guide.data.languages import mkdocs_config, source_pages
from guide.site.csp import inline_scripts, script_hash
from guide.site.render import words
from guide.tools import cli, editions
from guide.tools.chromium import ChromiumMissing
from guide.tools.cli import BUILD_FAILED, USAGE, main
from guide.tools.editions import latest_alias, takes_alias
from guide.tools.pdf import PdfError
from tests.browser import open_page, serve, wait_ready
from tests.pages import LANGUAGE_PAGES, LANGUAGES, url_of

OLD, NEW = "2025", "2026"
LATEST = latest_alias()
# Pages written by hand (the nav): Material's selector finds them in the other edition
# through its sitemap.xml. The generated powiat pages are not in static-i18n's sitemap.
SOURCE_LANGUAGE_PAGES = [(lang, page) for lang, page in LANGUAGE_PAGES if page in source_pages()]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editions test",
    "GIT_AUTHOR_EMAIL": "editions@example.invalid",
    "GIT_COMMITTER_NAME": "Editions test",
    "GIT_COMMITTER_EMAIL": "editions@example.invalid",
}


@dataclass(frozen=True)
class Deployment:
    repo: Path
    tree: Path  # the gh-pages branch, checked out (the alias is a symlink, as on the host)
    old_tree_before: str  # git tree id of 2025/ before 2026 was deployed
    old_tree_after: str


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout.strip()


def deploy(repo: Path, edition: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "guide", "deploy", edition, "--no-pdf"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    assert done.returncode == 0, f"deploy {edition}:\n{done.stdout}\n{done.stderr}"


def check_out(repo: Path, branch: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", branch],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    root = tmp_path_factory.mktemp("editions")
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "commit", "--quiet", "--allow-empty", "--message=sources")
    deploy(repo, OLD)
    before = git(repo, "rev-parse", f"gh-pages:{OLD}")
    deploy(repo, NEW)
    after = git(repo, "rev-parse", f"gh-pages:{OLD}")
    return Deployment(repo, check_out(repo, "gh-pages", root / "gh-pages"), before, after)


def page_file(tree: Path, path: str) -> Path:
    """The file a site path is served from (`2026/uk/work/` -> .../index.html)."""
    return tree / path / "index.html" if path.endswith("/") or not path else tree / path


def resolve(page: str, href: str) -> str:
    """`href` found on the page at site path `page`, as a site path (no query, no fragment)."""
    return urlsplit(urljoin("https://site.invalid/" + page, href)).path.removeprefix("/")


def parse(tree: Path, path: str, *, part: str | None = None) -> BeautifulSoup:
    """The page at site path `path`, or only its first element that starts with `<{part}`
    (parsing whole pages for their header, three hundred times over, costs seconds)."""
    html = page_file(tree, path).read_text(encoding="utf-8")
    if part is not None:
        end = f"</{part.split()[0]}>"
        start = html.index(f"<{part}")
        html = html[start : html.index(end, start) + len(end)]
    return BeautifulSoup(html, "html.parser")


def sitemap_paths(tree: Path, edition: str) -> set[str]:
    """The paths of the pages an edition's sitemap.xml lists."""
    root = ElementTree.parse(tree / edition / "sitemap.xml").getroot()
    return {urlsplit(loc.text or "").path for loc in root.iter(f"{SITEMAP_NS}loc")}


# --- Without a build ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2025", "2026", "2099"])
def test_a_year_names_an_edition(name: str) -> None:
    assert edition_name(name) == name
    assert current_edition({EDITION_VAR: name}) == name


@pytest.mark.parametrize("name", ["26", "1999", "latest", "v2026", "2026.1", "2026 ", ""])
def test_anything_else_is_refused(name: str) -> None:
    with pytest.raises(EditionError, match="editions are named by their year"):
        edition_name(name)
    with pytest.raises(EditionError):
        current_edition({EDITION_VAR: name})


def test_the_edition_variable_is_mikes() -> None:
    # guide/data imports no mike (which imports MkDocs): the name is written there, checked here.
    assert docs_version_var == EDITION_VAR


def test_a_plain_build_has_no_edition() -> None:
    assert current_edition({}) is None


def test_the_cli_refuses_a_wrong_edition_before_building(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["deploy", "26"]) == USAGE
    assert "editions are named by their year" in capsys.readouterr().out


@pytest.mark.parametrize("pdf", [True, False], ids=["with-pdfs", "no-pdf"])
def test_an_edition_prints_its_pdfs_after_its_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pdf: bool
) -> None:
    steps: list[tuple[str, Path, dict[str, str]]] = []

    def build(site_dir: Path, *, extra_env: dict[str, str]) -> None:
        steps.append(("build", site_dir, extra_env))

    def print_pdfs(site_dir: Path) -> list[Path]:
        steps.append(("pdfs", site_dir, {}))
        return []

    monkeypatch.setattr(editions, "mkdocs_build", build)
    monkeypatch.setattr(editions, "write_pdfs", print_pdfs)
    editions.build_edition("2026", tmp_path, pdf=pdf)
    built = [("build", tmp_path, {EDITION_VAR: "2026"})]
    assert steps == ([*built, ("pdfs", tmp_path, {})] if pdf else built)


@pytest.mark.parametrize("error", [PdfError("pdf/uk: no page"), ChromiumMissing("no chromium")])
def test_a_failed_pdf_step_deploys_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: Exception
) -> None:
    def deploy(edition: str, **_: object) -> None:
        raise error

    monkeypatch.setattr(cli, "deploy", deploy)
    assert main(["deploy", "2026"]) == BUILD_FAILED
    assert capsys.readouterr().out == (
        f"PDFs of edition 2026 failed: {error}: nothing was deployed\n"
    )


@pytest.mark.parametrize(
    ("edition", "deployed", "moves"),
    [
        ("2026", [], True),
        ("2026", ["2025"], True),
        ("2026", ["2026", "2025"], True),
        ("2025", ["2026", "2025"], False),
    ],
)
def test_only_the_newest_edition_takes_the_alias(
    edition: str, deployed: list[str], moves: bool
) -> None:
    assert takes_alias(edition, deployed) is moves


def test_the_alias_comes_from_mkdocs_yml() -> None:
    assert LATEST == "latest"
    with pytest.raises(EditionError, match="provider must be 'mike'"):
        alias_of({"default": "latest"}, source="mkdocs.yml")
    with pytest.raises(EditionError, match="must be one alias"):
        alias_of({"provider": "mike", "default": ["latest", "stable"]}, source="mkdocs.yml")


def test_the_installed_mike_is_supported_and_the_one_locked() -> None:
    editions.check_mike()
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    assert f"mike=={importlib.metadata.version('mike')}" in lock.splitlines()


@pytest.mark.parametrize("version", ["2.1.3", "3.0.0"])
def test_an_unsupported_mike_stops_the_deploy_before_git(
    version: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(editions, "installed_version", lambda name: version)
    assert main(["deploy", "2026", "--no-pdf"]) == 1
    assert capsys.readouterr().out == (
        f"deploy of edition 2026 failed: mike {version} is installed, but guide/tools/editions.py "
        "is checked against 2.2 or later, below 2.3: install the version in requirements.lock, or "
        "check guide/tools/editions.py and its tests against the new version and widen its range\n"
    )


def test_a_mike_without_the_functions_deploy_calls_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(mike_commands, "list_versions")
    with pytest.raises(editions.MikeVersionError) as raised:
        editions.check_mike("2.2.0")
    assert str(raised.value) == (
        "mike 2.2.0 has no mike.commands.list_versions, which guide/tools/editions.py uses: "
        "install the version in requirements.lock"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_plain_build_has_no_edition_selector(site: Path, lang: str) -> None:
    """`make build`/`make serve` sit outside any edition: no request for a versions.json."""
    soup = BeautifulSoup(
        (site / url_of(lang, "index.md") / "index.html").read_text("utf-8"), "html.parser"
    )
    config = soup.select_one("#__config")
    assert config is not None
    assert json.loads(config.get_text())["version"] is None
    assert soup.select("[data-md-component=outdated]") == []


# --- The deployed branch --------------------------------------------------------------------


def test_versions_json_lists_both_with_latest_on_the_newest(deployment: Deployment) -> None:
    versions = json.loads((deployment.tree / "versions.json").read_text())
    assert versions == [
        {"version": NEW, "title": NEW, "aliases": [LATEST]},
        {"version": OLD, "title": OLD, "aliases": []},
    ]
    assert os.readlink(deployment.tree / LATEST) == NEW


def test_the_root_redirects_to_latest(deployment: Deployment) -> None:
    soup = parse(deployment.tree, "")
    link = soup.select_one("body a[href]")
    refresh = soup.select_one('meta[http-equiv="refresh"]')
    assert link is not None
    assert link["href"] == f"{LATEST}/"
    assert refresh is not None
    assert str(refresh["content"]).endswith(f"url={LATEST}/")
    assert page_file(deployment.tree, f"{LATEST}/").is_file()


def test_the_old_edition_is_byte_identical_after_the_new_one(deployment: Deployment) -> None:
    assert deployment.old_tree_after == deployment.old_tree_before


def test_deploying_leaves_the_working_tree_clean(deployment: Deployment) -> None:
    assert git(deployment.repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(deployment.repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"


@pytest.mark.parametrize("edition", [OLD, NEW])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_exists_in_each_edition(
    deployment: Deployment, edition: str, lang: str
) -> None:
    path = f"{edition}/{url_of(lang, 'work.md')}"
    soup = parse(deployment.tree, path)
    html, canonical = soup.find("html"), soup.select_one('link[rel="canonical"]')
    assert html is not None
    assert html.get("lang") == lang
    assert canonical is not None
    assert str(canonical["href"]).endswith(f"/{path}")  # inside the edition, not an alias


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_old_pages_carry_the_notice(deployment: Deployment, lang: str, page: str) -> None:
    path = f"{OLD}/{url_of(lang, page)}"
    notice = parse(deployment.tree, path, part='aside class="md-banner').select_one(
        ".guide-outdated"
    )
    assert notice is not None
    link = notice.select_one("a[href]")
    assert link is not None
    t = words(lang)["t"]
    assert notice.get_text(" ", strip=True) == (
        f"{t['outdated_notice'].format(edition=OLD)} {t['outdated_link']}"
    )
    target = resolve(path, str(link["href"]))
    assert target == f"{LATEST}/{url_of(lang, page)}"
    assert page_file(deployment.tree, target).is_file()


@pytest.mark.parametrize(("lang", "page"), LANGUAGE_PAGES)
def test_language_links_stay_in_the_edition(deployment: Deployment, lang: str, page: str) -> None:
    path = f"{NEW}/{url_of(lang, page)}"
    links = parse(deployment.tree, path, part="header").select("a.md-select__link[hreflang]")
    targets = {str(link["hreflang"]): resolve(path, str(link["href"])) for link in links}
    assert targets == {code: f"{NEW}/{url_of(code, page)}" for code in LANGUAGES}
    assert all(page_file(deployment.tree, target).is_file() for target in targets.values())


@pytest.mark.parametrize(("lang", "page"), SOURCE_LANGUAGE_PAGES)
def test_edition_links_lead_to_the_same_page(deployment: Deployment, lang: str, page: str) -> None:
    """What Material's selector does: `../VERSION/` from the `base` of __config, then the
    same page, if that edition's sitemap.xml lists it (else that edition's home)."""
    path = f"{NEW}/{url_of(lang, page)}"
    config = parse(deployment.tree, path, part='script id="__config"').script
    assert config is not None
    settings = json.loads(config.string or "")
    assert settings["version"] == {"provider": "mike", "default": LATEST}
    base = resolve(path, settings["base"] + "/")
    assert base == f"{NEW}/"
    assert resolve(base, "../versions.json") == "versions.json"
    versions = json.loads((deployment.tree / "versions.json").read_text())
    for version in (entry["version"] for entry in versions):
        root = resolve(base, f"../{version}/")
        assert root == f"{version}/"
        listed = sitemap_paths(deployment.tree, version)
        home = min(listed, key=len)  # Material maps pages by their path below the home page
        assert all(listed_path.startswith(home) for listed_path in listed)
        assert home + url_of(lang, page) in listed, f"{version}: {page} not in sitemap.xml"
        assert page_file(deployment.tree, root + url_of(lang, page)).is_file()


# --- In Chromium ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions_url(deployment: Deployment) -> Iterator[str]:
    with serve(deployment.tree) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_selector_and_notice_in_the_browser(phone: Page, editions_url: str, lang: str) -> None:
    errors: list[str] = []

    def record(response: Response) -> None:
        if response.status >= 400:
            errors.append(f"{response.status} {response.url}")

    phone.on("response", record)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":  # CSP violations included
            errors.append(f"console: {message.text}")

    phone.on("console", console)
    phone.on("pageerror", lambda error: errors.append(f"script: {error}"))
    here = url_of(lang, "work.md")
    open_page(phone, f"{editions_url}{NEW}/{here}")
    # The newest edition: Material's bundle, which draws the selector, waits for the reader's
    # first touch (boot.js); on an old edition it loads at once, for the notice.
    phone.locator("h1").first.click()
    selector = phone.locator(".md-version")
    expect(selector.locator(".md-version__current")).to_have_text(NEW)
    expect(selector.locator(".md-version__link")).to_have_text([NEW, OLD])
    expect(phone.locator("[data-md-component=outdated]")).to_be_hidden()

    selector.locator(".md-version__current").focus()
    selector.locator(".md-version__link", has_text=OLD).click()
    phone.wait_for_url(f"{editions_url}{OLD}/{here}")
    notice = phone.locator("[data-md-component=outdated]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(OLD)
    expect(phone.locator(".md-version__current")).to_have_text(OLD)

    notice.get_by_role("link").click()
    phone.wait_for_url(f"{editions_url}{LATEST}/{here}")
    wait_ready(phone)  # boot.js sees the touch
    phone.locator("h1").first.click()
    expect(phone.locator(".md-version__current")).to_have_text(NEW)
    expect(phone.locator("[data-md-component=outdated]")).to_be_hidden()
    assert errors == []


@pytest.mark.parametrize(("lang", "page"), [("uk", "work.md"), ("en", "powiaty/gdansk.md")])
def test_feedback_links_name_the_edition(deployment: Deployment, lang: str, page: str) -> None:
    """The report links (tests/test_feedback.py) carry the edition and the edition's address."""
    path = f"{OLD}/{url_of(lang, page)}"
    soup = parse(deployment.tree, path, part='article class="md-content__inner')
    links = soup.select('a[data-feedback="report"], a[data-feedback="office"]')
    assert links
    for link in links:
        fields = {k: v[0] for k, v in parse_qs(urlsplit(str(link["href"])).query).items()}
        assert fields["edition"] == OLD
        assert urlsplit(fields["page"]).path.endswith(f"/{OLD}/{url_of(lang, page)}")


# --- The root 404.html of the published branch -------------------------------------------

DEFAULT_LANGUAGE = LANGUAGES[0]
OTHER_LANGUAGE = LANGUAGES[1]
# (address asked for, the browser's language, where the reader lands)
NOT_FOUND = [
    *(
        (f"{OLD}/{url_of(lang, 'index.md')}missing/", "de-DE", url_of(lang, "index.md"))
        for lang in LANGUAGES
    ),
    *(
        (f"{LATEST}/{url_of(lang, 'work.md')}gone.html", "de-DE", url_of(lang, "index.md"))
        for lang in LANGUAGES
    ),
    (f"{OTHER_LANGUAGE}/work/", "de-DE", url_of(OTHER_LANGUAGE, "index.md")),
    *((f"nothing-here/{lang}x/", f"{lang}-XX", url_of(lang, "index.md")) for lang in LANGUAGES),
    ("nothing-here/", "de-DE", url_of(DEFAULT_LANGUAGE, "index.md")),
    (f"{NEW}/missing/", f"{OTHER_LANGUAGE}-XX", url_of(DEFAULT_LANGUAGE, "index.md")),
]


def test_the_root_404_runs_only_its_own_hashed_script(deployment: Deployment) -> None:
    html = (deployment.tree / "404.html").read_text(encoding="utf-8")
    scripts = inline_scripts(html)
    assert len(scripts) == 1
    policy = BeautifulSoup(html, "html.parser").select_one(
        'meta[http-equiv="Content-Security-Policy"]'
    )
    assert policy is not None
    script_src = next(
        part.split()[1:]
        for part in str(policy["content"]).split(";")
        if part.split()[0] == "script-src"
    )
    assert script_src == ["'self'", script_hash(scripts[0])]
    assert "unsafe-inline" not in str(policy["content"])


def test_the_root_404_links_every_language_without_javascript(deployment: Deployment) -> None:
    soup = BeautifulSoup((deployment.tree / "404.html").read_text(encoding="utf-8"), "html.parser")
    links = {str(a["hreflang"]): str(a["href"]) for a in soup.select("p[lang] a[hreflang]")}
    site_path = urlsplit(str(mkdocs_config()["site_url"])).path
    assert links == {lang: f"{site_path}{LATEST}/{url_of(lang, 'index.md')}" for lang in LANGUAGES}
    for lang in LANGUAGES:
        paragraph = soup.select_one(f'p[lang="{lang}"]')
        assert paragraph is not None
        assert words(lang)["t"]["not_found"] in paragraph.get_text()


@pytest.fixture(scope="module")
def host_url(deployment: Deployment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The branch as the host publishes it: in the site's folder (`/przewodnik/`), whose
    404.html answers every missing address below it."""
    host = tmp_path_factory.mktemp("host")
    folder = urlsplit(str(mkdocs_config()["site_url"])).path.strip("/")
    (host / folder).parent.mkdir(parents=True, exist_ok=True)
    (host / folder).symlink_to(deployment.tree)
    (host / "404.html").symlink_to(deployment.tree / "404.html")
    with serve(host) as url:
        yield f"{url}{folder}/"


@pytest.mark.browser
@pytest.mark.parametrize(("asked", "locale", "lands"), NOT_FOUND)
def test_a_missing_address_lands_on_the_latest_start_page(
    browser: Browser, host_url: str, asked: str, locale: str, lands: str
) -> None:
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        open_page(page, host_url + asked)
        page.wait_for_url(f"{host_url}{LATEST}/{lands}")
        assert page.locator("html").get_attribute("lang") == (
            lands.split("/")[0] if lands else DEFAULT_LANGUAGE
        )
    finally:
        context.close()
