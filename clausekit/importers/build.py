"""Existing documents -> ``Draft``: numbered text, Markdown and Word files.

Negotiators already hold their texts as numbered points ("1. ...", "10. a. ..."),
treaties with "Article 5" headings, Markdown, or Word files with tracked changes.
The importer reads the structure those documents show and nothing more: numbers
and headings become provisions, everything else is prose, kept word for word and
line for line.

Two readers (``importer_text`` for plain text and Markdown, ``importer_docx`` for
Word) turn a document into ``SourceLine`` records; the builder here turns those into
the model. Imported prose is plain text: a ``[...]`` in a source is an editorial
bracket, never a negotiation bracket, so it stays text (written back escaped, ``\\[``).

The draft says where it came from (``source:`` the file name) and how exact it is:
``reconstructed`` by default, because the importer cannot know whether the file it
read is the official text, and a draft must never present a reconstruction as
verbatim. Pass ``exactness="verbatim"`` once the text has been checked. Its status
is ``draft``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from clausekit.errors import InputError, UsageError
from clausekit.importers.text import Heading, Marker, SourceLine, article_line, parse_heading, read_markers, text_lines
from clausekit.language.inline import escape_text
from clausekit.language.source import normalise_newlines, read_text
from clausekit.language.syntax import DATE_RE, FIELD_LINE, ID_FULL, KEYWORD_LINE, PARTY_CODE, PARTY_CODE_FULL
from clausekit.model import EXACTNESS_LEVELS, Clause, Comment, Draft, Location, Paragraph, Party, Text

__all__ = ["DEFAULT_EXACTNESS", "SourceLine", "import_docx", "import_file", "import_text"]

DEFAULT_EXACTNESS = "reconstructed"
"""An import restates a document's words, but nobody has yet checked that the
document is the official text; see the module docstring."""

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCX_SUFFIXES = (".docx",)
AKN_SUFFIXES = (".xml", ".akn")

MAX_TITLE_LENGTH = 150
"""A first line longer than this is prose, not the document's title."""

_BULLET = re.compile(r"[-*+\u2022][ \t]")


# --- the builder ------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    """A provision while it is being built (the model's classes are frozen)."""

    number: str | None
    title: str | None
    location: Location
    named_article: bool = False  # the source calls it "Article"
    top_level: bool = False
    preamble: bool = False
    paragraphs: list[tuple[list[str], Location]] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass(slots=True)
class _Item:
    """An open numbered item: its list kind and the column of its number."""

    kind: str
    node: _Node
    indent: int


