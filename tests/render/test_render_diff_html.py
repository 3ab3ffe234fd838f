"""The HTML diff: summary with linked findings, redlines inline or side by side,
unchanged clauses folded, drafted text escaped (checked in headless Chromium)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from clausekit.diff import diff
from clausekit.errors import UsageError
from clausekit.language.parser import load
from clausekit.render.diff.html import render_diff_html
from render_clients import GOLDEN, chromium

OLD, NEW = GOLDEN / "pair-old.clause", GOLDEN / "pair-new.clause"


@pytest.fixture(scope="module")
def pair_diff():
    return diff(load(OLD), load(NEW))


def test_summary_counts_and_every_finding_links_to_its_clause(pair_diff) -> None:
    page = render_diff_html(pair_diff)
    assert "<th>moved</th>" in page and "<th>added</th>" in page and "<th>removed</th>" in page
    links = re.findall(r'<li><a href="#([^"]+)">', page)
    assert {"c-one", "c-two", "c-three", "c-five", "c-fresh"} <= set(links)
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert set(links) <= ids


def test_inline_layout_shows_word_changes_and_whole_paragraphs(pair_diff) -> None:
    page = render_diff_html(pair_diff)
    assert "capped at <del>600,000</del><ins>800,000 in peacetime</ins>." in page
    assert '<p class="para inserted role-body"><ins>A second paragraph is added.</ins></p>' in page
    assert '<p class="para deleted role-body"><del>3. There will be the expectation' in page
    # an unchanged clause is folded away, its anchor still there
    assert re.search(r'<details class="unchanged">\s*<summary>1 unchanged clause: Clause 4</summary>', page)


def test_side_by_side_layout_puts_old_and_new_in_columns(pair_diff) -> None:
    page = render_diff_html(pair_diff, layout="side-by-side")
    row = (
        '<tr class="changed"><td class="old role-body"><del>2</del>. The size of the armed forces of Ukraine will be'
        " capped at <del>600,000</del>.</td>"
        '<td class="new role-body"><ins>3</ins>. The size of the armed forces of Ukraine will be'
        " capped at <ins>800,000 in peacetime</ins>.</td></tr>"
    )
    assert row in page
    assert '<tr class="inserted"><td class="old role-body"></td><td class="new role-body"><ins>A second' in page
    with pytest.raises(UsageError, match="unknown layout"):
        render_diff_html(pair_diff, layout="sideways")


@pytest.mark.clients
def test_drafted_script_is_text_and_never_runs(pair_diff, tmp_path: Path) -> None:
    page = tmp_path / "diff.html"
    page.write_text(render_diff_html(pair_diff), encoding="utf-8")
    dom = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None and html.unescape(title.group(1)).startswith("Changes: US: Peace plan → E3:")
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt; is text, not a script." in dom
    assert "<script" not in dom
