"""compare --suggest: likely correspondences with score and evidence, never applied."""

from __future__ import annotations

import json

from click.testing import CliRunner

from clausekit.cli import main
from clausekit.compare import compare
from clausekit.compare.suggest import MIN_SCORE, suggest, with_suggestions
from clausekit.language.parser import loads
from clausekit.render.compare import render_comparison

BASE = """\
draft us-plan "US plan" {
  proposer: US
}

parties {
  US "the United States"
  UA "Ukraine"
}

guarantee us-guarantee 10 {
  guarantor: US
  beneficiary: UA
  The United States will provide a guarantee against renewed aggression.
}

clause elections 25 {
  Elections will take place in Ukraine within one hundred days.
}
"""

OTHER = """\
draft eu-plan "European plan" {
  proposer: EU
}

parties {
  US "the United States"
  UA "Ukraine"
  EU "the European Union"
}

guarantee article-5-like {
  guarantor: US
  beneficiary: UA
  Partners of Ukraine pledge assistance modelled on NATO's Article 5 if renewed aggression occurs.
}

clause frozen-assets {
  Frozen Russian assets remain frozen until Russia compensates the damage.
}
"""


def _comparison():
    return compare([loads(BASE, filename="us.clause"), loads(OTHER, filename="eu.clause")])


def test_a_likely_pair_is_suggested_with_its_evidence_and_the_line_to_write() -> None:
    found, notes = suggest(_comparison())
    assert notes == ()
    (only,) = found
    assert (only.clause.id, only.base_clause.id) == ("article-5-like", "us-guarantee")
    assert only.score >= MIN_SCORE
    assert "both are guarantees" in only.evidence and "guarantor in common: US" in only.evidence
    assert any(item.startswith("both say ") and "'renewed'" in item for item in only.evidence)
    assert only.field_line == "corresponds: us-plan::us-guarantee"


def test_suggestions_are_never_applied() -> None:
    plain = _comparison()
    suggested = with_suggestions(plain)
    assert suggested.rows == plain.rows
    assert [cell.status for cell in suggested.row("article-5-like").cells] == ["gap", "added"]


def test_a_stated_correspondence_leaves_nothing_to_suggest() -> None:
    stated = OTHER.replace("  guarantor: US\n", "  corresponds: us-plan::us-guarantee\n  guarantor: US\n", 1)
    comparison = compare([loads(BASE, filename="us.clause"), loads(stated, filename="eu.clause")])
    assert suggest(comparison) == ((), ())


def test_every_format_shows_the_suggestions(tmp_path) -> None:
    (tmp_path / "us.clause").write_text(BASE, encoding="utf-8")
    (tmp_path / "eu.clause").write_text(OTHER, encoding="utf-8")
    args = ["compare", str(tmp_path / "us.clause"), str(tmp_path / "eu.clause"), "--suggest"]
    data = json.loads(CliRunner().invoke(main, [*args, "-f", "json"]).stdout)
    (entry,) = data["suggestions"]
    assert entry["clause"] == "article-5-like" and entry["base_clause"] == "us-guarantee" and entry["column"] == 1
    markdown = CliRunner().invoke(main, args).stdout
    assert "## Suggested correspondences (not applied)" in markdown
    assert "`corresponds: us-plan::us-guarantee`" in markdown
    assert "<code>corresponds: us-plan::us-guarantee</code>" in render_comparison(
        with_suggestions(_comparison()), "html"
    )
    without = json.loads(CliRunner().invoke(main, [*args[:-1], "-f", "json"]).stdout)
    assert without["suggestions"] == []


def test_the_word_matrix_lists_the_suggestions() -> None:
    import io

    from docx import Document

    document = Document(io.BytesIO(render_comparison(with_suggestions(_comparison()), "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "Suggested correspondences (not applied)" in texts
    assert any("To accept: corresponds: us-plan::us-guarantee" in text for text in texts)


TREATY = """draft nato-like "A defence treaty" {
}

parties {
  AA "Atlantis"
  BB "Borduria"
}

article defence 1 {
  The Parties agree that an armed attack against either of them shall be considered an attack against them
  both, and each of them will assist the Party so attacked by taking forthwith such action as it deems
  necessary, including the use of armed force.
}

article area 2 {
  For the purpose of Article 1, an armed attack on either Party is deemed to include an armed attack on the
  territory of either Party in Europe, on its forces, vessels or aircraft.
}
"""
SECURITY = """draft japan-like "A security treaty" {
}

parties {
  AA "Atlantis"
  CC "Carpania"
}

article commitment 5 {
  Each Party recognizes that an armed attack against either Party in the territories under its administration
  would be dangerous to its own peace and safety and declares that it would act to meet the common danger, by
  the use of armed force if need be.
}
"""


def test_profiles_lift_two_treaty_articles_that_share_few_words(monkeypatch) -> None:
    comparison = compare([loads(TREATY, filename="a.clause"), loads(SECURITY, filename="b.clause")])
    (found,) = suggest(comparison)[0]
    assert (found.clause.id, found.base_clause.id) == ("commitment", "defence")
    assert "profiles read the same on 2 of 10 dimensions: means, trigger" in found.evidence
    # The shared words named are those of subject matter, not "against", "and" or "each".
    assert "both say 'force', 'use'" in found.evidence
    # The area article states no obligation: its profile adds nothing, and words alone suggest no pair.
    monkeypatch.setattr("clausekit.compare.suggest.PROFILE_WEIGHT", 0.0)
    assert suggest(comparison)[0] == ()
