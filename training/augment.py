"""Mention replacement: extra training copies of the annotated documents with names and measures swapped.

The next district's report names other bodies, laws and measures in the same sentence frames. Copies of the
train documents in which ORG, LAW and METRIC spans are swapped, at random, for other train spans of the same
label keep every context word that decides a boundary (the verb before a measure, the number after it) while
the span's own words change, so the model learns the frame rather than the names (Dai & Adel 2020, "An Analysis
of Simple Data Augmentation for Named Entity Recognition"). Quantities and dates stay: their form is the cue.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from lawgov_ie.data.schema import AnnotatedDocument, Entity

SWAPPED_LABELS = ("METRIC", "ORG", "LAW")
"""Labels whose spans are swapped; quantities and dates keep their text."""


def mention_pools(docs: Sequence[AnnotatedDocument], labels: Sequence[str] = SWAPPED_LABELS) -> dict[str, list[str]]:
    """The distinct span texts of each label in ``docs``, in first-seen order (deterministic for a seed)."""
    pools: dict[str, dict[str, None]] = {label: {} for label in labels}
    for doc in docs:
        for entity in doc.entities:
            if entity.label in pools:
                pools[entity.label][doc.text[entity.start_offset:entity.end_offset]] = None
    return {label: list(texts) for label, texts in pools.items()}


def with_replaced_mentions(doc: AnnotatedDocument, pools: dict[str, list[str]], rate: float,
                           rng: random.Random, suffix: str) -> AnnotatedDocument:
    """A copy of ``doc`` in which each span of a pooled label is, with probability ``rate``, another text of its
    label; every entity keeps its id and label, offsets follow the new text, relations are kept."""
    pieces: list[str] = []
    entities: list[Entity] = []
    cursor = shift = 0
    for entity in sorted(doc.entities, key=lambda e: e.start_offset):
        start, end = entity.span
        if start < cursor:  # overlapping gold (not in the spec): keep the copy well-formed by skipping it
            continue
        mention = doc.text[start:end]
        pool = pools.get(entity.label)
        if pool and rng.random() < rate:
            mention = rng.choice(pool)
        pieces += [doc.text[cursor:start], mention]
        new_start = start + shift
        entities.append(Entity(entity.id, entity.label, new_start, new_start + len(mention)))
        shift += len(mention) - (end - start)
        cursor = end
    pieces.append(doc.text[cursor:])
    kept = {e.id for e in entities}
    relations = [r for r in doc.relations if r.from_id in kept and r.to_id in kept]
    return replace(doc, id=f"{doc.id}{suffix}", text="".join(pieces), entities=entities, relations=relations,
                   meta=dict(doc.meta))


def augmented_documents(docs: Sequence[AnnotatedDocument], copies: int, rate: float,
                        seed: int) -> list[AnnotatedDocument]:
    """``copies`` mention-replaced copies of every document in ``docs``, drawn from their own span pools."""
    if copies <= 0 or rate <= 0:
        return []
    rng = random.Random(seed)
    pools = mention_pools(docs)
    return [with_replaced_mentions(doc, pools, rate, rng, f"#swap{copy}")
            for copy in range(1, copies + 1) for doc in docs]
