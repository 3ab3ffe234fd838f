"""Properties of the diff over generated drafts: a draft equals itself, the diff is
symmetric, and a redline rebuilds both texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.cli.diff import command
from clausekit.diff import diff
from clausekit.diff.options import DiffOptions
from clausekit.diff.words import rebuild, redline
from clausekit.language.format import format_draft
from clausekit.model import Draft
from strategies import clauses, drafts, paragraphs

MIRRORED_KIND = {"added": "removed", "removed": "added"}


# Generating whole drafts is what costs here (the diff itself takes milliseconds).
@settings(max_examples=40, deadline=None)
@given(drafts())
def test_a_draft_compared_with_itself_has_no_difference(draft):
    result = diff(draft, draft)
    assert result.is_empty
    assert all(c.old == c.new for c in result.changes)
    assert all(c.kinds in (("unchanged",), ("unknown",)) for c in result.changes)


@settings(max_examples=10, deadline=None)
@given(drafts())
def test_exit_code_of_a_file_against_itself_is_0(tmp_path_factory, draft):
    path = Path(tmp_path_factory.mktemp("self")) / "draft.clause"
    path.write_text(format_draft(draft), encoding="utf-8")
    result = CliRunner().invoke(command, [str(path), str(path), "--exit-code", "--color=never"])
    assert result.exit_code == 0, result.output


@st.composite
def related_drafts(draw) -> tuple[Draft, Draft]:
    """Two drafts made of the same pool of provisions: some kept, dropped, reordered or reworded."""
    pool = draw(st.lists(clauses(depth=1, top=True), min_size=1, max_size=5))

    def pick() -> tuple:
        chosen = [c for c in draw(st.permutations(pool)) if draw(st.integers(0, 4))]
        out = []
        for clause in chosen:
            if draw(st.integers(0, 3)) == 0:
                clause = clause.__class__(**{**_fields(clause), "paragraphs": (draw(paragraphs()),)})
            out.append(clause)
        return tuple(out)

    return Draft(id="a", title="A", body=pick()), Draft(id="b", title="B", body=pick())


def _fields(clause) -> dict:
    return {name: getattr(clause, name) for name in clause.__slots__}


def _rows(result, mirrored: bool = False) -> Counter:
    out: Counter = Counter()
    for c in result.changes:
        if mirrored:
            kinds = tuple(sorted((MIRRORED_KIND.get(k, k) for k in c.kinds), key=_order))
            out[(c.new, c.old, kinds, c.match, c.similarity)] += 1
        else:
            out[(c.old, c.new, c.kinds, c.match, c.similarity)] += 1
    return out


def _order(kind: str) -> int:
    from clausekit.diff.model import CHANGE_KINDS

    return CHANGE_KINDS.index(kind)


@settings(max_examples=40, deadline=None)
@given(related_drafts())
def test_diff_of_b_and_a_mirrors_diff_of_a_and_b(pair):
    a, b = pair
    assert _rows(diff(a, b)) == _rows(diff(b, a), mirrored=True)


PROSE = st.lists(
    st.sampled_from([*"abcXYZ 0123456789,.:;$%-'\"“”‘’()\n", "shall", "600,000", "\n\n", "Україна"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(PROSE, PROSE, st.booleans(), st.booleans(), st.booleans())
def test_redline_rebuilds_both_texts(old, new, ignore_case, ignore_punctuation, ignore_quotes):
    options = DiffOptions(ignore_case=ignore_case, ignore_punctuation=ignore_punctuation, ignore_quotes=ignore_quotes)
    ops = redline(old, new, options)
    assert rebuild(ops) == (old, new)
    assert all(op.text or op.new_text for op in ops)
