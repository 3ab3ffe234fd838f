"""The reports of ``clausekit mirror`` as text, Markdown and JSON (``"schema": "clausekit.mirror/1"``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from clausekit.negotiation.mirror import MirrorReport, UnknownMirror
from clausekit.render.templates import markdown_inline


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mirror_text(reports: Sequence[MirrorReport], unknown: Sequence[UnknownMirror] = ()) -> str:
    lines: list[str] = []
    for r in reports:
        lines.append(f"{r.location}: {r.label} mirrors {r.ref} ({r.model_label})")
        for aspect in r.aspects:
            mark = "?" if aspect.same is None else "=" if aspect.same else "≠"
            shown = "(not known: the source does not give it)" if aspect.not_known else "(none)"
            lines.append(f"  {mark} {aspect.name}")
            lines.append(f"      model:     {_short('; '.join(aspect.model)) or '(none)'}")
            lines.append(f"      guarantee: {_short('; '.join(aspect.guarantee)) or shown}")
        if r.departures:
            lines.append("  departures:")
            lines.extend(f"    {f.kind}: {f.detail}" for f in r.departures)
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
        out.append("")
    if not reports:
        out.append("No guarantee declares `mirrors:`.")
    return "\n".join(out).rstrip("\n") + "\n"


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
