"""Correspondences: clauses that a drafter says answer each other, and issues they share, align first."""

from __future__ import annotations

from clausekit.diff import diff
from clausekit.language.parser import loads

PLAN = """\
draft us-plan "US plan" {
  proposer: US
}

clause expansion 3 {
  corresponds: nato-membership
  It is expected that NATO will not expand further.
}

clause membership 7 {
  corresponds: nato-membership
  Ukraine agrees not to join NATO.
}

clause army 6 {
  corresponds: force-size
  The armed forces of Ukraine will be limited to 600,000 personnel.
}
"""

POSITIONS = """\
draft ru-positions "Russian positions" {
  proposer: RU
}

clause non-enlargement-2021 4 {
  corresponds: nato-membership, us-plan::expansion
  The United States shall undertake to prevent further eastward expansion of the Alliance.
}

clause neutrality-2022 {
  corresponds: nato-membership
  Ukraine is permanently neutral.
}

clause caps-2022 {
  corresponds: force-size
  Limits on the armed forces in peacetime.
}
"""


def _pairs(old_source: str, new_source: str) -> dict[tuple[str | None, str | None], str | None]:
    result = diff(loads(old_source, filename="old.clause"), loads(new_source, filename="new.clause"))
    return {(c.old.id if c.old else None, c.new.id if c.new else None): c.match for c in result.changes}


def test_a_stated_correspondence_and_a_shared_issue_pair_clauses_with_no_words_in_common() -> None:
    pairs = _pairs(PLAN, POSITIONS)
    assert pairs[("expansion", "non-enlargement-2021")] == "correspondence"
    # force-size: the only clause on each side to concern it.
    assert pairs[("army", "caps-2022")] == "issue"
    # nato-membership: two clauses on each side, so the one left once the stated pair is
    # taken is not thereby the other's counterpart.
    assert ("membership", None) in pairs and (None, "neutrality-2022") in pairs


def test_the_alignment_is_the_same_whichever_draft_is_old() -> None:
    forward = _pairs(PLAN, POSITIONS)
    backward = _pairs(POSITIONS, PLAN)
    assert {(old, new): how for (new, old), how in backward.items()} == forward


def test_an_issue_that_several_clauses_concern_pairs_none_of_them() -> None:
    without_statement = POSITIONS.replace(", us-plan::expansion", "")
    pairs = _pairs(PLAN, without_statement)
    assert ("expansion", None) in pairs and ("membership", None) in pairs
    assert (None, "non-enlargement-2021") in pairs and (None, "neutrality-2022") in pairs
    assert pairs[("army", "caps-2022")] == "issue"


def test_two_versions_of_one_draft_state_nothing_about_each_other() -> None:
    # A clause of a draft that names its own draft is not a correspondence across versions.
    old = PLAN.replace("corresponds: force-size", "corresponds: us-plan::expansion")
    new = PLAN.replace("clause army 6", "clause army-cap 6")
    pairs = _pairs(old, new)
    assert pairs[("army", "army-cap")] == "text"


def test_a_correspondence_survives_fmt() -> None:
    from clausekit.language.format import format_draft

    draft = loads(POSITIONS, filename="p.clause")
    assert "  corresponds: nato-membership, us-plan::expansion\n" in format_draft(draft)
    again = loads(format_draft(draft), filename="p.clause")
    assert again == draft
    assert draft.clause("non-enlargement-2021").issues == ("nato-membership",)
    assert draft.clause("non-enlargement-2021").counterparts == ("us-plan::expansion",)


# --- metadata lines and numbers across instruments -------------------------------------------------


def test_renumbered_is_reported_within_one_instrument_only() -> None:
    from clausekit.diff import same_instrument

    plan = loads(PLAN, filename="plan.clause")
    renumbered = loads(PLAN.replace("clause army 6", "clause army 9"), filename="v2.clause")
    assert same_instrument(plan, renumbered)
    assert "renumbered" in diff(plan, renumbered).changes[-1].kinds
    positions = loads(POSITIONS, filename="positions.clause")
    assert not same_instrument(plan, positions)
    assert not any("renumbered" in change.kinds for change in diff(plan, positions).changes)


