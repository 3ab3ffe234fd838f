"""A draft as an Akoma Ntoso 3.0 document (OASIS LegalDocML), valid by the official schema.

The draft becomes an ``act`` named ``treaty``: FRBR metadata from its header, its parties as
``TLCOrganization`` references, its provisions as ``article`` / ``paragraph`` / ``point``
with ``eId``s built from the clause ids (so they survive renumbering) and ``num`` as readers
see it, terms as ``def`` / ``term``, cross-references as ``ref`` and negotiation brackets as
``inline`` alternatives whose ``refersTo`` names the delegation that holds each one.

What the standard has no room for (exactness, a provision's own source, the guarantee
fields, the parties' aliases) is kept in clausekit's own namespace (``CK``): attributes on
the elements, and one ``proprietary`` block in ``meta``. ``clausekit.importers.akn`` reads
all of it back, so ``import(render_akn(draft)) == draft``; docs/akn.md has the mapping.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from contextvars import ContextVar

from lxml import etree

from clausekit.errors import ClauseKitWarning
from clausekit.model import (
    CORRESPONDENCE_FIELDS,
    GUARANTEE_FIELDS,
    Bracket,
    Clause,
    ClauseRef,
    Draft,
    Inline,
    Paragraph,
    Party,
    PartyRef,
    Term,
    TermRef,
    Text,
)
from clausekit.render.draft.view import DraftView, ParagraphView, build_view, citations

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CK = "https://clausekit.org/ns/akn/1.0"
"""clausekit's namespace, for what Akoma Ntoso has no element or attribute for."""
NSMAP = {None: AKN, "ck": CK}

SOURCE_ID = "clausekit"
"""The TLC that every ``source`` attribute names: the tool that wrote the metadata."""
COUNTRY = "int"
"""FRBRcountry for a treaty between states: no one country's law (see docs/akn.md)."""

ELEMENT_PREFIX = {"article": "art", "paragraph": "para", "point": "point", "hcontainer": "hcontainer"}
"""The eId prefix of each element clausekit writes, as the naming convention abbreviates it."""

TERM_CONTAINER = "term"
PROSE_CONTAINER = "prose"
"""``hcontainer`` names: a defined term, and prose standing between two nested provisions."""
GENERATED = "guarantee-fields"
"""``ck:generated`` on a ``p``: its words were made from a guarantee's fields (the wording the other
formats print), not drafted; the importer leaves such a ``p`` out, so the draft comes back as it was."""

LANGUAGES = {"en": "eng", "uk": "ukr", "ru": "rus", "fr": "fra", "de": "deu", "pl": "pol", "zh": "zho", "es": "spa"}
"""ISO 639-1 codes (what a draft says) to ISO 639-2 (what FRBRlanguage says)."""

DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""What XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates."""

_removed: ContextVar[dict[str, int] | None] = ContextVar("removed", default=None)


def ak(tag: str) -> str:
    return f"{{{AKN}}}{tag}"


def ck(tag: str) -> str:
    return f"{{{CK}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None) -> etree._Element:
    """A new AKN child of ``parent`` (attributes whose value is None are left out)."""
    element = etree.SubElement(parent, tag if tag.startswith("{") else ak(tag))
    for name, value in attributes.items():
        if value is not None:
            element.set(attribute_name(name), checked(value))
    if text is not None:
        element.text = checked(text)
    return element


def attribute_name(keyword: str) -> str:
    """An attribute's name from a Python keyword: ``ck_date`` is ``ck:date``, ``class_`` is ``class``."""
    if keyword.startswith("ck_"):
        return ck(keyword[3:])
    return keyword.rstrip("_")


