"""Go to definition, find references and rename, for parties, terms and clause ids (in the
draft), and ``draft::id`` in ``mirrors`` (across the workspace's files and the bundled drafts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types

from clausekit.integrations.lsp.document import Snapshot
from clausekit.integrations.lsp.outline import Occurrence, outline, term_key
from clausekit.integrations.lsp.positions import Lines
from clausekit.integrations.lsp.ranges import occurrence_range
from clausekit.language.syntax import ID_FULL, PARTY_CODE_FULL, quote
from clausekit.model import Draft

_DEFINED_KIND = {"party": "party", "term": "term", "clause": "clause"}


def same_name(snapshot: Snapshot, occurrence: Occurrence) -> list[Occurrence]:
    """Every occurrence of the name under the cursor in this draft (declaration first)."""
    kind = "clause" if occurrence.kind == "draft" else occurrence.kind
    found = snapshot.outline.uses(kind, occurrence.name)  # type: ignore[arg-type]
    return sorted(found, key=lambda o: (not o.definition, o.line, o.start))


def _file_of(draft: Draft) -> Path | None:
    """The file a draft was read from: its path, or a bundled draft's file in the package."""
    if draft.path and Path(draft.path).is_file():
        return Path(draft.path)
    from clausekit.library import reference_root

    candidate = Path(str(reference_root())) / Path(draft.location.file).name
    return candidate if candidate.is_file() else None


def mirror_target(ref: str, drafts: Sequence[Draft], encoding: str) -> types.Location | None:
    """Where ``draft::id`` is declared, in whichever file holds that draft."""
    from clausekit.library import find_mirror

    found = find_mirror(ref, drafts)
    if found is None:
        return None
    draft, clause = found
    path = _file_of(draft)
    if path is None:
        return None
    text = path.read_text(encoding="utf-8")
    declared = outline(text).definitions("clause").get(clause.id)
    if declared is None:
        return None
    return types.Location(uri=path.resolve().as_uri(), range=occurrence_range(Lines(text, encoding), declared))


def definition(snapshot: Snapshot, uri: str, occurrence: Occurrence, drafts: Sequence[Draft]) -> types.Location | None:
    if occurrence.kind == "mirror":
        return mirror_target(occurrence.name, drafts, snapshot.lines.encoding)
    if occurrence.kind not in _DEFINED_KIND:
        return None
    declared = snapshot.outline.definitions(occurrence.kind).get(occurrence.name)
    if declared is None:
        return None
    return types.Location(uri=uri, range=occurrence_range(snapshot.lines, declared))


def _mirror_uses(ref: str, files: Sequence[Path], skip: str, encoding: str) -> list[types.Location]:
    """Every ``mirrors: draft::id`` naming ``ref`` in the workspace's files other than ``skip``."""
    found: list[types.Location] = []
    for path in files:
        if str(path) == skip:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if ref not in text:  # most files do not name it: no need to read their shape
            continue
        lines = Lines(text, encoding)
        found.extend(
            types.Location(uri=path.resolve().as_uri(), range=occurrence_range(lines, o))
            for o in outline(text).uses("mirror", ref)
        )
    return found


def references(
    snapshot: Snapshot,
    uri: str,
    occurrence: Occurrence,
    include_declaration: bool,
    files: Sequence[Path] = (),
) -> list[types.Location]:
    """The uses of a name in the draft; for a clause id and a ``mirrors`` target, also the
    ``mirrors: draft::id`` that name it in the workspace's ``files``."""
    local = [] if occurrence.kind == "mirror" else same_name(snapshot, occurrence)
    out = [
        types.Location(uri=uri, range=occurrence_range(snapshot.lines, o))
        for o in local
        if include_declaration or not o.definition
    ]
    ref = occurrence.name if occurrence.kind == "mirror" else None
    draft = snapshot.draft
    if occurrence.kind == "clause" and draft is not None:
        ref = f"{draft.id}::{occurrence.name}"
    if ref is not None:
        out.extend(
            types.Location(uri=uri, range=occurrence_range(snapshot.lines, o))
            for o in snapshot.outline.uses("mirror", ref)
        )
        out.extend(_mirror_uses(ref, files, snapshot.name, snapshot.lines.encoding))
    return out


class RenameRefused(ValueError):
    """A new name the language does not accept for that kind of name."""


def _checked_name(kind: str, new_name: str) -> str:
    if kind == "party" and not PARTY_CODE_FULL.match(new_name):
        raise RenameRefused(f"'{new_name}' is not a party code (capitals and digits, such as US, E3, EU-27)")
    if kind == "clause" and not ID_FULL.match(new_name):
        raise RenameRefused(f"'{new_name}' is not a clause id (lowercase letters, digits, '-', '_', '.')")
    if kind == "term":
        if not term_key(new_name) or any(ch in new_name for ch in "<>\n"):
            raise RenameRefused(f"'{new_name}' cannot be a term's name (no '<', '>' or line break)")
        return term_key(new_name)
    return new_name


def rename(snapshot: Snapshot, uri: str, occurrence: Occurrence, new_name: str) -> types.WorkspaceEdit | None:
    """Every occurrence of a party code, term or clause id in the draft, renamed."""
    if occurrence.kind not in _DEFINED_KIND:
        return None
    name = _checked_name(occurrence.kind, new_name)
    edits = []
    for o in same_name(snapshot, occurrence):
        written = quote(name)[1:-1] if o.kind == "term" and o.definition else name
        edits.append(types.TextEdit(range=occurrence_range(snapshot.lines, o), new_text=written))
    return types.WorkspaceEdit(changes={uri: edits})


def rename_range(snapshot: Snapshot, occurrence: Occurrence) -> types.Range | None:
    return occurrence_range(snapshot.lines, occurrence) if occurrence.kind in _DEFINED_KIND else None
