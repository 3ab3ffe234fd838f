"""compare --by issue: one group per negotiating issue, each draft's text or "no position"."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from clausekit.cli import main
from clausekit.compare import compare, group_by_issue
from clausekit.language.parser import loads
from clausekit.library import load_draft
from clausekit.render.compare import render_comparison
from clausekit.render.compare.view import build_comparison_view
from conftest import ROOT

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


def test_a_row_per_issue_holds_each_drafts_clauses_on_it() -> None:
    grouped = _grouped()
    assert [row.issue for row in grouped.issue_rows] == ["nato-membership", "force-size", "sanctions"]
    membership, army, sanctions = grouped.issue_rows
    # The point and its sub-point are the US position on force size; Russia has none.
    assert [cell.clause.id for _, cell in army.positions(0)] == ["army", "army-review"]
    assert (army.stance(0), army.stance(1)) == ("position", "none")
    assert [cell.clause.id for _, cell in membership.positions(1)] == ["neutrality"]
    assert (sanctions.stance(0), sanctions.stance(1)) == ("none", "position")


MULTI = """\
draft ua-framework "Framework" {
  proposer: UA
}

clause guarantees-and-membership 1 {
  corresponds: security-guarantee, nato-membership
  Ukraine receives guarantees; membership of NATO is left to the Alliance.
}

