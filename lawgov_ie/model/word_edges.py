"""A METRIC begins and ends where words do: a predicted measure that slips one character inside a word takes it.

The character tagger sometimes opens or closes a measure one character early or late (「明材料」 for 「证明材料」,
「基础数」 for 「基础数据」, 「营异常名录企业」 for 「经营异常名录企业」). Measures are noun or verb phrases, so
their edges are word edges: a METRIC edge one character inside a word (jieba's dictionary segmentation of the
model's view, ``lawgov_ie.text.words``) moves to the word's edge, never over digits, punctuation or space, nor
into another span, and a closing edge never takes a linking word or 数 (「审查率达」 stays 「审查率」). Every one
of the 418 gold METRICs passes unchanged (tested); dev effects are measured by training/decoding_steps.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lawgov_ie.labels import METRIC_LABEL
from lawgov_ie.text.words import load_segmenter

Span = tuple[int, int, str]
CONTEXT = 20
"""Characters segmented on each side of an edge: enough for any dictionary word around it."""
MAX_WIDENING = 1
"""The slip corrected is one character; a longer head is a verb the spec drops (「解决问题100余件」 → 「问题」)."""
UNTAKEN_CHARS = frozenset("达为是均共计约近超逾仅至到已都数")
"""Never taken in at a closing edge: words linking a measure to its number (「化解率达99%」) and the 数 the spec
drops (「法律明白人数为21300人」 → 「法律明白人」)."""


def _word_around(text: str, position: int) -> tuple[int, int]:
    """The word that has ``position`` strictly inside it, or ``(position, position)`` when a word starts there."""
    offset = max(0, position - CONTEXT)
    for _, start, end in load_segmenter().tokenize(text[offset:position + CONTEXT]):
        if offset + start < position < offset + end:
            return offset + start, offset + end
    return position, position


def _all_letters(chars: str) -> bool:
    return all(unicodedata.category(char).startswith("L") for char in chars)


def snap_metric_edges(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (in text order, not overlapping) with each METRIC edge that lies one character inside a word
    moved to the word's edge."""
    out = []
    for i, (start, end, label) in enumerate(spans):
        if label == METRIC_LABEL:
            previous_end = spans[i - 1][1] if i else 0
            next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            start, end = _snapped(text, start, end, previous_end, next_start)
        out.append((start, end, label))
    return out


def _snapped(text: str, start: int, end: int, previous_end: int, next_start: int) -> tuple[int, int]:
    """Edges of one METRIC, widened only up to its neighbours ``previous_end`` and ``next_start``."""
    if start > 0 and _all_letters(text[start - 1:start + 1]):
        word_start = _word_around(text, start)[0]
        if max(start - MAX_WIDENING, previous_end) <= word_start < start and _all_letters(text[word_start:start]):
            start = word_start
    if end - start > 1 and end < len(text) and _all_letters(text[end - 1:end + 1]):
        word_end = _word_around(text, end)[1]
        added = text[end:word_end]
        if end < word_end <= min(end + MAX_WIDENING, next_start) and _all_letters(added) \
                and not UNTAKEN_CHARS & set(added):
            end = word_end
    return start, end
