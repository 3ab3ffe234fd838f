"""``clausekit lsp``: a language server for ``.clause`` drafts (the ``lsp`` extra, pygls 2).

Split by capability: ``positions`` (the one conversion to the editor's code units),
``outline`` (names and blocks read from the source, also while it does not parse),
``document`` (parse, check, keep what survives a bad edit), ``ranges`` and ``diagnostics``,
``completion``, ``hover``, ``navigation`` (definition, references, rename), ``symbols``,
``actions`` (code actions and formatting), ``workspace`` (the drafts of the open folders) and
``server`` (the pygls wiring). Only ``server`` and the modules that build LSP values import
pygls or lsprotocol; importing this package imports neither.
"""

from __future__ import annotations

from importlib.util import find_spec

EXTRA_MISSING = "clausekit lsp needs the 'lsp' extra (pygls 2), which is not installed: pip install 'clausekit[lsp]'"


def available() -> bool:
    """Whether the language server's dependencies are installed."""
    try:
        return find_spec("pygls") is not None and find_spec("lsprotocol") is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules, a broken install
        return False


def serve(port: int | None = None, host: str = "127.0.0.1") -> None:
    """Run the language server (over standard input and output unless ``port`` is given)."""
    from clausekit.integrations.lsp.server import serve as run

    run(port, host)
