"""``clausekit lsp``: the language server, over standard input and output (``--tcp PORT`` to debug).

Needs the ``lsp`` extra (``pip install 'clausekit[lsp]'``); without it, one line saying so
and exit 2. pygls is imported only here, when the command runs.
"""

from __future__ import annotations

import click

from clausekit.cli.common import fail, handle_errors


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak LSP over standard input and output (the default).")
@click.option(
    "--tcp",
    "port",
    type=click.IntRange(1, 65535),
    default=None,
    metavar="PORT",
    help="Listen on this TCP port instead, for an editor or a debugger to connect to.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="The address --tcp listens on.")
@handle_errors
def command(stdio: bool, port: int | None, host: str) -> None:
    """Run the language server for .clause files (an editor starts it; see docs/editors.md).

    Diagnostics as you type (what 'clausekit check' reports), completion, hover, go to
    definition, references, rename, outline, formatting and quick fixes.
    """
    from clausekit.integrations import lsp

    if stdio and port is not None:
        fail("clausekit lsp: --stdio and --tcp exclude each other")
    if not lsp.available():
        fail(lsp.EXTRA_MISSING)
    lsp.serve(port, host)
