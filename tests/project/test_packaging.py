"""The project as a user installs it: README commands, CI, packaged resources."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

from clausekit.resources import resource
from conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)


def test_readme_starts_with_the_two_setup_commands():
    main_job, tests = _readme_commands()[:2]
    assert main_job.startswith("python3 -m venv .venv") and "clausekit diff" in main_job
    assert tests.startswith("python3 -m venv .venv") and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    test_command = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_grammar_templates_and_reference_drafts_are_package_resources():
    assert resource("grammar").joinpath("clause.lark").is_file()
    assert resource("templates").joinpath("draft.md.j2").is_file()
    assert any(p.name.endswith(".clause") for p in resource("reference").iterdir())


def test_the_package_folder_holds_no_symbolic_links():
    # A checkout on a file system without symbolic links (Windows) must work as well.
    links = [str(p) for p in (ROOT / "clausekit").rglob("*") if p.is_symlink()]
    assert not links


def test_the_wheel_carries_the_data_folders_inside_the_package(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("clausekit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "clausekit/grammar/clause.lark" in names
    assert "clausekit/templates/draft.md.j2" in names
    assert "clausekit/reference/north-atlantic-treaty-1949.clause" in names
    assert not any(name.startswith("clausekit/drafts/") or "us-28-point-plan" in name for name in names)


def test_the_python_api_mirrors_the_commands(tmp_path):
    import clausekit

    source = 'draft d "T" {\n  proposer: US\n}\n\nclause c 1 {\n  @US will act.\n}\n'
    (tmp_path / "d.clause").write_text(source)
    old = clausekit.load(tmp_path / "d.clause")
    new = clausekit.loads(source.replace("will", "may"), filename="new.clause")
    # clausekit.diff is both a package and the diff function (clausekit/callable_modules.py).
    import clausekit.diff

    report = clausekit.diff(old, new)
    assert [f.kind for f in report.findings() if f.kind.startswith("modality")] == ["modality.weakened"]
    assert clausekit.diff(old, old).is_empty
    assert clausekit.dumps(old) == source
    assert "will act" in clausekit.render(old, "text")
    assert clausekit.library()
    assert clausekit.compare([old, new]).rows
    assert clausekit.check([old]) is not None
