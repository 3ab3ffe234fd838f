"""The ``clausekit`` command: a thin click shell over the Python API.

Each subcommand lives in its own module (``clausekit/cli/<name>.py``, exposing
``command``) and is imported only when it runs, so ``clausekit --help`` never pays
for Lark, jinja2 or python-docx.
"""

from __future__ import annotations

from importlib import import_module

import click

from clausekit import __version__

# name -> (module, one-line help shown by ``clausekit --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("clausekit.cli.check", "Lint drafts: syntax, ids, parties, terms, references, mirrors."),
    "fmt": ("clausekit.cli.fmt", "Print or rewrite drafts in canonical form."),
    "diff": ("clausekit.cli.diff", "Clause-by-clause semantic diff of two drafts (or two clauses)."),
    "render": ("clausekit.cli.render", "Render a draft as Markdown, HTML, text, Word or Akoma Ntoso."),
    "compare": ("clausekit.cli.compare", "Position matrix or compilation text of several drafts."),
    "brackets": ("clausekit.cli.brackets", "List the open brackets of a draft."),
    "mirror": ("clausekit.cli.mirror", "Compare guarantees with the treaty clauses they mirror."),
    "profile": (
        "clausekit.cli.profile",
        "Guarantee profiles: obligation, deeming, discretion, means, ... side by side.",
    ),
    "library": ("clausekit.cli.library", "List the bundled reference drafts and their clause ids."),
    "import": ("clausekit.cli.importer", "Turn a numbered text, Markdown, Word or Akoma Ntoso file into a draft."),
    "git-diff": ("clausekit.cli.gitdiff", "git external diff driver: clause-level diff inside git."),
    "lsp": ("clausekit.cli.lsp", "Language server for editors (the 'lsp' extra)."),
    "amend": ("clausekit.cli.amend", "The numbered amendments that turn one draft into another."),
    "apply": ("clausekit.cli.apply", "Apply an amendment list (.amend) to a draft."),
}


def _available(name: str) -> bool:
    module = COMMANDS[name][0]
    try:
        from importlib.util import find_spec

        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        return import_module(COMMANDS[cmd_name][0]).command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="clausekit")
def main() -> None:
    """Draft, diff, redline and compare agreements clause by clause.

    Exit codes: 0 done; 1 the command found what it looks for (check: errors;
    fmt --check: not canonical; diff: with --exit-code or --fail-on); 2 an input
    could not be read or parsed, or the command was misused. See docs/cli.md.
    """
