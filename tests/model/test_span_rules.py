"""Spec rules on predicted spans: LAW stops at 》, ordinals are not quantities, METRIC edge words go; gold spans pass."""

from __future__ import annotations

import pytest

from lawgov_ie.data import read_jsonl
from lawgov_ie.model.span_rules import apply_span_rules
from lawgov_testing import ANNOTATIONS


def _metric_after_rules(text: str, predicted: str) -> str:
    """The surface of the one METRIC the rules make of ``predicted``."""
    start = text.index(predicted)
    [(s, e, _)] = apply_span_rules(text, [(start, start + len(predicted), "METRIC")])
    return text[s:e]


def _kept_by_rules(text: str, predicted: str, label: str) -> bool:
    """Whether the rules keep ``predicted`` as a ``label`` span unchanged (else they drop it)."""
    start = text.index(predicted)
    span = (start, start + len(predicted), label)
    kept = apply_span_rules(text, [span])
    assert kept in ([span], [])
    return kept == [span]


def test_law_is_cut_at_the_closing_title_mark():
    text = "按照《江西省规范性文件管理办法》规定"
    assert apply_span_rules(text, [(3, 18, "LAW")]) == [(3, 15, "LAW")]
    assert text[3:15] == "江西省规范性文件管理办法"


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("转发《关于做好减支32条政策措施贯彻落实工作的通知》", "关于做好减支", "关于做好减支32条政策措施贯彻落实工作的通知"),
    ("转发《关于做好减支32条政策措施贯彻落实工作的通知》", "政策措施贯彻落实工作的通知", "关于做好减支32条政策措施贯彻落实工作的通知"),
    ("贯彻《法治政府建设实施纲要》要求", "建设实施纲要", "法治政府建设实施纲要"),
    ("依据《江西省规范性文件管理办法实施细则》", "文件管理办法", "文件管理办法"),  # touches neither mark: as predicted
])
def test_a_law_touching_a_title_mark_takes_the_whole_title(text, predicted, expected):
    start = text.index(predicted)
    [(s, e, label)] = apply_span_rules(text, [(start, start + len(predicted), "LAW")])
    assert (text[s:e], label) == (expected, "LAW")


def test_a_whole_title_swallows_the_spans_inside_it():
    text = "转发《关于做好减支32条政策措施贯彻落实工作的通知》"
    law, count = (3, 9, "LAW"), (9, 12, "COUNT")
    assert apply_span_rules(text, [law, count]) == [(3, len(text) - 1, "LAW")]


@pytest.mark.parametrize(("text", "span"), [("召开第57次会议", (3, 6, "COUNT")), ("第八个五年规划", (1, 3, "COUNT"))])
def test_ordinals_are_dropped(text, span):
    assert apply_span_rules(text, [span, (0, 2, "METRIC")]) == [(0, 2, "METRIC")]


def test_other_spans_are_kept():
    text = "共办结57次,占比第一"
    spans = [(1, 3, "METRIC"), (3, 6, "COUNT")]
    assert apply_span_rules(text, spans) == spans


@pytest.mark.parametrize("name", ["train.jsonl", "dev.jsonl"])
def test_gold_annotations_obey_the_rules(name):
    for record in read_jsonl(ANNOTATIONS / name):
        spans = [(e.start_offset, e.end_offset, e.label) for e in record.entities]
        assert apply_span_rules(record.text, spans) == spans, record.id


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("共有“只跑一次”“一次不跑”事项249项", "只跑一次”“一次不跑”事项", "“只跑一次”“一次不跑”事项"),
    ("培训“三新”群体骨干分子30人", "“三新", "“三新”"),
    ("培训“三新”群体骨干分子30人", "三新”群体骨干分子", "“三新”群体骨干分子"),
    ("《条例》规定", "条例", "条例"),
])
def test_marks_left_open_inside_a_span_are_closed(text, predicted, expected):
    assert _metric_after_rules(text, predicted) == expected


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("全区收到各类“吹哨”问题58121个", "各类“吹哨”问题", "“吹哨”问题"),
    ("2021年行政许可处理决定数量8647件", "行政许可处理决定数量", "行政许可处理决定"),
    ("立案受理9件、已办结6件", "已办结", "办结"),
    ("各项2项", "各项", "各项"),  # nothing would be left
])
def test_metric_edge_words_are_dropped(text, predicted, expected):
    assert _metric_after_rules(text, predicted) == expected


