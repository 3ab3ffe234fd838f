"""``clausekit lsp`` end to end: pytest-lsp's client process talks to the real server over
standard input and output, as an editor does, for every capability."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import DRAFTS  # noqa: E402

pytestmark = [pytest.mark.clients, pytest.mark.asyncio]

DRAFT = """\
draft demo "Demo" {
  proposer: US
}

parties {
  US "the United States"  aka "America"
  UA "Ukraine"
  EU "the European Union"  members FR, DE
  FR "France"
  DE "Germany"
}

term "Security Guarantee" {
  A promise by @US to @UA.
}

article art-1 1 "Гарантії" {
  clause one 1 {
    𐌰 Україна, Россия: @UA gives a <Security Guarantee> under #two [US: five | EU: ten] years.
  }
  guarantee two 2 {
    guarantor: US
    beneficiary: UA
    mirrors: north-atlantic-treaty-1949::art-5

    See #one and @UA.
  }
}
"""
UKRAINIAN_LINE = 18  # 0-based: the line of clause one's prose


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "clausekit", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=tmp_path.as_uri(),
        initialization_options={"debounceMilliseconds": 0},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="clause", version=1, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def _change(client: LanguageClient, uri: str, version: int, text: str) -> list[types.Diagnostic]:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _at(text: str, line: int, needle: str, offset: int = 0) -> types.Position:
    """The LSP position (UTF-16) of ``needle`` on 0-based ``line``, plus ``offset`` characters."""
    source = text.split("\n")[line]
    return types.Position(line=line, character=_utf16(source[: source.index(needle) + offset]))


async def test_a_file_with_errors_then_an_edit_that_fixes_them(client: LanguageClient, tmp_path: Path):
    broken = DRAFT.replace("See #one and @UA.", "See #onr and @UK.").replace("guarantor: US", "guarantor: US, ZZ")
    uri = await _open(client, tmp_path / "d.clause", broken)
    found = {(d.code, d.range.start.line) for d in client.diagnostics[uri]}
    assert ("unknown-reference", 25) in found and ("unknown-party", 25) in found and ("unknown-party", 21) in found
    guarantor = next(d for d in client.diagnostics[uri] if d.code == "unknown-party" and d.range.start.line == 21)
    assert guarantor.range.start == _at(broken, 21, "ZZ")
    reference = next(d for d in client.diagnostics[uri] if d.code == "unknown-reference")
    # The whole '#onr', not only its first character; an error's severity; the source.
    assert (reference.range.start, reference.range.end) == (_at(broken, 25, "#onr"), _at(broken, 25, "#onr", 4))
    assert reference.severity == types.DiagnosticSeverity.Error and reference.source == "clausekit"
    assert "did you mean 'one'" in reference.message

    fixed = await _change(client, uri, 2, DRAFT)
    assert [d.code for d in fixed] == ["open-brackets"]
    assert fixed[0].severity == types.DiagnosticSeverity.Information


async def test_syntax_error_keeps_the_findings_that_still_apply(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("See #one and @UA.", "See #one and @UK.")
    uri = await _open(client, tmp_path / "d.clause", text)
    assert {d.code for d in client.diagnostics[uri]} == {"unknown-party", "open-brackets"}
    # A '}' too many halfway through: the draft no longer parses.
    broken = text.replace('term "Security Guarantee" {', '}\nterm "Security Guarantee" {')
    shown = await _change(client, uri, 2, broken)
    syntax = [d for d in shown if d.code == "syntax-error"]
    assert len(syntax) == 1 and syntax[0].range.start.line == 12
    assert syntax[0].range.end.character > syntax[0].range.start.character
    kept = [d for d in shown if d.code == "unknown-party"]
    assert len(kept) == 1 and kept[0].range.start == _at(broken, 26, "@UK")  # moved down a line with its text


async def test_duplicate_id_points_at_the_first_definition(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("guarantee two 2 {", "guarantee one 2 {").replace("#two", "#one")
    uri = await _open(client, tmp_path / "d.clause", text)
    duplicate = next(d for d in client.diagnostics[uri] if d.code == "duplicate-id")
    assert duplicate.range.start == _at(text, 20, "one")
    (related,) = duplicate.related_information
    assert related.location.uri == uri and related.location.range.start == _at(text, 17, "one")


async def test_unicode_positions_are_utf16(client: LanguageClient, tmp_path: Path):
    # '𐌰' is one character but two UTF-16 code units; Cyrillic letters are one each.
    text = DRAFT.replace("#two [", "#twx [")
    uri = await _open(client, tmp_path / "d.clause", text)
    bad = next(d for d in client.diagnostics[uri] if d.code == "unknown-reference")
    line = text.split("\n")[UKRAINIAN_LINE]
    start = _utf16(line[: line.index("#twx")])
    assert start == line.index("#twx") + 1
    assert (bad.range.start.character, bad.range.end.character) == (start, start + 4)
    # Hover at a UTF-16 position after the astral character finds the term there.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(text, 18, "Security", 2))
    )
    assert hover is not None and "A promise by US to UA" in hover.contents.value


async def _complete(client: LanguageClient, uri: str, text: str, line: int, needle: str, offset: int) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=_at(text, line, needle, offset)
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in items]


async def test_completion_everywhere_it_is_promised(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("  guarantee two 2 {\n", "  guarantee two 2 {\n    exactness: ver\n")
    uri = await _open(client, tmp_path / "d.clause", text)
    assert await _complete(client, uri, text, 18, "@UA", 1) == ["US", "UA", "EU", "FR", "DE"]
    assert await _complete(client, uri, text, 18, "@UA", 2) == ["US", "UA"]
    assert await _complete(client, uri, text, 18, "Security", 1) == ["Security Guarantee"]
    assert await _complete(client, uri, text, 18, "#two", 1) == ["art-1", "one", "two"]
    assert await _complete(client, uri, text, 18, "EU: ten", 0) == ["US", "UA", "EU", "FR", "DE"]
    assert await _complete(client, uri, text, 21, "ver", 3) == ["verbatim"]
    assert await _complete(client, uri, text, 22, "US", 0) == ["US", "UA", "EU", "FR", "DE"]
    mirrors = await _complete(client, uri, text, 24, "north", 5)
    assert "north-atlantic-treaty-1949::art-5" in mirrors and all(m.startswith("north") for m in mirrors)


async def test_completion_of_modality_values(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("    guarantor: US\n", "    guarantor: US\n    modality: sh\n    mi\n")
    uri = await _open(client, tmp_path / "d.clause", text)
    values = await _complete(client, uri, text, 22, "sh", 2)
    assert "shall" in values and all(v.startswith("sh") for v in values)
    # A field name at the start of a block: the guarantee fields that start so.
    assert await _complete(client, uri, text, 23, "mi", 2) == ["mirrors"]


async def test_hover_party_clause_bracket_and_mirror(client: LanguageClient, tmp_path: Path):
    uri = await _open(client, tmp_path / "d.clause", DRAFT)

    async def hover(line: int, needle: str, offset: int = 1) -> str:
        found = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=_at(DRAFT, line, needle, offset)
            )
        )
        assert found is not None, needle
        return found.contents.value

    assert "the European Union" in await hover(18, "EU: ten") and "France" in await hover(7, "EU")
    assert "Guarantee 2" in await hover(18, "#two", 2)
    bracket = await hover(18, "[US", 0)
    assert "**US**: five" in bracket and "**EU**: ten" in bracket
    assert "North Atlantic" in await hover(23, "north-atlantic", 3)


async def test_definition_references_and_rename(client: LanguageClient, tmp_path: Path):
    uri = await _open(client, tmp_path / "d.clause", DRAFT)
    doc = types.TextDocumentIdentifier(uri=uri)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=_at(DRAFT, 18, "#two", 2))
    )
    assert found.uri == uri and found.range.start == _at(DRAFT, 20, "two")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc,
            position=_at(DRAFT, 6, "UA"),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted(r.range.start.line for r in refs) == [6, 13, 18, 22, 25]
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=_at(DRAFT, 13, "UA", 1), new_name="UKR")
    )
    assert sorted(e.range.start.line for e in edit.changes[uri]) == [6, 13, 18, 22, 25]
    assert {e.new_text for e in edit.changes[uri]} == {"UKR"}
    term = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=_at(DRAFT, 12, "Security"), new_name="Guarantee")
    )
    assert len(term.changes[uri]) == 2


async def test_terms_parties_and_clause_ids_hover_define_and_rename(client: LanguageClient, tmp_path: Path):
    # the allowed values of status, as of exactness and modality
    typing = DRAFT.replace("  proposer: US\n", "  proposer: US\n  status: le\n")
    typed = await _open(client, tmp_path / "typing.clause", typing)
    assert await _complete(client, typed, typing, 2, "le", 2) == ["leaked"]
    text = DRAFT.replace("  proposer: US\n", "  proposer: US\n  status: leaked\n")
    uri = await _open(client, tmp_path / "d.clause", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    prose = 19  # clause one's prose, a line lower for the status line
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=_at(text, prose, "Security", 2))
    )
    assert hover is not None and "A promise by" in hover.contents.value
    for needle, offset, line, name in (("Security", 2, 13, "Security"), ("@UA", 1, 7, "UA")):
        found = await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc, position=_at(text, prose, needle, offset))
        )
        assert found is not None and found.range.start == _at(text, line, name), needle
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=_at(text, prose, "#two", 2), new_name="guarantee-2")
    )
    # the clause's own id and every reference to it
    assert sorted(e.range.start.line for e in edit.changes[uri]) == [prose, 21]
    assert {e.new_text for e in edit.changes[uri]} == {"guarantee-2"}


async def test_definition_of_a_mirror_opens_the_bundled_draft(client: LanguageClient, tmp_path: Path):
    uri = await _open(client, tmp_path / "d.clause", DRAFT)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(DRAFT, 23, "north", 2))
    )
    assert found is not None and found.uri.endswith("north-atlantic-treaty-1949.clause")
    target = Path(found.uri.removeprefix("file://")).read_text(encoding="utf-8").split("\n")[found.range.start.line]
    assert "art-5" in target


async def test_document_symbols_formatting_and_code_actions(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("See #one and @UA.", "See #one and @UAA.").replace("  proposer: US", "  proposer:   US")
    uri = await _open(client, tmp_path / "d.clause", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    assert [s.name for s in symbols] == ["Demo", "parties", '"Security Guarantee"', "Article 1: Гарантії"]
    assert [c.name for c in symbols[3].children] == ["Clause 1", "Guarantee 2"]
    assert symbols[3].range.end.line == 27

    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert len(edits) == 1 and "  proposer: US\n" in edits[0].new_text

    unknown = next(d for d in client.diagnostics[uri] if d.code == "unknown-party")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc, range=unknown.range, context=types.CodeActionContext(diagnostics=[unknown])
        )
    )
    titles = [a.title for a in actions]
    assert titles == ["Change to 'UA'", "Declare the party 'UAA'"] and actions[0].is_preferred
    declare = next(a for a in actions if a.title.startswith("Declare"))
    (insert,) = declare.edit.changes[uri]
    assert insert.range.start.line == 10 and insert.new_text == '  UAA "UAA"\n'


async def _quick_fixes(client: LanguageClient, uri: str, code: str) -> list[types.CodeAction]:
    diagnostic = next(d for d in client.diagnostics[uri] if d.code == code)
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def test_the_slips_of_a_new_drafter_have_quick_fixes(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("See #one and @UA.", "See #one and @Ukraine [...] today.")
    uri = await _open(client, tmp_path / "slips.clause", text)
    line = text.split("\n").index("    See #one and @Ukraine [...] today.")

    (escape,) = await _quick_fixes(client, uri, "editorial-mark")
    (edit,) = escape.edit.changes[uri]
    assert edit.new_text == "\\[...\\]" and edit.range.start == _at(text, line, "[...]")
    assert edit.range.end == _at(text, line, "[...]", len("[...]"))

    by_code = (await _quick_fixes(client, uri, "unknown-party"))[0]
    assert by_code.title == "Change to '@UA'" and by_code.is_preferred
    (edit,) = by_code.edit.changes[uri]
    assert edit.new_text == "UA" and edit.range.start == _at(text, line, "Ukraine")
    assert edit.range.end == _at(text, line, "Ukraine", len("Ukraine"))


async def test_a_title_with_quotes_and_a_bracket_in_a_field_have_quick_fixes(client: LanguageClient, tmp_path: Path):
    title = DRAFT.replace('draft demo "Demo" {', 'draft demo "The "Best" Deal" {')
    uri = await _open(client, tmp_path / "title.clause", title)
    (escape,) = await _quick_fixes(client, uri, "syntax-error")
    (edit,) = escape.edit.changes[uri]
    assert edit.new_text == 'draft demo "The \\"Best\\" Deal" {' and edit.range.start.line == 0
    fixed = await _change(client, uri, 2, title.replace(title.split("\n")[0], edit.new_text))
    assert "syntax-error" not in {d.code for d in fixed}

    field = DRAFT.replace("    guarantor: US\n", "    guarantor: US\n    modality: [US: will | UA: shall]\n")
    uri = await _open(client, tmp_path / "field.clause", field)
    actions = await _quick_fixes(client, uri, "syntax-error")
    assert [a.title for a in actions] == ["Keep US's value: will", "Keep UA's value: shall"]
    assert [a.edit.changes[uri][0].new_text for a in actions] == ["    modality: will", "    modality: shall"]


async def test_a_shipped_draft_opens_without_errors(client: LanguageClient, tmp_path: Path):
    text = (DRAFTS / "us-guarantee-framework.clause").read_text(encoding="utf-8")
    uri = await _open(client, tmp_path / "us.clause", text)
    assert not [d for d in client.diagnostics[uri] if d.severity == types.DiagnosticSeverity.Error]


async def test_incremental_edits_that_add_lines_move_what_follows(client: LanguageClient, tmp_path: Path):
    text = DRAFT.replace("See #one and @UA.", "See #one and @UK.")
    uri = await _open(client, tmp_path / "d.clause", text)
    line = text.split("\n")[UKRAINIAN_LINE]
    end = types.Position(line=UKRAINIAN_LINE, character=_utf16(line))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=end, end=end), text="\n    Ще @ZZ і #тут.\n    More."
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    now = text.replace(line, line + "\n    Ще @ZZ і #тут.\n    More.")
    unknown = sorted(
        (d.range.start.line, d.range.start.character) for d in client.diagnostics[uri] if d.code == "unknown-party"
    )
    assert unknown == [(19, 7), (27, 17)]  # the new line, and the old finding two lines further down
    assert (now.split("\n")[27])[17:20] == "@UK"
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=_at(now, 27, "#one", 2))
    )
    assert hover is not None and "Clause 1" in hover.contents.value


async def test_references_of_a_clause_across_the_workspace(client: LanguageClient, tmp_path: Path):
    treaty = 'draft treaty "Treaty" {\n}\n\narticle art-5 5 {\n  An attack on one is an attack on all.\n}\n'
    proposal = DRAFT.replace("north-atlantic-treaty-1949::art-5", "treaty::art-5")
    (tmp_path / "proposal.clause").write_text(proposal, encoding="utf-8")  # on disk, not open
    uri = await _open(client, tmp_path / "treaty.clause", treaty)
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=3, character=9),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    where = sorted(
        (Path(r.uri.removeprefix("file://")).name, r.range.start.line, r.range.start.character) for r in refs
    )
    assert where == [("proposal.clause", 23, 13), ("treaty.clause", 3, 8)]


GUARANTEE = """\
draft g "G" {
}

