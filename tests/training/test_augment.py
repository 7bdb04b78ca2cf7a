"""Mention replacement: swapped spans come from their label's pool, everything else keeps its text."""

from __future__ import annotations

import random

import pytest

from lawgov_ie.data import read_jsonl
from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from lawgov_ie.data.validation import validate_document
from training.augment import SWAPPED_LABELS, augmented_documents, mention_pools, with_replaced_mentions

TEXT = "区司法局受理行政复议案件12件,依据《行政复议法》办理。"


def small_document() -> AnnotatedDocument:
    spans = [("ORG", "区司法局"), ("METRIC", "行政复议案件"), ("COUNT", "12件"), ("LAW", "行政复议法")]
    entities = [Entity(i, label, TEXT.index(s), TEXT.index(s) + len(s)) for i, (label, s) in enumerate(spans, 1)]
    return AnnotatedDocument(id="d", text=TEXT, entities=entities, relations=[Relation(1, 3, 2)], meta={"k": 1})


POOLS = {"ORG": ["市人民政府办公室"], "METRIC": ["“吹哨”问题"], "LAW": ["优化营商环境条例"]}


def gaps(doc: AnnotatedDocument) -> list[str]:
    """The text between entities, in order."""
    out, cursor = [], 0
    for start, end, _ in doc.spans():
        out.append(doc.text[cursor:start])
        cursor = end
    return [*out, doc.text[cursor:]]


def test_every_pooled_span_is_swapped_at_rate_one_and_the_rest_is_kept():
    doc = small_document()
    copy = with_replaced_mentions(doc, POOLS, 1.0, random.Random(0), "#1")
    surfaces = {e.label: copy.surface(e) for e in copy.entities}
    assert surfaces == {"ORG": "市人民政府办公室", "METRIC": "“吹哨”问题", "COUNT": "12件", "LAW": "优化营商环境条例"}
    assert gaps(copy) == gaps(doc)
    assert copy.id == "d#1" and copy.meta == {"k": 1} and copy.relations == doc.relations
    assert validate_document(copy) == []


def test_rate_zero_copies_the_document_unchanged():
    doc = small_document()
    copy = with_replaced_mentions(doc, POOLS, 0.0, random.Random(0), "#1")
    assert copy.text == doc.text and copy.spans() == doc.spans()


@pytest.mark.parametrize("seed", [0, 13])
def test_copies_of_the_train_split_are_valid_and_reproducible(seed):
    docs = read_jsonl("annotations/train.jsonl")[:5]
    first = augmented_documents(docs, copies=2, rate=0.5, seed=seed)
    assert len(first) == 2 * len(docs)
    assert [d.text for d in first] == [d.text for d in augmented_documents(docs, 2, 0.5, seed)]
    pools = mention_pools(docs)
    for copy in first:
        assert validate_document(copy) == []
        for entity in copy.entities:
            if entity.label in SWAPPED_LABELS:
                assert copy.surface(entity) in pools[entity.label]
    assert any(c.text != d.text for c, d in zip(first, docs * 2))


def test_no_copies_asked_gives_none():
    assert augmented_documents([small_document()], copies=0, rate=0.5, seed=1) == []
