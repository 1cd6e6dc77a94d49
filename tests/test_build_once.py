"""Work done once per build, not once per language (static-i18n runs every hook event once per
language): counted in a build of a small fixture project in all languages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.plugins import CombinedEvent

from guide import DATA_DIR, ROOT
from guide.data.checks import LOADERS
from guide.data.languages import complete_languages, default_language, language_codes
from guide.site.build import ENGINE, mkdocs_build
from guide.site.plugin import AFTER_I18N, BEFORE_I18N, GuidePlugin
from tests.fixture_site import failed_build, make_project

# Runs one `mkdocs build` in this process, counting every YAML data file parsed and every
# template compiled; prints the counts as JSON.
COUNTING_BUILD = """
import collections, json, sys
import jinja2.environment
from guide.data import yamlfile
parsed = collections.Counter()
parse_yaml = yamlfile.parse_yaml  # every YAML file's one parser (load_yaml, load_model)
def counting_parse_yaml(path):
    parsed[str(path)] += 1
    return parse_yaml(path)
yamlfile.parse_yaml = counting_parse_yaml  # before any module imports it by name
compiled = collections.Counter()
compile_template = jinja2.environment.Environment.compile
def counting_compile(self, source, name=None, *args, **kwargs):
    compiled[(name, self.autoescape)] += 1
    return compile_template(self, source, name, *args, **kwargs)
jinja2.environment.Environment.compile = counting_compile
import jinja2.loaders
listed = []  # each listing of the theme's folders (every file in them)
list_templates = jinja2.loaders.FileSystemLoader.list_templates
def counting_list_templates(self):
    listed.append(len(self.searchpath))
    return list_templates(self)
jinja2.loaders.FileSystemLoader.list_templates = counting_list_templates
from guide.site import feedback
read_repository = []  # the repository read from mkdocs.yml, not given the build's
repository = feedback.repository
def counting_repository(*args):
    if not args or args[0] is None:
        read_repository.append(1)
    return repository(*args)
feedback.repository = counting_repository  # before the plugin imports it by name
from mkdocs.structure import files as mkdocs_files
content_string = mkdocs_files.File.content_string
source_reads = collections.Counter()  # each page's file read for the guide's features
def counting_content_string(self):
    if sys._getframe(1).f_code.co_name == "page_source":
        source_reads[self.abs_src_path] += 1
    return content_string.fget(self)
mkdocs_files.File.content_string = property(counting_content_string, content_string.fset)
from guide.site import first_paint
site_pages = []  # what the steps after the build read of each page (SitePages)
init_site_pages = first_paint.SitePages.__init__
def recording_init(self, *args, **kwargs):
    init_site_pages(self, *args, **kwargs)
    site_pages.append(self)
