"""Real-world input through the API: odd encodings, binary files, huge texts, astral characters.

Two tiny pipelines: the random one of ``conftest`` (robustness: no crash, invariants) and a
"digit oracle" whose model scores every ASCII digit ``I-COUNT`` (then ``B-COUNT``) whatever its context, so the exact
entities of any text are known in advance (each maximal digit run of the clean view is a COUNT).
"""

from __future__ import annotations

import re
import unicodedata

import pytest

import lawgov_ie
from lawgov_testing import check_invariants
from lawgov_ie.errors import BinaryInputError, DecodingError, EmptyInputError

PARAGRAPH = "2023年，区司法局共办理行政复议案件128件，办结率99.5%，落实《中华人民共和国行政复议法》。\n"
LAST = "最后一段：全年投入资金987654元，共计31件。\n"


def make_digit_classifier():
    """A 0-layer BERT whose scores depend only on the character: ASCII digits → ``I-COUNT`` > ``B-COUNT``, else ``O``."""
    import torch
    from transformers import BertConfig, BertForTokenClassification

    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    from lawgov_ie.labels import ID2TAG, TAG2ID

    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", *dict.fromkeys("0123456789年月日次件个万元%区委政府法,，。、《》()")]
    backend = Tokenizer(models.WordLevel({p: i for i, p in enumerate(pieces)}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", pad_token="<pad>", cls_token="<s>", sep_token="</s>")
    vocab = tokenizer.get_vocab()
    config = BertConfig(vocab_size=len(vocab), hidden_size=4, num_hidden_layers=0, num_attention_heads=1,
                        intermediate_size=4, max_position_embeddings=128, num_labels=len(ID2TAG),
                        id2label=dict(ID2TAG), label2id=dict(TAG2ID), pad_token_id=1)
    model = BertForTokenClassification(config).eval()
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        emb.word_embeddings.weight.copy_(torch.tensor([0.0, 0.0, 1.0, -1.0]).expand(len(vocab), 4))
        for digit in "0123456789":
            emb.word_embeddings.weight[vocab[digit]] = torch.tensor([1.0, -1.0, 0.0, 0.0])
        emb.LayerNorm.weight.fill_(1.0)
        emb.LayerNorm.bias.zero_()
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.weight[TAG2ID["I-COUNT"], 0] = 1.0
        model.classifier.weight[TAG2ID["B-COUNT"], 0] = 0.9  # a run starts with B under IOB2-constrained decoding
        model.classifier.weight[TAG2ID["O"], 2] = 1.0
    return model, tokenizer


def build_digit_pipeline(path):
    """Save the digit-oracle pipeline (character segmentation) to ``path`` and return the path."""
    from lawgov_ie.pipeline.build import build_pipeline

    build_pipeline(*make_digit_classifier(), segmenter=None, window=64, margin=8).to_disk(path)
    return path


def folds_to_digit(char: str) -> bool:
    """Whether the clean view shows ``char`` as an ASCII digit (width folding is NFKC, one-to-one)."""
    folded = unicodedata.normalize("NFKC", char)
    return len(folded) == 1 and folded in "0123456789"


def expected_counts(text: str) -> list[tuple[int, int, str]]:
    """What the digit oracle must find: every maximal run of characters that fold to ASCII digits, except
    ordinals (a run right after 第, which the spec rules drop)."""
    spans, start = [], None
    for i, char in enumerate(text + "x"):
        if folds_to_digit(char) and i < len(text):
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i, "COUNT"))
            start = None
    return [span for span in spans if not text[: span[0]].endswith("第")]


def found(result: dict) -> list[tuple[int, int, str]]:
    return [(e["start_offset"], e["end_offset"], e["label"]) for e in result["entities"]]


@pytest.fixture(scope="module")
def digit_nlp(tmp_path_factory):
    return lawgov_ie.load(build_digit_pipeline(tmp_path_factory.mktemp("digit") / "pipeline"))


@pytest.fixture(scope="module")
def tiny_nlp(tiny_pipeline_dir):
    return lawgov_ie.load(tiny_pipeline_dir)


@pytest.mark.parametrize("text", ["", " ", "\n\r\n\t　 ", "\u3000\u3000"])
def test_empty_and_whitespace_text_is_refused(tiny_nlp, text):
    with pytest.raises(EmptyInputError, match="empty"):
        lawgov_ie.extract(text, nlp=tiny_nlp)


def test_bytes_are_refused_with_a_hint(tiny_nlp):
    with pytest.raises(TypeError, match="decode"):
        lawgov_ie.extract(PARAGRAPH.encode(), nlp=tiny_nlp)


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInputError),
    (b" \r\n\t", EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, BinaryInputError),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, BinaryInputError),
    (b"\x80\x81\xfe\xfd\xfc\xff" * 50, DecodingError),
])
def test_unreadable_files_raise_typed_errors(tmp_path, tiny_nlp, data, error):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with pytest.raises(error):
        lawgov_ie.extract_file(path, nlp=tiny_nlp)


