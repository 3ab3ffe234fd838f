"""The project as a user installs it: README commands, CI, packaged resources."""

from __future__ import annotations

import re
from importlib import resources

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
    package = resources.files("clausekit")
    assert package.joinpath("grammar/clause.lark").is_file()
    assert package.joinpath("templates").is_dir()
    assert any(p.name.endswith(".clause") for p in package.joinpath("reference").iterdir())


def test_the_python_api_mirrors_the_commands(tmp_path):
    import clausekit

    source = 'draft d "T" {\n  proposer: US\n}\n\nclause c 1 {\n  @US will act.\n}\n'
    (tmp_path / "d.clause").write_text(source)
    old = clausekit.load(tmp_path / "d.clause")
    new = clausekit.loads(source.replace("will", "may"), filename="new.clause")
    # clausekit.diff is both a package and the diff function (clausekit/_callable.py).
    import clausekit.diff

    report = clausekit.diff(old, new)
    assert [f.kind for f in report.findings() if f.kind.startswith("modality")] == ["modality.weakened"]
    assert clausekit.diff(old, old).is_empty
    assert clausekit.dumps(old) == source
    assert "will act" in clausekit.render(old, "text")
    assert clausekit.library()
    assert clausekit.compare([old, new]).rows
    assert clausekit.check([old]) is not None
