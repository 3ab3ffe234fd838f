"""What to offer where the cursor is: parties after ``@`` and in party fields, terms after ``<``,
clause ids after ``#``, ``NAME::ID`` in ``mirrors:``, field names at the start of a block, the
allowed values of ``exactness``, ``status`` and ``modality``, declared parties after ``[`` and ``|``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from clausekit.analysis.vocabulary import DEFAULT_SCALE
from clausekit.integrations.lsp.document import Snapshot
from clausekit.language.syntax import FIELD_KEY, FIELD_LINE, ID, PARTY_CODE
from clausekit.model import BLOCK_FIELDS, FIELDS, Draft, plain_text

Kind = types.CompletionItemKind

_PARTY_AFTER_AT = re.compile(rf"(?<![\w\\])@((?:{PARTY_CODE})?-?)\Z")
_TERM_AFTER_LT = re.compile(r"(?<!\\)<([^<>]*)\Z")
_CLAUSE_AFTER_HASH = re.compile(rf"(?<![\w\\])#((?:{ID})?[._-]?)\Z")
_ATTRIBUTION_AFTER = re.compile(rf"(?<!\\)[\[|][ \t]*((?:{PARTY_CODE})?)\Z")
_FIELD_NAME_START = re.compile(rf"[ \t]*((?:{FIELD_KEY})?-?)\Z")
_LAST_ITEM = re.compile(r"([^\s,]*)\Z")


def _party_items(snapshot: Snapshot, prefix: str, suffix: str = "") -> list[types.CompletionItem]:
    draft = snapshot.draft
    items = []
    for code in snapshot.outline.definitions("party"):
        party = draft.party(code) if draft else None
        detail = party.name if party else None
        items.append(types.CompletionItem(label=code, kind=Kind.Constant, detail=detail, insert_text=code + suffix))
    return [i for i in items if i.label.startswith(prefix)]


def _term_items(snapshot: Snapshot, typed: str, closed: bool) -> list[types.CompletionItem]:
    definitions = {t.name: t for t in snapshot.draft.terms()} if snapshot.draft else {}
    items = []
    for name in snapshot.outline.definitions("term"):
        term = definitions.get(name)
        doc = " ".join(plain_text(p.spans) for p in term.definition) if term else None
        items.append(
            types.CompletionItem(
                label=name,
                kind=Kind.Reference,
                documentation=doc,
                insert_text=name if closed else name + ">",
                filter_text=name,
            )
        )
    return [i for i in items if i.label.lower().startswith(typed.lower())]


def _clause_items(snapshot: Snapshot, prefix: str) -> list[types.CompletionItem]:
    draft = snapshot.draft
    items = []
    for ident in snapshot.outline.definitions("clause"):
        clause = draft.clause(ident) if draft else None
        detail = " ".join(x for x in (clause.kind, clause.number, clause.title) if x) if clause else None
        items.append(types.CompletionItem(label=ident, kind=Kind.Reference, detail=detail))
    return [i for i in items if i.label.startswith(prefix)]


def _mirror_items(drafts: Sequence[Draft], prefix: str) -> list[types.CompletionItem]:
    """``NAME::ID`` of the given drafts' clauses, then of the bundled reference drafts'."""
    from clausekit.library import library

    items: list[types.CompletionItem] = []
    seen: set[str] = set()
    for draft in (*drafts, *library()):
        for clause in draft.walk():
            ref = f"{draft.id}::{clause.id}"
            if ref in seen or not ref.startswith(prefix):
                continue
            seen.add(ref)
            detail = " ".join(x for x in (clause.kind, clause.number, clause.title) if x)
            items.append(types.CompletionItem(label=ref, kind=Kind.Reference, detail=f"{draft.title}: {detail}"))
    return items


def _value_items(key: str, prefix: str) -> list[types.CompletionItem] | None:
    spec = FIELDS.get(key)
    if spec is None:
        return None
    if spec.choices:
        values: Sequence[str] = spec.choices
    elif key == "modality":
        values = [phrase for phrase, _level, _negated in DEFAULT_SCALE.phrases()]
    else:
        return None
    return [types.CompletionItem(label=v, kind=Kind.EnumMember) for v in values if v.startswith(prefix)]


def _field_items(block: str, prefix: str, present: set[str]) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=spec.name,
            kind=Kind.Property,
            detail=spec.meaning,
            insert_text=spec.name + ": ",
        )
        for spec in BLOCK_FIELDS.get(block, ())
        if spec.name.startswith(prefix) and (spec.repeatable or spec.name not in present)
    ]


def _fields_written(snapshot: Snapshot, line: int) -> set[str]:
    """The fields already written in the block that holds ``line`` (fields come first)."""
    written: set[str] = set()
    lines = snapshot.lines
    number = line - 1
    while number >= 1:
        text = lines.line(number).strip()
        match = FIELD_LINE.match(text)
        if match:
            written.add(match.group(1))
        if text.endswith("{"):
            break
        number -= 1
    return written


def complete(snapshot: Snapshot, line: int, index: int, drafts: Sequence[Draft]) -> list[types.CompletionItem]:
    """The completions at 1-based ``line``, string ``index``; ``drafts`` are those ``mirrors`` may name."""
    text = snapshot.lines.line(line)
    before = text[:index]
    block, fields_open = snapshot.outline.contexts.get(line, (None, False))
    field = FIELD_LINE.match(before.lstrip()) if fields_open else None
    if field is not None:
        key = field.group(1)
        value = before.lstrip()[field.end() :]
        spec = FIELDS.get(key)
        last = _LAST_ITEM.search(value)
        prefix = last.group(1) if last else ""
        if spec is not None and spec.kind in ("code", "codes"):
            return _party_items(snapshot, prefix)
        if spec is not None and spec.kind == "refs":
            return _mirror_items(drafts, prefix)
        if (values := _value_items(key, value.strip())) is not None:
            return values
    if match := _PARTY_AFTER_AT.search(before):
        return _party_items(snapshot, match.group(1))
    if match := _TERM_AFTER_LT.search(before):
        return _term_items(snapshot, match.group(1), text[index:].lstrip().startswith(">"))
    if match := _CLAUSE_AFTER_HASH.search(before):
        return _clause_items(snapshot, match.group(1))
    if match := _ATTRIBUTION_AFTER.search(before):
        return _party_items(snapshot, match.group(1), ": ")
    if fields_open and block in BLOCK_FIELDS and (match := _FIELD_NAME_START.fullmatch(before)):
        return _field_items(block, match.group(1), _fields_written(snapshot, line))
    return []
