"""How fast the guarantee profile reads many guarantees, and that it grows linearly.

    python benchmarks/bench_profile.py                 # 1,000, 2,000 and 5,000 guarantees
    python benchmarks/bench_profile.py 1000 10000      # any sizes

A draft of N guarantees whose prose is the real English prose of the bundled reference
guarantees (NATO Art. 5, US-Japan Art. V, Modified Brussels Art. V, ...), taken in turn, each
with a numbered sentence of its own so that no two are alike. Reported, median of three runs:
``read_profile`` of every guarantee, per guarantee, and the ratio to the smallest size (linear
time: the per-guarantee cost stays flat). The peer in the same run: the prose analysis
(``clausekit.analysis.analyse``, what the diff reads of each clause) over the same paragraphs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from clausekit.analysis import analyse, is_english  # noqa: E402
from clausekit.analysis.profile import read_profile  # noqa: E402
from clausekit.language.parser import loads  # noqa: E402
from clausekit.library import library  # noqa: E402
from clausekit.model import plain_text  # noqa: E402

RUNS = 3


def corpus_prose() -> list[str]:
    """The English prose of every bundled guarantee that has no markup (brackets, references)."""
    out = []
    for draft in library():
        if not is_english(draft.language):
            continue
        for clause in draft.walk():
            text = " ".join(plain_text(p.spans) for p in clause.paragraphs)
            if clause.kind == "guarantee" and text and not any(c in text for c in "[]@<>#{}|\\"):
                out.append(text)
    return out


def draft_source(count: int, prose: list[str]) -> str:
    lines = ['draft bench "Profile benchmark" {', "}", ""]
    for index in range(count):
        lines.append(f"guarantee g{index} {{")
        lines.append(f"  {prose[index % len(prose)]} This is guarantee number {index}.")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def median_seconds(function) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    prose = corpus_prose()
    print(f"{len(prose)} distinct real guarantee texts, taken in turn; median of {RUNS} runs")
    print(f"{'guarantees':>10} {'profile':>9} {'per guarantee':>14} {'ratio':>6} {'analyse (peer)':>15} {'x peer':>7}")
    base = None
    for size in sizes:
        draft = loads(draft_source(size, prose))
        guarantees = [c for c in draft.walk() if c.kind == "guarantee"]
        texts = [plain_text(p.spans) for c in guarantees for p in c.paragraphs]
        read_profile(draft, guarantees[0])  # compile the tables once
        profile = median_seconds(lambda d=draft, g=guarantees: [read_profile(d, c) for c in g])
        peer = median_seconds(lambda t=texts: [analyse(x) for x in t])
        per = profile / size
        base = base or per
        cells = f"{size:>10,} {profile:>8.3f}s {per * 1e3:>11.3f} ms {per / base:>6.2f}"
        print(f"{cells} {peer:>14.3f}s {profile / peer:>7.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000, 5000])
