"""Strict and relaxed QUANTIFIES scoring (ANNOTATION_SPEC.md section 4)."""

from __future__ import annotations

import pytest

from lawgov_ie.data import AnnotatedDocument, Entity, Relation
from lawgov_ie.evaluation.relations import relation_triples, score_relations

TEXT = "共召开了党工委会议40次,主任会议32次。"


def doc(entities: list[tuple[int, int, str]], links: list[tuple[int, int]], doc_id: str = "d1") -> AnnotatedDocument:
    """A document over TEXT; ``links`` are (quantity index, METRIC index) into ``entities``."""
    ents = [Entity(i + 1, label, start, end) for i, (start, end, label) in enumerate(entities)]
    rels = [Relation(n + 1, q + 1, m + 1) for n, (q, m) in enumerate(links)]
    return AnnotatedDocument(id=doc_id, text=TEXT, entities=ents, relations=rels)


GOLD_ENTS = [(4, 9, "METRIC"), (9, 12, "COUNT"), (13, 17, "METRIC"), (17, 20, "COUNT")]
GOLD = doc(GOLD_ENTS, [(1, 0), (3, 2)])


def test_triples() -> None:
    assert relation_triples(GOLD) == {((9, 12, "COUNT"), (4, 9)), ((17, 20, "COUNT"), (13, 17))}


def test_perfect() -> None:
    scores = score_relations([GOLD], [GOLD])
    for mode in ("strict", "relaxed"):
        assert scores[mode]["f1"] == pytest.approx(1.0)
        assert scores[mode]["correct"] == 2


def test_strict_vs_relaxed() -> None:
    # second METRIC predicted as 「会议」 only: overlaps gold 「主任会议」 but is not exact
    pred = doc([(4, 9, "METRIC"), (9, 12, "COUNT"), (15, 17, "METRIC"), (17, 20, "COUNT")], [(1, 0), (3, 2)])
    scores = score_relations([GOLD], [pred])
    assert scores["strict"]["correct"] == 1
    assert scores["strict"]["precision"] == pytest.approx(0.5)
    assert scores["relaxed"]["correct"] == 2
    assert scores["relaxed"]["f1"] == pytest.approx(1.0)


def test_quantity_must_match_exactly_even_when_relaxed() -> None:
    pred = doc([(4, 9, "METRIC"), (9, 11, "COUNT")], [(1, 0)])  # 「40」 instead of 「40次」
    assert score_relations([GOLD], [pred])["relaxed"]["correct"] == 0
    relabelled = doc([(4, 9, "METRIC"), (9, 12, "PERCENT")], [(1, 0)])
    assert score_relations([GOLD], [relabelled])["relaxed"]["correct"] == 0


def test_gold_matched_at_most_once() -> None:
    # two METRICs overlapping the same gold METRIC, both linked from the same quantity
    pred = doc([(4, 6, "METRIC"), (6, 9, "METRIC"), (9, 12, "COUNT")], [(2, 0), (2, 1)])
    scores = score_relations([GOLD], [pred])["relaxed"]
    assert scores["correct"] == 1
    assert scores["predicted"] == 2
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.5)


def test_wrong_metric() -> None:
    pred = doc(GOLD_ENTS, [(1, 2), (3, 2)])
    scores = score_relations([GOLD], [pred])
    assert scores["strict"]["correct"] == scores["relaxed"]["correct"] == 1


def test_empty_inputs() -> None:
    empty = score_relations([], [])
    assert empty["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0, "predicted": 0, "correct": 0}
    no_pred = score_relations([GOLD], [doc(GOLD_ENTS, [])])
    assert no_pred["strict"]["recall"] == 0.0 and no_pred["strict"]["support"] == 2


def test_documents_paired_by_id() -> None:
    other = doc(GOLD_ENTS, [(1, 0), (3, 2)], doc_id="d2")
    scores = score_relations([GOLD, other], [other, GOLD])
    assert scores["strict"]["f1"] == pytest.approx(1.0)
    missing = score_relations([GOLD, other], [GOLD])["strict"]
    assert (missing["correct"], missing["support"], missing["predicted"]) == (2, 4, 2)
    extra = score_relations([GOLD], [GOLD, other])["strict"]
    assert (extra["correct"], extra["support"], extra["predicted"]) == (2, 2, 4)
