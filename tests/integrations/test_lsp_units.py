"""The language server's parts without a client: positions in code units, the outline read
from source, the block-by-block re-read (equal to a whole parse), and the command itself."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
from dataclasses import fields, is_dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("lsprotocol")

from clausekit.integrations.lsp.document import analyse
from clausekit.integrations.lsp.incremental import reread
from clausekit.integrations.lsp.outline import outline
from clausekit.integrations.lsp.positions import UTF8, UTF16, UTF32, Lines, Point
from clausekit.language.parser import loads
from clausekit.lint import check_draft
from clausekit.model import Location
from conftest import DRAFTS, run_clausekit


@pytest.mark.parametrize(("encoding", "column"), [(UTF16, 9), (UTF8, 18), (UTF32, 8)])
def test_a_column_counts_the_code_units_of_its_encoding(encoding: str, column: int):
    # 'Україна' is 7 letters (14 UTF-8 bytes), '𐌰' one code point, two UTF-16 units, four UTF-8 bytes.
    lines = Lines("Україна𐌰@UA\n", encoding)
    assert lines.point(1, 8) == Point(0, column)
    assert lines.index(Point(0, column)) == (1, 8)


def test_bom_and_crlf_keep_clausekits_positions():
    lines = Lines("\ufeffdraft x {\r\n}\r\n", UTF16)
    assert lines.line(1) == "draft x {" and lines.line(2) == "}"
    assert lines.location_point(1, 1) == Point(0, 1)  # after the byte order mark the editor still shows
    assert lines.index(Point(0, 1)) == (1, 0)


def test_outline_reads_names_while_the_draft_does_not_parse():
    text = 'draft d "D" {\n}\nparties {\n  US "U"\n}\nclause one 1 {\n  @US and #one and <T\n'
    shape = outline(text)
    assert shape.definitions("party").keys() == {"US"} and shape.definitions("clause").keys() == {"one"}
    assert [(o.kind, o.name) for o in shape.occurrences if o.line == 7] == [("party", "US"), ("clause", "one")]
    assert shape.blocks[-1].end_line == 8  # never closed: runs to the end


def test_an_escaped_sigil_and_a_code_in_a_name_are_not_names():
    text = 'draft d "D" {\n}\nparties {\n  EU "the EU of US"  members FR\n  FR "France"\n}\nclause c {\n  \\@US\n}\n'
    parties = [(o.name, o.line, o.definition) for o in outline(text).occurrences if o.kind == "party"]
    assert parties == [("EU", 4, True), ("FR", 4, False), ("FR", 5, True)]


def _locations(node: object) -> list[tuple[int, int]]:
    """Every location in a model, in order (the model's equality leaves them out)."""
    if isinstance(node, Location):
        return [(node.line, node.column)]
    if isinstance(node, tuple):
        return [where for item in node for where in _locations(item)]
    if is_dataclass(node) and not isinstance(node, type):
        return [where for f in fields(node) for where in _locations(getattr(node, f.name))]
    return []


SHIPPED = sorted(DRAFTS.glob("*.clause"))
EDIT_CHARACTERS = st.sampled_from(
    [*"aZ 9@#<>[]|:\\{}\"'Юї-.,", "US", "@UA", "[US: a | UA: b]", "<Term>", "\n", "\n\n  more words", "\n}\n"]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.integers(0, len(SHIPPED) - 1),
    where=st.floats(0, 1),
    at=st.floats(0, 1),
    cut=st.integers(0, 3),
    inserted=EDIT_CHARACTERS,
)
def test_rereading_one_block_gives_what_a_whole_parse_gives(which, where, at, cut, inserted):
    path = SHIPPED[which]
    text = path.read_text(encoding="utf-8")
    before = analyse(str(path), text)
    lines = before.lines.lines
    row = int(where * (len(lines) - 1))
    column = int(at * len(lines[row]))
    edited = [*lines[:row], *(lines[row][:column] + inserted + lines[row][column + cut :]).split("\n")]
    edited += lines[row + 1 :]
    if cut == 3 and row + 1 < len(lines):  # also a line removed
        del edited[row + inserted.count("\n") + 1]
    new_text = "\n".join(edited)
    quick = reread(before.draft, before.outline, lines, edited, str(path))
    if quick is None:
        return
    whole = loads(new_text, filename=str(path))  # a re-read draft is one the whole text parses to
    assert quick[0] == whole and _locations(quick[0]) == _locations(whole)
    assert check_draft(quick[0]) == check_draft(whole)
    assert quick[1] == outline(new_text)


def test_analyse_rereads_a_block_and_keeps_findings_when_the_text_stops_parsing():
    text = (DRAFTS / "e3-counterproposal.clause").read_text(encoding="utf-8")
    first = analyse("e3.clause", text)
    edited = text.replace("@UA's sovereignty to be reconfirmed.", "@UAX's sovereignty to be reconfirmed.")
    second = analyse("e3.clause", edited, previous=first)
    assert [k.finding.code for k in second.findings if k.finding.code == "unknown-party"] == ["unknown-party"]
    # Broken elsewhere (an opener with two braces): the finding's line reads as it did, and it stays.
    two_braces = edited.replace("clause non-aggression 2 {", "clause non-aggression 2 {{")
    elsewhere = analyse("e3.clause", two_braces, previous=second)
    assert elsewhere.error is not None and elsewhere.draft is second.draft
    assert [k.finding.code for k in elsewhere.findings if k.finding.code == "unknown-party"] == ["unknown-party"]
    # Broken on the finding's own line (a bracket never closed): that finding goes.
    own = analyse("e3.clause", edited.replace("@UAX's sovereignty", "[@UAX's sovereignty"), previous=second)
    assert own.error is not None
    assert [k.finding.code for k in own.findings if k.finding.code == "unknown-party"] == []
    assert {k.finding.code for k in own.findings} <= {k.finding.code for k in second.findings}


def test_without_the_extra_the_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; from clausekit.cli import main; main(['lsp'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "clausekit lsp needs the 'lsp' extra (pygls 2), which is not installed: pip install 'clausekit[lsp]'"
    )


def test_help_does_not_import_the_server():
    code = "import sys; from clausekit.cli import main\ntry:\n main(['--help'])\nexcept SystemExit: pass\n"
    code += "assert 'pygls' not in sys.modules and 'lsprotocol' not in sys.modules, 'imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_stdio_and_tcp_together_are_refused():
    result = run_clausekit("lsp", "--stdio", "--tcp", "2087")
    assert result.returncode == 2 and b"--stdio and --tcp exclude each other" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.clients
def test_tcp_answers_initialize():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "clausekit", "lsp", "--tcp", str(port)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        with connection:
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
            connection.sendall(f"Content-Length: {len(body)}\r\n\r\n{body}".encode())
            received = b""
            while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < int(
                received.split(b"Content-Length: ")[1].split(b"\r\n")[0]
            ):
                received += connection.recv(65536)
        answer = json.loads(received.split(b"\r\n\r\n", 1)[1])
        capabilities = answer["result"]["capabilities"]
        assert capabilities["positionEncoding"] == "utf-16"
        for provider in ("hoverProvider", "definitionProvider", "referencesProvider", "renameProvider"):
            assert capabilities[provider], provider
        assert "@" in capabilities["completionProvider"]["triggerCharacters"]
        assert answer["result"]["serverInfo"]["name"] == "clausekit"
    finally:
        server.kill()
        server.wait()


LINE_PIECES = st.sampled_from(
    [
        'draft d "D" {',
        "parties {",
        '  US "U"  members UA, ZZ',
        '  UA "Україна"',
        "}",
        "article a 1 {",
        "clause c {",
        'term "T" {',
        "guarantee g {",
        "  guarantor: US, ",
        "  mirrors: north-atlantic-treaty-1949::art-5, x::",
        "  exactness: ",
        "  @US [UA: a | US: b] #c <T> \\[ 𐌰 Россия",
        "  [US: open",
        "  <never closed",
        "// comment",
        "",
        "\ufeff",
        "\r",
    ]
)


@settings(max_examples=80, deadline=None)
@given(pieces=st.lists(LINE_PIECES, max_size=14), where=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 60))))
def test_every_feature_answers_any_text_without_failing(pieces, where):
    from clausekit.integrations.lsp import actions, completion, diagnostics, hover, navigation, symbols

    snapshot = analyse("f.clause", "\n".join(pieces))
    found = diagnostics.diagnostics(snapshot, "file:///f.clause")
    symbols.document_symbols(snapshot)
    actions.formatting(snapshot)
    actions.code_actions(snapshot, "file:///f.clause", found)
    for line, character in where:
        one_based, index = snapshot.lines.index(Point(line, character))
        completion.complete(snapshot, one_based, index, ())
        occurrence = snapshot.outline.at(one_based, index)
        if occurrence is not None:
            hover.hover_text(snapshot, occurrence, ())
            navigation.definition(snapshot, "file:///f.clause", occurrence, ())
            navigation.references(snapshot, "file:///f.clause", occurrence, True)
            with contextlib.suppress(navigation.RenameRefused):
                navigation.rename(snapshot, "file:///f.clause", occurrence, "NEW")
