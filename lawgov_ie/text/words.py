"""Dictionary words of a text (jieba): the word edges the METRIC rule snaps to and the model's word-position input.

jieba (MIT, its dictionary ships in the wheel) only draws word edges; the Doc's own tokens stay pkuseg words.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import numpy as np

WORD_POSITIONS = ("S", "B", "M", "E")
"""A character's place in its word: a single-character word, the beginning, middle or end of a longer one.
Its index is the token type id the model reads (``S`` is 0, the type every pretrained input used)."""
WORD_POSITION_SOURCE = "jieba"
"""The value of a model config's ``word_positions`` when the model was trained to read these ids."""


@lru_cache(maxsize=1)
def load_segmenter():
    """jieba's dictionary segmenter, loaded once (≈ 0.6 s, 70 MB); the pipeline loads it with the model."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces its dictionary load at DEBUG on stderr otherwise
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    return segmenter


def word_position_ids(text: str) -> np.ndarray:
    """One ``WORD_POSITIONS`` index per character of ``text``, from jieba's segmentation of the whole text."""
    ids = np.zeros(len(text), dtype=np.uint8)  # a byte per character: documents may run to megabytes
    for _, start, end in load_segmenter().tokenize(text):
        if end - start > 1:
            ids[start] = 1
            ids[start + 1 : end - 1] = 2
            ids[end - 1] = 3
    return ids
