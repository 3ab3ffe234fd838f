"""Adversarial text stays linear: the analysis, the inline scanner and the line lexer on
inputs built to trigger catastrophic backtracking or quadratic loops.

Each input is about a megabyte and takes well under a second; the watchdog
(``HANG_SECONDS``) only catches hangs, and a quadratic pass over these inputs would
take minutes to hours. tests/analysis/test_analysis.py already covers the analysis on 1 MB of
"shall", 100,000 nested parentheses, endless conditions and half-phrases; these are the rest.
"""

from __future__ import annotations

import pytest
from test_fuzz import watchdog

from clausekit.analysis import analyse
from clausekit.diff import diff
from clausekit.errors import ClauseSyntaxError
from clausekit.language.parser import loads
from clausekit.lint import check

MB = 1_000_000
HEADER = 'draft d "Adversarial" {\n}\n\nparties {\n  US "United States"\n}\n\n'


# --- analysis ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" * MB, id="1MB-without-spaces"),
        pytest.param("1," * (MB // 2), id="1MB-of-digits-and-commas"),
        pytest.param("9" * MB, id="1MB-of-digits"),
        pytest.param("1." * (MB // 2), id="1MB-of-dotted-digits"),
        pytest.param("a'" * (MB // 2), id="1MB-of-apostrophes"),
        pytest.param("$" * MB, id="1MB-of-currency-signs"),
        pytest.param("$1 " * (MB // 3), id="1MB-of-sums"),
        pytest.param("May 2025 " * (MB // 9), id="1MB-of-dates"),
        pytest.param("within thirty days of " * (MB // 22), id="1MB-of-periods"),
    ],
)
def test_analysis_stays_linear(text: str):
    with watchdog():
        analyse(text)


def test_section_numbers_and_dotted_dates_are_no_quantities():
    # Regression: "5.1.2" was read as a number and float("5.1.2") raised ValueError, so
    # check and diff crashed on any draft that cites a sub-section or writes 1.5.2025.
    facts = analyse("Under Article 5.1.2, within 30 days of 1.5.2025, 600,000 troops and 2.5 percent")
    assert [q.text for q in facts.quantities] == ["600,000", "2.5 percent"]
    assert [d.text for d in facts.durations] == ["30 days"]


def test_a_draft_citing_a_sub_section_checks_and_diffs():
    old = loads(HEADER + "clause a {\n  @US shall act under Article 5.1.2 by 1.5.2025.\n}\n")
    new = loads(HEADER + "clause a {\n  @US may act under Article 5.1.3 by 1.6.2025.\n}\n")
    check([old, new])
    assert not diff(old, new).is_empty


# --- the inline scanner --------------------------------------------------------------------


def prose(line: str) -> str:
    return HEADER + "clause a {\n  " + line + "\n}\n"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("@" * MB, id="1MB-of-at-signs"),
        pytest.param("@US " * (MB // 4), id="1MB-of-party-references"),
        pytest.param("#" * MB, id="1MB-of-hashes"),
        pytest.param("#a " * (MB // 3), id="1MB-of-cross-references"),
        pytest.param("\\" * MB, id="1MB-of-backslashes"),
        pytest.param("\\[" * (MB // 2), id="1MB-of-escaped-brackets"),
        pytest.param("<" * MB, id="1MB-of-lone-less-than"),
        pytest.param("< a " * (MB // 4), id="1MB-of-spaced-less-than"),
        pytest.param("<a> " * (MB // 4), id="1MB-of-term-uses"),
        pytest.param("[" + "|" * MB + "]", id="1MB-of-options"),
        pytest.param("[" + "US: x | " * (MB // 8) + "]", id="1MB-of-attributed-options"),
        pytest.param("[x] " * (MB // 4), id="1MB-of-brackets"),
        pytest.param(" " * MB + "x", id="1MB-of-spaces"),
    ],
)
def test_inline_scanner_reads_adversarial_prose(line: str):
    with watchdog():
        draft = loads(prose(line))
    assert draft.walk()[0].paragraphs


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param("[" * MB, "brackets do not nest", id="1MB-of-open-brackets"),
        pytest.param("]" * MB, "']' closes no bracket", id="1MB-of-close-brackets"),
        pytest.param("<a" * (MB // 2), "never closed with '>'", id="less-than-without-greater-than"),
        pytest.param("<a" * (MB // 2) + ">", "never closed with '>'", id="less-than-reopened"),
        pytest.param("x" * MB + "\\", "escapes nothing", id="1MB-then-a-trailing-backslash"),
        pytest.param("[" + "x" * MB, "never closed with ']'", id="1MB-inside-an-open-bracket"),
    ],
)
def test_inline_scanner_refuses_adversarial_prose_at_once(line: str, message: str):
    with watchdog(), pytest.raises(ClauseSyntaxError, match=message) as caught:
        loads(prose(line), filename="adversarial.clause")
    assert len(caught.value.render()) < 1000  # the error shows a window of the line, not all of it


# --- the line lexer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Party lines were read by slicing the rest of the line per item: quadratic in the items.
        pytest.param('parties {\n  UA "Ukraine" members ' + "US, " * (3 * MB // 4) + "UK\n}\n", id="3MB-of-members"),
        pytest.param('parties {\n  UA "Ukraine" aka ' + '"A", ' * (MB // 5) + '"B"\n}\n', id="1MB-of-aliases"),
        pytest.param("guarantee g {\n  trigger: x\n" + "    more\n" * (MB // 9) + "}\n", id="1MB-of-continuations"),
        pytest.param("clause a {\n" + "  x\n" * (MB // 4) + "}\n", id="1MB-of-prose-lines"),
        pytest.param("// c\n" * (MB // 5), id="1MB-of-comments"),
        pytest.param("\n" * MB, id="1MB-of-blank-lines"),
        pytest.param("clause a {\n  source: " + "x " * (MB // 2) + "\n}\n", id="1MB-field-value"),
        pytest.param("guarantee a {\n  guarantor: " + "US, " * (MB // 4) + "UK\n}\n", id="1MB-of-guarantors"),
    ],
)
def test_line_lexer_reads_adversarial_lines(text: str):
    with watchdog():
        loads(HEADER + text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('clause a 1 "' + "x" * MB + " {\n}\n", id="1MB-title-never-closed"),
        pytest.param('clause a 1 "' + "\\\\" * (MB // 2) + '" x {\n}\n', id="1MB-of-escapes-in-a-title"),
        pytest.param("clause " + "a" * MB + "} {\n}\n", id="1MB-id"),
        pytest.param("clause " + "a " * (MB // 2) + "{\n}\n", id="1MB-of-words-in-an-opener"),
        pytest.param('parties {\n  US "U" ' + "x" * MB + "\n}\n", id="1MB-party-option"),
        pytest.param("}\n" * (MB // 2), id="1MB-of-closing-braces"),
        pytest.param("clause a {\n" * 99 + "x\n", id="blocks-never-closed"),
        pytest.param("mirrors " + "a::b, " * (MB // 6) + "{\n", id="1MB-unknown-block"),
    ],
)
def test_line_lexer_refuses_adversarial_lines_at_once(text: str):
    with watchdog(), pytest.raises(ClauseSyntaxError) as caught:
        loads(HEADER + text, filename="adversarial.clause")
    assert len(caught.value.render()) < 1000
