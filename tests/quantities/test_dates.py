"""Table-driven tests for lawgov_ie.quantities.dates, mostly on DATE surfaces from the annotated reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawgov_ie.quantities import governing_date, normalize_date

TRAIN = Path(__file__).resolve().parents[2] / "annotations" / "train.jsonl"

DATE_CASES = [
    # spec examples
    ("2023年", "2023"),
    ("2023年度", "2023"),
    ("2024年2月28日", "2024-02-28"),
    ("2024-04-01", "2024-04-01"),
    ("10月份", "--10"),
    ("5月31日", "--05-31"),
    ("2022年10月底", "2022-10"),
    ("2017年初", "2017"),
    ("20227月", "2022-07"),
    ("二〇二三年", "2023"),
    # surfaces from annotations/train.jsonl and dev.jsonl
    ("2024-02-28", "2024-02-28"),
    ("2024228", "2024-02-28"),
    ("2021/03/29", "2021-03-29"),
    ("2023", "2023"),
    ("2022", "2022"),
    ("4.15", "--04-15"),
    ("12.4", "--12-04"),
    ("4·15", "--04-15"),
    ("2023年3月2日", "2023-03-02"),
    ("2019年3月1日", "2019-03-01"),
    ("2018年度", "2018"),
    ("2022年11月", "2022-11"),
    ("3月29日", "--03-29"),
    ("3月底", "--03"),
    ("3月份", "--03"),
    ("七一", "--07-01"),
    ("1—12月", "--01/--12"),
    ("2023年底", "2023"),
    ("2025年03月19日", "2025-03-19"),
    ("2021年03月22日", "2021-03-22"),
    ("2022年2月", "2022-02"),
    ("2016年2月", "2016-02"),
    ("2015年12月", "2015-12"),
    ("2022年1月20日", "2022-01-20"),
    ("2月", "--02"),
    ("8月31日", "--08-31"),
    ("2025-04-27", "2025-04-27"),
    # other written forms: Chinese numerals, traditional / pinyin residue, full width, ranges, periods
    ("二零二三年十月", "2023-10"),
    ("二〇二四年二月二十八日", "2024-02-28"),
    ("十月二十八日", "--10-28"),
    ("2024年(nián)2月", "2024-02"),
    ("2022年(nián)度(dù)", "2022"),
    ("２０２３年", "2023"),
    ("2023年第一季度", "2023-Q1"),
    ("2023年上半年", "2023-H1"),
    ("2023年3月上旬", "2023-03"),
    ("2023年1—6月", "2023-01/2023-06"),
    ("2021-2025年", "2021/2025"),
    ("20240228", "2024-02-28"),
    ("2024年2月29日", "2024-02-29"),
    ("2024.04.01", "2024-04-01"),
]


@pytest.mark.parametrize(("surface", "expected"), DATE_CASES)
def test_normalize_date(surface: str, expected: str) -> None:
    assert normalize_date(surface) == expected


@pytest.mark.parametrize(
    "surface",
    ["", "今年", "去年", "09时24分", "2022年2月30日", "13月", "第三批", "abc", "(", "12345市民热线", "2024年32日"],
)
def test_not_a_date(surface: str) -> None:
    assert normalize_date(surface) is None


def _dates(text: str, surfaces: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, surface) of each surface, in order of appearance."""
    spans, cursor = [], 0
    for surface in surfaces:
        start = text.index(surface, cursor)
        spans.append((start, start + len(surface), surface))
        cursor = start + len(surface)
    return spans


GOVERNING_CASES = [
    # same sentence: the nearest DATE before the quantity
    ("2023年,共召开会议40次。", ["2023年"], "40次", 0),
    ("2022年至2023年5月31日,办结388件。", ["2022年", "2023年5月31日"], "388件", 1),
    # an earlier sentence of the paragraph, when that DATE carries a year
    ("2023年,全区工作有序推进。共召开会议40次。", ["2023年"], "40次", 0),
    ("2023年,推进工作。5月31日召开会议。全年办结388件。", ["2023年", "5月31日"], "388件", 0),
    # a year-less DATE governs only inside its own sentence
    ("5月31日召开会议。办结388件。", ["5月31日"], "388件", None),
    ("5月31日召开会议,办结388件。", ["5月31日"], "388件", 0),
    # other paragraphs never govern; dates after the quantity never govern
    ("2023年工作报告\n共召开会议40次。", ["2023年"], "40次", None),
    ("共召开会议40次(2023年)。", ["2023年"], "40次", None),
    ("无日期,办结388件。", [], "388件", None),
    # the newest paragraph date wins over older ones
    ("2022年完成试点。2023年全面推开。共办结388件。", ["2022年", "2023年"], "388件", 1),
    ("2022年完成试点\n2023年全面推开,办结388件。", ["2022年", "2023年"], "388件", 1),
]


@pytest.mark.parametrize(("text", "date_surfaces", "quantity", "expected"), GOVERNING_CASES)
def test_governing_date(text: str, date_surfaces: list[str], quantity: str, expected: int | None) -> None:
    dates = _dates(text, date_surfaces)
    assert governing_date(text.index(quantity), dates, text) == expected


@pytest.mark.skipif(not TRAIN.exists(), reason="annotations/train.jsonl not present")
def test_every_train_date_normalises() -> None:
    missing = []
    with TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for entity in doc["entities"]:
                if entity["label"] == "DATE":
                    surface = doc["text"][entity["start_offset"]:entity["end_offset"]]
                    if normalize_date(surface) is None:
                        missing.append(surface)
    assert missing == []


@pytest.mark.skipif(not TRAIN.exists(), reason="annotations/train.jsonl not present")
def test_train_quantities_find_a_date_on_real_text() -> None:
    """On the real documents governing_date runs, returns a valid index, and never points after the quantity."""
    found = 0
    with TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            text = doc["text"]
            entities = sorted(doc["entities"], key=lambda e: e["start_offset"])
            dates = [(e["start_offset"], e["end_offset"], text[e["start_offset"]:e["end_offset"]])
                     for e in entities if e["label"] == "DATE"]
            for entity in entities:
                if entity["label"] in ("COUNT", "PERCENT", "MONEY"):
                    index = governing_date(entity["start_offset"], dates, text)
                    if index is not None:
                        found += 1
                        assert dates[index][1] <= entity["start_offset"]
    assert found > 0


class CountingList(list):
    """A list that counts item reads."""

    reads = 0

    def __getitem__(self, index):
        type(self).reads += 1
        return super().__getitem__(index)


def test_governing_date_reads_only_the_dates_near_the_quantity() -> None:
    # one date and one quantity per paragraph: a report of 10 MB has ~40 k of each; reading every date
    # per quantity made the quantity stage quadratic
    paragraph = "2023年,办结案件12件。\n"
    text = paragraph * 2000
    dates = CountingList((i * len(paragraph), i * len(paragraph) + 5, "2023年") for i in range(2000))
    CountingList.reads = 0
    for i in range(2000):
        assert governing_date(i * len(paragraph) + 11, dates, text) == i
    assert CountingList.reads < 2000 * 20
