"""The report of ``clausekit brackets`` as text and JSON (``"schema": "clausekit.brackets/1"``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from clausekit.negotiation.brackets import OUTSIDE, BracketReport, OpenBracket


def brackets_text(reports: Sequence[BracketReport]) -> str:
    lines: list[str] = []
    for report in reports:
        name = report.draft.path or report.draft.id
        per_party = ", ".join(f"{party} {n}" for party, n in report.by_party().items())
        total = len(report.brackets)
        noun = "bracket" if total == 1 else "brackets"
        lines.append(f"{name}: {total} open {noun}" + (f" ({per_party})" if per_party else ""))
        # Each article's brackets gathered in one pass, so the report stays linear in the brackets.
        in_article: dict[str, list[OpenBracket]] = {}
        for bracket in report.brackets:
            in_article.setdefault(bracket.article or OUTSIDE, []).append(bracket)
        for article, counts in report.by_article().items():
            detail = ", ".join(f"{p} {n}" for p, n in counts.items() if p != "total")
            lines.append(f"  {article}: {counts['total']} ({detail})")
            for bracket in in_article.get(article, ()):
                where = "" if bracket.where == article else f"{bracket.where}: "
                lines.append(f"    {bracket.location}: {where}{bracket.text}")
    return "\n".join(lines) + "\n"


def brackets_json(reports: Sequence[BracketReport]) -> str:
    data = {
        "schema": "clausekit.brackets/1",
        "files": [
            {
                "file": report.draft.path,
                "draft": report.draft.id,
                "total": len(report.brackets),
                "by_party": report.by_party(),
                "by_article": report.by_article(),
                "brackets": [
                    {
                        "location": {"file": b.location.file, "line": b.location.line, "column": b.location.column},
                        "article": b.article,
                        "where": b.where,
                        "parties": list(b.parties),
                        "options": [{"party": p, "text": t} for p, t in b.options],
                    }
                    for b in report.brackets
                ],
            }
            for report in reports
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
