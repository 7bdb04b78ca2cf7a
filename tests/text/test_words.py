"""Word positions: one id per character, spelling out jieba's words (S, or B M… E)."""

from __future__ import annotations

import pytest

from lawgov_ie.text.words import WORD_POSITIONS, load_segmenter, word_position_ids

TEXTS = [
    "2023年,全区行政复议案件办结率达99.79%,“吹哨”问题58121个。",
    "區級政務服務中心“委託受理”率91.15%",
    "sp20241118 12345市民热线\n\n第二条",
]


def _words_from_ids(text: str, ids) -> list[str]:
    words, current = [], ""
    for char, position in zip(text, ids):
        tag = WORD_POSITIONS[position]
        if tag in ("S", "B") and current:
            words.append(current)
            current = ""
        current += char
        if tag in ("S", "E"):
            words.append(current)
            current = ""
    return words + ([current] if current else [])


@pytest.mark.parametrize("text", TEXTS)
def test_ids_spell_out_the_segmenters_words(text):
    ids = word_position_ids(text)
    assert len(ids) == len(text)
    assert _words_from_ids(text, ids) == [word for word, _, _ in load_segmenter().tokenize(text)]


def test_single_characters_keep_the_pretrained_type():
    ids = word_position_ids("，。、")
    assert ids.tolist() == [WORD_POSITIONS.index("S")] * 3 == [0, 0, 0]


def test_empty_text():
    assert word_position_ids("").tolist() == []
