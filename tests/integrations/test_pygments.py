"""Syntax highlighting: the Pygments lexer and its entry point (pygmentize -l clause)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pygments = pytest.importorskip("pygments", reason="pygments is optional (pip install clausekit[highlight])")

from pygments.token import (  # noqa: E402 - after the skip above
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

from clausekit.integrations.pygments_lexer import ClauseLexer  # noqa: E402
from conftest import ROOT  # noqa: E402

SAMPLE = """\
// A comment
draft us-framework "Draft \\"US\\" framework" {
  proposer: US
  date: 2025-11-21
  status: reported
  source: Axios, https://example.org/#part
}

parties {
  US "the United States of America"  aka "the U.S."  match "US"
  E3 "the United Kingdom, France and Germany"  members UK, FR, DE
}

term "Security Guarantee" {
  the commitment of @US set out in #guarantee.
}

article guarantees 1 "Security guarantee" {
  guarantee guarantee 1 {
    guarantor: US, E3
    modality: shall
    trigger: an armed attack against @UA
    mirrors: north-atlantic-treaty-1949::art-5
  }

  clause cap 10(c) {
    The <Security Guarantee> caps forces at [US: 600,000 | E3: 800,000 in peacetime].
    note: prose here, not a field
    Editorial \\[sic\\] text and an e-mail a@b.org and a stray ] bracket.
  }
}
"""


def tokens(text: str) -> list[tuple[object, str]]:
    return [(token, value) for _, token, value in ClauseLexer().get_tokens_unprocessed(text) if value.strip()]


def kinds_of(text: str, value: str) -> set[object]:
    return {token for token, v in tokens(text) if v == value}


def test_structure_is_highlighted() -> None:
    assert (Comment.Single, "// A comment") in tokens(SAMPLE)
    for keyword in ("draft", "parties", "term", "article", "guarantee", "clause", "aka", "match", "members"):
        assert Keyword in kinds_of(SAMPLE, keyword), keyword
    assert kinds_of(SAMPLE, "us-framework") == {Name.Label}
    assert kinds_of(SAMPLE, "guarantees") == {Name.Label}
    assert kinds_of(SAMPLE, "10(c)") == {Number}
    assert (String.Double, '"Security guarantee"') in tokens(SAMPLE)
    assert (String.Escape, '\\"') in tokens(SAMPLE)
    assert {"{", "}"} <= {v for t, v in tokens(SAMPLE) if t is Punctuation}


def test_fields_and_party_codes() -> None:
    for key in ("proposer", "date", "status", "source", "guarantor", "modality", "trigger", "mirrors"):
        assert Name.Attribute in kinds_of(SAMPLE, key), key
    assert kinds_of(SAMPLE, "2025-11-21") == {Literal.Date}
    assert (Name.Label, "north-atlantic-treaty-1949::art-5") in tokens(SAMPLE)
    # Party codes where they are declared, in guarantee fields and in brackets' attributions.
    for code in ("US", "E3", "UK", "FR", "DE"):
        assert Name.Constant in kinds_of(SAMPLE, code), code
    # In a source, no markup is read: "#part" of a URL is text.
    assert (Text, "Axios, https://example.org/#part") in tokens(SAMPLE)
    # A "key: value" line after prose has started is prose.
    assert Name.Attribute not in kinds_of(SAMPLE, "note")


def test_inline_markup() -> None:
    found = tokens(SAMPLE)
    assert (Name.Constant, "@US") in found and (Name.Constant, "@UA") in found
    assert (Name.Label, "#guarantee") in found
    assert (Name.Entity, "<Security Guarantee>") in found
    assert [v for t, v in found if t is Operator] == ["[", "|", "]"]
    assert (Name.Decorator, "US:") in found and (Name.Decorator, "E3:") in found
    assert (String.Escape, "\\[") in found and (String.Escape, "\\]") in found
    # An e-mail address is text; a stray ']' is shown as an error, as the parser reports it.
    assert not any("b.org" in v and t is not Text for t, v in found)
    assert (Error, "]") in found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*'abcXY1 \t\n\r\u2028{}[]|@#<>\\":/-', "clause x 1 {", "parties {", "key: ", "//"])))
def test_tokens_cover_the_text_exactly(pieces: list[str]) -> None:
    """Pygments' contract: the tokens, concatenated, are the input; offsets point at them."""
    text = "".join(pieces)
    found = list(ClauseLexer().get_tokens_unprocessed(text))
    assert "".join(value for _, _, value in found) == text
    for offset, _, value in found:
        assert text[offset : offset + len(value)] == value


