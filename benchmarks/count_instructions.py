"""Instructions, not seconds: the cost of parsing and diffing a generated pair, under callgrind.

    python benchmarks/count_instructions.py [N] [--checkout PATH]

On a shared, noisy machine wall-clock medians move by 10-40% from one run to the next;
valgrind's callgrind counts the instructions a run executes, which is the same for the same
code and input whatever else the machine is doing. The script writes a pair of N clauses
(``gen_pairs.py``, default 2,000), then counts a run that parses both drafts and one that
parses and diffs them: the difference is the diff stage. ``--checkout`` counts another
checkout of clausekit (an older commit in a git worktree) on the same pair, so that two
versions are compared in one run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_pairs import write_pair  # noqa: E402

RUN = """
import sys
from clausekit.diff import diff
try:
    from clausekit.language.parser import load
except ImportError:  # a checkout from before the language/ room
    from clausekit.parser import load
old, new = load(sys.argv[1]), load(sys.argv[2])
if sys.argv[3] == "diff":
    diff(old, new)
"""


def count(checkout: Path, pair: Path, mode: str) -> int:
    """Instructions of one run (``parse`` or ``diff``) of the clausekit in ``checkout``."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(checkout)}
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                "-c",
                RUN,
                str(pair / "old.clause"),
                str(pair / "new.clause"),
                mode,
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=checkout,
        )
        found = re.search(r"Collected : (\d+)", result.stderr)
        if result.returncode != 0 or found is None:
            raise SystemExit(f"callgrind failed:\n{result.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clauses", nargs="?", type=int, default=2000)
    parser.add_argument("--checkout", type=Path, action="append", default=[], help="another clausekit checkout")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as scratch:
        pair = Path(scratch)
        write_pair(args.clauses, pair)
        print(f"{'checkout':<40} {'parse (M instr.)':>18} {'diff stage (M instr.)':>22}")
        for checkout in [HERE.parent, *args.checkout]:
            parse = count(checkout, pair, "parse")
            both = count(checkout, pair, "diff")
            print(f"{checkout!s:<40} {parse / 1e6:>18,.1f} {(both - parse) / 1e6:>22,.1f}")


if __name__ == "__main__":
    main()
