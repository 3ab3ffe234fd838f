"""Word output speed: a draft and a redline of 5,000 clauses.

    python benchmarks/bench_docx.py [N]

Times (median of three runs) ``render(draft, "docx")``, which builds paragraphs through
python-docx's oxml layer, against a peer in the same run: the same paragraphs written
with python-docx's high-level ``add_paragraph``/``add_run`` API. Then the redline of two
N-clause drafts (``render_redline_docx``; the diff itself is timed separately). Targets:
DOCX of 5,000 clauses <= 2 s, redline of a 5,000-clause pair <= 3 s.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docx
from gen_draft import generate

from clausekit.diff import diff
from clausekit.language.parser import loads
from clausekit.model import Draft
from clausekit.render import render
from clausekit.render.diff.paragraphs import BODY, HEADING, NESTED, TITLE, rendered
from clausekit.render.diff.redline import render_redline_docx

STYLE_NAMES = {TITLE: "Title", BODY: "Body Text", NESTED: "List Paragraph"}


def median_time(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def high_level_docx(draft: Draft) -> bytes:
    """The peer: the same paragraphs through python-docx's public API."""
    document = docx.Document()
    for blocks in rendered(draft).blocks:
        for block in blocks:
            style = f"Heading {block.level}" if block.role == HEADING else STYLE_NAMES[block.role]
            paragraph = document.add_paragraph(style=style)
            paragraph.add_run(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def counterpart(text: str, draft: Draft) -> Draft:
    """A rival draft: a modal verb changed in about one clause in six, a quantity in every
    bracket, one article dropped and two swapped (moves)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if index % 6 == 0:
            lines[index] = re.sub(r"\bshall\b", "may", line)
    changed = loads("\n".join(lines).replace("600,000", "700,000"), filename="rival.clause")
    body = list(changed.body)
    articles = [i for i, item in enumerate(body) if getattr(item, "kind", None) == "article"]
    if len(articles) > 8:
        a, b = articles[5], articles[6]
        body[a], body[b] = body[b], body[a]
        del body[articles[3]]
    return replace(changed, title=draft.title + " (rival)", proposer="E3", date="2025-11-23", body=tuple(body))


def main(count: int) -> None:
    text = generate(count)
    draft = loads(text, filename="bench.clause")
    clauses = len(draft.walk())
    ours = median_time(lambda: render(draft, "docx"))
    peer = median_time(lambda: high_level_docx(draft))
    print(f"draft: {clauses} provisions")
    print(f"  render(draft, 'docx')             {ours:6.2f} s   (target <= 2 s)")
    print(f"  peer: add_paragraph/add_run       {peer:6.2f} s   ({peer / ours:.1f}x slower)")

    rival = counterpart(text, draft)
    started = time.perf_counter()
    result = diff(draft, rival)
    diff_seconds = time.perf_counter() - started
    counts = {k: v for k, v in result.counts().items() if v}
    red = median_time(lambda: render_redline_docx(result))
    size = len(render_redline_docx(result))
    print(f"redline: {counts}")
    print(f"  diff(old, new)                    {diff_seconds:6.2f} s   (the diff's own cost, for reference)")
    print(f"  render_redline_docx(diff)         {red:6.2f} s   (target <= 3 s), {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
