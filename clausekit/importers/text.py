"""Plain text and Markdown -> the importer's lines; and how numbers and headings look.

The importer reads documents as ``SourceLine`` records (this module for text and
Markdown, ``importer_docx`` for Word). What a number at the start of a line looks
like ("10.", "a)", "(iv)", "10(c)") and what an article heading looks like
("Article 5", "ARTICLE V", "Article 5 — Title") is decided here, once, for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a document as the importer sees it.

    ``text`` has its indentation removed (``indent`` keeps its width). ``heading`` is
    the level of a Markdown or Word heading (1 = outermost), ``None`` for an ordinary
    line. An empty ``text`` separates paragraphs.
    """

    text: str
    indent: int
    line: int
    heading: int | None = None
    is_title: bool = False  # a Word paragraph in the "Title" style
    # A number that is not part of the text (Word's automatic numbering): the number
    # as shown and its list kind.
    marker: tuple[str, str] | None = None


# --- text and Markdown ------------------------------------------------------------------

_ATX_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\Z")
_EMPTY_ATX = re.compile(r"#{1,6}[ \t]*\Z")
_SETEXT = re.compile(r"(=+|-+)[ \t]*\Z")
_RULE = re.compile(r"(?:[-=_*~][ \t]*){3,}\Z")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def text_lines(text: str, markdown: bool = False) -> list[SourceLine]:
    """Read a plain-text or Markdown document (newlines already normalised) into lines.

    Markdown headings (``#``, and ``===``/``---`` underlines, which plain text uses
    too) become heading lines; a rule of dashes or equals signs on its own is a
    paragraph break. In Markdown, backslash escapes are undone (``\\*`` is ``*``).
    """
    out: list[SourceLine] = []
    for number, raw in enumerate(text.expandtabs(4).split("\n"), start=1):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not stripped:
            out.append(SourceLine("", 0, number))
            continue
        if _SETEXT.match(stripped) and _setext_target(out):
            previous = out[-1]
            level = 1 if stripped[0] == "=" else 2
            out[-1] = SourceLine(previous.text, previous.indent, previous.line, heading=level)
            continue
        if _RULE.match(stripped) or (_EMPTY_ATX.match(stripped) and indent < 4):
            out.append(SourceLine("", 0, number))
            continue
        heading = _ATX_HEADING.match(stripped)
        if heading and indent < 4:
            title = heading.group(2).strip()
            out.append(SourceLine(_md_unescape(title) if markdown else title, 0, number, heading=len(heading.group(1))))
            continue
        out.append(SourceLine(_md_unescape(stripped) if markdown else stripped, indent, number))
    return out


def _setext_target(lines: list[SourceLine]) -> bool:
    """An underline makes a heading of the line above only if that line stands alone."""
    if not lines or not lines[-1].text or lines[-1].heading is not None:
        return False
    return len(lines) == 1 or not lines[-2].text


def _md_unescape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


# --- numbers ------------------------------------------------------------------------------

# One number at the start of a line: "10.", "10)", "5bis.", "10(c)", "a.", "a)", "(a)",
# "iv.", "(iv)", "(2)". It must be followed by white space (or end the line), so
# "1.5 million", "e.g." and "U.S." are prose. Three digits at most: "2025." that a
# wrapped sentence puts at the start of a line is a year, not point 2025.
_MARKER = re.compile(
    r"(?:"
    r"(?P<dec>\d{1,3}(?:bis|ter|quater|[a-z])?)[.)]"
    r"|(?P<decsub>\d{1,3}\([a-z0-9]{1,4}\))\.?"
    r"|(?P<low>[a-z]|[ivxlc]{2,7})[.)]"
    r"|\((?P<par>[a-z]|[ivxlc]{2,7}|\d{1,3})\)\.?"
    r")(?=[ \t]|\Z)"
)
_ROMAN = re.compile(r"[ivxlc]+\Z")
# "III." and "IV." number points too, but "V. Zelensky" may start a wrapped line of
# prose: upper-case roman numbers are read only where a paragraph starts.
_UPPER_MARKER = re.compile(r"(?P<up>[IVXLC]{1,7})[.)](?=[ \t]|\Z)")

Marker = tuple[str, list[str]]
"""A number as displayed, and the list kinds it may belong to (best guess first)."""


