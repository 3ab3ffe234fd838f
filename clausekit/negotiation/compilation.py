"""The compilation text: several drafts as one draft with bracketed, attributed alternatives.

What negotiators call a compilation text (UN practice): the words that every draft shares
stand clean; where the drafts differ, a bracket holds each draft's alternative, attributed
to the draft by its code (``Column.code``: the proposer, ``US-2`` for a proposer's second
draft): ``[US: 600,000 | E3: 800,000 in peacetime | RU: 85,000]``.

- Inside a clause that mostly agrees (every draft within ``WORD_LEVEL_THRESHOLD`` of the
  base draft's words, the same number of paragraphs), alternatives are at word level: the
  diff's word redline of each draft against the base (``clausekit.diff.words.redline``) marks
  the base characters every draft keeps; the runs between them become brackets, widened to
  whole words.
- Otherwise, each paragraph is one bracket of whole alternatives; a draft without the
  clause (a gap) holds an empty option (``RU:``): it proposes nothing there.
- A draft whose text is not available (a placeholder) holds no option, so its brackets stay
  open when its alternatives are taken, and a comment says so: missing text is never shown
  as a gap or as agreement.
- What brackets cannot hold (guarantee fields that are codes, such as ``guarantor``; two
  kinds of provision; a draft's own brackets inside a difference, since brackets do not
  nest) becomes *variants*: the row's provision holds one provision per draft, with id
  ``<row>--<code>`` and ``proposer: <code>``. A defined term cannot hold provisions: its
  variants are terms named ``<name> (<code>)`` (``variant_term``), and the term itself is one
  bracket of references to them (``[US: <T (US)> | RU: <T (RU)>]``), so that it is defined
  once, as a check requires.
- A draft that repeats a clause id (a check error, but it parses) repeats a row key; rows
  nest by position, never by key alone (``_parent_rows``), so ``a`` inside ``a`` ends.

Taking every alternative of one draft (``clausekit render --accept CODE``, or ``take`` here,
which also drops the other drafts' variants and puts a variant term's definition back in its
term) gives back that draft's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from clausekit.compare import Column, Comparison, Row
from clausekit.diff.align import ratio
from clausekit.diff.align import words as similarity_tokens
from clausekit.diff.words import redline
from clausekit.model import (
    FIELDS_EXACTNESS,
    GUARANTEE_FIELDS,
    GUARANTEE_PROSE_FIELDS,
    PROVISION_FIELDS,
    Bracket,
    BracketOption,
    Clause,
    ClauseRef,
    Comment,
    Draft,
    Guarantee,
    Inline,
    Paragraph,
    Party,
    Provenance,
    Term,
    TermRef,
    Text,
    alternative_text,
    draft_provenance,
    exactness_rank,
    join_texts,
    map_guarantee_prose,
    plain_text,
    provenance_lookup,
)

__all__ = [
    "WORD_LEVEL_THRESHOLD",
    "compile_draft",
    "compile_source",
    "drop_inherited",
    "take",
    "variant_id",
    "variant_term",
]

WORD_LEVEL_THRESHOLD = 0.5
"""A draft whose clause is at least this similar to the base's (difflib ratio of their
words) is compared word by word; below it, the clause is a whole alternative."""

# Fields brackets cannot hold (codes, a modal verb, references, the names of fields not known):
# guarantees that differ in any of them are compiled as variants.
_STRUCTURAL_FIELDS = tuple(spec for spec in GUARANTEE_FIELDS if spec.kind != "prose")
# Markup spans stand in the redline as one private-use character each, so that a party
# reference or a term is one token that is either kept or changed, never cut in two.
_PRIVATE = 0xF0000
_SPACES = re.compile(r"\s+")


def variant_id(row_key: str, code: str) -> str:
    """The id of one draft's variant of a row: ``us-guarantee--e3``."""
    return f"{row_key}--{code.lower()}"


def variant_term(name: str, code: str) -> str:
    """The name of one draft's variant of a defined term: ``Security Guarantee (E3)``."""
    return f"{name} ({code})"


# --- the API ---------------------------------------------------------------------------


