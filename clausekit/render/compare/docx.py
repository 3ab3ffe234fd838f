"""The position matrix as a Word document: a landscape table, a column per draft.

Built with python-docx on the same ``ComparisonView`` as the Markdown and HTML matrices, and
with the draft renderer's helpers (``render.docx``: a clean document, page numbers;
``ooxml.TextCleaner``: characters XML cannot hold), so it reads like the other Word outputs.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from clausekit.compare import Comparison
from clausekit.render import ooxml
from clausekit.render.compare.view import CellView, ComparisonView, build_comparison_view
from clausekit.render.draft.docx import new_document, save, set_page_furniture

_INSERTED = RGBColor(0x0F, 0x5B, 0x1F)
_DELETED = RGBColor(0x8D, 0x1C, 0x1C)
_MUTED = RGBColor(0x5B, 0x64, 0x75)
_AGREED_FILL = "EEF6EE"
_GROUP_FILL = "E4E9F2"  # the heading row of an issue group (--by issue)
_HEADER_FILL = "24324A"
_UNKNOWN_FILL = "F1F1F4"


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


class _MatrixWriter:
    def __init__(self, view: ComparisonView) -> None:
        self.view = view
        self.clean = ooxml.TextCleaner()

    def run(self, paragraph, text: str, **style):
        run = paragraph.add_run(self.clean(text))
        for key, value in style.items():
            if key == "color":
                run.font.color.rgb = value
            elif key == "size":
                run.font.size = value
            else:
                setattr(run.font, key, value)
        return run

    def cell(self, target, cell: CellView) -> None:
        """A cell of the matrix: its status, then its clause (by clause) or each clause of the
        draft on the row's issue, headed by its label and status (by issue)."""
        first = target.paragraphs[0]
        status = cell.status_text + (", moved" if cell.moved else "")
        self.run(first, status.upper(), bold=True, size=Pt(7), color=_MUTED)
        if cell.status in ("missing", "unknown"):
            _shade(target, _UNKNOWN_FILL)
        for part in cell.parts:
            heading = target.add_paragraph()
            heading.paragraph_format.space_before = Pt(6)  # the draft's clauses on an issue, set apart
            self.run(heading, part.label or "", bold=True, size=Pt(8))
            self.run(
                heading, "  " + (part.status_text + (", moved" if part.moved else "")).upper(), size=Pt(7), color=_MUTED
            )
            self.body(target, part)
        if not cell.parts:
            self.body(target, cell)

    def body(self, target, cell: CellView) -> None:
        """A clause's words (its redline from the base's, or its own), then its facts and findings."""
        paragraph = target.add_paragraph()
        if cell.runs:
            self.redline(target, paragraph, cell)
        elif cell.text:
            for index, piece in enumerate(cell.text.split("\n\n")):
                if index:
                    paragraph = target.add_paragraph()
                self.run(paragraph, piece)
        if cell.note:  # its provenance where it differs from its draft's, as the HTML shows it
            self.run(
                target.add_paragraph() if cell.runs or cell.text else paragraph, cell.note, italic=True, color=_MUTED
            )
        if cell.facts:
            facts = target.add_paragraph()
            for index, (name, values) in enumerate(cell.facts):
                self.run(facts, ("; " if index else "") + name + ": ", bold=True, size=Pt(8), color=_MUTED)
                self.run(facts, values, size=Pt(8), color=_MUTED)
        for finding in cell.findings:
            self.run(target.add_paragraph(), "• " + finding, size=Pt(8), italic=True)

    def redline(self, target, paragraph, cell: CellView) -> None:
        previous = None
        for r in cell.runs:
            if r.op == "insert" and previous == "delete":
                self.run(paragraph, " ")  # keep "600,000" and "800,000" apart, as the HTML does
            previous = r.op
            pieces = (r.new_side if r.op == "equal" else r.text).split("\n\n")
            for index, piece in enumerate(pieces):
                if index:
                    paragraph = target.add_paragraph()
                if r.op == "insert":
                    self.run(paragraph, piece, underline=True, color=_INSERTED)
                elif r.op == "delete":
                    self.run(paragraph, piece, strike=True, color=_DELETED)
                else:
                    self.run(paragraph, piece)

    def suggestions(self, document) -> None:
        """The suggested correspondences after the matrix: one paragraph each, never applied."""
        if not self.view.suggestions:
            return
        document.add_heading("Suggested correspondences (not applied)", level=2)
        for s in self.view.suggestions:
            paragraph = document.add_paragraph()
            self.run(paragraph, f"{s.column}: {s.clause} may answer {s.base_clause} ({s.score}). ", bold=True)
            self.run(paragraph, "; ".join(s.evidence) + ". To accept: ")
            self.run(paragraph, s.field_line, italic=True)

    def document(self) -> bytes:
        view = self.view
        document = new_document(None)
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(1.5))
        document.styles["Normal"].font.size = Pt(9)
        document.add_heading(self.clean(view.title), level=1)
        counts = ", ".join(f"{n} {state}" for state, n in view.counts)
        intro = document.add_paragraph()
        self.run(intro, f"Base: {view.base_label}. Rows: {counts}. Against the base clause: ")
        self.run(intro, "deleted", strike=True, color=_DELETED)
        self.run(intro, " / ")
        self.run(intro, "inserted", underline=True, color=_INSERTED)
        self.run(intro, " words.")
        for note in view.notes:
            self.run(document.add_paragraph(), "Note: " + note, italic=True)
        self.matrix(document, section)
        self.suggestions(document)
        set_page_furniture(document, None)
        props = document.core_properties
        props.title = ooxml.core_property(self.clean(view.title))
        props.author = "clausekit"
        self.clean.warn()
        return save(document)

    def matrix(self, document, section) -> None:
        """The position matrix: a header row repeated on every page, a row per clause (and per issue group)."""
        view = self.view
        table = document.add_table(rows=1, cols=len(view.columns) + 1)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _repeat_header(header)
        for index, title in enumerate(
            [
                "Issue" if view.by == "issue" else "Clause",
                *(f"{c.heading}{' (base)' if c.is_base else ''}" for c in view.columns),
            ]
        ):
            cell = header.cells[index]
            _shade(cell, _HEADER_FILL)
            self.run(cell.paragraphs[0], title, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
            if index:
                column = view.columns[index - 1]
                self.run(cell.add_paragraph(), column.title, size=Pt(8), color=RGBColor(0xDD, 0xE3, 0xEE))
        for row in view.rows:
            if row.group:
                merged = table.add_row().cells
                heading = merged[0].merge(merged[-1])
                _shade(heading, _GROUP_FILL)
                self.run(heading.paragraphs[0], row.group, bold=True)
            cells = table.add_row().cells
            label = cells[0].paragraphs[0]
            self.run(label, "  " * row.depth + row.label, bold=True)
            self.run(cells[0].add_paragraph(), row.state_text, size=Pt(8), color=_MUTED)
            for index, cell in enumerate(row.cells, start=1):
                self.cell(cells[index], cell)
                if row.state == "agreed":
                    _shade(cells[index], _AGREED_FILL)
        width = section.page_width - section.left_margin - section.right_margin
        first = int(width * 0.14)
        rest = int((width - first) / max(1, len(view.columns)))
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = first if index == 0 else rest


def render_comparison_docx(comparison: Comparison) -> bytes:
    return _MatrixWriter(build_comparison_view(comparison)).document()
