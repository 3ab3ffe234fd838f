"""The word-level redline of one clause: which words were deleted, inserted or kept.

Built on stdlib ``difflib`` with ``autojunk=False`` (through ``anchored``, which ties long
paragraphs together at unique runs of words first, so their cost stays near-linear) (its junk heuristic looks at one
side only, and would make ``redline(a, b)`` and ``redline(b, a)`` disagree). Text is cut
into words, numbers kept whole ("600,000", "$100", "50:50", "3.5%"), single punctuation
marks and runs of white space; the options change how tokens *compare*, never the text
shown, so that the runs still rebuild both texts exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from clausekit.diff import anchored
from clausekit.diff.align import ratio
from clausekit.diff.align import words as compared_words
from clausekit.diff.model import WordOp
from clausekit.diff.options import APART_BELOW, DiffOptions
from clausekit.language.syntax import QUOTES, REDLINE_TOKEN


def tokenize(text: str) -> list[str]:
    """Cut text into words, whole numbers, single punctuation marks and runs of white space.

    A number is kept whole with its currency sign, separators and percent sign: a redline
    that shows "600,~~000~~**800**" instead of "~~600,000~~ **800,000**" misleads."""
    return REDLINE_TOKEN.findall(text)


def _is_gap(token: str) -> bool:
    """White space, or (when punctuation is ignored) a run of punctuation and space."""
    return not any(ch.isalnum() for ch in token)


def _normalise_token(token: str, options: DiffOptions) -> str:
    if token.isspace():
        # Line breaks inside a paragraph mean nothing; a blank line is a new paragraph.
        return "\n\n" if token.count("\n") >= 2 else " "
    if options.ignore_quotes:
        token = token.translate(QUOTES)
    if options.ignore_case:
        token = token.casefold()
    return token


def _units(text: str, options: DiffOptions) -> tuple[list[str], list[str]]:
    """The raw tokens of a text and the keys they compare by.

    With ``ignore_punctuation``, punctuation joins the white space around it into one
    gap, and every gap compares equal to every other: "Ukraine, and" matches "Ukraine and".

    A space compares as "the space after <the word before it>": a bare space would be
    the most common token of every text, so difflib would anchor on spaces between
    unrelated words and spend quadratic time looking at all of them.
    """
    raw = tokenize(text)
    if options.ignore_punctuation:
        merged: list[str] = []
        for token in raw:
            if merged and _is_gap(token) and _is_gap(merged[-1]):
                merged[-1] += token
            else:
                merged.append(token)
        raw = merged
    plain = not (options.ignore_case or options.ignore_quotes or options.ignore_punctuation)
    if plain:
        # White space is one token a run, so the token before a space is a word or a mark (the
        # loop below calls it ``previous``): only the spaces need a key of their own.
        keys = raw.copy()
        for i in itertools.compress(itertools.count(), map(str.isspace, raw)):
            token = raw[i]
            keys[i] = ("\n\n" if token.count("\n") >= 2 else " ") + (raw[i - 1] if i else "^")
        return raw, keys
    keys: list[str] = []
    append = keys.append
    previous = "^"
    for token in raw:
        if token.isspace() or (options.ignore_punctuation and _is_gap(token)):
            gap = " " if options.ignore_punctuation else ("\n\n" if token.count("\n") >= 2 else " ")
            append(gap + previous)
        else:
            previous = token if plain else _normalise_token(token, options)
            append(previous)
    return raw, keys


def normalised(text: str, options: DiffOptions | None = None) -> str:
    """The text as the redline compares it: equal here means no words changed."""
    options = options or DiffOptions()
    raw, _ = _units(text, options)
    keys = [
        (" " if options.ignore_punctuation else _normalise_token(token, options))
        if token.isspace() or (options.ignore_punctuation and _is_gap(token))
        else _normalise_token(token, options)
        for token in raw
    ]
    # Leading and trailing gaps carry no words.
    while keys and keys[0].isspace():
        keys.pop(0)
    while keys and keys[-1].isspace():
        keys.pop()
    return "".join(keys)


def redline(
    old: str, new: str, options: DiffOptions | None = None, notes: list[str] | None = None
) -> tuple[WordOp, ...]:
    """The word-level edit script from ``old`` to ``new``.

    Joining ``equal`` and ``delete`` runs gives ``old``; joining ``equal`` (as
    ``WordOp.new_side``) and ``insert`` runs gives ``new``. When a long paragraph holds
    stretches with no words in common too long to search within the budget
    (``anchored.BUDGET``), they are shown deleted and inserted whole, and a note says so in ``notes``.
    """
    options = options or DiffOptions()
    notes = notes if notes is not None else []
    plain = not (options.ignore_case or options.ignore_quotes or options.ignore_punctuation)
    start, end = _shared_ends(old, new) if plain else (0, 0)
    if start or end:
        # The characters both texts share at their ends need not be cut into words: they are
        # kept text whatever lies between (see ``_shared_ends``), and only the middle is compared.
        middle = _redline(old[start : len(old) - end], new[start : len(new) - end], options, notes, end > 0)
        if middle is not None:
            ends = [WordOp("equal", old[:start])] if start else []
            return _join_equal([*ends, *middle, *([WordOp("equal", old[len(old) - end :])] if end else [])])
    ops = _redline(old, new, options, notes)
    assert ops is not None
    return ops


def _shared_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters at the start and at the end of both texts can be set aside as kept.

    A cut is made only where white space ends and a word begins on both sides, so that the
    tokens on either side of it are the ones the whole text would give, and every space after
    the cut follows a word after it: the words kept at both ends of the whole texts include
    these characters, and the middle compares as it would have.
    """
    limit = min(len(old), len(new))
    head = min(_common_length(old, new, limit), limit - 1)
    while head > 0 and not _cut(old, head, new, head):
        head -= 1
    head = max(head, 0)
    tail = _common_length(old[::-1], new[::-1], limit - head)
    while tail > 0 and not _cut(old, len(old) - tail, new, len(new) - tail):
        tail -= 1
    return head, tail