def test_plans_whose_points_share_ids_but_not_words_are_different_instruments() -> None:
    from clausekit.diff import same_instrument

    plan = loads(PLAN, filename="plan.clause")
    # Another plan, its drafter giving its points the US plan's ids so that they align: a mark-up
    # keeps its base's words, this one says each point its own way and numbers them its own way.
    rival = loads(
        PLAN.replace('draft us-plan "US plan"', 'draft eu-plan "European plan"')
        .replace("clause expansion 3", "clause expansion 1")
        .replace("It is expected that NATO will not expand further.", "Enlargement is a matter for the Alliance.")
        .replace("clause membership 7", "clause membership 2")
        .replace("Ukraine agrees not to join NATO.", "Ukraine's path to the Alliance stays open.")
        .replace("clause army 6", "clause army 3")
        .replace("will be limited to 600,000 personnel", "are capped at 800,000 in peacetime"),
        filename="rival.clause",
    )
    assert not same_instrument(plan, rival)
    assert not any("renumbered" in change.kinds for change in diff(plan, rival).changes)
    # The same ids with most of the words kept: a version of the plan, renumbered.
    markup = loads(
        PLAN.replace('draft us-plan "US plan"', 'draft e3-markup "E3 mark-up"')
        .replace("clause army 6", "clause army 9")
        .replace("600,000", "800,000"),
        filename="markup.clause",
    )
    assert same_instrument(plan, markup)
    assert "renumbered" in diff(plan, markup).changes[-1].kinds


def test_the_us_and_european_plans_are_different_instruments_and_the_e3_mark_up_is_not() -> None:
    from clausekit.diff import same_instrument
    from clausekit.language.parser import load
    from conftest import DRAFTS

    us, e3, european = (
        load(str(DRAFTS / name))
        for name in ("us-28-point-plan.clause", "e3-counterproposal.clause", "european-24-point-plan.clause")
    )
    assert same_instrument(us, e3) and not same_instrument(us, european)
    assert not any("renumbered" in change.kinds for change in diff(us, european).changes)


def test_header_fields_are_compared_as_fields_in_every_format() -> None:
    from clausekit.render.diff import render_diff

    old = loads(PLAN.replace("  proposer: US\n", "  proposer: US\n  date: 1949-04-04\n  status: signed\n"))
    new = loads(POSITIONS.replace("  proposer: RU\n", "  proposer: RU\n  date: 1960-01-19\n  status: signed\n"))
    result = diff(old, new)
    assert result.metadata() == (
        ("title", "US plan", "Russian positions"),
        ("proposer", "US", "RU"),
        ("date", "1949-04-04", "1960-01-19"),
    )

    def text(fmt: str) -> str:
        out = render_diff(result, fmt)
        return out if isinstance(out, str) else "".join(out)

    assert "  Date: 1949-04-04 -> 1960-01-19\n" in text("text")
    assert "- **Date:** 1949-04-04 → 1960-01-19\n" in text("markdown")
    assert '<dt>Date</dt><dd><span class="old">1949-04-04</span> → <span class="new">1960-01-19</span></dd>' in text(
        "html"
    )
    import json

    assert {"field": "date", "old": "1949-04-04", "new": "1960-01-19"} in json.loads(text("json"))["metadata"]


def test_the_redline_title_block_replaces_values_whole() -> None:
    from clausekit.render.diff.paragraphs import document_diff
    from clausekit.render.diff.redline import header_line

    old = loads(PLAN.replace("  proposer: US\n", "  proposer: US\n  date: 1949-04-04\n"))
    new = loads(POSITIONS.replace("  proposer: RU\n", "  proposer: RU\n  date: 1960-01-19\n"))
    result = diff(old, new)
    date = next(p for p in document_diff(result) if p.block.text.startswith("Date: "))
    assert [(op.op, op.text) for op in date.ops] == [
        ("equal", "Date: "),
        ("delete", "1949-04-04"),
        ("insert", "1960-01-19"),
    ]
    assert header_line(result) == "Russian positions (RU, 1960-01-19), marked against US plan (US, 1949-04-04)"


def test_between_different_instruments_an_issue_says_more_than_a_shared_article_id() -> None:
    nato = loads(
        'draft nato "NATO" {\n}\n\narticle art-4 4 {\n  corresponds: consultation\n  The Parties will consult.\n}\n\n'
        "article art-5 5 {\n  corresponds: security-guarantee\n  An armed attack against one is an attack on all.\n}\n",
        filename="nato.clause",
    )
    pact = loads(
        'draft pact "Pact" {\n}\n\narticle art-4 4 {\n  corresponds: security-guarantee\n'
        "  In the event of armed attack each state shall render assistance.\n}\n",
        filename="pact.clause",
    )
    pairs = _pairs_of(nato, pact)
    assert pairs[("art-5", "art-4")] == "issue"
    assert ("art-4", None) in pairs
    # One instrument's versions still pair by id first, whatever their issues say.
    assert _pairs_of(nato, replace(nato, body=nato.body[:1]))[("art-4", "art-4")] == "id"


def _pairs_of(old, new):
    return {(c.old.id if c.old else None, c.new.id if c.new else None): c.match for c in diff(old, new).changes}


from dataclasses import replace  # noqa: E402
