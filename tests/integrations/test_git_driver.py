"""git integration: `clausekit git-diff` as git's external diff driver, and `render` as textconv.

A real git repository in a temporary folder, with several commits of a draft; `git diff`
and `git log -p --ext-diff` must show the clause-level diff (docs/integrations.md).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clausekit.errors import UsageError
from clausekit.integrations.gitdiff import DEV_NULL, GitDiffCall, git_diff
from conftest import ROOT

CLAUSEKIT = f"{sys.executable} -m clausekit"  # this checkout, whether or not it is installed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (CI installs it)")

V1 = """\
draft plan "Peace plan" {
  proposer: US
  status: draft
}

parties {
  US "the United States of America"
  UA "Ukraine"
}

clause sovereignty 1 {
  @UA's sovereignty will be confirmed.
}

clause force-cap 2 {
  The armed forces of @UA will be limited to 600,000 personnel.
}

clause jets 3 {
  European fighter jets will be stationed in Poland.
}
"""

# The cap rises and gains a qualifier; a new point 3 is inserted, so the jets become point 4.
V2 = (
    V1.replace("600,000 personnel.", "800,000 personnel in peacetime.")
    .replace("clause jets 3 {", "clause jets 4 {")
    .replace(
        "clause jets 4 {",
        "clause elections 3 {\n  Elections will be held in 100 days.\n}\n\nclause jets 4 {",
    )
)
BROKEN = V2 + "this line is outside every block\n"


def git(work: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "external diff died" not in done.stderr
    return done.stdout


@pytest.fixture()
def history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository with five commits: add, modify, rename, break, delete."""
    work = tmp_path / "drafts"
    work.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "GIT_PAGER": "cat",
        "LANG": "C.UTF-8",
    }
    git(work, env, "init", "-q")
    git(work, env, "config", "user.name", "Test Drafter")
    git(work, env, "config", "user.email", "drafter@example.org")
    git(work, env, "config", "diff.clausekit.command", f"{CLAUSEKIT} git-diff")
    (work / ".gitattributes").write_text("*.clause diff=clausekit\n", encoding="utf-8")
    steps = [
        ("plan.clause", V1, "add the plan"),
        ("plan.clause", V2, "raise the cap, insert elections"),
        (None, None, "rename"),
        ("us-plan.clause", BROKEN, "break the draft"),
        (None, None, "delete"),
    ]
    for name, text, message in steps:
        if message == "rename":
            git(work, env, "mv", "plan.clause", "us-plan.clause")
        elif message == "delete":
            git(work, env, "rm", "-q", "us-plan.clause")
        else:
            (work / name).write_text(text, encoding="utf-8")
            git(work, env, "add", "-A")
        git(work, env, "commit", "-q", "-m", message)
    return work, env


@pytest.mark.clients
def test_git_diff_shows_the_clause_level_diff(history: tuple[Path, dict[str, str]]) -> None:
    work, env = history
    out = git(work, env, "diff", "HEAD~4", "HEAD~3")
    assert out.startswith("diff --clausekit a/plan.clause b/plan.clause\n")
    assert "limited to [-600,000-]{+800,000+} personnel{+ in peacetime+}." in out
    assert "quantity.changed" in out and "qualifier.added" in out
    assert "Clause 3 added" in out
    assert "renumbered" in out  # the jets: point 3 became point 4
    # The unchanged point is not repeated: a clause-level diff, not a line diff.
    assert "sovereignty will be confirmed" not in out