def _cut(old: str, i: int, new: str, j: int) -> bool:
    """Whether a token ends before ``old[i]`` and ``new[j]`` on both sides, after white space
    and before a word. Only "per cent" after a number makes one token across white space."""
    return (
        0 < i < len(old)
        and 0 < j < len(new)
        and old[i - 1].isspace()
        and new[j - 1].isspace()
        and not old[i].isspace()
        and not new[j].isspace()
        and not old.startswith(("per", "cent"), i)
        and not new.startswith(("per", "cent"), j)
    )


def _common_length(a: str, b: str, limit: int) -> int:
    """The length of the longest common prefix of ``a`` and ``b`` (at most ``limit``), by halving."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _redline(
    old: str, new: str, options: DiffOptions, notes: list[str] | None = None, tail_set_aside: bool = False
) -> tuple[WordOp, ...] | None:
    """The redline of two texts; None when ``tail_set_aside`` (kept text was cut off their
    ends) and the words kept at the start run to the end of either: the whole texts would
    then have kept more at the start than the cut-off end allows, so the cut is undone."""
    old_raw, old_keys = _units(old, options)
    new_raw, new_keys = _units(new, options)
    # The words kept at both ends need no search: difflib looks only at the middle, where
    # a clause edited in a few places differs (its cost grows with the product of lengths).
    head = 0
    limit = min(len(old_keys), len(new_keys))
    while head < limit and old_keys[head] == new_keys[head]:
        head += 1
    if tail_set_aside and head == limit:
        return None
    tail = 0
    while tail < limit - head and old_keys[-1 - tail] == new_keys[-1 - tail]:
        tail += 1
    old_end, new_end = len(old_keys) - tail, len(new_keys) - tail
    matching = anchored.match(old_keys[head:old_end], new_keys[head:new_end])
    if matching.unmatched and notes is not None:
        notes.append(
            f"the word redline shows {matching.unmatched:,} tokens with no run of words in common as deleted and "
            "inserted whole: searching them word by word would take too long"
        )
    # Each run: (op, old tokens, new tokens); equal runs keep both spellings.
    runs: list[tuple[str, list[str], list[str]]] = []
    if head:
        runs.append(("equal", old_raw[:head], new_raw[:head]))
    for tag, i1, i2, j1, j2 in matching.opcodes(old_end - head, new_end - head):
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "equal":
            runs.append(("equal", old_raw[i1:i2], new_raw[j1:j2]))
        else:
            if i2 > i1:
                runs.append(("delete", old_raw[i1:i2], []))
            if j2 > j1:
                runs.append(("insert", [], new_raw[j1:j2]))
    if tail:
        runs.append(("equal", old_raw[old_end:], new_raw[new_end:]))
    if options.ignore_punctuation:
        # Punctuation that appears or goes is not a change then: keep it as kept text
        # spelt differently (the old side's marks, the new side's marks).
        runs = [
            ("equal", old_tokens, new_tokens) if all(_is_gap(t) for t in old_tokens + new_tokens) else run
            for run in runs
            for _, old_tokens, new_tokens in (run,)
        ]
    return _spaces_outside(_merge(_absorb_lone_gaps(runs)))


def _absorb_lone_gaps(runs: list[tuple[str, list[str], list[str]]]) -> list[tuple[str, list[str], list[str]]]:
    """A kept space between two changes is noise ("~~the~~ **a** ~~cat~~ **dog**"):
    fold it into the deletion and the insertion around it so a phrase reads as one change."""
    out: list[tuple[str, list[str], list[str]]] = []
    for index, (op, old_tokens, new_tokens) in enumerate(runs):
        lone_gap = (
            op == "equal"
            and 0 < index < len(runs) - 1
            and all(token.isspace() for token in old_tokens + new_tokens)
            and runs[index - 1][0] != "equal"
            and runs[index + 1][0] != "equal"
        )
        if lone_gap:
            out.append(("delete", old_tokens, []))
            out.append(("insert", [], new_tokens))
        else:
            out.append((op, old_tokens, new_tokens))
    return out


def _merge(runs: list[tuple[str, list[str], list[str]]]) -> tuple[WordOp, ...]:
    """Join neighbouring runs: one deletion then one insertion between two kept runs."""
    ops: list[WordOp] = []
    deleted: list[str] = []
    inserted: list[str] = []
    equal_old: list[str] = []
    equal_new: list[str] = []

    def flush_changes() -> None:
        if deleted:
            ops.append(WordOp("delete", "".join(deleted)))
            deleted.clear()
        if inserted:
            ops.append(WordOp("insert", "".join(inserted)))
            inserted.clear()

    def flush_equal() -> None:
        if equal_old or equal_new:
            text, new_text = "".join(equal_old), "".join(equal_new)
            ops.append(WordOp("equal", text, None if new_text == text else new_text))
            equal_old.clear()
            equal_new.clear()

    for op, old_tokens, new_tokens in runs:
        if op == "equal":
            flush_changes()
            equal_old.extend(old_tokens)
            equal_new.extend(new_tokens)
        else:
            flush_equal()
            deleted.extend(old_tokens)
            inserted.extend(new_tokens)
    flush_changes()
    flush_equal()
    return tuple(ops)


def _spaces_outside(ops: tuple[WordOp, ...]) -> tuple[WordOp, ...]:
    """ "[-shall -]{+may not +}station" reads better as "[-shall-]{+may not+} station": white
    space that begins or ends both a deletion and its insertion is kept text, so it moves
    into the kept run beside them (and a deletion of nothing but that space disappears)."""
    out: list[WordOp] = []
    index = 0
    while index < len(ops):  # one pass: a list edited in place would make long redlines quadratic
        if index + 1 < len(ops) and ops[index].op == "delete" and ops[index + 1].op == "insert":
            out += _spaces_moved_out(ops[index].text, ops[index + 1].text)
            index += 2
        else:
            out.append(ops[index])
            index += 1
    return _join_equal(out)


def _spaces_moved_out(old: str, new: str) -> list[WordOp]:
    """One deletion and its insertion, with the white space both begin or end with kept."""
    if not (old[:1].isspace() and new[:1].isspace()) and not (old[-1:].isspace() and new[-1:].isspace()):
        return [WordOp("delete", old), WordOp("insert", new)]  # the common case: nothing to move
    tail = _common_space(old[len(old.rstrip()) :], new[len(new.rstrip()) :], from_end=True)
    if tail and len(tail) < max(len(old), len(new)):
        old, new = old[: len(old) - len(tail)], new[: len(new) - len(tail)]
    else:
        tail = ""
    head = _common_space(old[: len(old) - len(old.lstrip())], new[: len(new) - len(new.lstrip())])
    if head and len(head) < max(len(old), len(new)):
        old, new = old[len(head) :], new[len(head) :]
    else:
        head = ""
    middle = [WordOp("delete", old)] if old else []
    middle += [WordOp("insert", new)] if new else []
    if not head and not tail:
        return middle
    return [*([WordOp("equal", head)] if head else []), *middle, *([WordOp("equal", tail)] if tail else [])]


def _common_space(a: str, b: str, from_end: bool = False) -> str:
    """The white space that ``a`` and ``b`` share at their start (or end)."""
    if from_end:
        a, b = a[::-1], b[::-1]
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    shared = a[:size]
    return shared[::-1] if from_end else shared


def _join_equal(ops: list[WordOp]) -> tuple[WordOp, ...]:
    """Neighbouring kept runs as one."""
    out: list[WordOp] = []
    for op in ops:
        if out and op.op == "equal" and out[-1].op == "equal":
            last = out.pop()
            new_side = None
            if last.new_text is not None or op.new_text is not None:
                new_side = last.new_side + op.new_side
            text = last.text + op.text
            out.append(WordOp("equal", text, None if new_side == text else new_side))
        else:
            out.append(op)
    return tuple(out)


Segment = tuple[int, str, str]
"""(place, separator, text): a part of a text that a redline does not cross (``segmented_redline``)."""


def apart(old: str, new: str, below: float = APART_BELOW) -> bool:
    """Whether two texts, both with words, are less than ``below`` alike."""
    if below <= 0:
        return False
    a, b = compared_words(old), compared_words(new)
    return bool(a) and bool(b) and ratio(a, b) < below


def segmented_redline(
    old: Sequence[Segment],
    new: Sequence[Segment],
    options: DiffOptions | None = None,
    notes: list[str] | None = None,
) -> tuple[WordOp, ...]:
    """The redline of two texts made of segments, compared segment by segment: the segments of
    one place are redlined together, a segment on one side only is deleted or inserted whole, so
    no run mixes the words of two places (a guarantee's ``condition`` with its ``mirrors``); two
    segments of one place less than ``APART_BELOW`` alike are deleted and inserted whole too (a
    treaty's paragraph against another's), while the rest of the clause keeps its word redline.

    Each side lists its segments by increasing place; a segment's separator comes before it
    when another segment precedes it on its side. Joining the runs rebuilds both texts."""
    options = options or DiffOptions()
    ops: list[WordOp] = []
    i = j = 0
    while i < len(old) or j < len(new):
        a = old[i] if i < len(old) else None
        b = new[j] if j < len(new) else None
        if b is None or (a is not None and a[0] < b[0]):
            assert a is not None
            ops.append(WordOp("delete", (a[1] if i else "") + a[2]))
            i += 1
        elif a is None or b[0] < a[0]:
            ops.append(WordOp("insert", (b[1] if j else "") + b[2]))
            j += 1
        else:
            before, after = a[1] if i else "", b[1] if j else ""
            if before == after:
                ops.append(WordOp("equal", before))
            else:
                ops += [WordOp("delete", before), WordOp("insert", after)]
            ops += _segment_redline(a[2], b[2], options, notes)
            i, j = i + 1, j + 1
    return _whole_lines(_join_runs([op for op in ops if op.text or op.new_text]))


BREAKS = ("\n\n", "\n")
"""Where ``_segment_redline`` cuts a segment into parts it pairs in order: paragraphs (prose), then
lines (a repeatable guarantee field, a line each)."""


def _segment_redline(old: str, new: str, options: DiffOptions, notes: list[str] | None) -> list[WordOp]:
    """Two segments of one place, part by part when both hold as many paragraphs (the prose of two
    treaties' articles) or lines (two ``condition`` lines each), each part redlined or, less than
    ``APART_BELOW`` alike, shown apart (``_text_redline``)."""
    if old == new:
        return [WordOp("equal", old)]
    for separator in BREAKS:
        olds, news = old.split(separator), new.split(separator)
        if len(olds) > 1 and len(olds) == len(news):
            ops: list[WordOp] = []
            for index, (a, b) in enumerate(zip(olds, news, strict=True)):
                if index:
                    ops.append(WordOp("equal", separator))
                ops += (
                    _segment_redline(a, b, options, notes)
                    if separator != BREAKS[-1]
                    else _text_redline(a, b, options, notes)
                )
            return ops
    return _text_redline(old, new, options, notes)


def _text_redline(old: str, new: str, options: DiffOptions, notes: list[str] | None) -> list[WordOp]:
    """One text against another: the word redline, or, when the two are less than
    ``APART_BELOW`` alike, the one deleted whole and the other inserted whole, between what
    both share at their ends (a field's name)."""
    if old == new:
        return [WordOp("equal", old)]
    if not apart(old, new, options.apart_below):
        return list(redline(old, new, options, notes))
    head, tail = _shared_ends(old, new)
    middle_old, middle_new = old[head : len(old) - tail], new[head : len(new) - tail]
    ends = ([WordOp("equal", old[:head])] if head else [], [WordOp("equal", old[len(old) - tail :])] if tail else [])
    return [*ends[0], WordOp("delete", middle_old), WordOp("insert", middle_new), *ends[1]]


def _whole_lines(ops: tuple[WordOp, ...]) -> tuple[WordOp, ...]:
    """A line deleted or inserted between kept text is shown as whole lines: "A[-\nB-]\nC" reads
    "A\n[-B\n-]C", the same runs moved by one line break, as the redline of a whole text gives."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        before, op, after = out[k - 1], out[k], out[k + 1]
        kept_around = all(run.op == "equal" and run.new_text is None for run in (before, after))
        # Between lines only: a run before a paragraph break keeps its place, as a whole text's redline does.
        between_lines = op.text[:1] == "\n" and after.text[:1] == "\n" and after.text[:2] != "\n\n"
        if op.op != "equal" and kept_around and between_lines:
            out[k - 1] = WordOp("equal", before.text + "\n")
            out[k] = WordOp(op.op, op.text[1:] + "\n")
            out[k + 1] = WordOp("equal", after.text[1:])
    return tuple(op for op in out if op.text)


def _join_runs(ops: list[WordOp]) -> tuple[WordOp, ...]:
    """Neighbouring runs of one kind as one (kept runs as ``_join_equal`` joins them)."""
    out: list[WordOp] = []
    for op in _join_equal(ops):
        if out and op.op != "equal" and out[-1].op == op.op:
            out[-1] = WordOp(op.op, out[-1].text + op.text)
        else:
            out.append(op)
    return tuple(out)


def rebuild(ops: tuple[WordOp, ...]) -> tuple[str, str]:
    """The old and the new text of a redline (the inverse of ``redline``)."""
    old = "".join(op.text for op in ops if op.op in ("equal", "delete"))
    new = "".join(op.new_side for op in ops if op.op in ("equal", "insert"))
    return old, new
