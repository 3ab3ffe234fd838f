"""clausekit mirror: guarantees read against the treaty clauses they say they mirror."""

from __future__ import annotations

import json

from clausekit.language.parser import load, loads
from clausekit.negotiation.mirror import mirror_reports
from conftest import DRAFTS, run_clausekit

GUARANTEE = """draft g "G" {
  proposer: US
}

parties {
  US "the United States"
  UA "Ukraine"
}

guarantee g 1 {
  guarantor: US
  beneficiary: UA
  modality: may
  trigger: an armed attack against @UA
  response: such action as it deems necessary, in accordance with its constitutional processes
  duration: 10 years
  mirrors: north-atlantic-treaty-1949::art-5
}
"""


def test_departures_from_article_5():
    reports, unknown = mirror_reports([loads(GUARANTEE, filename="g.clause")])
    assert not unknown
    (report,) = reports
    assert report.model.id == "art-5" and report.model_draft.id == "north-atlantic-treaty-1949"
    aspects = {a.name: a for a in report.aspects}
    assert aspects["modality"].model == ("will",) and aspects["modality"].guarantee == ("may",)
    assert not aspects["modality"].same and not aspects["trigger"].same
    assert aspects["duration"].model == () and aspects["duration"].guarantee == ("10 years",)
    kinds = {(f.kind, f.before or f.after) for f in report.departures}
    # Article 5 says "as it deems necessary" too: that is no departure; the constitutional
    # processes qualifier (the US-Japan and US-ROK formula) is one.
    assert not any(k == "qualifier.removed" and "deems" in (v or "") for k, v in kinds)
    assert any(k == "qualifier.added" and "constitutional processes" in (v or "") for k, v in kinds)
    assert any(k == "qualifier.removed" and "forthwith" in (v or "") for k, v in kinds)
    # The modality field's change (will -> may) is the profile's to report, once, on the one scale.
    assert not any("modality" in k and not k.startswith("profile.") for k, _ in kinds)
    modality = next(row for row in report.profile.dimensions if row.name == "modality")
    assert modality.verdict == "weaker" and modality.profile.level == "permission"
    assert any(k == "guarantee.duration.changed" for k, _ in kinds)


def test_a_mirror_in_the_files_given_is_found_before_the_library(tmp_path):
    model = loads(
        'draft north-atlantic-treaty-1949 "My copy" {\n}\n\nparties {\n  UA "Ukraine"\n}\n\n'
        "guarantee art-5 5 {\n  guarantor: UA\n  beneficiary: UA\n  modality: may\n}\n",
        filename="copy.clause",
    )
    reports, _ = mirror_reports([loads(GUARANTEE, filename="g.clause"), model])
    assert reports[0].model_draft.title == "My copy"
    assert {a.name: a.same for a in reports[0].aspects}["modality"]


def test_cli_formats_and_the_shipped_drafts(tmp_path):
    path = DRAFTS / "us-guarantee-framework.clause"
    text = run_clausekit("mirror", str(path), str(DRAFTS / "e3-counterproposal.clause"))
    assert text.returncode == 0, text.stderr
    out = text.stdout.decode()
    assert "mirrors north-atlantic-treaty-1949::art-5" in out
    assert 'qualifier "as it deems necessary" of the model is not in the guarantee' in out
    data = json.loads(run_clausekit("mirror", str(path), "-f", "json").stdout)
    assert data["schema"] == "clausekit.mirror/1" and data["mirrors"][0]["model"]["clause"] == "art-5"
    markdown = run_clausekit("mirror", str(path), "-f", "markdown").stdout.decode()
    assert markdown.startswith("# Guarantees and the clauses they mirror") and "| modality |" in markdown


def test_an_unknown_target_names_close_ids(tmp_path):
    path = tmp_path / "g.clause"
    path.write_text(GUARANTEE.replace("art-5", "art-55"), encoding="utf-8")
    result = run_clausekit("mirror", str(path))
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.startswith(f"{path}:10:1: mirrors: 'north-atlantic-treaty-1949::art-55' names no clause")
    assert "did you mean 'art-5'" in message
    path.write_text(GUARANTEE.replace("north-atlantic-treaty-1949", "north-atlantic-treaty"), encoding="utf-8")
    result = run_clausekit("mirror", str(path))
    assert result.returncode == 2 and "north-atlantic-treaty-1949" in result.stderr.decode()


def test_the_shipped_reference_models_load():
    reports, unknown = mirror_reports([load(str(DRAFTS / "russia-positions.clause"))])
    assert not unknown and reports


