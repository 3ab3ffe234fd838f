"""HTML drafts as a reader sees them: headless Chromium reads the page (two runs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausekit.language.parser import load
from clausekit.render import render
from render_clients import GOLDEN, chromium

SMALL = GOLDEN / "small.clause"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "small.html"
    path.write_text(render(load(SMALL), "html"), encoding="utf-8")
    return path


@pytest.mark.clients
def test_drafted_script_is_text_and_never_runs(page: Path, tmp_path: Path) -> None:
    result = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile")
    dom = result.stdout
    assert "<title>Framework for a *small* settlement</title>" in dom, result.stderr[-2000:]
    assert "pwned" not in re.sub(r"&lt;script&gt;document\.title='pwned'&lt;/script&gt;", "", dom)
    assert "Text such as &lt;script&gt;document.title='pwned'&lt;/script&gt; &amp; 1 &lt; 2 is printed" in dom


@pytest.mark.clients
def test_page_is_self_contained_and_renders(page: Path, tmp_path: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["'](?!#)""", html), "the page must fetch nothing"
    shot = tmp_path / "shot.png"
    chromium(["--screenshot=" + str(shot), "--window-size=1000,1400", page.as_uri()], tmp_path / "profile")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
