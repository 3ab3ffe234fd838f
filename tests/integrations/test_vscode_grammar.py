"""The VS Code grammar's issue keys are clausekit's: a key added to ``clausekit.model.ISSUES`` and
not to editors/vscode/syntaxes/clause.tmLanguage.json would be highlighted as invalid. (How the
grammar scopes ``corresponds:`` is proved by editors/vscode/test/corresponds.test.clause, run by
``npm test`` in test_vscode_extension.py.)"""

from __future__ import annotations

import json
import re

from clausekit.model import ISSUES
from conftest import ROOT

GRAMMAR = ROOT / "editors" / "vscode" / "syntaxes" / "clause.tmLanguage.json"


def _rule(name: str) -> dict:
    return json.loads(GRAMMAR.read_text(encoding="utf-8"))["repository"][name]


def test_grammar_names_exactly_the_issue_keys_in_their_order() -> None:
    rule = next(p for p in _rule("field-corresponds")["patterns"] if p.get("name") == "constant.other.issue.clause")
    alternation = re.fullmatch(r"\(\?<!\[[^\]]+\]\)\(\?:([a-z|-]+)\)\(\?!\[[^\]]+\]\)", rule["match"])
    assert alternation is not None, rule["match"]
    assert alternation.group(1).split("|") == list(ISSUES)


def test_corresponds_is_read_before_the_generic_text_field() -> None:
    order = [p["include"] for p in _rule("fields")["patterns"]]
    assert order.index("#field-corresponds") < order.index("#field-text")
