"""Word documents -> the importer's lines: the accepted text of every paragraph.

python-docx's ``Paragraph.text`` skips runs inside ``w:ins``, so a document with
tracked changes would lose its insertions (see docs/render.md). This module reads
the OOXML itself: every ``w:t`` of a paragraph outside ``w:del``/``w:moveFrom``
(deleted text is ``w:delText``, which is never read), and a paragraph whose mark was
deleted runs on into the next one, as it does once all changes are accepted.

Word's automatic numbering is not in the text; it is rebuilt from the numbering
definitions (a counter per list and level), so "1.", "a." and "(i)" reach the
importer as numbers, not as prose.

Every part is read through ``importers.package`` (zip and XML limits, errors by part). A
value Word would not write (a list start of "abc" or of 10^12, a level of "x") gets a
warning and a fallback, and a character the text would otherwise lose (a ``w:sym``
symbol) is kept and warned about: no text vanishes without a word.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clausekit.errors import ClauseKitWarning, InputError
from clausekit.importers.package import WordPackage
from clausekit.importers.text import SourceLine

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_T, _TAB, _BR, _CR, _P, _PPR = (_w(t) for t in ("t", "tab", "br", "cr", "p", "pPr"))
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = _w("noBreakHyphen"), _w("softHyphen")
# Subtrees whose text is not in the accepted document (or is read elsewhere).
_SKIP = frozenset({_w("del"), _w("moveFrom"), _PPR, _w("rPr"), f"{{{_MC}}}Fallback", _P})
_VAL = _w("val")
_SYM = _w("sym")
_NS = {"w": _W}
_HEADING_STYLE = re.compile(r"heading\s*(\d)\Z", re.IGNORECASE)
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
# A list number clausekit will show; past it a start value is taken for a mistake (or an
# attack: letters and roman numerals grow with the number) and the list starts at 1.
MAX_LIST_NUMBER = 32767
MAX_LEVEL = 8  # Word's lists have nine levels, 0 to 8


class ImportNotes:
    """What the import had to guess or keep, said once per kind when the import ends."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.counts: Counter[str] = Counter()

    def note(self, message: str) -> None:
        self.counts[message] += 1

    def warn(self) -> None:
        for message, count in self.counts.items():
            times = f" ({count} times)" if count > 1 else ""
            warnings.warn(f"{self.name}: {message}{times}", ClauseKitWarning, stacklevel=3)


def _xpath(element: Any, path: str) -> list[Any]:
    return element.xpath(path, namespaces=_NS)


def number_value(text: str | None, default: int, what: str, notes: ImportNotes, high: int = MAX_LIST_NUMBER) -> int:
    """An integer attribute of the numbering; outside 0..high, or not a number: noted, and the default."""
    if text is None:
        return default
    try:
        value = int(text.strip())
    except ValueError:
        notes.note(f"{what} {text[:40]!r} is not a number; {default} is used")
        return default
    if not 0 <= value <= high:
        notes.note(f"{what} {value} is outside 0..{high}; {default} is used")
        return default
    return value


def _symbol(element: Any, notes: ImportNotes) -> str:
    """A ``w:sym`` character: Word stores a symbol font's character at U+F000 plus its code;
    the character is kept as its code (a check that it shows as meant is left to the reader)."""
    code = element.get(_w("char"), "")
    font = element.get(_w("font"), "a symbol font")
    try:
        value = int(code, 16)
        ch = chr(value - 0xF000 if 0xF000 <= value <= 0xF0FF else value)
    except (ValueError, OverflowError):
        notes.note(f"a symbol (w:sym) with the character code {code[:20]!r} is not a character; shown as '?'")
        return "?"
    notes.note(f"symbols (w:sym) in {font} kept as the characters of their codes; check they read as meant")
    return ch if ch.isprintable() else "?"


def accepted_text(paragraph: Any, notes: ImportNotes | None = None) -> str:
    """The text of a ``w:p`` element with every tracked change accepted."""
    parts: list[str] = []
    notes = notes or ImportNotes("<docx>")

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.xpath("string()"))  # all its text, whatever sits inside it
            elif tag == _SYM:
                parts.append(_symbol(child, notes))
            elif tag in (_TAB, _BR, _CR):
                parts.append(" " if tag != _TAB else "\t")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _mark_deleted(paragraph: Any) -> bool:
    """The paragraph mark itself is a tracked deletion: the text runs on into the next paragraph."""
    return bool(_xpath(paragraph, "./w:pPr/w:rPr/w:del"))


def _in_fallback(paragraph: Any) -> bool:
    """Text boxes appear twice (mc:Choice and mc:Fallback); read the first only."""
    return any(ancestor.tag == f"{{{_MC}}}Fallback" for ancestor in paragraph.iterancestors())


# --- automatic numbering -------------------------------------------------------------------


