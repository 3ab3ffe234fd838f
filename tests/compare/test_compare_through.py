"""Correspondences followed through a third draft: a clause stated to answer a clause of any
draft of the comparison joins that clause's row, not only a clause of the base."""

from __future__ import annotations

from clausekit.compare import compare
from clausekit.language.parser import loads

BASE = """\
draft e3-text "E3 text" {
  proposer: E3
}

clause guarantee 1 {
  Ukraine receives robust security guarantees.
}

clause elections 2 {
  Elections are held after the signing.
}
"""

PLAN = """\
draft us-text "US text" {
  proposer: US
}

clause guarantee 1 {
  Ukraine receives reliable security guarantees.
}

clause enlargement 2 {
  It is expected that NATO will not expand further.
}
"""

POSITIONS = """\
draft ru-text "Russian positions" {
  proposer: RU
}

clause security-demand {
  corresponds: us-text::guarantee
  Any guarantee must be given by all permanent members of the Security Council together.
}

clause no-expansion {
  corresponds: us-text::enlargement
  NATO gives legally binding undertakings not to admit any further state.
}
"""


def _rows(*texts: str):
    drafts = [loads(text, filename=f"{i}.clause") for i, text in enumerate(texts)]
    return compare(drafts).rows


def _ids(row) -> list[str | None]:
    return [cell.clause.id if cell.clause is not None else None for cell in row.cells]


def test_a_clause_naming_a_clause_of_the_second_draft_joins_the_base_row_it_stands_in() -> None:
    rows = _rows(BASE, PLAN, POSITIONS)
    (row,) = [r for r in rows if r.key == "guarantee"]
    assert _ids(row) == ["guarantee", "guarantee", "security-demand"]
    cell = row.cells[2]
    # Paired with the base's clause: its redline and findings are against it, and it says why it is here.
    assert cell.status == "modified" and cell.words
    assert cell.note == "in this row by its stated correspondence to us-text::guarantee"
    assert not [r for r in rows if "security-demand" in _ids(r) and r is not row]


def test_a_clause_naming_a_clause_the_base_lacks_shares_that_clause_s_row() -> None:
    rows = _rows(BASE, PLAN, POSITIONS)
    (row,) = [r for r in rows if "enlargement" in _ids(r)]
    assert _ids(row) == [None, "enlargement", "no-expansion"]
    assert [cell.status for cell in row.cells] == ["gap", "added", "added"]
    assert not [r for r in rows if "no-expansion" in _ids(r) and r is not row]


def test_the_row_of_a_clause_that_is_named_stays_where_its_draft_put_it() -> None:
    rows = _rows(BASE, PLAN, POSITIONS)
    keys = [r.key for r in rows]
    # The US clause keeps its row, after the base clause it follows; the Russian one came to it.
    assert keys.index("enlargement") == keys.index("guarantee") + 1


def test_two_versions_of_one_draft_name_neither() -> None:
    # Both later columns are "us-text": a reference to us-text cannot say which is meant.
    rows = _rows(BASE, PLAN, PLAN.replace("reliable", "dependable"), POSITIONS)
    (row,) = [r for r in rows if r.key == "guarantee"]
    assert _ids(row)[3] is None