class _ProvisionTree:
    """Places headings, numbered items and prose into a tree of provisions.

    Headings open containers (an article at the top level, a clause inside another
    heading); numbered items nest by list kind: an item of a kind already open is a
    sibling of that item, an item of a new kind is a child of the innermost item.
    """

    def __init__(self, source_name: str) -> None:
        self.source_name = source_name
        self.top: list[_Node] = []
        self.headings: list[tuple[int, _Node]] = []  # open heading provisions, outermost first
        self.items: list[_Item] = []  # open numbered items inside the innermost heading
        self.paragraph: list[str] | None = None
        # The column of the number of the item that owns the open paragraph (None: not an item).
        self.paragraph_item_indent: int | None = None

    def where(self, line: SourceLine) -> Location:
        return Location(self.source_name, line.line, line.indent + 1)

    def container(self) -> _Node | None:
        return self.headings[-1][1] if self.headings else None

    def add(self, parent: _Node | None, node: _Node) -> None:
        if parent is None:
            node.top_level = True
            self.top.append(node)
        else:
            parent.children.append(node)

    # --- prose

    def end_paragraph(self) -> None:
        self.paragraph = None

    def owner_for_prose(self, indent: int) -> _Node:
        """Which provision a paragraph belongs to, by its indentation.

        An indented paragraph belongs to the innermost item whose number stands to
        its left; in a flush-left layout, to the innermost item.
        """
        for item in reversed(self.items):
            if item.indent < indent:
                return item.node
        if self.items and indent == 0:
            return self.items[-1].node
        container = self.container()
        if container is not None:
            return container
        if self.top and self.top[-1].preamble:
            return self.top[-1]
        preamble = _Node(None, None, Location(self.source_name, 1, 1), preamble=True)
        self.add(None, preamble)
        return preamble

    def start_paragraph(self, owner: _Node, words: str, line: SourceLine) -> None:
        self.paragraph = [words]
        owner.paragraphs.append((self.paragraph, self.where(line)))
        item = next((item for item in reversed(self.items) if item.node is owner), None)
        self.paragraph_item_indent = item.indent if item is not None else None

    def prose(self, line: SourceLine) -> None:
        limit = self.paragraph_item_indent
        # A line indented no deeper than the number of its item's indented list ends the
        # paragraph: it belongs to an outer item ("NOTE:" under "a." "b." belongs to "10.").
        if self.paragraph is not None and limit is not None and limit > 0 and line.indent <= limit:
            self.end_paragraph()
        # A bullet ("- ", "* ", "• ") starts a paragraph of its own.
        if self.paragraph is not None and _BULLET.match(line.text):
            self.end_paragraph()
        if self.paragraph is None:
            self.start_paragraph(self.owner_for_prose(line.indent), line.text, line)
        else:
            self.paragraph.append(line.text)

    # --- structure

    def heading(self, level: int, heading: Heading, line: SourceLine) -> None:
        self.end_paragraph()
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
            self.items = []
        if heading.marker is not None:
            # "10. Title" nests like the numbered points around it.
            self.numbered([heading.marker], "", line, title=heading.title)
            return
        node = _Node(heading.number, heading.title, self.where(line), named_article=heading.article)
        self.add(self.container(), node)
        self.headings.append((level, node))
        self.items = []

    def article(self, heading: Heading, line: SourceLine) -> None:
        """A plain-text "Article 5" line: always a top-level article."""
        self.headings = []
        self.heading(0, heading, line)
        if heading.note:  # the note's words are kept, as the article's first paragraph
            self.start_paragraph(self.headings[-1][1], heading.note, line)
            self.end_paragraph()

    def numbered(self, markers: list[Marker], rest: str, line: SourceLine, title: str | None = None) -> None:
        self.end_paragraph()
        last = len(markers) - 1
        for index, (number, kinds) in enumerate(markers):
            kind = self.choose_kind(number, kinds)
            open_at = self.open_list(kind, line.indent)
            # "10. a." after "10. ...": the first number names the open point 10.
            if index < last and open_at is not None and self.items[open_at].node.number == number:
                del self.items[open_at + 1 :]
                continue
            if open_at is not None:
                del self.items[open_at:]
            parent = self.items[-1].node if self.items else self.container()
            node = _Node(number, title if index == last else None, self.where(line))
            self.add(parent, node)
            self.items.append(_Item(kind, node, line.indent))
        if rest:
            self.start_paragraph(self.items[-1].node, rest, line)

    def open_list(self, kind: str, indent: int) -> int | None:
        """The open item that a new number of ``kind`` at ``indent`` is a sibling of, if any.

        Items of one kind at about the same indentation are one list; a number indented
        deeper than every open item of its kind starts a list of its own inside the item
        above (a Markdown "1." under "1.").
        """
        same = [i for i, item in enumerate(self.items) if item.kind == kind]
        for i in reversed(same):
            if abs(self.items[i].indent - indent) <= 1:
                return i
        if same and all(self.items[i].indent > indent for i in same):
            return same[0]  # dedented past the list: still that list
        return None

    def choose_kind(self, number: str, kinds: list[str]) -> str:
        """Resolve "i." (the letter after "h.", or roman one) from the lists that are open."""
        if len(kinds) == 1:
            return kinds[0]
        letter, roman = kinds
        value = number.strip("()")
        for item in reversed(self.items):
            if item.kind == letter and item.node.number is not None:
                previous = item.node.number.strip("()")
                if len(previous) == 1 and ord(previous) + 1 == ord(value):
                    return letter
            if item.kind == roman:
                return roman
        return roman if value == "i" else letter


# --- title and header rows ------------------------------------------------------------------


def _find_title(lines: list[SourceLine]) -> int | None:
    """The index of the document's title line, if it has one.

    A Word "Title" paragraph; else a first line that is a heading at the outermost
    level used, says neither "Article" nor a number; else, in plain text, a short first
    line standing alone that is neither numbered nor an article heading.
    """
    for index, line in enumerate(lines):
        if line.is_title:
            return index
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None:
        return None
    line = lines[first]
    if line.heading is not None:
        outermost = min(item.heading for item in lines if item.heading is not None)
        heading = parse_heading(line.text)
        plain = not heading.article and heading.number is None
        return first if line.heading == outermost and plain else None
    alone = first + 1 >= len(lines) or not lines[first + 1].text
    has_more = any(item.text for item in lines[first + 1 :])
    looks_like_title = (
        len(line.text) <= MAX_TITLE_LENGTH
        and line.text[-1] not in ".;:,"
        and not read_markers(line.text, upper=True)[0]
        and article_line(line.text) is None
    )
    return first if alone and has_more and looks_like_title else None


