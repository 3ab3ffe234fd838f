"""Rendering drafts (and, in ``redline``/``diff_html``, diffs) for people to read.

``render(draft, fmt)`` is the API behind ``clausekit render``: Markdown, HTML and text
come from jinja2 templates (``templates/draft.<ext>.j2``, overridable by name with a
folder of your own); DOCX is written by ``docx.py``. All of them lay out one
``DraftView`` (``view.py``), so they say the same words.
"""

from __future__ import annotations

from clausekit.callable_modules import make_module_callable as _make_callable
from clausekit.errors import ClauseKitError, UsageError, visible_controls
from clausekit.model import Draft
from clausekit.render.formats import DRAFT_FORMATS, choose

FORMATS = DRAFT_FORMATS
TEMPLATE_NAMES = {"markdown": "draft.md.j2", "html": "draft.html.j2", "text": "draft.txt.j2"}

__all__ = ["FORMATS", "TEMPLATE_NAMES", "TemplateError", "render", "render_template"]


class TemplateError(ClauseKitError):
    """A template that does not compile or uses a name the view does not have."""


def render_template(name: str, templates: str | None = None, **context: object) -> str:
    """Render one template by name; template errors become ``TemplateError`` (file:line: message)."""
    import jinja2

    from clausekit.render.templates import environment

    env = environment(templates)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename or error.name or name}:{error.lineno}:1: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"{name}: template {error.name} not found") from None
    except jinja2.UndefinedError as error:
        raise TemplateError(f"{_template_position(error, name)}: {error.message}") from None


def _template_position(error: Exception, name: str) -> str:
    """file:line of the template frame an error was raised in (jinja2 rewrites tracebacks to templates)."""
    tb = error.__traceback__
    where = f"{name}:1:1"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.startswith("<template"):
            where = f"{filename}:{tb.tb_lineno}:1"
        tb = tb.tb_next
    return where


def render(
    draft: Draft,
    fmt: str,
    templates: str | None = None,
    reference_doc: str | None = None,
    accept: str | None = None,
) -> str | bytes:
    """A draft as ``markdown``, ``html``, ``text``, ``akn`` (Akoma Ntoso XML) as str, or ``docx`` (bytes).

    ``templates`` is a folder whose templates replace the packaged ones of the same
    name; ``reference_doc`` a .docx whose styles the Word output takes; ``accept`` a
    party code whose alternatives are taken in every bracket that offers one (see
    ``accept.accept_brackets`` for how many stayed open).
    """
    import jinja2

    from clausekit.render.draft.view import build_view
    from clausekit.render.templates import environment

    fmt = choose(fmt, None, FORMATS, "markdown")
    if reference_doc is not None and fmt != "docx":
        raise UsageError("--reference-doc applies to the docx format only")
    if accept is not None:
        from clausekit.negotiation.accept import accept_brackets

        draft = accept_brackets(draft, accept).draft
    env = environment(templates)
    try:
        view = build_view(draft, env)
    except jinja2.TemplateError as error:
        raise TemplateError(f"{_template_position(error, 'draft.guarantee.j2')}: {error}") from None
    if fmt == "akn":
        from clausekit.render.draft.akn import render_akn

        return render_akn(draft, view)
    if fmt == "docx":
        from clausekit.render.draft.docx import render_docx

        return render_docx(draft, view, reference_doc)
    output = render_template(TEMPLATE_NAMES[fmt], templates, view=view)
    # Plain text goes to terminals: drafted control characters show as stand-ins (␛).
    return visible_controls(output) if fmt == "text" else output


# ``clausekit.render(...)`` calls render() (see clausekit/callable_modules.py).
_make_callable(__name__, "render")
