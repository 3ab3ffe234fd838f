"""``clausekit check``: one test per rule (a draft that triggers it, one that does not), and the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import clausekit.library as library_module
from clausekit.cli import main
from clausekit.language.parser import loads
from clausekit.lint import RULES, Diagnostic, check, check_draft, rule_codes
from clausekit.model import Draft, Location
from conftest import DRAFTS, ROOT
from strategies import drafts

HEADER = 'draft test-draft "Test draft" {\n  proposer: US\n}\n\n'
PARTIES = 'parties {\n  US "the United States"\n  UA "Ukraine"\n}\n\n'
# A clause that refers to both parties, so that the base draft has no unused party.
BOTH = "clause both 99 {\n  Between @US and @UA.\n}\n"


def draft_source(body: str, parties: str = PARTIES, header: str = HEADER) -> str:
    return header + parties + textwrap.dedent(body) + BOTH


def findings_of(body: str, **kwargs: str) -> tuple[Diagnostic, ...]:
    return check([loads(draft_source(body, **kwargs), filename="t.clause")])


def only(code: str, body: str, **kwargs: str) -> list[Diagnostic]:
    """The findings of one rule."""
    return [f for f in findings_of(body, **kwargs) if f.code == code]


def codes_of(body: str, **kwargs: str) -> list[str]:
    return [f.code for f in findings_of(body, **kwargs)]


@pytest.fixture
def reference_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny stand-in for the bundled library, so tests never depend on the real one."""
    root = tmp_path / "reference"
    root.mkdir()
    (root / "nato.clause").write_text(
        'draft north-atlantic-treaty-1949 "The North Atlantic Treaty" {\n  exactness: verbatim\n}\n'
        "article art-5 5 {\n  An armed attack against one shall be considered an attack against all.\n}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(library_module, "reference_root", lambda: root)
    library_module.clear_cache()
    yield root
    library_module.clear_cache()


GUARANTEE = """\
guarantee g 1 {
  guarantor: US
  beneficiary: UA
  trigger: an armed attack
}
"""

# code -> (a body that triggers the rule, a body that does not)
CASES: dict[str, tuple[str, str]] = {
    "duplicate-id": (
        "clause a 1 {\n  One.\n}\nclause a 2 {\n  Two.\n}\n",
        "clause a 1 {\n  One.\n}\nclause b 2 {\n  Two.\n}\n",
    ),
    "duplicate-party": ("", ""),  # the parties block varies: see PARTY_CASES
    "duplicate-term": (
        'term "Zone" {\n  an area.\n}\nterm "Zone" {\n  a region.\n}\nclause a {\n  The <Zone>.\n}\n',
        'term "Zone" {\n  an area.\n}\nclause a {\n  The <Zone>.\n}\n',
    ),
    "unknown-party": (
        "clause a 1 {\n  @RU withdraws.\n}\n",
        "clause a 1 {\n  @US withdraws.\n}\n",
    ),
    "undefined-term": (
        "clause a 1 {\n  The <Zone> is demilitarised.\n}\n",
        'term "Zone" {\n  an area.\n}\nclause a 1 {\n  The <Zone> is demilitarised.\n}\n',
    ),
    "unused-term": (
        'term "Zone" {\n  an area; the <Zone> is small.\n}\nclause a 1 {\n  Text.\n}\n',
        'term "Zone" {\n  an area.\n}\nclause a 1 {\n  The <Zone> is demilitarised.\n}\n',
    ),
    "unknown-reference": (
        "clause a 1 {\n  As set out in #b.\n}\n",
        "clause a 1 {\n  As set out in #b.\n}\nclause b 2 {\n  Text.\n}\n",
    ),
    "guarantee-without-guarantor": (
        "guarantee g 1 {\n  beneficiary: UA\n  trigger: an armed attack\n}\n",
        GUARANTEE,
    ),
    "guarantee-without-beneficiary": (
        "guarantee g 1 {\n  guarantor: US\n  trigger: an armed attack\n}\n",
        GUARANTEE,
    ),
    "unknown-mirror": (
        GUARANTEE.replace("}", "  mirrors: north-atlantic-treaty-1949::art-6\n}"),
        GUARANTEE.replace("}", "  mirrors: north-atlantic-treaty-1949::art-5\n}"),
    ),
    "unknown-correspondence": (
        "clause a 1 {\n  corresponds: security-guarantee, north-atlantic-treaty-1949::art-55\n  Words.\n}\n",
        "clause a 1 {\n  corresponds: security-guarantee, north-atlantic-treaty-1949::art-5\n  Words.\n}\n",
    ),
    "unused-party": ("", ""),  # see PARTY_CASES
    "duplicate-number": (
        "article a 1 {\n  clause b 1 {\n    One.\n  }\n  clause c 1 {\n    Two.\n  }\n}\n",
        # The same number at different levels is not a clash: "1" and "1(1)" read differently.
        "article a 1 {\n  clause b 1 {\n    One.\n  }\n  clause c 2 {\n    Two.\n  }\n}\nclause d 2 {\n  X.\n}\n",
    ),
    "placeholder-with-prose": (
        "clause a 1 {\n  exactness: missing\n  Some text.\n}\n",
        "clause a 1 {\n  exactness: missing\n}\n",
    ),
    "excerpt-without-text": (
        "clause a 1 {\n  exactness: missing\n  extent: excerpt\n}\n",
        "clause a 1 {\n  extent: excerpt\n  \\[...\\] the words quoted \\[...\\]\n}\n",
    ),
    "guarantee-fields-exactness": (
        GUARANTEE.replace("guarantee g 1 {", "guarantee g 1 {\n  exactness: paraphrase"),
        GUARANTEE.replace("guarantee g 1 {", "guarantee g 1 {\n  exactness: paraphrase\n  fields-exactness: paraphrase")
        + GUARANTEE.replace("g 1", "h 2"),
    ),
    "field-in-prose": (
        "clause a 1 {\n  An armed attack.\n\n  exactness: reconstructed\n  Any such attack.\n}\n",
        "clause a 1 {\n  exactness: reconstructed\n  An armed attack.\n\n  ~ exactness: paraphrase\n"
        "  Any such attack.\n\n  \\source: a word of the treaty.\n}\n",
    ),
    "empty-provision": (
        "clause a 1 {\n}\n",
        "clause a 1 {\n  exactness: missing\n}\nguarantee g 2 {\n  guarantor: US\n  beneficiary: UA\n}\n",
    ),
    "empty-term": (
        'term "Zone" {\n}\nclause a {\n  The <Zone>.\n}\n',
        'term "Zone" {\n  an area.\n}\nclause a {\n  The <Zone>.\n}\n',
    ),
    "duplicate-attribution": (
        "clause a 1 {\n  A cap of [US: 600,000 | US: 700,000].\n}\n",
        "clause a 1 {\n  A cap of [US: 600,000 | UA: 800,000].\n}\n",
    ),
    "editorial-mark": (
        "clause a 1 {\n  The text [...] ends.\n}\n",
        "clause a 1 {\n  The text \\[...\\] ends, [US: 600,000 | UA: 800,000].\n}\n",
    ),
    "open-brackets": (
        "clause a 1 {\n  A cap of [US: 600,000 | UA: 800,000].\n}\n",
        "clause a 1 {\n  A cap of 600,000.\n}\n",
    ),
}

# Rules whose trigger lies in the parties block: (parties block, body) that trigger, and that do not.
PARTY_CASES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "duplicate-party": (
        ('parties {\n  US "the United States"\n  UA "Ukraine"\n  US "America"\n}\n\n', ""),
        (PARTIES, ""),
    ),
    "unused-party": (
        ('parties {\n  US "the United States"\n  UA "Ukraine"\n  RU "Russia"\n}\n\n', ""),
        ('parties {\n  US "the United States"\n  UA "Ukraine"\n  RU "Russia"\n}\n\n', "clause r {\n  @RU.\n}\n"),
    ),
}


