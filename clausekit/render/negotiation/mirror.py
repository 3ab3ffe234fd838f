"""The reports of ``clausekit mirror`` as text, Markdown and JSON (``"schema": "clausekit.mirror/1"``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from clausekit.analysis.profile_compare import DimensionComparison
from clausekit.negotiation.mirror import MirrorReport, UnknownMirror
from clausekit.render.profile import dimension_json
from clausekit.render.templates import markdown_inline

# How each profile verdict is marked in text.
_MARKS = {"same": "=", "weaker": "<", "stronger": ">", "different": "≠", "not stated": "?", "not known": "?"}


def _first_evidence(row_side) -> str:
    return f"“{row_side.evidence[0].text}” ({row_side.evidence[0].location})" if row_side.evidence else ""


def _profile_text(rows: Sequence[DimensionComparison]) -> list[str]:
    lines = ["  profile (guarantee against model):"]
    for row in rows:
        lines.append(f"    {_MARKS[row.verdict]} {row.name}: {row.verdict}")
        for side, dimension in (("guarantee", row.profile), ("model", row.against)):
            lines.append(f"        {side + ':':<10} {dimension.shown()} {_first_evidence(dimension)}".rstrip())
    return lines


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mirror_text(reports: Sequence[MirrorReport], unknown: Sequence[UnknownMirror] = ()) -> str:
    lines: list[str] = []
    for r in reports:
        verb = "against" if r.against else "mirrors"
        lines.append(f"{r.location}: {r.label} {verb} {r.ref} ({r.model_label})")
        for aspect in r.aspects:
            mark = "?" if aspect.same is None else "=" if aspect.same else "≠"
            shown = "(not known: the source does not give it)" if aspect.not_known else "(none)"
            lines.append(f"  {mark} {aspect.name}")
            lines.append(f"      model:     {_short('; '.join(aspect.model)) or '(none)'}")
            lines.append(f"      guarantee: {_short('; '.join(aspect.guarantee)) or shown}")
        if r.departures:
            lines.append("  departures:")
            lines.extend(f"    {f.kind}: {f.detail}" for f in r.departures)
        if r.profile is not None:
            lines.extend(_profile_text(r.profile.dimensions))
            lines.append(f"  verdict: {r.verdict}")
        lines.append("")
    if not reports and not unknown:
        lines.append("no guarantee declares 'mirrors:'")
    return "\n".join(lines).rstrip("\n") + "\n"


def mirror_markdown(reports: Sequence[MirrorReport]) -> str:
    out: list[str] = ["# Guarantees and the clauses they mirror", ""]
    for r in reports:
        out.append(f"## {markdown_inline(r.label)} → {markdown_inline(r.model_label)}")
        out.append("")
        out.append(f"`{r.location}` mirrors `{r.ref}`")
        out.append("")
        out.append("| aspect | model | guarantee | |")
        out.append("| --- | --- | --- | --- |")
        for a in r.aspects:
            model = markdown_inline("; ".join(a.model)) or "(none)"
            guarantee = markdown_inline("; ".join(a.guarantee)) or ("(not known)" if a.not_known else "(none)")
            verdict = "not known" if a.same is None else "same" if a.same else "**differs**"
            out.append(f"| {a.name} | {model} | {guarantee} | {verdict} |")
        if r.departures:
            out.append("")
            out.extend(f"- `{f.kind}` {markdown_inline(f.detail)}" for f in r.departures)
        if r.profile is not None:
            out.extend(_profile_markdown(r))
        out.append("")
    if not reports:
        out.append("No guarantee declares `mirrors:`.")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_side(dimension) -> str:
    evidence = f"<br>{markdown_inline(_first_evidence(dimension))}" if dimension.evidence else ""
    return (markdown_inline(dimension.shown()) + evidence).replace("|", "\\|")


def _profile_markdown(r: MirrorReport) -> list[str]:
    out = ["", "| dimension | guarantee | model | verdict |", "| --- | --- | --- | --- |"]
    for row in r.profile.dimensions if r.profile else ():
        out.append(f"| `{row.name}` | {_md_side(row.profile)} | {_md_side(row.against)} | {row.verdict} |")
    out.extend(["", f"**Verdict.** {markdown_inline(r.verdict)}"])
    return out


def _profile_json(r: MirrorReport) -> list[dict]:
    rows = r.profile.dimensions if r.profile else ()
    return [
        {
            "dimension": x.name,
            "verdict": x.verdict,
            "guarantee": dimension_json(x.profile),
            "model": dimension_json(x.against),
        }
        for x in rows
    ]


def mirror_json(reports: Sequence[MirrorReport], unknown: Sequence[UnknownMirror]) -> str:
    def loc(location):
        return {"file": location.file, "line": location.line, "column": location.column}

    data = {
        "schema": "clausekit.mirror/1",
        "mirrors": [
            {
                "location": loc(r.location),
                "clause": r.clause.id,
                "label": r.label,
                "draft": r.draft.id,
                "mirrors": r.ref,
                "model": {"draft": r.model_draft.id, "clause": r.model.id, "label": r.model_label},
                "aspects": [
                    {
                        "name": a.name,
                        "model": list(a.model),
                        "guarantee": list(a.guarantee),
                        "same": a.same,
                        "not_known": a.not_known,
                    }
                    for a in r.aspects
                ],
                "against": r.against,
                "profile": _profile_json(r),
                "verdict": r.verdict,
                "departures": [
                    {"kind": f.kind, "before": f.before, "after": f.after, "direction": f.direction, "detail": f.detail}
                    for f in r.departures
                ],
            }
            for r in reports
        ],
        "unknown": [{"location": loc(u.location), "mirrors": u.ref, "message": u.message} for u in unknown],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