_ROW = re.compile(r"(Proposer|Date|Version|Status|Source|Exactness|Parties|Language):[ \t]+(\S.*)\Z", re.IGNORECASE)
# A source file's own header, in capitals ("TITLE: ...", "SOURCES READ: ...", "DATE: Vilnius, 12 July 2023"):
# what it says is kept (the title as the draft's, the rest as comments), never read as treaty text.
_SOURCE_ROW = re.compile(r"([A-Z][A-Z ]{0,30}[A-Z]):[ \t]+(\S.*)\Z")
_PROPOSER = re.compile(rf"(?:.*\()?({PARTY_CODE})\)?\Z")
_PARTY = re.compile(rf"({PARTY_CODE}):[ \t]+(\S.*)\Z")
# The notice ``clausekit render`` prints under the rows restates the exactness.
_NOTICE = re.compile(r"(?:\*\*\*[ \t].*[ \t]\*\*\*|Notice:[ \t].+)\Z")


@dataclass(slots=True)
class _Header:
    """What a document says about itself in rows such as "Date: 2025-11-21" (as
    ``clausekit render --format text`` prints them) under its title."""

    title: str | None = None
    proposer: str | None = None
    date: str | None = None
    version: str | None = None
    exactness: str | None = None
    language: str | None = None
    parties: tuple[Party, ...] = ()
    notes: list[str] = field(default_factory=list)  # what the draft cannot hold (source, status)


def _read_row(label: str, value: str, header: _Header) -> bool:
    """Take one header row into ``header``; False when the value is not what the label needs."""
    label = label.lower()
    if label == "proposer":
        match = _PROPOSER.match(value)
        header.proposer = match.group(1) if match else None
        return match is not None
    # A value is taken only when it is one the label needs: a row that fails is then read
    # as a source's own header row (kept as a comment), or the lines are no header at all.
    if label == "date":
        header.date = value if DATE_RE.match(value) else header.date
        return header.date == value
    if label == "version":
        header.version = value
        return True
    if label == "exactness":
        # A rendering summarises mixed provenance ("verbatim, except 5-6: unverified"): the
        # import, which keeps one level for the whole text, keeps the least exact one named.
        named = [word for word in re.findall(r"[a-z]+", value) if word in EXACTNESS_LEVELS and word != "missing"]
        header.exactness = max(named, key=EXACTNESS_LEVELS.index) if named else header.exactness
        return bool(named)
    if label == "language":
        valid = re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)?", value)
        header.language = value if valid else header.language
        return bool(valid)
    if label == "parties":
        parties = []
        for entry in value.split(";"):
            match = _PARTY.match(entry.strip())
            if not match:
                return False
            name = match.group(2).strip()
            # The rendered text shows a party's name where the draft referred to it.
            parties.append(Party(match.group(1), name, match=(name,)))
        header.parties = tuple(parties)
        return True
    header.notes.append(f" The document gives its {label} as: {value}")
    return True


def _take_row(text: str, header: _Header) -> bool:
    """Read one header row; False when the line is not one (the rows then are not a header)."""
    row = _ROW.match(text)
    if row and _read_row(row.group(1), row.group(2).strip(), header):
        return True
    source_row = _SOURCE_ROW.match(text)
    if source_row is None:
        return False
    label, value = source_row.group(1), source_row.group(2).strip()
    if label == "TITLE":
        header.title = value
    else:
        header.notes.append(f" {label}: {value}")
    return True


def _find_header(lines: list[SourceLine], start: int) -> tuple[range, _Header]:
    """The header rows right after the title (every line a valid ``Label: value``),
    and a "Notice: ..." paragraph right after them; an empty range if there are none."""
    index = start
    while index < len(lines) and not lines[index].text:
        index += 1
    first = index
    header = _Header()
    while index < len(lines) and lines[index].text and lines[index].heading is None:
        if not _take_row(lines[index].text, header):
            return range(0), _Header()
        index += 1
    if index == first:
        return range(0), _Header()
    after = index
    while after < len(lines) and not lines[after].text:
        after += 1
    notice_end = after + 1
    if (
        after < len(lines)
        and _NOTICE.match(lines[after].text)
        and (notice_end >= len(lines) or not lines[notice_end].text)
    ):
        index = notice_end
    return range(first, index), header


# --- from the builder's nodes to the model ------------------------------------------------


