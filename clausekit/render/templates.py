"""The jinja2 environment every text output is laid out with.

A user's template folder comes first, so a file there named like a packaged template
(``draft.html.j2``) replaces it; everything else falls through to the templates that
ship with clausekit (the top-level ``templates/`` of a checkout, a folder inside the
package in a wheel: ``clausekit.resources``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import jinja2

from clausekit.errors import InputError, printable_name, visible_controls
from clausekit.render.draft.wording import FILTERS as WORDING_FILTERS
from clausekit.resources import resource

PACKAGE_TEMPLATES = "templates"

# Markdown characters that could start markup where drafted text stands: emphasis, code,
# links, HTML, tables, strike-through; "&" (an entity, "&copy;", would become a character);
# "@" and "#" (GitHub links "@user" and "#123", and GFM an e-mail address).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&@#])")
# GFM's extended autolinks ("https://...", "www.") and emoji shortcodes (":warning:"): the
# colon or dot that makes them, escaped (CommonMark lets any ASCII punctuation be escaped).
# "www." links after any character but a letter or digit ("___www.example.org" too).
_MARKDOWN_LINKING = re.compile(r":(?=//)|:(?=[A-Za-z0-9_+-]+:)|(?<=www)(?<![A-Za-z0-9]www)\.", re.IGNORECASE)
# What starts a heading, a quote, a list or a rule ("---", "==="), only at the start of a line.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))", re.MULTILINE)


class PackagedLoader(jinja2.BaseLoader):
    """The templates that ship with clausekit (``clausekit.resources``)."""

    def _root(self):
        return resource(PACKAGE_TEMPLATES)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        node = self._root()
        for part in template.split("/"):
            if part in ("", ".", ".."):
                raise jinja2.TemplateNotFound(template)
            node = node.joinpath(part)
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        return node.read_text(encoding="utf-8"), None, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(item.name for item in self._root().iterdir() if item.name.endswith(".j2"))


def markdown_inline(text: str) -> str:
    """Text inside a line of Markdown (after other text): only inline markup is escaped,
    and control characters show as visible stand-ins (the Unicode control pictures)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", visible_controls(str(text)))
    return _MARKDOWN_LINKING.sub(lambda match: "\\" + match.group(), escaped)


def markdown_escape(text: str) -> str:
    """Drafted text as literal Markdown: no word of a treaty may turn into markup."""
    escaped = markdown_inline(text)
    # "1." or "-" at the start of a line would start a list.
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def backtick_fence(text: str, at_least: int = 1) -> str:
    """The backticks that fence ``text`` as Markdown code (a span, or a block with ``at_least``
    3): more than its longest run of backticks, so none in it can end the code."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(at_least, longest + 1)


def markdown_code(text: str) -> str:
    """Text as one Markdown code span (a file name): fenced by more backticks than it holds,
    so a backtick in it cannot end the span; control characters and line ends as stand-ins."""
    text = printable_name(str(text))
    fence = backtick_fence(text)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    # A number is escaped at its "." or ")" ("1\."): a backslash before a digit is literal.
    return indent + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def capfirst(text: str) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = [str(name) for name in names]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def underline(text: str, char: str = "=") -> str:
    """A text heading's rule, as long as the heading."""
    return char * max(3, len(str(text)))


FILTERS: dict[str, Callable[..., str]] = {
    "md": markdown_escape,
    "md_inline": markdown_inline,
    "md_code": markdown_code,
    "capfirst": capfirst,
    "join_names": join_names,
    "underline": underline,
    **WORDING_FILTERS,
}


def environment(user_dir: str | None = None) -> jinja2.Environment:
    """The environment: a user's folder (if any) before the packaged templates.

    Without a user's folder the environment is built once: jinja2 caches compiled
    templates per environment, and compiling them on every render cost more than
    rendering (a user's folder may change between calls, so it is not cached).
    """
    if user_dir is None:
        return _packaged_environment()
    return _build_environment(user_dir)


@lru_cache(maxsize=1)
def _packaged_environment() -> jinja2.Environment:
    return _build_environment(None)


def _build_environment(user_dir: str | None) -> jinja2.Environment:
    """Build the environment: a user's folder (if any) before the packaged templates.

    Undefined names fail (``StrictUndefined``): a missing party name must stop the
    render, not leave a gap in a treaty. ``.html`` templates autoescape.
    """
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        folder = Path(user_dir)
        if not folder.is_dir():
            raise InputError(str(user_dir), "the template folder does not exist or is not a folder")
        loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(PackagedLoader())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml", "html.j2", "htm.j2"),
            default_for_string=False,
            default=False,
        ),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env
