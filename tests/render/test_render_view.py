"""What a rendered draft says: resolved names and numbers, marks, brackets, templates, CLI."""

from __future__ import annotations

import pytest

from clausekit.errors import UsageError
from clausekit.language.parser import load, loads
from clausekit.negotiation.accept import accept_brackets, count_open
from clausekit.render import TemplateError, render
from clausekit.render.draft.view import build_view, citations
from clausekit.render.templates import environment, markdown_escape
from render_clients import GOLDEN, run_clausekit

SMALL = GOLDEN / "small.clause"

HEADER = (
    'draft d "A title" {\n  proposer: US\n  exactness: %s\n}\n\n'
    'parties {\n  US "the United States"\n  E3 "the E3"\n}\n\n'
)


def draft(body: str, exactness: str = "verbatim"):
    return loads(HEADER % exactness + body, "d.clause")


def text(body: str, **kwargs) -> str:
    return render(draft(body, kwargs.pop("exactness", "verbatim")), "text", **kwargs)


def test_cross_references_cite_the_current_number_under_the_parents_numbers() -> None:
    cited = citations(load(SMALL))
    assert cited["guarantee"] == "1(1)"
    assert cited["point-a"] == "2(3)(a)"
    assert "see 7(b)" in text("clause p 7 {\n  clause q b {\n    x\n  }\n}\n\nclause r 8 {\n  see #q.\n}\n")


def test_a_reference_to_no_clause_is_shown_as_unresolved() -> None:
    assert "see [unresolved reference #nowhere]." in text("clause r 8 {\n  see #nowhere.\n}\n")


def test_guarantee_without_prose_is_generated_wording_and_marked() -> None:
    out = text("guarantee g 1 {\n  guarantor: US, E3\n  modality: will\n  trigger: an attack\n}\n")
    assert "1. The United States and the E3 will act as guarantors." in out
    assert "In the event of an attack" in out
    assert out.rstrip().endswith("[generated from the structured fields]")


def test_guarantee_with_prose_keeps_its_prose() -> None:
    out = text("guarantee g 1 {\n  guarantor: US\n  The US guarantees it.\n}\n")
    assert "1. The US guarantees it." in out and "generated" not in out


@pytest.mark.parametrize(
    ("exactness", "notice"),
    [
        ("verbatim", None),
        ("reconstructed", "Reconstructed from reports of the text; not an official text."),
        ("translated", "Unofficial translation; not an authentic text."),
        ("paraphrase", "Paraphrase of the reported content; not the words of the text."),
    ],
)
def test_a_draft_that_is_not_verbatim_says_so_in_its_title_block(exactness: str, notice: str | None) -> None:
    out = text("clause a 1 {\n  x\n}\n", exactness=exactness)
    if notice is None:
        assert "Notice:" not in out
    else:
        assert f"Notice: {notice}" in out.split("1. x")[0]


def test_a_clause_whose_exactness_differs_is_marked_and_a_missing_text_is_a_placeholder() -> None:
    out = text(
        "clause a 1 {\n  exactness: paraphrase\n  x\n}\n\n"
        "clause b 2 {\n  exactness: missing\n  source: not published\n}\n"
    )
    assert "1. x\n\n[Paraphrase, not the words of the text]" in out
    assert "2. [Text not available: not published]" in out


def test_an_excerpt_is_marked_in_every_format_and_its_sub_clauses_are_not() -> None:
    source = "clause a 1 {\n  extent: excerpt\n  x\n\n  clause b a {\n    y\n  }\n}\n"
    out = text(source)
    assert "1. x\n\n[Excerpt: the source gives only part of this provision]" in out
    assert out.count("Excerpt:") == 1  # extent is the provision's own, not its sub-clauses'
    assert "Excerpt: the source gives only part of this provision" in str(render(draft(source), "html"))
    assert "Excerpt: the source gives only part of this provision" in str(render(draft(source), "markdown"))


def test_brackets_show_attributed_alternatives_and_accept_takes_one_side() -> None:
    body = "clause a 1 {\n  capped at [US: 600,000 | E3: 800,000 in peacetime], [in peacetime] and [E3: x].\n}\n"
    assert "capped at [US: 600,000 / E3: 800,000 in peacetime], [in peacetime] and [E3: x]." in text(body)
    accepted = accept_brackets(draft(body), "US")
    assert (accepted.taken, accepted.open) == (1, 2)
    assert count_open(draft(body)) == 3
    assert "capped at 600,000, [in peacetime] and [E3: x]." in text(body, accept="US")
    with pytest.raises(UsageError, match="declares no party RU"):
        accept_brackets(draft(body), "RU")


@pytest.mark.parametrize(
    ("body", "party", "wanted"),
    [
        ("review this Article [US: every five years | E3: ].", "E3", "review this Article."),
        ("review this Article [US: every five years | E3: ] and report.", "E3", "review this Article and report."),
        ("review this Article [US: every five years | E3: ]", "E3", "review this Article"),
        ("[US: Every five years, | E3: ] the parties meet.", "E3", "the parties meet."),
        ("review this Article [US: every five years | E3: ].", "US", "review this Article every five years."),
    ],
)
def test_taking_an_empty_alternative_leaves_no_hanging_space(body: str, party: str, wanted: str) -> None:
    out = text(f"clause a 1 {{\n  {body}\n}}\n", accept=party)
    assert f"1. {wanted}" in out.replace("1. The", "1. the")


def test_defined_terms_are_marked_where_defined_and_linked_where_used() -> None:
    html = render(load(SMALL), "html")
    assert '<p class="definition level-1" id="t-security-guarantee"><dfn>“Security Guarantee”</dfn> means' in html
    assert '<a class="term" href="#t-security-guarantee">Security Guarantee</a>' in html


