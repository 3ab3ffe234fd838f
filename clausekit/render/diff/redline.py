"""A diff as a Word document with native tracked changes (``w:ins``/``w:del``).

Written at the OOXML level, following the facts checked in the project's design notes
(docs/render.md): deleted text is ``w:delText``; a wholly inserted or deleted
paragraph also carries a mark on its paragraph properties; every revision has an id
from one counter, an author (the new draft's label, so a reader can filter changes by
who proposed them) and a UTC date. Moves are a deletion and an insertion.

Accept All gives the new draft's rendering and Reject All the old one's: the
paragraphs come from ``diffview.document_diff``, which guarantees both readings.
"""

from __future__ import annotations

import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from clausekit.diff.model import ClauseChange, DraftDiff
from clausekit.model import Draft, provenance_lookup
from clausekit.render import ooxml
from clausekit.render.diff.paragraphs import BODY, HEADING, NESTED, TITLE, ParagraphDiff, document_diff
from clausekit.render.diff.view import exactness_note
from clausekit.render.draft.docx import draft_datetime, new_document, save, set_page_furniture, set_properties


class _Revisions:
    """Builds revision marks that share one id counter, author and date."""

    def __init__(self, author: str, date: str | None) -> None:
        self.author = author
        self.date = date
        self.ids = itertools.count(1)

    def mark(self, tag: str):
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        if self.date:
            element.set(qn("w:date"), self.date)
        return element


def _deleted_run(text: str):
    r = ooxml.run(text)
    for t in r.iter(qn("w:t")):
        t.tag = qn("w:delText")
    return r


def _paragraph(diff_paragraph: ParagraphDiff, style: str, revisions: _Revisions, clean: ooxml.TextCleaner):
    p = ooxml.paragraph(style)
    if diff_paragraph.kind in ("inserted", "deleted"):
        # The paragraph mark itself is inserted or deleted: otherwise an empty paragraph stays behind.
        rpr = OxmlElement("w:rPr")
        rpr.append(revisions.mark("w:ins" if diff_paragraph.kind == "inserted" else "w:del"))
        p.get_or_add_pPr().append(rpr)
    for op in diff_paragraph.ops:
        if op.op == "equal":
            p.append(ooxml.run(clean(op.new_side)))
        elif op.op == "insert":
            wrapper = revisions.mark("w:ins")
            wrapper.append(ooxml.run(clean(op.text)))
            p.append(wrapper)
        else:
            wrapper = revisions.mark("w:del")
            wrapper.append(_deleted_run(clean(op.text)))
            p.append(wrapper)
    return p


def revision_date(date: str | None) -> str | None:
    moment = draft_datetime(date)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _cited_as(draft: Draft) -> str:
    """ "the US plan (US, 2025-11-20)": a draft as a person names it in a running head."""
    said = ", ".join(part for part in (draft.proposer, draft.date) if part)
    return f"{draft.title} ({said})" if said else draft.title


def header_line(diff: DraftDiff) -> str:
    """The redline's running head, as a person would write it: what is marked against what."""
    return f"{_cited_as(diff.new)}, marked against {_cited_as(diff.old)}"


def render_redline_docx(diff: DraftDiff) -> bytes:
    """The new draft as tracked changes against the old one."""
    document = new_document(None)
    styles = ooxml.styles_of(document)
    role_style = {TITLE: styles.title, BODY: styles.body, NESTED: styles.nested}
    revisions = _Revisions(ooxml.strip_invalid(diff.new.label()), revision_date(diff.new.date))
    clean = ooxml.TextCleaner()
    paragraphs = []
    starts: dict[int, ClauseChange] = {}
    for item in document_diff(diff, starts):
        role = item.block.role
        style = styles.headings[item.block.level - 1] if role == HEADING else role_style[role]
        paragraphs.append(_paragraph(item, style, revisions, clean))
    body, sect_pr = ooxml.clear_body(document)
    ooxml.append_all(body, sect_pr, paragraphs)
    _comment_exactness(document, diff, [(paragraphs[i], row) for i, row in starts.items()])
    title = f"Changes from {diff.old.label()} to {diff.new.label()}"
    set_properties(document, diff.new, ooxml.strip_invalid(title))
    set_page_furniture(document, ooxml.strip_invalid(header_line(diff)))
    clean.warn()
    return save(document)


COMMENT_AUTHOR = "clausekit"
"""Who the provenance comments are by: the tool, not a party (the revisions are the new draft's)."""


def _comment_exactness(document, diff: DraftDiff, starts: list[tuple[object, ClauseChange]]) -> None:
    """A Word comment on the first paragraph of each changed row whose text is not verbatim
    ("exactness: new paraphrase"), as the text, Markdown and HTML diffs say it on the row. A
    comment is no revision: Accept All and Reject All still give the two drafts."""
    lookups = (provenance_lookup(diff.old), provenance_lookup(diff.new))
    for element, row in starts:
        note = exactness_note(row, lookups) if row.kinds else None
        runs = list(element.iter(qn("w:r")))  # type: ignore[attr-defined]
        if note is None or not runs:
            continue
        paragraph = Paragraph(element, document)  # type: ignore[arg-type]
        first, last = Run(runs[0], paragraph), Run(runs[-1], paragraph)
        document.add_comment([first, last], text=ooxml.strip_invalid(note), author=COMMENT_AUTHOR, initials="ck")