first_paint.SitePages.__init__ = recording_init
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(json.dumps({
    "site_pages": [len(pages._names) for pages in site_pages],
    "source_reads": source_reads,
    "parsed_again": [str(page) for pages in site_pages for page in pages.parsed],
    "parsed": parsed,
    "compiled": {f"{name} {escaping}": count for (name, escaping), count in compiled.items()},
    "listed": listed,
    "repository_read": len(read_repository),
    "frozen": __import__("gc").get_freeze_count(),
}))
"""


def test_data_parsed_and_templates_compiled_once_per_build(tmp_path: Path) -> None:
    config = make_project(tmp_path, {}, powiat_pages=False)
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    done = subprocess.run(
        [sys.executable, "-c", COUNTING_BUILD, str(config), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    counts = json.loads(done.stdout.splitlines()[-1])
    assert len(language_codes()) > 1  # every hook event ran once per language
    data = config.parent / "data"  # the guide plugin's `data_dir` in the fixture project
    data_files = {str(data / path.name) for path, _, _ in LOADERS}
    assert {str(path): counts["parsed"].get(str(path)) for path in data_files} == dict.fromkeys(
        data_files, 1
    )
    assert set(counts["parsed"]) == data_files, f"parsed outside LOADERS: {data}"
    # The theme's environments escape (guide/site/escaping.py). Material's search plugin renders
    # partials/language.html in an environment of its own in each language's on_config.
    twice = {name: n for name, n in counts["compiled"].items() if n > 1}
    assert {name for name in twice if not name.startswith("partials/language")} == set()
    assert all(name.endswith(" False") for name in twice)
    # MkDocs lists the theme's folders for each language, and the guide for the files the
    # theme publishes: once per build (guide/site/theme_files.py, list_theme_once).
    assert len(counts["listed"]) == 1, counts["listed"]
    # Every page's report and edit links take the repository the build read once (Build).
    assert counts["repository_read"] == 0
    # What the build set aside from the collector is collected as usual once it has ended.
    assert counts["frozen"] == 0
    # The steps after the build take every page's names from the page's one parse when it was
    # finished: none is parsed again (guide/site/first_paint.py, page_key and SitePages).
    (pages,) = counts["site_pages"]
    assert pages == len(list((tmp_path / "site").rglob("*.html")))
    assert counts["parsed_again"] == []
    # Each page's file is read once for the checks and directives of every language showing it
    # (guide/site/features.py, page_source).
    assert counts["source_reads"] and set(counts["source_reads"].values()) == {1}


# Builds twice in this process, as `make serve` rebuilds, with an edit of a data file in between;
# prints what each build wrote into the page.
TWO_BUILDS = """
import json, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, data_file, old, new = sys.argv[1:]
page = pathlib.Path(site) / "index.html"
build(load_config(config_file, site_dir=site))
first = page.read_text(encoding="utf-8")
data = pathlib.Path(data_file)
data.write_text(data.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
build(load_config(config_file, site_dir=site))
second = page.read_text(encoding="utf-8")
print(json.dumps({"first": [old in first, new in first], "second": [new in second]}))
"""
OFFICE = "cwii"  # a regional office: its box shows its name in place
OLD_NAME = "Centrum Wsparcia Imigrantów i Imigrantek"
NEW_NAME = "Centrum Wsparcia Imigrantek i Imigrantów (edited)"


def test_each_build_reads_the_data_again(tmp_path: Path) -> None:
    """One object per build and no cache outliving it: the second build of one process shows
    the edited data file, as `make serve`'s rebuild does."""
    lang = language_codes()[-1]
    config = make_project(tmp_path, {f"{lang}/index.md": f"# {lang}\n\n[[office: {OFFICE}]]\n"})
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    env |= {"GUIDE_LANG": lang, "GUIDE_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    powiaty = data / "powiaty.yml"
    assert OLD_NAME in powiaty.read_text(encoding="utf-8")
    arguments = [str(config), str(tmp_path / "site"), str(powiaty), OLD_NAME, NEW_NAME]
    done = subprocess.run(
        [sys.executable, "-c", TWO_BUILDS, *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "first": [True, False],
        "second": [True],
    }


# Builds twice in this process with an edit of mkdocs.yml's `partial_languages` in between;
# prints which languages each build's translation-status.json calls partial, and the language
# API (guide.data.languages) after each build.
TWO_CONFIGS = """
import json, pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from guide.data.languages import languages
config_file, site, old, new = sys.argv[1:]
report = pathlib.Path(site) / "translation-status.json"
def partial():
    build(load_config(config_file, site_dir=site))
    status = json.loads(report.read_text(encoding="utf-8"))
    api = [lang.code for lang in languages(pathlib.Path(config_file)) if lang.partial]
    return [sorted(lang for lang, entry in status.items() if entry["partial"]), api]
first = partial()
config = pathlib.Path(config_file)
config.write_text(config.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
print(json.dumps({"first": first, "second": partial()}))
"""


def test_each_build_reads_mkdocs_yml_again(tmp_path: Path) -> None:
    """No cache of mkdocs.yml outlives a build: the second build of one process has the
    edited setting of the guide plugin, as `make serve`'s rebuild after an edit of mkdocs.yml."""
    lang = complete_languages()[-1]
    config = make_project(tmp_path, {}, powiat_pages=False, partial_languages=())
    old, new = "partial_languages: []", f"partial_languages: [{lang}]"
    assert config.read_text(encoding="utf-8").count(old) == 1
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_LANG"}
    done = subprocess.run(
        [sys.executable, "-c", TWO_CONFIGS, str(config), str(tmp_path / "site"), old, new],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env | {"GUIDE_LANG": default_language(), "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "first": [[], []],
        "second": [[lang], [lang]],
    }


def test_a_partial_language_must_be_a_language_of_the_site(tmp_path: Path) -> None:
    """The guide plugin's `partial_languages` names only static-i18n's translated languages:
    the build stops at once with the option and the configuration file named."""
    config = make_project(tmp_path, {}, powiat_pages=False, partial_languages=("xx",))
    with pytest.raises(subprocess.CalledProcessError) as failed:
        mkdocs_build(tmp_path / "site", config_file=config, capture=True)
    translated = ", ".join(code for code in language_codes() if code != default_language())
    assert (
        f"{config}: plugins.guide.partial_languages: 'xx' is not a translated language "
        f"({translated})" in failed.value.output
    )


def test_the_data_folder_must_exist(tmp_path: Path) -> None:
    """`data_dir` (here from GUIDE_DATA_DIR through mkdocs.yml's `!ENV`) is checked by MkDocs
    before the build starts, the option named."""
    config = make_project(tmp_path, {}, powiat_pages=False)
    missing = tmp_path / "no-data"
    output = failed_build(config, tmp_path / "site", data=missing)
    assert (
        f"Plugin 'guide' option 'data_dir': The path '{missing}' isn't an existing directory."
        in output
    )


def test_the_plugin_is_the_registered_entry_point() -> None:
    """mkdocs.yml's `guide` is pyproject.toml's entry point, as `make install` registers it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    target = project["entry-points"]["mkdocs.plugins"]["guide"]
    assert target == f"{GuidePlugin.__module__}:{GuidePlugin.__name__}"
    found = metadata.entry_points(group="mkdocs.plugins", name="guide")
    assert [point.load() for point in found] == [GuidePlugin]


# The engines installed here: this venv's, and ProperDocs' venv once `make install
# ENGINE=properdocs` has made it (`make engines-compare`, CI).
PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"
ENGINES = {ENGINE: Path(sys.executable)} | (
    {"properdocs": PROPERDOCS_PYTHON} if PROPERDOCS_PYTHON.is_file() else {}
)
# What the engine's own plugin lookup (the one that reads mkdocs.yml's `plugins`) finds for
# `guide`: the entry point's group and target, and the class it loads.
FIND_GUIDE = """
import importlib, sys
found = importlib.import_module(sys.argv[1] + ".plugins").get_plugins()["guide"]
loaded = found.load()
print(found.group, found.value, f"{loaded.__module__}:{loaded.__name__}")
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_each_installed_engine_finds_the_plugin(engine: str) -> None:
    """MkDocs and ProperDocs (which reads the `properdocs.plugins` and `mkdocs.plugins` groups)
    both load the `guide` of mkdocs.yml from the one entry point `make install` registers."""
    target = f"{GuidePlugin.__module__}:{GuidePlugin.__name__}"
    done = subprocess.run(
        [str(ENGINES[engine]), "-c", FIND_GUIDE, engine],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.split() == ["mkdocs.plugins", target, target]


def test_events_run_only_before_or_after_static_i18n() -> None:
    """Every event of the plugin runs at one of the two priorities (or MkDocs' default)."""
    allowed = {BEFORE_I18N, AFTER_I18N, None}
    events = [name for name in dir(GuidePlugin) if name.startswith("on_")]
    assert "on_config" in events and "on_post_build" in events
    for name in events:
        event = getattr(GuidePlugin, name)
        parts = event.methods if isinstance(event, CombinedEvent) else (event,)
        assert {getattr(part, "mkdocs_priority", None) for part in parts} <= allowed, name
