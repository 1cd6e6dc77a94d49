"""Editions of the guide: one per year, deployed with mike to the `gh-pages` branch.

`deploy("2026")` does what `mike deploy --update-aliases 2026 latest` followed by
`mike set-default latest` do, through mike's Python API, so that the edition is built
exactly like `make build` (strict, same environment, into a temporary directory: `site/`
and the working tree are never touched) and everything an edition ships, its PDFs
included, lands in the same commit (mike's command line builds the site itself and cannot
add the PDFs). That API is not documented, so `deploy` first checks the installed mike
against the releases this module was checked with (MIKE_SUPPORTED) and the functions it
calls (MikeVersionError otherwise). Like mike, it works on the git repository of the
current directory.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from mike import commands, git_utils  # type: ignore[import-untyped]

from guide import MKDOCS_YML, ROOT
from guide.data.edition import EDITION, EDITION_VAR, alias_of, edition_name
from guide.data.languages import languages, mkdocs_config, site_language_prefix
from guide.site.build import mkdocs_build
from guide.site.csp import inline_scripts, insert, policy_insertion
from guide.site.render import words
from guide.site.versions import Release, installed_version, version_problem
from guide.tools.pdf import write_pdfs


class DeployError(RuntimeError):
    """git refused: the branch diverged from the remote's, a push failed, ..."""


class MikeVersionError(DeployError):
    """The installed mike is outside MIKE_SUPPORTED, or lacks what `deploy` calls."""


MIKE = "mike"
# The releases of mike whose Python API `deploy` was checked against: from 2.2, below 2.3.
MIKE_SUPPORTED: tuple[Release, Release] = ((2, 2), (2, 3))
MIKE_API = (
    (commands, "deploy"),
    (commands, "list_versions"),
    (commands, "set_default"),
    (git_utils, "update_from_upstream"),
    (git_utils, "push_branch"),
    (git_utils, "GitEmptyCommit"),
    (git_utils, "GitError"),
)


def check_mike(installed: str | None = None) -> None:
    """Raise MikeVersionError unless `installed` (default: the installed mike) is in
    MIKE_SUPPORTED and mike has every function `deploy` calls."""
    problem = version_problem(
        MIKE,
        installed or installed_version(MIKE),
        at_least=MIKE_SUPPORTED[0],
        below=MIKE_SUPPORTED[1],
        adapter="guide/tools/editions.py",
        needs=MIKE_API,
    )
    if problem is not None:
        raise MikeVersionError(problem)


def latest_alias(config_file: Path = MKDOCS_YML) -> str:
    """The alias `deploy` moves to the new edition: `extra.version.default` (`latest`)."""
    return alias_of(
        (mkdocs_config(config_file).get("extra") or {}).get("version"), source=config_file
    )


def build_edition(edition: str, site_dir: Path, *, pdf: bool = True) -> None:
    """The strict build of `edition` into `site_dir` (CalledProcessError if it fails).

    With `pdf`, the PDFs are then printed into the edition (guide/tools/pdf.py; PdfError or
    ChromiumMissing if they cannot be).
    """
    mkdocs_build(site_dir, extra_env={EDITION_VAR: edition_name(edition)})
    if pdf:
        write_pdfs(site_dir)


def takes_alias(edition: str, deployed: Iterable[str]) -> bool:
    """Whether deploying `edition` moves the latest alias to it: not when a newer edition is
    deployed (re-deploying a correction to an older edition must not send readers back)."""
    return all(edition >= other for other in deployed if EDITION.fullmatch(other))


@dataclass(frozen=True)
class Deployed:
    edition: str
    alias: str | None  # the alias now on this edition; None when a newer edition keeps it
    changed: bool  # False: the branch already held exactly this edition
    pushed_to: str | None