@pytest.mark.parametrize(("text", "predicted", "kept"), [
    ("纳入2021年度全区干部教育重点培训计划", "教育重点培", False),  # a fragment, no document type
    ("深入学习宪法和民法典", "民法典", True),
    ("编写出版《习近平法治思想学习问答》,", "习近平法治思想学习问答", False),
    ("印发《法治政府建设实施纲要(2021-2025年)》", "法治政府建设实施纲要(2021-2025年)", True),
    ("貫徹落實法治政府建設實施綱要(2021-2025年)", "法治政府建設實施綱要(2021-2025年)", True),
    ("根据《条例》规定", "条例", True),
    ("加强政法队伍建设", "政法", False),  # an everyday word ending in 法
    ("严格规范公正文明执法", "执法", False),
    ("制定实施办法", "办法", False),  # the document type alone names no document
    ("修订市工商联(总商会)章程", "章程", False),
])
def test_a_law_names_a_document(text, predicted, kept):
    assert _kept_by_rules(text, predicted, "LAW") == kept


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("全区收到12345市民热线转办件3234件", "12345市", None),
    ("开设“24小时自助服务专区", "24", None),
    ("实现“7×24小时”服务", "24小时", None),
    ("审批时限压缩至24小时,", "24小时", "24小时"),  # a time limit is a quantity
    ("受理12345件", "12345件", "12345件"),
    ("由原来的1个工作日压缩至两个小时", "1个", "1个工作日"),
    ("提前7个月完成", "7个", "7个月"),
    ("办结6个,", "6个", "6个"),
])
def test_quantities_that_name_no_amount_and_time_units(text, predicted, expected):
    start = text.index(predicted)
    spans = apply_span_rules(text, [(start, start + len(predicted), "COUNT")])
    assert [text[s:e] for s, e, _ in spans] == ([expected] if expected else [])


def test_a_widened_count_keeps_its_unit_over_a_following_span():
    text = "由原来的1个工作日压缩至两个小时"
    spans = [(4, 6, "COUNT"), (6, 9, "METRIC")]
    assert apply_span_rules(text, spans) == [(4, 9, "COUNT")]


@pytest.mark.parametrize(("text", "predicted", "kept"), [
    ("录入赣州市公共信用信息平台", "赣州市公共", False),
    ("行政执法与刑事司法衔接", "刑事", False),
    ("来源: sp20241118", "sp", False),
    ("https://sfj.gz.gov.cn/xxgk", "gov", False),
    ("接受CCTV采访", "CCTV", True),
    ("區司法局", "區司法局", True),
    ("應(yīng)急管理部堅持", "應(yīng)急管理部", True),
    ("市委、市政府", "市委", True),
    ("市工商联(总商会)召开会议", "市工商联(总商会)", True),  # a bracketed alias after the head
])
def test_an_org_names_an_institution(text, predicted, kept):
    assert _kept_by_rules(text, predicted, "ORG") == kept


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("对7個方面168項重點工作進行責任分解", "重點工作進行責任分", "重點工作"),
    ("证明材料精简107个", "证明材料精简", "证明材料"),
    ("召开党委会议3次", "召开党委会议", "党委会议"),
    ("组织开展集中考法、任前考法3场", "组织开展集中考法、任前考法", "集中考法、任前考法"),
    ("完成12件", "完成", "完成"),  # only the verb says what was counted
    ("行政审批时限压减率达60%", "行政审批时限压减率", "行政审批时限压减率"),  # the rate of the cut is measured
    ("全市共有人民调解组织356个", "人民调解组织", "人民调解组织"),  # 组织 as a noun
    ("信访总量同比减少12.5%", "同比减少", "同比减少"),
])
def test_metrics_hold_no_action_verb(text, predicted, expected):
    assert _metric_after_rules(text, predicted) == expected


