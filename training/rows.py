"""Model input rows for fine-tuning: character ids and tag ids of one window, with the loss-masking id."""

from __future__ import annotations

from collections.abc import Sequence

from lawgov_ie.data.iob import view_tags
from lawgov_ie.data.schema import AnnotatedDocument
from lawgov_ie.labels import TAG2ID
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.text.view import build_view

IGNORE = -100
"""Label id the loss skips: special tokens, and characters an auxiliary source cannot label."""


def model_row(chars: CharInput, text: str, tag_ids: Sequence[int]) -> dict:
    """One training row: ``[CLS] characters [SEP]`` and their tag ids (specials ignored)."""
    return {"input_ids": [chars.cls_id, *chars.encode(text).tolist(), chars.sep_id],
            "labels": [IGNORE, *tag_ids, IGNORE]}


def training_rows(docs: list[AnnotatedDocument], chars: CharInput, size: int, stride: int) -> list[dict]:
    """Overlapping windows of each document's clean view as model inputs with tag ids."""
    rows = []
    for doc in docs:
        view = build_view(doc.text)
        tags = [TAG2ID[t] for t in view_tags(doc, view)]
        for start in range(0, max(1, len(view.text) - size + stride), stride):
            rows.append(model_row(chars, view.text[start : start + size], tags[start : start + size]))
    return rows
