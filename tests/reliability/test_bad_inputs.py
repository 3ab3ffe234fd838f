"""Malformed and hostile files: each gives one clear first line, never a traceback.

``tests/fixtures/bad/*.clause`` are drafts that do not parse (their golden messages are checked in
full by test_syntax_errors.py); ``tests/fixtures/bad/unreadable/*.clause`` are files that are not
UTF-8 text at all (Latin-1, UTF-16, NUL bytes, broken sequences), refused by
``clausekit.language.parser.load`` with an ``InputError``. Inputs too large to commit (10,000-deep
nesting, a 1 MB line, a file over the size limit, a 50 MB draft) are generated here.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from clausekit.diff import diff
from clausekit.errors import ClauseSyntaxError, InputError
from clausekit.language import parser, source
from clausekit.language.format import format_draft
from clausekit.language.lexer import MAX_NESTING
from clausekit.language.parser import load, loads
from clausekit.language.source import MAX_FILE_BYTES
from clausekit.lint import check
from clausekit.render import FORMATS, render
from conftest import FIXTURES, run_clausekit

BAD = FIXTURES / "bad"
UNREADABLE = BAD / "unreadable"
SYNTAX_CASES = sorted(BAD.glob("*.clause"))
UNREADABLE_CASES = sorted(UNREADABLE.glob("*.clause"))
HEADER = 'draft d "Hostile inputs" {\n}\n\nparties {\n  US "United States"\n}\n\n'


def expected_first_line(path: Path) -> str:
    return path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[0]


def test_there_are_at_least_40_malformed_or_hostile_files():
    assert len(SYNTAX_CASES) + len(UNREADABLE_CASES) >= 40
    assert all(path.with_suffix(".expected").exists() for path in (*SYNTAX_CASES, *UNREADABLE_CASES))


@pytest.mark.parametrize("path", UNREADABLE_CASES, ids=lambda p: p.stem)
def test_a_file_that_is_not_utf8_is_refused_with_its_position(path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(UNREADABLE)
    with pytest.raises(InputError) as caught:
        load(path.name)
    assert caught.value.render().splitlines()[0] == expected_first_line(path)


def test_every_bad_file_through_the_cli_gives_its_first_line_and_exit_2():
    """One ``clausekit check`` over all of them: every first line as expected, in order."""
    names = [p.name for p in SYNTAX_CASES] + [f"unreadable/{p.name}" for p in UNREADABLE_CASES]
    result = run_clausekit("check", *names, cwd=BAD)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in stderr
    heads = [line for line in stderr.splitlines() if not line.startswith(" ")]
    wanted = [expected_first_line(p) for p in SYNTAX_CASES]
    wanted += ["unreadable/" + expected_first_line(p) for p in UNREADABLE_CASES]
    assert heads == wanted


@pytest.mark.parametrize(
    "args",
    [
        ("fmt", "unknown-keyword-typo.clause"),
        ("render", "control-escape-in-id.clause", "-f", "html"),
        ("diff", "unclosed-block.clause", "unreadable/latin-1.clause"),
        ("compare", "unreadable/utf-16-le-bom.clause", "unreadable/nul-byte.clause"),
    ],
    ids=lambda args: args[0],
)
def test_each_command_reports_a_bad_input_in_one_line(args: tuple[str, ...]):
    result = run_clausekit(*args, cwd=BAD)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    first = Path(BAD / args[1])
    prefix = "unreadable/" if first.parent == UNREADABLE else ""
    assert stderr.splitlines()[0] == prefix + expected_first_line(first)


@pytest.mark.parametrize("command", [("fmt", "-"), ("render", "-", "-f", "markdown", "-o", "out.md")])
def test_standard_input_that_is_not_utf8_is_refused_like_a_file(command: tuple[str, ...], tmp_path: Path):
    # Regression: stdin decodes with surrogateescape, so the bytes reached the output as lone
    # surrogates and writing the file raised UnicodeEncodeError (a traceback).
    latin1 = 'draft d "Caf\xe9" {\n}\n'.encode("latin-1")
    result = run_clausekit(*command, cwd=tmp_path, input=latin1)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "Traceback" not in stderr
    assert stderr.splitlines()[0] == "<stdin>:1:13: is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    assert not (tmp_path / "out.md").exists()


def test_control_characters_in_an_error_never_reach_the_terminal():
    result = run_clausekit("fmt", "control-escape-in-id.clause", "control-bell-in-bracket.clause", cwd=BAD)
    stderr = result.stderr.decode("utf-8")
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "a␛[31m" in stderr and "Te␇xt" in stderr


# --- limits: named constants with clear messages --------------------------------------------


def nested(depth: int) -> str:
    opening = "".join(f"{'  ' * level}clause c{level} {{\n" for level in range(depth))
    closing = "".join(f"{'  ' * level}}}\n" for level in reversed(range(depth)))
    return HEADER + opening + "  " * depth + "The parties @US agree [US: now | later].\n" + closing


def test_nesting_up_to_the_limit_is_read_and_every_consumer_copes():
    draft = loads(nested(MAX_NESTING), filename="deep.clause")
    assert len(draft.walk()) == MAX_NESTING
    assert loads(format_draft(draft)) == draft
    check([draft])
    for fmt in FORMATS:
        assert render(draft, fmt)
    assert diff(draft, draft).is_empty
    assert not diff(draft, loads(nested(MAX_NESTING).replace("now", "soon"))).is_empty


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 10_000])
def test_deeper_nesting_is_refused_at_the_first_block_too_deep(depth: int):
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(nested(depth), filename="deep.clause")
    error = caught.value
    # The header and the parties take 7 lines; the block one level too deep opens on the next.
    assert (error.line, error.column) == (7 + MAX_NESTING + 1, 2 * MAX_NESTING + 1)
    assert error.message == f"blocks are nested more than {MAX_NESTING} deep; clausekit refuses deeper nesting"


def test_10000_deep_nesting_through_the_cli(tmp_path: Path):
    (tmp_path / "deep.clause").write_text(nested(10_000), encoding="utf-8")
    result = run_clausekit("check", "deep.clause", cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in stderr
    assert stderr.startswith(f"deep.clause:{7 + MAX_NESTING + 1}:{2 * MAX_NESTING + 1}: blocks are nested more than")


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path):
    path = tmp_path / "huge.clause"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, and never read
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.render() == f"{path}: is larger than {MAX_FILE_BYTES // 2**20} MB; clausekit refuses it"


def test_the_size_limit_holds_for_files_that_do_not_say_their_size(monkeypatch: pytest.MonkeyPatch):
    # /dev/zero reports size 0 and never ends: the read stops one byte past the limit.
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 4096)
    with pytest.raises(InputError, match="is larger than"):
        load("/dev/zero")


def test_a_file_at_the_size_limit_is_not_refused_for_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = HEADER + "clause a {\n  Text.\n}\n"
    path = tmp_path / "exact.clause"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(source, "MAX_FILE_BYTES", len(text.encode()))
    assert load(path).walk()[0].id == "a"
    monkeypatch.setattr(source, "MAX_FILE_BYTES", len(text.encode()) - 1)
    with pytest.raises(InputError, match="is larger than"):
        load(path)


# --- long lines ----------------------------------------------------------------------------

MEGABYTE = 1_000_000


def test_a_1mb_line_of_prose_is_read():
    line = "The parties @US agree, " * (MEGABYTE // 23)
    draft = loads(HEADER + "clause a {\n  " + line + "\n}\n")
    assert len(draft.walk()[0].paragraphs[0].spans) > 1000


def test_an_error_at_the_end_of_a_1mb_line_is_placed_and_shown_around_the_caret():
    line = "x" * MEGABYTE + " [US: never closed"
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(HEADER + "clause a {\n  " + line + "\n}\n", filename="long.clause")
    error = caught.value
    assert (error.line, error.column) == (9, 3 + MEGABYTE + 1)
    head, shown, caret = error.render().split("\n")
    assert (
        head == f"long.clause:9:{3 + MEGABYTE + 1}: this '[' is never closed with ']' (write \\[ for a literal bracket)"
    )
    assert len(shown) <= 4 + 160
    assert shown[len(caret) - 1] == "["  # the caret stands under the bracket


def test_a_1mb_opener_line_is_refused_in_one_line():
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(HEADER + "clause " + "a" * MEGABYTE + " 1 2 3 {\n}\n", filename="long.clause")
    assert caught.value.render().splitlines()[0].startswith("long.clause:8:")
    assert len(caught.value.render()) < 1000


# --- right-to-left, combining, BOM, CRLF: positions count characters, not bytes --------------


def test_positions_count_characters_after_combining_and_right_to_left_text():
    text = HEADER + "clause a {\n  שלום e\u0301\u0301 مرحبا [US: open\n}\n"
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(text, filename="rtl.clause")
    assert (caught.value.line, caught.value.column) == (9, 18)


def test_a_bom_and_crlf_line_ends_do_not_shift_positions():
    text = "\ufeff" + HEADER.replace("\n", "\r\n") + "clause a {\r\n  [US: open\r\n}\r\n"
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(text, filename="crlf.clause")
    assert (caught.value.line, caught.value.column) == (9, 3)
    assert "\r" not in caught.value.render()


# --- a 50 MB draft: accepted and diffed within the memory target ---------------------------

# The memory target (issue 4, benchmarks/README.md): a diff of 50,000 clauses within 400 MB.
# The 50 MB drafts below hold 116,000 clauses each: the diff stage itself must stay within
# those 400 MB on top of the two parsed models, and the whole process within the target's
# rate of 400 MB per 50,000 clause pairs (the models grow with the text, about 4.9 times
# its size; docs/reliability.md).
DIFF_MEMORY_TARGET_MB = 400
TARGET_KB_PER_CLAUSE_PAIR = 400 * 1024 / 50_000
_MEASURE = textwrap.dedent(
    """
    import os, resource, sys, time
    from clausekit.language.parser import load
    from clausekit.diff import diff

    def resident_mb():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20

    start = time.perf_counter()
    old, new = load(sys.argv[1]), load(sys.argv[2])
    parsed = time.perf_counter()
    models = resident_mb()
    result = diff(old, new)
    done = time.perf_counter()
    changed = sum(1 for change in result.changes if change.kinds != ("unchanged",))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(len(old.walk()), changed, round(parsed - start, 1), round(done - parsed, 1), models, peak)
    """
)


def big_draft(clauses: int, changed_every: int = 0) -> str:
    parts = [HEADER]
    for n in range(clauses):
        words = "shall" if not changed_every or n % changed_every else "may"
        parts.append(
            f'clause point-{n} {n} "Point {n}" {{\n'
            f"  Within {n % 90 + 1} days @US {words} withdraw {n * 7 % 1000} troops from the line of contact, "
            "and the parties agree to refrain from any act that would defeat the object and purpose of this "
            "framework, including the placement of forces, the construction of fortifications or the laying "
            "of mines in the zone, unless the joint commission decides otherwise by consensus of its members "
            f"[US: within thirty days | RU: within sixty days] (reference {n}).\n}}\n\n"
        )
    return "".join(parts)


@pytest.mark.slow
def test_a_50mb_draft_is_read_and_diffed_within_the_memory_target(tmp_path: Path):
    clauses = 50 * 2**20 // len(big_draft(1)[len(HEADER) :]) + 1
    old, new = tmp_path / "old.clause", tmp_path / "new.clause"
    old.write_text(big_draft(clauses), encoding="utf-8")
    new.write_text(big_draft(clauses, changed_every=100), encoding="utf-8")
    assert old.stat().st_size >= 50 * 2**20
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(old), str(new)], capture_output=True, text=True, timeout=3600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    count, changed, parse_s, diff_s, models_mb, peak_mb = result.stdout.split()
    print(
        f"50 MB drafts: {count} clauses each, {changed} changed; parse both {parse_s} s, diff {diff_s} s; "
        f"resident after parsing {models_mb} MB, peak {peak_mb} MB"
    )
    assert int(count) == clauses and int(changed) == len(range(0, clauses, 100))
    assert int(peak_mb) - int(models_mb) <= DIFF_MEMORY_TARGET_MB
    assert int(peak_mb) * 1024 / clauses <= TARGET_KB_PER_CLAUSE_PAIR


# --- memory, in every run: tracemalloc counts bytes, so these do not depend on the machine ----


def _traced(make: Callable[[], object]) -> tuple[object, int, int]:
    """What ``make`` returns, the bytes it still holds, and its peak (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        made = make()
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return made, held, peak


def test_a_parsed_draft_takes_less_than_six_times_its_text():
    # 4.9 times at 2,000 clauses; it was 7.6 while the parser kept every paragraph's lines
    # a second time and the shared transformer kept the last file's lines after the parse.
    text = big_draft(2000)
    model, held, _ = _traced(lambda: loads(text, filename="big.clause"))
    assert len(model.walk()) == 2000  # type: ignore[attr-defined]
    assert held < 6 * len(text)


def test_the_shared_transformer_keeps_nothing_between_parses():
    # It once held the current file's lexer (and all its lines) after the parse, and parses
    # in threads got each other's positions: now the tokens carry all it needs.
    transformer = parser._lark().options.transformer
    loads(big_draft(3), filename="ok.clause")
    with pytest.raises(ClauseSyntaxError):
        loads(HEADER + "clause a {\n", filename="cut.clause")
    assert set(vars(transformer)) <= {"__visit_tokens__"}  # Lark's own setting, made once


def test_the_diff_stage_holds_less_than_the_two_texts():
    # 0.9 times the two texts at 2,000 clauses; it was twice their size while the diff held
    # every clause's text (and alignment a second list of them) from start to end.
    old_text, new_text = big_draft(2000), big_draft(2000, changed_every=100)
    old, new = loads(old_text, filename="old.clause"), loads(new_text, filename="new.clause")
    result, _, peak = _traced(lambda: diff(old, new))
    assert sum(change.kinds != ("unchanged",) for change in result.changes) == 20  # type: ignore[attr-defined]
    assert peak < 1.3 * (len(old_text) + len(new_text))
