"""A small rule-based baseline: regex quantities (COUNT/PERCENT/MONEY), DATE, and 《》 titles as LAW."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lawgov_ie.data.schema import AnnotatedDocument, Entity

_NUM = r"(?:\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千]+)(?:\.\d+)?"
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("DATE", re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|\d{1,2}月(?:份)?")),
    ("MONEY", re.compile(rf"{_NUM}(?:万|亿)?(?:余)?元")),
    ("PERCENT", re.compile(rf"{_NUM}\s?[%％]|百分之{_NUM}")),
    ("COUNT", re.compile(rf"{_NUM}(?:万|亿)?(?:余|多)?(?:件|次|个|人|项|家|场|起|条|名|期|份|篇|部|所|批|宗|户|人次|万人次)")),
    ("LAW", re.compile(r"(?<=《)[^《》\n]{2,60}(?=》)")),
]


def find_entities(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, label)`` spans; earlier patterns win on overlap."""
    taken = [False] * len(text)
    spans = []
    for label, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(taken[m.start():m.end()]):
                spans.append((m.start(), m.end(), label))
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    return sorted(spans)


def predict(docs: Iterable[AnnotatedDocument]) -> list[AnnotatedDocument]:
    """The baseline's prediction of each document, as annotation records."""
    return [AnnotatedDocument(d.id, d.text, [Entity(i, label, s, e, {}) for i, (s, e, label) in
                                             enumerate(find_entities(d.text), start=1)], [], dict(d.meta))
            for d in docs]
