"""What a guarantee profile is: its dimensions, each with values, source and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from clausekit.model import Location

DIMENSIONS = (
    "obligation",
    "deeming",
    "discretion",
    "means",
    "timing",
    "trigger",
    "scope",
    "modality",
    "reciprocity",
    "un",
    "duration",
    "conditions",
    "void-if",
)
"""The dimensions of a profile, in the order every output shows them."""

SINGLE_VALUED = frozenset({"scope", "modality"})
"""Dimensions that hold one value (a phrase of the text); the others hold a list."""

FIELD_SOURCES = {"trigger": "trigger", "response": "response", "condition": "condition"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words of the text that justify a value, where they stand, and what they were read from
    (``prose`` or the name of a guarantee field)."""

    text: str
    location: Location
    origin: str = "prose"


@dataclass(frozen=True, slots=True)
class Dimension:
    """One dimension of a profile. ``source`` is ``field``, ``prose``, ``not-stated``, or ``not-known``
    (the guarantee's ``unknown:`` names the field it would be read from, and nothing was read or
    the dimension is that field's own value); ``disagreement`` says how the fields and the prose
    differ, where they do (and, for a field marked unknown, what the prose reads); ``level`` is the
    modality's level on the scale."""

    name: str
    values: tuple[str, ...]
    source: str
    evidence: tuple[Evidence, ...] = ()
    disagreement: str | None = None
    level: str | None = None

    @property
    def value(self) -> str | list[str]:
        """The value as the JSON schema has it: a string for scope and modality, else a list."""
        if self.name in SINGLE_VALUED:
            return self.values[0] if self.values else "none-stated"
        return list(self.values)

    def shown(self) -> str:
        """The value as a table cell shows it."""
        if self.source == "not-known":
            return "not known"
        text = ", ".join(self.values) if self.values else "none"
        return f"{text} ({self.level})" if self.level else text


@dataclass(frozen=True, slots=True)
class Profile:
    """The reading of one guarantee (or any provision) of one draft."""

    draft: str
    clause: str
    label: str
    dimensions: tuple[Dimension, ...]
    location: Location = field(default=Location("<generated>", 0, 0), compare=False)

    def __getitem__(self, name: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.name == name:
                return dimension
        raise KeyError(name)
