"""Relation scoring of ANNOTATION_SPEC.md section 4: QUANTIFIES relations, strict and relaxed.

A predicted relation is correct when its quantity span and label equal a gold quantity's exactly and its
METRIC span equals the gold METRIC span (strict) or overlaps it (relaxed). Each gold relation is matched
at most once, so duplicated predictions cannot inflate the score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lawgov_ie.data.schema import AnnotatedDocument
from lawgov_ie.labels import QUANTIFIES

Quantity = tuple[int, int, str]
"""``(start, end, label)`` of the number."""
Span = tuple[int, int]
"""``(start, end)`` of the METRIC."""
Triple = tuple[Quantity, Span]

__all__ = ["Triple", "relation_triples", "score_relations"]


def relation_triples(doc: AnnotatedDocument) -> set[Triple]:
    """The QUANTIFIES relations of ``doc`` as ``((q_start, q_end, q_label), (m_start, m_end))``.

    Relations naming an unknown entity id, or of another type, are skipped.
    """
    by_id = doc.entity_by_id()
    triples: set[Triple] = set()
    for relation in doc.relations:
        if relation.type != QUANTIFIES:
            continue
        quantity, metric = by_id.get(relation.from_id), by_id.get(relation.to_id)
        if quantity is None or metric is None:
            continue
        triples.add(((quantity.start_offset, quantity.end_offset, quantity.label), metric.span))
    return triples


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _exact(a: Span, b: Span) -> bool:
    return a == b


def _count_correct(gold: set[Triple], pred: set[Triple], same_metric: Callable[[Span, Span], bool]) -> int:
    """One-to-one matching per quantity; exact METRIC matches are taken first so relaxed >= strict."""
    unused: dict[Quantity, list[Span]] = {}
    for quantity, metric in sorted(gold):
        unused.setdefault(quantity, []).append(metric)
    correct = 0
    for quantity, metric in sorted(pred, key=lambda t: (t not in gold, t)):
        candidates = unused.get(quantity, [])
        match = next((g for g in candidates if same_metric(metric, g)), None)
        if match is not None:
            candidates.remove(match)
            correct += 1
    return correct


def _prf(correct: int, predicted: int, support: int) -> dict[str, float | int]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "support": support,
        "predicted": predicted,
        "correct": correct,
    }


def score_relations(
    gold: Sequence[AnnotatedDocument], pred: Sequence[AnnotatedDocument]
) -> dict[str, dict[str, float | int]]:
    """Micro P/R/F1 of QUANTIFIES relations, ``{"strict": {...}, "relaxed": {...}}``.

    Documents are paired by ``id``; a gold document without a prediction counts its relations as
    missed, and a predicted document without gold counts its relations as wrong.
    """
    pred_by_id = {doc.id: doc for doc in pred}
    gold_ids = {doc.id for doc in gold}
    pairs = [(relation_triples(doc), relation_triples(pred_by_id[doc.id]) if doc.id in pred_by_id else set())
             for doc in gold]
    pairs += [(set(), relation_triples(doc)) for doc in pred if doc.id not in gold_ids]
    support = sum(len(g) for g, _ in pairs)
    predicted = sum(len(p) for _, p in pairs)
    return {
        mode: _prf(sum(_count_correct(g, p, same) for g, p in pairs), predicted, support)
        for mode, same in (("strict", _exact), ("relaxed", _overlaps))
    }
