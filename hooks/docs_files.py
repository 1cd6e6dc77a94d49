"""docs/ publishes pages and pictures only: the build fails on any other file, a symbolic
link, or a path the guide's theme or hooks publish (sw.js, assets/..., 404.html, ...).

Rules and messages in guide/content/docs_files.py, which `python -m guide check-content` also runs.
Checked on MkDocs' own file list once static-i18n has placed this language's files, so the
destination checked is the one the site gets (docs/pl/sw.js is published as sw.js).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from guide.content.docs_files import docs_tree_problems, site_file_problem
from guide.site import hook_order
from guide.site.theme_files import theme_published_files


@event_priority(hook_order.AFTER_I18N_FILES)  # after static-i18n chose each file's destination
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    theme_files = theme_published_files(config)
    problems = {problem.path: problem for problem in docs_tree_problems(docs_dir)}
    for file in files:
        if file.abs_src_path is None or not _inside(Path(file.abs_src_path), docs_dir):
            continue  # the theme's and the hooks' own files
        problem = site_file_problem(
            file.src_uri,
            Path(file.abs_src_path),
            docs_dir=docs_dir,
            dest=file.dest_uri,
            theme_files=theme_files,
        )
        if problem is not None:
            problems.setdefault(problem.path, problem)
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems.values()))
    return files


def _inside(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder)
