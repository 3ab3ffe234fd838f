"""How fast ``clausekit compare`` is on five large drafts.

    python benchmarks/bench_compare.py            # 5 drafts of 5,000 clauses
    python benchmarks/bench_compare.py 5 20000    # DRAFTS CLAUSES

One base draft of N clauses of 40-80 words (``gen_pairs.py``'s sentences) and K-1 rivals of
it, each with its own edits: 10% of clauses edited by a few words, 3% moved, 2% removed, 2%
inserted, every clause renumbered. Ids are kept (``--fresh-ids``: fresh ids on the rivals,
so every clause must be found by its text: the hard case).

Reported, median of three runs on whatever machine runs it:

- ``compare(drafts)``: the Comparison from drafts in memory (K-1 diffs against the base,
  key facts of every cell), the target is <= 5 s for 5 x 5,000;
- the peer in the same run: the K-1 ``diff(base, rival)`` calls alone, i.e. what the
  comparison costs beyond the pairwise diffs it is built on;
- the outputs: Markdown matrix, JSON, compilation text;
- parsing the K drafts, for reference.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pairs import _edit, _sentence, _vocabulary, clause_source  # noqa: E402

from clausekit.compare import compare  # noqa: E402
from clausekit.diff import diff  # noqa: E402
from clausekit.language.parser import loads  # noqa: E402
from clausekit.render.compare import render_comparison  # noqa: E402

RUNS = 3


def rival(old: list, rare: list[str], seed: int, fresh_ids: bool) -> list:
    """A rival of the base: its own edits, moves, removals and insertions (as gen_pairs.py)."""
    rng = random.Random(seed)
    count = len(old)
    picks = list(range(count))
    rng.shuffle(picks)
    cut = [round(count * share) for share in (0.02, 0.03, 0.10)]
    removed = set(picks[: cut[0]])
    moved = set(picks[cut[0] : cut[0] + cut[1]])
    edited = set(picks[cut[0] + cut[1] : cut[0] + cut[1] + cut[2]])
    sequence: list[tuple[str | None, list[str]]] = []
    for index, (ident, _, words) in enumerate(old):
        if index in removed or index in moved:
            continue
        sequence.append((ident, _edit(rng, words, rare) if index in edited else words))
    for index in sorted(moved):
        sequence.insert(rng.randrange(len(sequence) + 1), (old[index][0], old[index][2]))
    for _ in range(round(count * 0.02)):
        sequence.insert(rng.randrange(len(sequence) + 1), (None, _sentence(rng, rare)))
    out = []
    for position, (ident, words) in enumerate(sequence):
        if fresh_ids or ident is None:
            ident = f"r{seed}-{position}"
        out.append((ident, f"{position + 1}-{seed}", words))
    return out


def sources(drafts: int, clauses: int, fresh_ids: bool) -> list[str]:
    rng = random.Random(1)
    rare = _vocabulary(rng)
    base = [(f"c{i}", str(i + 1), _sentence(rng, rare)) for i in range(clauses)]
    texts = [clause_source("bench-base", base)]
    for k in range(1, drafts):
        texts.append(clause_source(f"bench-rival-{k}", rival(base, rare, 100 + k, fresh_ids)))
    return texts


def median_time(function, runs: int = RUNS) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    drafts = int(args[0]) if args else 5
    clauses = int(args[1]) if len(args) > 1 else 5000
    fresh_ids = "--fresh-ids" in sys.argv
    texts = sources(drafts, clauses, fresh_ids)
    parse, parsed = median_time(lambda: [loads(t, filename=f"d{i}.clause") for i, t in enumerate(texts)], 1)
    models = parsed  # type: ignore[assignment]
    took, comparison = median_time(lambda: compare(models))
    pairwise, _ = median_time(lambda: [diff(models[0], other) for other in models[1:]])
    print(f"{drafts} drafts x {clauses} clauses{' (fresh ids)' if fresh_ids else ''}, median of {RUNS}:")
    print(f"  parse all drafts            {parse:7.2f} s")
    print(f"  compare(drafts)             {took:7.2f} s   (target <= 5 s)")
    print(
        f"  peer: {drafts - 1} x diff(base, rival) {pairwise:7.2f} s   (compare costs {took / pairwise:.2f}x its diffs)"
    )
    for fmt in ("markdown", "json", "clause"):
        spent, data = median_time(lambda fmt=fmt: render_comparison(comparison, fmt), 1)
        print(f"  render {fmt:<20} {spent:7.2f} s   ({len(data) / 1e6:.1f} MB)")
    print(f"  rows: {len(comparison.rows)}, {comparison.counts()}")  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
