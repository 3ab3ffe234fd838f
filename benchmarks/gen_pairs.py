"""Generate a pair of large drafts with a known alignment (for benchmarking ``clausekit diff``).

    python benchmarks/gen_pairs.py 5000 /tmp/pair      # writes old.clause, new.clause,
                                                       # old.txt, new.txt, truth.json

The old draft has N clauses of 40-80 words. The new draft edits 10% of them by a few
words, moves 3%, removes 2%, inserts 2% new ones, and renumbers everything. Ids are
*fresh* on the new side (as after importing a Word file), so the diff must find each
clause by its text, not by its id: the hard case. ``--stable-ids`` keeps the ids.

``truth.json`` lists the true pairs (old id -> new id) and which clauses were edited,
moved, removed and inserted. ``old.txt``/``new.txt`` hold the same text one clause a
paragraph, for line- and word-based peers (git, redlines). Deterministic for N and seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_draft import WORDS

# The common words of treaty prose, shared with gen_draft.py, and the small words between them.
COMMON = (
    *WORDS[: WORDS.index("ceasefire") + 1],
    "and",
    "or",
    "not",
    "by",
    "for",
    "on",
    "at",
    "as",
    "a",
    "an",
    "this",
    "its",
)


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Pronounceable rare words: treaty text repeats common words and varies in the rest."""
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    words = set()
    while len(words) < size:
        length = rng.randint(2, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length)))
    return sorted(words)


def _sentence(rng: random.Random, rare: list[str]) -> list[str]:
    words = [rng.choice(COMMON) if rng.random() < 0.55 else rng.choice(rare) for _ in range(rng.randint(40, 80))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}"
    return words


def _edit(rng: random.Random, words: list[str], rare: list[str]) -> list[str]:
    """A few words replaced, inserted or deleted: what a negotiator changes in a clause."""
    words = list(words)
    for _ in range(rng.randint(2, 4)):
        action = rng.choice(("replace", "insert", "delete"))
        where = rng.randrange(len(words))
        if action == "replace":
            words[where] = rng.choice(rare)
        elif action == "insert":
            words.insert(where, rng.choice(rare if rng.random() < 0.5 else COMMON))
        elif len(words) > 10:
            del words[where]
    return words


def generate(count: int, seed: int = 1, fresh_ids: bool = True) -> tuple[list, list, dict]:
    """Old and new clauses as (id, number, words) and the truth about them."""
    rng = random.Random(seed)
    rare = _vocabulary(rng)
    old = [(f"c{i}", str(i + 1), _sentence(rng, rare)) for i in range(count)]

    picks = list(range(count))
    rng.shuffle(picks)
    cut = [round(count * share) for share in (0.02, 0.03, 0.10)]
    removed = set(picks[: cut[0]])
    moved = set(picks[cut[0] : cut[0] + cut[1]])
    edited = set(picks[cut[0] + cut[1] : cut[0] + cut[1] + cut[2]])

    sequence: list[tuple[int | None, list[str]]] = []  # (old index or None for inserted, words)
    for index, (_, _, words) in enumerate(old):
        if index in removed or index in moved:
            continue
        sequence.append((index, _edit(rng, words, rare) if index in edited else words))
    for index in sorted(moved):
        sequence.insert(rng.randrange(len(sequence) + 1), (index, old[index][2]))
    inserted = round(count * 0.02)
    for _ in range(inserted):
        sequence.insert(rng.randrange(len(sequence) + 1), (None, _sentence(rng, rare)))

    new = []
    pairs: dict[str, str] = {}
    added: list[str] = []
    for position, (index, words) in enumerate(sequence):
        ident = f"n{position}" if fresh_ids else (old[index][0] if index is not None else f"new{position}")
        # Every clause renumbered: the new draft counts from 1 in roman-style "bis" numbers.
        new.append((ident, f"{position + 1}-{seed}", words))
        if index is None:
            added.append(ident)
        else:
            pairs[old[index][0]] = ident
    truth = {
        "count": count,
        "pairs": pairs,
        "edited": sorted(old[i][0] for i in edited),
        "moved": sorted(old[i][0] for i in moved),
        "removed": sorted(old[i][0] for i in removed),
        "added": added,
    }
    return old, new, truth


def clause_source(draft_id: str, clauses: list) -> str:
    lines = [f'draft {draft_id} "Benchmark draft {draft_id}" {{', "}", ""]
    for ident, number, words in clauses:
        lines += [f"clause {ident} {number} {{", "  " + " ".join(words) + ".", "}", ""]
    return "\n".join(lines)


def plain_text(clauses: list) -> str:
    return "\n\n".join(f"{number}. {' '.join(words)}." for _, number, words in clauses) + "\n"


def write_pair(count: int, folder: Path, seed: int = 1, fresh_ids: bool = True) -> dict:
    old, new, truth = generate(count, seed, fresh_ids)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.clause").write_text(clause_source("bench-old", old), encoding="utf-8")
    (folder / "new.clause").write_text(clause_source("bench-new", new), encoding="utf-8")
    (folder / "old.txt").write_text(plain_text(old), encoding="utf-8")
    (folder / "new.txt").write_text(plain_text(new), encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stable-ids", action="store_true", help="keep the ids of the old draft")
    args = parser.parse_args()
    truth = write_pair(args.count, args.folder, args.seed, not args.stable_ids)
    print(f"{args.folder}: {truth['count']} clauses, {len(truth['pairs'])} kept, {len(truth['added'])} inserted")


if __name__ == "__main__":
    main()