@pytest.mark.parametrize(("text", "metric", "figure", "label", "expected"), [
    ("平均办理时限压减65%", "平均办理时限压减", "65%", "PERCENT", "平均办理时限压减"),  # the cut is measured
    ("办事环节减少191项", "办事环节减少", "191项", "COUNT", "办事环节"),  # the counted things are the measure
])
def test_an_action_verb_ending_a_metric_stays_before_a_percentage(text, metric, figure, label, expected):
    start, figure_start = text.index(metric), text.index(figure)
    spans = [(start, start + len(metric), "METRIC"), (figure_start, figure_start + len(figure), label)]
    [(s, e, _), _] = apply_span_rules(text, spans)
    assert text[s:e] == expected


@pytest.mark.parametrize(("text", "predicted", "expected"), [
    ("我市2个项目入选示范项目。", "项目入选示范项目", "示范项目"),
    ("精简107个,“只跑一次”“一次不跑”事项达249项", "“一次不跑”事项", "“只跑一次”“一次不跑”事项"),
    ("推行“一照通办”“一件事一次办”事项12项", "“一件事一次办”事项", "“一照通办”“一件事一次办”事项"),
])
def test_award_verbs_and_quoted_coordinations(text, predicted, expected):
    assert _metric_after_rules(text, predicted) == expected


def test_a_quoted_name_predicted_apart_joins_its_coordination():
    text = "“只跑一次”“一次不跑”事项达249项"
    spans = [(0, 6, "METRIC"), (6, 14, "METRIC"), (15, 19, "COUNT")]
    assert apply_span_rules(text, spans) == [(0, 14, "METRIC"), (15, 19, "COUNT")]


def test_no_entity_cuts_through_a_latin_or_digit_token():
    text = "来源: sp20241118 中新网"
    start = text.index("20241")
    assert apply_span_rules(text, [(start, start + 5, "DATE")]) == []


@pytest.mark.parametrize(("text", "predicted", "label"), [
    ("连续5年开展", "5年", "COUNT"), ("近三年来", "三年", "COUNT"), ("2023年,全区", "2023年", "DATE"),
])
def test_a_span_of_years_is_a_count(text, predicted, label):
    start = text.index(predicted)
    assert apply_span_rules(text, [(start, start + len(predicted), "DATE")]) == [(start, start + len(predicted), label)]


def _metric_before_count(text: str, predicted: str, count: str) -> str:
    """The surface the rules make of METRIC ``predicted`` followed by the COUNT ``count``."""
    start, count_start = text.index(predicted), text.index(count)
    spans = [(start, start + len(predicted), "METRIC"), (count_start, count_start + len(count), "COUNT")]
    [(s, e, _), _] = apply_span_rules(text, spans)
    return text[s:e]


@pytest.mark.parametrize(("text", "predicted", "count", "expected"), [
    ("检查食品经营单位5500家次", "检查食品经营单位", "5500家次", "食品经营单位"),  # spec §2
    ("备案登记规章和规范性文件4件", "备案登记规章和规范性文件", "4件", "规章和规范性文件"),  # both verbs go
    ("累计公开政府信息13597条", "公开政府信息", "13597条", "政府信息"),
    ("受理企業訴求共計320件", "受理企業訴求", "320件", "企業訴求"),  # traditional, count after 共计
    ("审查案件十余次", "审查案件", "十余次", "审查案件"),  # a bare 次 counts acts: the verb stays
    ("12345受理354件", "受理", "354件", "受理"),  # only the verb says what was counted
    ("公开政府信息,其中主动公开4726条", "公开政府信息", "4726条", "公开政府信息"),  # no count right after
    ("出具审查意见书120份", "审查意见书", "120份", "审查意见书"),  # a document named after its handling
])
def test_handling_verbs_go_before_a_count_of_objects(text, predicted, count, expected):
    assert _metric_before_count(text, predicted, count) == expected
