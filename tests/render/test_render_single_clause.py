"""A single-clause diff (A::x B::y) stays single in every format: no other article shown deleted or inserted."""

from __future__ import annotations

import io
import json
import zipfile

from docx.oxml.ns import qn
from lxml import etree

from clausekit.diff import diff_clauses
from clausekit.language.parser import loads
from clausekit.render.diff import render_diff

OLD = """\
draft nato "The Treaty" {
  date: 1949-04-04
}

article art-4 4 {
  The Parties will consult together.
}

article art-5 5 {
  An armed attack against one shall be considered an attack against them all.

  clause art-5-b b {
    Any such armed attack shall be reported to the Security Council.
  }
}

article art-6 6 {
  An attack on the territory of any of the Parties in Europe.
}
"""

NEW = """\
draft japan "The Security Treaty" {
  date: 1960-01-19
}

article art-v 5 {
  Each Party recognizes that an armed attack against either Party would be dangerous to its own peace.
}

article art-vi 6 {
  Japan grants the use of facilities and areas.
}
"""


def _single():
    old, new = loads(OLD, filename="nato.clause"), loads(NEW, filename="japan.clause")
    return diff_clauses(old.clause("art-5"), new.clause("art-v"), old, new)


def _paragraphs(data: bytes) -> list[str]:
    """Every paragraph of the Word file, deleted and inserted words included."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(qn("w:body"))
    return ["".join(node.text or "" for node in p.iter(qn("w:t"), qn("w:delText"))) for p in body.iter(qn("w:p"))]


def test_the_word_redline_holds_only_the_two_clauses_and_what_they_hold() -> None:
    text = "\n".join(_paragraphs(render_diff(_single(), "docx")))
    assert "attack against them all" in text and "dangerous to its own peace" in text
    assert "reported to the Security Council" in text  # art-5-b, held by art-5
    assert "consult together" not in text and "Europe" not in text and "facilities and areas" not in text


def test_html_text_markdown_and_json_hold_only_the_two_clauses() -> None:
    result = _single()
    for fmt in ("html", "text", "markdown"):
        out = render_diff(result, fmt)
        out = out if isinstance(out, str) else "".join(out)
        assert "consult together" not in out and "facilities and areas" not in out, fmt
        assert "dangerous to its own peace" in out, fmt
    data = render_diff(result, "json")
    data = data if isinstance(data, str) else "".join(data)
    keys = [change["key"] for change in json.loads(data)["changes"]]
    assert len(keys) == 2  # art-5 / art-v, and art-5-b removed
