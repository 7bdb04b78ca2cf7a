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


def _index_dtype(length: int) -> type:
    return np.int32 if length < 2**31 - 1 else np.int64


def identity_view(text: str) -> TextView:
    """A view that changes nothing (used when normalisation is switched off)."""
    index = np.arange(len(text), dtype=_index_dtype(len(text)))
    return TextView(text, index, index + 1, len(text))


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _char_table(text: str, convert) -> dict[int, str]:
    """``str.translate`` table of the distinct characters of ``text`` that ``convert`` maps one-to-one."""
    table = {}
    for ch in set(text):
        converted = convert(ch)
        if converted != ch and len(converted) == 1:
            table[ord(ch)] = converted
    return table


def _simplify(text: str) -> str:
    """Traditional → simplified with OpenCC, keeping one character per character.

    Whole lines are converted (OpenCC's phrase rules); a line whose length would change falls back to
    character-by-character conversion.
    """
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    table = None
    lines = []
    for line in text.splitlines(keepends=True):
        done = _t2s().convert(line)
        if len(done) != len(line):
            table = table if table is not None else _char_table(text, _t2s().convert)
            done = line.translate(table)
        lines.append(done)
    return "".join(lines)


def _fold_width(text: str) -> str:
    """Full-width digits, letters and signs to their ASCII forms, one character per character."""
    if text.isascii():
        return text
    return text.translate(_char_table(text, lambda ch: unicodedata.normalize("NFKC", ch)))


def build_view(text: str, simplify: bool = True, strip_residue: bool = True, fold_width: bool = True) -> TextView:
    """The clean view of ``text``: residue removed, traditional → simplified, widths folded."""
    keep = np.ones(len(text), dtype=bool)
    if strip_residue:
        for match in PINYIN_RESIDUE.finditer(text):
            keep[match.start() : match.end()] = False
    dtype = _index_dtype(len(text))
    starts = np.flatnonzero(keep).astype(dtype)
    # only residue is removed, so each kept character owns everything up to the next kept one
    ends = np.append(starts[1:], len(text)).astype(dtype)
    clean = text if keep.all() else PINYIN_RESIDUE.sub("", text)
    if simplify:
        clean = _simplify(clean)
    if fold_width:
        clean = _fold_width(clean)
    return TextView(clean, starts, ends, len(text))
