"""A Word file's parts, read as hostile input: zip limits, a hardened XML parser, errors by part.

A ``.docx`` is a zip of XML parts (Open Packaging Conventions). A file from the other side
of a negotiation may be built to hurt: a part that inflates to gigabytes (a zip bomb), a
document type declaration whose entities expand without end (an entity bomb), nesting
deeper than the parser allows, or XML that is simply broken. Every part is read here, each
inside the error handling, so that any of these is an ``InputError`` that names the file and
the part (``plan.docx: word/numbering.xml: ...``), never a traceback.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from clausekit.errors import InputError

# No part of a Word document is near this size (a 1,000-page treaty's document.xml is about
# 20 MB); an XML tree takes several times its text in memory, so a larger part is refused.
MAX_PART_BYTES = 64 * 1024 * 1024
# All the parts clausekit reads, together.
MAX_TOTAL_BYTES = 192 * 1024 * 1024

_CHUNK = 1024 * 1024
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

# No DTD is loaded or fetched and no entity is expanded: the Open Packaging Conventions do not
# allow a document type declaration in a package, so one is refused before anything expands.
_PARSER = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
)


class WordPackage:
    """The parts of one Word file, each read within the limits and parsed on request."""

    def __init__(self, path: str | Path) -> None:
        self.name = str(path)
        self.read_bytes = 0
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise InputError(self.name, "is not a Word document (.docx) that can be read") from None
        self.parts = {info.filename: info for info in self.zip.infolist()}

    def close(self) -> None:
        self.zip.close()

    def error(self, part: str, message: str) -> InputError:
        return InputError(self.name, f"{part}: {message}")

    def has(self, part: str) -> bool:
        return part in self.parts

    def data(self, part: str) -> bytes:
        """A part's bytes, refused while it inflates once it passes the limit (the size a zip
        declares can lie, so the bytes are counted as they come)."""
        info = self.parts.get(part)
        if info is None:
            raise self.error(part, "is missing: this is not a Word document (.docx) that can be read")
        limit = min(MAX_PART_BYTES, MAX_TOTAL_BYTES - self.read_bytes)
        if info.file_size > limit:
            raise self.error(part, self._too_big(info.file_size))
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise self.error(part, self._too_big(size, inflating=True))
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
            raise self.error(part, f"cannot be unpacked ({error})") from None
        self.read_bytes += size
        return b"".join(chunks)

    def _too_big(self, size: int, inflating: bool = False) -> str:
        mb = MAX_PART_BYTES // (1024 * 1024)
        total = MAX_TOTAL_BYTES // (1024 * 1024)
        grows = "inflates past" if inflating else f"inflates to {size:,} bytes, past"
        return f"{grows} clausekit's limit ({mb} MB a part, {total} MB in all); clausekit refuses it (a zip bomb?)"

    def xml(self, part: str) -> Any:
        """A part parsed as XML: no DTD, no entity expansion, lxml's depth limit."""
        data = self.data(part)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as error:
            raise self.error(part, f"is not well-formed XML ({_reason(error)})") from None
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise self.error(
                part, "declares a document type (<!DOCTYPE>), which a Word file never holds; clausekit refuses it"
            )
        return root

    def relationships(self, part: str) -> dict[str, str]:
        """The targets of a part's relationships by type (the first of each), as part names."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels):
            return {}
        targets: dict[str, str] = {}
        for rel in self.xml(rels).iter(f"{{{_RELATIONSHIPS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            targets.setdefault(rel.get("Type", ""), posixpath.normpath(resolved))
        return targets

    def main_document(self) -> str:
        """The name of the main document part (``word/document.xml`` in files Word writes)."""
        self.xml("[Content_Types].xml")  # a package without well-formed content types is not one
        found = self.relationships("")
        document = found.get(_DOCUMENT) or found.get(_STRICT_DOCUMENT)
        if document is None:
            raise self.error("_rels/.rels", "names no main document: this is not a Word document (.docx)")
        return document


def _reason(error: etree.XMLSyntaxError) -> str:
    """lxml's message on one line (it names the line and column itself)."""
    lines = str(error.msg or error).strip().splitlines()
    return lines[0] if lines else "unknown error"