def compile_draft(comparison: Comparison, draft_id: str = "compilation", title: str | None = None) -> Draft:
    """The compilation text of a comparison, as a draft model (``format_draft`` writes it)."""
    columns = comparison.columns
    builder = _CompilationBuilder(comparison)
    body: list[Clause | Term] = [*builder.terms()]
    body.extend(builder.tree())
    exactness = _worst_exactness(comparison.drafts)
    body = list(drop_inherited(tuple(body), Provenance(exactness=exactness)))
    labels = "; ".join(f"{c.code} = {c.draft.id} ({c.draft.label()}{', ' + c.date if c.date else ''})" for c in columns)
    comments = (
        Comment(" Compilation text made by clausekit compare. Text all drafts share is clean; a bracket holds"),
        Comment(" each draft's alternative, attributed by its code. Drafts:"),
        *(Comment(f"   {c.code}: {c.draft.id} ({c.draft.label()}, {c.date or 'undated'})") for c in columns),
        Comment(" A draft missing from a bracket has no text available there (exactness: missing)."),
    )
    return Draft(
        id=draft_id,
        title=title or "Compilation text: " + " / ".join(c.draft.title for c in columns),
        status="draft",
        source=f"clausekit compare, base {columns[comparison.base].code}; {labels}",
        exactness=exactness,
        parties=_parties(columns),
        body=tuple(body),
        comments=comments,
    )


def compile_source(comparison: Comparison) -> str:
    """The compilation text as canonical clause-language source."""
    from clausekit.language.format import format_draft

    return format_draft(compile_draft(comparison))


def take(compilation: Draft, code: str) -> Draft:
    """One draft's text back from a compilation: its alternative in every bracket
    (``accept_brackets``) and its variant of every row whose variants are split."""
    from clausekit.negotiation.accept import accept_brackets

    # accept_brackets keeps each paragraph's source lines (the prose as written, with its
    # brackets), which ``format_draft`` would write back: drop them, the spans are the text.
    accepted = _resolve_variant_terms(
        _without_source_lines(accept_brackets(compilation, code).draft), [p.code for p in compilation.parties]
    )

    codes = [p.code for p in compilation.parties]

    def keep(item: Clause | Term, parent: Clause | None) -> bool:
        if not isinstance(item, Clause) or parent is None:
            return True
        # A variant is known by its id (its proposer may be another party: Ukraine's proposal
        # inside Russia's positions), and kept only for the draft taken.
        is_variant = any(item.id == variant_id(parent.id, other) for other in codes)
        return not is_variant or item.id == variant_id(parent.id, code)

    def prune(items: tuple[Clause | Term, ...], parent: Clause | None) -> tuple[Clause | Term, ...]:
        out: list[Clause | Term] = []
        for item in items:
            if keep(item, parent):
                out.append(replace(item, children=prune(item.children, item)) if isinstance(item, Clause) else item)
        return tuple(out)

    return replace(accepted, body=prune(accepted.body, None))


def _resolve_variant_terms(draft: Draft, codes: Sequence[str]) -> Draft:
    """After taking one draft's alternatives: a term whose definition is now just a reference
    to its variant (``<T (E3)>``) gets that variant's definition, and every variant term goes."""
    terms = {term.name: term for term in draft.terms()}
    variants = {variant_term(name, code) for name in terms for code in codes} & terms.keys()
    if not variants:
        return draft

    def definition(term: Term) -> tuple[Paragraph, ...]:
        if len(term.definition) == 1 and len(spans := term.definition[0].spans) == 1:
            ref = spans[0]
            if isinstance(ref, TermRef) and ref.name in variants and ref.name.startswith(term.name + " ("):
                return terms[ref.name].definition
        return term.definition

    def prune(items: tuple[Clause | Term, ...]) -> tuple[Clause | Term, ...]:
        out: list[Clause | Term] = []
        for item in items:
            if isinstance(item, Term):
                if item.name not in variants:
                    out.append(replace(item, definition=definition(item)))
            else:
                out.append(replace(item, children=prune(item.children)))
        return tuple(out)

    return replace(draft, body=prune(draft.body))


def _without_source_lines(draft: Draft) -> Draft:
    def para(p: Paragraph) -> Paragraph:
        return replace(p, source_lines=()) if p.source_lines else p

    def item(node: Clause | Term) -> Clause | Term:
        if isinstance(node, Term):
            return replace(node, definition=tuple(para(p) for p in node.definition))
        return replace(
            node,
            paragraphs=tuple(para(p) for p in node.paragraphs),
            children=tuple(item(c) for c in node.children),
            guarantee=None if node.guarantee is None else map_guarantee_prose(node.guarantee, para),
        )

    return replace(draft, body=tuple(item(i) for i in draft.body))


