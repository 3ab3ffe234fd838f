"""Akoma Ntoso 3.0 -> ``Draft``: clausekit's own export, and documents from other tools.

clausekit's own output (``render -f akn``) carries what the standard has no room for in
its namespace (``CK``); with it, ``import_akn(render_akn(draft)) == draft``. A document
written elsewhere (Indigo, Bluebell, LEOS) is read by its common structures: ``article``,
``paragraph``, ``point`` and the other hierarchical elements become provisions, ``num`` their
numbers, ``heading`` their titles, the ``p`` of ``content`` / ``intro`` / ``wrapUp`` their prose,
``def`` a defined term, ``term`` a use of it, ``ref`` to an eId in the document a
cross-reference, ``party`` / TLC references a party. Its words are kept, its other markup
(bold, notes, tables) as plain words. docs/akn.md has the mapping.

What cannot be read is an error at its place in the file (``file:line:col: message`` and the
line), never a half-read draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from clausekit.errors import ClauseSyntaxError, InputError
from clausekit.language.source import MAX_FILE_BYTES
from clausekit.language.syntax import DATE_RE, ID_FULL, PARTY_CODE_FULL, QUOTE_CHARACTERS
from clausekit.model import (
    CORRESPONDENCE_FIELDS,
    FIELDS,
    GUARANTEE_FIELDS,
    Bracket,
    BracketOption,
    Clause,
    ClauseRef,
    Draft,
    Guarantee,
    Inline,
    Location,
    Paragraph,
    Party,
    PartyRef,
    Term,
    TermRef,
    Text,
    join_texts,
)
from clausekit.render.draft.akn import CK, LANGUAGES, PROSE_CONTAINER, TERM_CONTAINER, number_from_num

__all__ = ["import_akn", "read_akn"]

DEFAULT_EXACTNESS = "reconstructed"
"""As for every import: nobody has yet checked that the file is the official text."""

HIERARCHY = frozenset(
    [
        "alinea",
        "article",
        "book",
        "chapter",
        "clause",
        "division",
        "hcontainer",
        "indent",
        "level",
        "list",
        "paragraph",
        "part",
        "point",
        "proviso",
        "rule",
        "section",
        "subchapter",
        "subclause",
        "subdivision",
        "subparagraph",
        "subpart",
        "subrule",
        "subsection",
        "subtitle",
        "subtome",
        "tome",
        "title",
        "transitional",
    ]
)
"""The hierarchical elements of Akoma Ntoso: each becomes a provision."""
PROSE_BLOCKS = ("intro", "content", "wrapUp")
BODIES = ("body", "mainBody", "judgmentBody", "debateBody")
SKIPPED_INLINE = frozenset(("authorialNote", "noteRef", "eol", "eop", "img"))
_NOT_ID = re.compile(r"[^a-z0-9]+")
_NOT_CODE = re.compile(r"[^A-Z0-9]+")
_NOT_NUMBER = re.compile(r"[\s\"{}]+")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _ck(element: etree._Element, name: str) -> str | None:
    return element.get(f"{{{CK}}}{name}")


def _words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _defined_name(element: etree._Element) -> str:
    """The name a ``def`` defines: its words without the quotes drafters put around them."""
    return _words(element).strip(QUOTE_CHARACTERS + " ")


@dataclass
class _Reader:
    """One document being read: its namespace, whether clausekit wrote it, and the maps that
    inline markup is resolved through."""

    name: str
    lines: list[str]
    ns: str
    own: bool
    clause_ids: dict[str, str] = field(default_factory=dict)  # eId -> clause id
    party_codes: dict[str, str] = field(default_factory=dict)  # TLC eId -> party code
    term_names: dict[str, str] = field(default_factory=dict)  # refersTo -> term name
    definitions: dict[str, Paragraph] = field(default_factory=dict)  # a foreign def: term name -> its paragraph
    guarantees: dict[str, Guarantee] = field(default_factory=dict)  # eId -> fields
    used_ids: set[str] = field(default_factory=set)

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def find(self, element: etree._Element, path: str) -> etree._Element | None:
        return element.find(path.replace("a:", f"{{{self.ns}}}"))

    def findall(self, element: etree._Element, path: str) -> list[etree._Element]:
        return element.findall(path.replace("a:", f"{{{self.ns}}}"))

    def error(self, element: etree._Element | None, message: str) -> ClauseSyntaxError:
        line = (element.sourceline if element is not None else None) or 1
        source = self.lines[line - 1] if line <= len(self.lines) else ""
        column = len(source) - len(source.lstrip()) + 1
        return ClauseSyntaxError(message, self.name, line, column, source)

    def where(self, element: etree._Element) -> Location:
        return Location(self.name, element.sourceline or 0, 1)

    # --- inline markup

    def paragraph(self, element: etree._Element) -> Paragraph | None:
        spans = self.spans(element)
        if not spans:
            return None
        own = {name: _ck(element, name) for name in ("source", "exactness")}
        return Paragraph(spans, location=self.where(element), **own)

    def spans(self, element: etree._Element) -> tuple[Inline, ...]:
        """The content of ``element`` as the parser would read it: whitespace as single spaces,
        neighbouring words as one text, the ends stripped."""
        out = join_texts(self.content(element))
        if out and isinstance(out[0], Text):
            out = (Text(out[0].text.lstrip()), *out[1:]) if out[0].text.strip() else out[1:]
        if out and isinstance(out[-1], Text):
            out = (*out[:-1], Text(out[-1].text.rstrip())) if out[-1].text.strip() else out[:-1]
        return tuple(out)

    def content(self, element: etree._Element) -> list[Inline]:
        out: list[Inline] = [Text(element.text)] if element.text else []
        for child in element:
            if child.tag is etree.Entity:
                raise self.error(child, f"{child.text}: clausekit does not expand entities declared in a DTD")
            if isinstance(child.tag, str) and _local(child) not in SKIPPED_INLINE:
                out.extend(self.markup(child))
            if child.tail:
                out.append(Text(child.tail))
        return out

    def markup(self, element: etree._Element) -> list[Inline]:
        name = _local(element)
        if name == "party" or (name in ("organization", "person") and element.get("refersTo")):
            code = self.party_codes.get(element.get("refersTo", "").lstrip("#"))
            if code is None and self.own:
                code = element.get("refersTo", "").lstrip("#") or None
            return [PartyRef(code, self.where(element))] if code else self.content(element)
        if name == "def" and element.find(self.tag("term")) is not None:
            return self.content(element)  # "<term>Party</term>": the quotes stay words
        if name in ("term", "def"):
            named = self.term_names.get(element.get("refersTo", ""))
            term = _words(element) if self.own else named
            return [TermRef(term, self.where(element))] if term else self.content(element)
        if name == "ref":
            return self.reference(element)
        if name == "inline" and element.get("name") == "bracket" and self.own:
            return [self.bracket(element)]
        if name == "span" and element.get("class") == "attribution" and self.own:
            return []
        return self.content(element)

    def reference(self, element: etree._Element) -> list[Inline]:
        href = element.get("href", "")
        target = _ck(element, "target")
        if target is None and href.startswith("#"):
            target = self.clause_ids.get(href[1:])
        return [ClauseRef(target, self.where(element))] if target else self.content(element)

    def bracket(self, element: etree._Element) -> Bracket:
        options = []
        for child in element:
            if _local(child) == "inline" and child.get("name") == "alternative":
                party = child.get("refersTo", "").lstrip("#") or None
                options.append(BracketOption(party, self.spans(child)))
        if not options:
            raise self.error(element, "a bracket without alternatives")
        return Bracket(tuple(options), self.where(element))


def _parse(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        lines = data.decode("utf-8", errors="replace").splitlines()
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        message = re.sub(r", line \d+, column \d+$", "", error.msg or "not well-formed XML")
        raise ClauseSyntaxError(f"not well-formed XML: {message}", name, max(line, 1), max(column, 1), source) from None


def read_akn(data: bytes, name: str) -> Draft:
    """A draft from the bytes of an Akoma Ntoso document; ``name`` is where it came from."""
    root = _parse(data, name)
    reader = _Reader(
        name, data.decode("utf-8", errors="replace").splitlines(), etree.QName(root).namespace or "", False
    )
    if _local(root) != "akomaNtoso" or ("legaldocml" not in reader.ns and "akomantoso" not in reader.ns):
        raise reader.error(root, f"not an Akoma Ntoso document (its root is <{_local(root)}>)")
    document = next((child for child in root if isinstance(child.tag, str)), None)
    if document is None:
        raise reader.error(root, "an Akoma Ntoso document without a document in it")
    meta = reader.find(document, "a:meta")
    reader.own = meta is not None and meta.find(f".//{{{CK}}}draft") is not None
    body = next((child for child in document if _local(child) in BODIES), None)
    if body is None:
        raise reader.error(document, f"<{_local(document)}> has no body (body or mainBody) to import")
    header = _Header.read(reader, meta, Path(name))
    parties = header.parties(reader, meta)
    _index(reader, body)
    provisions = _Body(reader, body)  # settles every provision's id, which refs resolve to
    if reader.own and meta is not None:
        for element in meta.iter(f"{{{CK}}}guarantee"):
            reader.guarantees[element.get("href", "").lstrip("#")] = _guarantee(reader, element)
    items = provisions.items(body)
    terms = tuple(Term(term, (paragraph,)) for term, paragraph in reader.definitions.items())
    return Draft(
        **header.values,
        parties=parties,
        body=terms + items,
        location=Location(name, 1, 1),
        path=name,
    )


def import_akn(path: str | Path, **options: str | None) -> Draft:
    """Import an Akoma Ntoso XML file. ``draft_id``, ``title``, ``proposer`` and ``exactness``
    replace what the document says."""
    name = str(path)
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; clausekit refuses it")
    draft = read_akn(data, name)
    changes = {key.replace("draft_id", "id"): value for key, value in options.items() if value is not None}
    if changes.get("proposer") and draft.party(changes["proposer"]) is None:
        changes["parties"] = (*draft.parties, Party(changes["proposer"], changes["proposer"]))
    return _replace(draft, changes)


def _replace(value: Any, changes: dict[str, Any]) -> Any:
    from dataclasses import replace

    return replace(value, **changes) if changes else value


# --- the header and the parties -----------------------------------------------------


@dataclass
class _Header:
    values: dict[str, Any]

    @classmethod
    def read(cls, reader: _Reader, meta: etree._Element | None, path: Path) -> _Header:
        if reader.own and meta is not None:
            header = meta.find(f".//{{{CK}}}draft")
            values = {key: header.get(key) for key in ("id", "title", "proposer", "date", "version", "status")}
            values |= {"source": header.get("source"), "exactness": header.get("exactness")}
            language = reader.find(meta, ".//a:FRBRExpression/a:FRBRlanguage")
            values["language"] = (_ck(language, "code") if language is not None else None) or "en"
            return cls(values)
        return cls(_foreign_header(reader, meta, path))

    def parties(self, reader: _Reader, meta: etree._Element | None) -> tuple[Party, ...]:
        if meta is None:
            return ()
        if reader.own:
            return _own_parties(reader, meta)
        return _foreign_parties(reader, meta)


def _foreign_header(reader: _Reader, meta: etree._Element | None, path: Path) -> dict[str, Any]:
    """What another tool's FRBR metadata says: the work's URI for the id, its title alias, date
    and language; the draft is then an import like any other (``reconstructed``, its source the file)."""
    work = reader.find(meta, ".//a:FRBRWork") if meta is not None else None
    uri = reader.find(work, "a:FRBRthis") if work is not None else None
    stem = (uri.get("value", "") if uri is not None else "").replace("/!main", "").removeprefix("/akn/")
    draft_id = _NOT_ID.sub("-", (stem or path.stem).lower()).strip("-")
    if not draft_id or not draft_id[0].isalpha():
        draft_id = "akn-" + draft_id if draft_id else "akn-document"
    aliases = reader.findall(work, "a:FRBRalias") if work is not None else []
    alias = next((a for a in aliases if a.get("name") == "title"), None)
    title = alias.get("value") if alias is not None else None
    date = reader.find(work, "a:FRBRdate") if work is not None else None
    language = reader.find(meta, ".//a:FRBRExpression/a:FRBRlanguage") if meta is not None else None
    code = language.get("language", "") if language is not None else ""
    reverse = {three: two for two, three in LANGUAGES.items()}
    return {
        "id": draft_id,
        "title": title or path.stem,
        "proposer": None,
        "date": date.get("date") if date is not None and DATE_RE.match(date.get("date", "")) else None,
        "version": None,
        "status": "draft",
        "source": path.name,
        "exactness": DEFAULT_EXACTNESS,
        "language": reverse.get(code, code) or "en",
    }


def _own_parties(reader: _Reader, meta: etree._Element) -> tuple[Party, ...]:
    out = []
    for element in meta.iter(f"{{{CK}}}party"):
        code = element.get("code", "")
        reader.party_codes[code] = code

        def texts(tag: str, element: etree._Element = element) -> tuple[str, ...]:
            return tuple(child.text or "" for child in element.iter(f"{{{CK}}}{tag}"))

        out.append(Party(code, element.get("name", code), texts("aka"), texts("match"), texts("member")))
    return tuple(out)


def _foreign_parties(reader: _Reader, meta: etree._Element) -> tuple[Party, ...]:
    """Every ``TLCOrganization`` and ``TLCPerson`` that is not the source of the metadata
    (``source="#cobalt"``) is a party; its eId, in capitals, is its code."""
    sources = {element.get("source", "").lstrip("#") for element in meta.iter() if isinstance(element.tag, str)}
    out: list[Party] = []
    for tag in ("TLCOrganization", "TLCPerson"):
        for element in meta.iter(reader.tag(tag)):
            eid = element.get("eId", "")
            if not eid or eid in sources:
                continue
            code = _NOT_CODE.sub("-", eid.upper()).strip("-")
            if not PARTY_CODE_FULL.match(code) or code in {p.code for p in out}:
                raise reader.error(element, f"cannot make a party code of the eId {eid!r}")
            reader.party_codes[eid] = code
            out.append(Party(code, element.get("showAs") or code, location=reader.where(element)))
    return tuple(out)


def _index(reader: _Reader, body: etree._Element) -> None:
    """The names of the terms that the body's ``def``s define, which its ``term``s refer to."""
    for element in body.iter(reader.tag("def")):
        refers, name = element.get("refersTo", ""), _defined_name(element)
        if refers and refers not in reader.term_names and _term_name(name):
            reader.term_names[refers] = name


