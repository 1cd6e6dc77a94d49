"""The contributors' workflow: CI on pull requests, deploys on tags, the translators'
pull-request template and pre-commit, each naming commands that really exist."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import ROOT
from guide.data.languages import language_codes, languages
from guide.tools.cli import parser

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def commands(data: dict[Any, Any]) -> list[str]:
    return [step["run"] for job in data["jobs"].values() for step in job["steps"] if "run" in step]


def cli_commands() -> set[str]:
    action = next(a for a in parser()._actions if a.dest == "command")
    return set(action.choices or ())


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))


def test_pull_requests_run_make_test_through_ci_run() -> None:
    data = workflow("test.yml")
    assert "pull_request" in data["on"]
    assert "bash .ci/run" in commands(data)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_tags_test_then_deploy_the_edition() -> None:
    data = workflow("deploy.yml")
    assert set(data["on"]) == {"push"}
    assert data["on"]["push"]["tags"] == ["20[0-9][0-9]", "20[0-9][0-9].*"]
    assert data["permissions"] == {}  # per job: tests/test_workflows.py
    runs = commands(data)
    assert runs[0] == "bash .ci/run"
    assert 'make deploy EDITION="${TAG%%.*}"' in runs[1]
    assert "deploy" in make_targets()


def test_edition_from_tag() -> None:
    """The shell expansion the deploy workflow uses: `2026.2` deploys edition 2026."""
    for tag, edition in (("2026", "2026"), ("2026.2", "2026")):
        out = subprocess.run(
            ["bash", "-c", 'TAG="$1"; echo "${TAG%%.*}"', "-", tag],
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == edition


@pytest.mark.parametrize(
    "path",
    [
        ".github/pull_request_template.md",
        "CONTRIBUTING.md",
        "README.md",
        "MAINTAINING.md",
        "ARCHITECTURE.md",
    ],
)
def test_documented_commands_exist(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    named = set(re.findall(r"python -m guide ([a-z][a-z0-9-]*)", text))
    assert named <= cli_commands(), f"{path} names unknown commands"
    targets = set(re.findall(r"`make ([a-z][a-z-]*)", text))
    assert targets <= make_targets(), f"{path} names unknown make targets"


def test_pull_request_template_guides_translators() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needed in ("make serve LANG=", "i18n-status", "i18n-mark-synced", "Polish official name"):
        assert needed in text


def test_contributing_has_a_section_per_language() -> None:
    """`python -m guide new-lang` adds one; the sections' headings are the languages' names."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    names = [language.name for language in languages()]
    assert [name for name in names if f"\n## {name}\n" not in text] == []


TEMPLATES = [
    ROOT / ".github" / "pull_request_template.md",
    *sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")),
]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_templates_list_no_languages(path: Path) -> None:
    """The issue and pull request templates hold for any language: none lists the codes."""
    codes = "|".join(language_codes())
    listed = re.findall(rf"\b(?:{codes})(?:, (?:{codes}))+\b", path.read_text(encoding="utf-8"))
    assert listed == []


def test_pre_commit_runs_ruff_content_rule_and_data_check() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks == {
        "ruff-check": ".venv/bin/ruff check",
        "ruff-format": ".venv/bin/ruff format --check",
        "check-data": ".venv/bin/python -m guide check-data",
        "check-content": ".venv/bin/python -m guide check-content",
    }
