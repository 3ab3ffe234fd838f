"""A diff for people and programs: the shared view of its rows and findings (``text.diff_view``),
terminal text and Markdown (``text``), JSON (``json``), one HTML page (``html``), the rendered
paragraphs compared (``paragraphs``) and the Word redline with tracked changes (``redline``).

``render_diff`` chooses among them; each is imported only when it is used."""

from __future__ import annotations

from collections.abc import Iterator

from clausekit.diff.model import DraftDiff
from clausekit.errors import UsageError
from clausekit.render.formats import DIFF_FORMATS


def render_diff(
    diff: DraftDiff,
    fmt: str,
    stat: bool = False,
    color: bool = False,
    layout: str = "inline",
    apart_below: float | None = None,
) -> str | bytes | Iterator[str]:
    """One ``DraftDiff`` as ``text``, ``markdown``, ``json`` (chunks of text, written as they are
    made), ``html`` or ``docx`` (bytes). ``stat``: counts only (text and Markdown); ``color``:
    ANSI colours (text); ``layout``: ``inline`` or ``side-by-side`` (HTML); ``apart_below``:
    text and Markdown show a modified clause less alike than this as its old text, then its new
    text (None: ``view.APART_BELOW``, a third; 0: always the redline)."""
    below = {} if apart_below is None else {"apart_below": apart_below}
    if stat and fmt not in ("text", "markdown"):
        raise UsageError("--stat is for the text and markdown formats (the JSON carries the counts)")
    if fmt == "text":
        from clausekit.render.diff.text import render_diff_text

        return render_diff_text(diff, color=color, stat=stat, **below)
    if fmt == "markdown":
        from clausekit.render.diff.text import render_diff_markdown

        return render_diff_markdown(diff, stat=stat, **below)
    if fmt == "json":
        from clausekit.render.diff.json import iter_diff_json

        return iter_diff_json(diff)
    if fmt == "html":
        from clausekit.render.diff.html import render_diff_html

        return render_diff_html(diff, layout)
    if fmt == "docx":
        from clausekit.render.diff.redline import render_redline_docx

        return render_redline_docx(diff)
    raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(DIFF_FORMATS)}")
