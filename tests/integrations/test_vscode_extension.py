"""The VS Code extension in editors/vscode, built and tested with the real npm: ``npm ci`` from the
lock file, ``npm test`` (grammar, drafts and client tests) and ``npm run package``; then the .vsix
holds what VS Code runs and nothing else, and its client runs from it alone. And the extension's
TextMate grammar reads every line of the example drafts (and of editors/vscode/test/line-shapes.clause)
as clausekit's own line lexer reads it: opener, '}', field, continuation, party, comment or prose.

Skipped when npm is not on PATH (.ci/run installs Debian's Node.js and npm where the machine has
none). Needs the npm registry for ``npm ci`` (or a warm npm cache)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from clausekit.language.lexer import LineLexer
from clausekit.language.source import normalise_newlines
from clausekit.language.syntax import PARAGRAPH_FIELD_LINE
from conftest import DRAFTS, ROOT

EXTENSION = ROOT / "editors" / "vscode"
NPM = shutil.which("npm")

pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(
        NPM is None, reason="npm is not on PATH: install Node.js 18+ and npm to build the VS Code extension"
    ),
]


def npm(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "npm_config_audit": "false",
        "npm_config_fund": "false",
        "npm_config_update_notifier": "false",
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        [NPM, *args], cwd=EXTENSION, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"npm {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="module")
def built() -> dict[str, object]:
    """npm ci, npm test and npm run package, once for the module."""
    version = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))["version"]
    vsix = EXTENSION / f"clausekit-{version}.vsix"
    vsix.unlink(missing_ok=True)
    npm("ci", "--no-audit", "--no-fund")
    tested = npm("test")
    npm("run", "package")
    return {"vsix": vsix, "version": version, "test_output": tested.stdout}


def test_npm_test_runs_every_suite(built):
    out = built["test_output"]
    for fixture in sorted((EXTENSION / "test").glob("*.test.clause")):
        assert f"test/{fixture.name} run successfuly" in out, fixture.name  # (sic: the tool's spelling)
    assert "drafts tokenised without error" in out
    assert "client tests passed" in out


def test_vsix_holds_the_extension_and_its_runtime_dependency(built):
    vsix: Path = built["vsix"]  # type: ignore[assignment]
    assert vsix.is_file(), f"npm run package did not write {vsix.name}"
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
    lowered = {name.lower() for name in names}  # vsce writes README.md as readme.md
    assert manifest["name"] == "clausekit" and manifest["publisher"] == "clausekit"
    assert manifest["version"] == built["version"]
    for needed in (
        "extension/package.json",
        "extension/readme.md",
        "extension/LICENSE.txt",
        "extension/syntaxes/clause.tmLanguage.json",
        "extension/language-configuration.json",
        "extension/out/extension.js",
        "extension/out/resolve.js",
        "extension/node_modules/vscode-languageclient/package.json",
        "extension/node_modules/vscode-languageclient/node.js",
        "extension/node_modules/vscode-languageserver-protocol/package.json",
        "extension/node_modules/vscode-jsonrpc/package.json",
    ):
        assert needed.lower() in lowered, f"{needed} is missing from {vsix.name}"
    # What the manifest points at is inside.
    assert "extension/" + manifest["main"].removeprefix("./") in names
    for grammar in manifest["contributes"]["grammars"]:
        assert "extension/" + grammar["path"].removeprefix("./") in names
    for language in manifest["contributes"]["languages"]:
        assert "extension/" + language["configuration"].removeprefix("./") in names
    # No sources, tests or build tools.
    unwanted = [
        name
        for name in names
        if name.startswith(("extension/src/", "extension/test/"))
        or name.endswith((".ts", ".map", "tsconfig.json", ".vsix"))
        or name.startswith(
            tuple(
                f"extension/node_modules/{dev}/"
                for dev in ("typescript", "@vscode/vsce", "vscode-tmgrammar-test", "vscode-textmate", "@types")
            )
        )
    ]
    assert unwanted == []


def _lexer_kinds(text: str) -> list[str]:
    """What clausekit's line lexer reads each line as, in the grammar test's words (test/tokenize.js)."""
    lexer = LineLexer(normalise_newlines(text), "draft.clause")
    kinds: dict[int, str] = {}

    def comments(items) -> None:
        for comment in items:
            kinds[comment.location.line] = "comment"

    for token in lexer.tokens():
        value = token.value
        comments(value.comments)
        if token.type.endswith("_OPEN"):
            kinds[value.location.line] = "opener"
        elif token.type == "CLOSE":
            kinds[value.location.line] = "close"
        elif token.type == "PARTY":
            kinds[value.location.line] = "party"
        elif token.type == "FIELD":
            kinds[value.location.line] = "field"
        elif token.type == "PARAGRAPH":
            for line, _column in value.starts:
                kinds[line] = "prose"
    comments(lexer.trailing_comments)
    lines = normalise_newlines(text).split("\n")
    # A paragraph's own "~ key: value" lines are fields; what is left, not blank, is a field value
    # continued on a deeper-indented line.
    for number, line in enumerate(lines, start=1):
        if number not in kinds and PARAGRAPH_FIELD_LINE.match(line.strip()):
            kinds[number] = "field"
    return [
        kinds.get(number, "blank" if not line.strip() else "continuation") for number, line in enumerate(lines, start=1)
    ]


def test_grammar_reads_every_draft_line_as_clausekit_does(built):
    drafts = [
        *sorted(DRAFTS.glob("*.clause")),
        *sorted((DRAFTS / "reference").glob("*.clause")),
        EXTENSION / "test" / "line-shapes.clause",  # every line shape that needs context
    ]
    node = shutil.which("node")
    assert node is not None, "npm is on PATH but node is not"
    result = subprocess.run(
        [node, "test/tokenize.js", "--classify", *map(str, drafts)],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    grammar = json.loads(result.stdout)
    for draft in drafts:
        expected = _lexer_kinds(draft.read_text(encoding="utf-8"))
        actual = grammar[str(draft)]
        differences = [
            f"{draft.name}:{number}: clausekit reads {want}, the grammar {got}"
            for number, (want, got) in enumerate(zip(expected, actual, strict=True), start=1)
            if want != got
        ]
        assert differences == []


def test_packaged_client_runs_from_the_vsix_alone(built, tmp_path):
    """The client as packaged, unzipped away from the build: it loads with only the dependencies
    inside the .vsix (vscode itself stood in by test/vscode-mock.js) and reports a missing server once."""
    with zipfile.ZipFile(built["vsix"]) as archive:  # type: ignore[arg-type]
        archive.extractall(tmp_path)
    script = """
const state = require(process.argv[1]).installMock();
const extension = require(process.argv[2]);
state.settings["clausekit.server.path"] = "clausekit-not-installed-anywhere";
extension.activate({ subscriptions: [] }).then(() => setTimeout(() => {
  console.log(JSON.stringify({ errors: state.errors, commands: [...state.commands.keys()] }));
}, 100));
"""
    result = subprocess.run(
        [
            shutil.which("node") or "node",
            "-e",
            script,
            str(EXTENSION / "test" / "vscode-mock.js"),
            str(tmp_path / "extension" / "out" / "extension.js"),
        ],
        cwd=tmp_path,
        env={**os.environ, "NODE_PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["commands"] == ["clausekit.restartServer"]
    assert len(report["errors"]) == 1
    assert "pip install 'clausekit[lsp]'" in report["errors"][0]
