"""Table-driven tests for lawgov_ie.quantities.values, mostly on surfaces taken from the annotated reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawgov_ie.quantities import QuantityValue, normalize_quantity

TRAIN = Path(__file__).resolve().parents[2] / "annotations" / "train.jsonl"
QUANTITY_LABELS = ("COUNT", "PERCENT", "MONEY")

# (surface, label, value, unit) for surfaces read without context
VALUE_CASES = [
    # spec examples
    ("38.27亿元", "MONEY", 3827000000.0, "CNY"),
    ("1639.38万元", "MONEY", 16393800.0, "CNY"),
    ("5000余万元", "MONEY", 50000000.0, "CNY"),
    ("26.22亿", "MONEY", 2622000000.0, "CNY"),
    ("七万余份", "COUNT", 70000.0, "份"),
    ("两个小时", "COUNT", 2.0, "小时"),
    ("百分之九十", "PERCENT", 0.9, "%"),
    ("99.79%", "PERCENT", 0.9979, "%"),
    ("3‰", "PERCENT", 0.003, "‰"),
    ("58121个", "COUNT", 58121.0, "个"),
    ("100余起", "COUNT", 100.0, "起"),
    ("8大类", "COUNT", 8.0, "类"),
    ("40次", "COUNT", 40.0, "次"),
    ("1000余卷", "COUNT", 1000.0, "卷"),
    ("5天", "COUNT", 5.0, "天"),
    ("1384286条", "COUNT", 1384286.0, "条"),
    ("81%", "PERCENT", 0.81, "%"),
    # COUNT surfaces from annotations/train.jsonl and dev.jsonl
    ("230项", "COUNT", 230.0, "项"),
    ("413场次", "COUNT", 413.0, "场次"),
    ("2.5万户", "COUNT", 25000.0, "户"),
    ("530余份", "COUNT", 530.0, "份"),
    ("5500家次", "COUNT", 5500.0, "家次"),
    ("80人次", "COUNT", 80.0, "人次"),
    ("十个", "COUNT", 10.0, "个"),
    ("三年", "COUNT", 3.0, "年"),
    ("八个方面", "COUNT", 8.0, "方面"),
    ("3000余份", "COUNT", 3000.0, "份"),
    ("18000余人次", "COUNT", 18000.0, "人次"),
    ("293万余次", "COUNT", 2930000.0, "次"),
    ("226万余人", "COUNT", 2260000.0, "人"),
    ("860余项", "COUNT", 860.0, "项"),
    ("7000多宗", "COUNT", 7000.0, "宗"),
    ("11万余份", "COUNT", 110000.0, "份"),
    ("23万人次", "COUNT", 230000.0, "人次"),
    ("12個(gè)", "COUNT", 12.0, "个"),
    ("800小時(shí)", "COUNT", 800.0, "小时"),
    ("30多場(chǎng)次", "COUNT", 30.0, "场次"),
    ("168項", "COUNT", 168.0, "项"),
    ("七方面", "COUNT", 7.0, "方面"),
    ("100余场次", "COUNT", 100.0, "场次"),
    ("335件次", "COUNT", 335.0, "件次"),
    ("七期", "COUNT", 7.0, "期"),
    ("一年", "COUNT", 1.0, "年"),
    ("42批次", "COUNT", 42.0, "批次"),
    ("1500余家次", "COUNT", 1500.0, "家次"),
    ("9.5万余场", "COUNT", 95000.0, "场"),
    ("392万余人次", "COUNT", 3920000.0, "人次"),
    ("五大方面", "COUNT", 5.0, "方面"),
    ("两年", "COUNT", 2.0, "年"),
    ("两轮", "COUNT", 2.0, "轮"),
    ("4个方面", "COUNT", 4.0, "方面"),
    ("30微克/立方米", "COUNT", 30.0, "微克/立方米"),
    ("78.9万个", "COUNT", 789000.0, "个"),
    ("一次", "COUNT", 1.0, "次"),
    ("40课时", "COUNT", 40.0, "课时"),
    ("959余份", "COUNT", 959.0, "份"),
    ("六部委", "COUNT", 6.0, "部委"),
    ("两批", "COUNT", 2.0, "批"),
    ("10 个", "COUNT", 10.0, "个"),
    ("四条", "COUNT", 4.0, "条"),
    ("20.86天", "COUNT", 20.86, "天"),
    ("240多天", "COUNT", 240.0, "天"),
    ("30个工作日", "COUNT", 30.0, "工作日"),
    ("7个月", "COUNT", 7.0, "月"),
    ("2986773", "COUNT", 2986773.0, None),
    ("8600余", "COUNT", 8600.0, None),
    ("十余项", "COUNT", 10.0, "项"),
    ("37万余名", "COUNT", 370000.0, "名"),
    ("六项", "COUNT", 6.0, "项"),
    # PERCENT surfaces
    ("95.6%", "PERCENT", 0.956, "%"),
    ("100%", "PERCENT", 1.0, "%"),
    ("83.33%", "PERCENT", 0.8333, "%"),
    ("4.4个百分点", "PERCENT", 0.044, "个百分点"),
    ("62.5%", "PERCENT", 0.625, "%"),
    ("十分之一", "PERCENT", 0.1, "%"),
    # MONEY surfaces
    ("2.72亿元", "MONEY", 272000000.0, "CNY"),
    ("2004.5万元", "MONEY", 20045000.0, "CNY"),
    ("50萬(wàn)元", "MONEY", 500000.0, "CNY"),
    ("100萬(wàn)元", "MONEY", 1000000.0, "CNY"),
    ("122.4552万元", "MONEY", 1224552.0, "CNY"),
    ("百万元", "MONEY", 1000000.0, "CNY"),
    ("130亿元", "MONEY", 13000000000.0, "CNY"),
    # forms the reports use elsewhere: Chinese numerals, mixed, separators, full width, traditional
    ("三千二百件", "COUNT", 3200.0, "件"),
    ("一百二十万元", "MONEY", 1200000.0, "CNY"),
    ("1.2万件", "COUNT", 12000.0, "件"),
    ("3.5亿元", "MONEY", 350000000.0, "CNY"),
    ("1,234件", "COUNT", 1234.0, "件"),
    ("1，234，567人", "COUNT", 1234567.0, "人"),
    ("１２３件", "COUNT", 123.0, "件"),
    ("８５％", "PERCENT", 0.85, "%"),
    ("3萬餘份", "COUNT", 30000.0, "份"),
    ("1.5億元", "MONEY", 150000000.0, "CNY"),
    ("兩個小時", "COUNT", 2.0, "小时"),
    ("百分之九十五點五", "PERCENT", 0.955, "%"),
    ("百分之百", "PERCENT", 1.0, "%"),
    ("千分之三", "PERCENT", 0.003, "‰"),
    ("九成", "PERCENT", 0.9, "%"),
    ("3亿5000万元", "MONEY", 350000000.0, "CNY"),
    ("1.2万亿元", "MONEY", 1200000000000.0, "CNY"),
    ("二十余次", "COUNT", 20.0, "次"),
    ("十几个", "COUNT", 10.0, "个"),
    ("5000美元", "MONEY", 5000.0, "USD"),
    ("人民币300万元", "MONEY", 3000000.0, "CNY"),
    ("贰佰万元", "MONEY", 2000000.0, "CNY"),
    ("18支队伍", "COUNT", 18.0, "支队伍"),
    ("5千克", "COUNT", 5.0, "千克"),
]


@pytest.mark.parametrize(("surface", "label", "value", "unit"), VALUE_CASES)
def test_value_and_unit(surface: str, label: str, value: float, unit: str | None) -> None:
    result = normalize_quantity(surface, label)
    assert result.value == pytest.approx(value, rel=1e-12)
    assert result.unit == unit


# (surface, label, before, after, lower, upper, approximate, qualifiers): bounds and approximators
QUALIFIER_CASES = [
    ("530余份", "COUNT", "督意见书", ";检查食", 530.0, None, True, ("余",)),
    ("100多家", "COUNT", "", "", 100.0, None, True, ("多",)),
    ("5000余万元", "MONEY", "者工资等", "。", 50000000.0, None, True, ("余",)),
    ("130亿元", "MONEY", "及金额超", ";承办以", 13000000000.0, None, False, ("超",)),
    ("20万元", "MONEY", "理费用逾", "。街道在", 200000.0, None, False, ("逾",)),
    ("98%", "PERCENT", "持证比例", "以上,新", 0.98, None, False, ("以上",)),
    ("50萬(wàn)元", "MONEY", "涉案金額", "以上糾紛", 500000.0, None, False, ("以上",)),
    ("百万元", "MONEY", "24份,", "以上合同", 1000000.0, None, False, ("以上",)),
    ("三年", "COUNT", "法单位近", "来所有行", None, 3.0, True, ("近",)),
    ("10分钟", "COUNT", "交不超过", "。201", None, 10.0, False, ("不超过",)),
    ("78.9万个", "COUNT", "共备案约", "登记表,", None, None, True, ("约",)),
    ("80%", "PERCENT", "", "以上", 0.8, None, False, ("以上",)),
    ("3天", "COUNT", "", "以内办结", None, 3.0, False, ("以内",)),
    ("100人", "COUNT", "", "左右", None, None, True, ("左右",)),
    ("2万人", "COUNT", "超过", "", 20000.0, None, False, ("超过",)),
    ("5000件", "COUNT", "将近", "", None, 5000.0, True, ("将近",)),
    ("1000元", "MONEY", "不足", "", None, 1000.0, False, ("不足",)),
    ("200家", "COUNT", "大约", "上下", None, None, True, ("大约", "上下")),
    ("40次", "COUNT", "工委会议", ",主任会", None, None, False, ()),
    ("484件", "COUNT", "下收件共", ",办结3", None, None, False, ()),
    ("38.27亿元", "MONEY", "资金达到", "。\n\n四", None, None, False, ()),
    ("3家", "COUNT", "最近", "", None, None, False, ()),  # 最近 is "recently", not "nearly"
    ("3家", "COUNT", "签约", "", None, None, False, ()),  # 签约 is "signed", not "about"
    ("98.5%", "PERCENT", "(dá)", "。其中調", None, None, False, ()),
    ("2万人", "COUNT", "超过 了", "", None, None, False, ()),  # not adjacent: 了 sits between
    ("约3万人", "COUNT", "", "", None, None, True, ("约",)),  # a leading word left inside the span
    ("80%以上", "PERCENT", "", "", 0.8, None, False, ("以上",)),  # a trailing word left inside the span
    ("近3万人", "COUNT", "", "", None, 30000.0, True, ("近",)),
    # traditional context with pinyin residue, whole or cut by the window edge
    ("100萬(wàn)元", "MONEY", "超過(guò)", "", 1000000.0, None, False, ("超过",)),
    ("100萬(wàn)元", "MONEY", "uò)將近", "以內(nèi)", None, 1000000.0, True, ("将近", "以内")),
    ("12個(gè)", "COUNT", "約(yuē)", "左右(y", None, None, True, ("约", "左右")),
]


@pytest.mark.parametrize(
    ("surface", "label", "before", "after", "lower", "upper", "approximate", "qualifiers"), QUALIFIER_CASES
)
def test_bounds_and_qualifiers(
    surface: str,
    label: str,
    before: str,
    after: str,
    lower: float | None,
    upper: float | None,
    approximate: bool,
    qualifiers: tuple[str, ...],
) -> None:
    result = normalize_quantity(surface, label, before, after)
    assert result.lower == lower
    assert result.upper == upper
    assert result.approximate is approximate
    assert result.qualifiers == qualifiers


@pytest.mark.parametrize(
    ("surface", "label", "unit"),
    [("数十家", "COUNT", "家"), ("若干元", "MONEY", "CNY"), ("", "COUNT", None), ("%", "PERCENT", "%"),
     ("abc", "COUNT", "abc"), ("百分之", "PERCENT", "%")],
)
def test_unreadable_gives_none_value_but_keeps_unit(surface: str, label: str, unit: str | None) -> None:
    result = normalize_quantity(surface, label)
    assert result.value is None
    assert result.unit == unit


@pytest.mark.parametrize("junk", ["", "(", "（gè）", "..", "1..2件", "万万万", "\u3000", "第三批", "〔2021〕7号"])
def test_never_raises(junk: str) -> None:
    for label in (*QUANTITY_LABELS, "DATE", "bogus"):
        assert isinstance(normalize_quantity(junk, label, junk, junk), QuantityValue)


def test_to_dict_is_json_friendly() -> None:
    result = normalize_quantity("530余份", "COUNT")
    as_dict = result.to_dict()
    assert as_dict == {"value": 530.0, "unit": "份", "lower": 530.0, "upper": None, "approximate": True,
                       "qualifiers": ["余"]}
    assert json.loads(json.dumps(as_dict, ensure_ascii=False)) == as_dict


def _train_quantities() -> list[tuple[str, str, str, str]]:
    """Every (surface, label, before, after) quantity in annotations/train.jsonl."""
    rows = []
    with TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            text = doc["text"]
            for entity in doc["entities"]:
                if entity["label"] in QUANTITY_LABELS:
                    start, end = entity["start_offset"], entity["end_offset"]
                    rows.append((text[start:end], entity["label"], text[max(0, start - 4):start], text[end:end + 4]))
    return rows


# Quantity surfaces in train.jsonl that legitimately have no value. None at present: the text-cut
# surfaces (「525」, 「52」, 「1」, 「8600余」, 「2986773」 at the end of a truncated text) keep their number and
# only lose their unit.
UNNORMALISABLE_TRAIN_SURFACES: set[str] = set()


@pytest.mark.skipif(not TRAIN.exists(), reason="annotations/train.jsonl not present")
def test_every_train_quantity_has_a_value() -> None:
    rows = _train_quantities()
    assert len(rows) > 300
    missing = [(surface, label) for surface, label, before, after in rows
               if normalize_quantity(surface, label, before, after).value is None
               and surface not in UNNORMALISABLE_TRAIN_SURFACES]
    assert missing == []


@pytest.mark.skipif(not TRAIN.exists(), reason="annotations/train.jsonl not present")
def test_train_units_follow_the_label() -> None:
    for surface, label, before, after in _train_quantities():
        result = normalize_quantity(surface, label, before, after)
        if label == "MONEY":
            assert result.unit == "CNY", surface
        elif label == "PERCENT":
            assert result.unit in {"%", "‰", "个百分点"}, surface
            assert 0 <= result.value <= 10, surface
