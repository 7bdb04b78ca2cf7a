"""The registered Chinese tokenizer: spaCy's alignment output, in linear time, and it round-trips to disk."""

from __future__ import annotations

import time

import pytest
import spacy
from spacy.util import get_words_and_spaces

from lawgov_ie.pipeline.build import blank_chinese
from lawgov_ie.pipeline.tokenizer import TOKENIZER_NAME, LinearChineseTokenizer, words_and_spaces

CASES = [
    (["2023年", "共", "办结", "388", "件"], "2023年共办结388件"),
    (["区", "司法局", "Legal", "Aid"], "区司法局 Legal  Aid"),
    (["  ", "办结率", "\n", "81%"], "  办结率\n81% "),
    (["a", "b"], "a\u3000b"),
    ([], ""),
]


@pytest.mark.parametrize(("words", "text"), CASES)
def test_same_output_as_spacy(words, text):
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_words_not_in_text_are_an_error():
    with pytest.raises(ValueError, match="E194"):
        words_and_spaces(["办结", "率"], "办结数")
    with pytest.raises(ValueError, match="E194"):
        words_and_spaces(["率", "办结"], "办结率")  # same characters, wrong order


def test_alignment_is_linear():
    def seconds(n: int) -> float:
        text = "依法行政" * n
        start = time.perf_counter()
        words_and_spaces(list(text), text)
        return time.perf_counter() - start

    small, large = seconds(25_000), seconds(100_000)  # 0.1 MB and 0.4 MB of characters
    assert large < 10 * small + 0.05  # quadratic would be about 16×


def test_blank_pipeline_uses_it_and_round_trips(tmp_path):
    nlp = blank_chinese()
    assert isinstance(nlp.tokenizer, LinearChineseTokenizer)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME
    text = "2023年, 区司法局办结 388件"
    assert nlp(text).text == text
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert isinstance(loaded.tokenizer, LinearChineseTokenizer)
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
