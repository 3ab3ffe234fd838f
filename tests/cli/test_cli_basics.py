"""The command line as a user meets it: version, help, python -m, and fmt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from clausekit import __version__
from conftest import run_clausekit

DRAFT = 'draft d "T" {\n  proposer: US\n}\n\nclause c 1 {\n  Text   stays\n  as written.\n}\n'
CANONICAL = DRAFT


def test_version_and_help(tmp_path):
    result = run_clausekit("--version", cwd=tmp_path)
    assert result.returncode == 0 and __version__ in result.stdout.decode()
    result = run_clausekit("--help", cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0
    for command in ("check", "fmt", "diff", "render"):
        assert command in out


def test_console_script_is_installed(tmp_path):
    script = os.path.join(os.path.dirname(sys.executable), "clausekit")
    if not os.path.exists(script):
        pytest.skip("the clausekit console script is not installed next to this Python")
    result = subprocess.run([script, "--version"], capture_output=True, cwd=tmp_path)
    assert result.returncode == 0 and __version__ in result.stdout.decode()


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom clausekit.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "heavy = [m for m in ('lark', 'docx', 'jinja2', 'lxml') if m in sys.modules]\nprint(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_unknown_command_and_bad_option_exit_2(tmp_path):
    assert run_clausekit("frobnicate", cwd=tmp_path).returncode == 2
    assert run_clausekit("fmt", "--no-such-option", "x.clause", cwd=tmp_path).returncode == 2


def test_fmt_prints_canonical_form(tmp_path):
    messy = 'draft d "T" {\r\n      proposer: US\r\n}\r\nclause c 1 {\r\nText   stays\r\n    as written.\r\n   }\r\n'
    (tmp_path / "a.clause").write_bytes(b"\xef\xbb\xbf" + messy.encode())
    result = run_clausekit("fmt", "a.clause", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode() == CANONICAL


def test_fmt_check_and_write(tmp_path):
    (tmp_path / "good.clause").write_text(CANONICAL)
    (tmp_path / "messy.clause").write_text(CANONICAL.replace("  proposer", "proposer"))
    assert run_clausekit("fmt", "--check", "good.clause", cwd=tmp_path).returncode == 0
    result = run_clausekit("fmt", "--check", "good.clause", "messy.clause", cwd=tmp_path)
    assert result.returncode == 1
    assert "messy.clause: not in canonical form" in result.stderr.decode()
    result = run_clausekit("fmt", "--write", "messy.clause", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "messy.clause").read_text() == CANONICAL
    assert run_clausekit("fmt", "--check", "messy.clause", cwd=tmp_path).returncode == 0


def test_fmt_write_leaves_unparsable_files_alone(tmp_path):
    broken = 'draft d "T" {\n  proposer: US\n}\n\nclause c 1 {\n  [open bracket\n}\n'
    (tmp_path / "broken.clause").write_text(broken)
    (tmp_path / "messy.clause").write_text(CANONICAL.replace("  proposer", "proposer"))
    result = run_clausekit("fmt", "--write", "broken.clause", "messy.clause", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("broken.clause:6:3: this '[' is never closed")
    assert (tmp_path / "broken.clause").read_text() == broken
    assert (tmp_path / "messy.clause").read_text() == CANONICAL
    # No temporary files are left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.clause", "messy.clause"]


def test_fmt_reads_stdin_and_misuse(tmp_path):
    result = run_clausekit("fmt", "-", cwd=tmp_path, input=CANONICAL)
    assert result.returncode == 0 and result.stdout.decode() == CANONICAL
    assert run_clausekit("fmt", "--write", "--check", "x.clause", cwd=tmp_path).returncode == 2
    assert run_clausekit("fmt", "--write", "-", cwd=tmp_path, input=CANONICAL).returncode == 2
    missing = run_clausekit("fmt", "missing.clause", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.decode().strip() == "missing.clause: no such file"


# --- every command chooses its format one way: -f, else the -o suffix, else its default --------


@pytest.mark.parametrize(
    ("args", "name", "starts"),
    [
        (["diff", "OLD", "NEW"], "report.html", b"<!DOCTYPE html>"),
        (["diff", "OLD", "NEW"], "report.json", b"{"),
        (["diff", "OLD", "NEW"], "report.md", b"### clausekit diff"),
        (["compare", "OLD", "NEW"], "matrix.html", b"<!DOCTYPE html>"),
        (["render", "OLD"], "draft.txt", b"T\n"),
        (["check", "OLD"], "findings.json", b"{"),
        (["diff", "OLD", "NEW", "-f", "text"], "report.html", b"clausekit diff"),
    ],
    ids=["diff-html", "diff-json", "diff-md", "compare-html", "render-txt", "check-json", "explicit-wins"],
)
def test_the_output_suffix_chooses_the_format(tmp_path, args, name, starts):
    (tmp_path / "old.clause").write_text(DRAFT)
    (tmp_path / "new.clause").write_text(DRAFT.replace("stays", "goes"))
    argv = [{"OLD": "old.clause", "NEW": "new.clause"}.get(a, a) for a in args]
    result = run_clausekit(*argv, "-o", name, cwd=tmp_path)
    # (check exits 1: the draft names a party it does not declare)
    assert result.returncode == (1 if args[0] == "check" else 0), result.stderr.decode()
    assert (tmp_path / name).read_bytes().lstrip().startswith(starts)


def test_an_unknown_format_is_refused_with_the_known_ones(tmp_path):
    (tmp_path / "d.clause").write_text(DRAFT)
    result = run_clausekit("render", "d.clause", "-f", "pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "'pdf' is not one of" in result.stderr.decode() and "markdown" in result.stderr.decode()
