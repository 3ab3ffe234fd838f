"""A draft as view data: what a reader sees, resolved, before any layout.

Every renderer (the Markdown, HTML and text templates, the DOCX writer, the redline)
lays out the same ``DraftView``, so they cannot disagree about a party's name, a
cross-reference's number or what a missing text looks like. Only words are decided
here; markup is left to the templates and to ``docx.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2

from clausekit.model import (
    GUARANTEE_FIELDS,
    Bracket,
    Clause,
    ClauseRef,
    Draft,
    FieldSpec,
    Guarantee,
    Inline,
    Paragraph,
    PartyRef,
    Provenance,
    Term,
    TermRef,
    Text,
    cite_number,
    draft_provenance,
    iter_enclosing,
    iter_provenance,
)

GUARANTEE_TEMPLATE = "draft.guarantee.j2"
GENERATED_MARK = "[generated from the structured fields]"

# What a reader must be told about a draft that is not the verbatim official text.
DRAFT_NOTICES = {
    "reconstructed": "Reconstructed from reports of the text; not an official text.",
    "translated": "Unofficial translation; not an authentic text.",
    "paraphrase": "Paraphrase of the reported content; not the words of the text.",
    "unverified": "Not checked against any copy of the text; not an official text.",
    "missing": "The text is not available; only its structure is known.",
}
# The same, for one provision whose exactness differs from its draft's.
CLAUSE_MARKS = {
    "verbatim": "Verbatim text",
    "reconstructed": "Reconstructed text, not official",
    "translated": "Unofficial translation",
    "paraphrase": "Paraphrase, not the words of the text",
    "unverified": "Unverified text, not checked against any copy",
}

# The mark of a provision its source gives only in part (``extent: excerpt``; not inherited).
EXCERPT_MARK = "excerpt: the source gives only part of this provision"

# The notice of a draft that is verbatim as a whole but not in every part.
PARTLY_NOTICE = "Not every part of this text is verbatim: {exceptions}."
# How many provisions the exactness summary names for one level before it counts the rest.
SUMMARY_NAMES = 6

_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")


# --- view data ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a paragraph. ``kind``: text, party, term (a use), definiendum (a term
    where it is defined), ref (a resolved cross-reference), broken-ref, bracket, mark
    (words added by clausekit, such as the generated-wording mark)."""

    kind: str
    text: str
    href: str | None = None
    options: tuple[Option, ...] = ()


@dataclass(frozen=True, slots=True)
class Option:
    """One alternative of a bracket: who proposes it (a party code) and its words."""

    party: str | None
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class ParagraphView:
    """``kind``: prose, definition, generated (wording made from guarantee fields),
    placeholder (the text is not known) or note (exactness, source, proposer)."""

    kind: str
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True, slots=True)
class ItemView:
    """One provision or defined term, flat, with its depth (1 = top level).

    A provision with a title gets a ``heading``; one without starts its first
    paragraph with its number (``lead``), the way treaty points are printed.
    ``owner`` is the position in ``Draft.walk()`` of the provision the item belongs to
    in a diff (a term belongs to the provision printed before it; -1 before any).
    Positions, not ids: a draft with a duplicated id still renders and compares.
    """

    kind: str
    id: str
    anchor: str
    level: int
    heading: str | None
    lead: str | None
    paragraphs: tuple[ParagraphView, ...]
    owner: int


@dataclass(frozen=True, slots=True)
class DraftView:
    title: str
    rows: tuple[tuple[str, str], ...]
    notice: str | None
    items: tuple[ItemView, ...]
    language: str = "en"


# --- building ---------------------------------------------------------------------------


def clause_anchor(clause_id: str) -> str:
    return "c-" + clause_id


def term_anchor(name: str) -> str:
    return "t-" + (_NOT_ANCHOR.sub("-", name.lower()).strip("-") or "term")