# --- parties and header ---------------------------------------------------------------------


def _worst_exactness(drafts: Sequence[Draft]) -> str | None:
    from clausekit.model import EXACTNESS_LEVELS

    levels = [EXACTNESS_LEVELS.index(d.exactness) for d in drafts if d.exactness in EXACTNESS_LEVELS]
    # "missing" is for placeholders, not whole drafts; a compilation is at best as exact as its worst draft.
    return EXACTNESS_LEVELS[min(max(levels), len(EXACTNESS_LEVELS) - 2)] if levels else None


def _worst(levels: Sequence[str | None]) -> str | None:
    """The least exact of some levels (not stated counts as verbatim); None when none is given."""
    given = [level for level in levels if level is not None]
    return max(given, key=exactness_rank) if given else None


def drop_inherited(items: tuple[Clause | Term, ...], enclosing: Provenance) -> tuple[Clause | Term, ...]:
    """The compiled provisions with each provenance field left out where it is what the
    provision inherits anyway (``model.provenance``), so the text says each once."""
    out: list[Clause | Term] = []
    for item in items:
        if isinstance(item, Term):
            out.append(item)
            continue
        own: dict[str, str | None] = {}
        for spec in PROVISION_FIELDS:
            value = getattr(item, spec.attribute)
            own[spec.attribute] = None if value == getattr(enclosing, spec.attribute) != "missing" else value
        trimmed = replace(item, **own)
        here = enclosing.within(trimmed)
        # Under alternatives a paragraph's mark stays even where the provision's least exact
        # level says the same: taking one draft's text gives the provision that draft's level.
        paragraphs = (
            trimmed.paragraphs if item.alternatives else tuple(_paragraph_within(p, here) for p in trimmed.paragraphs)
        )
        children = drop_inherited(item.children, here.passed_on(trimmed, enclosing))
        out.append(replace(trimmed, paragraphs=paragraphs, children=children))
    return tuple(out)


def _paragraph_within(paragraph: Paragraph, provision: Provenance) -> Paragraph:
    """A paragraph without the provenance it would have from its provision anyway."""
    exactness = None if paragraph.exactness == (provision.exactness or "verbatim") else paragraph.exactness
    source = None if paragraph.source == provision.source else paragraph.source
    return replace(paragraph, exactness=exactness, source=source)


def _parties(columns: Sequence[Column]) -> tuple[Party, ...]:
    """Every party of every draft (the first declaration of a code wins), then the codes that
    stand for a proposer's second draft (``US-2``)."""
    out: dict[str, Party] = {}
    for column in columns:
        for party in column.draft.parties:
            out.setdefault(party.code, Party(party.code, party.name, party.aliases, party.match, party.members))
    for column in columns:
        if column.code in out:
            continue
        proposer = column.draft.party(column.draft.proposer) if column.draft.proposer else None
        name = proposer.name if proposer is not None else column.draft.proposer or column.draft.title
        detail = ", ".join(x for x in (column.draft.id, column.date) if x)
        out[column.code] = Party(column.code, f"{name} ({detail})")
    return tuple(out.values())


# --- rows into provisions -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Alt:
    """One column's text for a row: its paragraphs, or None for a gap."""

    code: str
    paragraphs: tuple[Paragraph, ...] | None


