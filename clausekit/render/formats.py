"""The output formats, named once: what each command writes, the other names people type for
them, and the format a file name's suffix implies (``-o report.html``)."""

from __future__ import annotations

from pathlib import Path

from clausekit.errors import UsageError

ALIASES = {"md": "markdown", "txt": "text", "htm": "html", "word": "docx", "akoma-ntoso": "akn", "xml": "akn"}
"""Other names a format may be asked for by."""

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".json": "json",
    ".docx": "docx",
    ".clause": "clause",
    ".xml": "akn",
    ".amend": "amend",
}
"""The format a file name's suffix says."""

DRAFT_FORMATS = ("markdown", "html", "text", "docx", "akn")
DIFF_FORMATS = ("text", "markdown", "json", "html", "docx")
COMPARE_FORMATS = ("markdown", "html", "json", "docx", "clause")
PROFILE_FORMATS = ("text", "markdown", "html", "json")
AMEND_FORMATS = ("text", "markdown", "json", "amend", "html", "docx")


def normalise(name: str) -> str:
    """A format's own name for any name it may be asked for by (``md`` -> ``markdown``)."""
    lowered = name.lower()
    return ALIASES.get(lowered, lowered)


def accepted_names(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The formats and the aliases of those formats."""
    return formats + tuple(alias for alias, target in ALIASES.items() if target in formats)


def choose(given: str | None, output: str | None, formats: tuple[str, ...], default: str) -> str:
    """The format asked for; else the one the output file's suffix says, when it is one of
    ``formats``; else ``default``."""
    if given:
        chosen = normalise(given)
        if chosen not in formats:
            raise UsageError(f"unknown format {given!r}: choose one of {', '.join(formats)}")
        return chosen
    if output and output != "-":
        implied = SUFFIXES.get(Path(output).suffix.lower())
        if implied in formats:
            return implied
    return default
