"""Hostile Word files: broken parts, entity and zip bombs, deep nesting, numbering values Word
would not write, and text that a reader could drop (issue 16). Each is refused with a message
that names the file and the part, or read with a warning: never a traceback, never text lost
without a word."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from clausekit.errors import ClauseKitWarning, InputError
from clausekit.importers import package
from clausekit.importers.build import import_docx
from clausekit.render import render
from conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="{{ilvl}}"><w:start w:val="{{start}}"/>
    <w:numFmt w:val="{{fmt}}"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"""


def body(paragraphs: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
        f'<w:document xmlns:w="{W}"><w:body>{paragraphs}</w:body></w:document>'
    )


def para(text: str, numbered: str = "") -> str:
    return f'<w:p>{numbered}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def numbered(ilvl: str = "0") -> str:
    return f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="3"/></w:numPr></w:pPr>'


@pytest.fixture(scope="module")
def base() -> dict[str, bytes]:
    """The parts of a small Word file written by python-docx (with numbering.xml)."""
    import docx

    document = docx.Document()
    document.add_paragraph("Peace framework", style="Title")
    document.add_paragraph("The parties agree to a ceasefire.", style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write(path: Path, parts: dict[str, bytes], **replaced: str | bytes) -> Path:
    changed = {name.replace("__", "/") + ".xml": value for name, value in replaced.items()}  # word__numbering
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**parts, **changed}.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def imported(path: Path) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draft = import_docx(path)
    text = " ".join(str(render(draft, "text")).split())
    return text, [str(w.message) for w in caught if w.category is ClauseKitWarning]


PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels",
         "[Content_Types].xml", "_rels/.rels"]  # fmt: skip


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("broken", ["<w:document", "<a><b></a>", "\x00\xff", "<a>&undefined;</a>", ""])
def test_a_malformed_part_is_named_in_a_one_line_error(tmp_path: Path, base: dict[str, bytes], part: str, broken):
    path = write(tmp_path / "bad.docx", {**base, part: broken.encode("latin-1")})
    with pytest.raises(InputError) as caught:
        import_docx(path)
    assert str(caught.value).startswith(f"{path}: {part}: "), str(caught.value)
    assert "\n" not in str(caught.value)


def test_parts_clausekit_does_not_read_cannot_break_the_import(tmp_path: Path, base: dict[str, bytes]) -> None:
    path = write(tmp_path / "odd.docx", base, docProps__core="<broken", docProps__app="&bomb;", word__settings="<")
    text, _ = imported(path)
    assert "Peace framework" in text and "ceasefire" in text


BOMB = """<!DOCTYPE w:document [
  <!ENTITY a "lol lol lol lol lol lol lol lol lol lol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
"""


@pytest.mark.parametrize(
    "document",
    [
        body(para("boom &h; after"), BOMB),  # an entity expansion bomb
        body(para("the parties &x; agree"), '<!DOCTYPE w:document [<!ENTITY x "shall">]>\n'),
        body(para("external &ext; text"), '<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'),
    ],
)
def test_document_type_declarations_and_entities_are_refused(tmp_path: Path, base, document: str) -> None:
    path = write(tmp_path / "bomb.docx", base, word__document=document)
    refused = r"word/document\.xml: (declares a document type \(<!DOCTYPE>\)|is not well-formed XML \(.*amplification)"
    with pytest.raises(InputError, match=refused):  # lxml may stop the bomb itself, before the check
        import_docx(path)


def test_an_undeclared_entity_in_the_text_is_an_error_not_lost_words(tmp_path: Path, base) -> None:
    path = write(tmp_path / "nbsp.docx", base, word__document=body(para("the parties&nbsp;agree to withdraw")))
    with pytest.raises(InputError, match=r"word/document\.xml: is not well-formed XML \(.*nbsp"):
        import_docx(path)