@pytest.mark.parametrize("encoding, text", [
    ("gb18030", "2023年，静海区办理行政复议案件128件，办结率99.79%。\n" * 3),
    ("big5", "2022年，東城區政府堅持依法行政，辦結案件１２８件，辦結率99.79%。\r\n" * 3),
])
def test_gb18030_and_big5_files(tmp_path, digit_nlp, encoding, text):
    path = tmp_path / f"report_{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    result = lawgov_ie.extract_file(path, nlp=digit_nlp).to_dict()
    assert result["text"] == text and result["meta"]["encoding"] == encoding
    assert found(result) == expected_counts(text)
    check_invariants(text, result)


def big_report(megabytes: float) -> tuple[str, list[tuple[int, int, str]]]:
    """A report of about ``megabytes`` MB of UTF-8 and the entities of its last paragraph."""
    repeats = int(megabytes * 2**20 / len(PARAGRAPH.encode()))
    text = PARAGRAPH * repeats + LAST
    offset = len(text) - len(LAST)
    return text, [(offset + s, offset + e, label) for s, e, label in expected_counts(LAST)]


def check_big_report(nlp, megabytes: float) -> None:
    text, last = big_report(megabytes)
    result = lawgov_ie.extract(text, nlp=nlp).to_dict()
    assert len(result["text"]) == len(text)
    spans = found(result)
    assert spans[-len(last):] == last  # the very end of the text was read and mapped exactly
    per_paragraph = len(expected_counts(PARAGRAPH))
    assert len(spans) == per_paragraph * (text.count(PARAGRAPH)) + len(last)  # nothing lost on the way
    assert spans[:per_paragraph] == expected_counts(PARAGRAPH)


def test_one_megabyte_report_is_read_to_the_end(digit_nlp):
    check_big_report(digit_nlp, 1)


@pytest.mark.slow
def test_ten_megabyte_report_is_read_to_the_end(digit_nlp):
    check_big_report(digit_nlp, 10)


def test_one_long_line_without_punctuation(digit_nlp):
    unit = "区委政府会议共办理案件一百二十八件办结率"
    text = "".join(f"{unit}{i}" for i in range(200_000 // (len(unit) + 3)))
    text = (text + "区" * 200_000)[:200_000]
    assert "\n" not in text and len(text) == 200_000
    result = lawgov_ie.extract(text, nlp=digit_nlp).to_dict()
    assert found(result) == expected_counts(text)


def test_long_line_through_the_random_model(tiny_nlp):
    text = ("区委政府会议办结" * 1000)[:5_000] + "件2023年"
    result = lawgov_ie.extract(text, nlp=tiny_nlp).to_dict()
    check_invariants(text, result)


def oracle_and_random(digit_nlp, tiny_nlp, text: str) -> dict:
    """The digit oracle's result, checked to find exactly the digit runs; the random model's is checked too."""
    result = lawgov_ie.extract(text, nlp=digit_nlp).to_dict()
    assert found(result) == expected_counts(text)
    check_invariants(text, lawgov_ie.extract(text, nlp=tiny_nlp).to_dict())
    return result


@pytest.mark.parametrize("text", [
    "共办理１２3４件，增长9.5％，其中（１）类２件",
    "办结1２8件,ＡＢＣ ｘ１",
    "第①项②项，面积10²平方米",
])
def test_mixed_half_and_full_width(digit_nlp, tiny_nlp, text):
    check_invariants(text, oracle_and_random(digit_nlp, tiny_nlp, text))


@pytest.mark.parametrize("text", [
    "😀12件𠀀34个🇨🇳56",
    "𝟏𝟐件 😀\u200d👩 78%",
    "\U0010fffd9件\U0001f600",
])
def test_astral_characters_count_as_one_code_point(digit_nlp, tiny_nlp, text):
    for e in oracle_and_random(digit_nlp, tiny_nlp, text)["entities"]:
        assert re.fullmatch(r"\d+", unicodedata.normalize("NFKC", e["text"]))


def test_crlf_line_ends(tmp_path, digit_nlp):
    text = "一、概况\r\n共办理12件。\r\n\r\n办结率99%。\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    result = lawgov_ie.extract_file(path, nlp=digit_nlp).to_dict()
    assert result["text"] == text
    assert [text[s:e] for s, e, _ in found(result)] == ["12", "99"]
    assert found(result) == expected_counts(text)


def test_residue_is_skipped_but_offsets_index_the_original(digit_nlp):
    text = "建設(shè)12個(gè)，縣經(jīng)濟(jì)3件"
    result = lawgov_ie.extract(text, nlp=digit_nlp).to_dict()
    assert [e["text"] for e in result["entities"]] == ["12", "3"]
    check_invariants(text, result)


def test_pipe_equals_one_by_one(tiny_nlp):
    texts = [PARAGRAPH * n + LAST for n in (1, 5, 0, 17)] + ["区委" * 400]
    one_by_one = [[(e.start_char, e.end_char, e.label_) for e in tiny_nlp(t).ents] for t in texts]
    piped = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in tiny_nlp.pipe(texts, batch_size=3)]
    assert piped == one_by_one
