"""Offset arithmetic: code points (our contract) ↔ UTF-16 code units (doccano, Label Studio, browsers)."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate


class Utf16Offsets:
    """Converts offsets of one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        # prefix[i] = UTF-16 length of text[:i]
        self._prefix = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of code-point ``offset``."""
        return self._prefix[offset]

    def from_utf16(self, offset: int) -> int:
        """Code-point offset of UTF-16 ``offset``; an offset inside a surrogate pair is an error."""
        index = bisect_left(self._prefix, offset)
        if index >= len(self._prefix) or self._prefix[index] != offset:
            raise ValueError(f"UTF-16 offset {offset} falls inside a surrogate pair or past the text")
        return index
