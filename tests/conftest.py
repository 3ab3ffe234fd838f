"""Shared fixtures: paths into the repository and a runner for the real CLI.

The tests mirror the package: tests/<room>/ holds the tests of clausekit/<room>/ (language,
analysis, lint, diff, compare, negotiation, render, importers, integrations, cli), with
reliability/ (hostile input, fuzzing) and project/ (architecture, docs, packaging, the shipped
drafts) beside them. Inputs and expected outputs live in tests/fixtures/. Tests that drive a
real external client (pandoc, LibreOffice, Chromium, git, npm) are marked ``clients``:
``pytest -m clients`` runs them alone, ``pytest -m 'not clients'`` leaves them out.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# In CI (CI=true) hypothesis draws the same examples on every run, so a landing is decided by
# the code and not by the luck of the draw; on a developer's machine it explores afresh, and
# any failure it finds is kept in .hypothesis/ and replayed first.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
DRAFTS = ROOT / "drafts"

# Regenerate golden files instead of comparing: CLAUSEKIT_REGENERATE=1 pytest ...
REGENERATE = os.environ.get("CLAUSEKIT_REGENERATE") == "1"


def run_clausekit(*args: str, cwd: Path | str | None = None, input: str | bytes | None = None, env: dict | None = None):
    """Run the installed command line exactly as a user would (a real process)."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "clausekit", *args],
        cwd=cwd,
        input=input.encode() if isinstance(input, str) else input,
        capture_output=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture
def clausekit_cli():
    return run_clausekit
