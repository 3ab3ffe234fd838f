"""Generate a large, realistic draft in the clause language (for benchmarks).

    python benchmarks/gen_draft.py 5000 > /tmp/big.clause

N clauses of 40-80 words in articles of ten, with party references, defined-term
uses, cross-references, a bracket now and then, and a guarantee every 50 clauses.
Deterministic for a given N and seed.
"""

from __future__ import annotations

import random
import sys

WORDS = [
    "the",
    "parties",
    "shall",
    "will",
    "may",
    "agree",
    "to",
    "ensure",
    "that",
    "any",
    "armed",
    "attack",
    "against",
    "territory",
    "security",
    "guarantee",
    "forces",
    "personnel",
    "sanctions",
    "measures",
    "consultations",
    "response",
    "within",
    "days",
    "years",
    "peacetime",
    "permanently",
    "in",
    "accordance",
    "with",
    "constitutional",
    "processes",
    "necessary",
    "including",
    "use",
    "of",
    "force",
    "restore",
    "maintain",
    "peace",
    "international",
    "committee",
    "implementation",
    "monitoring",
    "ceasefire",
    "line",
    "contact",
    "withdrawal",
    "zone",
    "recognition",
    "reconstruction",
    "fund",
    "assets",
    "investment",
    "elections",
    "amnesty",
    "humanitarian",
    "prisoners",
    "exchange",
]


def sentence(rng: random.Random, words: int) -> str:
    out = [rng.choice(WORDS) for _ in range(words)]
    out[0] = out[0].capitalize()
    if rng.random() < 0.3:
        out.insert(rng.randrange(len(out)), f"{rng.randint(1, 900)},{rng.randint(100, 999)}")
    return " ".join(out) + "."


def clause_text(rng: random.Random, index: int, total: int) -> str:
    words = rng.randint(40, 80)
    text = sentence(rng, words - 6)
    extras = ["@UA", "@RU", "<Security Guarantee>", f"#c{rng.randrange(total)}"]
    text += " " + " ".join(rng.sample(extras, 2)) + " apply."
    if index % 20 == 7:
        text += " Forces capped at [US: 600,000 | E3: 800,000 in peacetime]."
    return text


def generate(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines = [
        'draft bench "Benchmark draft" {',
        "  proposer: US",
        "  date: 2025-11-20",
        "  status: draft",
        "  exactness: verbatim",
        "}",
        "",
        "parties {",
        '  US "the United States of America"',
        '  UA "Ukraine"',
        '  RU "the Russian Federation"',
        '  E3 "the United Kingdom, France and Germany"  members UK, FR, DE',
        '  UK "the United Kingdom"',
        '  FR "France"',
        '  DE "Germany"',
        "}",
        "",
        'term "Security Guarantee" {',
        "  the commitment set out in #c0.",
        "}",
    ]
    for index in range(count):
        if index % 10 == 0:
            if index:
                lines.append("}")
            lines += ["", f'article a{index // 10} {index // 10 + 1} "Article {index // 10 + 1}" {{']
        else:
            lines.append("")
        if index % 50 == 0:
            lines += [
                f"  guarantee c{index} {index % 10 + 1} {{",
                "    guarantor: US, E3",
                "    beneficiary: UA",
                "    trigger: a significant, deliberate and sustained armed attack",
                "    duration: 10 years",
                "  }",
            ]
            continue
        lines.append(f"  clause c{index} {index % 10 + 1} {{")
        lines.append("    " + clause_text(rng, index, count))
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
