"""What prose means: modalities, quantities, durations, dates, qualifiers, conditions, parties.

The one place where the meaning of English treaty prose is read; the diff, the comparison,
the mirror command and lint all ask it. Everything here is a pure function of strings (or of
inline spans) and runs in time linear in the text: a single tokenising pass, then table
look-ups over the tokens with phrases of bounded length. No regular expression here can
backtrack more than a fixed number of characters.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- the modality scale -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModalityLevel:
    """One step of the modality scale: its name, the phrases that express it, and their
    negated forms (prohibitions at the same strength)."""

    name: str
    phrases: tuple[str, ...]
    negated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModalityScale:
    """Modal phrases ranked from strongest (first level) to weakest (last level).

    Pass another scale to ``analyse`` (or through ``DiffOptions.scale``) to rank phrases
    differently; phrases are lowercase word sequences and are matched longest first, so
    "will seek to" is an expectation although "will" alone is a commitment.
    """

    levels: tuple[ModalityLevel, ...]

    def rank(self, level: str) -> int:
        """Higher is stronger; the weakest level has rank 1."""
        for index, candidate in enumerate(self.levels):
            if candidate.name == level:
                return len(self.levels) - index
        raise KeyError(level)

    def phrases(self) -> tuple[tuple[str, str, bool], ...]:
        """Every (phrase, level name, negated) of the scale."""
        out: list[tuple[str, str, bool]] = []
        for level in self.levels:
            out.extend((phrase, level.name, False) for phrase in level.phrases)
            out.extend((phrase, level.name, True) for phrase in level.negated)
        return tuple(out)


DEFAULT_SCALE = ModalityScale(
    (
        ModalityLevel(
            "binding",
            (
                "shall",
                "must",
                "undertakes to",
                "undertake to",
                "agrees to",
                "agree to",
                "commits to",
                "commit to",
                "is obliged to",
                "are obliged to",
                "is obligated to",
                "are obligated to",
                "is required to",
                "are required to",
            ),
            (
                "shall not",
                "shall never",
                "shan't",
                "must not",
                "must never",
                "mustn't",
                "undertakes not to",
                "undertake not to",
                "agrees not to",
                "agree not to",
                "commits not to",
                "commit not to",
                "is obliged not to",
                "are obliged not to",
                "is prohibited from",
                "are prohibited from",
            ),
        ),
        ModalityLevel("commitment", ("will",), ("will not", "will never", "won't")),
        ModalityLevel("recommendation", ("should",), ("should not", "should never", "shouldn't")),
        ModalityLevel(
            "expectation",
            (
                "is expected to",
                "are expected to",
                "there will be the expectation that",
                "intends to",
                "intend to",
                "will seek to",
                "will endeavour to",
                "will endeavor to",
                "will consider",
            ),
            (
                "is expected not to",
                "are expected not to",
                "intends not to",
                "intend not to",
                "does not intend to",
                "do not intend to",
            ),
        ),
        ModalityLevel(
            "permission", ("may", "can", "is entitled to", "are entitled to"), ("may not", "cannot", "can not", "can't")
        ),
    )
)
"""The default scale of DIFF.md: binding > commitment > recommendation > expectation > permission."""
