"""A predicted METRIC edge one character inside a word moves to the word edge; gold METRICs already sit on words."""

from __future__ import annotations

import pytest

from lawgov_ie.data import read_jsonl
from lawgov_ie.model.word_edges import snap_metric_edges
from lawgov_ie.text.view import build_view
from lawgov_testing import ANNOTATIONS


def _metric(text: str, predicted: str, *others: tuple[int, int, str]) -> str:
    start = text.index(predicted)
    spans = sorted([*others, (start, start + len(predicted), "METRIC")])
    [(s, e, _)] = [span for span in snap_metric_edges(text, spans) if span[2] == "METRIC"]
    return text[s:e]


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("办事环节减少191项,证明材料精简107个", "明材料", "证明材料"),
    ("2021年,被列入经营异常名录企业120户", "营异常名录企业", "经营异常名录企业"),
    ("完成市级安排的100万条基础数据上报任务", "础数据", "基础数据"),
    ("完成市级安排的100万条基础数据上报任务", "基础数", "基础数据"),
    ("2021年已完成三批“双随机、一公开”抽查工作及", "“双随机、一公开”抽查工", "“双随机、一公开”抽查工作"),
])
def test_a_metric_edge_inside_a_word_moves_to_the_word_edge(text, predicted, expected):
    assert _metric(text, predicted) == expected


@pytest.mark.parametrize(("text", "predicted"), [
    ("办事环节减少191项,证明材料精简107个", "证明材料"),  # already at a word start
    ("办结率81%", "办结率"),  # at the start of the text
    ("共办结388件", "办结"),
    ("重大行政决策合法性审查率达100%", "重大行政决策合法性审查率"),  # 达 links the measure to its number
    ("解决问题100余件", "问题"),  # the verb the spec drops is two characters
])
def test_a_metric_on_word_edges_is_unchanged(text, predicted):
    assert _metric(text, predicted) == predicted


def test_never_widened_into_another_span():
    text = "检查653次春、秋季校园联合检查"
    count = (text.index("653次"), text.index("653次") + 4, "COUNT")
    assert _metric(text, "春、秋季校园联合检查", count) == "春、秋季校园联合检查"


def test_other_labels_are_left_alone():
    text = "办事环节减少191项,证明材料精简107个"
    start = text.index("明材料")
    spans = [(start, start + 3, "ORG")]
    assert snap_metric_edges(text, spans) == spans


@pytest.mark.parametrize("name", ["train.jsonl", "dev.jsonl"])
def test_gold_metrics_sit_on_words_in_the_model_view(name):
    for record in read_jsonl(ANNOTATIONS / name):
        view = build_view(record.text)
        spans = sorted((*view.to_view(e.start_offset, e.end_offset), e.label) for e in record.entities)
        assert snap_metric_edges(view.text, spans) == spans, record.id