@pytest.mark.clients
def test_git_log_p_goes_through_the_driver(history: tuple[Path, dict[str, str]]) -> None:
    work, env = history
    out = git(work, env, "log", "-p", "--ext-diff", "--format=COMMIT %s")
    commits = {block.split("\n", 1)[0]: block for block in out.split("COMMIT ")[1:]}
    assert set(commits) == {
        "add the plan",
        "raise the cap, insert elections",
        "rename",
        "break the draft",
        "delete",
    }
    # A new file: the old side is /dev/null, an empty draft; every clause is added.
    added = commits["add the plan"]
    assert "diff --clausekit a/plan.clause b/plan.clause" in added and "new file mode 100644" in added
    assert "3 clauses: 3 added" in added
    assert "quantity.changed" in commits["raise the cap, insert elections"]
    renamed = commits["rename"]
    assert "rename from plan.clause" in renamed and "rename to us-plan.clause" in renamed
    assert "No differences" in renamed
    # A side that does not parse: a one-line warning that says why, then a line diff.
    broken = commits["break the draft"]
    warning = r"^clausekit: b/us-plan\.clause:\d+:1: text outside any block.*; showing a line diff$"
    assert re.search(warning, broken, re.MULTILINE)
    assert "+this line is outside every block" in broken
    # A deleted file: the new side is /dev/null; the broken old side falls back to lines too.
    deleted = commits["delete"]
    assert "deleted file mode 100644" in deleted
    assert "-this line is outside every block" in deleted


@pytest.mark.clients
def test_the_working_tree_is_diffed_against_the_index(history: tuple[Path, dict[str, str]]) -> None:
    work, env = history
    git(work, env, "checkout", "-q", "HEAD~3", "--", "plan.clause")
    (work / "plan.clause").write_text(V2.replace("100 days", "200 days"), encoding="utf-8")
    out = git(work, env, "diff")
    assert "diff --clausekit a/plan.clause b/plan.clause" in out
    assert "[-100-]{+200+}" in out
    assert "duration.changed" in out or "quantity.changed" in out


@pytest.mark.clients
def test_textconv_renders_drafts_for_line_diffs(history: tuple[Path, dict[str, str]]) -> None:
    work, env = history
    git(work, env, "config", "--unset", "diff.clausekit.command")
    git(work, env, "config", "diff.clausekit.textconv", f"{CLAUSEKIT} render --format text")
    out = git(work, env, "log", "-p", "--format=COMMIT %s", "-1", "HEAD~3")
    # Lines of the text rendering, not of the source: party references read as names.
    assert "-2. The armed forces of Ukraine will be limited to 600,000 personnel." in out
    assert "+2. The armed forces of Ukraine will be limited to 800,000 personnel in peacetime." in out


# --- the driver's arguments, without git ------------------------------------------------------


