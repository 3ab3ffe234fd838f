"""Column labels: --label per draft, and defaults a reader can name (never D1, D2, ...)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from clausekit.cli import main
from clausekit.compare import compare, default_labels
from clausekit.errors import UsageError
from clausekit.language.parser import loads


def _draft(draft_id: str, title: str, header: str = "") -> str:
    return f'draft {draft_id} "{title}" {{\n{header}}}\n\nclause a 1 {{\n  Words of {draft_id}.\n}}\n'


def test_defaults_are_proposer_and_date_else_title_or_id() -> None:
    drafts = [
        loads(_draft("us", "US plan", "  proposer: US\n  date: 2025-11-20\n")),
        loads(_draft("nato", "The North Atlantic Treaty", "  date: 1949-04-04\n")),
        loads(_draft("us-japan-1960", "Treaty of Mutual Cooperation and Security between Japan and the United States")),
        loads(_draft("us-2", "US plan again", "  proposer: US\n  date: 2025-11-20\n")),
    ]
    # One of the drafts without a proposer has a long title: they are all headed by id, alike.
    assert default_labels(drafts) == (
        "US, 2025-11-20",
        "nato, 1949-04-04",
        "us-japan-1960",
        "US, 2025-11-20 (2)",
    )
    # Short titles all: headed by title.
    assert default_labels(drafts[:2]) == ("US, 2025-11-20", "The North Atlantic Treaty, 1949-04-04")
    headings = [column.heading for column in compare(drafts).columns]
    assert not any(heading.startswith("D") and heading[1:2].isdigit() for heading in headings)


def test_labels_head_the_columns_in_order_and_the_rest_keep_their_defaults() -> None:
    drafts = [loads(_draft("a", "Alpha")), loads(_draft("b", "Beta")), loads(_draft("c", "Gamma"))]
    result = compare(drafts, labels=["First", "Second"])
    assert [column.heading for column in result.columns] == ["First", "Second", "Gamma"]
    # The compilation's attribution codes are unchanged by labels.
    assert [column.code for column in result.columns] == ["D1", "D2", "D3"]
    with pytest.raises(UsageError, match="4 labels for 3 drafts"):
        compare(drafts, labels=["1", "2", "3", "4"])


def test_label_on_the_command_line_reaches_every_format(tmp_path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.clause").write_text(_draft(name, name.upper() + " draft"), encoding="utf-8")
    args = ["compare", str(tmp_path / "a.clause"), str(tmp_path / "b.clause"), "--label", "Kyiv", "--label", "Moscow"]
    data = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    assert [column["label"] for column in data["columns"]] == ["Kyiv", "Moscow"]
    markdown = CliRunner().invoke(main, args).stdout
    assert "# Comparison: Kyiv / Moscow" in markdown
    html = CliRunner().invoke(main, [*args, "-f", "html"]).stdout
    assert "Base: Kyiv." in html and ">Moscow<span" in html
