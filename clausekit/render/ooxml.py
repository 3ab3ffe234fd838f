"""Small builders for WordprocessingML, shared by the draft writer and the redline.

Paragraphs and runs are built as ``w:p``/``w:r`` through python-docx's oxml layer, each
style looked up once: ``add_paragraph``/``add_run`` look styles up by name and walk the
body on every call (benchmarks/README.md has the measurements).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from clausekit.errors import ClauseKitWarning

# Characters XML 1.0 cannot hold (lxml refuses them): C0 controls except tab, LF and
# CR, the non-characters U+FFFE/U+FFFF, and lone surrogates.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def strip_invalid(text: str) -> str:
    """Text without the characters XML cannot hold (for places that are not counted, such as properties)."""
    return _XML_INVALID.sub("", text)


# The core properties (docProps/core.xml) hold at most 255 characters each: python-docx
# refuses longer values, and Word truncates them.
CORE_PROPERTY_LIMIT = 255


def core_property(text: str) -> str:
    """A value for the core properties: what XML can hold, shortened with an ellipsis past the
    limit (the document itself keeps the full text; only the properties are shortened)."""
    text = strip_invalid(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1].rstrip() + "\u2026"


class TextCleaner:
    """Strips what XML cannot hold, and says so once per document."""

    def __init__(self) -> None:
        self.removed: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        if not _XML_INVALID.search(text):
            return text
        for ch in _XML_INVALID.findall(text):
            self.removed[ch] = self.removed.get(ch, 0) + 1
        return _XML_INVALID.sub("", text)

    def warn(self) -> None:
        if self.removed:
            total = sum(self.removed.values())
            which = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(self.removed))
            warnings.warn(
                f"removed {total} control character(s) that a Word file cannot hold ({which})",
                ClauseKitWarning,
                stacklevel=3,
            )


@dataclass(frozen=True, slots=True)
class Styles:
    """Style ids, looked up once per document."""

    title: str
    headings: tuple[str, ...]
    body: str
    nested: str
    hyperlink: str


_HEADING_SIZES = (16, 13, 12)


def _style_id(document, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
    """The id of a style, created (based on Normal) when a reference document lacks it."""
    styles = document.styles
    try:
        return styles[name].style_id
    except KeyError:
        pass
    style = styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.CHARACTER:
        style.font.color.rgb = RGBColor(0x1A, 0x4B, 0x8C)
        style.font.underline = True
    else:
        style.base_style = styles["Normal"] if "Normal" in [s.name for s in styles] else None
        if name.startswith("Heading") or name == "Title":
            style.font.bold = True
            level = int(name.split()[-1]) if name[-1].isdigit() else 0
            style.font.size = Pt(20 if name == "Title" else _HEADING_SIZES[min(level, 3) - 1])
    return style.style_id


def styles_of(document) -> Styles:
    return Styles(
        title=_style_id(document, "Title"),
        headings=tuple(_style_id(document, f"Heading {n}") for n in (1, 2, 3)),
        body=_style_id(document, "Body Text"),
        nested=_style_id(document, "List Paragraph"),
        hyperlink=_style_id(document, "Hyperlink", WD_STYLE_TYPE.CHARACTER),
    )


_W_VAL = qn("w:val")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Text the run setter would split into w:tab / w:br elements.
_NEEDS_SETTER = re.compile(r"[\t\n\r]")


def paragraph(style_id: str | None):
    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(_W_VAL, style_id)
        ppr.append(pstyle)
        p.append(ppr)
    return p


def run(text: str, bold: bool = False, italic: bool = False, char_style: str | None = None):
    """A ``w:r`` holding ``text``.

    python-docx's run text setter is the reference (tabs and line breaks become
    ``w:tab``/``w:br``, edge spaces get ``xml:space="preserve"``), but it walks the text
    a character at a time; plain text, nearly all of a treaty, is written directly with
    the same result, and anything else still goes through the setter.
    """
    r = OxmlElement("w:r")
    if bold or italic or char_style:
        rpr = OxmlElement("w:rPr")
        if char_style:
            rstyle = OxmlElement("w:rStyle")
            rstyle.set(_W_VAL, char_style)
            rpr.append(rstyle)
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    if _NEEDS_SETTER.search(text):
        r.text = text
    elif text:
        t = OxmlElement("w:t")
        t.text = text
        if text[0] == " " or text[-1] == " ":
            t.set(_XML_SPACE, "preserve")
        r.append(t)
    return r


def hyperlink(anchor: str, *runs):
    """An internal link to a bookmark."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    for r in runs:
        link.append(r)
    return link


def bookmark(bookmark_id: int, name: str) -> tuple:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    return start, end


def field(instruction: str, shown: str):
    """A simple field (``PAGE``, ``NUMPAGES``) with the text shown until Word updates it."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    fld.append(run(shown))
    return fld


def clear_body(document) -> tuple:
    """Empty a (reference) document's body, keeping its section settings; returns (body, sectPr)."""
    body = document.element.body
    sect_pr = None
    for child in list(body):
        if child.tag == qn("w:sectPr"):
            sect_pr = child
        else:
            body.remove(child)
    return body, sect_pr


def append_all(body, sect_pr, paragraphs) -> None:
    """Append paragraphs to the body, before its final section properties."""
    if sect_pr is None:
        body.extend(paragraphs)
    else:
        for p in paragraphs:
            sect_pr.addprevious(p)


_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]")


def bookmark_names(ids) -> dict[str, str]:
    """Word bookmark names for clause ids: a letter first, [A-Za-z0-9_], at most 40 characters, unique."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for index, clause_id in enumerate(ids):
        name = ("c_" + _BOOKMARK_CHARS.sub("_", clause_id))[:40]
        if name in used:
            name = f"c{index}_" + name[2:][: 37 - len(str(index))]
        used.add(name)
        out[clause_id] = name
    return out
