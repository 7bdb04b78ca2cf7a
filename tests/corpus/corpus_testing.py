"""A small corpus of Chinese report snippets with one repeat, one empty and one binary file."""

from __future__ import annotations

from pathlib import Path


TEXTS = {
    "jinghai_2023": "2023年,区委召开会议40次,办结率99.79%,涉及金额38.27亿元。",
    "sifa_2022": "市司法局办理行政复议案件120件,纠错率15%。",
    "guifan_2022": "2022年,区政府制定规范性文件8件,备案审查率100%。",
    "zhifa_2021": "全年共开展执法检查300余次,罚款金额共计2.5万元。",
    "yingsu_2020": "行政机关负责人出庭应诉率达到100%,较上年提高3个百分点。",
    "fuyi_2019": "全年收到行政复议申请56件,依法受理49件,办结率98%。",
}
GOOD = len(TEXTS) + 1  # the texts and one GB18030 file


def write_corpus(folder: Path) -> Path:
    """Write the corpus into ``folder`` (sub-folder ``sub/`` included) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "sub").mkdir(exist_ok=True)
    gbk = "区政府法律顾问审查合同35件,涉及金额1.2亿元。".encode("gb18030")
    (folder / "sub" / "gbk_2023.txt").write_bytes(gbk)
    (folder / "sub" / "copy_of_jinghai.txt").write_text(TEXTS["jinghai_2023"], encoding="utf-8")  # a repeat
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.bin").write_bytes(bytes(range(256)) * 8)
    return folder


def tables(out: Path) -> dict:
    from lawgov_ie.corpus import read_table

    return {name: read_table(out, name) for name in ("entities", "relations", "quantities")}


def assert_same_tables(a: Path, b: Path) -> None:
    import pandas.testing as pdt

    left, right = tables(a), tables(b)
    for name in left:
        pdt.assert_frame_equal(left[name], right[name], check_like=False)