def _marker(match: re.Match[str]) -> Marker:
    # Kinds keep the punctuation: "a." and "(a)" are different lists, as in print.
    if match.group("dec"):
        return match.group("dec"), ["dec"]
    if match.group("decsub"):
        return match.group("decsub"), ["dec"]
    if match.group("low"):
        value = match.group("low")
        wrap = match.group(0)[-1]
        if len(value) > 1:
            return value, [f"roman{wrap}"]
        if _ROMAN.match(value):
            return value, [f"alpha{wrap}", f"roman{wrap}"]
        return value, [f"alpha{wrap}"]
    value = match.group("par")
    displayed = f"({value})"
    if value.isdigit():
        return displayed, ["dec()"]
    if len(value) > 1:
        return displayed, ["roman()"]
    if _ROMAN.match(value):
        return displayed, ["alpha()", "roman()"]
    return displayed, ["alpha()"]


def read_markers(text: str, upper: bool = False) -> tuple[list[Marker], int]:
    """The numbers at the start of ``text`` ("10. a. ..." has two) and where its prose starts.

    ``upper``: also read an upper-case roman number ("IV.") as the first number.
    """
    found: list[Marker] = []
    pos = 0
    while len(found) < 4:
        match = _MARKER.match(text, pos)
        if match:
            found.append(_marker(match))
        elif upper and not found and (match := _UPPER_MARKER.match(text, pos)):
            found.append((match.group("up"), [f"ROMAN{match.group(0)[-1]}"]))
        else:
            break
        pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    return found, pos


# --- headings -----------------------------------------------------------------------------

_ARTICLE = re.compile(
    r"(?:ARTICLE|Article|Art\.)"
    r"(?:[ \t]+(?P<number>\d{1,4}(?:bis|ter|quater|[a-z])?(?:\(\d{1,3}\))?|[IVXLCDM]{1,8}))?"
    r"(?:\.?[ \t]*\Z|(?:[ \t]*[.:]|[ \t]+[-\u2013\u2014])[ \t]*(?P<title>.+)\Z)"
)
_DOTTED_HEADING = re.compile(r"(?P<number>\d{1,3}(?:\.\d{1,3})+)\.?[ \t]+(?P<title>\S.*)\Z")


@dataclass(frozen=True, slots=True)
class Heading:
    """What a heading says: "Article 5 — Title", "10. Title", "1.2 Scope" or a bare title."""

    number: str | None
    title: str | None
    article: bool = False  # it says "Article"
    marker: Marker | None = None  # the number is a list number ("10.", "a.") and nests like one
    note: str | None = None  # an editorial note after the heading: "ARTICLE V  [verbatim]"


def parse_heading(text: str) -> Heading:
    article = _ARTICLE.match(text)
    if article and (article.group("number") or article.group("title")):
        return Heading(article.group("number"), (article.group("title") or "").strip() or None, article=True)
    if text.strip() in ("Article", "ARTICLE"):
        return Heading(None, None, article=True)
    markers, rest = read_markers(text, upper=True)
    if len(markers) == 1 and rest < len(text):
        return Heading(markers[0][0], text[rest:].strip(), marker=markers[0])
    dotted = _DOTTED_HEADING.match(text)
    if dotted:
        return Heading(dotted.group("number"), dotted.group("title").strip())
    return Heading(None, text.strip() or None)


_ARTICLE_WITH_NOTE = re.compile(
    r"(?P<head>(?:ARTICLE|Article|Art\.)[ \t]+(?:\d{1,4}(?:bis|ter|quater|[a-z])?(?:\(\d{1,3}\))?|[IVXLCDM]{1,8}))"
    r"[ \t]+(?P<note>\[[^\]]*\]|\([^)]*\))\Z"
)


def article_line(text: str) -> Heading | None:
    """A line of plain text that is an article heading: "Article 5", "ARTICLE V", "Article 5 — Title",
    or one followed by an editorial note in brackets: "ARTICLE V  [verbatim]"."""
    noted = _ARTICLE_WITH_NOTE.match(text)
    if noted:
        heading = article_line(noted.group("head"))
        return Heading(heading.number, None, article=True, note=noted.group("note")) if heading else None
    match = _ARTICLE.match(text)
    if not match or not match.group("number"):
        return None
    title = (match.group("title") or "").strip() or None
    # "Article 5. The Parties agree that ..." is a sentence, not a title.
    if title and (len(title) > 100 or title[-1] in ".;,"):
        return None
    return Heading(match.group("number"), title, article=True)
