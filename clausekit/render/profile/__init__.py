"""Guarantee profiles in every format ``clausekit profile`` writes: ``text``, ``markdown`` and
``html`` (one profile, or several side by side: a row per dimension, a column per clause, each cell
with its evidence) and ``json`` (the published ``clausekit.profile/1``, docs/profile.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from clausekit.analysis.profile import DIMENSIONS, Dimension, Profile
from clausekit.errors import UsageError
from clausekit.render.formats import PROFILE_FORMATS
from clausekit.render.profile.tables import profiles_html, profiles_markdown, profiles_text

SCHEMA = "clausekit.profile/1"


def render_profiles(profiles: Sequence[Profile], fmt: str) -> str:
    """The profiles as ``text``, ``markdown``, ``html`` or ``json``."""
    if fmt == "json":
        return profiles_json(profiles)
    if fmt == "markdown":
        return profiles_markdown(profiles)
    if fmt == "html":
        return profiles_html(profiles)
    if fmt == "text":
        return profiles_text(profiles)
    raise UsageError(f"unknown profile format {fmt!r}: choose one of {', '.join(PROFILE_FORMATS)}")


def dimension_json(dimension: Dimension) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": dimension.value,
        "source": dimension.source,
        "evidence": [{"text": e.text, "location": str(e.location), "origin": e.origin} for e in dimension.evidence],
    }
    if dimension.level:
        out["level"] = dimension.level
    if dimension.disagreement:
        out["disagreement"] = dimension.disagreement
    return out


def profile_json(profile: Profile) -> dict[str, Any]:
    return {
        "draft": profile.draft,
        "clause": profile.clause,
        "label": profile.label,
        "location": str(profile.location),
        "dimensions": {name: dimension_json(profile[name]) for name in DIMENSIONS},
    }


def profiles_json(profiles: Sequence[Profile]) -> str:
    data = {"schema": SCHEMA, "profiles": [profile_json(p) for p in profiles]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
