"""Every lexical pattern of the clause language, once.

The lexer, the inline reader, the parser, the importers, the Pygments lexer, the prose
analysis and the diff all read text with these patterns, so that what a declaration accepts
is what a reference can name, and a highlighter cannot drift from the parser. Patterns are
given as source strings (to compose) and compiled where they are matched. Nothing here
imports anything heavier than ``re``: the Pygments plugin imports this module.
"""

from __future__ import annotations

import re

# --- structure: whole lines -------------------------------------------------------------------

KEYWORDS = ("draft", "parties", "term", "article", "clause", "guarantee")
"""The words that open a block (a line ``KEYWORD ... {``)."""

KEYWORD_LINE = re.compile(r"(" + "|".join(KEYWORDS) + r")(?=[\s{])")
"""A line that starts with a block keyword (it opens a block when it also ends with ``{``)."""

FIELD_KEY = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
FIELD_LINE = re.compile(rf"({FIELD_KEY})[ \t]*:(?:[ \t]+|$)")
"""``key: value`` (a field, at the start of a block), the key in group 1."""

PARAGRAPH_MARK = "~"
PARAGRAPH_FIELD_LINE = re.compile(rf"~[ \t]*({FIELD_KEY})[ \t]*:(?:[ \t]+|$)")
"""``~ key: value``: the provenance of the paragraph that follows (``model.PARAGRAPH_FIELDS``),
recognised anywhere prose may stand; the key in group 1. Prose that starts with ``~`` and a
field-shaped word escapes it: ``\\~``."""

LEADING_WORD = re.compile(r"[A-Za-z]+(?=[\s{]|\Z)")
"""The first word of a line, to name a misspelt block keyword."""

# --- names ------------------------------------------------------------------------------------------

ID = r"[a-z](?:[a-z0-9._-]*[a-z0-9])?"
ID_RE = re.compile(ID)
ID_FULL = re.compile(ID + r"\Z")
"""A draft's or a provision's id: lowercase letters, digits, ``-``, ``_`` and ``.``, starting
with a letter and ending with a letter or digit (``us-guarantee``, ``art-5``, ``10.a``)."""

CLAUSE_REF_RE = re.compile(rf"{ID}::{ID}\Z")
"""``draft-id::clause-id``: a clause of another draft (``mirrors``, the command line)."""

PARTY_CODE = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
PARTY_CODE_RE = re.compile(PARTY_CODE)
PARTY_CODE_FULL = re.compile(PARTY_CODE + r"\Z")
"""A party code: uppercase letters and digits, single hyphens between them (US, E3, EU-27).
The same pattern declares a party and refers to one (``@EU-27``), so every declared code can
be named."""

NUMBER = r"[^\s\"{}]+"
"""A provision's number as readers see it: anything without spaces, quotes or braces."""

QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"")
# A quoted string as an editor sees it while it is typed: its closing quote may be missing.
QUOTED_OPEN = r"\"(?:[^\"\\]|\\.)*\"?"
# A '"' that opens or closes a quoted string (not one written \").
UNESCAPED_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
"""A double-quoted string with backslash escapes (titles, party names, term names)."""

_UNESCAPE = re.compile(r"\\(.)")

OPENER_REST = re.compile(
    rf"(?P<id>{NUMBER})"
    rf"(?:[ \t]+(?P<number>{NUMBER}))?"
    r"(?:[ \t]+\"(?P<title>(?:[^\"\\]|\\.)*)\")?"
    r"[ \t]*\Z"
)
"""What follows the keyword of a provision or draft opener: ``ID [NUMBER] ["Title"]``."""

PARTY_OPTIONS = ("aka", "match", "members")
PARTY_OPTION = re.compile(r"[a-z]+")
"""A word after a party's name (one of ``PARTY_OPTIONS``)."""

DATE_RE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?\Z")
"""A date field: YYYY, YYYY-MM or YYYY-MM-DD."""


def unescape(text: str) -> str:
    """A quoted string's text: each backslash escape as the character it escapes."""
    return _UNESCAPE.sub(r"\1", text)


