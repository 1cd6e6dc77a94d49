"""Work done once per build, not once per language (static-i18n runs every hook event once per
language): counted in a build of a small fixture project in all languages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from guide import DATA_DIR, ROOT
from guide.data.checks import LOADERS
from guide.data.languages import language_codes
from tests.fixture_site import make_project

# Runs one `mkdocs build` in this process, counting every YAML data file parsed and every
# template compiled; prints the counts as JSON.
COUNTING_BUILD = """
import collections, json, sys
import jinja2.environment
from guide.data import yamlfile
parsed = collections.Counter()
load_yaml = yamlfile.load_yaml
def counting_load_yaml(path):
    parsed[str(path)] += 1
    return load_yaml(path)
yamlfile.load_yaml = counting_load_yaml  # before any module imports it by name
compiled = collections.Counter()
compile_template = jinja2.environment.Environment.compile
def counting_compile(self, source, name=None, *args, **kwargs):
    compiled[(name, self.autoescape)] += 1
    return compile_template(self, source, name, *args, **kwargs)
jinja2.environment.Environment.compile = counting_compile
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
print(json.dumps({
    "parsed": parsed,
    "compiled": {f"{name} {escaping}": count for (name, escaping), count in compiled.items()},
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
    data_files = {str(path) for path, _, _ in LOADERS}
    assert {str(path): counts["parsed"].get(str(path)) for path in data_files} == dict.fromkeys(
        data_files, 1
    )
    assert set(counts["parsed"]) == data_files, f"parsed outside LOADERS: {DATA_DIR}"
    # The theme's environments escape (hooks/escaping.py). Material's search plugin renders
    # partials/language.html in an environment of its own in each language's on_config.
    twice = {name: n for name, n in counts["compiled"].items() if n > 1}
    assert {name for name in twice if not name.startswith("partials/language")} == set()
    assert all(name.endswith(" False") for name in twice)