parties {
  US "the United States"
  UA "Ukraine"
}

guarantee pledge 1 {
  guarantor: US
  beneficiary: UA
  modality: shall

  An armed attack against @UA shall be considered an attack against them all. @US shall immediately assist @UA by
  all the means in its power.
}
"""


async def test_hover_on_a_guarantee_shows_its_profile(client: LanguageClient, tmp_path: Path):
    uri = await _open(client, tmp_path / "g.clause", GUARANTEE)

    async def hover(line: int, needle: str, offset: int = 0) -> str | None:
        found = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=_at(GUARANTEE, line, needle, offset)
            )
        )
        return None if found is None else found.contents.value

    opener = await hover(8, "guarantee")
    assert opener is not None and "Guarantee profile" in opener
    # Each dimension with its value and where it was read: the prose (with its line) or a field.
    assert "**deeming**: yes — prose, line 14" in opener and "shall be considered an attack" in opener
    assert "**timing**: immediately — prose, line 14" in opener
    assert "**means**: all-means — prose, line 14" in opener
    assert "**modality**: shall (binding) — `modality:` field: “shall”" in opener
    assert "**reciprocity**: one-way — `guarantor:` field" in opener
    assert "**scope**: none-stated — not stated" in opener
    # On the id: the clause, then its profile; on a field's key: the profile.
    on_id = await hover(8, "pledge", 2)
    assert on_id is not None and "Guarantee 1" in on_id and "Guarantee profile" in on_id
    on_field = await hover(11, "modality")
    assert on_field is not None and "**obligation**: assist" in on_field
    # A party named in a field still shows the party; the prose shows no profile.
    assert "the United States" in (await hover(9, "US", 1) or "")
    assert "Guarantee profile" not in (await hover(13, "armed", 2) or "")
