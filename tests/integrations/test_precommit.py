"""The pre-commit hooks (.pre-commit-hooks.yaml), run by pre-commit in a real git repository.

The hooks are declared ``language: python`` (pre-commit installs clausekit into its own
environment). Installing needs the network, so the test runs the same hooks through a
``repo: local`` configuration with ``language: system`` and the working tree's clausekit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HOOKS_FILE = ROOT / ".pre-commit-hooks.yaml"

yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit (pip install pre-commit)")

GOOD = """\
draft sample "Sample" {
  proposer: US
  status: draft
}

parties {
  US "the United States of America"
}

clause one 1 {
  @US will consult.
}
"""

NOT_CANONICAL = GOOD.replace("  @US will consult.", "      @US will consult.")
BROKEN = GOOD.replace("clause one 1 {", 'clause one 1 "unclosed {')


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS_FILE.read_text(encoding="utf-8"))}


def test_hooks_file_offers_check_and_fmt() -> None:
    found = hooks()
    assert set(found) == {"clausekit-check", "clausekit-fmt"}
    assert found["clausekit-check"]["entry"] == "clausekit check"
    assert found["clausekit-fmt"]["entry"] == "clausekit fmt --check"
    for hook in found.values():
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert pattern.search("drafts/e3.clause") and not pattern.search("notes.clause.txt")


needs_tools = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None,
    reason="git and pre-commit are needed (pip install pre-commit)",
)


@pytest.fixture()
def drafts_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository whose .pre-commit-config.yaml runs our hooks on this checkout's clausekit."""
    work = tmp_path / "drafts"
    work.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
    }
    local = []
    for hook in hooks().values():
        # "clausekit check" -> "<this python> -m clausekit check", so the test runs this checkout.
        entry = hook["entry"].replace("clausekit", f"{sys.executable} -m clausekit", 1)
        local.append({**hook, "entry": entry, "language": "system"})
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for command in (
        ["git", "init", "-q"],
        ["git", "config", "user.email", "t@example.org"],
        ["git", "config", "user.name", "T"],
    ):
        subprocess.run(command, cwd=work, env=env, check=True)
    return work, env


def pre_commit(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=work, env=env, check=True)
    return subprocess.run(
        ["pre-commit", "run", "--all-files", "--color", "never"], cwd=work, env=env, capture_output=True, text=True
    )


@pytest.mark.clients
@needs_tools
def test_hooks_pass_on_a_clean_draft(drafts_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = drafts_repo
    (work / "sample.clause").write_text(GOOD, encoding="utf-8")
    (work / "notes.txt").write_text("not a draft {", encoding="utf-8")
    done = pre_commit(work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"clausekit check\.+Passed", done.stdout)
    assert re.search(r"clausekit fmt --check\.+Passed", done.stdout)


@pytest.mark.clients
@needs_tools
def test_fmt_hook_fails_on_a_draft_that_is_not_canonical(drafts_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = drafts_repo
    (work / "sample.clause").write_text(NOT_CANONICAL, encoding="utf-8")
    done = pre_commit(work, env)
    assert done.returncode == 1
    assert re.search(r"clausekit check\.+Passed", done.stdout)
    assert re.search(r"clausekit fmt --check\.+Failed", done.stdout)
    assert "sample.clause: not in canonical form" in done.stdout


@pytest.mark.clients
@needs_tools
def test_check_hook_fails_on_a_draft_that_does_not_parse(drafts_repo: tuple[Path, dict[str, str]]) -> None:
    work, env = drafts_repo
    (work / "sample.clause").write_text(BROKEN, encoding="utf-8")
    done = pre_commit(work, env)
    assert done.returncode == 1
    assert re.search(r"clausekit check\.+Failed", done.stdout)
    assert re.search(r"sample\.clause:10:\d+: ", done.stdout)
    assert "Traceback" not in done.stdout
