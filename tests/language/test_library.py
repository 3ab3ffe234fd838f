"""The bundled reference library: loading through importlib.resources, mirrors, clause specs, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import clausekit.library as lib
from clausekit.cli import main
from clausekit.errors import ClauseNotFoundError, ClauseSyntaxError, InputError, UsageError
from clausekit.language.parser import loads
from clausekit.model import Clause

NATO = """\
draft north-atlantic-treaty-1949 "The North Atlantic Treaty" {
  date: 1949-04-04
  status: in-force
  source: https://www.nato.int/cps/en/natohq/official_texts_17120.htm
  exactness: verbatim
}

article art-4 4 "Consultation" {
  The Parties will consult together.
}

article art-5 5 "Collective defence" {
  The Parties agree that an armed attack against one or more of them shall be considered an attack against them all.

  clause art-5-b b {
    Any such armed attack shall immediately be reported to the Security Council.
  }
}

article art-6 6 {
  exactness: missing
}
"""

JAPAN = """\
draft us-japan-1960 "Treaty of Mutual Cooperation and Security between the United States and Japan" {
  exactness: verbatim
}

article art-v 5 "Article V" {
  Each Party recognizes that an armed attack against either Party would be dangerous to its own peace and safety.
}
"""


@pytest.fixture
def reference_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two small reference drafts (and a file that is not a draft) in place of the bundled library."""
    root = tmp_path / "reference"
    root.mkdir()
    (root / "north-atlantic-treaty-1949.clause").write_text(NATO, encoding="utf-8")
    (root / "us-japan-1960.clause").write_text(JAPAN, encoding="utf-8")
    (root / "README.md").write_text("not a draft\n", encoding="utf-8")
    monkeypatch.setattr(lib, "reference_root", lambda: root)
    lib.clear_cache()
    yield root
    lib.clear_cache()


# --- the API ------------------------------------------------------------------------------


def test_library_loads_every_clause_file_in_name_order(reference_dir: Path) -> None:
    drafts = lib.library()
    assert [d.id for d in drafts] == ["north-atlantic-treaty-1949", "us-japan-1960"]
    # Locations name the draft where it sits in the package, the same on every machine.
    assert drafts[0].path == "clausekit/reference/north-atlantic-treaty-1949.clause"


def test_library_is_parsed_once(reference_dir: Path) -> None:
    first = lib.library()
    (reference_dir / "us-japan-1960.clause").write_text("garbage", encoding="utf-8")
    assert lib.library() is first


def test_an_empty_or_absent_root_is_an_empty_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lib, "reference_root", lambda: tmp_path / "absent")
    lib.clear_cache()
    try:
        assert lib.library() == ()
        assert lib.reference_draft("north-atlantic-treaty-1949") is None
    finally:
        lib.clear_cache()


def test_a_broken_reference_draft_is_reported_with_its_position(reference_dir: Path) -> None:
    (reference_dir / "zz-broken.clause").write_text('draft x "X" {\n  status: nonsense\n}\n', encoding="utf-8")
    with pytest.raises(ClauseSyntaxError) as caught:
        lib.library()
    assert caught.value.render().startswith("clausekit/reference/zz-broken.clause:2:11:")


def test_reference_draft(reference_dir: Path) -> None:
    draft = lib.reference_draft("us-japan-1960")
    assert draft is not None and draft.clause("art-v") is not None
    assert lib.reference_draft("us-japan") is None


def test_find_mirror_looks_in_the_given_drafts_first_then_the_library(reference_dir: Path) -> None:
    bundled = _mirrored("north-atlantic-treaty-1949::art-5")
    assert bundled is not None and bundled.title == "Collective defence"
    # A draft on the command line with the same id stands in for the bundled one.
    own = loads('draft north-atlantic-treaty-1949 "My copy" {\n}\narticle art-5 5 {\n  My text.\n}\n')
    assert _mirrored("north-atlantic-treaty-1949::art-5", [own]) == own.clause("art-5")
    # ... but a clause it lacks is still found in the bundled one.
    assert _mirrored("north-atlantic-treaty-1949::art-4", [own]) == bundled_clause("art-4")
    found = lib.find_mirror("north-atlantic-treaty-1949::art-5-b")
    assert found is not None and found[0].id == "north-atlantic-treaty-1949" and found[1].number == "b"


def _mirrored(ref: str, drafts: tuple = ()) -> Clause | None:
    found = lib.find_mirror(ref, drafts)
    return found[1] if found else None


