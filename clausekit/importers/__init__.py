"""Existing documents -> ``Draft``: numbered text and Markdown (``text``), Word files (``docx``),
Akoma Ntoso XML (``akn``), and the builder that turns lines into provisions (``build``).

``import_file``, ``import_text``, ``import_docx`` and ``import_akn`` are the entry points."""

from pathlib import Path

from clausekit.importers.build import DEFAULT_EXACTNESS, import_docx, import_file, import_text
from clausekit.model import Draft


def import_akn(path: str | Path, **options: str | None) -> Draft:
    """Import an Akoma Ntoso XML file (``clausekit.importers.akn.import_akn``; lxml loads only when used)."""
    from clausekit.importers.akn import import_akn as read

    return read(path, **options)


__all__ = ["DEFAULT_EXACTNESS", "import_akn", "import_docx", "import_file", "import_text"]
