"""Drafted control characters never reach a terminal live, in any text format.

An ESC sequence drafted into a clause (a pasted PDF, a hostile file) must not recolour or
clear the terminal of whoever prints a rendering, a diff or a comparison. Markdown shows
such characters as the Unicode control pictures (␛); the text formats already do.
"""

from __future__ import annotations

import pytest

from conftest import run_clausekit

HOSTILE = (
    'draft d "T" {\n}\n\nclause c 1 {\n  Red \x1b\\[31mtext\x1b\\[0m, a bell \x07 and right-to-left \u202eevil.\n}\n'
)
PLAIN = 'draft d "T" {\n}\n\nclause c 1 {\n  Plain text.\n}\n'


@pytest.mark.parametrize(
    "args",
    [
        ("render", "hostile.clause", "-f", "markdown"),
        ("render", "hostile.clause", "-f", "text"),
        ("diff", "plain.clause", "hostile.clause", "-f", "markdown"),
        ("diff", "plain.clause", "hostile.clause", "--color=never"),
        ("compare", "plain.clause", "hostile.clause", "-f", "markdown"),
    ],
    ids=lambda args: "-".join(a for a in args if not a.endswith(".clause")),
)
def test_no_live_control_character_reaches_the_terminal(tmp_path, args):
    (tmp_path / "hostile.clause").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "plain.clause").write_text(PLAIN, encoding="utf-8")
    result = run_clausekit(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    assert "Red" in out and "text" in out


def test_colours_stay_and_drafted_escapes_show(tmp_path):
    (tmp_path / "hostile.clause").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "plain.clause").write_text(PLAIN, encoding="utf-8")
    result = run_clausekit("diff", "plain.clause", "hostile.clause", "--color=always", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert "\x1b[32m" in out  # the insertion is green
    assert "\u241b[31mtext" in out and "\x1b[31mtext" not in out  # the drafted ESC is shown, not obeyed
