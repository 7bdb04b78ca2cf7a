"""A METRIC begins and ends where words do: a predicted measure that slips one character inside a word takes it.

The character tagger sometimes opens or closes a measure one character early or late (「明材料」 for 「证明材料」,
「基础数」 for 「基础数据」, 「营异常名录企业」 for 「经营异常名录企业」). Measures are noun or verb phrases, so
their edges are word edges: a METRIC edge one character inside a word (jieba's dictionary segmentation of the
model's view) moves to the word's edge, never over digits, punctuation or space, nor into another span, and a
closing edge never takes a linking word or 数 (「审查率达」 stays 「审查率」). Every one of the 418
gold METRICs passes unchanged (tested); dev effects are measured by training/decoding_steps.py. jieba (MIT, its
dictionary ships in the wheel) only draws word edges here; the Doc's own tokens stay pkuseg words.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from lawgov_ie.labels import METRIC_LABEL

Span = tuple[int, int, str]
CONTEXT = 20
"""Characters segmented on each side of an edge: enough for any dictionary word around it."""
MAX_WIDENING = 1
"""The slip corrected is one character; a longer head is a verb the spec drops (「解决问题100余件」 → 「问题」)."""
UNTAKEN_CHARS = frozenset("达为是均共计约近超逾仅至到已都数")
"""Never taken in at a closing edge: words linking a measure to its number (「化解率达99%」) and the 数 the spec
drops (「法律明白人数为21300人」 → 「法律明白人」)."""


@lru_cache(maxsize=1)
def load_segmenter():
    """jieba's dictionary segmenter, loaded once (≈ 0.6 s, 70 MB); the pipeline loads it with the model."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces its dictionary load at DEBUG on stderr otherwise
    return jieba.Tokenizer()


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
    """``spans`` with each METRIC edge that lies one character inside a word moved to the word's edge."""
    out = []
    for start, end, label in spans:
        if label == METRIC_LABEL:
            start, end = _snapped(text, spans, start, end)
        out.append((start, end, label))
    return out


def _snapped(text: str, spans: Sequence[Span], start: int, end: int) -> tuple[int, int]:
    if start > 0 and _all_letters(text[start - 1:start + 1]):
        word_start = _word_around(text, start)[0]
        free = not any(s < start and e > word_start for s, e, _ in spans)
        if start - MAX_WIDENING <= word_start < start and free and _all_letters(text[word_start:start]):
            start = word_start
    if end - start > 1 and end < len(text) and _all_letters(text[end - 1:end + 1]):
        word_end = _word_around(text, end)[1]
        free = not any(s >= end and s < word_end for s, _, _ in spans)
        added = text[end:word_end]
        if end < word_end <= end + MAX_WIDENING and free and _all_letters(added) and not UNTAKEN_CHARS & set(added):
            end = word_end
    return start, end