def bundled_clause(clause_id: str) -> Clause | None:
    draft = lib.reference_draft("north-atlantic-treaty-1949")
    assert draft is not None
    return draft.clause(clause_id)


@pytest.mark.parametrize("ref", ["north-atlantic-treaty-1949::art-9", "nato::art-5", "art-5", "::art-5", "x::"])
def test_find_mirror_returns_none_for_what_it_cannot_find(ref: str, reference_dir: Path) -> None:
    assert _mirrored(ref) is None


def test_resolve_clause_spec_by_bundled_draft_id(reference_dir: Path) -> None:
    draft, clause = lib.resolve_clause_spec("us-japan-1960::art-v")
    assert draft.id == "us-japan-1960" and clause.number == "5"


def test_resolve_clause_spec_by_path(tmp_path: Path, reference_dir: Path) -> None:
    path = tmp_path / "mine.clause"
    path.write_text('draft mine "Mine" {\n}\nclause point-1 1 {\n  Text.\n}\n', encoding="utf-8")
    draft, clause = lib.resolve_clause_spec(f"{path}::point-1")
    assert draft.id == "mine" and clause.id == "point-1"


def test_resolve_clause_spec_reads_a_bare_existing_file_name(
    tmp_path: Path, reference_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine").write_text('draft mine "Mine" {\n}\nclause a 1 {\n  Text.\n}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert lib.resolve_clause_spec("mine::a")[0].id == "mine"


def test_unknown_clause_names_the_closest_ids(reference_dir: Path) -> None:
    with pytest.raises(ClauseNotFoundError) as caught:
        lib.resolve_clause_spec("north-atlantic-treaty-1949::art-7")
    message = caught.value.render()
    assert message.startswith("north-atlantic-treaty-1949::art-7: no clause 'art-7' in the reference draft")
    assert "did you mean 'art-4', 'art-5' or 'art-6'?" in message


def test_unknown_clause_with_nothing_close_lists_some_ids(reference_dir: Path) -> None:
    with pytest.raises(ClauseNotFoundError) as caught:
        lib.resolve_clause_spec("north-atlantic-treaty-1949::preamble")
    assert "its clause ids: art-4, art-5, art-5-b, art-6" in str(caught.value)


def test_unknown_bundled_draft_names_the_closest_draft_ids(reference_dir: Path) -> None:
    with pytest.raises(ClauseNotFoundError) as caught:
        lib.resolve_clause_spec("north-atlantic-treaty::art-5")
    assert "did you mean 'north-atlantic-treaty-1949'?" in str(caught.value)


def test_clause_spec_errors_for_files(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        lib.resolve_clause_spec(f"{tmp_path}/absent.clause::a")
    with pytest.raises(UsageError):
        lib.resolve_clause_spec("no-separator.clause")
    path = tmp_path / "mine.clause"
    path.write_text('draft mine "Mine" {\n}\nclause point-1 1 {\n  Text.\n}\n', encoding="utf-8")
    with pytest.raises(ClauseNotFoundError, match=r"did you mean 'point-1'\?"):
        lib.resolve_clause_spec(f"{path}::point-2")


def test_is_clause_spec() -> None:
    assert lib.is_clause_spec("drafts/a.clause::point-1")
    assert lib.is_clause_spec("north-atlantic-treaty-1949::art-5")
    assert not lib.is_clause_spec("drafts/a.clause")


# --- the command ------------------------------------------------------------------------------


def test_library_command_text(reference_dir: Path) -> None:
    result = CliRunner().invoke(main, ["library"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "north-atlantic-treaty-1949  The North Atlantic Treaty"
    assert "  exactness: verbatim" in lines
    assert "    art-5      article 5  Collective defence" in lines
    assert "      art-5-b  clause b" in lines
    assert "    art-6      article 6  (text missing)" in lines
    assert "us-japan-1960  Treaty of Mutual Cooperation and Security between the United States and Japan" in lines


def test_library_command_json(reference_dir: Path) -> None:
    result = CliRunner().invoke(main, ["library", "--format", "json", "us-japan-1960"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["id"] == "us-japan-1960" and entry["exactness"] == "verbatim"
    assert entry["clauses"] == [
        {"id": "art-v", "kind": "article", "number": "5", "title": "Article V", "depth": 0, "exactness": "verbatim"}
    ]


def test_library_command_unknown_draft_exits_2(reference_dir: Path) -> None:
    result = CliRunner().invoke(main, ["library", "us-japan"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "us-japan: no bundled reference draft has this id (did you mean 'us-japan-1960'?)"


# --- the real bundled library -------------------------------------------------------------------


def test_reference_root_is_the_packaged_folder_or_the_checkouts() -> None:
    # In a wheel the drafts ride inside the package; in a checkout they are drafts/reference/.
    root = Path(str(lib.reference_root()))
    assert (root.parent.name, root.name) in (("clausekit", "reference"), ("drafts", "reference"))
    assert any(entry.suffix == ".clause" for entry in root.iterdir())


REAL_IDS = {
    "north-atlantic-treaty-1949": ("art-4", "art-5", "art-6"),
    "us-japan-1960": ("art-v",),
}


def test_the_bundled_drafts_parse_have_unique_ids_and_the_named_clauses() -> None:
    lib.clear_cache()
    drafts = lib.library()
    if not drafts:
        pytest.skip("drafts/reference/ holds no reference drafts yet")
    ids = [d.id for d in drafts]
    assert len(ids) == len(set(ids)), f"two bundled reference drafts share an id: {ids}"
    for draft_id, clause_ids in REAL_IDS.items():
        draft = lib.reference_draft(draft_id)
        if draft is None:
            continue
        for clause_id in clause_ids:
            assert draft.clause(clause_id) is not None, f"{draft_id}::{clause_id} is missing"


# --- bundled drafts by name, wherever a file is accepted ------------------------------------------


def test_load_draft_reads_a_file_or_a_bundled_draft(tmp_path: Path, reference_dir: Path, monkeypatch) -> None:
    assert lib.load_draft("us-japan-1960").id == "us-japan-1960"
    own = tmp_path / "mine.clause"
    own.write_text(JAPAN.replace("us-japan-1960", "mine"), encoding="utf-8")
    assert lib.load_draft(str(own)).id == "mine"
    # A file named like a bundled id wins (a user's own copy).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "us-japan-1960").write_text(JAPAN.replace("us-japan-1960", "copy"), encoding="utf-8")
    assert lib.load_draft("us-japan-1960").id == "copy"


def test_check_reads_bundled_drafts_by_name_and_names_the_closest(reference_dir: Path) -> None:
    result = CliRunner().invoke(main, ["check", "north-atlantic-treaty", "us-japan-1960"])
    assert result.exit_code == 2, result.output
    assert "north-atlantic-treaty: no such file, nor a bundled reference draft" in result.output
    assert "did you mean 'north-atlantic-treaty-1949'?" in result.output
    # The other draft is still checked (checked: 1 of 2 files).
    assert "in 2 files; 1 could not be read" in result.output


def test_load_draft_names_the_closest_bundled_drafts(reference_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        lib.load_draft("north-atlantic-treaty")
    assert str(caught.value) == (
        "north-atlantic-treaty: no such file, nor a bundled reference draft "
        "(did you mean 'north-atlantic-treaty-1949'?)"
    )
    with pytest.raises(InputError, match="no such file"):
        lib.load_draft("missing.clause")


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "north-atlantic-treaty-1949", "us-japan-1960", "--stat"],
        ["compare", "north-atlantic-treaty-1949", "us-japan-1960", "-f", "json"],
        ["render", "us-japan-1960", "-f", "text"],
        ["mirror", "us-japan-1960"],
        ["check", "north-atlantic-treaty-1949", "us-japan-1960"],
    ],
)
def test_every_command_reads_bundled_drafts_by_name(args: list[str], reference_dir: Path) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "no such file" not in result.output


def test_compare_takes_one_clause_of_each_draft_in_one_row(reference_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["compare", "north-atlantic-treaty-1949::art-5", "us-japan-1960::art-v", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    # The two clauses named are one row; the sub-clause of art-5 follows, absent from Japan's.
    assert [row["key"] for row in rows] == ["art-5", "art-5-b"]
    assert [cell["status"] for cell in rows[0]["cells"]] == ["base", "modified"]
    assert [cell["status"] for cell in rows[1]["cells"]] == ["base", "gap"]


def test_compare_refuses_a_mix_of_clauses_and_drafts(reference_dir: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "north-atlantic-treaty-1949::art-5", "us-japan-1960"])
    assert result.exit_code == 2
    assert "not a mix" in result.stderr