class _CompilationBuilder:
    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.codes = tuple(c.code for c in comparison.columns)
        self.base = comparison.base
        self.provenance = [provenance_lookup(draft) for draft in comparison.drafts]
        # Each draft's clause id -> the row it stands in: cross-references follow the rows.
        self.retarget: list[dict[str, str]] = [{} for _ in comparison.columns]
        for row in comparison.rows:
            for col, cell in enumerate(row.cells):
                if cell.clause is not None:
                    self.retarget[col].setdefault(cell.clause.id, row.key)

    # --- terms ---

    def terms(self) -> list[Term]:
        names: dict[str, list[Term | None]] = {}
        for col, draft in enumerate(self.comparison.drafts):
            for term in draft.terms():
                names.setdefault(term.name, [None] * len(self.codes))
                if names[term.name][col] is None:
                    names[term.name][col] = term
        out: list[Term] = []
        for name, defined in names.items():
            alts = [
                _Alt(code, self._spans_of(col, term.definition) if term is not None else None)
                for col, (code, term) in enumerate(zip(self.codes, defined, strict=True))
            ]
            base = self.base if defined[self.base] is not None else next(i for i, t in enumerate(defined) if t)
            merged = _merge_paragraphs(alts, base, unknown=[])
            if merged is not None:
                out.append(Term(name, merged))
                continue
            # Brackets do not nest: each draft's definition, its own brackets and all, is a
            # variant term of its own, and the term itself is a bracket of references to them.
            variants = [
                Term(variant_term(name, alt.code), alt.paragraphs) for alt in alts if alt.paragraphs is not None
            ]
            options = tuple(
                BracketOption(alt.code, () if alt.paragraphs is None else (TermRef(variant_term(name, alt.code)),))
                for alt in alts
            )
            out.extend([Term(name, (Paragraph((Bracket(options),)),)), *variants])
        return out

    # --- provisions ---

    def tree(self) -> list[Clause]:
        rows = self.comparison.rows
        parents = _parent_rows(rows)
        children: dict[int | None, list[int]] = {}
        for index, parent in enumerate(parents):
            children.setdefault(parent, []).append(index)

        def build(index: int, depth: int) -> Clause:
            below = children.get(index, [])
            nested = [build(child, depth + 1) for child in below]
            return self.provision(rows[index], tuple(_renumber([rows[i] for i in below], nested, self.codes)), depth)

        top = children.get(None, [])
        return _renumber([rows[i] for i in top], [build(index, 0) for index in top], self.codes)

    def provision(self, row: Row, nested: tuple[Clause, ...], depth: int) -> Clause:
        cells = row.cells
        lead = self._lead(row)
        lead_clause = cells[lead].clause
        assert lead_clause is not None
        kind = lead_clause.kind if depth == 0 or lead_clause.kind != "article" else "clause"
        unknown = [self.codes[col] for col, cell in enumerate(cells) if cell.status in ("missing", "unknown")]
        texts = [(col, cell) for col, cell in enumerate(cells) if cell.has_text]
        comments = self._comments(row, unknown)
        shell = Clause(kind, row.key, lead_clause.number, lead_clause.title, comments=tuple(comments))
        if not texts:
            # Nobody's text is known: the row stays a placeholder.
            return replace(shell, exactness="missing", children=nested)

        alts = [
            _Alt(self.codes[col], self._spans_of(col, cell.clause.paragraphs) if cell.has_text else None)  # type: ignore[union-attr]
            for col, cell in enumerate(cells)
            if cell.status not in ("missing", "unknown")
        ]
        reference = next(
            (i for i, alt in enumerate(alts) if alt.code == self.codes[lead] and alt.paragraphs is not None),
            next(i for i, alt in enumerate(alts) if alt.paragraphs is not None),
        )
        guarantees = [cell.clause.guarantee for _, cell in texts]  # type: ignore[union-attr]
        kinds = {cell.clause.kind for _, cell in texts}  # type: ignore[union-attr]
        gaps = any(alt.paragraphs is None for alt in alts)
        splittable = len({k if k != "article" else "clause" for k in kinds}) > 1 or (
            any(g is not None for g in guarantees) and (gaps or bool(unknown) or not _same_structure(guarantees))
        )
        paragraphs = None if splittable else _merge_paragraphs(alts, reference, unknown)
        guarantee = None
        if paragraphs is not None and guarantees[0] is not None:
            guarantee = self._merge_guarantee(row, [col for col, _ in texts], guarantees[0])
            if guarantee is None:
                paragraphs = None
        cols = [col for col, _ in texts]
        if paragraphs is None:
            split = replace(
                shell, kind="clause" if kind == "guarantee" else kind, children=self._variants(row) + nested
            )
            return replace(split, **self._provenance_of(row, cols, attributed=False))
        compiled = replace(
            shell,
            kind="guarantee" if guarantee is not None else kind,
            paragraphs=self._paragraph_provenance(row, cols, paragraphs),
            guarantee=guarantee,
            children=nested,
            fields_exactness=None if guarantee is None else self._fields_exactness(row, cols),
        )
        return replace(compiled, **self._provenance_of(row, cols))

    def _fields_exactness(self, row: Row, cols: Sequence[int]) -> str | None:
        """A merged guarantee's fields are as exact as the least exact part's (its own
        fields-exactness, else its text's); None when that is verbatim."""
        levels = []
        for col in cols:
            clause = row.cells[col].clause
            assert clause is not None
            own, _ = self._cell_provenance(row, col)
            levels.append(clause.fields_exactness or own.exactness or "verbatim")
        worst = _worst(levels)
        if worst not in FIELDS_EXACTNESS.choices:
            # A text whose provision inherits 'missing' (its draft's) is there all the same: its
            # fields are then as exact as nothing checked them, the least a field may say.
            worst = FIELDS_EXACTNESS.choices[-1]
        return None if worst == "verbatim" else worst

    # --- provenance: each compiled provision says what its drafts' provisions say ---

    def _cell_provenance(self, row: Row, col: int) -> tuple[Provenance, Provenance]:
        """A cell's provision's provenance, and its draft's."""
        clause = row.cells[col].clause
        assert clause is not None
        return self.provenance[col](clause), draft_provenance(self.comparison.drafts[col])

    def _provenance_of(self, row: Row, cols: Sequence[int], attributed: bool = True) -> dict[str, Any]:
        """The provenance fields of a row compiled from the text of ``cols``: the least exact
        of their exactness (never more exact than any), and each other field where the
        provisions give their own (not their draft's, which the header lists) and agree.
        With ``attributed``, one ``alternative`` per draft says its own provenance in full,
        since one field cannot hold different dates, proposers or sources."""
        found = [self._cell_provenance(row, col) for col in cols]
        fields: dict[str, Any] = {"exactness": _worst([own.exactness or "verbatim" for own, _ in found])}
        for attribute in ("source", "date", "proposer"):
            # What each provision gives beyond its draft's header (None: only the header's).
            values = [getattr(own, attribute) for own, _ in found]
            given = [
                value if value != getattr(draft, attribute) else None
                for value, (_, draft) in zip(values, found, strict=True)
            ]
            fields[attribute] = given[0] if given[0] is not None and len(set(given)) == 1 else None
        if attributed:
            fields["alternatives"] = tuple(
                alternative_text(self.codes[col], own) for col, (own, _) in zip(cols, found, strict=True)
            )
        return fields

    def _paragraph_provenance(
        self, row: Row, cols: Sequence[int], paragraphs: tuple[Paragraph, ...]
    ) -> tuple[Paragraph, ...]:
        """Each compiled paragraph as exact as the least exact of the paragraphs it holds
        (a paragraph's own exactness, else its provision's)."""
        out: list[Paragraph] = []
        for index, paragraph in enumerate(paragraphs):
            levels: list[str | None] = []
            sources: list[str] = []
            marked = False
            for col in cols:
                clause = row.cells[col].clause
                assert clause is not None
                own, _ = self._cell_provenance(row, col)
                held = clause.paragraphs[index] if index < len(clause.paragraphs) else None
                levels.append((held.exactness if held and held.exactness else own.exactness) or "verbatim")
                marked = marked or bool(held is not None and held.exactness)
                if held is not None and held.source:
                    sources.append(f"{self.codes[col]}: {held.source}" if len(cols) > 1 else held.source)
            # Only a paragraph some draft marks says its own exactness: the others are as exact as
            # each alternative's provision, which its ``alternative`` line gives.
            exactness = _worst(levels) if marked else None
            out.append(replace(paragraph, exactness=exactness, source="; ".join(sources) or None))
        return tuple(out)

    def _lead(self, row: Row) -> int:
        """The column whose clause gives the row its kind, number and title: the base's when
        it has the clause, else the first draft that has it."""
        if row.cells[self.base].clause is not None:
            return self.base
        return next(col for col, cell in enumerate(row.cells) if cell.clause is not None)

    def _comments(self, row: Row, unknown: list[str]) -> list[Comment]:
        out: list[Comment] = []
        labels = {}
        for col, cell in enumerate(row.cells):
            if cell.clause is not None:
                labels[self.codes[col]] = cell.label
        if len(set(labels.values())) > 1:
            out.append(Comment(" " + "; ".join(f"{code}: {label}" for code, label in labels.items())))
        if unknown:
            out.append(Comment(f" text not available (exactness: missing) in: {', '.join(unknown)}"))
        return out

    def _spans_of(self, col: int, paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        """Paragraphs as plain models (no positions), cross-references retargeted to rows."""
        mapping = self.retarget[col]
        return tuple(Paragraph(_retarget(p.spans, mapping)) for p in paragraphs)

    def _merge_guarantee(self, row: Row, cols: list[int], template: Guarantee) -> Guarantee | None:
        fields: dict[str, Any] = {}
        text_alts = {col: row.cells[col].clause.guarantee for col in cols}  # type: ignore[union-attr]
        reference = self.base if self.base in text_alts else cols[0]
        for spec in GUARANTEE_PROSE_FIELDS:
            alts = [_Alt(self.codes[col], self._spans_of(col, spec.values(text_alts[col]))) for col in cols]
            merged = _merge_paragraphs(alts, cols.index(reference), unknown=[])
            if merged is None:
                return None
            if spec.repeatable:
                fields[spec.attribute] = merged
            elif len(merged) > 1:
                return None
            else:
                fields[spec.attribute] = merged[0] if merged else None
        return replace(template, **fields)

    def _variants(self, row: Row) -> tuple[Clause, ...]:
        out: list[Clause] = []
        for col, cell in enumerate(row.cells):
            clause = cell.clause
            if not cell.has_text or clause is None:
                continue
            code = self.codes[col]
            guarantee = clause.guarantee
            if guarantee is not None:
                guarantee = _retarget_guarantee(guarantee, self.retarget[col])
            # A variant is one draft's text: it says that text's provenance in full.
            own, _ = self._cell_provenance(row, col)
            fields = {spec.attribute: getattr(own, spec.attribute) for spec in PROVISION_FIELDS}
            fields["proposer"] = fields["proposer"] or code
            paragraphs = self._paragraph_provenance(row, [col], self._spans_of(col, clause.paragraphs))
            out.append(
                Clause(
                    "clause" if clause.kind == "article" else clause.kind,
                    variant_id(row.key, code),
                    None,
                    None,
                    paragraphs,
                    guarantee=guarantee,
                    fields_exactness=clause.fields_exactness if guarantee is not None else None,
                    **fields,
                )
            )
        return tuple(out)


def _parent_rows(rows: Sequence[Row]) -> list[int | None]:
    """Each row's parent row, by position (None at the top).

    A row names its parent by key, and a draft may repeat a clause id (a check error, but the
    draft parses): ``clause a { clause a { } }`` gives two rows keyed ``a``, one the other's
    parent. Keys alone would nest ``a`` in itself without end, so the parent is the nearest
    row before it with that key (a parent comes before its children in document order), else
    the first such row; a row whose parents lead back to itself stands at the top.
    """
    by_key: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        by_key.setdefault(row.key, []).append(index)
    parents: list[int | None] = []
    for index, row in enumerate(rows):
        candidates = [i for i in by_key.get(row.parent, ()) if i != index] if row.parent is not None else []
        before = [i for i in candidates if i < index]
        parents.append(before[-1] if before else candidates[0] if candidates else None)
    for index in range(len(rows)):
        seen = {index}
        at = parents[index]
        while at is not None:
            if at in seen:
                parents[index] = None  # a cycle: this row goes to the top, which breaks it
                break
            seen.add(at)
            at = parents[at]
    return parents


def _renumber(rows: Sequence[Row], clauses: list[Clause], codes: Sequence[str]) -> list[Clause]:
    """Siblings from different drafts may show one number ("1" in the US plan and in Russia's
    positions): the base draft's clauses keep theirs, another draft's becomes ``RU-1``."""
    taken = {clause.number for row, clause in zip(rows, clauses, strict=True) if row.in_base and clause.number}
    out: list[Clause] = []
    for row, clause in zip(rows, clauses, strict=True):
        if not row.in_base and clause.number is not None:
            if clause.number in taken:
                col = next(i for i, cell in enumerate(row.cells) if cell.clause is not None)
                number = f"{codes[col]}-{clause.number}"
                clause = replace(clause, number=None if number in taken else number)
            if clause.number is not None:
                taken.add(clause.number)
        out.append(clause)
    return out


def _same_structure(guarantees: Sequence[Guarantee | None]) -> bool:
    """Whether guarantees agree on everything that brackets cannot hold (codes, modality,
    which fields are present and how often)."""
    if any(g is None for g in guarantees):
        return False

    def shape(g: Guarantee) -> tuple:
        counts = tuple(len(spec.values(g)) for spec in GUARANTEE_PROSE_FIELDS)
        return (*(getattr(g, spec.attribute) for spec in _STRUCTURAL_FIELDS), counts)

    return len({shape(g) for g in guarantees}) == 1  # type: ignore[arg-type]


def _retarget(spans: tuple[Inline, ...], mapping: dict[str, str]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for span in spans:
        if isinstance(span, ClauseRef) and span.target in mapping:
            out.append(ClauseRef(mapping[span.target]))
        elif isinstance(span, Bracket):
            options = tuple(BracketOption(o.party, _retarget(o.spans, mapping)) for o in span.options)
            out.append(Bracket(options))
        else:
            out.append(span)
    return tuple(out)


def _retarget_guarantee(guarantee: Guarantee, mapping: dict[str, str]) -> Guarantee:
    return map_guarantee_prose(guarantee, lambda p: Paragraph(_retarget(p.spans, mapping)))


# --- paragraphs -------------------------------------------------------------------------


def _has_bracket(paragraphs: tuple[Paragraph, ...] | None) -> bool:
    return bool(paragraphs) and any(isinstance(s, Bracket) for p in paragraphs for s in p.spans)  # type: ignore[union-attr]


def _merge_paragraphs(alts: list[_Alt], reference: int, unknown: list[str]) -> tuple[Paragraph, ...] | None:
    """The compiled paragraphs of one row, or None when brackets cannot hold the difference."""
    present = [alt.paragraphs for alt in alts if alt.paragraphs is not None]
    agree = not unknown and len(present) == len(alts) and all(p == present[0] for p in present)
    if agree:
        return present[0] if present else ()
    if any(_has_bracket(alt.paragraphs) for alt in alts):
        return None  # brackets do not nest: a draft's own brackets inside a difference
    ref = alts[reference].paragraphs
    word_level = (
        not unknown
        and ref is not None
        and all(alt.paragraphs is not None and len(alt.paragraphs) == len(ref) for alt in alts)
        and all(_similar(alt.paragraphs, ref) for alt in alts)  # type: ignore[arg-type]
    )
    if word_level:
        assert ref is not None
        merged = []
        for j in range(len(ref)):
            spans = _merge_spans([alt.paragraphs[j].spans for alt in alts], [a.code for a in alts], reference)  # type: ignore[index]
            if spans is None:
                return _whole(alts, unknown)
            merged.append(Paragraph(spans))
        return tuple(merged)
    return _whole(alts, unknown)


def _words_of(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return similarity_tokens(" ".join(plain_text(p.spans) for p in paragraphs))


def _similar(paragraphs: tuple[Paragraph, ...], reference: tuple[Paragraph, ...]) -> bool:
    if paragraphs == reference:
        return True
    return ratio(_words_of(paragraphs), _words_of(reference)) >= WORD_LEVEL_THRESHOLD


def _whole(alts: list[_Alt], unknown: list[str]) -> tuple[Paragraph, ...]:
    """Each paragraph one bracket of whole alternatives (a draft short of paragraphs, or
    without the clause, holds an empty option); a paragraph every draft shares stays clean
    unless some draft's text is not available."""
    count = max((len(alt.paragraphs) for alt in alts if alt.paragraphs is not None), default=0)
    out: list[Paragraph] = []
    for j in range(count):
        texts = [
            alt.paragraphs[j].spans if alt.paragraphs is not None and j < len(alt.paragraphs) else () for alt in alts
        ]
        if not unknown and all(t == texts[0] for t in texts):
            out.append(Paragraph(texts[0]))
            continue
        out.append(Paragraph((Bracket(tuple(BracketOption(a.code, t) for a, t in zip(alts, texts, strict=True))),)))
    return tuple(out)


# --- word level: one paragraph of every draft against the base's ----------------------------


class _Codec:
    """Markup spans <-> one private-use character each (equal spans, the same character)."""

    def __init__(self) -> None:
        self.chars: dict[Inline, str] = {}
        self.spans: dict[str, Inline] = {}

    def encode(self, spans: tuple[Inline, ...]) -> str | None:
        parts: list[str] = []
        for span in spans:
            if isinstance(span, Text):
                if any(ord(ch) >= _PRIVATE for ch in span.text):
                    return None  # the text itself uses the characters markup is coded as
                parts.append(span.text)
                continue
            char = self.chars.get(span)
            if char is None:
                char = self.chars[span] = chr(_PRIVATE + len(self.chars))
                self.spans[char] = span
            parts.append(char)
        return "".join(parts)

    def decode(self, text: str) -> tuple[Inline, ...]:
        out: list[Inline] = []
        plain: list[str] = []
        for ch in text:
            span = self.spans.get(ch)
            if span is None:
                plain.append(ch)
                continue
            if plain:
                out.append(Text("".join(plain)))
                plain.clear()
            out.append(span)
        if plain:
            out.append(Text("".join(plain)))
        return tuple(out)


def _edits(ref: str, other: str) -> tuple[list[bool], dict[int, str]]:
    """From the word redline of ``ref`` -> ``other``: which characters of ``ref`` the other
    keeps, and what it inserts at each position of ``ref``."""
    kept = [False] * len(ref)
    inserted: dict[int, str] = {}
    at = 0
    for op in redline(ref, other):
        if op.op == "equal":
            for i in range(at, at + len(op.text)):
                kept[i] = True
            at += len(op.text)
        elif op.op == "delete":
            at += len(op.text)
        else:
            inserted[at] = inserted.get(at, "") + op.text
    return kept, inserted


def _merge_spans(texts: list[tuple[Inline, ...]], codes: list[str], reference: int) -> tuple[Inline, ...] | None:
    codec = _Codec()
    encoded = [codec.encode(spans) for spans in texts]
    if any(e is None for e in encoded):
        return None
    strings: list[str] = encoded  # type: ignore[assignment]
    ref = strings[reference]
    edits = [_edits(ref, s) for s in strings]
    length = len(ref)
    common = [all(kept[i] for kept, _ in edits) for i in range(length)]
    points = sorted({p for _, inserted in edits for p in inserted})
    # Differing stretches of ref as [start, end) with the insertion points in [start, end].
    stretches: list[list[int]] = []
    i = 0
    while i < length:
        if not common[i]:
            j = i
            while j < length and not common[j]:
                j += 1
            stretches.append([i, j])
            i = j
        else:
            i += 1
    stretches.extend([p, p] for p in points)
    if not stretches:
        return texts[reference]
    # Widen each stretch to whole words: it starts after, and ends before, white space every
    # draft keeps (or the paragraph's ends); overlapping stretches join.
    widened: list[list[int]] = []
    for start, end in sorted(stretches):
        while start > 0 and not (ref[start - 1].isspace() and common[start - 1]):
            start -= 1
        while end < length and not (ref[end].isspace() and common[end]):
            end += 1
        if widened and start <= widened[-1][1]:
            widened[-1][1] = max(widened[-1][1], end)
        else:
            widened.append([start, end])
    out: list[Inline] = []
    at = 0
    for start, end in widened:
        out.extend(codec.decode(ref[at:start]))
        options = [_piece(ref, kept, inserted, start, end) for kept, inserted in edits]
        if all(option == options[0] for option in options):
            out.extend(codec.decode(options[0]))
        else:
            out.append(
                Bracket(
                    tuple(
                        BracketOption(code, codec.decode(_SPACES.sub(" ", option).strip()))
                        for code, option in zip(codes, options, strict=True)
                    )
                )
            )
        at = end
    out.extend(codec.decode(ref[at:]))
    return join_texts(out)


def _piece(ref: str, kept: list[bool], inserted: dict[int, str], start: int, end: int) -> str:
    """One draft's words for ref[start:end]: the characters it keeps and what it inserts."""
    parts: list[str] = []
    for i in range(start, end + 1):
        if i in inserted:
            parts.append(inserted[i])
        if i < end and kept[i]:
            parts.append(ref[i])
    return "".join(parts)
