"""The drafts of the workspace's folders, for ``mirrors`` and ``draft::id`` across files.

Read from disk once and again only when a file's modification time changes; a file that
does not parse is left out (its own diagnostics say why when it is opened).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from clausekit.errors import ClauseKitError
from clausekit.model import Draft

SKIPPED_FOLDERS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"})
RESCAN_SECONDS = 5.0
"""How long the list of draft files is trusted before the folders are walked again (not on
every keystroke); a listed file is still read again as soon as it changes."""
MAX_FILES = 2000
"""A workspace with more draft files than this is read only up to it (a home folder opened by mistake)."""


class WorkspaceDrafts:
    def __init__(self, roots: list[Path] | None = None) -> None:
        self.roots = list(roots or [])
        self._cache: dict[str, tuple[float, Draft | None]] = {}
        self._listed: tuple[float, list[Path]] | None = None

    def files(self) -> list[Path]:
        now = time.monotonic()
        if self._listed is None or now - self._listed[0] > RESCAN_SECONDS:
            self._listed = (now, self._walk())
        return self._listed[1]

    def _walk(self) -> list[Path]:
        found: list[Path] = []
        for root in self.roots:
            for folder, subfolders, names in os.walk(root):
                subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith("."))
                found.extend(Path(folder) / n for n in sorted(names) if n.endswith(".clause"))
                if len(found) >= MAX_FILES:
                    return found[:MAX_FILES]
        return found

    def drafts(self) -> tuple[Draft, ...]:
        from clausekit.language.parser import load

        out: list[Draft] = []
        for path in self.files():
            key = str(path)
            try:
                mtime = path.stat().st_mtime
            except OSError:
                continue
            cached = self._cache.get(key)
            if cached is None or cached[0] != mtime:
                try:
                    cached = (mtime, load(path))
                except (ClauseKitError, RecursionError):
                    cached = (mtime, None)
                self._cache[key] = cached
            if cached[1] is not None:
                out.append(cached[1])
        return tuple(out)
