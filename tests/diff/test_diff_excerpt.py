"""A text known only in part (``extent: excerpt``): what it lacks is not known to be gone (issue 14).

A source that quotes one sentence of a point says nothing of the rest, so neither the diff nor
the position matrix may report a sub-point, a quantity or a party of the fuller draft as removed.
"""

from __future__ import annotations

import pytest

from clausekit.compare import compare
from clausekit.diff import diff
from clausekit.errors import ClauseSyntaxError
from clausekit.language.parser import load, loads
from conftest import DRAFTS

HEADER = 'draft %s "T" {\n  proposer: US\n}\n\nparties {\n  US "the United States"\n  UA "Ukraine"\n}\n\n'
FULL = (
    "clause assets 14 {\n  @UA will be rebuilt with $100 billion from @US.\n\n"
    "  clause fund a {\n    A fund will be set up.\n  }\n\n"
    "  clause venture b {\n    A venture will share profits.\n  }\n}\n"
)
EXCERPT = (
    "clause assets 14 {\n  extent: excerpt\n\n  @UA will be rebuilt.\n\n"
    "  clause fund a {\n    A fund will be set up.\n  }\n}\n"
)


def _drafts():
    return loads(HEADER % "full" + FULL, "full.clause"), loads(HEADER % "part" + EXCERPT, "part.clause")


def _by_key(result):
    return {change.key: change for change in result.changes}


def test_what_an_excerpt_lacks_is_not_known_rather_than_removed():
    full, part = _drafts()
    changes = _by_key(diff(full, part))
    assert changes["venture"].kinds == ("unknown",)
    assert (
        "the new draft's text of 14 is an excerpt: it may be in the full text" in changes["venture"].findings[0].detail
    )
    findings = changes["assets"].findings
    assert not any(f.direction == "removed" or "removed" in f.detail for f in findings), findings
    not_known = [f.detail for f in findings if f.kind == "excerpt.not-known"]
    assert any("quantity: $100 billion" in d for d in not_known) and any(
        "names the United States" in d for d in not_known
    )
    assert "it may be in the full text" in not_known[0]


def test_an_excerpt_on_the_old_side_hides_what_the_new_adds():
    full, part = _drafts()
    changes = _by_key(diff(part, full))
    assert changes["venture"].kinds == ("unknown",)
    assert not any(f.direction == "added" for f in changes["assets"].findings)


def test_an_excerpt_is_compared_for_what_it_says():
    full, _part = _drafts()
    changed = loads((HEADER % "part" + EXCERPT).replace("rebuilt.", "rebuilt with $200 billion."), "part2.clause")
    findings = _by_key(diff(full, changed))["assets"].findings
    assert any(f.kind == "quantity.changed" and f.direction == "increased" for f in findings), findings


def test_the_matrix_shows_a_sub_point_an_excerpt_lacks_as_not_known():
    full, part = _drafts()
    row = next(r for r in compare([full, part]).rows if r.key == "venture")
    assert row.cells[1].status == "unknown"
    assert "excerpt" in (row.cells[1].note or "")


def test_extent_takes_whole_or_excerpt():
    with pytest.raises(ClauseSyntaxError, match="unknown extent 'partial'"):
        loads(HEADER % "x" + "clause a 1 {\n  extent: partial\n  Words.\n}\n", "x.clause")


def test_the_e3_points_known_in_part_report_nothing_removed_that_the_full_text_may_hold():
    result = diff(load(str(DRAFTS / "us-28-point-plan.clause")), load(str(DRAFTS / "e3-counterproposal.clause")))
    removed = {c.new_cited or c.old_cited for c in result.changes if "removed" in c.kinds}
    assert removed == {"3", "26"}  # the two points the reports say the E3 text deletes
    changes = _by_key(result)
    assert not any("removed" in f.detail for f in changes["frozen-assets"].findings)
    for key in ("guarantee-void-missile", "donetsk-withdrawal"):  # 10(d), 21(d)
        assert changes[key].kinds == ("unknown",), key
