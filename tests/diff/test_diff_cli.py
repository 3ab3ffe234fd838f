"""``clausekit diff`` as a user runs it: formats, exit codes, clause specs, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from clausekit.cli.diff import command
from conftest import ROOT, run_clausekit

OLD = """draft plan "Peace plan" {
  proposer: US
}

parties {
  US "the United States"
  UA "Ukraine"
}

clause sovereignty 1 {
  The sovereignty of @UA will be confirmed.
}

clause expectation 2 {
  There will be the expectation that Russia will not invade its neighbours.
}

clause force-cap 3 {
  The Armed Forces of @UA will be limited to 600,000 personnel.
}

clause troops 4 {
  NATO agrees not to station troops in @UA.
}
"""

NEW = """draft counter "Counter-proposal" {
  proposer: UA
}

parties {
  US "the United States"
  UA "Ukraine"
}

clause sovereignty 1 {
  The sovereignty of @UA will be reconfirmed.
}

clause force-cap 2 {
  The Armed Forces of @UA will be capped at 800,000 in peacetime.
}

clause troops 3 {
  NATO agrees not to permanently station troops under its command in @UA in peacetime.
}

clause elections 4 {
  exactness: missing
}
"""

SCHEMA = json.loads((ROOT / "docs" / "diff.schema.json").read_text())


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.clause", tmp_path / "new.clause"
    old.write_text(OLD)
    new.write_text(NEW)
    return old, new


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(command, [str(a) for a in args], env=env)


def test_text_report_names_every_change(pair):
    result = invoke(*pair, "--color=never")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "@@ Clause 2 [removed] @@" in out
    assert "will be [-limited to 600,000 personnel-]{+capped at 800,000 in peacetime+}." in out
    assert "renumbered (was 3)" in out
    assert "[unknown]" in out
    assert "\x1b[" not in out


def test_colour_always_never_and_no_color(pair):
    assert "\x1b[" in invoke(*pair, "--color=always").output
    assert "\x1b[" not in invoke(*pair, "--color=auto").output  # not a terminal
    assert "\x1b[" not in invoke(*pair, env={"NO_COLOR": "1"}).output


def test_markdown_has_counts_findings_with_links_and_a_redline(pair):
    out = invoke(*pair, "-f", "markdown").output
    assert "| clauses |" in out
    assert "[Clause 2](#c-force-cap)" in out
    assert '<a id="c-force-cap"></a>' in out
    assert "~~limited to 600,000 personnel~~ **capped at 800,000 in peacetime**." in out


def test_json_is_valid_against_the_published_schema(pair):
    result = invoke(*pair, "-f", "json")
    document = json.loads(result.output)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["schema"] == "clausekit.diff/1"
    assert SCHEMA["$id"].startswith("https://")
    assert document["counts"]["removed"] == 1 and document["counts"]["unknown"] == 1
    modified = next(c for c in document["changes"] if c["key"] == "force-cap")
    old_text = "".join(w["text"] for w in modified["words"] if w["op"] != "insert")
    new_text = "".join(w.get("new_text", w["text"]) for w in modified["words"] if w["op"] != "delete")
    assert (old_text, new_text) == (modified["old"]["text"], modified["new"]["text"])


def test_json_of_the_example_drafts_is_valid():
    us, e3 = ROOT / "drafts" / "us-28-point-plan.clause", ROOT / "drafts" / "e3-counterproposal.clause"
    if not (us.exists() and e3.exists()):
        pytest.skip("the example drafts are not in this checkout")
    document = json.loads(invoke(us, e3, "-f", "json").output)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_stat_is_counts_only(pair):
    out = invoke(*pair, "--stat", "--color=never").output
    assert "clause.removed" in out and "@@" not in out and "600,000" not in out
    assert invoke(*pair, "--stat", "-f", "json").exit_code == 2


def test_exit_codes_follow_git_diff(pair, tmp_path):
    old, new = pair
    assert invoke(old, new).exit_code == 0
    assert invoke(old, new, "--exit-code").exit_code == 1
    assert invoke(old, old, "--exit-code").exit_code == 0
    assert invoke(old, new, "--fail-on", "clause.removed").exit_code == 1
    assert invoke(old, new, "--fail-on", "qualifier.*,clause.*").exit_code == 1
    assert invoke(old, new, "--fail-on", "reference.broken").exit_code == 0
    assert invoke(old, old, "--fail-on", "clause.*").exit_code == 0


def test_an_unknown_finding_kind_is_a_usage_error(pair):
    result = invoke(*pair, "--fail-on", "modality.wobbled")
    assert result.exit_code == 2 and "names no finding kind" in result.output


def test_a_syntax_error_prints_its_position_and_exits_2(tmp_path, pair):
    bad = tmp_path / "bad.clause"
    bad.write_text('draft x "X" {\n}\nclause a 1 {\n  Text.\n')
    result = run_clausekit("diff", str(pair[0]), str(bad))
    assert result.returncode == 2
    first = result.stderr.decode().splitlines()[0]
    assert first.startswith(f"{bad}:") and "Traceback" not in result.stderr.decode()
    missing = run_clausekit("diff", str(pair[0]), str(tmp_path / "nope.clause"))
    assert missing.returncode == 2 and "nope.clause" in missing.stderr.decode()


def test_two_clauses_by_file_and_id(pair):
    old, new = pair
    result = invoke(f"{old}::force-cap", f"{new}::troops", "--color=never")
    assert result.exit_code == 0, result.output
    assert "1 clause: 1 modified" in result.output
    wrong = invoke(f"{old}::force-capp", f"{new}::troops")
    assert wrong.exit_code == 2 and "force-cap" in wrong.output
    mixed = invoke(f"{old}::force-cap", new)
    assert mixed.exit_code == 2


def test_output_file_is_written_and_never_over_an_input(pair, tmp_path):
    old, new = pair
    target = tmp_path / "report.md"
    assert invoke(old, new, "-f", "md", "-o", target).exit_code == 0
    assert target.read_text().startswith("### clausekit diff")
    refused = invoke(old, new, "-o", new)
    assert refused.exit_code == 2 and new.read_text() == NEW


def test_ignore_options_reach_the_redline(tmp_path):
    a, b = tmp_path / "a.clause", tmp_path / "b.clause"
    a.write_text('draft a "A" {\n}\nclause c 1 {\n  The “Parties” Agree, today.\n}\n')
    b.write_text('draft b "B" {\n}\nclause c 1 {\n  the "parties" agree today\n}\n')
    assert invoke(a, b, "--exit-code").exit_code == 1
    flags = ["--ignore-case", "--ignore-quotes", "--ignore-punctuation"]
    assert invoke(a, b, "--exit-code", *flags).exit_code == 0
    assert invoke(a, b, "--exit-code", *flags[:2]).exit_code == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_real_command_runs_as_a_process(pair):
    result = run_clausekit("diff", str(pair[0]), str(pair[1]), "--exit-code")
    assert result.returncode == 1 and b"[removed]" in result.stdout


def test_json_of_drafts_without_clauses_and_to_a_file(tmp_path):
    empty = tmp_path / "empty.clause"
    empty.write_text('draft empty "Nothing yet" {\n}\n')
    document = json.loads(invoke(empty, empty, "-f", "json").output)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["changes"] == [] and document["empty"] is True
    target = tmp_path / "out.json"
    assert invoke(empty, empty, "-f", "json", "-o", target).exit_code == 0
    assert json.loads(target.read_text()) == document


def test_two_bundled_reference_clauses(tmp_path):
    result = invoke("north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "--color=never")
    assert result.exit_code == 0, result.output
    # Two different instruments: Article 5 and Article V are each treaty's own number, not a renumbering.
    assert "@@ Guarantee V [modified] @@" in result.output
    assert "renumbered" not in result.output
    # The header fields are compared as fields, one "old -> new" line each.
    assert "  Date: 1949-04-04 -> 1960-01-19\n" in result.output
    unknown = invoke("north-atlantic-treaty-1949::art-55", "us-japan-1960::art-v")
    assert unknown.exit_code == 2 and "art-5" in unknown.output


@pytest.mark.clients
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_markdown_renders_as_github_would(pair):
    import subprocess

    markdown = invoke(*pair, "-f", "markdown").output
    html = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html"], input=markdown, capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(html.split())  # pandoc wraps long lines
    assert "<del>limited to 600,000 personnel</del> <strong>capped at 800,000 in peacetime</strong>" in flat
    assert 'href="#c-force-cap"' in html and 'id="c-force-cap"' in html