def test_every_shipped_draft_highlights_without_errors() -> None:
    for path in sorted(ROOT.glob("drafts/**/*.clause")):
        text = path.read_text(encoding="utf-8")
        found = list(ClauseLexer().get_tokens_unprocessed(text))
        assert "".join(v for _, _, v in found) == text
        assert [v for _, t, v in found if t is Error] == [], path.name
        assert all(t is not Whitespace or not v.strip() for _, t, v in found)


def test_pyproject_registers_the_lexer_and_keeps_pygments_optional() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["pygments.lexers"] == {"clause": "clausekit.integrations.pygments_lexer:ClauseLexer"}
    assert not any(dep.lower().startswith("pygments") for dep in project["dependencies"])
    assert any(dep.startswith("pygments") for dep in project["optional-dependencies"]["highlight"])
    assert any(dep.startswith("pygments") for dep in project["optional-dependencies"]["test"])


def _installed_entry_point() -> bool:
    return any(
        ep.value == "clausekit.integrations.pygments_lexer:ClauseLexer" for ep in entry_points(group="pygments.lexers")
    )


@pytest.mark.skipif(not _installed_entry_point(), reason="clausekit is not installed (pip install -e .)")
def test_pygments_finds_the_lexer_through_the_entry_point(tmp_path: Path) -> None:
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert isinstance(get_lexer_by_name("clause"), ClauseLexer)
    assert isinstance(get_lexer_for_filename("e3.clause"), ClauseLexer)
    draft = tmp_path / "sample.clause"
    draft.write_text(SAMPLE, encoding="utf-8")
    # The pygmentize of this environment (where clausekit is installed), never another one on PATH
    # (a system pygmentize, which Debian's LibreOffice pulls in, knows no clausekit lexer).
    pygmentize = Path(sys.executable).with_name("pygmentize")
    command = [sys.executable, "-m", "pygments", "-l", "clause", "-f", "html", str(draft)]
    if pygmentize.exists():
        command = [str(pygmentize), "-l", "clause", "-f", "html", str(draft)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert '<span class="k">draft</span>' in done.stdout
    assert '<span class="nd">US:</span>' in done.stdout


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1. point [sic] @US #x <T> a|b \\\\ x", "a. sub ] [", "Article 5", "note: x", "}", ""]),
        max_size=12,
    )
)
def test_drafts_that_parse_highlight_without_errors(lines: list[str]) -> None:
    """Whatever the parser accepts, the lexer reads without an error token (here: imported drafts,
    whose prose is full of escapes)."""
    from clausekit.errors import InputError
    from clausekit.importers.build import import_text
    from clausekit.language.format import format_draft

    try:
        text = format_draft(import_text("\n".join(lines), "generated.txt"))
    except InputError:  # nothing to import
        return
    assert [v for _, t, v in ClauseLexer().get_tokens_unprocessed(text) if t is Error] == []


def test_a_paragraph_field_line_is_highlighted_as_a_field() -> None:
    from pygments.token import Name, Punctuation

    from clausekit.integrations.pygments_lexer import ClauseLexer

    source = 'draft d "T" {\n}\n\nclause a 1 {\n  One.\n\n  ~ exactness: unverified\n  Two.\n}\n'
    tokens = list(ClauseLexer().get_tokens_unprocessed(source))
    assert "".join(value for _, _, value in tokens) == source
    marked = [(kind, value) for _, kind, value in tokens if value in ("~", "exactness")]
    assert marked == [(Punctuation, "~"), (Name.Attribute, "exactness")]
