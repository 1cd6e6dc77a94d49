"""Least privilege in CI (.github/workflows, SECURITY.md): read from the workflow files
themselves. A job that runs the project's code (a checkout, make, python) can only read and
keeps no credentials; a job that may write runs none of it; every checkout drops its token."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# What runs the repository's own code, which a pull request can change.
PROJECT_CODE = ("make", ".ci/run", "python", ".venv/bin/")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def jobs(path: Path) -> list[tuple[str, dict[str, Any]]]:
    return list(load(path)["jobs"].items())


JOBS = [(path.name, name) for path in WORKFLOWS for name, _ in jobs(path)]


def job(workflow: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = load(ROOT / ".github" / "workflows" / workflow)["jobs"][name]
    return found


def permissions(workflow: str, name: str) -> dict[str, str]:
    """The job's permissions: its own, else the workflow's (a string form is refused)."""
    value = job(workflow, name).get(
        "permissions", load(ROOT / ".github" / "workflows" / workflow).get("permissions")
    )
    assert isinstance(value, dict), f"{workflow}: {name}: permissions must be listed, not {value}"
    return {str(key): str(level) for key, level in value.items()}


def runs_project_code(step: dict[str, Any]) -> bool:
    uses = str(step.get("uses", ""))
    script = str(step.get("run", ""))
    return uses.startswith("actions/checkout") or any(word in script for word in PROJECT_CODE)


def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"deploy.yml", "test.yml", "verify-sources.yml"}


@pytest.mark.parametrize("workflow", [path.name for path in WORKFLOWS])
def test_workflow_grants_nothing_to_write_by_default(workflow: str) -> None:
    top = load(ROOT / ".github" / "workflows" / workflow).get("permissions")
    assert isinstance(top, dict)
    assert [key for key, level in top.items() if level != "read"] == []


@pytest.mark.parametrize(("workflow", "name"), JOBS)
def test_every_checkout_drops_its_credentials(workflow: str, name: str) -> None:
    for step in job(workflow, name)["steps"]:
        if str(step.get("uses", "")).startswith("actions/checkout"):
            assert step.get("with", {}).get("persist-credentials") is False, step


@pytest.mark.parametrize(("workflow", "name"), JOBS)
def test_code_runs_read_only_and_writers_run_no_code(workflow: str, name: str) -> None:
    granted = permissions(workflow, name)
    writes = sorted(key for key, level in granted.items() if level != "read")
    code = [
        step.get("name", step.get("uses"))
        for step in job(workflow, name)["steps"]
        if runs_project_code(step)
    ]
    assert not (writes and code), f"{workflow}: {name} may write {writes} and runs {code}"


def test_deploy_builds_read_only_and_publishes_in_its_own_job() -> None:
    build, publish = job("deploy.yml", "build"), job("deploy.yml", "publish")
    assert permissions("deploy.yml", "build") == {"contents": "read"}
    assert permissions("deploy.yml", "publish") == {"contents": "write"}
    assert publish["needs"] == "build"
    uploaded = [s["with"]["name"] for s in build["steps"] if "upload-artifact" in s.get("uses", "")]
    downloaded = [
        s["with"]["name"] for s in publish["steps"] if "download-artifact" in s.get("uses", "")
    ]
    assert uploaded == downloaded == ["gh-pages"]
    assert any("make deploy" in str(step.get("run", "")) for step in build["steps"])
    assert not any(
        "--push" in str(s.get("run", "")) or "PUSH=1" in str(s.get("run", ""))
        for s in build["steps"]
    )


def test_verify_sources_puts_the_facts_ending_soon_into_its_one_issue() -> None:
    """The verify step lists the facts ending within 60 days and writes the issue body from
    both reports (the body itself: tests/test_facts.py); `report` posts that body."""
    steps = {
        step.get("id", step.get("name")): step
        for step in job("verify-sources.yml", "verify")["steps"]
    }
    commands = [
        shlex.split(line.split(">", 1)[0])
        for line in str(steps["verify"]["run"]).splitlines()
        if line.strip().startswith(".venv/bin/python")
    ]
    assert [".venv/bin/python", "-m", "guide", "facts", "--json", "--expiring"] in [
        command[:6] for command in commands
    ]
    assert [".venv/bin/python", "-m", "guide.tools.verify_sources", "verify-sources.json",
            "facts-expiring.json"] in commands  # fmt: skip
    assert "issue-body.md" in str(steps["keep the report"]["with"]["path"]).split()
    posted = str(next(s for s in job("verify-sources.yml", "report")["steps"] if "run" in s)["run"])
    assert "--body-file issue-body.md" in posted
