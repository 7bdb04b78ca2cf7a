"""Auxiliary training windows from CLUENER2020: more examples of organisation names for the ORG label.

CLUENER marks names of people, places, companies, government bodies, books, games … but no numbers, dates,
laws or measures. Its government and company spans become ORG and its other classes O; characters it cannot
speak for (numerals with the character after them, book titles, its loose ``organization`` class that holds
sports clubs and leagues) are left out of the loss, so the auxiliary data never teaches that a number or a
title is outside every entity.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from lawgov_ie.data.iob import tags_from_spans
from lawgov_ie.labels import OUTSIDE, TAG2ID
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.text.view import build_view
from lawgov_ie.text.words import word_position_ids
from training.rows import IGNORE, model_row

MAPPED = {"government": "ORG", "company": "ORG"}
"""CLUENER classes that match a label of the annotation spec."""
UNLABELLED = frozenset({"organization", "book"})
"""CLUENER classes left out of the loss: they straddle ORG/LAW/O in the spec."""
NUMERAL = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿两%％.．]+.?")
SEPARATOR = "\n"


def cluener_sentences(path: str | Path) -> Iterator[tuple[str, list[int]]]:
    """Each CLUENER sentence holding a mapped span, as clean-view text and per-character tag ids."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            mapped, unlabelled = [], []
            for cls, mentions in record.get("label", {}).items():
                pairs = [(start, end + 1) for spans in mentions.values() for start, end in spans]
                if cls in MAPPED:
                    mapped += [(start, end, MAPPED[cls]) for start, end in pairs]
                elif cls in UNLABELLED:
                    unlabelled += pairs
            if not mapped:
                continue
            view = build_view(record["text"])
            spans = [(*view.to_view(start, end), label) for start, end, label in mapped]
            ids = [TAG2ID[t] for t in tags_from_spans(len(view.text), spans)]
            blanks = [view.to_view(start, end) for start, end in unlabelled]
            blanks += [m.span() for m in NUMERAL.finditer(view.text)]
            for start, end in blanks:
                ids[start:end] = [IGNORE] * (end - start)
            yield view.text, ids


def auxiliary_rows(path: str | Path, chars: CharInput, size: int, count: int, seed: int,
                   word_positions: bool = False) -> list[dict]:
    """Up to ``count`` windows of at most ``size`` characters, each packing shuffled CLUENER sentences
    (with word-position ids of each packed window when asked)."""
    sentences = list(cluener_sentences(path))
    random.Random(seed).shuffle(sentences)
    rows: list[dict] = []
    text, ids = "", []
    for sentence, tags in sentences:
        if len(rows) == count:
            return rows
        if text and len(text) + len(SEPARATOR) + len(sentence) > size:
            rows.append(_row(chars, text, ids, word_positions))
            text, ids = "", []
        if text:
            text, ids = text + SEPARATOR, [*ids, TAG2ID[OUTSIDE]]
        text, ids = text + sentence[:size], ids + tags[:size]
    if text and len(rows) < count:
        rows.append(_row(chars, text, ids, word_positions))
    return rows


def _row(chars: CharInput, text: str, ids: list[int], word_positions: bool) -> dict:
    return model_row(chars, text, ids, word_position_ids(text).tolist() if word_positions else None)
