"""Overlapping windows over a long sequence: each position is predicted in exactly one window core.

A window sees ``margin`` characters of context on each side of its core; cores tile the sequence
without gaps or overlaps, so no entity is cut or duplicated at a window edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Window:
    """``[start, end)`` is what the model reads; ``[core_start, core_end)`` is what it decides."""

    start: int
    end: int
    core_start: int
    core_end: int


def plan_windows(length: int, size: int, margin: int) -> Iterator[Window]:
    """Windows of at most ``size`` positions covering ``length`` positions."""
    if size <= 2 * margin:
        raise ValueError(f"window size {size} must exceed twice the margin {margin}")
    if length <= size:
        yield Window(0, length, 0, length)
        return
    core_start = 0
    while core_start < length:
        start = max(0, core_start - margin)
        end = min(length, start + size)
        core_end = length if end == length else end - margin
        yield Window(start, end, core_start, core_end)
        core_start = core_end
        if end == length:
            break