def test_fields_the_source_does_not_give_are_not_departures():
    cut_off = GUARANTEE.replace("  mirrors:", "  unknown: response, modality\n  mirrors:")
    cut_off = cut_off.replace("  modality: may\n", "").replace(
        "  response: such action as it deems necessary, in accordance with its constitutional processes\n", ""
    )
    (report,), _ = mirror_reports([loads(cut_off, filename="g.clause")])
    aspects = {a.name: a for a in report.aspects}
    assert aspects["modality"].same is None and aspects["response"].same is None
    assert aspects["qualifiers"].same is None  # the missing response may hold any of them
    kinds = {f.kind for f in report.departures}
    assert "qualifier.removed" not in kinds and "guarantee.modality.changed" not in kinds
    assert "guarantee.trigger.changed" in kinds


def test_the_us_framework_and_the_e3_guarantee_get_a_profile_verdict():
    for name, clause_id in (
        ("us-guarantee-framework.clause", "us-guarantee"),
        ("e3-counterproposal.clause", "us-guarantee"),
    ):
        reports, _ = mirror_reports([load(DRAFTS / name)])
        report = next(r for r in reports if r.clause.id == clause_id)
        assert report.profile is not None
        verdicts = {row.name: row.verdict for row in report.profile.dimensions}
        assert verdicts["deeming"] == "weaker"  # Article 5 deems; neither guarantee does
        assert report.verdict.startswith(report.profile.profile.label)
        assert "The North Atlantic Treaty, Art. 5" in report.verdict
        # which of the benchmark treaties it stands nearest, even when that is the clause it mirrors
        assert "is closer to" in report.verdict or "the nearest of them: " in report.verdict


def test_a_benchmark_treaty_is_not_weighed_against_itself():
    from clausekit.library import reference_draft

    nato, japan = reference_draft("north-atlantic-treaty-1949"), reference_draft("us-japan-1960")
    reports, _ = mirror_reports([nato], against=[(japan, japan.clause("art-v"))])
    report = next(r for r in reports if r.clause.id == "art-5")
    assert "closer to The North Atlantic Treaty" not in report.verdict
    assert "nearest of them: The North Atlantic Treaty" not in report.verdict


def test_mirror_against_another_clause_in_every_format(tmp_path):
    framework = str(DRAFTS / "us-guarantee-framework.clause")
    result = run_clausekit("mirror", framework, "--against", "us-japan-1960::art-v", "-f", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    against = [m for m in data["mirrors"] if m["against"]]
    assert {m["mirrors"] for m in against} == {"us-japan-1960::art-v"}
    row = next(r for r in against[0]["profile"] if r["dimension"] == "discretion")
    assert row["model"]["value"] == ["constitutional-processes"]
    assert row["model"]["evidence"][0]["location"].endswith("us-japan-1960.clause:32:3")
    assert against[0]["verdict"]
    text = run_clausekit("mirror", framework, "--against", "us-japan-1960::art-v").stdout.decode()
    assert "against us-japan-1960::art-v" in text and "  verdict: " in text and "< deeming: weaker" in text
    markdown = run_clausekit("mirror", framework, "-f", "markdown").stdout.decode()
    assert "| `deeming` |" in markdown and "**Verdict.**" in markdown
    bad = run_clausekit("mirror", framework, "--against", "us-japan-1960::art-x")
    assert bad.returncode == 2 and "did you mean" in bad.stderr.decode()


def test_a_modality_marked_unknown_is_not_ranked_against_article_5():
    # drafts/us-guarantee-framework.clause marks "unknown: modality": its quoted "shall be regarded as an
    # attack threatening the peace" is no reading of the verb of the US response, so it is not stronger
    # than Article 5's "will": the verdict says the modality is not known, in text and in JSON.
    reports, _ = mirror_reports([load(DRAFTS / "us-guarantee-framework.clause")])
    report = next(r for r in reports if r.clause.id == "us-guarantee")
    row = next(row for row in report.profile.dimensions if row.name == "modality")
    assert row.verdict == "not known" and row.profile.source == "not-known"
    assert "modality" not in report.verdict.split("not known on one side:")[0]
    assert "not known on one side: modality" in report.verdict
    data = json.loads(run_clausekit("mirror", str(DRAFTS / "us-guarantee-framework.clause"), "-f", "json").stdout)
    mirror = next(m for m in data["mirrors"] if m["clause"] == "us-guarantee")
    row = next(r for r in mirror["profile"] if r["dimension"] == "modality")
    assert row["verdict"] == "not known" and row["guarantee"]["source"] == "not-known"
    assert "marked unknown" in row["guarantee"]["disagreement"]