def _alpha(n: int) -> str:
    # Word's letters go a..z, then aa..zz, then aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str | None:
    """A counter value in a Word number format; None for bullets and unnumbered levels."""
    if fmt in ("bullet", "none"):
        return None
    if fmt == "lowerLetter":
        return _alpha(n)
    if fmt == "upperLetter":
        return _alpha(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class _Numbering:
    """Rebuilds the numbers Word shows for numbered paragraphs, in document order."""

    def __init__(self, root: Any | None, notes: ImportNotes) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (fmt, lvlText, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.notes = notes
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.findall(_w("abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in definition.findall(_w("lvl")):
                ilvl = number_value(level.get(_w("ilvl")), 0, "a list level (w:ilvl)", notes, MAX_LEVEL)
                start = number_value(self._val(level, "start", None), 1, "a list start (w:start)", notes)
                levels[ilvl] = (self._val(level, "numFmt", "decimal"), self._val(level, "lvlText", ""), start)
            abstract[definition.get(_w("abstractNumId"), "")] = levels
        for num in root.findall(_w("num")):
            num_id = num.get(_w("numId"), "")
            abstract_id = self._val(num, "abstractNumId", "")
            for ilvl, level in abstract.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = level

    @staticmethod
    def _val(element: Any, child: str, default: Any) -> Any:
        found = element.find(_w(child))
        return found.get(_VAL, default) if found is not None else default

    def marker(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """The number shown for the next paragraph of this list and level, and its list kind."""
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return None
        fmt, text, start = level
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        if counters[ilvl] > MAX_LIST_NUMBER:  # a list longer than any document: count on from 1
            self.notes.note(f"a list passes {MAX_LIST_NUMBER} items; its numbers start again at 1")
            counters[ilvl] = 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it
        shown = format_number(counters[ilvl], fmt)
        if shown is None:
            return None
        # "(%2)" shows "(b)": keep the parentheses; "%1." and "%1)" show a plain number.
        own = f"%{ilvl + 1}"
        at = text.find(own)
        if at > 0 and text[at - 1] == "(":
            shown = f"({shown})"
        return shown, f"word-{num_id}-{ilvl}"


def _list_of(element: Any, notes: ImportNotes) -> tuple[str, int] | None:
    """The list and level a paragraph (or a style) is numbered in, from its ``w:numPr``."""
    num_id = _xpath(element, "./w:pPr/w:numPr/w:numId/@w:val")
    if not num_id or num_id[0] == "0":
        return None
    ilvl = _xpath(element, "./w:pPr/w:numPr/w:ilvl/@w:val")
    return num_id[0], number_value(ilvl[0] if ilvl else None, 0, "a list level (w:ilvl)", notes, MAX_LEVEL)


def _numbering_of(
    paragraph: Any, style_numbering: dict[str, tuple[str, int]], notes: ImportNotes
) -> tuple[str, int] | None:
    if _xpath(paragraph, "./w:pPr/w:numPr/w:numId"):
        return _list_of(paragraph, notes)
    style = _xpath(paragraph, "./w:pPr/w:pStyle/@w:val")
    return style_numbering.get(style[0]) if style else None


def _style_tables(root: Any | None, notes: ImportNotes) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    names: dict[str, str] = {}
    numbering: dict[str, tuple[str, int]] = {}
    for style in root.findall(_w("style")) if root is not None else ():
        style_id = style.get(_w("styleId"), "")
        name = style.find(_w("name"))
        names[style_id] = name.get(_VAL, style_id) if name is not None else style_id
        numbered = _list_of(style, notes)
        if numbered:
            numbering[style_id] = numbered
    return names, numbering


# --- reading a document --------------------------------------------------------------------


def _open(path: str | Path) -> WordPackage:
    name = str(path)
    target = Path(path)
    if not target.exists():
        raise InputError(name, "no such file")
    if target.is_dir():
        raise InputError(name, "is a directory, not a Word document")
    try:
        return WordPackage(target)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None


def _read_parts(package: WordPackage) -> tuple[Any, Any | None, Any | None]:
    """The document's body, and its styles and numbering when it has them, each part parsed
    inside the package's limits."""
    document = package.main_document()
    root = package.xml(document)
    body = root.find(_w("body"))
    if body is None:
        raise package.error(document, "has no body (w:body): this is not a Word document")
    related = package.relationships(document)
    optional = [related.get(kind) for kind in (_STYLES, _NUMBERING)]
    styles, numbering = (package.xml(part) if part and package.has(part) else None for part in optional)
    return body, styles, numbering


def _paragraphs(body: Any) -> Iterator[Any]:
    for paragraph in body.iter(_P):
        if not _in_fallback(paragraph):
            yield paragraph


def docx_lines(path: str | Path) -> list[SourceLine]:
    """The lines of a Word document, one paragraph each, with its headings and list numbers;
    what had to be guessed or kept is warned about (``ClauseKitWarning``) once the lines are read."""
    package = _open(path)
    try:
        body, styles, numbering_root = _read_parts(package)
    finally:
        package.close()
    notes = ImportNotes(str(path))
    lines = _lines(body, styles, numbering_root, notes)
    notes.warn()
    return lines


def _lines(body: Any, styles: Any | None, numbering_root: Any | None, notes: ImportNotes) -> list[SourceLine]:
    style_names, style_numbering = _style_tables(styles, notes)
    numbering = _Numbering(numbering_root, notes)
    lines: list[SourceLine] = []
    run_on = ""
    for index, paragraph in enumerate(_paragraphs(body), start=1):
        text = run_on + accepted_text(paragraph, notes)
        if _mark_deleted(paragraph):
            run_on = text
            continue
        run_on = ""
        text = text.strip()
        if not text:
            lines.append(SourceLine("", 0, index))
            continue
        style_id = _xpath(paragraph, "./w:pPr/w:pStyle/@w:val")
        style = style_names.get(style_id[0], style_id[0]) if style_id else ""
        heading = _HEADING_STYLE.match(style)
        if style.lower() == "title":
            lines.append(SourceLine(text, 0, index, heading=0, is_title=True))
        elif heading:
            lines.append(SourceLine(text, 0, index, heading=max(1, int(heading.group(1)))))
        else:
            where = _numbering_of(paragraph, style_numbering, notes)
            marker = numbering.marker(*where) if where else None
            lines.append(SourceLine(text, 0, index, marker=marker))
        lines.append(SourceLine("", 0, index))
    if run_on.strip():
        lines.append(SourceLine(run_on.strip(), 0, len(lines) + 1))
    return lines
