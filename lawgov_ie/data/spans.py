"""Span edge rules shared by validation and prediction: what may start or end an entity."""

from __future__ import annotations

import unicodedata

PAIRED_MARKS: dict[str, str] = {
    "“": "”", "‘": "’", "\"": "\"", "'": "'", "《": "》", "〈": "〉", "「": "」", "『": "』",
    "(": ")", "（": "）", "[": "]", "【": "】", "〔": "〕", "［": "］", "{": "}",
}
"""Opening mark → closing mark; such marks may edge a span only as a pair inside it."""

CLOSING_MARKS: dict[str, str] = {close: open_ for open_, close in PAIRED_MARKS.items()}
_UNIT_SYMBOLS = frozenset("%％‰℃")


def is_edge_noise(char: str) -> bool:
    """Whitespace or punctuation that may not start or end a span on its own."""
    if char in _UNIT_SYMBOLS:
        return False
    return char.isspace() or unicodedata.category(char)[0] in "PZC"


def edge_problem(surface: str) -> str | None:
    """Why ``surface`` may not be a span as it stands (None when its edges are fine)."""
    first, last = surface[0], surface[-1]
    if is_edge_noise(first) and not (first in PAIRED_MARKS and PAIRED_MARKS[first] in surface[1:]):
        return f"starts with {first!r}"
    if is_edge_noise(last) and not (last in CLOSING_MARKS and CLOSING_MARKS[last] in surface[:-1]):
        return f"ends with {last!r}"
    return None


def _wrapped(surface: str) -> bool:
    """Whether the whole span sits inside one pair of marks (「《条例》」, 「“最多跑一次”」)."""
    if len(surface) < 3 or PAIRED_MARKS.get(surface[0]) != surface[-1]:
        return False
    return surface[0] not in surface[1:-1] and surface[-1] not in surface[1:-1]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` until its edges obey the span rules; a fully wrapped span loses its marks."""
    while start < end:
        surface = text[start:end]
        if _wrapped(surface):
            start, end = start + 1, end - 1
            continue
        problem = edge_problem(surface)
        if problem is None:
            break
        if problem.startswith("starts"):
            start += 1
        else:
            end -= 1
    return start, end
