"""Golden syntax errors: each file in tests/fixtures/bad/ with its expected message.

A drafter sees ``file:line:col: message`` (what was expected, in words), then the
line and a caret. The expected output sits next to each input in ``NAME.expected``
so that a reviewer reads both side by side.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.errors import ClauseSyntaxError
from clausekit.language.parser import loads
from conftest import FIXTURES, REGENERATE, run_clausekit

BAD = FIXTURES / "bad"
CASES = sorted(p for p in BAD.glob("*.clause") if p.with_suffix(".expected").exists() or REGENERATE)


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_message(path: Path):
    text = path.read_bytes().decode("utf-8")
    with pytest.raises(ClauseSyntaxError) as caught:
        loads(text, filename=path.name)
    rendered = caught.value.render() + "\n"
    expected_file = path.with_suffix(".expected")
    if REGENERATE:
        expected_file.write_text(rendered, encoding="utf-8")
    assert rendered == expected_file.read_text(encoding="utf-8")
    first = rendered.splitlines()[0]
    assert first.startswith(f"{path.name}:{caught.value.line}:{caught.value.column}: ")
    # Drafters never see Lark's terminal names.
    assert "_OPEN" not in rendered and "PARAGRAPH" not in rendered and "Token(" not in rendered


@pytest.mark.parametrize("path", CASES[:3], ids=lambda p: p.stem)
def test_cli_reports_error_and_exits_2(path: Path):
    result = run_clausekit("fmt", path.name, cwd=BAD)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr == path.with_suffix(".expected").read_text(encoding="utf-8")
    assert "Traceback" not in stderr
    assert result.stdout == b""
