"""``clausekit profile``: the command line, its formats, and the published JSON schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import DRAFTS, ROOT, run_clausekit

SCHEMA = json.loads((ROOT / "docs" / "profile.schema.json").read_text(encoding="utf-8"))
THREE = ("north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "us-rok-1953::art-iii")


def _japan_paragraph() -> str:
    """Where evidence in US-Japan Art. V's paragraph is located: the paragraph's first line (found,
    not hard-coded, since a field added above it, such as corresponds:, moves it)."""
    lines = (ROOT / "drafts" / "reference" / "us-japan-1960.clause").read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("  Each Party recognizes"))
    return f"us-japan-1960.clause:{number}:3"


JAPAN_PARAGRAPH = _japan_paragraph()


def test_three_treaties_side_by_side_as_text() -> None:
    result = run_clausekit("profile", *THREE)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    header, *rows = out.split("\n\n")[0].splitlines()
    assert "The North Atlantic Treaty, Art. 5" in header
    deeming = next(r for r in rows if r.startswith("deeming"))
    assert deeming.split()[1:] == ["yes", "no", "no"]
    discretion = next(r for r in rows if r.startswith("discretion"))
    assert discretion.split()[1:3] == ["as-deemed-necessary", "constitutional-processes"]
    # Each profile follows with its evidence and where it stands.
    assert "“… in Europe or North America shall be considered an attack against them all”" in out
    assert f"clausekit/reference/{JAPAN_PARAGRAPH}" in out


def test_json_follows_the_published_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    result = run_clausekit("profile", *THREE, str(DRAFTS / "us-guarantee-framework.clause"), "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == "clausekit.profile/1"
    first = data["profiles"][0]
    assert (first["draft"], first["clause"]) == ("north-atlantic-treaty-1949", "art-5")
    assert first["dimensions"]["deeming"]["value"] == ["yes"]
    assert first["dimensions"]["scope"]["value"] == "in Europe or North America"
    assert first["dimensions"]["modality"]["level"] == "commitment"
    # A whole draft profiles each of its guarantees.
    assert [p["clause"] for p in data["profiles"][3:]] == ["us-guarantee", "european-participation"]


def test_a_schema_breach_is_caught() -> None:
    result = run_clausekit("profile", THREE[0], "-f", "json")
    data = json.loads(result.stdout)
    data["profiles"][0]["dimensions"]["deeming"]["value"] = ["perhaps"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_clauses_read_together_and_not_known_fields(tmp_path) -> None:
    result = run_clausekit("profile", "anglo-polish-1939::art-1+art-2-1", "-f", "json")
    assert result.returncode == 0, result.stderr
    trigger = json.loads(result.stdout)["profiles"][0]["dimensions"]["trigger"]["value"]
    assert trigger == ["aggression", "threat"]
    e3 = run_clausekit("profile", f"{DRAFTS / 'e3-counterproposal.clause'}::us-guarantee", "-f", "json")
    dimensions = json.loads(e3.stdout)["profiles"][0]["dimensions"]
    assert dimensions["obligation"]["source"] == "not-known"
    assert dimensions["trigger"]["value"] == ["invasion"]


@pytest.mark.parametrize(("fmt", "marker"), [("markdown", "| `deeming` |"), ("html", "<th><code>deeming</code></th>")])
def test_markdown_and_html_tables(fmt: str, marker: str, tmp_path) -> None:
    target = tmp_path / f"profile.{'md' if fmt == 'markdown' else fmt}"
    result = run_clausekit("profile", *THREE, "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert marker in page
    # Markdown escapes a colon that could open an emoji shortcode (":36:"): read it unescaped.
    assert page.replace("\\:", ":").count(JAPAN_PARAGRAPH) >= 1


def test_bad_specs_exit_2_with_a_hint() -> None:
    result = run_clausekit("profile", "north-atlantic-treaty-1949::art-55")
    assert result.returncode == 2
    assert "did you mean" in result.stderr.decode()
    result = run_clausekit("profile", "north-atlantic-treaty-1949::art-5+art-66")
    assert result.returncode == 2 and "art-66" in result.stderr.decode()
    # A bundled draft by its name alone profiles its guarantees (Art. 5; Art. 4 and 6 are articles).
    result = run_clausekit("profile", "north-atlantic-treaty-1949", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert [p["clause"] for p in json.loads(result.stdout)["profiles"]] == ["art-5"]


def test_a_draft_without_guarantees_is_misuse(tmp_path) -> None:
    path = tmp_path / "plain.clause"
    path.write_text('draft plain "Plain" {\n}\narticle a 1 {\n  Text.\n}\n', encoding="utf-8")
    result = run_clausekit("profile", str(path))
    assert result.returncode == 2
    assert "has no guarantee to profile" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_crlf_bom_and_ukrainian_prose_and_a_syntax_error(tmp_path) -> None:
    path = tmp_path / "uk.clause"
    source = 'draft uk "Гарантія" {\n  language: uk\n}\nguarantee g 1 {\n  Гарантія безпеки для України.\n}\n'
    path.write_bytes(b"\xef\xbb\xbf" + source.replace("\n", "\r\n").encode("utf-8"))
    result = run_clausekit("profile", str(path), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["profiles"][0]["label"].startswith("Гарантія")
    broken = tmp_path / "broken.clause"
    broken.write_text('draft b "B" {\n}\nguarantee g 1 {\n  trigger: x\n', encoding="utf-8")
    result = run_clausekit("profile", str(broken))
    assert result.returncode == 2
    first = result.stderr.decode().splitlines()[0]
    assert first.startswith(f"{broken}:") and "Traceback" not in result.stderr.decode()


def test_a_timing_within_keeps_its_period_in_the_schema() -> None:
    # drafts/russia-positions.clause: "in case of aggression, consultations within three days".
    result = run_clausekit("profile", str(DRAFTS / "russia-positions.clause"), "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    timings = [p["dimensions"]["timing"]["value"] for p in data["profiles"]]
    assert ["within three days"] in timings
    data["profiles"][0]["dimensions"]["timing"]["value"] = ["within a while"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
