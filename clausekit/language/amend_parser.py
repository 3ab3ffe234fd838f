"""``.amend`` text -> ``AmendmentList``: the grammar ``grammar/amend.lark``, read by Lark.

Errors are located as the clause language's are: ``FILE:line:col: message``, then the line
with a caret under the column. A clause block inside an amendment is read by the clause
language's parser when the amendment is applied or checked (``check_amendments``).

The builder is Lark's inline transformer, run as the LALR parser reduces each rule, so no parse
tree is built and walked a second time (a third of the time on a 0.3 MB list,
benchmarks/README.md). It keeps nothing between parses: the file's name is put on the
amendments afterwards.
"""

from __future__ import annotations

import difflib
import textwrap
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from clausekit.errors import ClauseSyntaxError
from clausekit.language.amendments import (
    PARTIES,
    PIECE_KINDS,
    Amendment,
    AmendmentList,
    Piece,
    Position,
    Renumbering,
    Target,
    label_for,
)
from clausekit.language.parser import loads
from clausekit.language.source import normalise_newlines, read_text
from clausekit.language.syntax import AMEND_NUMBER, FIELD_KEY, ID, PARTY_CODE, unescape
from clausekit.model import FIELDS, Clause, Location

# The terminals that are patterns of the clause language, added to the grammar's rules.
_TERMINALS = {
    "NUMBER": AMEND_NUMBER,
    "CLAUSE_ID": "#" + ID,
    "DRAFT_ID": ID,
    "CODE": PARTY_CODE,
    "PIECE_NAME": FIELD_KEY,
}

# What a terminal is called in an error message.
_NAMES = {
    "AMENDMENT": '"amendment"',
    "INT": "a number",
    "STRING": 'a quoted text ("...")',
    "BLOCK": 'a clause block between """ and """',
    "LABEL": '"point" or "Article"',
    "NUMBER": "a clause number",
    "CLAUSE_ID": "a clause id (#id)",
    "DRAFT_ID": "a draft id",
    "CODE": "a party code",
    "PIECE_NAME": "a piece (paragraph, title, a field name)",
    "COLON": '":"',
    "COMMA": '","',
}


def grammar_text() -> str:
    from clausekit.resources import resource

    rules = resource("grammar").joinpath("amend.lark").read_text(encoding="utf-8")
    return rules + "".join(f"\n{name}: /{pattern}/" for name, pattern in _TERMINALS.items()) + "\n"


def _string(token: Token) -> str:
    return unescape(str(token)[1:-1])


class _PieceTwice:
    """What ``change`` returns when an amendment names its piece twice; ``amendment``, which
    knows where the amendment starts, raises the error there."""


_PIECE_TWICE = _PieceTwice()


