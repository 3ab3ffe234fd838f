"""Outputs onto special files, templates as inputs, signals mid-write, and ``fmt --write``
over files that are read-only or change while they are formatted (issue 16)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausekit.cli import fmt, main, outputs
from clausekit.cli.outputs import is_special_file, write_atomic
from conftest import ROOT

DRAFT = 'draft d "Special files" {\n  proposer: US\n}\n\nparties {\n  US "United States"\n}\n\n'
SOURCE = DRAFT + "clause a 1 {\n  @US shall withdraw within 30 days.\n}\n"
UNFORMATTED = SOURCE.replace("  @US shall", "      @US shall")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def clausekit(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "clausekit", *args], cwd=cwd, env=env, capture_output=True, **kwargs)


# --- special files -----------------------------------------------------------------------------


def test_a_fifo_is_written_directly_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and leftovers(tmp_path) == []
    (tmp_path / "d.clause").write_text(SOURCE, encoding="utf-8")
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run(["render", str(tmp_path / "d.clause"), "-f", "text", "-o", str(fifo)]).exit_code == 0
    reader.join(10)
    assert b"withdraw within 30 days" in received[1] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_device_is_never_renamed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_special_file("/dev/null") and not is_special_file(__file__) and not is_special_file("/no/such")

    def no_rename(*args: object) -> None:  # a regression must fail here, not replace /dev/null
        raise AssertionError(f"renamed over a device: {args}")

    monkeypatch.setattr(os, "replace", no_rename)
    write_atomic("/dev/null", "discarded\n")
    write_atomic("/dev/null", b"discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_into_a_pipe_works(tmp_path: Path) -> None:
    (tmp_path / "d.clause").write_text(SOURCE, encoding="utf-8")
    done = clausekit("render", "d.clause", "-f", "text", "-o", "/dev/stdout", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"withdraw within 30 days" in done.stdout and leftovers(tmp_path) == []


# --- templates are inputs -----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["render", "compare"])
def test_an_output_never_replaces_a_template(tmp_path: Path, command: str) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (tmp_path / "d.clause").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "e.clause").write_text(SOURCE.replace("30 days", "60 days"), encoding="utf-8")
    name = "draft.md.j2" if command == "render" else "compare.md.j2"
    template = templates / name
    template.write_text("{# the user's own template #}\n", encoding="utf-8")
    drafts = ["d.clause"] if command == "render" else ["d.clause", "e.clause"]
    args = [command, *(str(tmp_path / d) for d in drafts), "--templates", str(templates), "-o", str(template)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "refusing to write the output over the input" in result.output
    assert template.read_text(encoding="utf-8") == "{# the user's own template #}\n"


# --- signals ------------------------------------------------------------------------------------

INTERRUPTED = """
import os, signal, sys
from clausekit.cli.outputs import write_atomic

def chunks():
    yield "first half\\n"
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    yield "second half\\n"

write_atomic(sys.argv[1], chunks())
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", -signal.SIGTERM), ("SIGINT", -signal.SIGINT)])
def test_a_signal_mid_write_leaves_the_previous_file_and_no_temporary_file(tmp_path: Path, name: str, code: int):
    target = tmp_path / "out.txt"
    target.write_text("previous\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED, str(target), name],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == code, done.stderr
    assert target.read_text(encoding="utf-8") == "previous\n" and leftovers(tmp_path) == []


def test_an_interrupt_right_after_the_temporary_file_is_made_removes_it(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("previous\n", encoding="utf-8")
    made = tempfile.mkstemp

    def make_then_interrupt(*args, **kwargs):
        result = made(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # the wrong moment: the file exists, its name not yet kept
        return result

    monkeypatch.setattr(outputs.tempfile, "mkstemp", make_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "previous\n" and leftovers(tmp_path) == []


# --- fmt --write ----------------------------------------------------------------------------------


def test_fmt_write_refuses_a_read_only_file_unless_forced(tmp_path: Path) -> None:
    draft = tmp_path / "d.clause"
    other = tmp_path / "other.clause"
    draft.write_text(UNFORMATTED, encoding="utf-8")
    other.write_text(UNFORMATTED, encoding="utf-8")
    draft.chmod(0o444)
    result = CliRunner().invoke(main, ["fmt", "--write", str(draft), str(other)])
    assert result.exit_code == 2 and f"{draft}: is read-only; not rewritten (--force rewrites it)" in result.output
    assert draft.read_text(encoding="utf-8") == UNFORMATTED
    assert other.read_text(encoding="utf-8") == SOURCE  # the other files are still formatted
    forced = CliRunner().invoke(main, ["fmt", "--write", "--force", str(draft)])
    assert forced.exit_code == 0 and draft.read_text(encoding="utf-8") == SOURCE
    assert stat.S_IMODE(draft.stat().st_mode) == 0o444  # still read-only
    assert CliRunner().invoke(main, ["fmt", "--force", str(draft)]).exit_code == 2  # --force goes with --write


def test_fmt_write_keeps_an_edit_saved_while_it_formats(tmp_path: Path, monkeypatch) -> None:
    draft = tmp_path / "d.clause"
    draft.write_text(UNFORMATTED, encoding="utf-8")
    edited = UNFORMATTED.replace("30 days", "45 days")
    formatted = fmt.checked_format

    def format_while_someone_saves(*args, **kwargs):
        text = formatted(*args, **kwargs)
        draft.write_text(edited, encoding="utf-8")  # the drafter saves in the editor meanwhile
        return text

    monkeypatch.setattr(fmt, "checked_format", format_while_someone_saves)
    result = CliRunner().invoke(main, ["fmt", "--write", str(draft)])
    assert result.exit_code == 2 and "changed while it was being formatted; left as it is" in result.output
    assert draft.read_text(encoding="utf-8") == edited and leftovers(tmp_path) == []


def test_the_cli_dies_of_sigterm_cleanly_mid_write(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, signal, sys
        from clausekit.cli import main, outputs
        real = outputs._chunks
        def chunks(data):
            for chunk in real(data):
                yield chunk
                os.kill(os.getpid(), signal.SIGTERM)
        outputs._chunks = chunks
        main(["render", "d.clause", "-f", "markdown", "-o", "out.md"])
        """
    )
    (tmp_path / "d.clause").write_text(SOURCE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == -signal.SIGTERM and not (tmp_path / "out.md").exists() and leftovers(tmp_path) == []


def test_a_page_notice_quoting_control_characters_is_written():
    """Found by the fuzz run: the Word page notice names the provisions that are not verbatim, and
    a control character in a number (which XML cannot hold) raised ValueError from lxml."""
    from clausekit.language.parser import loads
    from clausekit.render import render

    draft = loads('draft d "D" {\n}\n\nclause c 1\x01 {\n  exactness: paraphrase\n\n  Text.\n}\n')
    assert render(draft, "docx")[:2] == b"PK"