def test_every_rule_has_a_case_and_a_unique_code() -> None:
    assert len(set(rule_codes())) == len(RULES)
    assert set(CASES) == set(rule_codes())


@pytest.mark.parametrize("code", [c for c in CASES if c not in PARTY_CASES])
def test_rule_triggers_and_stays_quiet(code: str, reference_dir: Path) -> None:
    bad, good = CASES[code]
    assert code in codes_of(bad), f"{code} should fire on:\n{bad}"
    assert code not in codes_of(good), f"{code} should not fire on:\n{good}"


@pytest.mark.parametrize("code", list(PARTY_CASES))
def test_party_rules_trigger_and_stay_quiet(code: str) -> None:
    (bad_parties, bad_body), (good_parties, good_body) = PARTY_CASES[code]
    assert code in codes_of(bad_body, parties=bad_parties)
    assert code not in codes_of(good_body, parties=good_parties)


def test_every_good_case_together_is_clean(reference_dir: Path) -> None:
    # Ids differ between cases, so the good bodies are checked one by one, but each must be spotless
    # apart from the info finding about brackets.
    for code, (_bad, good) in CASES.items():
        noisy = [str(f) for f in findings_of(good) if f.level != "info"]
        assert noisy == [], f"the good case of {code} is not clean: {noisy}"


