"""The QUANTIFIES linker on the spec's examples (table-driven) and under perturbed entities."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from lawgov_ie.data import read_jsonl
from lawgov_ie.relations import link_quantities

_LABELS = {"C": "COUNT", "P": "PERCENT", "$": "MONEY", "M": "METRIC", "O": "ORG", "D": "DATE"}
_MARK = re.compile(r"\[([^\[\]|]+)\|([CP$MOD])\]")
_DEV = Path(__file__).resolve().parents[2] / "annotations" / "dev.jsonl"
_TRAIN = Path(__file__).resolve().parents[2] / "annotations" / "train.jsonl"


def parse(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and sorted entities from ``[surface|L]`` markup."""
    text, entities, pos = "", [], 0
    for match in _MARK.finditer(marked):
        text += marked[pos : match.start()]
        start = len(text)
        text += match.group(1)
        entities.append((start, len(text), _LABELS[match.group(2)]))
        pos = match.end()
    return text + marked[pos:], entities


def links(marked: str) -> dict[str, str | None]:
    """Surface of each quantity → surface of its METRIC (None when unlinked)."""
    text, entities = parse(marked)
    pairs = dict(link_quantities(text, entities))
    surface = lambda i: text[entities[i][0] : entities[i][1]]  # noqa: E731
    return {
        surface(i): (surface(pairs[i]) if i in pairs else None)
        for i, e in enumerate(entities)
        if e[2] in {"COUNT", "PERCENT", "MONEY"}
    }


CASES = [
    ("spec header", "[2023年|D],共召开了[党工委会议|M][40次|C],[主任会议|M][32次|C]。",
     {"40次": "党工委会议", "32次": "主任会议"}),
    ("shared measure, change", "[可办事项|M]由去年的[69项|C]增加至现在的[616项|C]",
     {"69项": "可办事项", "616项": "可办事项"}),
    ("其中 breakdown", "[2021年|D]受理指派各类[法律援助案件|M][153件|C],其中[民事案件|M][94件|C],[刑事案件|M][59件|C]",
     {"153件": "法律援助案件", "94件": "民事案件", "59件": "刑事案件"}),
    ("verb as measure", "“一件事一次办”线上线下[收件|M]共[484件|C],[办结|M][388件|C],[办结率|M][81%|P]",
     {"484件": "收件", "388件": "办结", "81%": "办结率"}),
    ("rate and money", "[调解成功|M][285件|C],[调解成功率|M]达[95.6%|P],[涉及金额|M][1639.38万元|$]",
     {"285件": "调解成功", "95.6%": "调解成功率", "1639.38万元": "涉及金额"}),
    ("coordinated rates", "[办结率、满意率|M]均为[100%|P]。", {"100%": "办结率、满意率"}),
    ("coordinated meetings", "召开[党工委会议、法治工作专题会、社区书记例会|M][12次|C]",
     {"12次": "党工委会议、法治工作专题会、社区书记例会"}),
    ("growth rate", "[同比增长|M][149.6%|P]", {"149.6%": "同比增长"}),
    ("measure before, verb dropped", "检查[食品经营单位|M][5500家次|C],[立案查处|M][5家|C],[警告|M][18家|C];",
     {"5500家次": "食品经营单位", "5家": "立案查处", "18家": "警告"}),
    ("measure right after", "全国共有[625所|C][法学院校|M]。", {"625所": "法学院校"}),
    ("measure after, in a clause", "对[60件|C][区政府重大行政决策事项|M]进行合法性审核",
     {"60件": "区政府重大行政决策事项"}),
    ("glued figures", "[办结率|M]分别为[100%|P][85%|P]。", {"100%": "办结率", "85%": "办结率"}),
    ("category and items share the measure", "细分为[七方面|C][21个|C][要点|M]",
     {"七方面": "要点", "21个": "要点"}),
    ("sessions and people share the measure", "组织[法治专题培训班|M][三期|C]共[150人次|C]。",
     {"三期": "法治专题培训班", "150人次": "法治专题培训班"}),
    ("parallel list looks ahead", "[254项|C]事项实现[电子证照申办|M]、[860余项|C]高频事项实现[跨域通办|M]。",
     {"254项": "电子证照申办", "860余项": "跨域通办"}),
    ("listed figure with its own measure", "[审结|M][10件|C]、[3件|C][移送公安机关|M]。",
     {"10件": "审结", "3件": "移送公安机关"}),
    ("span of time has no measure", "法治政府建设连续[四年|C]获评优秀。", {"四年": None}),
    ("span of time stands in no figure's way", "[出庭应诉率|M]连续[三年|C]保持[100%|P]。",
     {"三年": None, "100%": "出庭应诉率"}),
    ("a count of years that is no span of time", "[培训班|M]共[3年|C]", {"3年": "培训班"}),
    ("listed figures pair with listed awards", "全市[3个|C]区和[4个|C]项目被命名为[示范地区|M]和[示范项目|M]。",
     {"3个": "示范地区", "4个": "示范项目"}),
    ("listed rates pair with listed figures after 分别", "[办结率|M]、[满意率|M]分别为[99.6%|P]和[92.3%|P]。",
     {"99.6%": "办结率", "92.3%": "满意率"}),
    ("one rate, two figures after 分别", "[电子申请率|M]分别达到[99.6%|P]和[99.9%|P]。",
     {"99.6%": "电子申请率", "99.9%": "电子申请率"}),
    ("no respective pairing without 分别", "[办结|M][6件|C]、[2件|C][撤回申请|M]、[不予受理|M][14件|C]",
     {"6件": "办结", "2件": "撤回申请", "14件": "不予受理"}),
    ("rounds and a running total of people", "[专题培训|M][两轮|C]、累计[560人次|C]",
     {"两轮": "专题培训", "560人次": "专题培训"}),
    ("merged into fewer", "[执法队伍|M]由[46支|C]整合为[21支|C]", {"46支": "执法队伍", "21支": "执法队伍"}),
    ("change across a dated value", "[可办事项|M]由[2022年底|D]的[29项|C]增加至[2023年底|D]的[35项|C]",
     {"29项": "可办事项", "35项": "可办事项"}),
    ("no crossing sentences", "加强[行政复议案件|M]办理。全年[20次|C]召开会议", {"20次": None}),
    ("no crossing another figure", "[执法证件|M][4个|C],累计培训[80人次|C]", {"4个": "执法证件", "80人次": None}),
    ("separator left on a METRIC edge", "[民事诉讼|M][50起|C][,行政诉讼|M][14起|C]",
     {"50起": "民事诉讼", "14起": ",行政诉讼"}),
]


