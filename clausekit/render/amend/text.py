"""An amendment list as text for a terminal, as Markdown, and as JSON for scripts."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from typing import Any

from clausekit.errors import visible_controls
from clausekit.language.amendments import Amendment, AmendmentList, Target
from clausekit.render.amend.view import describe, heading
from clausekit.render.templates import backtick_fence, markdown_escape, markdown_inline

SCHEMA = "clausekit.amend/1"


def title(amendments: AmendmentList) -> str:
    """ "Amendments to us-28-point-plan (US) from e3-counterproposal (E3): 40"."""
    old = amendments.old_id or "the draft"
    if amendments.old_proposer:
        old += f" ({amendments.old_proposer})"
    head = f"Amendments to {old}"
    if amendments.new_id:
        head += f" from {amendments.new_id}" + (f" ({amendments.new_proposer})" if amendments.new_proposer else "")
    return f"{head}: {len(amendments.amendments)}"


def render_amend_text(amendments: AmendmentList, names: Mapping[str, str] | None = None) -> str:
    lines = [title(amendments), ""]
    for amendment in amendments.amendments:
        sentence = describe(amendment, names)
        lines.append(heading(amendment))
        lines.append(textwrap.fill(sentence.text, 100, initial_indent="  ", subsequent_indent="  "))
        if sentence.block:
            lines.extend("      " + line if line else "" for line in sentence.block.rstrip("\n").split("\n"))
        lines.append("")
    lines.extend(f"note: {note}" for note in amendments.notes)
    # for a terminal: a drafted ESC sequence must not retitle or clear it
    return visible_controls("\n".join(lines).rstrip("\n") + "\n")


def _fenced(block: str) -> list[str]:
    """A clause block as a Markdown code block, fenced by more backticks than it holds in a run."""
    fence = backtick_fence(block, at_least=3)
    return [fence, visible_controls(block.rstrip("\n")), fence]


def render_amend_markdown(amendments: AmendmentList, names: Mapping[str, str] | None = None) -> str:
    # Every drafted or user-supplied string escaped for its place: a quoted word must not become
    # a link, an emoji, an entity or HTML when the list is read as GitHub-flavoured Markdown.
    lines = [f"# {markdown_inline(title(amendments))}", ""]
    for amendment in amendments.amendments:
        sentence = describe(amendment, names)
        lines += [f"**{markdown_inline(heading(amendment))}.** {markdown_escape(sentence.text)}", ""]
        if sentence.block:
            lines += [*_fenced(sentence.block), ""]
    lines.extend(f"> Note: {markdown_inline(note)}" for note in amendments.notes)
    return "\n".join(lines).rstrip("\n") + "\n"


def _target(target: Target) -> dict[str, Any]:
    return {"id": target.clause_id, "label": target.label, "number": target.number}


def _amendment(amendment: Amendment, names: Mapping[str, str] | None) -> dict[str, Any]:
    position = amendment.position
    sentence = describe(amendment, names)
    return {
        "number": amendment.number,
        "action": amendment.action,
        "proposer": amendment.proposer,
        "target": _target(amendment.target),
        "piece": str(amendment.piece) if amendment.piece is not None else None,
        "old": amendment.old,
        "new": amendment.new,
        "position": None
        if position is None
        else {
            "after": _target(position.after) if position.after else None,
            "inside": _target(position.inside) if position.inside else None,
        },
        "renumbering": [{"target": _target(r.target), "number": r.number} for r in amendment.renumbering],
        "text": sentence.text,
    }


def render_amend_json(amendments: AmendmentList, names: Mapping[str, str] | None = None) -> str:
    document = {
        "schema": SCHEMA,
        "old": {"id": amendments.old_id, "proposer": amendments.old_proposer},
        "new": {"id": amendments.new_id, "proposer": amendments.new_proposer},
        "amendments": [_amendment(a, names) for a in amendments.amendments],
        "notes": list(amendments.notes),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
