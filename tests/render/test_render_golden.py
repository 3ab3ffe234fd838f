"""Golden renderings of a small draft: the files under tests/fixtures/golden/render/ are what a
reader gets, kept next to the draft they come from so a person can review them.

Regenerate after an intended change: CLAUSEKIT_REGENERATE=1 python -m pytest tests/render/test_render_golden.py
"""

from __future__ import annotations

import subprocess

import pytest

from clausekit.language.parser import load, loads
from clausekit.render import render
from render_clients import GOLDEN, REGENERATE

SMALL = GOLDEN / "small.clause"


@pytest.mark.parametrize(
    ("fmt", "golden", "accept"),
    [
        ("markdown", "small.md", None),
        ("html", "small.html", None),
        ("text", "small.txt", None),
        ("text", "small.accept-E3.txt", "E3"),
    ],
)
def test_rendering_matches_golden_file(fmt: str, golden: str, accept: str | None) -> None:
    rendered = render(load(SMALL), fmt, accept=accept)
    path = GOLDEN / golden
    if REGENERATE:
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"{golden} differs: regenerate if intended"


PROVENANCE = GOLDEN / "provenance.clause"
PROVENANCE_NEW = GOLDEN / "provenance-new.clause"


@pytest.mark.parametrize("golden", ["provenance.txt", "provenance.md", "provenance-diff.txt", "provenance-diff.md"])
def test_provenance_marks_match_golden_files(golden: str) -> None:
    """A paragraph's own exactness (``unverified``) and a provision's (``translated``) in the title
    block, the notice, under the paragraph, and in the diff of two versions (issue 14)."""
    from clausekit.diff import diff
    from clausekit.render.diff import render_diff

    fmt = "markdown" if golden.endswith(".md") else "text"
    if "diff" in golden:  # read under their own names: the golden file must not hold this checkout's path
        old, new = (loads(path.read_text(encoding="utf-8"), path.name) for path in (PROVENANCE, PROVENANCE_NEW))
        rendered = render_diff(diff(old, new), fmt)
    else:
        rendered = render(load(PROVENANCE), fmt)
    path = GOLDEN / golden
    if REGENERATE:
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8"), f"{golden} differs: regenerate if intended"
    assert "unverified" in rendered.casefold() and "translat" in rendered.casefold()


@pytest.mark.clients
def test_markdown_reads_as_the_text_rendering_in_pandoc(tmp_path) -> None:
    """Every drafted character survives Markdown: no word turns into markup or vanishes."""
    from render_clients import need, normalise

    source = tmp_path / "small.md"
    source.write_text(render(load(SMALL), "markdown"), encoding="utf-8")
    result = subprocess.run(
        [need("pandoc"), "-f", "commonmark", "-t", "plain", "--wrap=none", str(source)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert normalise(result.stdout) == normalise(render(load(SMALL), "text"))
