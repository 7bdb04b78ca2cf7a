"""JSONL records ↔ character-level IOB2 tag sequences (for seqeval and for training with ``datasets``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from seqeval.metrics.sequence_labeling import get_entities

from lawgov_ie.data.schema import AnnotatedDocument
from lawgov_ie.labels import OUTSIDE
from lawgov_ie.text.view import TextView


def tags_from_spans(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags, one per character, of non-overlapping ``(start, end, label)`` spans."""
    tags = [OUTSIDE] * length
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` spans (end exclusive) of an IOB2 sequence, decoded by seqeval."""
    return [(start, end + 1, label) for label, start, end in get_entities(list(tags))]


def char_tags(doc: AnnotatedDocument) -> list[str]:
    """The IOB2 tag of every character of the document's text."""
    return tags_from_spans(len(doc.text), ((e.start_offset, e.end_offset, e.label) for e in doc.entities))


def view_tags(doc: AnnotatedDocument, view: TextView) -> list[str]:
    """IOB2 tags of every character of a clean view of the document (what the model is trained on)."""
    spans = [(*view.to_view(e.start_offset, e.end_offset), e.label) for e in doc.entities]
    return tags_from_spans(len(view.text), spans)


def to_dataset(docs: Iterable[AnnotatedDocument]):
    """A ``datasets.Dataset`` with one row per document: ``id``, ``chars`` and IOB2 ``tags``."""
    from datasets import Dataset

    rows = [{"id": d.id, "chars": list(d.text), "tags": char_tags(d)} for d in docs]
    return Dataset.from_list(rows)
