"""Model input rows for fine-tuning: character ids and tag ids of one window, with the loss-masking id."""

from __future__ import annotations

from collections.abc import Sequence

from lawgov_ie.data.iob import view_tags
from lawgov_ie.data.schema import AnnotatedDocument
from lawgov_ie.labels import TAG2ID
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.text.view import build_view
from lawgov_ie.text.words import word_position_ids

IGNORE = -100
"""Label id the loss skips: special tokens, and characters an auxiliary source cannot label."""


def model_row(chars: CharInput, text: str, tag_ids: Sequence[int], word_positions: Sequence[int] | None = None) -> dict:
    """One training row: ``[CLS] characters [SEP]`` and their tag ids (specials ignored), with the characters'
    word-position ids as token types when given."""
    row = {"input_ids": [chars.cls_id, *chars.encode(text).tolist(), chars.sep_id],
           "labels": [IGNORE, *tag_ids, IGNORE]}
    if word_positions is not None:
        row["token_type_ids"] = [0, *word_positions, 0]
    return row


def training_rows(docs: list[AnnotatedDocument], chars: CharInput, size: int, stride: int,
                  word_positions: bool = False) -> list[dict]:
    """Overlapping windows of each document's clean view as model inputs with tag ids (and word-position ids,
    segmented over the whole view as at inference)."""
    rows = []
    for doc in docs:
        view = build_view(doc.text)
        tags = [TAG2ID[t] for t in view_tags(doc, view)]
        positions = word_position_ids(view.text).tolist() if word_positions else None
        for start in range(0, max(1, len(view.text) - size + stride), stride):
            window = slice(start, start + size)
            rows.append(model_row(chars, view.text[window], tags[window], positions[window] if positions else None))
    return rows