def quote(text: str) -> str:
    """``text`` as a double-quoted string that reads back as itself."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


OPENING_STRAIGHT_QUOTE = re.compile(r'(?<![^\s(\[{\u2014\u2013/])"')
"""A straight ``"`` that opens a quotation: at the start, or after a space or an opening mark."""


def inner_quotes(text: str) -> str:
    """``text`` as it reads inside a quotation: its double quotes (straight or curly) at the
    alternate level, single curly quotes, as drafting offices write a quote in a quote
    (\u201cthe party UK \u2018the United Kingdom\u2019\u201d). Single quotes and
    apostrophes are left as they are: an apostrophe cannot be told from a closing quote."""
    if '"' not in text and "\u201c" not in text and "\u201d" not in text:
        return text
    text = OPENING_STRAIGHT_QUOTE.sub("\u2018", text)
    return text.replace('"', "\u2019").replace("\u201c", "\u2018").replace("\u201d", "\u2019")


# --- inline markup in prose ---------------------------------------------------------------------

MARKUP = re.compile(r"[\\\[\]|@#<]")
"""A character that may start markup: an escape, a bracket, an option separator, a party
reference, a cross-reference or a defined term."""

ESCAPABLE = re.compile(r"([\\\[\]|@#<>])")
"""The characters written with a backslash to stand for themselves."""

ATTRIBUTION = re.compile(rf"[ \t]*({PARTY_CODE}):(?=[\s|\]]|\Z)[ \t]*")
"""``CODE:`` at the start of a bracket's option: who proposes it."""

CONTINUES_CODE = re.compile(r"[A-Z0-9]|-[A-Z0-9]")
CONTINUES_ID = re.compile(r"[a-z0-9_]|[._-][a-z0-9]")
"""Text that would run on into a party code or a clause id written just before it."""

# --- words: one definition for every reader of prose -------------------------------------------
# Two granularities are composed from the same pieces: the redline and the alignment compare
# a hyphenated compound ("ten-year", "non-aligned") as one word and keep a number whole with
# its currency sign ("$100", "50:50", "3.5%"); the reader of meaning needs a compound's parts
# ("ten", "-", "year" is a duration) and a number without its sign.

WORD = r"\w+(?:['’]\w+)*"
"""A word: letters and digits, joined by apostrophes ("won't", "Ukraine's")."""

COMPOUND = r"\w+(?:['’\-]\w+)*"
"""A word with its hyphenated parts ("ten-year")."""

NUMBER_VALUE = r"\d+(?:[.,]\d+)*"
"""A number as a value: "600,000", "1.5"."""

AMOUNT = r"[$€£¥]?\d+(?:[.,:]\d+)*(?:%|\s?per\s?cent\b)?"
"""A number as a redline keeps it whole: currency sign, separators, ratio, percent."""

WORD_RE = re.compile(WORD)

COMPARED_WORD = re.compile(rf"{AMOUNT}|{COMPOUND}")
"""The words and numbers a redline and the alignment compare."""

REDLINE_TOKEN = re.compile(rf"\s+|{AMOUNT}|{COMPOUND}|.", re.DOTALL)
"""The tokens of a redline: white space, whole numbers, words, single marks."""

READER_TOKEN = re.compile(rf"(?P<num>{NUMBER_VALUE})(?!\w)|(?P<word>{WORD})|(?P<punct>[^\w\s])")
"""The tokens the prose analysis reads: numbers, words, single marks (white space skipped)."""

QUOTE_MARKS = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'}
"""Every typographic quotation mark, and the straight one it stands for."""
QUOTE_CHARACTERS = "\"'" + "".join(QUOTE_MARKS)
"""Every quotation mark, straight or typographic."""
QUOTES = str.maketrans(QUOTE_MARKS)
"""Typographic quotes and apostrophes as their straight forms (to compare, never to show)."""

# --- the .amend format (grammar/amend.lark) ------------------------------------------------

AMEND_NUMBER = r"[^\s\"{}#,:]+"
"""A provision's number in an amendment (``point 10(a) #id``): a ``NUMBER`` without ``#``, ``,``
or ``:``, which the format uses around it."""
AMEND_NUMBER_FULL = re.compile(AMEND_NUMBER + r"\Z")