def citations(draft: Draft) -> dict[str, str]:
    """Each provision's current number as a reader cites it: ``10``, ``10(a)``, ``1(2)``.

    A nested number is cited under its parents' numbers, the way "Article 1(2)" is,
    unless it already carries them ("10(c)").
    """
    out: dict[str, str] = {}

    def visit(items: tuple[Clause | Term, ...], prefix: str) -> None:
        for item in items:
            if not isinstance(item, Clause):
                continue
            cited = cite_number(item.number, prefix)
            if item.number is not None:
                out[item.id] = cited
            elif item.title:
                out[item.id] = f"“{item.title}”"
            else:
                out[item.id] = f"{prefix} (unnumbered provision)" if prefix else "(unnumbered provision)"
            visit(item.children, cited)

    visit(draft.body, "")
    return out


class _DraftViewBuilder:
    def __init__(self, draft: Draft, env: jinja2.Environment) -> None:
        self.draft = draft
        self.env = env
        self.names = {p.code: p.name for p in draft.parties}
        self.cited = citations(draft)
        self.term_anchors: dict[str, str] = {}
        self.position = -1  # of the last provision visited, in walk() order
        used: set[str] = set()
        for term in draft.terms():
            anchor = term_anchor(term.name)
            while anchor in used:
                anchor += "-"
            used.add(anchor)
            self.term_anchors.setdefault(term.name, anchor)

    # -- inline

    def party_name(self, code: str) -> str:
        return self.names.get(code, code)

    def segments(self, spans: tuple[Inline, ...]) -> tuple[Segment, ...]:
        out: list[Segment] = []
        for span in spans:
            if isinstance(span, Text):
                out.append(Segment("text", span.text))
            elif isinstance(span, PartyRef):
                out.append(Segment("party", self.party_name(span.code)))
            elif isinstance(span, TermRef):
                anchor = self.term_anchors.get(span.name)
                out.append(Segment("term", span.name, "#" + anchor if anchor else None))
            elif isinstance(span, ClauseRef):
                cited = self.cited.get(span.target)
                if cited is None:
                    out.append(Segment("broken-ref", f"[unresolved reference #{span.target}]"))
                else:
                    out.append(Segment("ref", cited, "#" + clause_anchor(span.target)))
            else:
                out.append(self.bracket(span))
        return tuple(out)

    def bracket(self, bracket: Bracket) -> Segment:
        options = tuple(Option(o.party, self.segments(o.spans)) for o in bracket.options)
        words = []
        for option in options:
            text = option.text or "(nothing)"
            words.append(f"{option.party}: {text}" if option.party else text)
        return Segment("bracket", "[" + " / ".join(words) + "]", options=options)

    def plain(self, paragraph: Paragraph | None) -> str:
        return "".join(s.text for s in self.segments(paragraph.spans)) if paragraph else ""

    def field_words(self, spec: FieldSpec, guarantee: Guarantee) -> object:
        """A guarantee field as the wording template reads it: a list for a repeatable field
        (party names for codes), else the words or None."""
        values = spec.values(guarantee)
        if spec.kind == "codes":
            return [self.party_name(code) for code in values]
        words = [self.plain(v) if isinstance(v, Paragraph) else v for v in values]
        return words if spec.repeatable else (words[0] or None) if words else None

    # -- provisions

    def generated(self, guarantee: Guarantee) -> ParagraphView:
        """Prose made from a guarantee's fields by a template, marked as such."""
        template = self.env.get_template(GUARANTEE_TEMPLATE)
        text = template.render(**{spec.attribute: self.field_words(spec, guarantee) for spec in GUARANTEE_FIELDS})
        text = " ".join(text.split())
        return ParagraphView("generated", (Segment("text", text + " "), Segment("mark", GENERATED_MARK)))

    def notes(self, clause: Clause, own: Provenance, enclosing: Provenance) -> list[ParagraphView]:
        """What a reader must be told of a provision whose provenance differs from that of
        what encloses it (the one note covers the provisions it holds, which inherit it)."""
        parts: list[str] = []
        exactness = own.exactness or "verbatim"
        if exactness != "missing" and exactness != (enclosing.exactness or "verbatim"):
            parts.append(CLAUSE_MARKS.get(exactness, exactness))
        if clause.is_excerpt:
            parts.append(EXCERPT_MARK)
        if own.source and own.source != enclosing.source and not clause.is_placeholder:
            parts.append(f"source: {own.source}")
        if own.proposer and own.proposer != enclosing.proposer:
            parts.append(f"proposed by {self.party_name(own.proposer)}")
        if own.date and own.date != enclosing.date:
            parts.append(f"dated {own.date}")
        if not parts:
            return []
        text = "; ".join(parts)
        return [ParagraphView("note", (Segment("mark", "[" + text[:1].upper() + text[1:] + "]"),))]

    def paragraph_note(self, paragraph: Paragraph, provision: Provenance) -> list[ParagraphView]:
        """The note under a paragraph whose own provenance differs from its provision's."""
        parts: list[str] = []
        exactness = paragraph.exactness
        if exactness and exactness != (provision.exactness or "verbatim"):
            parts.append(CLAUSE_MARKS.get(exactness, exactness))
        if paragraph.source and paragraph.source != provision.source:
            parts.append(f"source: {paragraph.source}")
        if not parts:
            return []
        text = "This paragraph: " + "; ".join(parts)
        return [ParagraphView("note", (Segment("mark", "[" + text + "]"),))]

    def heading(self, clause: Clause) -> tuple[str | None, str | None]:
        number, title = clause.number, clause.title
        if clause.kind == "article":
            word = "Article" + (f" {number}" if number else "")
            return (f"{word} — {title}" if title else word), None
        if title:
            return (f"{number}. {title}" if number else title), None
        if number is None:
            return None, None
        return None, number if number.endswith((")", ".")) else number + "."

    def clause(self, clause: Clause, level: int, items: list[ItemView], enclosing: Provenance) -> None:
        own = enclosing.within(clause)
        self.position += 1
        position = self.position
        heading, lead = self.heading(clause)
        paragraphs: list[ParagraphView] = []
        if clause.is_placeholder:
            source = own.source or "source not given"
            paragraphs.append(ParagraphView("placeholder", (Segment("mark", f"[Text not available: {source}]"),)))
        for paragraph in clause.paragraphs:
            paragraphs.append(ParagraphView("prose", self.segments(paragraph.spans)))
            paragraphs.extend(self.paragraph_note(paragraph, own))
        if clause.guarantee is not None and not clause.paragraphs and not clause.is_placeholder:
            paragraphs.append(self.generated(clause.guarantee))
        # Notes come after the words they qualify, so a point still starts with its number and text.
        paragraphs.extend(self.notes(clause, own, enclosing))
        items.append(
            ItemView(
                clause.kind, clause.id, clause_anchor(clause.id), level, heading, lead, tuple(paragraphs), position
            )
        )
        self.children(clause.children, level + 1, items, own.passed_on(clause, enclosing))

    def term(self, term: Term, level: int, owner: int) -> ItemView:
        paragraphs = []
        for index, paragraph in enumerate(term.definition):
            segments = self.segments(paragraph.spans)
            if index == 0:
                segments = (Segment("definiendum", f"“{term.name}”"), Segment("text", " means "), *segments)
            paragraphs.append(ParagraphView("definition", segments))
        if not paragraphs:
            paragraphs.append(ParagraphView("definition", (Segment("definiendum", f"“{term.name}”"),)))
        anchor = self.term_anchors.get(term.name, term_anchor(term.name))
        return ItemView("term", term.name, anchor, level, None, None, tuple(paragraphs), owner)

    def children(
        self, children: tuple[Clause | Term, ...], level: int, items: list[ItemView], enclosing: Provenance
    ) -> None:
        for child in children:
            if isinstance(child, Clause):
                self.clause(child, level, items, enclosing)
            else:
                # A term belongs to the last provision printed before it.
                items.append(self.term(child, level, self.position))

    # -- the draft

    def exceptions(self) -> dict[str, list[str]]:
        """The provisions and paragraphs less or more exact than what encloses them, by
        level, in document order, each as a reader cites it ("5", "10(a), paragraph 2")."""
        out: dict[str, list[str]] = {}
        enclosing = {id(c): p for c, p in iter_enclosing(self.draft)}
        for clause, own in iter_provenance(self.draft):
            cited = self.cited.get(clause.id, clause.id)
            level = own.exactness or "verbatim"
            if level != (enclosing[id(clause)].exactness or "verbatim"):
                out.setdefault(level, []).append(cited)
            for number, paragraph in enumerate(clause.paragraphs, start=1):
                if paragraph.exactness and paragraph.exactness != level:
                    out.setdefault(paragraph.exactness, []).append(f"{cited}, paragraph {number}")
        return out

    def exactness_summary(self) -> str | None:
        """The draft's exactness, then every part that differs: "verbatim, except 5, 6:
        unverified" (a title block must not say "verbatim" of a text that is not all verbatim)."""
        exceptions = self.exceptions()
        if not exceptions:
            return self.draft.exactness
        parts = [
            f"{_name_parts(cited)}: {'text not available' if level == 'missing' else level}"
            for level, cited in exceptions.items()
        ]
        return f"{self.draft.exactness or 'verbatim'}, except " + "; ".join(parts)

    def notice(self, summary: str | None) -> str | None:
        """What every page must say when any part of the text is not verbatim."""
        notice = DRAFT_NOTICES.get(self.draft.exactness or "")
        if notice is not None or summary is None or summary == self.draft.exactness:
            return notice
        # A placeholder presents no text, so it needs no warning on every page; any other
        # level below verbatim does.
        texts = {level: cited for level, cited in self.exceptions().items() if level not in ("verbatim", "missing")}
        if not texts:
            return None
        return PARTLY_NOTICE.format(exceptions="; ".join(f"{_name_parts(c)}: {level}" for level, c in texts.items()))

    def title_rows(self) -> tuple[tuple[str, str], ...]:
        d = self.draft
        rows: list[tuple[str, str]] = []
        if d.proposer:
            name = self.names.get(d.proposer)
            rows.append(("Proposer", f"{name} ({d.proposer})" if name else d.proposer))
        for label, value in (
            ("Date", d.date),
            ("Version", d.version),
            ("Status", d.status),
            ("Source", d.source),
            ("Exactness", self.exactness_summary()),
        ):
            if value:
                rows.append((label, value))
        if d.parties:
            rows.append(("Parties", "; ".join(f"{p.code}: {p.name}" for p in d.parties)))
        return tuple(rows)

    def build(self) -> DraftView:
        items: list[ItemView] = []
        self.children(self.draft.body, 1, items, draft_provenance(self.draft))
        notice = self.notice(self.exactness_summary())
        return DraftView(self.draft.title, self.title_rows(), notice, tuple(items), self.draft.language)


def _name_parts(cited: list[str]) -> str:
    """Provisions as a summary names them: runs of whole numbers as ranges ("5-6"), at most
    ``SUMMARY_NAMES`` names, then how many more; unnumbered provisions counted."""
    numbered = [c for c in cited if not c.endswith("(unnumbered provision)")]
    unnumbered = len(cited) - len(numbered)
    names: list[str] = []
    for name in numbered:
        previous = names[-1].rsplit("-", 1)[-1] if names else ""
        if name.isdigit() and previous.isdigit() and int(name) == int(previous) + 1:
            names[-1] = names[-1].split("-")[0] + "-" + name
        else:
            names.append(name)
    text = ", ".join(names[:SUMMARY_NAMES])
    if len(names) > SUMMARY_NAMES:
        text += f" and {len(names) - SUMMARY_NAMES} more"
    if unnumbered:
        counted = f"{unnumbered} unnumbered provision{'s' if unnumbered > 1 else ''}"
        text = f"{text} and {counted}" if text else counted
    return text


def build_view(draft: Draft, env: jinja2.Environment) -> DraftView:
    """The view of a draft; ``env`` supplies the template for generated guarantee wording."""
    return _DraftViewBuilder(draft, env).build()
