"""Shell completion for bash, zsh and fish, through click (docs/integrations.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausekit.cli import COMMANDS, main


def complete(env: dict[str, str]) -> str:
    result = CliRunner().invoke(main, [], prog_name="clausekit", env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _clausekit_completion clausekit"),
        ("zsh", "#compdef clausekit"),
        ("fish", "complete --no-files --command clausekit"),
    ],
)
def test_the_environment_variable_prints_a_completion_script(shell: str, marker: str) -> None:
    script = complete({"_CLAUSEKIT_COMPLETE": f"{shell}_source"})
    assert marker in script
    assert "_CLAUSEKIT_COMPLETE" in script  # the script calls clausekit back for each completion


def bash_complete(words: str) -> list[tuple[str, str]]:
    """What the bash script receives for the command line ``words`` (cursor at the end)."""
    parts = words.split(" ")
    output = complete({"_CLAUSEKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)})
    return [tuple(line.split(",", 1)) for line in output.splitlines()]  # type: ignore[misc]


def test_subcommands_complete() -> None:
    assert ("plain", "import") in bash_complete("clausekit im")
    assert {value for _, value in bash_complete("clausekit ")} >= {"check", "fmt", "diff", "render", "import"}
    assert set(COMMANDS) >= {value for _, value in bash_complete("clausekit ")}


def test_options_and_their_values_complete() -> None:
    assert ("plain", "--proposer") in bash_complete("clausekit import --pro")
    assert {value for _, value in bash_complete("clausekit import --exactness ")} == {
        "verbatim",
        "reconstructed",
        "translated",
        "paraphrase",
        "unverified",
    }
    # A file argument is left to the shell's own file completion.
    assert bash_complete("clausekit import ") == [("file", "")]


@pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("clausekit") is None,
    reason="needs bash and the installed clausekit command (pip install -e .)",
)
def test_bash_completes_through_the_generated_script(tmp_path: Path) -> None:
    script = subprocess.run(
        ["clausekit"], env={**os.environ, "_CLAUSEKIT_COMPLETE": "bash_source"}, capture_output=True, text=True
    ).stdout
    (tmp_path / "clausekit.bash").write_text(script, encoding="utf-8")
    probe = (
        f"source {tmp_path / 'clausekit.bash'}\n"
        "COMP_WORDS=(clausekit rend); COMP_CWORD=1\n"
        "_clausekit_completion clausekit\n"  # bash passes the command name as $1
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=os.environ.copy())
    assert done.stdout.split() == ["render"], done.stderr
