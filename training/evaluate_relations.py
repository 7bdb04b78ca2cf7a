"""Score the rule-based QUANTIFIES linker on gold entities, and on perturbed gold entities.

    python -m training.evaluate_relations annotations/dev.jsonl
    python -m training.evaluate_relations annotations/dev.jsonl --drop-metrics 0.1 --jitter 0.2 --seed 0

The linker gets each document's gold entities (optionally perturbed to imitate a tagger's mistakes:
dropped METRICs or quantities, METRIC boundaries off by one character, spurious METRICs) and is scored
against the gold relations with ``lawgov_ie.evaluation.relations.score_relations``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass

from lawgov_ie.data import AnnotatedDocument, Entity, read_jsonl
from lawgov_ie.evaluation.relations import score_relations
from lawgov_ie.labels import METRIC_LABEL, QUANTITY_LABELS
from lawgov_ie.relations import link_document


@dataclass(frozen=True)
class Perturbation:
    """Rates of simulated tagger errors (each a probability per entity)."""

    drop_metrics: float = 0.0
    drop_quantities: float = 0.0
    jitter: float = 0.0
    spurious_metrics: float = 0.0

    def is_null(self) -> bool:
        return not (self.drop_metrics or self.drop_quantities or self.jitter or self.spurious_metrics)


def _jittered(entity: Entity, doc: AnnotatedDocument, rng: random.Random) -> Entity:
    """The METRIC with one boundary moved by one character (never empty, never into another entity)."""
    text = doc.text
    start, end = entity.start_offset, entity.end_offset
    if rng.random() < 0.5:
        start = max(0, start + rng.choice((-1, 1)))
    else:
        end = min(len(text), end + rng.choice((-1, 1)))
    clash = any(o is not entity and o.start_offset < end and start < o.end_offset for o in doc.entities)
    if end - start < 1 or clash:
        return entity
    return Entity(entity.id, entity.label, start, end)


def _spurious(doc: AnnotatedDocument, entity: Entity, next_id: int, rng: random.Random) -> Entity | None:
    """A two-to-four-character METRIC in the text just before a quantity (a tagger's false positive)."""
    width = rng.randint(2, 4)
    end = entity.start_offset - rng.randint(2, 8)
    start = end - width
    if start < 0:
        return None
    return Entity(next_id, METRIC_LABEL, start, end)


def _without_overlaps(entities: list[Entity]) -> list[Entity]:
    """Entities sorted by start, dropping any that overlaps one kept before it."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start_offset, e.end_offset)):
        if not kept or entity.start_offset >= kept[-1].end_offset:
            kept.append(entity)
    return kept


def perturb(doc: AnnotatedDocument, spec: Perturbation, rng: random.Random) -> AnnotatedDocument:
    """A copy of ``doc`` with perturbed entities and no relations."""
    entities: list[Entity] = []
    next_id = max((e.id for e in doc.entities), default=0) + 1
    for entity in doc.entities:
        if entity.label == METRIC_LABEL and rng.random() < spec.drop_metrics:
            continue
        if entity.label in QUANTITY_LABELS and rng.random() < spec.drop_quantities:
            continue
        if entity.label == METRIC_LABEL and rng.random() < spec.jitter:
            entity = _jittered(entity, doc, rng)
        if entity.label in QUANTITY_LABELS and rng.random() < spec.spurious_metrics:
            extra = _spurious(doc, entity, next_id, rng)
            if extra is not None:
                entities.append(extra)
                next_id += 1
        entities.append(entity)
    return AnnotatedDocument(id=doc.id, text=doc.text, entities=_without_overlaps(entities), meta=doc.meta)


def evaluate(docs: Sequence[AnnotatedDocument], spec: Perturbation = Perturbation(), seed: int = 0) -> dict:
    """Strict and relaxed scores of the linker on (perturbed) gold entities."""
    rng = random.Random(seed)
    inputs = docs if spec.is_null() else [perturb(doc, spec, rng) for doc in docs]
    return score_relations(docs, [link_document(doc) for doc in inputs])


def _format(scores: dict) -> str:
    return "\n".join(
        f"{mode:8s} P={s['precision']:.4f} R={s['recall']:.4f} F1={s['f1']:.4f} "
        f"(correct {s['correct']}, predicted {s['predicted']}, gold {s['support']})"
        for mode, s in scores.items()
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="annotated JSONL file (or folder of them)")
    parser.add_argument("--drop-metrics", type=float, default=0.0, help="rate of METRICs removed")
    parser.add_argument("--drop-quantities", type=float, default=0.0, help="rate of quantities removed")
    parser.add_argument("--jitter", type=float, default=0.0, help="rate of METRICs with a boundary moved by 1")
    parser.add_argument("--spurious-metrics", type=float, default=0.0,
                        help="rate of quantities given a false METRIC a few characters before them")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    spec = Perturbation(args.drop_metrics, args.drop_quantities, args.jitter, args.spurious_metrics)
    scores = evaluate(read_jsonl(args.path), spec, args.seed)
    print(json.dumps(scores, indent=2) if args.json else _format(scores))


if __name__ == "__main__":
    main()
