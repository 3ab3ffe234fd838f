"""Profiles as tables for people: a row per dimension, a column per clause, each cell the value
with its source and evidence (text, Markdown, HTML)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

from clausekit.analysis.profile import DIMENSIONS, Dimension, Evidence, Profile
from clausekit.render.templates import markdown_inline

# Evidence words shown per cell, and the width of a text column.
EVIDENCE_SHOWN = 3
TEXT_COLUMN = 38


def _cell_value(dimension: Dimension) -> str:
    shown = dimension.shown()
    if dimension.source == "not-stated":
        return f"{shown} (not stated)"
    if dimension.source == "not-known":
        return "not known (the source does not give it)"
    return f"{shown} [{dimension.source}]"


def shown_evidence(dimension: Dimension) -> tuple[list[Evidence], int]:
    """The evidence a cell shows, and how many items it leaves to the JSON: words read twice (a
    field and the prose saying the same) once, and as many items as the dimension has values, so
    that no value is shown without words for it where fewer than ``EVIDENCE_SHOWN`` would do that."""
    distinct = list({e.text: e for e in dimension.evidence}.values())
    shown = distinct[: max(EVIDENCE_SHOWN, len(dimension.values))]
    return shown, len(distinct) - len(shown)


def _quotes(dimension: Dimension) -> list[str]:
    shown, more = shown_evidence(dimension)
    quotes = [f"“{e.text}” ({e.location})" for e in shown]
    return quotes + ([f"(and {more} more: -f json gives all)"] if more else [])


# --- text -------------------------------------------------------------------------------------


def profiles_text(profiles: Sequence[Profile]) -> str:
    if len(profiles) == 1:
        return _one_text(profiles[0])
    return _grid_text(profiles) + "\n" + "\n".join(_one_text(p) for p in profiles)


def _one_text(profile: Profile) -> str:
    lines = [f"{profile.label} ({profile.draft}::{profile.clause}, {profile.location})"]
    for name in DIMENSIONS:
        dimension = profile[name]
        lines.append(f"  {name}: {_cell_value(dimension)}")
        lines.extend(f"      {quote}" for quote in _quotes(dimension))
        if dimension.disagreement:
            lines.append(f"      fields and prose disagree: {dimension.disagreement}")
    return "\n".join(lines) + "\n"


def _grid_text(profiles: Sequence[Profile]) -> str:
    """The values side by side (the evidence follows, clause by clause)."""
    width = max(len(name) for name in DIMENSIONS)
    header = [" " * width, *[_fit(p.label) for p in profiles]]
    rows = [header]
    for name in DIMENSIONS:
        rows.append([name.ljust(width), *[_fit(_grid_value(p[name])) for p in profiles]])
    out: list[str] = []
    for row in rows:
        wrapped = [textwrap.wrap(cell, TEXT_COLUMN) or [""] for cell in row[1:]]
        for i in range(max(len(w) for w in wrapped)):
            first = row[0] if i == 0 else " " * width
            out.append("  ".join([first, *[(w[i] if i < len(w) else "").ljust(TEXT_COLUMN) for w in wrapped]]).rstrip())
    return "\n".join(out) + "\n"


def _grid_value(dimension: Dimension) -> str:
    return "not known" if dimension.source == "not-known" else dimension.shown()


def _fit(text: str) -> str:
    return text if len(text) <= 3 * TEXT_COLUMN else text[: 3 * TEXT_COLUMN - 1] + "…"


# --- Markdown ---------------------------------------------------------------------------------


def _md_cell(dimension: Dimension) -> str:
    parts = [f"**{markdown_inline(_cell_value(dimension))}**"]
    parts.extend(markdown_inline(q) for q in _quotes(dimension))
    if dimension.disagreement:
        parts.append("⚠ " + markdown_inline(dimension.disagreement))
    return "<br>".join(parts).replace("|", "\\|")


def profiles_markdown(profiles: Sequence[Profile]) -> str:
    out = ["# Guarantee profiles", ""]
    out.append("| dimension | " + " | ".join(markdown_inline(p.label).replace("|", "\\|") for p in profiles) + " |")
    out.append("| --- |" + " --- |" * len(profiles))
    for name in DIMENSIONS:
        out.append(f"| `{name}` | " + " | ".join(_md_cell(p[name]) for p in profiles) + " |")
    out.append("")
    out.append("Values as docs/profile.md defines them; [field] or [prose] says where each was read.")
    return "\n".join(out) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
    "th,td{border:1px solid #bbb;padding:.4em;vertical-align:top;text-align:left}"
    ".value{font-weight:bold}.source{color:#555;font-weight:normal}.evidence{color:#333;font-size:.9em}"
    ".disagreement{color:#a00}"
)


def _html_cell(dimension: Dimension) -> str:
    parts = [
        f'<div class="value">{html.escape(dimension.shown())} '
        f'<span class="source">{html.escape(dimension.source)}</span></div>'
    ]
    shown, more = shown_evidence(dimension)
    for evidence in shown:
        where = html.escape(str(evidence.location))
        parts.append(f'<div class="evidence">“{html.escape(evidence.text)}” <code>{where}</code></div>')
    if more:
        parts.append(f'<div class="evidence">(and {more} more: <code>-f json</code> gives all)</div>')
    if dimension.disagreement:
        parts.append(f'<div class="disagreement">{html.escape(dimension.disagreement)}</div>')
    return "<td>" + "".join(parts) + "</td>"


def profiles_html(profiles: Sequence[Profile]) -> str:
    head = "".join(f"<th>{html.escape(p.label)}</th>" for p in profiles)
    rows = "\n".join(
        f"<tr><th><code>{name}</code></th>{''.join(_html_cell(p[name]) for p in profiles)}</tr>" for name in DIMENSIONS
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        "<title>Guarantee profiles</title>"
        f"<style>{_STYLE}</style></head><body>\n<h1>Guarantee profiles</h1>\n"
        f"<table>\n<tr><th>dimension</th>{head}</tr>\n{rows}\n</table>\n</body></html>\n"
    )
