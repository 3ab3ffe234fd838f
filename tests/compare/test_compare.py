"""clausekit compare: the Comparison model, the position matrix in every format, the CLI.

Golden files people can read: tests/fixtures/golden/compare/ holds a small three-draft case (us, e3,
ru) and its Markdown matrix and compilation text. Regenerate after an intended change:
CLAUSEKIT_REGENERATE=1 python -m pytest tests/compare/test_compare.py
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import jsonschema
import pytest

from clausekit.compare import attribution_codes, compare
from clausekit.language.parser import load, loads
from clausekit.render.compare import comparison_data, render_comparison
from conftest import DRAFTS, FIXTURES, REGENERATE, ROOT, run_clausekit
from render_clients import chromium

GOLDEN = FIXTURES / "golden" / "compare"
SMALL = [GOLDEN / "us.clause", GOLDEN / "e3.clause", GOLDEN / "ru.clause"]
SHIPPED = [DRAFTS / "us-28-point-plan.clause", DRAFTS / "e3-counterproposal.clause", DRAFTS / "russia-positions.clause"]


def small():
    return compare([load(str(p)) for p in SMALL])


def statuses(comparison, key):
    return [cell.status for cell in comparison.row(key).cells]


# --- the model ---------------------------------------------------------------------------


def test_columns_are_headed_by_proposer_and_date():
    c = small()
    assert [col.heading for col in c.columns] == ["US, 2025-11-20", "E3, 2025-11-23", "RU, 2025-11"]
    assert [col.code for col in c.columns] == ["US", "E3", "RU"]


def test_rows_follow_the_base_and_cells_say_what_each_draft_holds():
    c = small()
    assert statuses(c, "sovereignty") == ["base", "same", "same"]
    assert c.row("sovereignty").state == "agreed"
    assert statuses(c, "force-cap") == ["base", "modified", "modified"]
    assert statuses(c, "amnesty") == ["base", "gap", "same"]
    assert statuses(c, "reconstruction") == ["gap", "added", "gap"]


def test_a_placeholder_is_text_not_available_never_a_gap_or_agreement():
    c = small()
    assert statuses(c, "jets") == ["base", "missing", "gap"]
    row = c.row("jets")
    assert row.state == "differs"
    only_missing = compare([load(str(SMALL[0])), load(str(SMALL[1]))])
    assert only_missing.row("jets").state == "unknown"  # not "agreed"
    assert only_missing.row("jets").cells[1].facts is None


def test_clauses_absent_from_the_base_follow_their_nearest_preceding_aligned_clause():
    c = small()
    keys = [row.key for row in c.rows]
    # Russia's neutrality comes after force-cap in its draft; E3's reconstruction after the guarantee.
    assert keys.index("neutrality") == keys.index("force-cap") + 1
    assert keys.index("reconstruction") == keys.index("guarantee") + 1
    assert not c.row("neutrality").in_base


def test_cells_carry_key_facts_and_differences_from_the_base():
    c = small()
    us, e3, ru = c.row("force-cap").cells
    assert us.facts.quantities == ("600,000",) and us.facts.modalities == ("will",)
    assert e3.facts.quantities == ("800,000",) and "in peacetime" in e3.facts.qualifiers
    assert ru.facts.modalities == ("shall",)
    kinds = {f.kind for f in e3.findings}
    assert {"quantity.changed", "qualifier.added"} <= kinds
    assert any(f.kind == "modality.strengthened" for f in ru.findings)
    deleted = "".join(w.text for w in e3.words if w.op == "delete")
    inserted = "".join(w.text for w in e3.words if w.op == "insert")
    assert "600,000" in deleted and "800,000" in inserted
    g = c.row("guarantee").cells
    assert g[0].facts.guarantors == ("US",) and g[0].facts.durations == ("10 years",)


def test_any_draft_can_be_the_base():
    c = compare([load(str(p)) for p in SMALL], base=2)
    assert c.base == 2
    assert statuses(c, "neutrality") == ["gap", "gap", "base"]
    assert c.row("neutrality").in_base


def test_comparing_a_draft_with_itself_agrees_everywhere():
    draft = load(str(SMALL[0]))
    c = compare([draft, draft])
    assert all(row.state == "agreed" for row in c.rows)


def test_attribution_codes_keep_two_drafts_of_one_proposer_apart():
    a = loads('draft a "A" {\n  proposer: US\n}\n', filename="a")
    b = loads('draft b "B" {\n  proposer: US\n}\n', filename="b")
    c = loads('draft c "C" {\n}\n', filename="c")
    assert attribution_codes([a, b, c, a]) == ("US", "US-2", "D3", "US-3")


def test_fewer_than_two_drafts_is_a_usage_error():
    from clausekit.errors import UsageError

    with pytest.raises(UsageError):
        compare([load(str(SMALL[0]))])


# --- outputs -----------------------------------------------------------------------------


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{path} differs (CLAUSEKIT_REGENERATE=1 to update)"


def test_markdown_matrix_golden():
    _golden("matrix.md", render_comparison(small(), "markdown"))


def test_markdown_matrix_with_provenance_marks_golden():
    # A paraphrased cell, a text known only in part, and the sub-point the excerpt lacks (not known).
    drafts = [load(str(GOLDEN / f"provenance-{name}.clause")) for name in ("us", "e3")]
    text = render_comparison(compare(drafts), "markdown")
    assert "paraphrase" in text and "excerpt (the source quotes part of the text)" in text
    _golden("provenance-matrix.md", text)


def test_compilation_text_golden():
    _golden("compilation.clause", render_comparison(small(), "clause"))


def test_json_validates_against_the_published_schema():
    schema = json.loads((ROOT / "docs" / "compare.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for comparison in (small(), compare([load(str(p)) for p in SHIPPED])):
        data = json.loads(render_comparison(comparison, "json"))
        assert data["schema"] == "clausekit.compare/1"
        jsonschema.validate(data, schema)
    assert data == comparison_data(comparison)


def test_html_is_self_contained_and_escapes_drafted_text():
    hostile = loads(
        'draft x "X <script>" {\n  proposer: US\n}\n\n'
        "clause a 1 {\n  <b>bold</b> & <script>alert(1)</script> text\n}\n",
        filename="x",
    )
    other = loads('draft y "Y" {\n  proposer: E3\n}\n\nclause a 1 {\n  plain text\n}\n', filename="y")
    page = render_comparison(compare([hostile, other]), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "<link" not in page


def test_docx_is_a_landscape_table_with_a_column_per_draft():
    import docx

    data = render_comparison(small(), "docx")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    header = [cell.text.split("\n")[0] for cell in table.rows[0].cells]
    assert header == ["Clause", "US, 2025-11-20 (base)", "E3, 2025-11-23", "RU, 2025-11"]
    texts = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    jets = next(row for row in texts if row[0].startswith("Clause 3") and "European" in row[1])
    assert "TEXT NOT AVAILABLE" in jets[2] and "NO SUCH CLAUSE" in jets[3]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "800,000" in z.read("word/document.xml").decode()


# --- the shipped drafts ----------------------------------------------------------------------


@pytest.mark.skipif(not all(p.exists() for p in SHIPPED), reason="the example drafts are not in this checkout")
def test_the_three_shipped_drafts_gaps_are_information_too():
    c = compare([load(str(p)) for p in SHIPPED])
    assert [col.code for col in c.columns] == ["US", "E3", "RU"]
    # The E3 text deletes the amnesty point: a gap, not agreement.
    assert statuses(c, "amnesty")[:2] == ["base", "gap"]
    # Points whose E3 text was not published stay "text not available".
    missing = [row.key for row in c.rows if row.cells[1].status == "missing"]
    assert "eu-membership" in missing and "elections" in missing
    # The force cap: 600,000 (US), 800,000 (E3), Russia's caps in brackets of its own.
    us, e3, ru = c.row("force-cap").cells
    assert "600,000" in us.facts.quantities and "800,000" in e3.facts.quantities
    assert ru.status == "modified" and "85,000" in ru.facts.quantities
    # Russia's own positions that the US plan lacks are rows of their own.
    assert not c.row("memorandum-2025").in_base
    assert statuses(c, "memorandum-2025") == ["gap", "gap", "added"]


# --- the CLI -------------------------------------------------------------------------------


def test_cli_writes_every_format(tmp_path):
    for fmt, check in (
        ("markdown", lambda b: b.startswith(b"# Comparison")),
        ("html", lambda b: b.startswith(b"<!DOCTYPE html>")),
        ("json", lambda b: json.loads(b)["schema"] == "clausekit.compare/1"),
        ("clause", lambda b: b"[US: 600,000 | E3: 800,000 | RU: 85,000]" in b),
        ("docx", lambda b: b[:2] == b"PK"),
    ):
        out = tmp_path / f"matrix.{fmt}"
        result = run_clausekit("compare", *map(str, SMALL), "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert check(out.read_bytes()), fmt


def test_cli_base_option_picks_the_reference_draft():
    result = run_clausekit("compare", *map(str, SMALL), "--base", str(SMALL[2]), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["base"] == 2
    outside = run_clausekit("compare", str(SMALL[1]), "--base", str(SMALL[0]), "-f", "json")
    data = json.loads(outside.stdout)
    assert data["base"] == 0 and data["columns"][0]["code"] == "US"


def test_cli_errors_exit_2_with_a_position(tmp_path):
    bad = tmp_path / "bad.clause"
    bad.write_text('draft bad "Bad" {\n}\n\nclause a 1 {\n  text [unclosed\n}\n', encoding="utf-8")
    result = run_clausekit("compare", str(SMALL[0]), str(bad))
    assert result.returncode == 2
    first = result.stderr.decode().splitlines()[0]
    assert re.match(rf"{re.escape(str(bad))}:5:\d+: ", first), first
    assert "Traceback" not in result.stderr.decode()
    one = run_clausekit("compare", str(SMALL[0]))
    assert one.returncode == 2 and b"at least two drafts" in one.stderr


def test_cli_never_writes_over_an_input(tmp_path):
    copy = tmp_path / "us.clause"
    shutil.copy(SMALL[0], copy)
    before = copy.read_bytes()
    result = run_clausekit("compare", str(copy), str(SMALL[1]), "-f", "clause", "-o", str(copy))
    assert result.returncode == 2 and b"refusing" in result.stderr
    assert copy.read_bytes() == before


def test_the_compilation_text_checks_clean_and_renders_to_word(tmp_path):
    out = tmp_path / "compilation.clause"
    assert run_clausekit("compare", *map(str, SHIPPED), "-f", "clause", "-o", str(out)).returncode == 0
    check = run_clausekit("check", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    assert b" 0 errors" in check.stdout or b"0 errors" in check.stdout
    word = tmp_path / "compilation.docx"
    rendered = run_clausekit("render", str(out), "-f", "docx", "-o", str(word))
    assert rendered.returncode == 0, rendered.stderr
    assert zipfile.is_zipfile(word)


# --- what a reader sees in a browser --------------------------------------------------------


@pytest.mark.clients
def test_chromium_shows_the_matrix(tmp_path):
    page = tmp_path / "matrix.html"
    page.write_text(render_comparison(small(), "html"), encoding="utf-8")
    result = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile")
    assert result.returncode == 0, result.stderr
    dom = result.stdout
    headers = re.findall(r'<th scope="col">(.*?)<span', dom)
    assert headers == ["US, 2025-11-20 (base)", "E3, 2025-11-23", "RU, 2025-11"]
    assert dom.count('<td class="missing">') == 1  # E3's point 3: text not available
    assert "text not available" in dom and "no such clause" in dom
    assert "<del>600,000</del>" in dom and "<ins>800,000</ins>" in dom
    row = re.search(r'<tr id="row-sovereignty" class="(\w+)"', dom)
    assert row and row.group(1) == "agreed"


@pytest.mark.clients
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (CI installs it)")
def test_pandoc_reads_the_word_matrix(tmp_path):
    path = tmp_path / "matrix.docx"
    path.write_bytes(render_comparison(small(), "docx"))
    result = subprocess.run(["pandoc", str(path), "-t", "plain", "--wrap=none"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    for words in ("US, 2025-11-20 (base)", "TEXT NOT AVAILABLE", "800,000", "in peacetime", "NOT IN BASE"):
        assert words in text, words


def test_texts_against_a_base_whose_text_is_missing_are_not_known_to_differ_unless_they_do():
    head = 'draft {0} "{0}" {{\n  proposer: {1}\n}}\n\nclause x 1 {{\n  {2}\n}}\n'
    missing = loads(head.format("a", "US", "exactness: missing"), filename="a")
    some = loads(head.format("b", "E3", "Some text."), filename="b")
    other = loads(head.format("c", "RU", "Other text."), filename="c")
    assert [cell.status for cell in compare([missing, some]).rows[0].cells] == ["missing", "text"]
    assert compare([missing, some]).rows[0].state == "unknown"
    assert compare([missing, some, some]).rows[0].state == "unknown"
    assert compare([missing, some, other]).rows[0].state == "differs"


def test_the_matrix_shows_a_clause_proposer_and_exactness_where_they_differ_from_its_drafts() -> None:
    header = (
        'draft %s "T" {\n  proposer: %s\n  exactness: paraphrase\n}\n\nparties {\n  RU "Russia"\n  UA "Ukraine"\n}\n\n'
    )
    a = loads(header % ("a", "RU") + "clause c 1 {\n  Words.\n}\n", "a")
    b = loads(
        header % ("b", "RU")
        + "clause c 1 {\n  Words.\n}\n\nclause istanbul 2 {\n  proposer: UA\n  exactness: verbatim\n  A proposal.\n}\n",
        "b",
    )
    matrix = render_comparison(compare([a, b]), "markdown")
    row = next(line for line in matrix.splitlines() if "(#row-istanbul)" in line)
    assert "proposed by Ukraine (UA); verbatim" in row
    assert "proposed by" not in next(line for line in matrix.splitlines() if "(#row-c)" in line)
    data = json.loads(render_comparison(compare([a, b]), "json"))
    cell = data["rows"][1]["cells"][1]
    assert cell["provenance"] == {"source": None, "exactness": "verbatim", "date": None, "proposer": "UA"}
