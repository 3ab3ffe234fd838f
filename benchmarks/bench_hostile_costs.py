"""Two paths that were quadratic (issue 16), against peers in the same run.

    python benchmarks/bench_hostile_costs.py            # 1 MB paragraph, 20,000 bracketed clauses
    python benchmarks/bench_hostile_costs.py --quick    # 200 KB, 5,000

- **The word redline of one long paragraph** with 30% of its words changed (``gen_draft``'s
  draft words, so that single words repeat often and only runs of words are unique):
  ``clausekit.diff.words.redline`` against two peers, tokenising both texts (a floor: the
  redline cannot be faster than cutting the text into words) and difflib over the whole
  paragraph as the redline did before, on a 50 KB slice (it is quadratic: 1 MB would take hours).
- **``clausekit brackets``** (the text report) of a draft of N clauses, each with a
  bracket, against ``clausekit check`` of the same draft (which parses it too).

Median of three runs each; CPU time of this process (``time.process_time``), which a
shared machine's load moves less than wall time. Read the ratios.
"""

from __future__ import annotations

import difflib
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_draft import sentence

from clausekit.amend import amend, apply
from clausekit.diff import diff
from clausekit.diff.words import rebuild, redline, tokenize
from clausekit.language.parser import loads
from clausekit.lint import check
from clausekit.negotiation.brackets import open_brackets
from clausekit.render.negotiation.brackets import brackets_text


def cpu(function: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def paragraph_pair(size: int, changed: float = 0.3, seed: int = 1) -> tuple[str, str]:
    """One paragraph of ``size`` characters of draft-like prose (gen_draft's words and sums),
    and the same with ``changed`` of its words replaced."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        parts.append(sentence(rng, rng.randint(10, 30)))
        length += len(parts[-1]) + 1
    old = " ".join(parts).split(" ")
    new = [sentence(rng, 1).rstrip(".").lower() if rng.random() < changed else word for word in old]
    return " ".join(old), " ".join(new)


def keys(text: str) -> list[str]:
    """The tokens as the redline compares them (a space keyed by the word before it), as before."""
    tokens = tokenize(text)
    return [" " + tokens[i - 1] if token.isspace() and i else token for i, token in enumerate(tokens)]


def bench_redline(size: int) -> None:
    old, new = paragraph_pair(size)
    notes: list[str] = []
    ops = redline(old, new, notes=notes)
    assert rebuild(ops) == (old, new)
    kept = sum(len(op.text.split()) for op in ops if op.op == "equal") / len(old.split())
    ours = cpu(lambda: redline(old, new))
    floor = cpu(lambda: (tokenize(old), tokenize(new)))
    small_old, small_new = paragraph_pair(50_000)
    keys_old, keys_new = keys(small_old), keys(small_new)
    before = cpu(lambda: difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes(), runs=1)
    anchored_small = cpu(lambda: redline(small_old, small_new))
    print(
        f"redline, {size / 1e6:.1f} MB paragraph, 30% changed: {ours:.2f} s "
        f"({ours / floor:.1f}x tokenising both texts; {kept:.0%} of the old words kept; notes: {len(notes)})"
    )
    print(f"  50 KB slice: {anchored_small:.2f} s, difflib over the whole paragraph (before) {before:.2f} s")


def bench_amend_paragraph(size: int) -> None:
    """``amend`` of one long paragraph with 30% of its words changed, against its diff: each word
    amendment was checked against the whole paragraph (200 KB took 78 s); past
    ``MAX_WORD_EDITS`` places the paragraph is given whole."""
    old_text, new_text = paragraph_pair(size)
    old = loads(f'draft d "D" {{\n}}\n\nclause c 1 {{\n  {old_text}\n}}\n', "old.clause")
    new = loads(f'draft e "E" {{\n}}\n\nclause c 1 {{\n  {new_text}\n}}\n', "new.clause")
    amendments = amend(old, new)
    assert not apply(old, amendments).failures
    ours = cpu(lambda: amend(old, new))
    peer = cpu(lambda: diff(old, new))
    print(
        f"amend, {size / 1e6:.1f} MB paragraph, 30% changed: {ours:.2f} s, {len(amendments.amendments)} amendment(s); "
        f"diff {peer:.2f} s ({ours / peer:.2f}x)"
    )


def bench_brackets(count: int) -> None:
    clauses = "".join(
        f"clause c{i} {i} {{\n  @US shall [US: withdraw within {i} days | RU: withdraw] from the zone.\n}}\n\n"
        for i in range(1, count + 1)
    )
    text = 'draft d "Brackets" {\n}\n\nparties {\n  US "US"\n  RU "Russia"\n}\n\n' + clauses
    report = brackets_text([open_brackets(loads(text, "d.clause"))])
    assert report.count("RU: withdraw]") == count
    ours = cpu(lambda: brackets_text([open_brackets(loads(text, "d.clause"))]))
    peer = cpu(lambda: check([loads(text, "d.clause")]))
    print(
        f"brackets, {count:,} bracketed clauses ({len(text) / 1e6:.1f} MB): {ours:.2f} s; check {peer:.2f} s "
        f"({ours / peer:.2f}x)"
    )


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    bench_redline(200_000 if quick else 1_000_000)
    bench_amend_paragraph(200_000 if quick else 1_000_000)
    bench_brackets(5_000 if quick else 20_000)