class _AmendmentListBuilder(Transformer):
    """Each rule of the grammar returns a piece of the model (locations without their file,
    which ``loads_amendments`` puts on)."""

    def start(self, children: list) -> AmendmentList:
        header = children[0] if children and isinstance(children[0], dict) else {}
        amendments = tuple(child for child in children if isinstance(child, Amendment))
        return AmendmentList(
            amendments,
            header.get("old_id"),
            header.get("new_id"),
            header.get("old_proposer"),
            header.get("new_proposer"),
            tuple(header.get("notes", ())),
        )

    def header(self, children: list) -> dict:
        out: dict = {"notes": []}
        side = "old"
        for child in children:
            if isinstance(child, Token) and child.type == "DRAFT_ID":
                side = "old" if "old_id" not in out else "new"
                out[f"{side}_id"] = str(child)
            elif isinstance(child, tuple) and child[0] == "proposer":
                out[f"{side}_proposer"] = child[1]
            elif isinstance(child, tuple) and child[0] == "note":
                out["notes"].append(child[1])
        return out

    def note(self, children: list) -> tuple[str, str]:
        return ("note", _string(children[0]))

    def proposer(self, children: list) -> tuple[str, str]:
        return ("proposer", str(children[0]))

    def amendment(self, children: list) -> Amendment:
        keyword, number = children[0], children[1]
        proposer = children[2][1] if len(children) == 4 else None
        statement: Amendment | _PieceTwice = children[-1]
        if isinstance(statement, _PieceTwice):
            message = "name the piece once: 'in point 6, paragraph 2: for \"a\" ...'"
            raise ClauseSyntaxError(message, "", keyword.line, keyword.column)
        where = Location("", keyword.line, keyword.column)
        return Amendment(
            int(number),
            statement.action,
            statement.target,
            proposer,
            statement.piece,
            statement.old,
            statement.new,
            statement.position,
            statement.renumbering,
            where,
            statement.block_line,
        )

    def change(self, children: list) -> Amendment | _PieceTwice:
        target = children[0]
        piece = children[1] if len(children) == 3 else None
        action: Amendment = children[-1]
        if action.piece is not None and piece is not None:
            return _PIECE_TWICE
        return Amendment(0, action.action, target, None, piece or action.piece, action.old, action.new, action.position)

    @v_args(inline=True)
    def substitute(self, old: Token, new: Token) -> Amendment:
        return Amendment(0, "substitute", _NO_TARGET, old=_string(old), new=_string(new))

    @v_args(inline=True)
    def insert_after(self, old: Token, new: Token) -> Amendment:
        return Amendment(0, "insert-after", _NO_TARGET, old=_string(old), new=_string(new))

    @v_args(inline=True)
    def insert_before(self, old: Token, new: Token) -> Amendment:
        return Amendment(0, "insert-before", _NO_TARGET, old=_string(old), new=_string(new))

    @v_args(inline=True)
    def leave_out(self, old: Token) -> Amendment:
        return Amendment(0, "leave-out", _NO_TARGET, old=_string(old))

    @v_args(inline=True)
    def piece_substitute(self, piece: Piece, new: Token) -> Amendment:
        return Amendment(0, "substitute", _NO_TARGET, piece=piece, new=_string(new))

    @v_args(inline=True)
    def piece_leave_out(self, piece: Piece) -> Amendment:
        return Amendment(0, "leave-out", _NO_TARGET, piece=piece)

    def piece_insert(self, children: list) -> Amendment:
        position = children[2] if len(children) == 3 else None
        return Amendment(0, "insert-piece", _NO_TARGET, piece=children[0], new=_string(children[1]), position=position)

    def piece(self, children: list) -> Piece:
        name = str(children[0])
        known = (*PIECE_KINDS, *FIELDS)
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            message = f"an amendment names no piece {name!r}{hint}: the title, a paragraph, a party or a field"
            raise ClauseSyntaxError(message, "", children[0].line, children[0].column)
        if len(children) == 1:
            return Piece(name)
        extra = children[1]
        return Piece(name, index=int(extra)) if extra.type == "INT" else Piece(name, code=str(extra))

    @v_args(inline=True)
    def delete(self, target: Target) -> Amendment:
        return Amendment(0, "delete", target)

    @v_args(inline=True)
    def insert(self, position: Position, block: Token) -> Amendment:
        return Amendment(0, "insert", _NO_TARGET, new=_block(block), position=position, block_line=block.line + 1)

    @v_args(inline=True)
    def move(self, target: Target, position: Position) -> Amendment:
        return Amendment(0, "move", target, position=position)

    @v_args(inline=True)
    def replace(self, target: Target, block: Token) -> Amendment:
        return Amendment(0, "replace", target, new=_block(block), block_line=block.line + 1)

    def renumber(self, children: list) -> Amendment:
        return Amendment(0, "renumber", Target("", "point"), renumbering=tuple(children))

    @v_args(inline=True)
    def renumbering(self, target: Target, number: Token) -> Renumbering:
        return Renumbering(target, None if str(number) == "unnumbered" else str(number))

    @v_args(inline=True)
    def after(self, target: Target) -> Position:
        return Position(after=target)

    @v_args(inline=True)
    def inside(self, target: Target) -> Position:
        return Position(inside=target)

    def at_start(self, children: list) -> Position:
        return Position()

    def clause_target(self, children: list) -> Target:
        number = str(children[1]) if len(children) == 3 else None
        return Target(str(children[-1])[1:], str(children[0]), number)

    def parties_target(self, children: list) -> Target:
        return Target(PARTIES, "parties")

    @v_args(inline=True)
    def party_target(self, code: Token) -> Target:
        return Target(str(code), "party")


_NO_TARGET = Target("")


def _block(token: Token) -> str:
    """A clause block's text: what stands between the quotes, its indentation taken off."""
    inner = str(token)[4:-3]
    return textwrap.dedent(inner).rstrip() + "\n"


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(grammar_text(), parser="lalr", propagate_positions=False, transformer=_AmendmentListBuilder())