def checked(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold, counted for the warning
    ``render_akn`` gives (as the Word writer does: the rest of the draft is still worth having)."""
    if not _NOT_XML.search(text):
        return text
    removed = _removed.get()
    if removed is not None:
        for ch in _NOT_XML.findall(text):
            removed[ch] = removed.get(ch, 0) + 1
    return _NOT_XML.sub("", text)


def language_code(language: str) -> str:
    """The ISO 639-2 code FRBRlanguage wants for a draft's language code."""
    return LANGUAGES.get(language, language)


def frbr_date(date: str | None) -> tuple[str, str]:
    """(date, name) for an FRBRdate: the schema wants a whole day, so a year or a month is
    written as its first day and the name says how much of it the draft knows."""
    if date is None:
        return "0001-01-01", "undated"
    precision = DATE_PRECISION.get(len(date), "day")
    whole = (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]
    return whole, "draft" if precision == "day" else f"draft (only the {precision} is known)"


def child_eid(parent_eid: str | None, element: str, clause_id: str) -> str:
    """``art_guarantees__para_term-of-guarantee``: the parent's eId, then the element's prefix and the id."""
    own = f"{ELEMENT_PREFIX[element]}_{clause_id}"
    return f"{parent_eid}__{own}" if parent_eid else own


def term_eid(name: str) -> str:
    """``term-security-guarantee``: the name's letters and digits (any script), runs of anything
    else as one '-', so that the eId is also a URI reference ("Annex [A]", "Item #1", "Rate%")."""
    kept = "".join(ch if ch.isalnum() or ch in "-." else " " for ch in name.lower())
    return "term-" + ("-".join(kept.split()) or "name")


def provision_element(clause: Clause, parent: Clause | None) -> str:
    """``article`` for an article; ``paragraph`` for a clause of an article or the top level;
    ``point`` for a clause inside a clause."""
    if clause.kind == "article":
        return "article"
    return "point" if parent is not None and parent.kind != "article" else "paragraph"


def num_text(clause: Clause) -> str | None:
    """The number as readers see it: ``Article 5``, ``10.``, ``10(c)``."""
    if clause.number is None:
        return None
    if clause.kind == "article":
        return f"Article {clause.number}"
    return clause.number if clause.number.endswith((")", ".")) else clause.number + "."


NUMBER_WORDS = frozenset(
    ["article", "art", "section", "sec", "paragraph", "para", "chapter", "chap", "part", "title", "book", "division"]
)
"""Words a ``num`` may start with before the number itself (``Chapter II``, ``Art. 5``)."""


def number_from_num(text: str) -> str:
    """The inverse of ``num_text`` (also for other tools' ``num``: ``Art. 5``, ``(a)``, ``1.``)."""
    words = text.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in NUMBER_WORDS:
        text = " ".join(words[1:])
    text = text.strip()
    if text.endswith(".") and len(text) > 1:
        text = text[:-1]
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1 and len(text) > 2:
        text = text[1:-1]
    return text


class _AknDocumentWriter:
    """Writes one draft's tree; holds what inline markup needs (eIds of clauses, citations)."""

    def __init__(self, draft: Draft, view: DraftView) -> None:
        self.draft = draft
        self.generated = self._generated(draft, view)
        self.cited = citations(draft)
        self.eids: dict[str, str] = {}  # a clause id -> the eId of the first provision with it
        self.eid_of: dict[int, str] = {}  # id() of a provision or term -> its eId
        self.used: set[str] = set()
        self.term_ids = self._term_ids(draft)
        self.guarantees: list[tuple[str, Clause]] = []
        self._collect_eids(draft.body, None, None)

    def _collect_eids(self, items: Iterable[Clause | Term], parent: Clause | None, parent_eid: str | None) -> None:
        """Give every provision and term its eId, in document order. An eId is unique in a
        document (the schema says so); a second provision with the same id gets ``-2``."""
        for item in items:
            if isinstance(item, Term):
                self.eid_of[id(item)] = self.unique(child_eid(parent_eid, "hcontainer", term_eid(item.name)))
                continue
            eid = self.unique(child_eid(parent_eid, provision_element(item, parent), item.id))
            self.eid_of[id(item)] = eid
            self.eids.setdefault(item.id, eid)
            self._collect_eids(item.children, item, eid)

    @staticmethod
    def _generated(draft: Draft, view: DraftView) -> dict[int, ParagraphView]:
        """id() of each guarantee with no prose of its own -> the wording the view made from its
        fields. The view's items name their provision by its position in ``Draft.walk()``."""
        clauses = draft.walk()
        out: dict[int, ParagraphView] = {}
        for item in view.items:
            if item.kind == "term":
                continue
            for paragraph in item.paragraphs:
                if paragraph.kind == "generated":
                    out[id(clauses[item.owner])] = paragraph
        return out

    @staticmethod
    def _term_ids(draft: Draft) -> dict[str, str]:
        """Each term name's TLCTerm eId (``term-security-guarantee``), unique among them."""
        out: dict[str, str] = {}
        for term in draft.terms():
            if term.name not in out:
                base, count = term_eid(term.name), 1
                while (base if count == 1 else f"{base}-{count}") in out.values():
                    count += 1
                out[term.name] = base if count == 1 else f"{base}-{count}"
        return out

    def term_ref(self, name: str) -> str:
        return "#" + self.term_ids.get(name, term_eid(name))

    def unique(self, eid: str) -> str:
        candidate, count = eid, 1
        while candidate in self.used:
            count += 1
            candidate = f"{eid}-{count}"
        self.used.add(candidate)
        return candidate

    # --- the document

    def document(self) -> etree._Element:
        root = etree.Element(ak("akomaNtoso"), nsmap=NSMAP)
        act = sub(root, "act", name="treaty")
        meta = sub(act, "meta")
        self.identification(meta)
        self.references(meta)
        proprietary = sub(meta, "proprietary", source=f"#{SOURCE_ID}")
        preface = sub(act, "preface")
        sub(sub(preface, "p"), "docTitle", self.draft.title)
        body = sub(act, "body")
        if not self.draft.body:
            # The schema wants at least one provision in a body: an empty draft says so.
            sub(sub(sub(body, "hcontainer", eId="hcontainer_empty", name="empty"), "content"), "p")
        self.items(body, self.draft.body, None, None)
        self.proprietary(proprietary)  # after the body: it lists the guarantees the body met
        indent(root)
        return root

    def identification(self, meta: etree._Element) -> None:
        draft = self.draft
        work_uri = f"/akn/{COUNTRY}/act/treaty/{frbr_date(draft.date)[0][:4]}/{draft.id}"
        language = language_code(draft.language)
        expression_uri = f"{work_uri}/{language}"
        author = f"#{draft.proposer}" if draft.proposer else ""
        date, date_name = frbr_date(draft.date)
        identification = sub(meta, "identification", source=f"#{SOURCE_ID}")
        for level, uri in (
            ("FRBRWork", work_uri),
            ("FRBRExpression", expression_uri),
            ("FRBRManifestation", expression_uri + "/main.xml"),
        ):
            element = sub(identification, level)
            sub(element, "FRBRthis", value=uri + ("/!main" if level == "FRBRWork" else ""))
            sub(element, "FRBRuri", value=uri)
            if level == "FRBRWork":
                sub(element, "FRBRalias", value=draft.title, name="title")
            sub(element, "FRBRdate", date=date, name=date_name, ck_date=draft.date)
            sub(element, "FRBRauthor", href=author if level != "FRBRManifestation" else f"#{SOURCE_ID}")
            if level == "FRBRWork":
                sub(element, "FRBRcountry", value=COUNTRY)
            elif level == "FRBRExpression":
                if draft.version is not None:
                    sub(element, "FRBRversionNumber", value=draft.version)
                sub(element, "FRBRlanguage", language=language, ck_code=draft.language)

    def references(self, meta: etree._Element) -> None:
        references = sub(meta, "references", source=f"#{SOURCE_ID}")
        sub(references, "TLCOrganization", eId=SOURCE_ID, href="/ontology/organization/clausekit", showAs="clausekit")
        declared: set[str] = set()
        for party in self.draft.parties:
            if party.code in declared:  # declared twice (check's error): the first is what references name
                continue
            declared.add(party.code)
            href = f"/ontology/organization/{COUNTRY}/{party.code.lower()}"
            sub(references, "TLCOrganization", eId=party.code, href=href, showAs=party.name)
        for name, eid in self.term_ids.items():
            sub(references, "TLCTerm", eId=eid, href=f"/ontology/term/{eid}", showAs=name)

    def proprietary(self, proprietary: etree._Element) -> None:
        draft = self.draft
        header = {spec: getattr(draft, spec) for spec in ("proposer", "date", "version", "status", "source")}
        sub(proprietary, ck("draft"), id=draft.id, title=draft.title, exactness=draft.exactness, **header)
        for party in draft.parties:
            self.party(proprietary, party)
        for eid, clause in self.guarantees:
            self.guarantee(proprietary, eid, clause)

    def party(self, proprietary: etree._Element, party: Party) -> None:
        element = sub(proprietary, ck("party"), code=party.code, name=party.name)
        for alias in party.aliases:
            sub(element, ck("aka"), alias)
        for alias in party.match:
            sub(element, ck("match"), alias)
        for member in party.members:
            sub(element, ck("member"), member)

    def guarantee(self, proprietary: etree._Element, eid: str, clause: Clause) -> None:
        """A guarantee's fields, one ``ck:field`` a value; prose values hold AKN inline markup."""
        element = sub(proprietary, ck("guarantee"), href=f"#{eid}")
        guarantee = clause.guarantee
        if guarantee is None:
            return
        for spec in GUARANTEE_FIELDS:
            for value in spec.values(guarantee):
                field = sub(element, ck("field"), name=spec.name)
                if isinstance(value, Paragraph):
                    self.inline(field, value.spans)
                else:
                    field.text = checked(value)

    # --- provisions

    def items(
        self, holder: etree._Element, items: Iterable[Clause | Term], parent: Clause | None, parent_eid: str | None
    ) -> None:
        for item in items:
            if isinstance(item, Term):
                self.term(holder, item, parent_eid)
            else:
                self.clause(holder, item, parent, parent_eid)

    def term(self, holder: etree._Element, term: Term, parent_eid: str | None) -> None:
        eid = self.eid_of[id(term)]
        container = sub(holder, "hcontainer", eId=eid, name=TERM_CONTAINER)
        sub(sub(container, "heading"), "def", term.name, refersTo=self.term_ref(term.name))
        if term.definition:
            self.paragraphs(sub(container, "content"), term.definition)

    def clause(self, holder: etree._Element, clause: Clause, parent: Clause | None, parent_eid: str | None) -> None:
        element_name = provision_element(clause, parent)
        eid = self.eid_of[id(clause)]
        shown = num_text(clause)
        element = sub(
            holder,
            element_name,
            eId=eid,
            class_="guarantee" if clause.kind == "guarantee" else None,
            ck_id=clause.id if eid != child_eid(parent_eid, element_name, clause.id) else None,
            ck_number=clause.number if shown is not None and number_from_num(shown) != clause.number else None,
            ck_source=clause.source,
            ck_exactness=clause.exactness,
            ck_extent=clause.extent,
            ck_date=clause.date,
            ck_proposer=clause.proposer,
            **{"ck_fields-exactness": clause.fields_exactness},
            **self.correspondences(clause),
        )
        if shown is not None:
            sub(element, "num", shown)
        if clause.title is not None:
            sub(element, "heading", clause.title)
        if clause.kind == "guarantee":
            self.guarantees.append((eid, clause))
        generated = self.generated.get(id(clause))
        if generated is not None:
            # Only a guarantee without prose has it: it stands where that prose would.
            self.generated_wording(sub(element, "intro" if clause.children else "content"), generated)
        if not clause.children:
            if clause.paragraphs:
                self.paragraphs(sub(element, "content"), clause.paragraphs)
            return
        self.mixed(element, clause, eid)

    @staticmethod
    def correspondences(clause: Clause) -> dict[str, str | None]:
        """``ck:corresponds="sovereignty draft-id::clause-id"``: the values, which hold no white
        space (issue keys and clause references), separated by spaces; none when not given."""
        return {f"ck_{spec.name}": " ".join(spec.values(clause)) or None for spec in CORRESPONDENCE_FIELDS}

    def generated_wording(self, holder: etree._Element, paragraph: ParagraphView) -> None:
        """The wording made from a guarantee's fields, as a ``p`` marked ``ck:generated``; the
        mark readers see in the other formats ends it as a ``span`` of class ``generated``."""
        p = sub(holder, "p", ck_generated=GENERATED)
        words = [segment for segment in paragraph.segments if segment.kind != "mark"]
        p.text = checked("".join(segment.text for segment in words))
        for segment in paragraph.segments:
            if segment.kind == "mark":
                sub(p, "span", segment.text, class_="generated")

    def mixed(self, element: etree._Element, clause: Clause, eid: str) -> None:
        """Prose and nested provisions in source order: prose before the first in ``intro``,
        after the last in ``wrapUp``, between two in an ``hcontainer`` named ``prose``."""
        order = sorted([*clause.paragraphs, *clause.children], key=lambda item: item.location.line)
        if any(item.location.line == 0 for item in order):
            order = [*clause.paragraphs, *clause.children]
        first = next(i for i, item in enumerate(order) if not isinstance(item, Paragraph))
        last = max(i for i, item in enumerate(order) if not isinstance(item, Paragraph))
        if first:
            self.paragraphs(sub(element, "intro"), order[:first])
        between = 0
        for item in order[first : last + 1]:
            if isinstance(item, Paragraph):
                between += 1
                container = sub(element, "hcontainer", eId=f"{eid}__hcontainer_prose-{between}", name=PROSE_CONTAINER)
                self.paragraphs(sub(container, "content"), [item])
            else:
                self.items(element, [item], clause, eid)
        if last + 1 < len(order):
            self.paragraphs(sub(element, "wrapUp"), order[last + 1 :])

    def paragraphs(self, holder: etree._Element, paragraphs: Iterable[Paragraph]) -> None:
        """One ``p`` a paragraph, with its own provenance (``~ source:``, ``~ exactness:``) as
        ``ck:source`` and ``ck:exactness`` where it has one."""
        for paragraph in paragraphs:
            p = sub(holder, "p", ck_source=paragraph.source, ck_exactness=paragraph.exactness)
            self.inline(p, paragraph.spans)

    # --- inline markup

    def inline(self, element: etree._Element, spans: Iterable[Inline]) -> None:
        """``spans`` added to the content of ``element``: text, and the elements for the markup."""
        last: etree._Element | None = element[-1] if len(element) else None
        for span in spans:
            if isinstance(span, Text):
                if last is None:
                    element.text = (element.text or "") + checked(span.text)
                else:
                    last.tail = (last.tail or "") + checked(span.text)
                continue
            last = self.markup(element, span)

    def markup(self, element: etree._Element, span: Inline) -> etree._Element:
        if isinstance(span, PartyRef):
            party = self.draft.party(span.code)
            return sub(element, "party", party.name if party else span.code, refersTo=f"#{span.code}")
        if isinstance(span, TermRef):
            return sub(element, "term", span.name, refersTo=self.term_ref(span.name))
        if isinstance(span, ClauseRef):
            eid = self.eids.get(span.target)
            shown = self.cited.get(span.target, f"#{span.target}")
            # A reference to no provision of the draft keeps its target in ck:target.
            target = None if eid else span.target
            return sub(element, "ref", shown, href=f"#{eid or span.target}", ck_target=target)
        assert isinstance(span, Bracket)
        return self.bracket(element, span)

    def bracket(self, element: etree._Element, bracket: Bracket) -> etree._Element:
        """``[US: 600,000 | E3: 800,000]``: an ``inline`` named ``bracket`` holding one ``inline``
        named ``alternative`` per option, each ``refersTo`` its delegation; the square brackets,
        the bars and the ``US:`` labels are there for readers and are not read back."""
        holder = sub(element, "inline", "[", name="bracket")
        for index, option in enumerate(bracket.options):
            alternative = sub(
                holder, "inline", name="alternative", refersTo=f"#{option.party}" if option.party else None
            )
            alternative.tail = " | " if index + 1 < len(bracket.options) else "]"
            if option.party:
                sub(alternative, "span", f"{option.party}: ", class_="attribution")
            self.inline(alternative, option.spans)
        return holder


PROSE_HOLDERS = frozenset(
    [*(ak(tag) for tag in ("p", "num", "heading", "docTitle")), ck("field"), ck("aka"), ck("match"), ck("member")]
)
"""Elements whose content is prose: indenting inside them would add words."""


def indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure two spaces a level, leaving prose exactly as it is (``pretty_print``
    would put white space between two references that stand side by side in a paragraph)."""
    if element.tag in PROSE_HOLDERS or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render_akn(draft: Draft, view: DraftView | None = None) -> str:
    """The draft as an Akoma Ntoso 3.0 XML document (to be written as UTF-8, as its declaration says).
    ``view`` (``build_view``) gives the wording of guarantees without prose; by default it is made
    with the packaged template."""
    if view is None:
        from clausekit.render.templates import environment

        view = build_view(draft, environment())
    removed: dict[str, int] = {}
    token = _removed.set(removed)
    try:
        root = _AknDocumentWriter(draft, view).document()
    finally:
        _removed.reset(token)
    if removed:
        which = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(removed))
        message = f"removed {sum(removed.values())} control character(s) that XML cannot hold ({which})"
        warnings.warn(message, ClauseKitWarning, stacklevel=2)
    return XML_DECLARATION + etree.tostring(root, encoding="unicode") + "\n"
