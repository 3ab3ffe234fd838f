"""How fast ``clausekit amend`` is against the diff it reads, on one large pair.

    python benchmarks/bench_amend.py            # 5,000 clauses
    python benchmarks/bench_amend.py 20000      # CLAUSES

The pair is ``gen_pairs.py``'s (10% of clauses edited by a few words, 3% moved, 2% removed,
2% inserted, every clause renumbered, fresh ids: every clause is found by its text). Reported,
median of three runs, all in the same run so that the machine's load moves them together:

- the peer: ``diff(old, new)`` alone, findings included (what ``clausekit diff`` does);
- ``amend(old, new)``: the diff without its findings (no amendment reads them), then its
  amendments made and each applied to a working copy (the target: about the diff's time, a
  ratio near 1);
- ``apply(old, amendments)`` and the ``.amend`` text written and read back, for reference.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pairs import clause_source, generate  # noqa: E402

from clausekit.amend import amend, apply  # noqa: E402
from clausekit.diff import diff  # noqa: E402
from clausekit.language.amend_format import format_amendments  # noqa: E402
from clausekit.language.amend_parser import loads_amendments  # noqa: E402
from clausekit.language.parser import loads  # noqa: E402

RUNS = 3


def median_time(function, runs: int = RUNS) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    old_clauses, new_clauses, _ = generate(count)
    old, new = loads(clause_source("old", old_clauses)), loads(clause_source("new", new_clauses))
    # Alternate the two so that a change of load falls on both.
    diffs, amends = [], []
    listed = None
    for _ in range(RUNS):
        took, _ = median_time(lambda: diff(old, new), 1)
        diffs.append(took)
        took, listed = median_time(lambda: amend(old, new), 1)
        amends.append(took)
    peer, made = statistics.median(diffs), statistics.median(amends)
    applying, result = median_time(lambda: apply(old, listed))  # type: ignore[arg-type]
    text = format_amendments(listed)  # type: ignore[arg-type]
    reading, _ = median_time(lambda: loads_amendments(text, "bench.amend"))
    kinds: dict[str, int] = {}
    for amendment in listed.amendments:  # type: ignore[union-attr]
        kinds[amendment.action] = kinds.get(amendment.action, 0) + 1
    print(f"{count} clauses, median of {RUNS}:")
    print(f"  peer: diff(old, new)          {peer:7.3f} s")
    print(f"  amend(old, new)               {made:7.3f} s   ({made / peer:.2f}x its diff)")
    print(f"  apply(old, amendments)        {applying:7.3f} s   ({len(result.failures)} not applied)")  # type: ignore[union-attr]
    print(f"  read the .amend text back     {reading:7.3f} s   ({len(text) / 1e6:.1f} MB)")
    print(f"  amendments: {len(listed.amendments)} {dict(sorted(kinds.items()))}")  # type: ignore[union-attr]


if __name__ == "__main__":
    main()
