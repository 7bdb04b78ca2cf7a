"""Score a pipeline on annotated documents: entities (seqeval, strict IOB2) and relations (strict/relaxed).

Usage: python -m training.evaluate MODEL DATA [--json OUT]   (also ``lawgov-ie evaluate MODEL DATA``)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from tqdm import tqdm

from lawgov_ie.data import read_jsonl
from lawgov_ie.data.schema import AnnotatedDocument
from lawgov_ie.data.spacy_docs import doc_from_record, record_from_doc
from lawgov_ie.evaluation.entities import entity_report, score_entities
from lawgov_ie.evaluation.relations import score_relations


def predict_documents(nlp: Language, docs: Sequence[AnnotatedDocument], progress: bool = True) -> list[AnnotatedDocument]:
    """Run the whole pipeline on each document's text."""
    texts = (d.text for d in docs)
    out = nlp.pipe(texts)
    return [record_from_doc(doc, d.id, d.meta) for d, doc in tqdm(zip(docs, out), total=len(docs),
                                                                    desc="predicting", disable=not progress)]


def link_gold_entities(nlp: Language, docs: Sequence[AnnotatedDocument]) -> list[AnnotatedDocument]:
    """Run only the relation layer over the GOLD entities (isolates it from NER errors)."""
    relations = nlp.get_pipe("lawgov_relations")
    out = []
    for d in docs:
        gold_only = AnnotatedDocument(d.id, d.text, d.entities, [], d.meta)
        out.append(record_from_doc(relations(doc_from_record(nlp.make_doc, gold_only)), d.id, d.meta))
    return out


def evaluate_pipeline(nlp: Language, docs: Sequence[AnnotatedDocument]) -> dict:
    """Entity scores and relation scores (with gold and with predicted entities) on ``docs``."""
    predicted = predict_documents(nlp, docs)
    scores = {"entities": score_entities(docs, predicted), "documents": [d.id for d in docs]}
    if "lawgov_relations" in nlp.pipe_names:
        scores["relations"] = {
            "end to end": score_relations(docs, predicted),
            "gold entities": score_relations(docs, link_gold_entities(nlp, docs)),
        }
    scores["report"] = entity_report(docs, predicted)
    return scores


def format_scores(scores: dict) -> str:
    """A readable report of ``evaluate_pipeline``'s result."""
    lines = ["Entities (seqeval, IOB2, strict):", scores["report"]]
    for setting, table in scores.get("relations", {}).items():
        lines.append(f"Relations, {setting}:")
        for mode, v in table.items():
            lines.append(f"  {mode:8s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import lawgov_ie.api as api

    parser = argparse.ArgumentParser(description="Score a lawgov pipeline on annotated JSONL documents.")
    parser.add_argument("model", help="pipeline folder ('default' for the shipped model)")
    parser.add_argument("data", type=Path, help="annotated JSONL file or folder, e.g. annotations/dev.jsonl")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    args = parser.parse_args(argv)
    nlp = api.load(None if args.model == "default" else args.model)
    scores = evaluate_pipeline(nlp, read_jsonl(args.data))
    print(format_scores(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
