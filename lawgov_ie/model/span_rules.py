"""Spec rules applied to predicted spans: what the annotation spec excludes however the model tags it.

- A LAW is the title between 《 and 》 (ANNOTATION_SPEC.md §2): a predicted LAW running past 》 stops there, and
  one that starts right after 《 or ends right before 》 takes the whole title, with no entity left inside it
  (「关于做好…减支32条政策措施贯彻落实工作的通知」 is one LAW, not two around a COUNT).
- A LAW is a normative or policy document (§1): a title outside 《》 must end in a document type (法, 条例, 办法,
  方案 …; every unbracketed gold LAW does), so fragments such as 「教育重点培」 go; a 《》 title of a compilation,
  study book or lecture (汇编, 问答, 读本, 讲座 …; no gold LAW is one) is not a LAW. Outside 《》 the document type
  alone (「办法」, 「方案」) and everyday words ending in 法 (政法, 执法, 普法, 依法 …) name no document.
- An ORG names an institution (§1), so it ends in an institution's head character (委, 局, 院, 会, 中心 …; every
  one of the 606 gold ORGs does), before a bracketed alias (「市工商联(总商会)」), or is a Latin name standing alone: fragments (「赣州市公共」, 「刑事」) and pieces
  of web addresses (「http」, 「gov」) go.
- No entity cuts through a Latin or digit token (「20241」 in 「sp20241118」); no gold entity does.
- A DATE is a calendar expression (§1): a span of years (「5年」, 「三年」) is a COUNT (GUIDELINES §2, 「连续5年」).
- Ordinals are not quantities (§2, 「第三批」, 「第57次」): a COUNT/PERCENT/MONEY right after 第 is dropped.
- Service numbers and round-the-clock hours are not quantities (GUIDELINES §2: 12345市民热线, 7×24小时服务,
  24小时线上解答): a quantity at 123xx followed by a hotline word, or at 24小时 followed by a word other than
  内/以内, is dropped. A count whose classifier 个 stands before a time unit takes the unit (「30个工作日」).
- A METRIC drops quantifier words and aspect or total markers at its edges (§2, 「全区收到各类“吹哨”问题」 →
  「“吹哨”问题」; GUIDELINES §3, 「行政许可处理决定数量8647件」 → 「行政许可处理决定」): no gold METRIC starts or ends
  with one.
- A METRIC holds no verb of carrying out or cutting (进行, 开展, 召开, 实现, 精简 …; spec §2: the action verb goes
  when a noun names the counted thing; no gold METRIC holds one) except as its last word or before 率, where the
  change is the measure (「同比减少」, 「压减率」) or 组织 is a noun (「人民调解组织」): the noun before the verb is kept, else the one
  after it (「重点工作进行责任分解」 → 「重点工作」, 「召开党委会议」 → 「党委会议」); after a verb of winning (入选,
  获评 …) the award is kept (GUIDELINES §3: counted winners point to the award).
- A METRIC right before a count of objects drops the verbs that take the counted thing at its head (公开, 受理,
  审查, 备案, 检查 …; spec §2: 「检查食品经营单位5500家次」 → 「食品经营单位」; GUIDELINES §3: 「备案登记规章和规范性
  文件4件」 → 「规章和规范性文件」). A bare 次/场/期 counts acts, and the verb stays (「参与政府决策事项300余次」), as it
  does before an opinion or report it produced (「审查意见书」).
- Adjacent quoted names are one coordination (GUIDELINES §3, 「“一照通办”“一件事一次办”事项」): a METRIC that
  opens with “ right after ” takes the quoted name before it in.
- Marks inside a span stay in, as a pair (§2b, 「“三新”群体骨干分子」): a span holding a lone closing mark whose
  opening mark stands right before it takes that mark in (「“只跑一次”“一次不跑”事项」), and the same at its end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from lawgov_ie.data.spans import CLOSING_MARKS, PAIRED_MARKS
from lawgov_ie.labels import METRIC_LABEL, QUANTITY_LABELS
from lawgov_ie.text.view import build_view

Span = tuple[int, int, str]
TITLE_OPEN, TITLE_CLOSE = "《", "》"
DOCUMENT_TYPES = ("法", "典", "条例", "规定", "办法", "细则", "规则", "规范", "纲要", "规划", "计划", "方案", "意见",
                  "决定", "通知", "要点", "清单", "目录", "名录", "制度", "章程", "规程", "公约", "守则", "准则", "标准",
                  "指引", "指南", "措施", "法规", "决议", "公告", "通告", "批复")
"""Heads of normative and policy document titles (simplified; traditional titles are compared simplified)."""
NOT_TITLES = frozenset({"政法", "执法", "司法", "立法", "普法", "守法", "学法", "用法", "依法", "违法", "合法", "非法",
                        "方法", "做法", "说法", "想法", "看法", "手法", "技法", "算法", "法律法规"})
"""Everyday words ending in a document type that name no document (simplified; a bare type is refused apart)."""
MAX_TITLE = 120
"""Longest 《》 title a LAW is widened to (a longer stretch is a stray mark, not a title)."""
NON_NORMATIVE_TYPES = ("汇编", "摘编", "选编", "问答", "读本", "手册", "讲座", "文集", "案例")
"""Heads of bracketed titles that are publications or talks, not documents with force."""
INSTITUTION_HEADS = frozenset("委府会组央院局办心厅部队室所团处校学站盟大报门班行联社协政网司署台馆庭科股军警厂视刊营关狱支")
"""Last characters of institution names (simplified): 市委, 区政府, 管委会, 领导小组, 党中央, 法院, 司法局 …"""
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z&\-]*")
_ADDRESS_CHARS = re.compile(r"[A-Za-z0-9./:@_]")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
ORDINAL_PREFIX = "第"
NUMERAL_CHARS = frozenset("零〇一二三四五六七八九十百千万亿两余多")
SPAN_OF_YEARS = re.compile(r"[\d一二三四五六七八九十两]{1,3}年")
METRIC_LEADING_WORDS = ("各类", "各项", "各种", "全部", "全局", "已经", "已", "累计", "共计")
METRIC_TRAILING_WORDS = ("数量",)
ACTION_VERBS = ("进行", "开展", "组织", "举办", "召开", "实现", "完成", "精简", "压减", "减少")
"""Verbs of carrying out or cutting, never part of a measure that a noun names (spec §2: 「检查食品经营单位」 →
「食品经营单位」; 「召开省政府常务会议22次」 → 「省政府常务会议」)."""
RATE_TAILS = ("率", "比例", "幅度")
"""After an action verb inside a METRIC: the rate of the change is what was measured (「压减率」)."""
COMPARISONS = ("同比", "环比", "较上年", "较去年", "比上年", "比去年", "较上一年")
"""A METRIC opening with a comparison measures the change itself (spec §2b 「同比增长」; 「较上年增加」)."""
AWARD_VERBS = ("入选", "获评", "荣获", "评为", "命名为")
"""Verbs of winning: counted winners point to the award after the verb (GUIDELINES §3, 「2个项目入选示范项目」)."""
HANDLING_VERBS = ("公开", "发布", "印发", "下发", "办理", "受理", "收到", "接收", "接待", "处理", "审查", "审核", "出具",
                  "提供", "发放", "录入", "上报", "报送", "备案", "登记", "检查", "查处", "培训", "征集", "收集", "制定",
                  "修订", "梳理")
"""Verbs that take the counted thing as their object: dropped at the head of a METRIC whose count numbers
objects (spec §2: 「检查食品经营单位5500家次」 → 「食品经营单位」; GUIDELINES §3: 「梳理出权力事项6749项」,
「备案登记规章和规范性文件4件」). The list holds verbs the train annotations drop before a measure; no gold METRIC
before a count of objects begins with one (tested)."""
OPINION_NOUNS = ("意见", "报告")
"""Documents named after the handling that produced them: 「审查意见书」, 「审核意见」 keep their verb."""
ACT_CLASSIFIERS = frozenset("次场期轮批回遍趟")
"""Bare classifiers that count acts, not objects: the verb then stays (GUIDELINES §3, 「参与政府决策事项300余次」)."""
COUNT_LINK = re.compile(r"[共计为达约近,，]{0,2}")
"""What may stand between a measure and the count that follows it."""
MIN_METRIC = 2
"""A METRIC keeps an edge word when stripping it would leave fewer characters than this."""
SERVICE_NUMBER = re.compile(r"123\d\d(?=热线|市民|政务|平台|便民|服务|工单|诉求|受理|转办|[、,，;；)）])")
ROUND_THE_CLOCK = re.compile(r"(?:7\s*[×xX*]\s*)?24\s*小时(?![内以之])(?=[“”\"]?[\u3400-\u9fff])")
TIME_UNITS = ("工作日", "自然日", "小时", "学时", "课时", "季度", "星期", "月")
"""Units that follow the classifier 个 and belong to the count (「两个小时」, 「7个月」)."""


def apply_span_rules(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` (in text order) after the rules of the module notes, in text order and without overlaps."""
    out = []
    for i, (start, end, label) in enumerate(spans):
        if _cuts_a_latin_token(text, start, end):
            continue
        if label == "DATE" and SPAN_OF_YEARS.fullmatch(text, start, end):
            label = "COUNT"
        if label == "LAW":
            close = text.find(TITLE_CLOSE, start + 1, end)
            if close > start:
                end = close
            start, end = _whole_title(text, start, end)
            if not _names_a_document(text, start, end):
                continue
        elif label == "ORG" and not _names_an_institution(text, start, end):
            continue
        elif label in QUANTITY_LABELS:
            if (start > 0 and text[start - 1] == ORDINAL_PREFIX) or _names_no_amount(text, start):
                continue
            if label == "COUNT" and text[end - 1] == "个":
                end += len(next((u for u in TIME_UNITS if text.startswith(u, end)), ""))
        elif label == METRIC_LABEL:
            following = spans[i + 1] if i + 1 < len(spans) else None
            start, end = _trim_metric(text, start, end, _stands_right_after(text, end, following, "PERCENT"))
        start, end = _balance_marks(text, start, end)
        if label == METRIC_LABEL:
            start, end = _with_coordinated_quotes(text, start, end)
        out.append((start, end, label))
    return _without_handling_verbs(text, _without_overlaps(out))


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Spans in text order: overlapping spans of one label merge (a coordination taken in), otherwise the later
    one is cut to begin after the earlier (a widened quantity keeps its unit)."""
    out: list[Span] = []
    for start, end, label in sorted(spans):
        if out and start < out[-1][1]:
            if out[-1][2] == label:
                out[-1] = (out[-1][0], max(end, out[-1][1]), label)
                continue
            start = out[-1][1]
        if start < end:
            out.append((start, end, label))
    return out


def _is_latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _cuts_a_latin_token(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` begins or ends inside a run of ASCII letters and digits."""
    return (start > 0 and _is_latin_or_digit(text[start - 1]) and _is_latin_or_digit(text[start])) or (
        end < len(text) and _is_latin_or_digit(text[end - 1]) and _is_latin_or_digit(text[end]))


