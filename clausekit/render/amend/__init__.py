"""An amendment list for people and programs: text and Markdown, JSON, the ``.amend`` format,
and the European Parliament's two-column table as HTML and Word. ``render_amendments``
chooses; each is imported only when it is used."""

from __future__ import annotations

from clausekit.diff import party_names
from clausekit.errors import UsageError
from clausekit.language.amendments import AmendmentList
from clausekit.model import Draft
from clausekit.render.formats import AMEND_FORMATS


def render_amendments(amendments: AmendmentList, fmt: str, old: Draft | None = None) -> str | bytes:
    """The amendments as ``text``, ``markdown``, ``json``, ``amend``, ``html`` or ``docx`` (bytes).
    The tables quote the old draft's text beside each amendment (``old``)."""
    names = party_names(old) if old is not None else None
    if fmt == "text":
        from clausekit.render.amend.text import render_amend_text

        return render_amend_text(amendments, names)
    if fmt == "markdown":
        from clausekit.render.amend.text import render_amend_markdown

        return render_amend_markdown(amendments, names)
    if fmt == "json":
        from clausekit.render.amend.text import render_amend_json

        return render_amend_json(amendments, names)
    if fmt == "amend":
        from clausekit.language.amend_format import format_amendments

        return format_amendments(amendments)
    if fmt in ("html", "docx"):
        if old is None:
            raise UsageError(f"the {fmt} table quotes the old draft: give it")
        if fmt == "html":
            from clausekit.render.amend.html import render_amend_html

            return render_amend_html(amendments, old)
        from clausekit.render.amend.docx import render_amend_docx

        return render_amend_docx(amendments, old)
    raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(AMEND_FORMATS)}")
