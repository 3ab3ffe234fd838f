"""The two-column amendment table as one self-contained HTML page (no script, no outside file)."""

from __future__ import annotations

from html import escape

from clausekit.language.amendments import AmendmentList
from clausekit.model import Draft
from clausekit.render.amend.table import Segment, TableRow, table_view

_STYLE = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 60rem; margin: 2rem auto; color: #1b1f27; }
h1 { font-size: 1.4rem; }
section.amendment { margin: 1.5rem 0; page-break-inside: avoid; }
h2 { font-size: 1.05rem; margin: 0; }
p.where { margin: .2rem 0 .5rem; font-weight: bold; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #666; padding: .4rem .6rem; vertical-align: top; text-align: left; width: 50%; }
th { background: #eef0f4; font-weight: bold; }
td p { margin: 0 0 .4rem; }
b i, .changed { font-weight: bold; font-style: italic; }
td.deleted { font-style: italic; text-align: center; }
p.instruction { color: #4a5263; font-size: .85rem; margin: .3rem 0 0; }
p.note { color: #4a5263; font-style: italic; }
"""


def _segments(segments: tuple[Segment, ...]) -> str:
    return "".join(f"<b><i>{escape(s.text)}</i></b>" if s.marked else escape(s.text) for s in segments)


def _cell(paragraphs: tuple[tuple[Segment, ...], ...], note: str | None) -> str:
    if note is not None and not paragraphs:
        return f'<td class="deleted">{escape(note)}</td>'
    return "<td>" + "".join(f"<p>{_segments(p)}</p>" for p in paragraphs) + "</td>"


def _row(row: TableRow, old_heading: str) -> str:
    number = row.heading.split(" ")[1]
    return (
        f'<section class="amendment" id="amendment-{escape(number)}">'
        f"<h2>{escape(row.heading)}</h2>"
        f'<p class="where">{escape(row.where)}</p>'
        "<table><thead><tr>"
        f"<th>{escape(old_heading)}</th><th>{escape(row.new_heading)}</th>"
        "</tr></thead><tbody><tr>"
        f"{_cell(row.before, None)}{_cell(row.after, row.after_note)}"
        "</tr></tbody></table>"
        f'<p class="instruction">{escape(row.instruction)}</p>'
        "</section>"
    )


def render_amend_html(amendments: AmendmentList, old: Draft) -> str:
    view = table_view(amendments, old)
    body = "".join(_row(row, view.old_heading) for row in view.rows)
    notes = "".join(f'<p class="note">Note: {escape(note)}</p>' for note in view.notes)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{escape(view.title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(view.title)}</h1>{body}{notes}</body></html>\n"
    )