def _names_no_amount(text: str, start: int) -> bool:
    """Whether a quantity at ``start`` is a service number or round-the-clock hours."""
    window = text[max(0, start - 3):start + 12]
    offset = min(start, 3)
    return any(m.start() <= offset < m.end() for pattern in (SERVICE_NUMBER, ROUND_THE_CLOCK)
               for m in pattern.finditer(window))


def _names_an_institution(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be an ORG: see the module notes."""
    name = text[start:end]
    if _LATIN_NAME.fullmatch(name):
        before, after = text[start - 1:start], text[end:end + 1]
        return not (_ADDRESS_CHARS.match(before) or _ADDRESS_CHARS.match(after))
    view = _TRAILING_NOTE.sub("", build_view(name).text)
    return bool(view) and view[-1] in INSTITUTION_HEADS


def _whole_title(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to the whole 《》 title when it starts right after 《 or ends right before 》."""
    opening = text.rfind(TITLE_OPEN, max(0, start - MAX_TITLE), start)
    closing = text.find(TITLE_CLOSE, end, end + MAX_TITLE)
    if opening < 0 or closing < 0 or not (opening == start - 1 or closing == end):
        return start, end
    inside = text[opening + 1:closing]
    if TITLE_OPEN in inside or TITLE_CLOSE in inside or "\n" in inside:
        return start, end
    return opening + 1, closing


def _names_a_document(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be a LAW title: see the module notes."""
    title = _TRAILING_NOTE.sub("", build_view(text[start:end]).text)
    if start > 0 and text[start - 1] == TITLE_OPEN:
        return not title.endswith(NON_NORMATIVE_TYPES)
    return title.endswith(DOCUMENT_TYPES) and title not in NOT_TITLES and title not in DOCUMENT_TYPES


def _stands_right_after(text: str, end: int, following: Span | None, label: str) -> bool:
    """Whether ``following`` is a ``label`` span standing right after ``end`` (only linking words between)."""
    return (following is not None and following[2] == label
            and bool(COUNT_LINK.fullmatch(build_view(text[end:following[0]]).text)))


def _names_the_change(phrase: str, after_verb: int, before_percent: bool) -> bool:
    """Whether an action verb ending at ``after_verb`` belongs to the measure: the change is what was measured
    (「同比减少」 before any figure, 「办理时限压减」 before a percentage, 「压减率」), or 组织 is the noun
    (「人民调解组织」). Before a count the counted things are the measure (「办事环节减少191项」 → 「办事环节」)."""
    tail = phrase[after_verb:]
    if tail in RATE_TAILS:
        return True
    if tail:
        return False
    return phrase.endswith("组织") or before_percent or phrase.startswith(COMPARISONS)


def _trim_metric(text: str, start: int, end: int, before_percent: bool = False) -> tuple[int, int]:
    """``[start, end)`` without edge words and verbs (module notes); ``before_percent``: a percentage follows."""
    start, end = _strip_edge_words(text, start, end)
    while True:
        phrase = build_view(text[start:end]).text
        found = min(((phrase.find(v), v) for v in ACTION_VERBS + AWARD_VERBS if v in phrase), default=None)
        if found is None or len(phrase) != end - start:
            break
        at, verb = found
        if verb in ACTION_VERBS and _names_the_change(phrase, at + len(verb), before_percent):
            break
        before, after = at, len(phrase) - at - len(verb)
        if verb in AWARD_VERBS and after >= MIN_METRIC or before < MIN_METRIC <= after:
            start += at + len(verb)
        elif before >= MIN_METRIC:
            end = start + at
        else:
            break
    return start, end


def _without_handling_verbs(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` (in text order) with the handling verbs at the head of a METRIC dropped where the count right
    after it numbers objects (module notes)."""
    out = list(spans)
    for i, ((start, end, label), following) in enumerate(pairwise(spans)):
        if label != METRIC_LABEL or not _counts_objects_after(text, end, following):
            continue
        phrase = build_view(text[start:end]).text
        if len(phrase) != end - start:
            continue
        while ((verb := _leading(phrase, HANDLING_VERBS)) and len(phrase) - len(verb) >= MIN_METRIC
               and not phrase[len(verb):].startswith(OPINION_NOUNS)):
            phrase, start = phrase[len(verb):], start + len(verb)
        out[i] = (start, end, label)
    return out


def _counts_objects_after(text: str, end: int, following: Span) -> bool:
    """Whether ``following`` is a count of objects (not of acts) standing right after a measure ending at ``end``."""
    if not _stands_right_after(text, end, following, "COUNT"):
        return False
    count_start, count_end, _ = following
    unit = text[count_start:count_end]
    bare = len(unit) == 1 or not unit[-2].isalpha() or unit[-2] in NUMERAL_CHARS
    return not (bare and unit[-1] in ACT_CLASSIFIERS)


def _leading(phrase: str, words: Sequence[str]) -> str:
    """The first of ``words`` that ``phrase`` starts with, else ``""``."""
    return next((word for word in words if phrase.startswith(word)), "")


def _with_coordinated_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened over quoted names standing right before its opening quote."""
    while start > 1 and text[start] == "“" and text[start - 1] == "”":
        opening = text.rfind("“", 0, start - 1)
        if opening < 0 or "”" in text[opening + 1:start - 1]:
            break
        start = opening
    return start, end


def _strip_edge_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without a leading quantifier/aspect word or a trailing 数量."""
    phrase = text[start:end]
    lead = _leading(phrase, METRIC_LEADING_WORDS)
    if len(phrase) - len(lead) >= MIN_METRIC:
        start += len(lead)
    tail = next((w for w in METRIC_TRAILING_WORDS if text[start:end].endswith(w)), "")
    if end - len(tail) - start >= MIN_METRIC:
        end -= len(tail)
    return start, end


def _balance_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` by one character at an edge where that closes a pair of marks left open inside."""
    open_marks: list[str] = []
    first_unopened = None
    for char in text[start:end]:
        if char in PAIRED_MARKS and not (char in CLOSING_MARKS and open_marks and open_marks[-1] == char):
            open_marks.append(char)
        elif char in CLOSING_MARKS and open_marks and open_marks[-1] == CLOSING_MARKS[char]:
            open_marks.pop()
        elif char in CLOSING_MARKS and first_unopened is None:
            first_unopened = char
    if first_unopened and start > 0 and text[start - 1] == CLOSING_MARKS[first_unopened]:
        start -= 1
    if len(open_marks) == 1 and end < len(text) and text[end] == PAIRED_MARKS[open_marks[0]]:
        end += 1
    return start, end
