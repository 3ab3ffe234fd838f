"""Alignment: which clause of the old draft is which of the new one, and the change kinds."""

from __future__ import annotations

import random
import time

from clausekit.diff import diff, diff_clauses
from clausekit.diff.align import align
from clausekit.language.parser import loads


def draft(body: str, draft_id: str = "d") -> object:
    return loads(f'draft {draft_id} "A draft" {{\n}}\n\n{body}', filename=f"{draft_id}.clause")


def rows(result) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    return [(c.old.id if c.old else None, c.new.id if c.new else None, c.kinds) for c in result.changes]


# --- the passes -----------------------------------------------------------------------


def test_same_id_wins_over_text():
    result = align(["a", "b"], ["one two three", "four five six"], ["b", "a"], ["one two three", "four five six"])
    assert {(p.old, p.new, p.match) for p in result.pairs} == {(0, 1, "id"), (1, 0, "id")}


def test_same_text_matches_a_renamed_id():
    result = align(["a"], ["The parties shall meet."], ["z"], ["the  parties shall MEET."])
    assert [(p.old, p.new, p.match) for p in result.pairs] == [(0, 0, "text")]


def test_similar_text_matches_an_edited_clause_under_a_new_id():
    old = "The size of the Ukrainian Armed Forces will be limited to 600,000 personnel."
    new = "The size of the Ukrainian Armed Forces will be capped at 800,000 personnel in peacetime."
    result = align(["force-cap"], [old], ["point-6"], [new])
    assert [(p.old, p.new, p.match) for p in result.pairs] == [(0, 0, "similar")]
    assert 0.6 <= result.pairs[0].similarity < 1


def test_dissimilar_texts_are_removed_and_added():
    result = align(["a"], ["Elections will be held in 100 days."], ["b"], ["All Nazi ideology must be rejected."])
    assert result.pairs == () and result.removed == (0,) and result.added == (0,)


def test_empty_texts_match_by_id_only():
    result = align(["a", "b"], ["", ""], ["c", "a"], ["", ""])
    assert [(p.old, p.new) for p in result.pairs] == [(0, 1)]
    assert result.removed == (1,) and result.added == (0,)


def test_the_longest_run_stays_and_the_others_moved():
    ids = ["a", "b", "c", "d", "e"]
    texts = [f"text {i}" for i in ids]
    new_order = ["b", "c", "d", "a", "e"]  # "a" moved down
    result = align(ids, texts, new_order, [f"text {i}" for i in new_order])
    assert {ids[p.old] for p in result.pairs if p.moved} == {"a"}


def test_swapping_two_clauses_moves_one_whichever_side_is_old():
    texts = {"x": "Alpha clause words.", "y": "Beta clause words."}
    forward = align(["x", "y"], [texts["x"], texts["y"]], ["y", "x"], [texts["y"], texts["x"]])
    backward = align(["y", "x"], [texts["y"], texts["x"]], ["x", "y"], [texts["x"], texts["y"]])
    moved_forward = {["x", "y"][p.old] for p in forward.pairs if p.moved}
    moved_backward = {["y", "x"][p.old] for p in backward.pairs if p.moved}
    assert len(moved_forward) == 1 and moved_forward == moved_backward


# --- change kinds -------------------------------------------------------------------------


def test_change_kinds_of_a_small_pair_of_drafts():
    old = draft(
        "clause keep 1 {\n  Kept words here.\n}\n"
        "clause gone 2 {\n  Russia will not invade its neighbours.\n}\n"
        "clause cap 3 {\n  Forces will be limited to 600,000 personnel.\n}\n"
        'clause title 4 "Old title" {\n  Same text.\n}\n'
    )
    new = draft(
        "clause keep 1 {\n  Kept words here.\n}\n"
        "clause cap 2 {\n  Forces will be capped at 800,000 personnel in peacetime.\n}\n"
        'clause title 3 "New title" {\n  Same text.\n}\n'
        "clause fresh 4 {\n  A wholly new point about elections.\n}\n"
    )
    result = diff(old, new)
    assert rows(result) == [
        ("keep", "keep", ("unchanged",)),
        ("gone", None, ("removed",)),
        ("cap", "cap", ("modified", "renumbered")),
        ("title", "title", ("renumbered", "retitled")),
        (None, "fresh", ("added",)),
    ]
    cap = result.changes[2]
    assert [op.op for op in cap.words].count("delete") >= 1
    kinds = {f.kind for f in result.findings()}
    assert {"clause.removed", "clause.added", "clause.renumbered", "clause.retitled", "clause.modified"} <= kinds
    assert result.counts()["renumbered"] == 2


