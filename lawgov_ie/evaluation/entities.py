"""Entity scores per ANNOTATION_SPEC.md section 4: seqeval, IOB2, strict mode, over characters."""

from __future__ import annotations

from collections.abc import Sequence

from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

from lawgov_ie.data.iob import char_tags
from lawgov_ie.data.schema import AnnotatedDocument


def paired_tags(gold: Sequence[AnnotatedDocument], pred: Sequence[AnnotatedDocument]) -> tuple[list, list]:
    """Character tag sequences of gold and predicted documents, paired by document id."""
    predicted = {d.id: d for d in pred}
    missing = [d.id for d in gold if d.id not in predicted]
    if missing:
        raise ValueError(f"no prediction for documents {missing}")
    return [char_tags(d) for d in gold], [char_tags(predicted[d.id]) for d in gold]


def score_entities(gold: Sequence[AnnotatedDocument], pred: Sequence[AnnotatedDocument]) -> dict:
    """Micro and per-label precision/recall/F1/support (strict IOB2) as a nested dict."""
    y_true, y_pred = paired_tags(gold, pred)
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    return {
        label: {"precision": float(v["precision"]), "recall": float(v["recall"]),
                "f1": float(v["f1-score"]), "support": int(v["support"])}
        for label, v in report.items()
    }


def entity_report(gold: Sequence[AnnotatedDocument], pred: Sequence[AnnotatedDocument]) -> str:
    """seqeval's readable report (strict IOB2)."""
    y_true, y_pred = paired_tags(gold, pred)
    return classification_report(y_true, y_pred, mode="strict", scheme=IOB2, digits=3, zero_division=0)