def test_markdown_escapes_every_drafted_character_that_is_markup() -> None:
    assert markdown_escape("1. *not* [a](link) <b>") == "1\\. \\*not\\* \\[a\\](link) \\<b\\>"
    assert "Framework for a \\*small\\* settlement" in render(load(SMALL), "markdown")


def test_a_template_is_overridden_by_name_from_a_user_folder(tmp_path) -> None:
    (tmp_path / "draft.txt.j2").write_text("{{ view.title | upper }} ({{ view.items | length }} items)\n")
    assert render(load(SMALL), "text", templates=str(tmp_path)) == "FRAMEWORK FOR A *SMALL* SETTLEMENT (10 items)\n"
    # the packaged templates still serve the names the folder does not have
    assert render(load(SMALL), "markdown", templates=str(tmp_path)).startswith("# Framework")


def test_an_undefined_name_in_a_template_fails_loudly_with_its_position(tmp_path) -> None:
    (tmp_path / "draft.txt.j2").write_text("line one\n{{ view.nonsense }}\n")
    with pytest.raises(TemplateError, match=r"draft\.txt\.j2:2:1: .*nonsense"):
        render(load(SMALL), "text", templates=str(tmp_path))


def test_the_packaged_templates_are_found_through_importlib_resources() -> None:
    names = environment().loader.loaders[-1].list_templates()  # type: ignore[union-attr]
    assert {"draft.md.j2", "draft.html.j2", "draft.txt.j2", "draft.guarantee.j2"} <= set(names)
    assert build_view(load(SMALL), environment()).title == "Framework for a *small* settlement"


# --- the command line (real processes) ------------------------------------------------------


def test_cli_renders_text_to_stdout_and_reports_open_brackets() -> None:
    result = run_clausekit("render", str(SMALL), "--format", "text", "--accept", "US")
    assert result.returncode == 0, result.stderr
    assert b"capped at 600,000." in result.stdout
    assert result.stderr.decode().strip() == "clausekit: accepted US's option in 2 brackets; 0 brackets left open"


def test_cli_writes_docx_to_a_file_and_refuses_to_overwrite_its_input(tmp_path) -> None:
    out = tmp_path / "out.docx"
    assert run_clausekit("render", str(SMALL), "-o", str(out)).returncode == 0
    assert out.read_bytes()[:2] == b"PK"
    refused = run_clausekit("render", str(SMALL), "-f", "html", "-o", str(SMALL))
    assert refused.returncode == 2
    assert b"refusing to write the output over the input" in refused.stderr


def test_cli_writes_docx_to_a_pipe() -> None:
    result = run_clausekit("render", str(SMALL), "--format", "docx")
    assert result.returncode == 0 and result.stdout[:2] == b"PK"


def test_cli_errors_are_one_line_and_exit_2(tmp_path) -> None:
    bad = tmp_path / "bad.clause"
    bad.write_text('draft d "t" {\n  statu: x\n}\n')
    result = run_clausekit("render", str(bad))
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{bad}:2:")
    assert b"Traceback" not in result.stderr
    assert run_clausekit("render", str(SMALL), "--accept", "XX").returncode == 2


def test_a_sub_clause_is_marked_where_its_exactness_differs_from_its_enclosing_clause() -> None:
    body = (
        "clause p 1 {\n  exactness: translated\n  Point.\n\n"
        "  clause q a {\n    Inherited.\n  }\n\n"
        "  clause r b {\n    exactness: verbatim\n    Own.\n  }\n}\n"
    )
    out = text(body)
    # The point's note covers what it holds; the sub-point that is verbatim again says so.
    assert out.count("[Unofficial translation]") == 1
    assert "[Verbatim text]" in out
    assert "[Unofficial translation]" in out.split("Inherited.")[0]


def test_unverified_text_is_marked_and_the_draft_carries_the_notice() -> None:
    assert "[Unverified text, not checked against any copy]" in text(
        "clause p 1 {\n  exactness: unverified\n  Words.\n}\n"
    )
    assert "Not checked against any copy of the text" in text("clause p 1 {\n  Words.\n}\n", exactness="unverified")


def test_a_paragraph_with_its_own_exactness_is_marked_under_it() -> None:
    out = text("clause p 1 {\n  First.\n\n  ~ exactness: unverified\n  ~ source: a forum copy\n  Second.\n}\n")
    first, rest = out.split("Second.")
    assert "This paragraph" not in first
    assert "[This paragraph: Unverified text, not checked against any copy; source: a forum copy]" in rest


def test_the_title_block_summarises_mixed_provenance() -> None:
    body = (
        "clause a 1 {\n  One.\n}\n\n"
        "clause b 2 {\n  exactness: unverified\n  Two.\n}\n\n"
        "clause c 3 {\n  exactness: unverified\n  Three.\n}\n\n"
        "clause d 4 {\n  First.\n\n  ~ exactness: paraphrase\n  Second.\n}\n\n"
        "clause e {\n  exactness: missing\n}\n"
    )
    for fmt in ("text", "markdown", "html"):
        out = render(draft(body), fmt)
        assert (
            "verbatim, except 2-3: unverified; 4, paragraph 2: paraphrase; 1 unnumbered provision: text not available"
            in out
        ), fmt
    assert "Not every part of this text is verbatim: 2-3: unverified; 4, paragraph 2: paraphrase." in text(body)


def test_a_title_block_of_a_draft_exact_in_every_part_says_only_its_level() -> None:
    out = text("clause a 1 {\n  exactness: verbatim\n  One.\n}\n")
    assert "Exactness: verbatim\n" in out and "except" not in out and "Notice" not in out