@pytest.mark.parametrize(("name", "marked", "expected"), CASES, ids=[c[0] for c in CASES])
def test_spec_examples(name: str, marked: str, expected: dict[str, str | None]) -> None:
    assert links(marked) == expected


def test_at_most_one_metric_per_quantity_and_only_quantities() -> None:
    text, entities = parse("[区司法局|O]召开[会议|M][3次|C][会议|M]")
    pairs = link_quantities(text, entities)
    assert len({q for q, _ in pairs}) == len(pairs)
    assert all(entities[q][2] == "COUNT" and entities[m][2] == "METRIC" for q, m in pairs)


def test_empty_inputs() -> None:
    assert link_quantities("", []) == []
    assert link_quantities("召开会议3次", [(4, 6, "COUNT")]) == []


def _linked_score(docs, rate: float, seed: int) -> float:
    """Strict F1 of the linker on gold entities with ``rate`` of METRICs dropped."""
    from lawgov_ie.evaluation.relations import score_relations
    from lawgov_ie.relations import link_document
    from training.evaluate_relations import Perturbation, perturb

    rng = random.Random(seed)
    inputs = [perturb(doc, Perturbation(drop_metrics=rate, jitter=0.2), rng) for doc in docs]
    return score_relations(docs, [link_document(doc) for doc in inputs])["relaxed"]["f1"]


@pytest.mark.skipif(not _TRAIN.exists(), reason="annotations not available")
@pytest.mark.parametrize("path", [_TRAIN, _DEV], ids=["train", "dev"])
def test_robust_to_dropped_and_shifted_metrics(path: Path) -> None:
    """Dropping 10% of METRICs (their relations become unreachable) costs little beyond that 10%."""
    docs = read_jsonl(path)
    assert _linked_score(docs, 0.0, 0) >= 0.9
    scores = [_linked_score(docs, 0.1, seed) for seed in range(3)]
    assert min(scores) >= 0.8
