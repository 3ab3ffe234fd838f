"""Fuzzing ``clausekit import FILE.docx`` with hostile parts (issue 16).

A small Word file is taken apart and one of its parts mutated: cut short, random bytes put
in, fragments an attacker would write (a document type declaration, entity references,
symbols, numbering values Word never writes, deep nesting, huge numbers) spliced in, or its
attribute values replaced. Every mutant must import to a draft whose formatted text parses
back, or be refused with an ``InputError`` that starts with the file and names no Python
internals; never a traceback, never a hang (the fuzz tests' watchdog).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import watchdog

from clausekit.errors import InputError
from clausekit.importers.build import import_docx
from clausekit.language.format import format_draft
from clausekit.language.parser import loads

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
         "[Content_Types].xml", "_rels/.rels", "docProps/core.xml"]  # fmt: skip
FRAGMENTS = [
    '<!DOCTYPE w:document [<!ENTITY a "x">]>',
    '<!DOCTYPE a [<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    "&a;", "&nbsp;", "&#0;", "&#xFFFE;", "&amp;", "<!-- c -->", "<?pi x?>", "]]>", "<![CDATA[x]]>",
    f'<w:sym xmlns:w="{W}" w:char="F0B7"/>', f'<w:sym xmlns:w="{W}" w:char="zz"/>',
    f'<w:sym xmlns:w="{W}" w:char="110000"/>', f'<w:sym xmlns:w="{W}" w:char="D800"/>',
    f'<w:start xmlns:w="{W}" w:val="1000000000000"/>', f'<w:start xmlns:w="{W}" w:val="abc"/>',
    f'<w:ilvl xmlns:w="{W}" w:val="x"/>', f'<w:numFmt xmlns:w="{W}" w:val="lowerRoman"/>',
    f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="-1"/><w:numId w:val="1"/></w:numPr>',
    "<w:r>" * 300, "</w:p>", "<w:p>", "\x00", "\ufeff", "\u202e", "\x1b[31m",
]  # fmt: skip
VALUE = re.compile(rb'="[^"]*"')


def base_parts() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("Peace framework", style="Title")
    document.add_heading("Article 1 — Forces", level=1)
    for text in ("The parties agree to a ceasefire.", "Forces withdraw within 30 days."):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Sub-point", style="List Number 2")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


BASE = base_parts()


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    part = draw(st.sampled_from(PARTS))
    data = BASE[part]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "bytes", "fragment", "value"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "bytes":
            data = data[:at] + draw(st.binary(min_size=1, max_size=12)) + data[at:]
        elif kind == "fragment":
            data = data[:at] + draw(st.sampled_from(FRAGMENTS)).encode("utf-8") + data[at:]
        else:
            values = list(VALUE.finditer(data))
            if values:
                match = values[draw(st.integers(0, len(values) - 1))]
                new = draw(st.sampled_from([b"", b"x", b"-1", b"99999999999999999999", b"%1%2%9", b"0"]))
                data = data[: match.start()] + b'="' + new + b'"' + data[match.end() :]
    return part, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_hostile_part_imports_or_is_refused_by_name(tmp_path_factory: pytest.TempPathFactory, mutant) -> None:
    part, data = mutant
    path = Path(tmp_path_factory.mktemp("docx")) / "hostile.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**BASE, part: data}.items():
            archive.writestr(name, content)
    with watchdog(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            draft = import_docx(path)
        except InputError as error:
            message = str(error)
            assert message.startswith(f"{path}: ") and "\n" not in message, message
            assert "Traceback" not in message and "object at 0x" not in message
            return
        loads(format_draft(draft), "back.clause")  # what was imported is a draft that parses
