"""Existing documents -> ``Draft``: numbered text and Markdown (``text``), Word files (``docx``),
and the builder that turns their lines into provisions (``build``).

``import_file``, ``import_text`` and ``import_docx`` are the entry points."""

from clausekit.importers.build import DEFAULT_EXACTNESS, import_docx, import_file, import_text

__all__ = ["DEFAULT_EXACTNESS", "import_docx", "import_file", "import_text"]
