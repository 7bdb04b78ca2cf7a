"""Measure what each span rule adds on top of the model's decoding, on the same weights and documents.

Usage: python -m training.decoding_steps PIPELINE annotations/dev.jsonl
Rules are switched on one after another (unlinked-METRIC drop, LAW/ORG/DATE/quantity rules, METRIC edge words
and verbs, marks, METRIC word edges, handling verbs before counts); each line prints entity micro F1, METRIC F1
and end-to-end relation F1 (strict / relaxed).
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from unittest import mock


def main(argv: list[str] | None = None) -> int:
    import lawgov_ie
    from lawgov_ie.data import read_jsonl
    from lawgov_ie.model import span_rules
    from lawgov_ie.pipeline import ner
    from training.evaluate import evaluate_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline", type=Path)
    parser.add_argument("dev", type=Path)
    args = parser.parse_args(argv)
    docs = read_jsonl(args.dev)
    nlp = lawgov_ie.load(args.pipeline)

    def keep(text: str, start: int, end: int, *_) -> tuple[int, int]:
        return start, end

    def never(*_) -> bool:
        return False

    def same(text: str, spans: list) -> list:
        return list(spans)

    relations, tagger = nlp.get_pipe("lawgov_relations"), nlp.get_pipe("lawgov_ner")
    latest = {"_whole_title": keep, "_names_the_change": never, "NOT_TITLES": frozenset(), "OPINION_NOUNS": ()}
    verbs_kept = {"_without_handling_verbs": same, **latest}
    steps = [
        ("Viterbi + fragment clean-up", False, False, {ner: {"apply_span_rules": same}}),
        ("+ drop unlinked METRICs", True, False, {ner: {"apply_span_rules": same}}),
        ("+ LAW/ORG/quantity spec rules (》, document types, institution heads, ordinals, service numbers)", True, False, {span_rules: {"_balance_marks": keep, "_trim_metric": keep, "_with_coordinated_quotes": keep, **verbs_kept}}),
        ("+ METRIC edge words (各类…, …数量) and action verbs (进行, 召开 …)", True, False, {span_rules: {"_balance_marks": keep, "_with_coordinated_quotes": keep, **verbs_kept}}),
        ("+ marks: close pairs left open, join adjacent quoted names", True, False, {span_rules: verbs_kept}),
        ("+ METRIC edges at word edges", True, True, {span_rules: verbs_kept}),
        ("+ handling verbs (公开, 受理 …) dropped before a count of objects", True, True, {span_rules: latest}),
        ("+ whole 《》 titles, no everyday 法 words as LAW, measured changes keep their verb (压减率, 同比减少)", True, True, {}),
    ]
    for name, drop, word_edges, patches in steps:
        relations.drop_unlinked_metrics, tagger.metric_word_edges = drop, word_edges
        with ExitStack() as stack:
            for module, attributes in patches.items():
                for attribute, value in attributes.items():
                    stack.enter_context(mock.patch.object(module, attribute, value))
            scores = evaluate_pipeline(nlp, docs)
        entities, linked = scores["entities"], scores["relations"]["end to end"]
        print(f"{name}: micro {entities['micro avg']['f1']:.3f}, METRIC {entities['METRIC']['f1']:.3f}, "
              f"relations {linked['strict']['f1']:.3f} / {linked['relaxed']['f1']:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
