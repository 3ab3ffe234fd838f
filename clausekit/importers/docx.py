"""Word documents -> the importer's lines: the accepted text of every paragraph.

python-docx's ``Paragraph.text`` skips runs inside ``w:ins``, so a document with
tracked changes would lose its insertions (see docs/render.md). This module reads
the OOXML itself: every ``w:t`` of a paragraph outside ``w:del``/``w:moveFrom``
(deleted text is ``w:delText``, which is never read), and a paragraph whose mark was
deleted runs on into the next one, as it does once all changes are accepted.

Word's automatic numbering is not in the text; it is rebuilt from the numbering
definitions (a counter per list and level), so "1.", "a." and "(i)" reach the
importer as numbers, not as prose.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clausekit.errors import InputError
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
_HEADING_STYLE = re.compile(r"heading\s*(\d)\Z", re.IGNORECASE)


def accepted_text(paragraph: Any) -> str:
    """The text of a ``w:p`` element with every tracked change accepted."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
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
    return bool(paragraph.xpath("./w:pPr/w:rPr/w:del"))


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

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (fmt, lvlText, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for definition in root.findall(_w("abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for level in definition.findall(_w("lvl")):
                levels[int(level.get(_w("ilvl"), "0"))] = (
                    self._val(level, "numFmt", "decimal"),
                    self._val(level, "lvlText", ""),
                    int(self._val(level, "start", "1") or 1),
                )
            abstract[definition.get(_w("abstractNumId"), "")] = levels
        for num in root.findall(_w("num")):
            num_id = num.get(_w("numId"), "")
            abstract_id = self._val(num, "abstractNumId", "")
            for ilvl, level in abstract.get(abstract_id, {}).items():
                self.levels[(num_id, ilvl)] = level

    @staticmethod
    def _val(element: Any, child: str, default: str) -> str:
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


def _numbering_of(paragraph: Any, style_numbering: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    num_id = paragraph.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if num_id:
        ilvl = paragraph.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
        return (num_id[0], int(ilvl[0]) if ilvl else 0) if num_id[0] != "0" else None
    style = paragraph.xpath("./w:pPr/w:pStyle/@w:val")
    return style_numbering.get(style[0]) if style else None


def _style_tables(document: Any) -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    names: dict[str, str] = {}
    numbering: dict[str, tuple[str, int]] = {}
    for style in document.styles.element.findall(_w("style")):
        style_id = style.get(_w("styleId"), "")
        name = style.find(_w("name"))
        names[style_id] = name.get(_VAL, style_id) if name is not None else style_id
        num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id and num_id[0] != "0":
            ilvl = style.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            numbering[style_id] = (num_id[0], int(ilvl[0]) if ilvl else 0)
    return names, numbering


# --- reading a document --------------------------------------------------------------------


def _open(path: str | Path) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    target = Path(path)
    if not target.exists():
        raise InputError(name, "no such file")
    if target.is_dir():
        raise InputError(name, "is a directory, not a Word document")
    try:
        return docx.Document(name)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(name, "is not a Word document (.docx) that can be read") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot be read: {error.strerror or error}") from None


def _paragraphs(document: Any) -> Iterator[Any]:
    for paragraph in document.element.body.iter(_P):
        if not _in_fallback(paragraph):
            yield paragraph


def docx_lines(path: str | Path) -> list[SourceLine]:
    """The lines of a Word document, one paragraph each, with its headings and list numbers."""
    document = _open(path)
    style_names, style_numbering = _style_tables(document)
    numbering = _Numbering(document)
    lines: list[SourceLine] = []
    run_on = ""
    for index, paragraph in enumerate(_paragraphs(document), start=1):
        text = run_on + accepted_text(paragraph)
        if _mark_deleted(paragraph):
            run_on = text
            continue
        run_on = ""
        text = text.strip()
        if not text:
            lines.append(SourceLine("", 0, index))
            continue
        style_id = paragraph.xpath("./w:pPr/w:pStyle/@w:val")
        style = style_names.get(style_id[0], style_id[0]) if style_id else ""
        heading = _HEADING_STYLE.match(style)
        if style.lower() == "title":
            lines.append(SourceLine(text, 0, index, heading=0, is_title=True))
        elif heading:
            lines.append(SourceLine(text, 0, index, heading=max(1, int(heading.group(1)))))
        else:
            where = _numbering_of(paragraph, style_numbering)
            marker = numbering.marker(*where) if where else None
            lines.append(SourceLine(text, 0, index, marker=marker))
        lines.append(SourceLine("", 0, index))
    if run_on.strip():
        lines.append(SourceLine(run_on.strip(), 0, len(lines) + 1))
    return lines
