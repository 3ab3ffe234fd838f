"""How fast and how right ``clausekit diff`` is on large generated drafts, against peers.

    python benchmarks/bench_diff.py                 # N = 500 and 5,000
    python benchmarks/bench_diff.py 500 5000 50000  # the large case too (minutes, ~1 GB of peers' memory)

For each N (see gen_pairs.py: 10% of clauses edited, 3% moved, 2% removed, 2% inserted,
every clause renumbered, fresh ids) it reports, in one run on one machine:

- end to end: wall time of ``clausekit diff OLD NEW --format json`` as a user runs it
  (a new process: start-up, parsing, diff, JSON), the median of several runs;
- the diff stage alone: both models in memory -> ``DraftDiff``, median;
- peak memory of the clausekit process (``ru_maxrss`` of a child, measured in a
  wrapper process so that other children do not count);
- alignment precision and recall against the generator's truth, and the share of the
  moved clauses that the diff reports as moved;
- the same text through ``git diff --no-index --word-diff=porcelain`` (the line and word
  diff a negotiator would otherwise use) and through the ``redlines`` package (a
  word-level redline in Python), each capped at CAP_SECONDS: a capped run is reported as
  such, never as a time.

The machine may be shared and noisy: read medians and ratios, not single times.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_pairs import write_pair  # noqa: E402

CAP_SECONDS = 120.0
RUNS = {500: 5, 5000: 5, 50000: 3}

# Measures one command's wall time and peak memory from inside a fresh wrapper process,
# so that ru_maxrss is that command's alone.
_WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
try:
    code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=float(sys.argv[1])).returncode
except subprocess.TimeoutExpired:
    code = "capped"
elapsed = time.perf_counter() - started
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""

_REDLINES = """
import sys
from redlines import Redlines
old = open(sys.argv[1], encoding="utf-8").read()
new = open(sys.argv[2], encoding="utf-8").read()
Redlines(old, new).output_markdown
"""


def measure(command: list[str], cap: float = CAP_SECONDS) -> tuple[float | None, float, object]:
    """(seconds or None when capped, peak MB, exit code) of one run."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(cap), *command], capture_output=True, text=True, check=True
    ).stdout.split()
    seconds, peak_kb, code = float(out[0]), int(out[1]), out[2]
    return (None if code == "capped" else seconds), peak_kb / 1024, code


def median_run(
    command: list[str], runs: int, cap: float = CAP_SECONDS, ok: tuple[str, ...] = ("0",)
) -> tuple[float | None, float]:
    """Median seconds (None when capped) and peak MB; a run that fails is an error, not a time."""
    times, peaks = [], []
    for _ in range(runs):
        seconds, peak, code = measure(command, cap)
        if seconds is None:
            return None, peak
        if code not in ok:
            raise SystemExit(f"{' '.join(command[:4])} ... exited with status {code}")
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def diff_stage(folder: Path, runs: int) -> tuple[float, object]:
    from clausekit.diff import diff
    from clausekit.language.parser import load

    old, new = load(folder / "old.clause"), load(folder / "new.clause")
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = diff(old, new)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def accuracy(result, truth: dict) -> dict[str, float]:
    predicted = {c.old.id: c.new.id for c in result.changes if c.old is not None and c.new is not None}
    correct = sum(1 for old, new in predicted.items() if truth["pairs"].get(old) == new)
    moved = {c.old.id for c in result.changes if "moved" in c.kinds}
    return {
        "precision": correct / len(predicted) if predicted else 1.0,
        "recall": correct / len(truth["pairs"]) if truth["pairs"] else 1.0,
        "moves_found": len(moved & set(truth["moved"])) / len(truth["moved"]) if truth["moved"] else 1.0,
        "moves_reported": len(moved),
    }


def bench(count: int, folder: Path) -> dict:
    truth = write_pair(count, folder)
    runs = RUNS.get(count, 3)
    clausekit = [sys.executable, "-m", "clausekit", "diff", str(folder / "old.clause"), str(folder / "new.clause")]
    end_to_end, peak = median_run([*clausekit, "--format", "json"], runs)
    stage, result = diff_stage(folder, runs)
    row: dict = {"n": count, "end_to_end_s": end_to_end, "diff_stage_s": stage, "peak_mb": peak}
    row.update(accuracy(result, truth))
    row["notes"] = list(result.notes)
    if shutil.which("git"):
        git = ["git", "diff", "--no-index", "--word-diff=porcelain", str(folder / "old.txt"), str(folder / "new.txt")]
        row["git_s"], row["git_mb"] = median_run(git, runs, ok=("0", "1"))  # 1: the files differ
    else:
        row["git_s"] = row["git_mb"] = None
    try:
        import redlines  # noqa: F401

        redline_cmd = [sys.executable, "-c", _REDLINES, str(folder / "old.txt"), str(folder / "new.txt")]
        row["redlines_s"], row["redlines_mb"] = median_run(redline_cmd, 1 if count > 500 else 3)
    except ImportError:
        row["redlines_s"] = row["redlines_mb"] = "not installed"
    return row


def _seconds(value: object) -> str:
    if value is None:
        return f"capped at {CAP_SECONDS:.0f} s"
    if isinstance(value, str):
        return value
    return f"{value:.3f} s"


def report(rows: list[dict]) -> str:
    lines = [
        "| N | clausekit end to end | diff stage | peak memory | precision | recall | moves found "
        "| git word-diff | redlines |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['n']:,} | {_seconds(row['end_to_end_s'])} | {_seconds(row['diff_stage_s'])} | "
            f"{row['peak_mb']:.0f} MB | {row['precision']:.4f} | {row['recall']:.4f} | "
            f"{row['moves_found']:.1%} ({row['moves_reported']} reported) | {_seconds(row['git_s'])} | "
            f"{_seconds(row['redlines_s'])} |"
        )
    lines.append("")
    for row in rows:
        e2e, git, red = row["end_to_end_s"], row["git_s"], row["redlines_s"]
        ratios = []
        if isinstance(e2e, float) and isinstance(git, float):
            ratios.append(f"{e2e / git:.1f}x the time of git")
        if isinstance(e2e, float) and isinstance(red, float):
            ratios.append(f"{red / e2e:.0f}x faster than redlines")
        elif red is None and isinstance(e2e, float):
            ratios.append(f"over {CAP_SECONDS / e2e:.0f}x faster than redlines (capped)")
        lines.append(f"- N = {row['n']:,}: " + "; ".join(ratios or ["no peer ran"]))
        for note in row["notes"]:
            lines.append(f"  - note: {note}")
    by_n = {row["n"]: row for row in rows}
    if 5000 in by_n and 50000 in by_n and by_n[5000]["end_to_end_s"] and by_n[50000]["end_to_end_s"]:
        growth = by_n[50000]["end_to_end_s"] / by_n[5000]["end_to_end_s"]
        lines.append(f"- 50,000 vs 5,000 clauses: {growth:.1f}x the time for 10x the clauses")
    return "\n".join(lines)


def main() -> None:
    counts = [int(arg.replace(",", "").replace("_", "")) for arg in sys.argv[1:]] or [500, 5000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="clausekit-bench-") as tmp:
        for count in counts:
            rows.append(bench(count, Path(tmp) / str(count)))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(report(rows))


if __name__ == "__main__":
    main()