def slug(text: str, max_words: int = 6) -> str:
    """Lowercase ASCII words joined by '-': "10(c)" -> "10-c", "Security guarantee" -> "security-guarantee"."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:max_words])


def _draft_id(stem: str) -> str:
    base = slug(stem, max_words=8) or "imported"
    return base if base[0].isalpha() else f"draft-{base}"


class _Ids:
    """Hands out ids that are unique within the draft (``-2``, ``-3`` on a clash)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate = wanted
        counter = 2
        while candidate in self.used:
            candidate = f"{wanted}-{counter}"
            counter += 1
        self.used.add(candidate)
        return candidate


def _base_id(node: _Node, parent_id: str | None, position: int) -> str:
    """``point-10``, ``point-10-a``, ``art-5``, ``art-5-2``; else from the title; else by position."""
    if node.preamble:
        return "preamble"
    number = slug(node.number or "")
    if number:
        if parent_id is not None:
            return f"{parent_id}-{number}"
        return f"art-{number}" if node.named_article else f"point-{number}"
    title = slug(node.title or "")
    if title:
        return title if title[0].isalpha() else f"section-{title}"
    return f"{parent_id}-{position}" if parent_id is not None else f"section-{position}"


def _looks_like_structure(line: str) -> bool:
    """Whether the clause language would read this prose line as structure: an opener
    ("clause x {"), a lone "}", a comment, or a field ("note: ...") at the start of a block.
    The lexer's own patterns decide, so the two cannot drift apart."""
    return (
        line.startswith("//")
        or line == "}"
        or (KEYWORD_LINE.match(line) is not None and line.endswith("{"))
        or FIELD_LINE.match(line) is not None
    )


def _source_line(line: str) -> str:
    """One line of imported prose, written so that it reads back as exactly its words.

    Keeping the document's own line breaks makes the ``.clause`` file diff like the
    source; a leading backslash keeps a line that looks like structure as prose.
    """
    escaped = escape_text(line.strip())
    return "\\" + escaped if _looks_like_structure(escaped) else escaped


def _paragraph(lines: list[str], location: Location) -> Paragraph:
    words = re.sub(r"\s+", " ", " ".join(lines)).strip()
    return Paragraph((Text(words),), location=location, source_lines=tuple(_source_line(line) for line in lines))


def _freeze(nodes: list[_Node]) -> tuple[Clause, ...]:
    ids = _Ids()

    def freeze(node: _Node, parent_id: str | None, position: int) -> Clause:
        clause_id = ids.take(_base_id(node, parent_id, position))
        children = tuple(freeze(child, clause_id, i) for i, child in enumerate(node.children, start=1))
        return Clause(
            # Articles stand at the top level only; a heading there is an article too.
            kind="article"
            if node.top_level and (node.named_article or not node.number) and not node.preamble
            else "clause",
            id=clause_id,
            number=node.number,
            title=node.title,
            paragraphs=tuple(_paragraph(lines, where) for lines, where in node.paragraphs),
            children=children,
            location=node.location,
        )

    return tuple(freeze(node, None, i) for i, node in enumerate(nodes, start=1))


# --- entry points -------------------------------------------------------------------------


def _check_options(draft_id: str | None, proposer: str | None, exactness: str | None) -> None:
    """What the caller asks of the draft must be what a draft can say."""
    if exactness is not None and exactness not in EXACTNESS_LEVELS:
        raise UsageError(f"exactness must be one of {', '.join(EXACTNESS_LEVELS)}, not {exactness!r}")
    if proposer is not None and not PARTY_CODE_FULL.match(proposer):
        raise UsageError(f"{proposer!r} is not a party code (uppercase letters and digits, such as US, E3)")
    if draft_id is not None and not ID_FULL.match(draft_id):
        raise UsageError(
            f"{draft_id!r} is not a valid id: an id starts with a lowercase letter and uses "
            "lowercase letters, digits, '-', '_' or '.'"
        )


def _place_lines(lines: list[SourceLine], skipped: set[int], source_name: str) -> _ProvisionTree:
    """Every line that is not the title or the header, placed into the tree of provisions:
    a heading, a numbered item, an "Article N" line, or prose."""
    tree = _ProvisionTree(source_name)
    for index, line in enumerate(lines):
        if index in skipped or not line.text:
            tree.end_paragraph()
        elif line.heading is not None:
            tree.heading(line.heading, parse_heading(line.text), line)
        elif line.marker is not None:
            number, kind = line.marker
            tree.numbered([(number, [kind])], line.text, line)
        elif tree.paragraph is None and (article := article_line(line.text)) is not None:
            tree.article(article, line)
        elif (found := read_markers(line.text, upper=tree.paragraph is None))[0]:
            markers, prose_at = found
            tree.numbered(markers, line.text[prose_at:], line)
        else:
            tree.prose(line)
    return tree