def test_renumbering_alone_is_not_a_text_change():
    old = draft("clause a 1 {\n  See #b.\n}\nclause b 2 {\n  Text b.\n}\n")
    new = draft("clause a 1 {\n  See #b.\n}\nclause b 3 {\n  Text b.\n}\n")
    assert rows(diff(old, new)) == [("a", "a", ("unchanged",)), ("b", "b", ("renumbered",))]


def test_a_missing_text_is_unknown_never_removed_or_unchanged():
    old = draft("clause p 1 {\n  Text of the point.\n\n  clause sub a {\n    A sub-point.\n  }\n}\n")
    new = draft("clause p 1 {\n  exactness: missing\n}\n")
    result = diff(old, new)
    assert rows(result) == [("p", "p", ("unknown",)), ("sub", None, ("unknown",))]
    assert not result.is_empty
    # the same placeholder on both sides is still unknown, not unchanged, but a draft
    # compared with itself has no difference
    assert rows(diff(new, new)) == [("p", "p", ("unknown",))]
    assert diff(new, new).is_empty


def test_a_lone_placeholder_is_unknown_not_added():
    old = draft("clause a 1 {\n  Text.\n}\n")
    new = draft("clause a 1 {\n  Text.\n}\nclause b 2 {\n  exactness: missing\n}\n")
    assert rows(diff(old, new))[1] == (None, "b", ("unknown",))


def test_nested_clauses_are_cited_under_their_parent():
    old = draft("clause p 10 {\n  Lead.\n\n  clause s a {\n    Old words.\n  }\n}\n")
    new = draft("clause p 10 {\n  Lead.\n\n  clause s a {\n    New words.\n  }\n}\n")
    change = diff(old, new).changes[1]
    assert change.label == "Clause 10(a)" and change.kinds == ("modified",)


def test_two_clauses_by_spec_are_one_row_whatever_their_ids():
    old = draft("clause art-5 5 {\n  An armed attack against one shall be an attack against all.\n}\n", "old")
    new = draft("clause art-v 5 {\n  An armed attack against one will be an attack against all.\n}\n", "new")
    result = diff_clauses(old.body[0], new.body[0], old, new)
    assert rows(result) == [("art-5", "art-v", ("modified",))]
    assert result.changes[0].match == "forced"


def test_guarantee_fields_are_part_of_the_clause_text():
    old = draft("guarantee g 1 {\n  guarantor: US\n  beneficiary: UA\n}\n")
    new = draft(
        "guarantee g 1 {\n  guarantor: US, E3\n  beneficiary: UA\n  mirrors: north-atlantic-treaty-1949::art-5\n}\n"
    )
    change = diff(old, new).changes[0]
    assert change.kinds == ("modified",)
    assert any(op.op == "insert" and "E3" in op.text for op in change.words)


# --- cost -------------------------------------------------------------------------------


def test_thousands_of_renamed_and_edited_clauses_align_quickly_and_correctly():
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    count = 3000
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(40, 80))) for _ in range(count)]
    edited = list(texts)
    for index in range(0, count, 10):  # every tenth clause edited by a few words
        words = edited[index].split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        edited[index] = " ".join(words)
    order = list(range(count))
    for index in range(0, count, 33):  # a few moves
        order.insert(rng.randrange(count), order.pop(index))
    started = time.perf_counter()
    result = align([f"old-{i}" for i in range(count)], texts, [f"new-{i}" for i in order], [edited[i] for i in order])
    elapsed = time.perf_counter() - started
    found = {(p.old, order[p.new]) for p in result.pairs}
    assert sum(1 for o, truth in found if o == truth) == count
    assert elapsed < 5, f"aligning {count} clauses took {elapsed:.2f}s"