clause vote 2 {
  exactness: missing
  corresponds: elections
}
"""


def test_a_clause_on_two_issues_stands_in_both_rows_and_missing_text_is_not_no_position() -> None:
    drafts = [loads(PLAN, filename="us.clause"), loads(MULTI, filename="ua.clause")]
    grouped = group_by_issue(compare(drafts))
    rows = {row.issue: row for row in grouped.issue_rows}
    assert set(rows) == {"nato-membership", "force-size", "security-guarantee", "elections"}
    for issue in ("nato-membership", "security-guarantee"):
        assert [cell.clause.id for _, cell in rows[issue].positions(1)] == ["guarantees-and-membership"]
    # A clause whose text is missing is a position whose text is not known, never "no position".
    assert rows["elections"].stance(1) == "unknown"
    data = render_comparison(grouped, "markdown")
    line = next(line for line in data.splitlines() if "(#issue-elections)" in line)
    assert line.endswith("| no position | Clause 2: text not available |")


def test_a_draft_with_nothing_on_an_issue_has_no_position() -> None:
    data = render_comparison(_grouped(), "markdown")
    assert "| issue | US, 2025-11 | RU, 2022-04 |" in data
    army = next(line for line in data.splitlines() if "(#issue-force-size)" in line)
    assert army.startswith("| [force-size: limits on the size or equipment of armed forces](#issue-force-size) |")
    assert "| Clause 2: base text; modality: will; quantities: 600,000; Clause 2(a): base text;" in army
    assert army.endswith("| no position |")
    sanctions = next(line for line in data.splitlines() if "(#issue-sanctions)" in line)
    assert sanctions.endswith("| no position | Clause sanctions-lifted: not in base |")
    # What concerns no issue stays a row by clause, after the issues.
    assert "| **other provisions** | | |" in data
    assert data.index("(#issue-sanctions)") < data.index("(#row-elections)")
    # The positions: each draft's clauses on the issue, each in its own words.
    details = data[data.index("## Positions by issue") :]
    assert "- **US, 2025-11** (2 clauses):" in details
    assert "  - *Clause 2(a)* (base text)" in details and "    The limit is reviewed after ten years." in details


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
    army = data["issue_rows"][1]
    assert army["issue"] == "force-size" and army["state"] == "differs"
    assert army["positions"] == [
        {"column": 0, "stance": "position", "rows": ["army", "army-review"]},
        {"column": 1, "stance": "none", "rows": []},
    ]
    schema = json.loads((ROOT / "docs" / "compare.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_html_and_docx_have_a_row_per_issue() -> None:
    html = render_comparison(_grouped(), "html")
    assert '<tr id="issue-force-size" class="differs">' in html
    assert '<th class="clause">Issue</th>' in html
    assert '<div class="part-label">Clause 2(a) <span class="status s-base">base text</span></div>' in html
    import io

    from docx import Document

    document = Document(io.BytesIO(render_comparison(_grouped(), "docx")))
    rows = document.tables[0].rows
    assert rows[0].cells[0].text == "Issue"
    (army,) = [row for row in rows if row.cells[0].text.startswith("force-size: limits")]
    assert "Clause 2(a)" in army.cells[1].text and "The limit is reviewed after ten years." in army.cells[1].text
    assert army.cells[2].text.strip() == "NO POSITION"


# --- the shipped drafts, read by real clients ----------------------------------------------------

import re  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402

from conftest import DRAFTS  # noqa: E402
from render_clients import chromium, need  # noqa: E402

FIVE = [
    DRAFTS / "us-28-point-plan.clause",
    DRAFTS / "e3-counterproposal.clause",
    DRAFTS / "russia-positions.clause",
    DRAFTS / "ukraine-20-point-framework.clause",
    DRAFTS / "european-24-point-plan.clause",
]


def _five_by_issue():
    from clausekit.language.parser import load

    return group_by_issue(compare([load(str(path)) for path in FIVE]))


def test_the_five_proposals_by_issue_set_the_russian_demand_beside_the_us_points() -> None:
    grouped = _five_by_issue()
    issues = [row.issue for row in grouped.issue_rows]
    assert issues[:4] == ["ceasefire", "sovereignty", "non-aggression", "nato-membership"]
    assert len(issues) == len(set(issues))  # one row per issue
    membership = next(row for row in grouped.issue_rows if row.issue == "nato-membership")
    # US points 3 and 7 against the 2021 demand, Istanbul's neutrality and the 2025 memorandum.
    assert [cell.clause.id for _, cell in membership.positions(0)] == ["nato-expansion-expectation", "nato-membership"]
    assert "nato-non-enlargement-2021" in [cell.clause.id for _, cell in membership.positions(2)]
    assert membership.stance(3) == "none"  # the 20-point framework, as read out, says nothing on it
    # The articles that only hold Russia's dated positions concern no issue: rows by clause after the issues.
    assert grouped.rows[-1].issue is None


def chromium_dom(comparison, folder) -> str:
    """The HTML matrix as headless Chromium reads it (its DOM after loading)."""
    page = folder / "matrix.html"
    page.write_text(render_comparison(comparison, "html"), encoding="utf-8")
    result = chromium(["--dump-dom", page.as_uri()], folder / "profile")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.clients
def test_chromium_shows_the_matrix_by_issue(tmp_path) -> None:
    dom = chromium_dom(_five_by_issue(), tmp_path)
    headers = re.findall(r'<th scope="col">(.*?)<span', dom)
    # The 20-point framework and the European plan name no proposer: headed by id (their titles are long).
    assert headers == [
        "US, 2025-11-20 (base)",
        "E3, 2025-11-23",
        "RU, 2025-11",
        "ukraine-20-point-framework, 2025-12-23",
        "european-24-point-plan, 2025-11-23",
    ]
    issues = re.findall(r'<tr id="issue-([a-z-]+)"', dom)
    assert issues[:3] == ["ceasefire", "sovereignty", "non-aggression"] and "nato-membership" in issues
    assert len(issues) == len(set(issues))
    assert "no position" in dom
    assert re.findall(r'<tr class="issue"><th scope="rowgroup" colspan="6">([^<]+)<', dom) == ["other provisions"]


@pytest.mark.clients
def test_pandoc_reads_the_word_matrix_by_issue(tmp_path) -> None:
    need("pandoc")
    path = tmp_path / "by-issue.docx"
    path.write_bytes(render_comparison(_five_by_issue(), "docx"))
    result = subprocess.run(["pandoc", str(path), "-t", "plain", "--wrap=none"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    # The status of a cell prints in capitals in Word, as "NO SUCH CLAUSE" does (render/compare/docx.py).
    assert "nato-membership: membership of NATO" in text and "NO POSITION" in text


MUTUAL_DEFENCE_TREATIES = (
    "north-atlantic-treaty-1949",
    "us-japan-1960",
    "us-rok-1953",
    "rio-treaty-1947",
    "modified-brussels-treaty-1954",
    "warsaw-pact-1955",
    "csto-1992-amended-2010",
    "sino-soviet-1950",
    "ussr-dprk-1961",
    "china-dprk-1961",
    "anglo-polish-1939",
    "china-ussr-1945",
)


def test_the_bundled_treaties_by_issue_have_one_row_of_defence_clauses() -> None:
    result = CliRunner().invoke(main, ["compare", *MUTUAL_DEFENCE_TREATIES, "--by", "issue", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [row["issue"] for row in data["issue_rows"]] == ["security-guarantee", "consultation"]
    first = data["issue_rows"][0]
    # Every treaty's defence clause stands in that one row: none is left "no position".
    assert [position["stance"] for position in first["positions"]] == ["position"] * len(MUTUAL_DEFENCE_TREATIES)
    # ... and they align: one row of the matrix by clause (NATO's Article 5's) holds them all.
    assert [position["rows"] for position in first["positions"]] == [["art-5"]] * len(MUTUAL_DEFENCE_TREATIES)


def test_a_cell_unlike_the_base_shows_its_own_words_not_a_redline() -> None:
    nato, rio = load_draft("north-atlantic-treaty-1949"), load_draft("rio-treaty-1947")
    view = build_comparison_view(group_by_issue(compare([nato, rio], base=0)))
    row = next(r for r in view.rows if r.issue == "security-guarantee")
    (cell,) = row.cells[1].parts
    assert cell.label == "Guarantee 3(1)"
    assert cell.runs == () and "undertakes to assist in meeting the attack" in cell.text
    assert cell.status_text.startswith("modified, ") and cell.status_text.endswith("% similar")
    html = render_comparison(compare([nato, rio], base=0), "html")
    assert "<del>the North Atlantic Treaty Organization</del>" not in html


def _corpus_by_issue():
    drafts = [load_draft(name) for name in MUTUAL_DEFENCE_TREATIES]
    return group_by_issue(compare(drafts, base=0))


@pytest.mark.clients
def test_chromium_shows_the_corpus_treaties_by_issue_each_in_its_own_words(tmp_path) -> None:
    dom = chromium_dom(_corpus_by_issue(), tmp_path)
    assert len(re.findall(r"<th scope=\"col\">", dom)) == len(MUTUAL_DEFENCE_TREATIES)  # a column each
    assert re.findall(r'<tr id="issue-([a-z-]+)"', dom) == ["security-guarantee", "consultation"]
    # Rio's Article 3(1) in its own words, not interleaved with NATO's Article 5.
    (rio,) = [part for part in dom.split('<div class="part ') if "undertakes to assist in meeting the attack" in part]
    assert "<del>" not in rio and "% similar" in rio


@pytest.mark.clients
def test_pandoc_reads_the_corpus_treaties_in_word_and_markdown(tmp_path) -> None:
    need("pandoc")
    comparison = _corpus_by_issue()
    path = tmp_path / "corpus.docx"
    path.write_bytes(render_comparison(comparison, "docx"))
    word = subprocess.run(["pandoc", str(path), "-t", "html", "--wrap=none"], capture_output=True, timeout=120)
    assert word.returncode == 0, word.stderr
    markdown = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "plain", "--wrap=none"],
        input=render_comparison(comparison, "markdown").encode("utf-8"),
        capture_output=True,
        timeout=120,
    )
    assert markdown.returncode == 0, markdown.stderr
    for text in (word.stdout.decode("utf-8"), markdown.stdout.decode("utf-8")):
        assert "security-guarantee" in text and "undertakes to assist in meeting the attack" in text


def test_a_compilation_text_by_issue_is_refused_with_the_reason(tmp_path) -> None:
    (tmp_path / "us.clause").write_text(PLAN, encoding="utf-8")
    (tmp_path / "ru.clause").write_text(POSITIONS, encoding="utf-8")
    out = tmp_path / "compilation.clause"
    drafts = [str(tmp_path / "us.clause"), str(tmp_path / "ru.clause")]
    result = CliRunner().invoke(main, ["compare", *drafts, "--by", "issue", "-f", "clause", "-o", str(out)])
    assert result.exit_code == 2
    assert "a compilation text (-f clause) follows the base's clauses" in result.output
    assert not out.exists()
