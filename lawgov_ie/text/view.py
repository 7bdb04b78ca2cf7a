"""A clean view of a report for the model, with an exact map back to the original characters.

Scraped reports carry ruby/pinyin residue after characters (``建設(shè)``), traditional characters and
full-width forms. The model reads a cleaned, simplified view; every span found there is mapped back so
that entities always index the ORIGINAL text. Each view character owns the original characters from its
own position up to the next kept one, so residue that trails a character travels with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_RESIDUE = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])\((?:[a-zü]*[{_TONED}][a-zü]*|de|le|me|men|ma|zi|ne)\)"
)
"""``(zhèng)`` after a CJK character: pronunciation residue of a ruby-annotated page."""


@dataclass(frozen=True)
class TextView:
    """The model's view of a text: ``text[i]`` stands for ``original[starts[i]:ends[i]]``."""

    text: str
    starts: np.ndarray
    ends: np.ndarray
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the view span ``[start, end)``."""
        return int(self.starts[start]), int(self.ends[end - 1])

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """View offsets of the original span ``[start, end)`` (the view characters it touches)."""
        view_start = int(np.searchsorted(self.ends, start, side="right"))
        view_end = int(np.searchsorted(self.starts, end, side="left"))
        return view_start, max(view_end, view_start + 1)


def identity_view(text: str) -> TextView:
    """A view that changes nothing (used when normalisation is switched off)."""
    index = np.arange(len(text), dtype=np.int64)
    return TextView(text, index, index + 1, len(text))


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _simplify(text: str) -> str:
    """Traditional → simplified with OpenCC, keeping one character per character."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


def _fold_width(text: str) -> str:
    """Full-width digits, letters and signs to their ASCII forms, one character per character."""
    return "".join(c if len(c := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text)


def build_view(text: str, simplify: bool = True, strip_residue: bool = True, fold_width: bool = True) -> TextView:
    """The clean view of ``text``: residue removed, traditional → simplified, widths folded."""
    keep = np.ones(len(text), dtype=bool)
    if strip_residue:
        for match in PINYIN_RESIDUE.finditer(text):
            keep[match.start() : match.end()] = False
    starts = np.flatnonzero(keep).astype(np.int64)
    # only residue is removed, so each kept character owns everything up to the next kept one
    ends = np.append(starts[1:], len(text)).astype(np.int64)
    clean = "".join(text[i] for i in starts) if not keep.all() else text
    if simplify:
        clean = _simplify(clean)
    if fold_width:
        clean = _fold_width(clean)
    return TextView(clean, starts, ends, len(text))
