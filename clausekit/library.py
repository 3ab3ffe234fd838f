"""The bundled reference library: existing treaty texts that ``mirrors`` names.

The drafts live in the repository's ``drafts/reference/`` and ship inside the package
as ``clausekit/reference/``; ``clausekit.resources`` finds them in either place, so the
library works the same from a checkout, an editable install and a wheel.
``reference_root`` is the one place that knows where they are; tests replace it.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from threading import Lock

from clausekit.callable_modules import make_module_callable as _make_callable
from clausekit.errors import ClauseNotFoundError, InputError, UsageError
from clausekit.language.syntax import ID_FULL
from clausekit.model import Clause, Draft
from clausekit.resources import resource

REFERENCE_SUFFIX = ".clause"
# How a bundled draft is named in locations and messages: where it sits in the package,
# the same on every machine (an absolute site-packages path would leak into outputs).
REFERENCE_PREFIX = "clausekit/reference/"
# Shown when an id has no close match: enough to orient, not a wall of ids.
MAX_LISTED_IDS = 8


_cache: dict[str, tuple[Draft, ...]] = {}
_cache_lock = Lock()


def reference_root() -> Traversable:
    """The folder of bundled reference drafts, inside the installed package."""
    return resource("reference")


def _load_root(root: Traversable) -> tuple[Draft, ...]:
    from clausekit.language.parser import loads  # Lark is imported only when the library is first needed.

    if not root.is_dir():
        return ()
    entries = sorted(
        (entry for entry in root.iterdir() if entry.name.endswith(REFERENCE_SUFFIX) and entry.is_file()),
        key=lambda entry: entry.name,
    )
    return tuple(loads(entry.read_text(encoding="utf-8"), filename=REFERENCE_PREFIX + entry.name) for entry in entries)


def library() -> tuple[Draft, ...]:
    """Every bundled reference draft, ordered by file name; parsed once per process."""
    root = reference_root()
    key = str(root)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            cached = _cache[key] = _load_root(root)
        return cached


def clear_cache() -> None:
    """Forget the parsed library (tests that swap ``reference_root`` call this)."""
    with _cache_lock:
        _cache.clear()


def reference_draft(draft_id: str) -> Draft | None:
    """The bundled draft with this id, or None."""
    for draft in library():
        if draft.id == draft_id:
            return draft
    return None


def split_ref(ref: str) -> tuple[str, str] | None:
    """``draft-id::clause-id`` -> (draft id, clause id); None when ``ref`` is not of that shape."""
    left, sep, right = ref.rpartition("::")
    if not sep or not left or not right:
        return None
    return left, right


def find_mirror(ref: str, drafts: Sequence[Draft] = ()) -> tuple[Draft, Clause] | None:
    """The draft and clause that ``draft-id::clause-id`` names.

    The drafts given (those on the command line) are searched first, then the bundled
    library, so a user's own copy of a treaty can stand in for the bundled one.
    """
    parts = split_ref(ref)
    if parts is None:
        return None
    draft_id, clause_id = parts
    for candidates in (drafts, library()):
        for draft in candidates:
            if draft.id == draft_id:
                clause = draft.clause(clause_id)
                if clause is not None:
                    return draft, clause
    return None


def is_clause_spec(argument: str) -> bool:
    """Whether a command-line argument names a clause (``FILE::id`` or ``draft-id::id``)
    rather than a whole draft file. File paths never contain ``::`` in practice."""
    return split_ref(argument) is not None


def closest(wanted: str, known: Sequence[str], n: int = 3) -> list[str]:
    """The known ids most like ``wanted``, best first; ties in name order (difflib's are reversed)."""
    close = difflib.get_close_matches(wanted, known, n=n, cutoff=0.6)
    return sorted(close, key=lambda c: (-difflib.SequenceMatcher(None, wanted, c).ratio(), c))


def suggest_ids(wanted: str, known: Sequence[str], listing: str, empty: str) -> str:
    """A hint naming the closest known ids, or a few known ids when none is close."""
    if not known:
        return empty
    close = closest(wanted, known)
    if close:
        quoted = [f"'{c}'" for c in close]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return f"did you mean {listed}?"
    shown = ", ".join(known[:MAX_LISTED_IDS])
    more = f", ... ({len(known)} in all)" if len(known) > MAX_LISTED_IDS else ""
    return f"{listing}: {shown}{more}"


def _names_a_file(left: str) -> bool:
    if left.endswith(REFERENCE_SUFFIX) or "/" in left or "\\" in left:
        return True
    # A bare name that is not an id shape, or an existing file, is a path.
    return not ID_FULL.match(left) or Path(left).is_file()


def names_bundled_draft(argument: str) -> bool:
    """Whether a command-line argument names a bundled reference draft rather than a file:
    an id (``north-atlantic-treaty-1949``) that is not an existing file's name."""
    return not _names_a_file(argument) and reference_draft(argument) is not None


def load_draft(argument: str) -> Draft:
    """The draft a command-line argument names: a file, else a bundled reference draft by id.

    Every command that reads whole drafts (diff, compare, render, mirror, ...) reads them
    here, so ``clausekit diff north-atlantic-treaty-1949 mine.clause`` works wherever a file
    would. A file of that name wins over the bundled draft (a user's own copy). An argument
    that is neither raises ``InputError`` naming the closest bundled ids when it looks like one.
    """
    from clausekit.language.parser import load

    if _names_a_file(argument) or Path(argument).exists():
        return load(argument)
    found = reference_draft(argument)
    if found is not None:
        return found
    hint = suggest_ids(argument, [d.id for d in library()], "bundled drafts", "no reference drafts are bundled")
    raise InputError(argument, f"no such file, nor a bundled reference draft ({hint})")


def input_paths(arguments: Sequence[str]) -> list[str]:
    """The arguments that name files (not bundled drafts): what an output may not overwrite."""
    paths = []
    for argument in arguments:
        parts = split_ref(argument)
        left = parts[0] if parts else argument
        if Path(left).exists():
            paths.append(left)
    return paths


def resolve_clause_spec(spec: str) -> tuple[Draft, Clause]:
    """Resolve the command-line form ``PATH.clause::clause-id`` or ``draft-id::clause-id``.

    A left side that looks like a path (ends in ``.clause``, has a folder separator, or
    names an existing file) is read as a draft file; a bare id names a bundled reference
    draft. Raises ``UsageError`` for a malformed spec, ``InputError``/``ClauseSyntaxError``
    for a file that cannot be read, and ``ClauseNotFoundError`` (naming the closest ids)
    when the draft or clause does not exist.
    """
    parts = split_ref(spec)
    if parts is None:
        raise UsageError(f"{spec}: expected FILE.clause::clause-id or draft-id::clause-id")
    left, clause_id = parts
    if _names_a_file(left):
        from clausekit.language.parser import load

        draft = load(left)
        where = left
    else:
        found = reference_draft(left)
        if found is None:
            hint = suggest_ids(left, [d.id for d in library()], "bundled drafts", "no reference drafts are bundled")
            raise ClauseNotFoundError(f"{spec}: no file or bundled reference draft named '{left}' ({hint})")
        draft = found
        where = f"the reference draft {left}"
    clause = draft.clause(clause_id)
    if clause is None:
        hint = suggest_ids(clause_id, [c.id for c in draft.walk()], "its clause ids", "it has no clauses")
        raise ClauseNotFoundError(f"{spec}: no clause '{clause_id}' in {where} ({hint})")
    return draft, clause


# ``clausekit.library(...)`` calls library() (see clausekit/callable_modules.py).
_make_callable(__name__, "library")