def test_levels_are_as_documented() -> None:
    levels = {r.code: r.level for r in RULES}
    errors = {
        "duplicate-id",
        "duplicate-party",
        "duplicate-term",
        "unknown-party",
        "undefined-term",
        "unknown-reference",
        "guarantee-without-guarantor",
        "guarantee-without-beneficiary",
        "unknown-mirror",
        "unknown-correspondence",
        "duplicate-number",
        "excerpt-without-text",
    }
    assert {code for code, level in levels.items() if level == "error"} == errors
    assert levels["open-brackets"] == "info"
    docs = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for r in RULES:
        assert f"`{r.code}`" in docs, f"docs/checks.md does not document {r.code}"


# --- details of single rules ---------------------------------------------------------


def test_finding_points_at_the_offending_span_and_prints_like_a_compiler() -> None:
    source = draft_source("clause a 1 {\n  First line.\n  Then @RU withdraws.\n}\n")
    (finding,) = [f for f in check([loads(source, filename="d.clause")]) if f.code == "unknown-party"]
    line = source.splitlines().index("  Then @RU withdraws.") + 1
    assert finding.location == Location("d.clause", line, 8)
    expected = f"d.clause:{line}:8: error: unknown party 'RU' referred to (declared: UA, US) [unknown-party]"
    assert str(finding) == expected


def test_unknown_party_everywhere_a_code_may_stand() -> None:
    body = "guarantee g 1 {\n  proposer: FR\n  guarantor: DE\n  beneficiary: PL\n}\nclause a 2 {\n  [IT: text]\n}\n"
    parties = 'parties {\n  US "the United States"\n  UA "Ukraine"\n  E3 "E3"  members UK\n}\n\n'
    header = 'draft t "T" {\n  proposer: NL\n}\n\n'
    unknown = {f.message.split("'")[1] for f in only("unknown-party", body, parties=parties, header=header)}
    assert unknown == {"NL", "FR", "DE", "PL", "IT", "UK"}


def test_unknown_party_suggests_a_close_code() -> None:
    parties = 'parties {\n  US "the United States"\n  UA "Ukraine"\n  NATO "NATO"\n}\n\n'
    (finding,) = only("unknown-party", "clause a {\n  @NAT0 and @NATO.\n}\n", parties=parties)
    assert "did you mean 'NATO'?" in finding.message


def test_a_party_counts_as_referred_through_match_names_group_membership_and_brackets() -> None:
    parties = (
        "parties {\n"
        '  US "the United States"\n  UA "Ukraine"\n'
        '  RU "the Russian Federation"  match "Russia"\n'
        '  E3 "the E3"  members UK, FR\n  UK "the United Kingdom"\n  FR "France"\n'
        '  PL "Poland"\n  FI "Finland"\n  DE "Germany"  match "Germany"\n'
        "}\n\n"
    )
    body = "clause a {\n  Russia and @E3 agree [PL: here]. Germanyland is not Germany's... Germanic.\n}\n"
    unused = [f.message.split("'")[1] for f in findings_of(body, parties=parties) if f.code == "unused-party"]
    # "Germany's" names Germany (a match name followed by an apostrophe); FI is the only silent party.
    assert unused == ["FI"]


def test_match_names_match_whole_words_only() -> None:
    parties = 'parties {\n  US "the United States"\n  UA "Ukraine"\n  DE "Germany"  match "Germany"\n}\n\n'
    codes = codes_of("clause a {\n  Germanyland.\n}\n", parties=parties)
    assert "unused-party" in codes


