"""The word-level redline of one clause: which words were deleted, inserted or kept.

Built on stdlib ``difflib`` with ``autojunk=False`` (its junk heuristic looks at one
side only, and would make ``redline(a, b)`` and ``redline(b, a)`` disagree). Text is cut
into words, numbers kept whole ("600,000", "$100", "50:50", "3.5%"), single punctuation
marks and runs of white space; the options change how tokens *compare*, never the text
shown, so that the runs still rebuild both texts exactly.
"""

from __future__ import annotations

import difflib
import re

from clausekit.diff.model import WordOp
from clausekit.diff.options import DiffOptions

# A number is kept whole with its currency sign, separators and percent sign: a
# redline that shows "600,~~000~~**800**" instead of "~~600,000~~ **800,000**" misleads.
_NUMBER = r"[$€£¥]?\d+(?:[.,:]\d+)*(?:%|\s?per\s?cent\b)?"
_WORD = r"\w+(?:['’\-]\w+)*"
_TOKEN = re.compile(rf"(?P<space>\s+)|(?P<number>{_NUMBER})|(?P<word>{_WORD})|(?P<punct>.)", re.DOTALL)

# Typographic quotes and apostrophes compare as their straight forms with --ignore-quotes.
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'}
)


def tokenize(text: str) -> list[str]:
    """Cut text into words, whole numbers, single punctuation marks and runs of white space."""
    return [match.group() for match in _TOKEN.finditer(text)]


def _is_gap(token: str) -> bool:
    """White space, or (when punctuation is ignored) a run of punctuation and space."""
    return not any(ch.isalnum() for ch in token)


def _normalise_token(token: str, options: DiffOptions) -> str:
    if token.isspace():
        # Line breaks inside a paragraph mean nothing; a blank line is a new paragraph.
        return "\n\n" if token.count("\n") >= 2 else " "
    if options.ignore_quotes:
        token = token.translate(_QUOTES)
    if options.ignore_case:
        token = token.casefold()
    return token


def _units(text: str, options: DiffOptions) -> tuple[list[str], list[str]]:
    """The raw tokens of a text and the keys they compare by.

    With ``ignore_punctuation``, punctuation joins the white space around it into one
    gap, and every gap compares equal to every other: "Ukraine, and" matches "Ukraine and".
    """
    raw = tokenize(text)
    if options.ignore_punctuation:
        merged: list[str] = []
        for token in raw:
            if merged and _is_gap(token) and _is_gap(merged[-1]):
                merged[-1] += token
            else:
                merged.append(token)
        keys = [" " if _is_gap(token) else _normalise_token(token, options) for token in merged]
        return merged, keys
    return raw, [_normalise_token(token, options) for token in raw]


def normalised(text: str, options: DiffOptions | None = None) -> str:
    """The text as the redline compares it: equal here means no words changed."""
    options = options or DiffOptions()
    _, keys = _units(text, options)
    # Leading and trailing gaps carry no words.
    while keys and keys[0].isspace():
        keys.pop(0)
    while keys and keys[-1].isspace():
        keys.pop()
    return "".join(keys)


def redline(old: str, new: str, options: DiffOptions | None = None) -> tuple[WordOp, ...]:
    """The word-level edit script from ``old`` to ``new``.

    Joining ``equal`` and ``delete`` runs gives ``old``; joining ``equal`` (as
    ``WordOp.new_side``) and ``insert`` runs gives ``new``.
    """
    options = options or DiffOptions()
    old_raw, old_keys = _units(old, options)
    new_raw, new_keys = _units(new, options)
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    # Each run: (op, old tokens, new tokens); equal runs keep both spellings.
    runs: list[tuple[str, list[str], list[str]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("equal", old_raw[i1:i2], new_raw[j1:j2]))
        else:
            if i2 > i1:
                runs.append(("delete", old_raw[i1:i2], []))
            if j2 > j1:
                runs.append(("insert", [], new_raw[j1:j2]))
    return _merge(_absorb_lone_gaps(runs))


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


def rebuild(ops: tuple[WordOp, ...]) -> tuple[str, str]:
    """The old and the new text of a redline (the inverse of ``redline``)."""
    old = "".join(op.text for op in ops if op.op in ("equal", "delete"))
    new = "".join(op.new_side for op in ops if op.op in ("equal", "insert"))
    return old, new
