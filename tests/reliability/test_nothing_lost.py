"""Nothing lost: outputs are written whole or not at all, never over an input, and
drafted text survives every output format as text (never as markup, never as a
character that breaks the file).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from clausekit.cli import main, outputs
from clausekit.cli.outputs import write_atomic
from clausekit.errors import OutputError
from clausekit.language.parser import loads
from render_clients import chromium

DRAFT = 'draft d "Nothing lost" {\n  proposer: US\n}\n\nparties {\n  US "United States"\n}\n\n'
OLD = DRAFT + "clause a 1 {\n  @US shall withdraw within 30 days.\n}\n"
NEW = DRAFT + "clause a 1 {\n  @US may withdraw within 60 days.\n}\n"
TEXT_IMPORT = "1. The parties shall meet.\n2. The parties may agree.\n"


# --- atomic writes: a failure mid-write leaves the previous file and no temporary file -------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "out.txt"
    path.write_text("the previous version\n", encoding="utf-8")
    return path


def test_a_failed_rename_keeps_the_previous_file(previous: Path, monkeypatch: pytest.MonkeyPatch):
    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", fail)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(previous, "the new version\n")
    assert previous.read_text(encoding="utf-8") == "the previous version\n"
    assert leftovers(previous.parent) == []


def test_a_failure_while_the_data_is_produced_keeps_the_previous_file(previous: Path):
    def chunks():
        yield "the new ver"
        raise RuntimeError("the renderer failed halfway")

    with pytest.raises(RuntimeError, match="halfway"):
        write_atomic(previous, chunks())
    assert previous.read_text(encoding="utf-8") == "the previous version\n"
    assert leftovers(previous.parent) == []


def test_an_interrupt_during_the_write_keeps_the_previous_file(previous: Path, monkeypatch: pytest.MonkeyPatch):
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(previous, b"the new version\n")
    assert previous.read_text(encoding="utf-8") == "the previous version\n"
    assert leftovers(previous.parent) == []


def test_a_write_through_a_symbolic_link_replaces_the_linked_file_and_keeps_the_link(previous: Path):
    link = previous.parent / "link.txt"
    link.symlink_to(previous.name)
    write_atomic(link, "the new version\n")
    assert link.is_symlink()
    assert previous.read_text(encoding="utf-8") == "the new version\n"


def test_a_write_keeps_the_mode_of_the_file_it_replaces(previous: Path):
    previous.chmod(0o640)
    write_atomic(previous, "the new version\n")
    assert previous.stat().st_mode & 0o777 == 0o640


# --- an output is never an input, whatever the path says ------------------------------------


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "old.clause").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.clause").write_text(NEW, encoding="utf-8")
    (tmp_path / "plan.txt").write_text(TEXT_IMPORT, encoding="utf-8")
    (tmp_path / "list.amend").write_text("amendment 1\n  delete point 1 #gone\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# Every command that has -o, with the input its output must not replace.
COMMANDS = {
    "check": (["check", "old.clause"], "old.clause"),
    "render": (["render", "old.clause", "-f", "markdown"], "old.clause"),
    "render-docx": (["render", "old.clause", "-f", "docx"], "old.clause"),
    "diff": (["diff", "old.clause", "new.clause"], "new.clause"),
    "diff-docx": (["diff", "old.clause", "new.clause", "-f", "docx"], "old.clause"),
    "compare": (["compare", "old.clause", "new.clause"], "new.clause"),
    "brackets": (["brackets", "old.clause"], "old.clause"),
    "mirror": (["mirror", "old.clause"], "old.clause"),
    "profile": (["profile", "old.clause::a"], "old.clause"),
    "import": (["import", "plan.txt"], "plan.txt"),
    "amend": (["amend", "old.clause", "new.clause"], "new.clause"),
    "amend-docx": (["amend", "old.clause", "new.clause", "-f", "docx"], "old.clause"),
    "apply": (["apply", "old.clause", "list.amend"], "list.amend"),
    "apply-draft": (["apply", "old.clause", "list.amend"], "old.clause"),
}


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("via", ["same path", "symbolic link", "hard link", "other spelling"])
def test_no_command_writes_its_output_over_an_input(work: Path, name: str, via: str):
    args, victim = COMMANDS[name]
    before = (work / victim).read_bytes()
    if via == "same path":
        target = victim
    elif via == "symbolic link":
        target = "link-to-input"
        os.symlink(victim, target)
    elif via == "hard link":
        target = "hard-link-to-input"
        os.link(victim, target)
    else:
        os.mkdir("sub")
        target = f"sub/../{victim}"
    result = run([*args, "-o", target])
    assert result.exit_code == 2, result.output
    assert "refusing to write the output over the input" in result.stderr
    assert "Traceback" not in result.output
    assert (work / victim).read_bytes() == before
    assert leftovers(work) == []


def test_every_command_with_an_output_option_is_covered():
    import click

    covered = {args[0] for args, _ in COMMANDS.values()}
    with_output = {
        name
        for name in main.list_commands(click.Context(main))
        if any("--output" in p.opts for p in main.get_command(click.Context(main), name).params)
    }
    assert with_output - {"library"} <= covered  # library reads no file of the user's


def test_render_refuses_to_write_over_its_reference_document(work: Path):
    reference = work / "styles.docx"
    assert run(["render", "old.clause", "-f", "docx", "-o", "styles.docx"]).exit_code == 0
    before = reference.read_bytes()
    result = run(["render", "new.clause", "--reference-doc", "styles.docx", "-o", "styles.docx"])
    assert result.exit_code == 2 and "refusing" in result.stderr
    assert reference.read_bytes() == before


def test_fmt_write_rewrites_only_the_files_that_parse_and_keeps_symbolic_links(work: Path):
    messy = OLD.replace("clause a 1 {", "   clause a 1   {")
    (work / "real.clause").write_text(messy, encoding="utf-8")
    os.symlink("real.clause", "linked.clause")
    broken = DRAFT + "clause a {\n  [never closed\n}\n"
    (work / "broken.clause").write_text(broken, encoding="utf-8")
    result = run(["fmt", "--write", "linked.clause", "broken.clause"])
    assert result.exit_code == 2  # broken.clause did not parse
    assert (work / "linked.clause").is_symlink()
    assert (work / "real.clause").read_text(encoding="utf-8") == OLD
    assert (work / "broken.clause").read_text(encoding="utf-8") == broken
    assert leftovers(work) == []


# --- DOCX: characters XML cannot hold are dropped with a warning, never a broken file -------

HOSTILE = "Te\x01xt\x0b with\x1f con\x7ftrol\ufffe ch\uffffars\ud800 and \x00NUL"


def hostile_draft():
    escaped = HOSTILE.replace("\x00", "")  # the parser keeps NUL out of drafts read from files only
    return loads(
        f'draft h "Title{escaped}" {{\n  proposer: US\n}}\n\nparties {{\n  US "United{escaped}"\n}}\n\n'
        f'clause a 1 "Clause{escaped}" {{\n  @US {escaped} [US: {escaped} | one]\n}}\n',
        filename="hostile.clause",
    )


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [archive.read(n) for n in archive.namelist() if n.endswith(".xml")]
    for part in parts:
        etree.fromstring(part)  # every part is well-formed XML
    return b"".join(parts).decode("utf-8")


@pytest.mark.parametrize("output", ["draft", "redline", "compare"])
def test_docx_drops_characters_xml_cannot_hold_and_warns(output: str):
    from clausekit.compare import compare
    from clausekit.diff import diff
    from clausekit.render import render
    from clausekit.render.compare import render_comparison
    from clausekit.render.diff import render_diff

    draft = hostile_draft()
    plain = loads(DRAFT + "clause a 1 {\n  Text.\n}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if output == "draft":
            data = render(draft, "docx")
        elif output == "redline":
            data = render_diff(diff(plain, draft), "docx")
        else:
            data = render_comparison(compare([plain, draft]), "docx")
    text = docx_text(data)  # type: ignore[arg-type]
    assert "Text" in text and "ars" in text  # the words around the dropped characters stay
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    assert any("XML" in str(w.message) or "character" in str(w.message) for w in caught), [
        str(w.message) for w in caught
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["render", "hostile.clause", "-f", "docx"],
        ["diff", "old.clause", "hostile.clause", "-f", "docx"],
        ["compare", "old.clause", "hostile.clause", "-f", "docx"],
    ],
    ids=lambda args: args[0],
)
def test_the_cli_reports_dropped_characters_in_one_line(work: Path, args: list[str]):
    (work / "hostile.clause").write_text(DRAFT + "clause a {\n  Bell\x07 here.\n}\n", encoding="utf-8")
    result = run([*args, "-o", "out.docx"])
    assert result.exit_code == 0
    # One line as clausekit says things, not Python's "file.py:200: ClauseKitWarning" and source line.
    assert result.stderr.startswith("clausekit: warning: removed ") and ".py:" not in result.stderr
    assert "U+0007" in result.stderr
    assert "\x07" not in docx_text((work / "out.docx").read_bytes())


# --- HTML: drafted text is text, in a real browser ------------------------------------------

SCRIPT = "\\<script\\>document.title='pwned'\\</script\\>"
IMAGE = "\\<img src=x onerror=\"document.title='pwned'\"\\>"
PAYLOAD = DRAFT.replace('"Nothing lost"', '"Safe title"') + (
    f'clause a 1 "{SCRIPT.replace(chr(92), "")}" {{\n'
    f"  Text {SCRIPT} and {IMAGE} and <img src=x onerror=document.title='pwned'> as a term.\n"
    f"  [US: {SCRIPT} | {IMAGE}]\n}}\n"
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from clausekit.compare import compare
    from clausekit.diff import diff
    from clausekit.render import render
    from clausekit.render.compare import render_comparison
    from clausekit.render.diff import render_diff

    hostile = loads(PAYLOAD, filename="payload.clause")
    plain = loads(DRAFT + "clause a 1 {\n  Text.\n}\n", filename="plain.clause")
    folder = tmp_path_factory.mktemp("html")
    out = {}
    from clausekit.render.diff.html import render_diff_html

    for name, html in (
        ("draft", render(hostile, "html")),
        ("diff", render_diff(diff(plain, hostile), "html")),
        ("diff-side-by-side", render_diff_html(diff(plain, hostile), "side-by-side")),
        ("compare", render_comparison(compare([plain, hostile]), "html")),
    ):
        out[name] = folder / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")  # type: ignore[arg-type]
    return out


def test_the_payload_is_in_the_draft_as_text():
    draft = loads(PAYLOAD)
    clause = draft.walk()[0]
    assert clause.title == "<script>document.title='pwned'</script>"
    assert "<script>document.title='pwned'</script>" in str(clause.paragraphs[0].spans)


@pytest.mark.clients
@pytest.mark.parametrize("name", ["draft", "diff", "diff-side-by-side", "compare"])
def test_drafted_markup_never_runs_in_a_browser(pages: dict[str, Path], name: str, tmp_path: Path):
    html = pages[name].read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    dom = chromium(["--dump-dom", pages[name].as_uri()], tmp_path / "profile").stdout
    assert dom.strip(), "chromium printed no DOM"
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title is not None and title.group(1).strip() not in ("", "pwned")
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom


@pytest.mark.clients
def test_drafted_markup_stays_text_in_markdown_read_as_github_markdown():
    from clausekit.compare import compare
    from clausekit.diff import diff
    from clausekit.render import render
    from clausekit.render.compare import render_comparison
    from clausekit.render.diff import render_diff

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (CI installs it)")
    hostile = loads(PAYLOAD)
    plain = loads(DRAFT + "clause a 1 {\n  Text.\n}\n")
    for markdown in (
        render(hostile, "markdown"),
        render_diff(diff(plain, hostile), "markdown"),
        render_comparison(compare([plain, hostile]), "markdown"),
    ):
        html = subprocess.run(
            [pandoc, "-f", "gfm", "-t", "html"], input=markdown, capture_output=True, text=True, timeout=60
        ).stdout
        assert "&lt;script&gt;document.title" in html
        assert "<script" not in html and "<img" not in html


# --- parses in threads ------------------------------------------------------------------------


def test_parses_in_threads_do_not_mix():
    # Regression: the parser's one transformer held the current file's lexer, so two threads
    # parsing at once got each other's positions and file names, silently.
    import sys
    import threading

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    texts = {
        "a.clause": DRAFT + "".join(f"clause a{i} {{\n  @US shall act {i}.\n}}\n" for i in range(300)),
        "b.clause": DRAFT + "".join(f"guarantee b{i} {{\n  guarantor: US\n  trigger: x {i}\n}}\n" for i in range(300)),
    }
    expected = {name: loads(text, filename=name) for name, text in texts.items()}
    wrong: list[str] = []

    def parse(name: str) -> None:
        for _ in range(20):
            draft = loads(texts[name], filename=name)
            files = {draft.path, *(p.location.file for c in draft.walk() for p in c.paragraphs)}
            if draft != expected[name] or files != {name}:
                wrong.append(name)

    try:
        threads = [threading.Thread(target=parse, args=(name,)) for name in texts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert wrong == []