def test_term_used_only_in_its_own_definition_is_unused_but_use_in_another_definition_counts() -> None:
    body = 'term "Zone" {\n  an area.\n}\nterm "Buffer" {\n  the edge of the <Zone>.\n}\nclause a {\n  <Buffer>.\n}\n'
    assert "unused-term" not in codes_of(body)


def test_term_names_compare_with_white_space_normalised() -> None:
    body = 'term "Security Guarantee" {\n  a promise.\n}\nclause a {\n  The <Security\n  Guarantee> holds.\n}\n'
    codes = codes_of(body)
    assert "undefined-term" not in codes and "unused-term" not in codes


def test_undefined_term_suggests_the_defined_one() -> None:
    body = (
        'term "Security Guarantee" {\n  a promise.\n}\nclause a {\n  <Security Guarantees>, <Security Guarantee>.\n}\n'
    )
    (finding,) = only("undefined-term", body)
    assert "did you mean 'Security Guarantee'?" in finding.message


def test_placeholder_guarantee_needs_no_guarantor() -> None:
    codes = codes_of("guarantee g 1 {\n  exactness: missing\n}\n")
    assert "guarantee-without-guarantor" not in codes and "empty-provision" not in codes


def test_mirror_may_name_a_clause_of_another_draft_checked_together(reference_dir: Path) -> None:
    mine = loads(draft_source(GUARANTEE.replace("}", "  mirrors: other-treaty::art-1\n}")), filename="a.clause")
    other = loads('draft other-treaty "Other" {\n}\nclause art-1 1 {\n  Text.\n}\n', filename="b.clause")
    assert "unknown-mirror" in [f.code for f in check([mine])]
    assert "unknown-mirror" not in [f.code for f in check([mine, other])]


def test_unknown_mirror_explains_whether_the_draft_or_the_clause_is_missing(reference_dir: Path) -> None:
    body = GUARANTEE.replace("}", "  mirrors: north-atlantic-treaty-1949::art-6, north-atlantic-treaty::art-5\n}")
    messages = [f.message for f in findings_of(body) if f.code == "unknown-mirror"]
    assert len(messages) == 2
    assert "has no clause 'art-6' (did you mean 'art-5'?)" in messages[0]
    expected = "no draft 'north-atlantic-treaty' was given or is bundled (did you mean 'north-atlantic-treaty-1949'?)"
    assert expected in messages[1]


def test_duplicate_numbers_among_top_level_siblings() -> None:
    (finding,) = only("duplicate-number", "clause a 1 {\n  X.\n}\nclause b 1 {\n  Y.\n}\n")
    assert "'1'" in finding.message and "at the top level" in finding.message


def test_open_brackets_counts_per_delegation_once_per_bracket() -> None:
    body = "clause a {\n  [US: 1 | UA: 2] and [US: x] and [unattributed text] and [US: p | US: q].\n}\n"
    (finding,) = [f for f in findings_of(body) if f.code == "open-brackets"]
    assert finding.message == "4 open brackets (US 3, UA 1, unattributed 1)"
    assert finding.level == "info"


def test_brackets_in_guarantee_fields_and_definitions_count() -> None:
    body = (
        'term "Zone" {\n  an area of [US: 10 | UA: 20] km.\n}\n'
        "guarantee g 1 {\n  guarantor: US\n  beneficiary: UA\n  duration: [US: 10 years]\n}\n"
        "clause a {\n  The <Zone>.\n}\n"
    )
    (finding,) = [f for f in findings_of(body) if f.code == "open-brackets"]
    assert finding.message.startswith("2 open brackets")


def test_findings_sort_by_file_line_and_column() -> None:
    a = loads(draft_source("clause a {\n  @RU and @BY.\n}\nclause a {\n  X.\n}\n"), filename="b.clause")
    b = loads(draft_source("clause z {\n}\n"), filename="a.clause")
    findings = check([a, b])
    keys = [(f.location.file, f.location.line, f.location.column) for f in findings]
    assert keys == sorted(keys)
    assert keys[0][0] == "a.clause"


def test_check_draft_alone_resolves_mirrors_within_itself() -> None:
    source = draft_source(GUARANTEE.replace("}", "  mirrors: test-draft::both\n}"))
    assert "unknown-mirror" not in [f.code for f in check_draft(loads(source))]


