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
    "render_akn": ("clausekit.render.draft.akn", "render_akn"),
    "import_akn": ("clausekit.importers.akn", "import_akn"),
    "read_akn": ("clausekit.importers.akn", "read_akn"),
    "amend": ("clausekit.amend", "amend"),
    "apply_amendments": ("clausekit.amend", "apply"),
    "load_amendments": ("clausekit.language.amend_parser", "load_amendments"),
    "loads_amendments": ("clausekit.language.amend_parser", "loads_amendments"),
    "dumps_amendments": ("clausekit.language.amend_format", "format_amendments"),
    "Draft": ("clausekit.model", "Draft"),
    "profile": ("clausekit.analysis.profile", "read_profile"),
    "profiles": ("clausekit.analysis.profile", "draft_profiles"),
    "compare_profiles": ("clausekit.analysis.profile_compare", "compare_profiles"),
    "load_draft": ("clausekit.library", "load_draft"),
    "ISSUES": ("clausekit.model", "ISSUES"),
    "Provenance": ("clausekit.model", "Provenance"),
    "provenance": ("clausekit.model", "provenance"),
    "ClauseSyntaxError": ("clausekit.errors", "ClauseSyntaxError"),
    "ClauseKitError": ("clausekit.errors", "ClauseKitError"),
    "InputError": ("clausekit.errors", "InputError"),
    "serve_lsp": ("clausekit.integrations.lsp", "serve"),
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