def test_unmerged_path_and_wrong_argument_counts(tmp_path: Path) -> None:
    assert git_diff(GitDiffCall.from_args(["drafts/e3.clause"])) == "* Unmerged path drafts/e3.clause\n"
    with pytest.raises(UsageError, match="1, 7 or 9 arguments"):
        GitDiffCall.from_args(["a", "b"])
    done = subprocess.run(
        [sys.executable, "-m", "clausekit", "git-diff", "a", "b"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_side_that_is_not_text_falls_back_without_crashing(tmp_path: Path) -> None:
    old = tmp_path / "old.clause"
    new = tmp_path / "new.clause"
    old.write_bytes(b"\x00\x01binary")
    new.write_text(V1, encoding="utf-8")
    out = git_diff(GitDiffCall("x.clause", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"))
    assert out.splitlines()[0] == "diff --clausekit a/x.clause b/x.clause"
    assert out.splitlines()[1].startswith("clausekit: a/x.clause") or "NUL byte" in out.splitlines()[1]
    assert "showing a line diff" in out and "+draft plan" in out


@pytest.mark.clients
def test_driver_options_from_the_git_config(history: tuple[Path, dict[str, str]]) -> None:
    work, env = history
    git(work, env, "checkout", "-q", "HEAD~3", "--", "plan.clause")
    (work / "plan.clause").write_text(V2.replace("European", "EUROPEAN"), encoding="utf-8")
    git(work, env, "config", "diff.clausekit.command", f"{CLAUSEKIT} git-diff --ignore-case --color=never")
    assert "No differences" in git(work, env, "diff")
    git(work, env, "config", "diff.clausekit.command", f"{CLAUSEKIT} git-diff --color=always")
    coloured = git(work, env, "diff")
    assert "\x1b[" in coloured and "EUROPEAN" in coloured


# --- hostile paths and contents (issue 16) -----------------------------------------------------


def run_driver(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clausekit", "git-diff", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("path", ["--help", "-x.clause", "--ignore-case", "--color=always", "--"])
def test_a_path_that_looks_like_an_option_is_a_path(tmp_path: Path, path: str) -> None:
    old, new = tmp_path / "old.clause", tmp_path / "new.clause"
    old.write_text(V1, encoding="utf-8")
    new.write_text(V2, encoding="utf-8")
    for options in ([], ["--color=never", "--ignore-case"], ["--color", "never"]):
        done = run_driver(*options, path, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"diff --clausekit a/{path} b/{path}\n"), done.stdout[:200]
        assert "[-600,000-]{+800,000+}" in done.stdout
    renamed = run_driver(path, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644", "-n", "similarity 90%")
    assert renamed.returncode == 0 and f"rename from {path}\nrename to -n\n" in renamed.stdout
    assert run_driver("--help").stdout.startswith("Usage:")  # a lone option is still an option


def test_control_characters_in_a_path_and_in_a_line_diff_are_shown_as_pictures(tmp_path: Path) -> None:
    hostile = "x\x1b]0;pwned\x07\ndiff --clausekit a/fake b/fake\x1b[2J.clause"
    old, new = tmp_path / "old.clause", tmp_path / "new.clause"
    old.write_text("not a draft\x1b[31m red\n", encoding="utf-8")
    new.write_text("still not\x1b]0;title\x07 a draft\vfake line\r\nend", encoding="utf-8")
    out = git_diff(GitDiffCall(hostile, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644", hostile, "r"))
    assert "\x1b" not in out and "\x07" not in out and "\x0b" not in out
    assert "\r" not in out.replace("\r\n", "")  # only the file's own line ends keep their CR
    assert not any(line.startswith("diff --clausekit a/fake") for line in out.splitlines())
    assert "x␛]0;pwned␇␊diff --clausekit a/fake b/fake␛[2J.clause" in out.splitlines()[0]
    assert "-not a draft␛[31m red\n" in out
    assert "+still not␛]0;title␇ a draft␋fake line\r\n" in out
    clause = git_diff(GitDiffCall(hostile, str(tmp_path / "none"), ".", ".", DEV_NULL, ".", "."))
    lines = clause.splitlines()
    assert "\x1b" not in clause and lines[1] == "deleted file mode ."
    assert lines[2].startswith("clausekit: a/x␛]0;pwned␇␊diff --clausekit a/fake") and "no such file" in lines[2]


def test_a_binary_side_is_warned_by_its_repository_path(tmp_path: Path) -> None:
    old, new = tmp_path / "tmpXYZ_old.clause", tmp_path / "new.clause"
    old.write_bytes(b"\x00\x01binary")
    new.write_text(V1, encoding="utf-8")
    out = git_diff(GitDiffCall("drafts/x.clause", str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"))
    assert out.splitlines()[1].startswith("clausekit: a/drafts/x.clause:1:1: contains a NUL byte")
    assert "tmpXYZ" not in out


@pytest.mark.clients
def test_git_diff_of_a_file_named_like_an_option(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "GIT_PAGER": "cat",
        "LANG": "C.UTF-8",
    }
    git(work, env, "init", "-q")
    git(work, env, "config", "user.name", "Test Drafter")
    git(work, env, "config", "user.email", "drafter@example.org")
    git(work, env, "config", "diff.clausekit.command", f"{CLAUSEKIT} git-diff --color=never")
    (work / ".gitattributes").write_text("*.clause diff=clausekit\n", encoding="utf-8")
    (work / "--help.clause").write_text(V1, encoding="utf-8")
    (work / "\x1b[31mred.clause").write_bytes(b"\x00binary")
    git(work, env, "add", "-A")
    git(work, env, "commit", "-q", "-m", "add")
    (work / "--help.clause").write_text(V2, encoding="utf-8")
    (work / "\x1b[31mred.clause").write_bytes(b"\x00binary\x1b]0;pwned\x07\n")
    out = git(work, env, "diff")
    assert "diff --clausekit a/--help.clause b/--help.clause" in out and "Usage:" not in out
    assert "[-600,000-]{+800,000+}" in out
    assert "clausekit: a/␛[31mred.clause:1:1: contains a NUL byte" in out
    assert "\x1b" not in out and "\x07" not in out
