"""The two-column amendment table as a Word document: for each amendment a heading, the clause
it amends, and a real two-column Word table, the changed words in bold italic (the European
Parliament's layout)."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

from clausekit.language.amendments import AmendmentList
from clausekit.model import Draft
from clausekit.render import ooxml
from clausekit.render.amend.table import Segment, TableRow, table_view
from clausekit.render.draft.docx import new_document, save, set_page_furniture


class _TableWriter:
    def __init__(self) -> None:
        self.clean = ooxml.TextCleaner()

    def runs(self, paragraph, segments: tuple[Segment, ...]) -> None:  # type: ignore[no-untyped-def]
        for segment in segments:
            run = paragraph.add_run(self.clean(segment.text))
            if segment.marked:
                run.bold = True
                run.italic = True

    def cell(self, cell, paragraphs: tuple[tuple[Segment, ...], ...], note: str | None) -> None:  # type: ignore[no-untyped-def]
        if note is not None and not paragraphs:
            run = cell.paragraphs[0].add_run(note)
            run.italic = True
            return
        for index, segments in enumerate(paragraphs):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            self.runs(paragraph, segments)

    def amendment(self, document, row: TableRow, old_heading: str) -> None:  # type: ignore[no-untyped-def]
        document.add_heading(self.clean(row.heading), level=2)
        where = document.add_paragraph()
        where.add_run(self.clean(row.where)).bold = True
        table = document.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for index, title in enumerate((old_heading, row.new_heading)):
            table.rows[0].cells[index].paragraphs[0].add_run(self.clean(title)).bold = True
        self.cell(table.rows[1].cells[0], row.before, None)
        self.cell(table.rows[1].cells[1], row.after, row.after_note)
        instruction = document.add_paragraph()
        run = instruction.add_run(self.clean(row.instruction))
        run.font.size = Pt(8)
        run.italic = True

    def document(self, amendments: AmendmentList, old: Draft) -> bytes:
        view = table_view(amendments, old)
        document = new_document(None)
        document.add_heading(self.clean(view.title), level=1)
        for row in view.rows:
            self.amendment(document, row, view.old_heading)
        for note in view.notes:
            document.add_paragraph().add_run(self.clean("Note: " + note)).italic = True
        set_page_furniture(document, None)
        document.core_properties.title = ooxml.core_property(self.clean(view.title))
        document.core_properties.author = "clausekit"
        self.clean.warn()
        return save(document)


def render_amend_docx(amendments: AmendmentList, old: Draft) -> bytes:
    return _TableWriter().document(amendments, old)
