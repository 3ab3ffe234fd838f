"""The language server's latency: a change notification to the diagnostics it publishes.

    python benchmarks/bench_lsp.py [N] [RUNS]

Starts ``clausekit lsp`` as an editor does (a pygls client over standard input and output),
opens a generated draft of N clauses (``gen_draft.py``, default 1,000), then sends RUNS
edits, each changing one word of one clause, and times each from the moment the
``textDocument/didChange`` notification is written to the moment the matching
``textDocument/publishDiagnostics`` arrives (the server's debounce included). Peers in the
same run: ``clausekit check`` on the same file in a new process, and the parse and check
alone in this process (what the server cannot do with less). Medians; target 150 ms.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_draft import generate
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from clausekit.language.parser import loads
from clausekit.lint import check_draft

TARGET_SECONDS = 0.150


def _edit(lines: list[str], row: int, run: int, new_line: bool) -> types.TextDocumentContentChangePartial:
    """One word of clause prose changed (the line count kept), or a line of prose added after it.
    Added lines go in increasing row order, so the ``run`` lines added before sit above ``row``."""
    if new_line:
        end = types.Position(line=row + run, character=len(lines[row]))
        return types.TextDocumentContentChangePartial(range=types.Range(start=end, end=end), text="\n    and more.")
    column = lines[row].index(" the ") + 1
    start, end = types.Position(line=row, character=column), types.Position(line=row, character=column + 3)
    word = "the" if run % 2 else "thy"
    return types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=word)


async def server_latencies(path: Path, text: str, runs: int, new_line: bool = False) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[tuple[float, int | None]] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params.version))

    await client.start_io(sys.executable, "-m", "clausekit", "lsp")
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=path.parent.as_uri())
    )
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="clause", version=1, text=text)
        )
    )
    await arrived.get()
    lines = text.split("\n")
    prose = [i for i, line in enumerate(lines) if line.startswith("    ") and " the " in line]
    times = []
    rows = prose[:: max(1, len(prose) // runs)] if new_line else [prose[(run * 37) % len(prose)] for run in range(runs)]
    for run in range(runs):
        change = _edit(lines, rows[run], run, new_line)
        version = run + 2
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[change],
            )
        )
        while True:
            at, published_version = await arrived.get()
            if published_version == version:
                break
        times.append(at - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def check_process(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "clausekit", "check", str(path)], capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def in_process(text: str, runs: int) -> list[float]:
    loads(text)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check_draft(loads(text, filename="bench.clause"))
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    text = generate(count)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.clause"
        path.write_text(text, encoding="utf-8")
        server = asyncio.run(server_latencies(path, text, runs))
        added = asyncio.run(server_latencies(path, text, runs, new_line=True))
        command = check_process(path, max(5, runs // 3))
    alone = in_process(text, max(5, runs // 3))
    size = len(text.encode("utf-8")) / 1e6
    median = statistics.median(server)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{count} clauses ({size:.2f} MB), {runs} edits, load average {load}")
    print(f"  lsp: didChange -> publishDiagnostics  median {median * 1000:6.1f} ms  (max {max(server) * 1000:.1f})")
    print(f"  lsp, an edit that adds a line            median {statistics.median(added) * 1000:6.1f} ms")
    print(f"  clausekit check FILE (a new process)  median {statistics.median(command) * 1000:6.1f} ms")
    print(f"  parse + check in one process          median {statistics.median(alone) * 1000:6.1f} ms")
    print(f"  lsp / clausekit check: {median / statistics.median(command):.2f}")
    print(f"  target {TARGET_SECONDS * 1000:.0f} ms: {'met' if median <= TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
