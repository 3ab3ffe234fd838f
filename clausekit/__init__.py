"""clausekit: clause-level drafting, diff, redlines and comparison of treaty drafts.

The public API mirrors ``json``: ``load``/``loads`` read drafts, ``dumps`` writes the
canonical source (``clausekit fmt``). Heavy parts are imported lazily so that
``import clausekit`` and ``clausekit --help`` stay instant.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> (module, attribute): resolved on first use.
_LAZY: dict[str, tuple[str, str | None]] = {
    "load": ("clausekit.language.parser", "load"),
    "loads": ("clausekit.language.parser", "loads"),
    "dumps": ("clausekit.language.format", "format_draft"),
    "format_draft": ("clausekit.language.format", "format_draft"),
    "check": ("clausekit.lint", "check"),
    # Callable modules (clausekit/callable_modules.py): clausekit.diff(old, new) works
    # whether the name resolves here or through the import system.
    "diff": ("clausekit.diff", None),
    "compare": ("clausekit.compare", None),
    "render": ("clausekit.render", None),
    "library": ("clausekit.library", None),
    "Draft": ("clausekit.model", "Draft"),
    "Provenance": ("clausekit.model", "Provenance"),
    "provenance": ("clausekit.model", "provenance"),
    "ClauseSyntaxError": ("clausekit.errors", "ClauseSyntaxError"),
    "ClauseKitError": ("clausekit.errors", "ClauseKitError"),
    "InputError": ("clausekit.errors", "InputError"),
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover
    from clausekit.errors import ClauseKitError as ClauseKitError
    from clausekit.errors import ClauseSyntaxError as ClauseSyntaxError
    from clausekit.errors import InputError as InputError
    from clausekit.language.parser import load as load
    from clausekit.language.parser import loads as loads
    from clausekit.model import Draft as Draft
    from clausekit.model import Provenance as Provenance
    from clausekit.model import provenance as provenance


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'clausekit' has no attribute {name!r}") from None
    imported = import_module(module)
    value = imported if attribute is None else getattr(imported, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
