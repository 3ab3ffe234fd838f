"""clausekit brackets: open brackets by article and delegation; the diff's bracket findings."""

from __future__ import annotations

import json

from clausekit.diff import diff
from clausekit.language.parser import loads
from clausekit.negotiation.brackets import open_brackets
from conftest import DRAFTS, FIXTURES, run_clausekit

SOURCE = """draft d "D" {
  proposer: US
}

parties {
  US "the United States"
  E3 "the E3"
  UA "Ukraine"
}

article one 1 "First" {
  clause cap 1 {
    Forces capped at [US: 600,000 | E3: 800,000] troops [E3: in peacetime].
  }
}

guarantee g 2 {
  guarantor: US
  beneficiary: UA
  trigger: an armed attack [US: | E3: against @UA]
}
"""


def test_lists_every_open_bracket_with_its_article_location_and_parties():
    report = open_brackets(loads(SOURCE, filename="d.clause"))
    assert [str(b.location) for b in report.brackets] == ["d.clause:13:22", "d.clause:13:57", "d.clause:20:28"]
    assert report.brackets[0].article == 'Article 1 "First"'
    assert report.brackets[0].where == "Clause 1(1)"
    assert report.brackets[0].text == "[US: 600,000 | E3: 800,000]"
    assert report.by_party() == {"E3": 3, "US": 2}
    assert report.by_article() == {
        'Article 1 "First"': {"total": 2, "US": 1, "E3": 2},
        "Guarantee 2": {"total": 1, "US": 1, "E3": 1},
    }


def test_cli_text_and_json(tmp_path):
    path = tmp_path / "d.clause"
    path.write_text(SOURCE, encoding="utf-8")
    text = run_clausekit("brackets", str(path))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.decode().splitlines()
    assert lines[0] == f"{path}: 3 open brackets (E3 3, US 2)"
    assert f"    {path}:13:22: Clause 1(1): [US: 600,000 | E3: 800,000]" in lines
    data = json.loads(run_clausekit("brackets", str(path), "-f", "json").stdout)
    assert data["schema"] == "clausekit.brackets/1"
    assert data["files"][0]["total"] == 3
    assert data["files"][0]["brackets"][2]["options"] == [
        {"party": "US", "text": ""},
        {"party": "E3", "text": "against UA"},
    ]


def test_shipped_russian_positions_and_a_compilation(tmp_path):
    result = run_clausekit("brackets", str(DRAFTS / "russia-positions.clause"), "-f", "json")
    assert result.returncode == 0
    counts = json.loads(result.stdout)["files"][0]["by_party"]
    assert counts["RU"] >= 4 and counts["UA"] >= 4
    small = [FIXTURES / "golden" / "compare" / f"{n}.clause" for n in ("us", "e3", "ru")]
    out = tmp_path / "c.clause"
    run_clausekit("compare", *map(str, small), "-f", "clause", "-o", str(out))
    by_party = json.loads(run_clausekit("brackets", str(out), "-f", "json").stdout)["files"][0]["by_party"]
    assert by_party == {"E3": 6, "RU": 7, "US": 7}  # E3 holds no option where its text is not available


def test_bad_input_exits_2_with_a_position(tmp_path):
    path = tmp_path / "bad.clause"
    path.write_text('draft b "B" {\n}\n\nclause a {\n  [open\n}\n', encoding="utf-8")
    result = run_clausekit("brackets", str(path))
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{path}:5:")


def test_the_diff_reports_brackets_opened_and_resolved():
    old = loads(SOURCE, filename="old")
    agreed = SOURCE.replace("[US: 600,000 | E3: 800,000]", "700,000")
    new = loads(agreed.replace("troops [E3: in peacetime]", "troops [E3: in peacetime | US: always]"), filename="new")
    kinds = [(f.kind, f.direction) for c in diff(old, new).changes for f in c.findings if f.kind.startswith("bracket.")]
    assert ("bracket.resolved", "removed") in kinds  # the force cap agreed
    assert ("bracket.opened", "added") in kinds  # a US alternative added
    back = [f.kind for c in diff(new, old).changes for f in c.findings if f.kind.startswith("bracket.")]
    assert "bracket.opened" in back and "bracket.resolved" in back


def test_the_text_report_reads_the_brackets_once_not_once_per_article() -> None:
    """Linear (issue 16): the report went through every bracket for every article, so 20,000
    bracketed clauses took 8 s. Counted, not timed: how often the list of brackets is read."""
    import dataclasses

    from clausekit.render.negotiation.brackets import brackets_text

    clauses = "".join(f"clause c{i} {i} {{\n  @US shall [US: do | RU: not do] it.\n}}\n\n" for i in range(1, 301))
    draft = loads('draft d "Many" {\n}\n\nparties {\n  US "US"\n  RU "Russia"\n}\n\n' + clauses, "d.clause")
    report = open_brackets(draft)
    reads = []

    class Counted(tuple):
        def __iter__(self):
            reads.append(1)
            return super().__iter__()

    counted = dataclasses.replace(report, brackets=Counted(report.brackets))
    text = brackets_text([counted])
    assert text == brackets_text([report]) and text.count("[US: do | RU: not do]") == 300
    assert len(reads) <= 3  # before: once per article, 300 times
