"""compare --by issue: one group per negotiating issue, each draft's text or "no position"."""

from __future__ import annotations

import json

from click.testing import CliRunner

from clausekit.cli import main
from clausekit.compare import compare, group_by_issue
from clausekit.language.parser import loads
from clausekit.render.compare import render_comparison

PLAN = """\
draft us-plan "US plan" {
  proposer: US
  date: 2025-11
}

clause membership 1 {
  corresponds: nato-membership
  Ukraine agrees not to join NATO.
}

clause army 2 {
  corresponds: force-size
  The armed forces of Ukraine will be limited to 600,000 personnel.

  clause army-review a {
    The limit is reviewed after ten years.
  }
}

clause elections 3 {
  Elections will be held in 100 days.
}
"""

POSITIONS = """\
draft ru-positions "Russian positions" {
  proposer: RU
  date: 2022-04
}

clause neutrality {
  corresponds: nato-membership
  Ukraine is permanently neutral and does not join military alliances.
}

clause sanctions-lifted {
  corresponds: sanctions
  All sanctions are lifted.
}
"""


def _grouped():
    drafts = [loads(PLAN, filename="us.clause"), loads(POSITIONS, filename="ru.clause")]
    return group_by_issue(compare(drafts))


def test_rows_are_grouped_in_the_order_of_the_issues_and_sub_points_stay_with_their_point() -> None:
    grouped = _grouped()
    assert grouped.by == "issue"
    assert [(row.key, row.issue) for row in grouped.rows] == [
        ("membership", "nato-membership"),
        ("army", "force-size"),
        ("army-review", "force-size"),
        ("sanctions-lifted", "sanctions"),
        ("elections", None),
    ]
    # The only clause on each side to concern nato-membership share a row, though their words differ.
    membership = grouped.rows[0]
    assert [cell.clause.id for cell in membership.cells] == ["membership", "neutrality"]


def test_a_draft_with_nothing_on_an_issue_has_no_position() -> None:
    data = render_comparison(_grouped(), "markdown")
    assert "| **nato-membership: membership of NATO, its enlargement, and neutrality instead of it** | | |" in data
    assert "| **other provisions** | | |" in data
    army = next(line for line in data.splitlines() if "(#row-army)" in line)
    assert army.endswith("| no position |")
    sanctions = next(line for line in data.splitlines() if "(#row-sanctions-lifted)" in line)
    assert "| no position | not in base |" in sanctions


def test_the_json_says_how_rows_are_grouped(tmp_path) -> None:
    (tmp_path / "us.clause").write_text(PLAN, encoding="utf-8")
    (tmp_path / "ru.clause").write_text(POSITIONS, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["compare", str(tmp_path / "us.clause"), str(tmp_path / "ru.clause"), "--by", "issue", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"] == "issue"
    assert [(row["key"], row["issue"], row["issues"]) for row in data["rows"]][:2] == [
        ("membership", "nato-membership", ["nato-membership"]),
        ("army", "force-size", ["force-size"]),
    ]


def test_html_and_docx_carry_the_issue_headings() -> None:
    html = render_comparison(_grouped(), "html")
    assert '<tr class="issue"><th scope="rowgroup" colspan="3">force-size: ' in html
    import io

    from docx import Document

    document = Document(io.BytesIO(render_comparison(_grouped(), "docx")))
    texts = [row.cells[0].text for row in document.tables[0].rows]
    assert any(text.startswith("sanctions: sanctions") for text in texts)
