"""The documentation keeps up with the code: every command and option is in docs/cli.md,
and the README links every document."""

from __future__ import annotations

import re
from importlib import import_module

import click
import pytest

from clausekit.cli import COMMANDS
from conftest import ROOT

CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_documented(name: str):
    command: click.Command = import_module(COMMANDS[name][0]).command
    assert f"## `clausekit {name}" in CLI_DOC, f"docs/cli.md has no section for {name}"
    section = CLI_DOC.split(f"## `clausekit {name}", 1)[1].split("\n## ", 1)[0]
    for parameter in command.params:
        if isinstance(parameter, click.Option) and "--help" not in parameter.opts:
            assert any(opt in section for opt in parameter.opts), f"{name}: {parameter.opts} not in docs/cli.md"


def test_readme_links_existing_documents():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target


def test_every_issue_key_is_documented_with_its_meaning() -> None:
    from clausekit.model import ISSUES

    language = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    for key, meaning in ISSUES.items():
        assert f"| `{key}` | {meaning} |" in language, f"docs/language.md does not list the issue {key}"
