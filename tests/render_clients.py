"""Real clients for the render tests: pandoc, LibreOffice and Chromium, each optional.

Each helper is used through a fixture that skips with the reason when the client is
missing (CI installs them all). LibreOffice and Chromium take a second or more per
call, so the tests call them a few times only.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden" / "render"
# Regenerate golden files instead of comparing: CLAUSEKIT_REGENERATE=1 pytest ...
REGENERATE = os.environ.get("CLAUSEKIT_REGENERATE") == "1"
# A pandoc template that prints the title (pandoc reads Word's Title style as metadata).
PANDOC_TEMPLATE = GOLDEN / "pandoc-title-body.plain"


def run_clausekit(*args: str) -> subprocess.CompletedProcess:
    """The command line as a user runs it (a real process)."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "clausekit", *args], capture_output=True, env=env, timeout=120)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (CI installs it)")
    return path


def pandoc_plain(docx: Path, track_changes: str | None = None) -> str:
    args = [need("pandoc"), "-t", "plain", "--wrap=none", "--template", str(PANDOC_TEMPLATE), str(docx)]
    if track_changes:
        args.insert(1, f"--track-changes={track_changes}")
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


_RULE = re.compile(r"^[=-]{3,}$", re.MULTILINE)


def normalise(text: str) -> str:
    """Words only: the text format's heading rules dropped and white space collapsed."""
    return " ".join(_RULE.sub(" ", text).split())


# One private LibreOffice profile per test session: its first use costs a few seconds.
_SOFFICE_PROFILE = Path(tempfile.gettempdir()) / f"clausekit-test-soffice-{os.getpid()}"
atexit.register(shutil.rmtree, _SOFFICE_PROFILE, ignore_errors=True)


def soffice_fodt(docx: Path, profile: Path = _SOFFICE_PROFILE) -> str:
    """LibreOffice's reading of a .docx, as flat ODF XML."""
    soffice = need("soffice")
    outdir = docx.parent / "fodt"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = outdir / (docx.stem + ".fodt")
    assert out.exists(), result.stderr + result.stdout
    return out.read_text(encoding="utf-8")


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if binary is None:
        pytest.skip("chromium is not installed (CI installs it)")
    return subprocess.run(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
