"""Parse throughput and start-up time.

    python benchmarks/bench_parse.py [N ...]

Reports MB/s for the full parse (the frozen model with every location) on
generated drafts, the median of several runs, and the wall time of
``clausekit --help`` (start-up, which must stay under 0.25 s).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_draft import generate

from clausekit.language.parser import loads


def parse_throughput(count: int, runs: int = 5) -> tuple[float, float, int]:
    text = generate(count)
    size = len(text.encode("utf-8"))
    loads(text)  # warm up: builds the Lark tables once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        loads(text, filename="bench.clause")
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return size / median / 1e6, median, size


def peers(count: int, runs: int = 5) -> tuple[float, float]:
    """Two floors in the same run: splitting the text into stripped lines (the least any
    line-oriented reader does) and the C JSON parser on a JSON tree of the same drafts."""
    import json

    text = generate(count)
    tree = [
        {"id": f"c{i}", "number": str(i % 10 + 1), "paragraphs": [line.strip()]}
        for i, line in enumerate(text.splitlines())
        if line.startswith("    ") and not line.strip().startswith(("guarantor", "beneficiary", "trigger", "duration"))
    ]
    as_json = json.dumps(tree)
    split_times, json_times = [], []
    for _ in range(runs):
        started = time.perf_counter()
        [line.strip() for line in text.split("\n")]
        split_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        json.loads(as_json)
        json_times.append(time.perf_counter() - started)
    return statistics.median(split_times), statistics.median(json_times)


def startup(runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "clausekit", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    print(f"{'clauses':>8} {'size':>10} {'median':>9} {'MB/s':>7}")
    for count in counts:
        rate, median, size = parse_throughput(count)
        split, as_json = peers(count)
        print(
            f"{count:>8} {size / 1e6:>8.2f}MB {median:>8.3f}s {rate:>7.2f}"
            f"   peers: split lines {split:.3f}s ({median / split:.0f}x), json.loads of the same clauses "
            f"{as_json:.3f}s ({median / as_json:.1f}x)"
        )
    print(f"clausekit --help: median {startup() * 1000:.0f} ms (python -m clausekit, {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
