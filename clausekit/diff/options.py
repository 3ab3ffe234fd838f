"""Options of a diff: what to ignore in the words, and how to rank modal verbs."""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.analysis import DEFAULT_SCALE, ModalityScale


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How two drafts are compared.

    ``ignore_*`` apply to the word-level redline (and to which clauses count as unchanged);
    ``scale`` ranks modal phrases for ``modality.weakened``/``strengthened`` findings
    (None: the default scale of ``clausekit.analysis``).
    """

    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = False
    scale: ModalityScale | None = None

    @property
    def modality_scale(self) -> ModalityScale:
        return self.scale if self.scale is not None else DEFAULT_SCALE