def _guarantee(reader: _Reader, element: etree._Element) -> Guarantee:
    values: dict[str, list[Any]] = {}
    for child in element.iter(f"{{{CK}}}field"):
        spec = FIELDS.get(child.get("name", ""))
        if spec is None or spec not in GUARANTEE_FIELDS:
            raise reader.error(child, f"unknown guarantee field {child.get('name')!r}")
        value = reader.paragraph(child) if spec.kind == "prose" else (child.text or "")
        values.setdefault(spec.attribute, []).append(value)
    fields = {}
    for spec in GUARANTEE_FIELDS:
        if spec.attribute in values:
            given = values[spec.attribute]
            fields[spec.attribute] = tuple(given) if spec.repeatable else given[0]
    return Guarantee(**fields)


# --- the body -------------------------------------------------------------------------


class _Body:
    """The provisions and terms of a body. Every provision's id is settled first
    (``assign``), so that a ``ref`` may point to a provision further on."""

    def __init__(self, reader: _Reader, body: etree._Element) -> None:
        self.reader = reader
        self.ids: dict[etree._Element, str] = {}
        self.assign(body, None, "")

    def provisions(self, holder: etree._Element) -> list[etree._Element]:
        """The children of ``holder`` that are provisions or terms (not clausekit's prose holders)."""
        out = []
        for element in holder:
            name = _local(element)
            if name not in HIERARCHY and name != "crossHeading":
                continue
            if name == "hcontainer" and self.reader.own and element.get("name") in (PROSE_CONTAINER, "empty"):
                continue
            out.append(element)
        return out

    def holds_prose(self, element: etree._Element) -> bool:
        """``intro``, ``content``, ``wrapUp``, and clausekit's ``hcontainer`` for prose between provisions."""
        if _local(element) == "hcontainer":
            return self.reader.own and element.get("name") == PROSE_CONTAINER
        return _local(element) in PROSE_BLOCKS

    def is_term(self, element: etree._Element) -> bool:
        return _local(element) == "hcontainer" and self.reader.own and element.get("name") == TERM_CONTAINER

    def assign(self, holder: etree._Element, parent_eid: str | None, parent_id: str) -> None:
        for element in self.provisions(holder):
            if self.is_term(element):
                continue
            eid = element.get("eId")
            clause_id = self.clause_id(element, eid, parent_eid, parent_id)
            self.ids[element] = clause_id
            if eid:
                self.reader.clause_ids.setdefault(eid, clause_id)
            self.assign(element, eid, clause_id)

    def items(self, holder: etree._Element) -> tuple[Clause | Term, ...]:
        if _local(holder) in BODIES:
            return tuple(item for element in self.provisions(holder) for item in self.lifted(element))
        return tuple(
            self.term(element) if self.is_term(element) else self.clause(element, False)
            for element in self.provisions(holder)
        )

    def holds_article(self, element: etree._Element) -> bool:
        """Whether an ``article`` stands somewhere among the provisions inside ``element``."""
        return any(_local(child) == "article" or self.holds_article(child) for child in self.provisions(element))

    def lifted(self, element: etree._Element) -> list[Clause | Term]:
        """A provision at the top of the body, with an outer container (``chapter``, ``part``,
        ``title``, ``section``, ...) that holds articles flattened: the clause language has
        articles at the top only, so what the container held goes to the top, in order. A container
        with prose of its own (an ``intro``, say) stays as a clause before it, without a number (its
        number would clash with an article's) and titled as readers see it (``Chapter 1 — Purpose``);
        one with only a number and a heading leaves nothing (a clause without text is empty)."""
        if self.is_term(element):
            return [self.term(element)]
        if _local(element) == "article" or not self.holds_article(element):
            return [self.clause(element, True)]
        container = self.clause(element, True, flattened=True)
        out: list[Clause | Term] = []
        if container.paragraphs:
            num, heading = self.reader.find(element, "a:num"), self.reader.find(element, "a:heading")
            shown = " — ".join(_words(part) for part in (num, heading) if part is not None and _words(part))
            out.append(_replace(container, {"number": None, "title": shown or None}))
        for child in self.provisions(element):
            out.extend(self.lifted(child))
        return out

    def term(self, element: etree._Element) -> Term:
        heading = self.reader.find(element, "a:heading")
        name = _words(heading) if heading is not None else ""
        if not name:
            raise self.reader.error(element, "a defined term without a name in its heading")
        content = self.reader.find(element, "a:content")
        definition = self.prose(content) if content is not None else ()
        return Term(name, definition, location=self.reader.where(element))

    def prose(self, holder: etree._Element) -> tuple[Paragraph, ...]:
        out = []
        for p in holder.iter(self.reader.tag("p")):
            if _ck(p, "generated") is not None:
                continue  # wording clausekit made from a guarantee's fields: the fields come back instead
            paragraph = self.reader.paragraph(p)
            if paragraph is not None:
                out.append(paragraph)
                if not self.reader.own:
                    self.definitions(p, paragraph)
        return tuple(out)

    def definitions(self, p: etree._Element, paragraph: Paragraph) -> None:
        """Another tool's ``def`` defines a term where it stands: the term's definition is the
        paragraph that holds it."""
        for element in p.iter(self.reader.tag("def")):
            name = self.reader.term_names.get(element.get("refersTo", "")) or _defined_name(element)
            if _term_name(name):
                self.reader.definitions.setdefault(name, paragraph)

    def clause(self, element: etree._Element, top: bool, flattened: bool = False) -> Clause:
        """The provision ``element``; ``flattened``: without the provisions it holds, which
        ``lifted`` puts beside it."""
        reader = self.reader
        eid = element.get("eId") or ""
        kind = "guarantee" if "guarantee" in (element.get("class") or "").split() else "clause"
        if _local(element) == "article" and top:
            kind = "article"
        num = reader.find(element, "a:num")
        heading = reader.find(element, "a:heading") if _local(element) != "crossHeading" else element
        paragraphs: list[Paragraph] = []
        for child in element:
            if self.holds_prose(child):
                paragraphs.extend(self.prose(child))
        return Clause(
            kind=kind,
            id=self.ids[element],
            number=self.number(element, num),
            title=self.title(heading),
            paragraphs=tuple(paragraphs),
            children=() if flattened else self.items(element),
            guarantee=reader.guarantees.get(eid, Guarantee()) if kind == "guarantee" else None,
            source=_ck(element, "source"),
            exactness=_ck(element, "exactness"),
            extent=_ck(element, "extent"),
            date=_ck(element, "date"),
            proposer=_ck(element, "proposer"),
            fields_exactness=_ck(element, "fields-exactness"),
            **{spec.attribute: tuple((_ck(element, spec.name) or "").split()) for spec in CORRESPONDENCE_FIELDS},
            location=reader.where(element),
        )

    def clause_id(self, element: etree._Element, eid: str | None, parent_eid: str | None, parent_id: str) -> str:
        """clausekit's eIds end in the clause id (``art_scope__para_commit``); another tool's
        become one (``art_2__para_1`` is ``art-2-para-1``)."""
        own = _ck(element, "id")
        if own is None and self.reader.own and eid:
            local = eid[len(parent_eid) + 2 :] if parent_eid and eid.startswith(parent_eid + "__") else eid
            own = local.split("_", 1)[1] if "_" in local else None
        if own is not None and ID_FULL.match(own):
            return own
        if own is not None:
            raise self.reader.error(element, f"{own!r} is not a clause id (a lowercase letter, then a-z, 0-9, . _ -)")
        base = _NOT_ID.sub("-", (eid or f"{parent_id}-{_local(element)}").lower()).strip("-")
        base = base if base and base[0].isalpha() else f"{_local(element).lower()}-{base}".strip("-")
        candidate, count = base, 1
        while candidate in self.reader.used_ids:
            count += 1
            candidate = f"{base}-{count}"
        self.reader.used_ids.add(candidate)
        return candidate

    def number(self, element: etree._Element, num: etree._Element | None) -> str | None:
        """``ck:number`` where clausekit wrote one, else the ``num`` as a clause number (``Article 5``
        and ``5.`` are ``5``, ``(a)`` is ``a``; spaces, quotes and braces are dropped)."""
        given = _ck(element, "number")
        if given is not None:
            return given
        if num is None:
            return None
        return _NOT_NUMBER.sub("", number_from_num(_words(num))) or None

    def title(self, heading: etree._Element | None) -> str | None:
        if heading is None:
            return None
        return "".join(heading.itertext()) if self.reader.own else _words(heading) or None


def _term_name(name: str) -> bool:
    """Whether the language can hold ``name`` as a term's name (it starts with a letter; no < or >)."""
    return bool(name) and name[0].isalpha() and "<" not in name and ">" not in name