def test_xml_nested_deeper_than_the_parser_allows_is_refused(tmp_path: Path, base) -> None:
    deep = "<w:r>" * 5000 + "<w:t>deep</w:t>" + "</w:r>" * 5000
    path = write(tmp_path / "deep.docx", base, word__document=body(f"<w:p>{deep}</w:p>"))
    with pytest.raises(InputError, match=r"word/document\.xml: is not well-formed XML \(.*[Dd]epth"):
        import_docx(path)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, base) -> None:
    path = tmp_path / "bomb.docx"
    write(path, {k: v for k, v in base.items() if k != "word/document.xml"})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("word/document.xml", "w") as out:
        out.write(body("").split("<w:body>")[0].encode() + b"<w:body>")
        chunk = b" " * (1024 * 1024)
        for _ in range(package.MAX_PART_BYTES // len(chunk) + 1):
            out.write(chunk)
    assert path.stat().st_size < 1024 * 1024  # 64 MB of spaces in well under a megabyte
    with pytest.raises(InputError, match=r"word/document\.xml: inflates to [\d,]+ bytes, past clausekit's limit"):
        import_docx(path)


def test_a_part_larger_than_its_declared_size_is_refused_while_reading(tmp_path: Path, base, monkeypatch):
    path = write(tmp_path / "liar.docx", base)
    real = zipfile.ZipFile.infolist

    def lying(self: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
        infos = real(self)
        for info in infos:
            if info.filename == "word/document.xml":
                info.file_size = 10  # the header says 10 bytes; the data holds more
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying)
    with pytest.raises(InputError, match=r"word/document\.xml: cannot be unpacked"):
        import_docx(path)


@pytest.mark.parametrize(
    ("ilvl", "start", "fmt", "warning"),
    [
        ("0", "abc", "decimal", "a list start (w:start) 'abc' is not a number; 1 is used"),
        ("x", "1", "decimal", "a list level (w:ilvl) 'x' is not a number; 0 is used"),
        ("0", str(10**12), "lowerRoman", "a list start (w:start) 1000000000000 is outside 0..32767; 1 is used"),
        ("0", str(10**12), "lowerLetter", "outside 0..32767"),
        ("0", "-5", "decimal", "a list start (w:start) -5 is outside 0..32767; 1 is used"),
        ("99", "1", "decimal", "a list level (w:ilvl) 99 is outside 0..8; 0 is used"),
    ],
)
def test_numbering_values_word_would_not_write_get_a_warning_and_a_fallback(
    tmp_path: Path, base, ilvl: str, start: str, fmt: str, warning: str
) -> None:
    document = body(para("first point", numbered(ilvl)) + para("second point", numbered("0")))
    numbering = NUMBERING.format(ilvl=ilvl, start=start, fmt=fmt)
    path = write(tmp_path / "num.docx", base, word__document=document, word__numbering=numbering)
    text, warned = imported(path)
    assert "first point" in text and "second point" in text
    assert any(warning in message and message.startswith(f"{path}: ") for message in warned), warned


def test_symbols_and_text_around_comments_are_kept(tmp_path: Path, base) -> None:
    document = body(
        '<w:p><w:r><w:t>price 5</w:t><w:sym w:font="Symbol" w:char="F0B4"/><w:t xml:space="preserve"> 3 '
        '</w:t><w:sym w:font="Wingdings" w:char="zz"/></w:r></w:p>'
        + para("the parties<!-- a note --> agree<?pi data?> to withdraw")
    )
    path = write(tmp_path / "sym.docx", base, word__document=document)
    text, warned = imported(path)
    assert "price 5\u00b4 3 ?" in text
    assert "the parties agree to withdraw" in text
    assert any("symbols (w:sym) in Symbol kept" in message for message in warned), warned
    assert any("'zz' is not a character" in message for message in warned), warned


def test_the_command_line_reports_a_hostile_part_in_one_line_with_exit_2(tmp_path: Path, base) -> None:
    write(tmp_path / "bad.docx", base, word__numbering="<w:numbering")
    write(tmp_path / "num.docx", base, word__numbering=NUMBERING.format(ilvl="0", start="abc", fmt="decimal"))
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    bad = subprocess.run([sys.executable, "-m", "clausekit", "import", "bad.docx"], cwd=tmp_path, capture_output=True,
                         text=True, env=env)  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("bad.docx: word/numbering.xml: is not well-formed XML (")
    assert len(bad.stderr.strip().splitlines()) == 1
    warned = subprocess.run([sys.executable, "-m", "clausekit", "import", "num.docx"], cwd=tmp_path,
                            capture_output=True, text=True, env=env)  # fmt: skip
    assert warned.returncode == 0, warned.stderr
    assert "clausekit: warning: num.docx: a list start (w:start) 'abc' is not a number; 1 is used" in warned.stderr