# --- the command ------------------------------------------------------------------------

CLEAN = draft_source("clause a 1 {\n  Text for @US.\n}\n")
WITH_ERROR = draft_source("clause a 1 {\n  Text for @RU.\n}\n")
WITH_WARNING = draft_source('term "Zone" {\n  an area.\n}\nclause a 1 {\n  Text.\n}\n')


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args])


def test_cli_exit_0_when_clean(tmp_path: Path) -> None:
    result = run(write(tmp_path, "a.clause", CLEAN))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "0 errors, 0 warnings, 0 info in 1 file"


def test_cli_exit_1_on_an_error_and_prints_compiler_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "a.clause", WITH_ERROR)
    result = run(path)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:") and first.endswith("[unknown-party]") and ": error: " in first


def test_cli_warnings_alone_exit_0_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "a.clause", WITH_WARNING)
    assert run(path).exit_code == 0
    assert run("--strict", path).exit_code == 1


def test_cli_quiet_shows_errors_only(tmp_path: Path) -> None:
    warn = write(tmp_path, "w.clause", WITH_WARNING)
    err = write(tmp_path, "e.clause", WITH_ERROR)
    result = run("--quiet", warn, err)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(": error: " in line for line in lines)


def test_cli_exit_2_on_a_syntax_error_and_still_checks_the_other_files(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.clause", 'draft x "X" {\n  guarantr: US\n}\n')
    err = write(tmp_path, "e.clause", WITH_ERROR)
    result = run(broken, err)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:2:3: unknown field 'guarantr'")
    assert "^" in result.stderr and "Traceback" not in result.stderr
    assert "[unknown-party]" in result.stdout


def test_cli_exit_2_on_a_missing_file(tmp_path: Path) -> None:
    result = run(write(tmp_path, "a.clause", CLEAN), str(tmp_path / "nope.clause"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.clause'}: no such file"


def test_cli_exit_2_when_misused() -> None:
    assert run().exit_code == 2
    assert run("--format", "docx", "x.clause").exit_code == 2


def test_cli_json_shape(tmp_path: Path) -> None:
    err = write(tmp_path, "e.clause", WITH_ERROR)
    broken = write(tmp_path, "broken.clause", "not a draft\n")
    result = run("--format", "json", err, broken)
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert set(document) == {"findings", "summary"}
    assert document["summary"] == {"files": 2, "checked": 1, "unreadable": 1, "errors": 1, "warnings": 0, "info": 0}
    keys = {"file", "line", "column", "level", "code", "message"}
    assert all(set(item) == keys for item in document["findings"])
    codes = {item["code"]: item for item in document["findings"]}
    assert codes["syntax-error"]["file"] == broken and codes["syntax-error"]["line"] == 1
    assert codes["unknown-party"]["file"] == err and codes["unknown-party"]["level"] == "error"


def test_cli_reads_all_files_then_checks_them_together(tmp_path: Path) -> None:
    mine = write(tmp_path, "a.clause", draft_source(GUARANTEE.replace("}", "  mirrors: other-treaty::art-1\n}")))
    other = write(tmp_path, "b.clause", 'draft other-treaty "Other" {\n}\nclause art-1 1 {\n  Text.\n}\n')
    assert run(mine).exit_code == 1
    assert run(mine, other).exit_code == 0


def test_cli_writes_findings_to_a_file_and_never_over_an_input(tmp_path: Path) -> None:
    err = write(tmp_path, "e.clause", WITH_ERROR)
    out = tmp_path / "findings.json"
    assert run("-f", "json", "-o", str(out), err).exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    result = run("-o", err, err)
    assert result.exit_code == 2 and "refusing" in result.stderr
    assert Path(err).read_text(encoding="utf-8") == WITH_ERROR


def test_cli_reports_a_file_named_twice_once(tmp_path: Path) -> None:
    err = write(tmp_path, "e.clause", WITH_ERROR)
    result = run(err, err)
    assert result.stdout.count("[unknown-party]") == 1


# --- properties and the real thing -----------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(drafts(), min_size=1, max_size=2))
def test_check_never_fails_and_returns_sorted_well_formed_findings(generated: list[Draft]) -> None:
    findings = check(generated)
    assert list(findings) == sorted(findings, key=Diagnostic.sort_key)
    codes = set(rule_codes())
    for finding in findings:
        assert finding.level in ("error", "warning", "info") and finding.code in codes and finding.message
    # One draft at a time finds the same, except that mirrors may resolve differently.
    alone = {f for d in generated for f in check([d]) if f.code != "unknown-mirror"}
    assert alone == {f for f in findings if f.code != "unknown-mirror"}


def test_the_example_drafts_have_no_errors(clausekit_cli) -> None:
    files = sorted(str(p) for p in (DRAFTS.glob("*.clause"))) + sorted(
        str(p) for p in DRAFTS.glob("reference/*.clause")
    )
    if not files:
        pytest.skip("no example drafts in drafts/ yet")
    result = clausekit_cli("check", "--quiet", *files)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


@pytest.mark.parametrize("mark", ["[...]", "[…]", "[sic]", "[Sic!]", "[UNVERIFIED: the second sentence]", "[NOTE: x]"])
def test_an_editorial_mark_is_named_and_its_escape_offered_instead_of_an_unknown_party(mark: str) -> None:
    found = findings_of(f"clause a 1 {{\n  Text {mark} more.\n}}\n")
    marks = [f for f in found if f.code == "editorial-mark"]
    assert len(marks) == 1 and marks[0].level == "warning"
    assert "\\[" in marks[0].message and marks[0].location.column == 8
    assert not [f for f in found if f.code == "unknown-party"]


def test_a_declared_party_or_an_alternative_is_never_an_editorial_mark() -> None:
    parties = 'parties {\n  US "the United States"\n  UA "Ukraine"\n  NOTE "a party coded NOTE"\n}\n\n'
    assert not only("editorial-mark", "clause a 1 {\n  [NOTE: x] and @NOTE.\n}\n", parties=parties)
    assert not only("editorial-mark", "clause a 1 {\n  [sic | ...]\n}\n")
    assert not only("editorial-mark", "clause a 1 {\n  [in peacetime]\n}\n")


@pytest.mark.parametrize("written", ["@Ukraine", "@UKRAINE", "@United States", "@Ukraine's"])
def test_a_party_referred_to_by_its_name_is_pointed_to_its_code(written: str) -> None:
    (finding,) = only("unknown-party", f"clause a 1 {{\n  {written} agrees.\n}}\n")
    code, name = ("UA", "Ukraine") if "kraine" in written.lower() else ("US", "the United States")
    assert f"did you mean '@{code}', {name}?" in finding.message


def test_the_summary_says_which_files_could_not_be_parsed_and_which_not_read(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.clause", "not a draft\n")
    result = run(broken, str(tmp_path / "missing.clause"))
    assert result.exit_code == 2
    assert result.stdout.strip().endswith("in 2 files; 1 could not be parsed; 1 could not be read")


def test_unknown_correspondence_names_the_closest_clause_of_a_draft_given_alongside() -> None:
    other = loads('draft us-plan "US" {\n}\n\nclause nato-membership 7 {\n  Words.\n}\n', filename="us.clause")
    source = draft_source("clause a 1 {\n  corresponds: us-plan::nato-membershp\n  Words.\n}\n")
    mine = loads(source, filename="mine.clause")
    (finding,) = [f for f in check([mine, other]) if f.code == "unknown-correspondence"]
    assert finding.message == (
        "'corresponds: us-plan::nato-membershp' names no known clause: "
        "the draft 'us-plan' has no clause 'nato-membershp' (did you mean 'nato-membership'?)"
    )
    fixed = loads(source.replace("membershp", "membership"), filename="mine.clause")
    assert not [f for f in check([fixed, other]) if f.code == "unknown-correspondence"]


def test_a_field_line_in_prose_is_reported_where_it_stands_with_the_fix() -> None:
    (finding,) = only("field-in-prose", "clause a 1 {\n  An armed attack\n  exactness: reconstructed\n}\n")
    # HEADER and PARTIES take 9 lines; the clause opens on line 10, the field line is its third.
    assert (finding.location.line, finding.location.column) == (12, 3)
    assert "'~ exactness: reconstructed' on the line above the paragraph" in finding.message
    (other,) = only("field-in-prose", "clause a 1 {\n  Text.\n  duration: 10 years\n}\n")
    assert "move it to the top of clause 'a'" in other.message and "~ duration" not in other.message