def build(
    lines: list[SourceLine],
    source_name: str,
    *,
    draft_id: str | None = None,
    title: str | None = None,
    proposer: str | None = None,
    exactness: str | None = None,
) -> Draft:
    """Turn a document's lines into a draft (see the module docstring).

    ``exactness`` defaults to ``reconstructed``, or to what the document says of
    itself when that is less exact (an imported paraphrase stays a paraphrase).
    """
    _check_options(draft_id, proposer, exactness)
    if not any(line.text for line in lines):
        raise InputError(source_name, "contains no text to import")

    title_index = _find_title(lines)
    header_rows, header = _find_header(lines, 0 if title_index is None else title_index + 1)
    skipped = set(header_rows) | ({title_index} if title_index is not None else set())
    tree = _place_lines(lines, skipped, source_name)

    if exactness is None:
        stated = header.exactness if header.exactness in EXACTNESS_LEVELS else DEFAULT_EXACTNESS
        exactness = max(stated, DEFAULT_EXACTNESS, key=EXACTNESS_LEVELS.index)
    proposer = proposer or header.proposer
    parties = header.parties
    if proposer is not None and proposer not in {p.code for p in parties}:
        # The draft's proposer must be a declared party; its full name is not known here.
        parties = (*parties, Party(proposer, proposer))
    name = Path(source_name).name
    comments = [Comment(f" Imported by clausekit from {name}: check the structure, the ids and the exactness.")]
    comments.extend(Comment(note) for note in header.notes)
    return Draft(
        id=draft_id or _draft_id(Path(source_name).stem),
        title=title or _title_line(lines, title_index) or header.title or Path(source_name).stem,
        proposer=proposer,
        date=header.date,
        version=header.version,
        status="draft",
        source=name,
        exactness=exactness,
        language=header.language or "en",
        parties=parties,
        body=_freeze(tree.top),
        location=Location(source_name, 1, 1),
        comments=tuple(comments),
    )


def _title_line(lines: list[SourceLine], index: int | None) -> str | None:
    return lines[index].text if index is not None else None


def import_text(
    text: str,
    source_name: str,
    *,
    draft_id: str | None = None,
    title: str | None = None,
    proposer: str | None = None,
    exactness: str | None = None,
    markdown: bool | None = None,
) -> Draft:
    """Import a numbered plain-text or Markdown document held in a string.

    ``source_name`` is the file it came from (the draft's ``source:``); Markdown is
    assumed when it ends in ``.md`` or ``.markdown`` unless ``markdown`` says otherwise.
    """
    if markdown is None:
        markdown = source_name.lower().endswith(MARKDOWN_SUFFIXES)
    lines = text_lines(normalise_newlines(text), markdown=markdown)
    return build(lines, source_name, draft_id=draft_id, title=title, proposer=proposer, exactness=exactness)


def import_docx(
    path: str | Path,
    *,
    draft_id: str | None = None,
    title: str | None = None,
    proposer: str | None = None,
    exactness: str | None = None,
) -> Draft:
    """Import a Word document: its accepted text (tracked insertions in, deletions out),
    its headings, and the numbers of its numbered paragraphs."""
    from clausekit.importers.docx import docx_lines

    lines = docx_lines(path)
    return build(lines, str(path), draft_id=draft_id, title=title, proposer=proposer, exactness=exactness)


def import_file(
    path: str | Path,
    *,
    draft_id: str | None = None,
    title: str | None = None,
    proposer: str | None = None,
    exactness: str | None = None,
) -> Draft:
    """Import a ``.txt``, ``.md``, ``.docx`` or Akoma Ntoso ``.xml`` file, chosen by its suffix."""
    options = {"draft_id": draft_id, "title": title, "proposer": proposer, "exactness": exactness}
    name = str(path)
    suffix = Path(name).suffix.lower()
    if suffix in DOCX_SUFFIXES:
        return import_docx(path, **options)
    if suffix in TEXT_SUFFIXES + MARKDOWN_SUFFIXES:
        return import_text(read_text(path), name, **options)
    if suffix in AKN_SUFFIXES:
        from clausekit.importers.akn import import_akn

        _check_options(draft_id, proposer, exactness)
        return import_akn(path, **options)
    raise InputError(name, "cannot import this kind of file: use a .txt, .md, .docx or Akoma Ntoso .xml file")
