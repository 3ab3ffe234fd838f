"""A ``DraftDiff`` as terminal text or Markdown: the view (``view.diff_view``) laid out by
``templates/diff.txt.j2`` and ``templates/diff.md.j2``. Colour and Markdown marks are applied
by small callables handed to the template, so the same view serves both.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from clausekit.diff.model import DraftDiff
from clausekit.errors import visible_controls
from clausekit.render.diff.view import APART_BELOW, Run, diff_view
from clausekit.render.templates import environment, markdown_escape, markdown_inline

TEXT_TEMPLATE = "diff.txt.j2"
MARKDOWN_TEMPLATE = "diff.md.j2"

# Kinds that describe where a row stands rather than a change of words: a row shows
# its text in full when it was added or removed, its redline when modified.
_PARAGRAPH_BREAK = re.compile(r"(\n\s*\n)")


# --- terminal text ----------------------------------------------------------------------

_TEXT_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
# ANSI select-graphic-rendition codes: red deletions, green insertions, bold headings, the rest dim.
_COLOURS = {"delete": "31", "insert": "32", "old": "31", "new": "32", "heading": "1"}
_DIM = "2"


def _text_painter(color: bool) -> Callable[[str, str], str]:
    def paint(text: str, role: str) -> str:
        if role == "equal" or not text:
            return text
        if color:
            return f"\x1b[{_COLOURS.get(role, _DIM)}m{text}\x1b[0m"
        if role in _TEXT_MARKS:
            start, end = _TEXT_MARKS[role]
            return start + text + end
        return text

    return paint


def _visible(value: object) -> object:
    """The view with control characters in every text shown as stand-ins (␛, ␇): drafted
    text must not act on the terminal; the colours the painter adds afterwards still do."""
    if isinstance(value, str):
        return visible_controls(value)
    if isinstance(value, tuple):
        return tuple(_visible(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _visible(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    return value


def render_diff_text(
    diff: DraftDiff,
    color: bool = False,
    stat: bool = False,
    template_dir: str | None = None,
    apart_below: float = APART_BELOW,
) -> str:
    """The diff for a terminal: ``[-deleted-]{+inserted+}`` marks, or colours when ``color``;
    clauses less alike than ``apart_below`` as their old text, then their new text."""
    template = environment(template_dir).get_template(TEXT_TEMPLATE)
    view = _visible(diff_view(diff, apart_below))
    return template.render(view=view, paint=_text_painter(color), stat=stat)


# --- Markdown ---------------------------------------------------------------------------

_MD_MARKS = {"delete": "~~", "insert": "**"}


def markdown_run(text: str, op: str) -> str:
    """One run of a redline as Markdown: ~~deleted~~ or **inserted**, escaped.

    A mark may not begin or end with white space, nor span a paragraph break, so each
    paragraph's words are wrapped separately and the spaces around them left outside.
    """
    if op not in _MD_MARKS:
        return markdown_escape(text)
    mark = _MD_MARKS[op]
    out: list[str] = []
    for piece in _PARAGRAPH_BREAK.split(text):
        if not piece.strip():
            out.append(piece)
            continue
        core = piece.strip()
        lead = piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()) :]
        out.append(f"{lead}{mark}{markdown_inline(core)}{mark}{trail}")
    return "".join(out)


_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def markdown_redline(runs: tuple[Run, ...]) -> str:
    """A whole redline as Markdown. A deletion and the insertion that replaces it are kept
    apart by one space ("~~600,000~~ **800,000**") unless white space already parts them;
    a line break inside a paragraph (guarantee fields, one a line) stays a line break."""
    out: list[str] = []
    previous: Run | None = None
    for current in runs:
        if (
            previous is not None
            and previous.op == "delete"
            and current.op == "insert"
            and not previous.text[-1:].isspace()
            and not current.text[:1].isspace()
        ):
            out.append(" ")
        out.append(markdown_run(current.text, current.op))
        previous = current
    return _LINE_BREAK.sub("  \n", "".join(out))


def markdown_quote(text: str) -> str:
    """A text as a Markdown block quote, escaped: a line break inside a paragraph stays one (two
    trailing spaces), a blank line stays a paragraph break."""
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append(">")
            continue
        breaks = index + 1 < len(lines) and lines[index + 1].strip()
        out.append("> " + markdown_escape(line) + ("  " if breaks else ""))
    return "\n".join(out)


def render_diff_markdown(
    diff: DraftDiff, stat: bool = False, template_dir: str | None = None, apart_below: float = APART_BELOW
) -> str:
    """The diff as Markdown for a pull-request comment: summary, findings, then the clauses
    (those less alike than ``apart_below`` as their old text, then their new text)."""
    template = environment(template_dir).get_template(MARKDOWN_TEMPLATE)
    view = diff_view(diff, apart_below)
    return template.render(view=view, redline=markdown_redline, quote=markdown_quote, stat=stat)
