"""Options of a diff: what to ignore in the words, and how to rank modal verbs."""

from __future__ import annotations

from dataclasses import dataclass

from clausekit.analysis import DEFAULT_SCALE, ModalityScale

APART_BELOW = 1 / 3
"""Below this likeness (``align.ratio`` of their compared words) two texts are shown apart, the
old deleted whole and the new inserted whole, never interleaved word by word: between two
treaties' articles a word redline makes a text that neither says."""


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How two drafts are compared.

    ``ignore_*`` apply to the word-level redline (and to which clauses count as unchanged);
    ``scale`` ranks modal phrases for ``modality.weakened``/``strengthened`` findings
    (None: the default scale of ``clausekit.analysis``); ``apart_below``: the parts of a
    guarantee (a field, a paragraph of its prose) less alike than this are deleted and inserted
    whole in the redline (0: always a word redline).
    """

    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = False
    scale: ModalityScale | None = None
    apart_below: float = APART_BELOW

    @property
    def modality_scale(self) -> ModalityScale:
        return self.scale if self.scale is not None else DEFAULT_SCALE
