"""CLUENER auxiliary windows: mapped spans become ORG, what CLUENER cannot label stays out of the loss."""

from __future__ import annotations

import json

from lawgov_ie.labels import ID2TAG, TAG2ID
from lawgov_ie.model.char_input import CharInput
from training.auxiliary import auxiliary_rows, cluener_sentences
from training.rows import IGNORE

RECORDS = [
    {"text": "区司法局与市委会议于2023年召开", "label": {"government": {"区司法局": [[0, 3]]}, "name": {"市委": [[5, 6]]}}},
    {"text": "巴萨与国家税务总局", "label": {"organization": {"巴萨": [[0, 1]]}, "government": {"国家税务总局": [[3, 8]]}}},
    {"text": "张三读了《民法典》", "label": {"name": {"张三": [[0, 1]]}, "book": {"民法典": [[5, 7]]}}},
]


def write_cluener(tmp_path):
    path = tmp_path / "train.json"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8")
    return path


def test_mapped_spans_become_org_and_unknowns_are_ignored(tmp_path):
    sentences = list(cluener_sentences(write_cluener(tmp_path)))
    assert len(sentences) == 2  # the sentence without a government/company span is skipped
    text, ids = sentences[0]
    tags = [ID2TAG.get(i, "IGNORE") for i in ids]
    assert tags[:4] == ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    assert tags[5:7] == ["O", "O"]  # a CLUENER name is outside every spec label
    year = text.index("2023")
    assert tags[year:year + 5] == ["IGNORE"] * 5  # the numeral and the character after it
    text, ids = sentences[1]
    assert ids[:2] == [IGNORE, IGNORE]  # CLUENER "organization" (a club) is left out
    assert ID2TAG[ids[3]] == "B-ORG"


def test_rows_pack_sentences_within_the_window(tmp_path, tiny_classifier):
    chars = CharInput.from_tokenizer(tiny_classifier[1])
    rows = auxiliary_rows(write_cluener(tmp_path), chars, size=20, count=5, seed=0)
    assert len(rows) == 2  # 16 + 1 + 9 characters do not fit in 20
    for row in rows:
        assert len(row["input_ids"]) == len(row["labels"]) <= 22
        assert row["labels"][0] == row["labels"][-1] == IGNORE
    one = auxiliary_rows(write_cluener(tmp_path), chars, size=40, count=5, seed=0)
    assert len(one) == 1 and TAG2ID["O"] in one[0]["labels"]
    assert auxiliary_rows(write_cluener(tmp_path), chars, size=40, count=0, seed=0) == []
