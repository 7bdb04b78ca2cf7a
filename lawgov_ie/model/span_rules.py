"""Spec rules applied to predicted spans: what the annotation spec excludes however the model tags it.

- A LAW is the title between 《 and 》 (ANNOTATION_SPEC.md §2): a predicted LAW running past 》 stops there.
- A LAW is a normative or policy document (§1): a title outside 《》 must end in a document type (法, 条例, 办法,
  方案 …; every unbracketed gold LAW does), so fragments such as 「教育重点培」 go; a 《》 title of a compilation,
  study book or lecture (汇编, 问答, 读本, 讲座 …; no gold LAW is one) is not a LAW.
- Ordinals are not quantities (§2, 「第三批」, 「第57次」): a COUNT/PERCENT/MONEY right after 第 is dropped.
- A METRIC drops quantifier words and aspect or total markers at its edges (§2, 「全区收到各类“吹哨”问题」 →
  「“吹哨”问题」; GUIDELINES §3, 「行政许可处理决定数量8647件」 → 「行政许可处理决定」): no gold METRIC starts or ends
  with one.
- Marks inside a span stay in, as a pair (§2b, 「“三新”群体骨干分子」): a span holding a lone closing mark whose
  opening mark stands right before it takes that mark in (「“只跑一次”“一次不跑”事项」), and the same at its end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lawgov_ie.data.spans import CLOSING_MARKS, PAIRED_MARKS
from lawgov_ie.labels import METRIC_LABEL, QUANTITY_LABELS
from lawgov_ie.text.view import build_view

Span = tuple[int, int, str]
TITLE_OPEN, TITLE_CLOSE = "《", "》"
DOCUMENT_TYPES = ("法", "典", "条例", "规定", "办法", "细则", "规则", "规范", "纲要", "规划", "计划", "方案", "意见",
                  "决定", "通知", "要点", "清单", "目录", "名录", "制度", "章程", "规程", "公约", "守则", "准则", "标准",
                  "指引", "指南", "措施")
"""Heads of normative and policy document titles (simplified; traditional titles are compared simplified)."""
NON_NORMATIVE_TYPES = ("汇编", "摘编", "选编", "问答", "读本", "手册", "讲座", "文集", "案例")
"""Heads of bracketed titles that are publications or talks, not documents with force."""
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
ORDINAL_PREFIX = "第"
METRIC_LEADING_WORDS = ("各类", "各项", "各种", "全部", "全局", "已经", "已", "累计", "共计")
METRIC_TRAILING_WORDS = ("数量",)
MIN_METRIC = 2
"""A METRIC keeps an edge word when stripping it would leave fewer characters than this."""


def apply_span_rules(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with LAW titles cut at their closing mark and ordinal numbers removed."""
    out = []
    for start, end, label in spans:
        if label == "LAW":
            close = text.find(TITLE_CLOSE, start + 1, end)
            if close > start:
                end = close
            if not _names_a_document(text, start, end):
                continue
        elif label in QUANTITY_LABELS and start > 0 and text[start - 1] == ORDINAL_PREFIX:
            continue
        elif label == METRIC_LABEL:
            start, end = _strip_edge_words(text, start, end)
        out.append((*_balance_marks(text, start, end), label))
    return out


def _names_a_document(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be a LAW title: see the module notes."""
    title = _TRAILING_NOTE.sub("", build_view(text[start:end]).text)
    if start > 0 and text[start - 1] == TITLE_OPEN:
        return not title.endswith(NON_NORMATIVE_TYPES)
    return title.endswith(DOCUMENT_TYPES)


def _strip_edge_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without a leading quantifier/aspect word or a trailing 数量."""
    phrase = text[start:end]
    lead = next((w for w in METRIC_LEADING_WORDS if phrase.startswith(w)), "")
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