def _expected(names: set[str]) -> str:
    """What the parser could have read, in words: '"delete", "in" or "move"'."""
    words = sorted(_NAMES.get(name, f'"{name.lower()}"') for name in names if not name.startswith("__"))
    if not words:
        return "more"
    if len(words) > 8:
        return ", ".join(words[:8]) + " or another statement"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def loads_amendments(text: str, filename: str = "<string>") -> AmendmentList:
    """Parse ``.amend`` text; ``ClauseSyntaxError`` (file, line, column, caret) if it does not parse."""
    text = normalise_newlines(text)
    lines = text.split("\n")

    def located(message: str, line: int, column: int) -> ClauseSyntaxError:
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        return ClauseSyntaxError(message, filename, line, column, source)

    try:
        built: AmendmentList = _lark().parse(text)  # type: ignore[assignment]
    except ClauseSyntaxError as error:  # raised by the builder, which has no source lines
        raise located(error.message, error.line, error.column) from None
    except UnexpectedToken as error:
        found = "the end of the file" if error.token.type == "$END" else f"{str(error.token)[:30]!r}"
        message = f"expected {_expected(set(error.expected))}, found {found}"
        raise located(message, error.line if error.line > 0 else len(lines), max(1, error.column)) from None
    except UnexpectedCharacters as error:
        message = f"unexpected {text[error.pos_in_stream]!r}"
        if error.allowed:
            message += f" (expected {_expected(set(error.allowed))})"
        raise located(message, error.line, error.column) from None
    except UnexpectedEOF as error:
        raise located(f"unexpected end of file (expected {_expected(set(error.expected))})", len(lines), 1) from None
    except UnexpectedInput as error:  # pragma: no cover - the three above are all Lark raises
        raise located(str(error), getattr(error, "line", 1), getattr(error, "column", 1)) from None
    result = _in_file(built, filename)
    _check_numbers(result, located)
    return _read_blocks(result, located)


def _in_file(built: AmendmentList, filename: str) -> AmendmentList:
    """The list as the builder made it, its amendments located in ``filename``."""
    amendments = tuple(
        replace(amendment, location=replace(amendment.location, file=filename)) for amendment in built.amendments
    )
    return replace(built, amendments=amendments, path=filename)


def _check_numbers(result: AmendmentList, located) -> None:  # type: ignore[no-untyped-def]
    """Each amendment's number is given once (``--only`` and reports name them)."""
    seen: set[int] = set()
    for amendment in result.amendments:
        if amendment.number in seen:
            where = amendment.location
            raise located(f"amendment {amendment.number} is numbered twice", where.line, where.column)
        seen.add(amendment.number)


def read_block(text: str, filename: str = "<amendment>", first_line: int = 1) -> Clause:
    """One provision block (a clause put in, a clause's new text) read by the clause language's
    parser; a syntax error is located in ``filename`` from ``first_line`` on."""
    header = 'draft amended "amended" {\n}\n'
    try:
        body = loads(header + text, filename).body
    except ClauseSyntaxError as error:
        line = error.line - 3 + first_line if error.line > 2 else first_line
        raise ClauseSyntaxError(error.message, filename, line, error.column + 4, error.source_line) from None
    if len(body) != 1 or not isinstance(body[0], Clause):
        raise ClauseSyntaxError("expected one clause, article or guarantee block", filename, first_line, 1)
    return body[0]


def _read_blocks(result: AmendmentList, located) -> AmendmentList:  # type: ignore[no-untyped-def]
    """Every clause block must read as one provision of the clause language; a clause put in
    is the amendment's target, as its block names it."""
    amendments = []
    for amendment in result.amendments:
        if amendment.action in ("insert", "replace"):
            try:
                block = read_block(amendment.new or "", result.path or "<string>", amendment.block_line)
            except ClauseSyntaxError as error:
                raise located(error.message, error.line, error.column) from None
            if amendment.action == "insert":
                amendment = replace(amendment, target=Target(block.id, label_for(block.kind), block.number))
        amendments.append(amendment)
    return replace(result, amendments=tuple(amendments))


def load_amendments(path: str | Path) -> AmendmentList:
    """Read and parse one ``.amend`` file."""
    return loads_amendments(read_text(path), filename=str(path))
