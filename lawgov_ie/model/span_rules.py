"""Spec rules applied to predicted spans: what the annotation spec excludes however the model tags it.

- A LAW is the title between 《 and 》 (ANNOTATION_SPEC.md §2): a predicted LAW running past 》 stops there.
- Ordinals are not quantities (§2, 「第三批」, 「第57次」): a COUNT/PERCENT/MONEY right after 第 is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawgov_ie.labels import QUANTITY_LABELS

Span = tuple[int, int, str]
TITLE_CLOSE = "》"
ORDINAL_PREFIX = "第"


def apply_span_rules(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with LAW titles cut at their closing mark and ordinal numbers removed."""
    out = []
    for start, end, label in spans:
        if label == "LAW":
            close = text.find(TITLE_CLOSE, start + 1, end)
            if close > start:
                end = close
        elif label in QUANTITY_LABELS and start > 0 and text[start - 1] == ORDINAL_PREFIX:
            continue
        out.append((start, end, label))
    return out