def deploy(
    edition: str,
    *,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
    pdf: bool = True,
) -> Deployed:
    """Build `edition`, commit it to `branch` under its year and the latest alias (unless a
    newer edition is there), and send the branch's root to that alias; push only with `push`.

    Raises EditionError (bad name), CalledProcessError (the build failed: nothing was
    committed) or DeployError (git refused; MikeVersionError: an unsupported mike).
    """
    edition = edition_name(edition)
    check_mike()
    alias = latest_alias()
    changed = True
    try:
        if push:
            fetch_branch(remote, branch)
        # As `mike deploy` does: take newer commits of the remote branch, refuse a diverged one.
        git_utils.update_from_upstream(remote, branch)
        deployed = [str(info.version) for info in commands.list_versions(branch)]
        aliases = [alias] if takes_alias(edition, deployed) else []
        with tempfile.TemporaryDirectory(prefix="guide-edition-") as tmp:
            site_dir = Path(tmp, "site")
            cfg = {"site_dir": str(site_dir), "use_directory_urls": True}
            try:
                with commands.deploy(
                    cfg, edition, aliases=aliases, update_aliases=True, branch=branch
                ):
                    build_edition(edition, site_dir, pdf=pdf)
            except git_utils.GitEmptyCommit:
                changed = False
        with contextlib.suppress(git_utils.GitEmptyCommit):  # the root already sends readers there
            commands.set_default(alias, branch=branch)
        write_root_not_found(alias, branch=branch)
        if push:
            git_utils.push_branch(remote, branch)
    except git_utils.GitError as error:
        raise DeployError(" ".join(str(part).strip() for part in error.args)) from error
    return Deployed(edition, alias if aliases else None, changed, remote if push else None)


def fetch_branch(remote: str, branch: str) -> None:
    """Fetch `branch` from `remote` before a deploy that pushes, so that it builds on what is
    published even in a clone that never fetched it (CI checks out one branch)."""
    ref = f"refs/heads/{branch}"
    for command in (
        ["git", "ls-remote", "--exit-code", remote, ref],
        ["git", "fetch", "--quiet", remote, f"+{ref}:refs/remotes/{remote}/{branch}"],
    ):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 2 and command[1] == "ls-remote":
            return  # the first deploy: the remote has no such branch yet
        if done.returncode != 0:
            raise DeployError(f"cannot fetch {branch} from {remote}: {done.stderr.strip()}")


ROOT_404 = "404.html"


def root_not_found_page(*, alias: str, names: Iterable[str], site_path: str) -> str:
    """The root 404.html of the published branch (partials/guide/root-404.html): the host
    serves it for every missing address; it sends the reader to `alias`'s start page in the
    language of the address, else the browser's. `names`: the editions and aliases on the
    branch; `site_path`: the site's folder on its host ('/przewodnik/'), for links without
    JavaScript and addresses that name no edition or language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "overrides"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    guide_languages = languages()
    default = guide_languages[0].code
    data = {
        "alias": alias,
        "editions": sorted(names),
        "languages": [language.code for language in guide_languages],
        "default": default,
        "root": site_path,
    }
    entries = [
        {
            **words(language.code),
            "href": f"{site_path}{alias}/{site_language_prefix(language.code)}",
        }
        for language in guide_languages
    ]
    html = env.get_template("partials/guide/root-404.html").render(
        default=default,
        site_name=guide_languages[0].site_name,
        # JSON in a data block: "<" escaped, so no "</script>" can end it.
        data=json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
        languages=entries,
    )
    return insert(
        html,
        policy_insertion(html, env=env, where=ROOT_404, known=frozenset(inline_scripts(html))),
    )


def write_root_not_found(alias: str, *, branch: str) -> None:
    """Commit the root 404.html to `branch` (nothing when it is already the same)."""
    versions = commands.list_versions(branch)
    names = {str(info.version) for info in versions} | {
        str(name) for info in versions for name in info.aliases
    }
    site_path = urlsplit(str(mkdocs_config().get("site_url") or "/")).path or "/"
    page = root_not_found_page(alias=alias, names=names, site_path=site_path.rstrip("/") + "/")
    with (
        contextlib.suppress(git_utils.GitEmptyCommit),
        git_utils.Commit(branch, f"Root {ROOT_404}: to {alias} in the reader's language") as commit,
    ):
        commit.add_file(git_utils.FileInfo(ROOT_404, page))
