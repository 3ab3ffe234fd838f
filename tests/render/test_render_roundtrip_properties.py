"""Round trips through a real client, on generated pairs of drafts: pandoc reads a Word
redline with every change accepted as the new draft, and with every change rejected as
the old one.

The other round-trip properties live beside the code they test:
``parse(fmt(x)) == parse(x)`` and idempotence in test_format_properties.py, ``diff(a, a)``
empty and the symmetric diff in test_diff_properties.py, and the redline read straight from
the OOXML (no client) in test_render_redline.py.

pandoc starts in ~0.3 s, so the pairs are read in one batch: one pandoc process runs a Lua
filter (tests/fixtures/pandoc_redlines.lua) that reads every Word file both ways.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import related, small_drafts

from clausekit.diff import diff
from clausekit.language.format import format_draft
from clausekit.model import Draft
from clausekit.render import render
from clausekit.render.diff.redline import render_redline_docx
from conftest import FIXTURES
from render_clients import normalise

LUA = FIXTURES / "pandoc_redlines.lua"
PAIRS = 60  # at least 50 distinct generated pairs in every run


def pandoc_both_ways(paths: list[Path], folder: Path) -> dict[tuple[str, str], str]:
    """{(path, "accept-changes" | "reject-changes"): plain text} for every Word file."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (CI installs it)")
    listing = folder / "redlines.txt"
    listing.write_text("\n".join(str(p) for p in paths) + "\n", encoding="utf-8")
    result = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "plain", "--lua-filter", str(LUA)],
        input="",
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "CLAUSEKIT_DOCX_LIST": str(listing)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out: dict[tuple[str, str], str] = {}
    for chunk in result.stdout.split("\n@@@@ ")[1:]:
        head, _, body = chunk.partition("\n")
        path, mode = head.rsplit(" ", 1)
        out[(path, mode)] = body
    return out


pairs = st.one_of(
    # Three pairs in four are related (the same provisions, some dropped, moved or reworded);
    # one in four are two unrelated drafts.
    st.tuples(small_drafts, st.integers(0, 2**32)).map(lambda args: (args[0], related(*args))),
    st.tuples(small_drafts, st.integers(0, 2**32)).map(lambda args: (args[0], related(*args))),
    st.tuples(small_drafts, st.integers(0, 2**32)).map(lambda args: (args[0], related(*args))),
    st.tuples(small_drafts, small_drafts),
)


@pytest.mark.clients
def test_pandoc_accept_all_gives_the_new_draft_and_reject_all_the_old(tmp_path: Path):
    # hypothesis generates the pairs; pandoc reads them all at once afterwards, so a failure
    # names the pair (both drafts in the message) instead of being shrunk.
    generated: list[tuple[Draft, Draft]] = []

    @settings(max_examples=PAIRS, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(pairs)
    def collect(pair: tuple[Draft, Draft]) -> None:
        generated.append(pair)

    collect()
    assert len(generated) >= 50
    paths = []
    for index, (old, new) in enumerate(generated):
        path = tmp_path / f"pair-{index}.docx"
        path.write_bytes(render_redline_docx(diff(old, new)))
        paths.append(path)
    read = pandoc_both_ways(paths, tmp_path)
    for path, (old, new) in zip(paths, generated, strict=True):
        why = f"{path.name}\n--- old\n{format_draft(old)}\n--- new\n{format_draft(new)}"
        assert normalise(read[(str(path), "accept-changes")]) == expected(new), why
        assert normalise(read[(str(path), "reject-changes")]) == expected(old), why


def expected(draft: Draft) -> str:
    return normalise(render(draft, "text"))  # type: ignore[arg-type]
