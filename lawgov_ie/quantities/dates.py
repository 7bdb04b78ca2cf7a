"""Normalise DATE entities to ISO-8601-like strings and find the DATE that governs a quantity.

Output forms (ISO 8601 with its truncated and year-less variants):

- ``YYYY`` year (2023年, 2023年度, 2017年初, 二〇二三年), ``YYYY-MM`` (2022年10月底, 20227月),
  ``YYYY-MM-DD`` (2024年2月28日, 2024-04-01, 2021/03/29, 2024228);
- ``--MM`` / ``--MM-DD`` when no year is written (10月份, 5月31日, 4.15, 4·15, 七一);
- ``YYYY-Qn`` / ``YYYY-Hn`` for quarters and halves (2023年第一季度, 2023年上半年);
- ``A/B`` for a range (1—12月 → ``--01/--12``, 2021-2025年 → ``2021/2025``).

Position words (初, 底, 末, 中, 上旬 …) and 份/度 are dropped: the date is the period they sit in.
Relative dates (今年, 去年) and clock times are not explicit dates and give None.
"""

from __future__ import annotations

from bisect import bisect_right

import calendar
import re
from collections.abc import Sequence

from .values import clean_surface, parse_number

__all__ = ["normalize_date", "governing_date"]

_HOLIDAYS = {"元旦": "--01-01", "五一": "--05-01", "六一": "--06-01", "七一": "--07-01", "八一": "--08-01",
             "十一": "--10-01"}
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "O": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
             "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_RUN = re.compile(r"[〇零○一二两三四五六七八九十]+")
_POSITION_WORDS = r"(?:初|底|末|中|上旬|中旬|下旬|前后|左右|期间|份)?"
_CN_DATE = re.compile(
    r"(?:(?P<y>\d{4})(?:年度?|(?=\d{1,2}月)))?"  # a year, or 4 digits glued to a month (damaged 20227月)
    r"(?:(?P<m>\d{1,2})月(?:份)?)?"
    r"(?:(?P<d>\d{1,2})[日号])?"
    r"(?:第?(?P<q>[1-4])季度|(?P<h>上|下)半年)?"
    + _POSITION_WORDS
)
_NUMERIC_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2})日?)?")
_DOTTED_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})[.·・](?P<d>\d{1,2})")
_RANGE = re.compile(r"(.+?)(?:—+|–|-|~|～|至|到)(.+)")
_SENTENCE_END = "。！？!?\n"


def _convert_chinese_numerals(text: str) -> str:
    """二〇二三年 → 2023年, 十月二十八日 → 10月28日 (digit runs of four are read digit by digit)."""

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if "十" not in run and len(run) >= 2:
            return "".join(_CN_DIGIT[ch] for ch in run)
        value = parse_number(run)
        return run if value is None else str(int(value))

    return _CN_RUN.sub(replace, text)


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None:
            return False
        last = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap, allows 2月29日
        if not 1 <= day <= last:
            return False
    return year is None or 1900 <= year <= 2100


def _format(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if not _valid(year, month, day) or (year is None and month is None):
        return None
    parts = [f"{year:04d}" if year is not None else "-"]
    if month is not None:
        parts.append(f"{month:02d}")
    if day is not None:
        parts.append(f"{day:02d}")
    return "-".join(parts)


def _digits_only(text: str) -> str | None:
    """Bare digit strings: 2023, 202402, 20227 (a damaged 2022年7月), 2024228, 20240228."""
    year = int(text[:4])
    rest = text[4:]
    if not rest:
        return _format(year)
    if len(rest) <= 2:
        return _format(year, int(rest))
    # 3 or 4 digits of month+day: take the first split that makes a valid date
    for split in (1, 2):
        month, day = rest[:split], rest[split:]
        if 1 <= len(day) <= 2:
            result = _format(year, int(month), int(day))
            if result:
                return result
    return None


def _single(text: str) -> str | None:
    """Normalise one (non-range) clean date expression."""
    if text in _HOLIDAYS:
        return _HOLIDAYS[text]
    if re.fullmatch(r"\d{4,8}", text):
        return _digits_only(text)
    match = _NUMERIC_DATE.fullmatch(text)
    if match:
        d = match.group("d")
        return _format(int(match.group("y")), int(match.group("m")), int(d) if d else None)
    match = _DOTTED_MONTH_DAY.fullmatch(text)
    if match:
        return _format(None, int(match.group("m")), int(match.group("d")))
    text = _convert_chinese_numerals(text)
    if text in _HOLIDAYS:
        return _HOLIDAYS[text]
    if re.fullmatch(r"\d{4,8}", text):
        return _digits_only(text)
    match = _CN_DATE.fullmatch(text)
    if not match or not any(match.group(g) for g in ("y", "m", "d")):
        return None
    year = int(match.group("y")) if match.group("y") else None
    month = int(match.group("m")) if match.group("m") else None
    day = int(match.group("d")) if match.group("d") else None
    if year is not None and month is None and day is None:
        if match.group("q"):
            return f"{year:04d}-Q{match.group('q')}" if _valid(year, None, None) else None
        if match.group("h"):
            return f"{year:04d}-H{1 if match.group('h') == '上' else 2}" if _valid(year, None, None) else None
    return _format(year, month, day)


def _complete_left(left: str, right: str) -> str:
    """Give the left end of a range the unit its right end carries: 1—12月 → 1月, 2021-2025年 → 2021年."""
    if re.search(r"\d$", left):
        unit = re.search(r"\d+([年月日号])", right)
        if unit:
            return left + unit.group(1)
    return left


def normalize_date(surface: str) -> str | None:
    """The ISO-like form of a DATE span (see the module docstring), or None if it is not a calendar date."""
    try:
        text = clean_surface(surface).replace("O", "〇")
        if not text:
            return None
        text = text.strip("()[]【】“”\"',，。、")
        result = _single(text)
        if result is not None:
            return result
        match = _RANGE.fullmatch(_convert_chinese_numerals(text))
        if not match:
            return None
        left_text, right_text = match.groups()
        left = _single(_complete_left(left_text, right_text))
        right = _single(right_text)
        if left is None or right is None:
            return None
        if right.startswith("--") and not left.startswith("--"):
            right = left[:4] + right[1:]  # 2023年1—6月: the right end inherits the year
        return f"{left}/{right}"
    except Exception:  # defensive: a normaliser must never break the pipeline
        return None


def _has_year(surface: str) -> bool:
    normal = normalize_date(surface)
    return normal is not None and normal[:4].isdigit()


def governing_date(position: int, dates: Sequence[tuple[int, int, str]], text: str) -> int | None:
    """Index into ``dates`` of the DATE that governs a quantity starting at ``position``.

    ``dates`` holds (start, end, surface) triples sorted by start. The rule, in order:

    1. the nearest DATE ending at or before ``position`` in the same sentence (a sentence ends at
       。！？ or a newline);
    2. otherwise the nearest earlier DATE in the same paragraph (text between newlines) whose normal form
       carries a year (so 「5月31日」 in an earlier sentence does not govern, 「2023年」 does);
    3. otherwise None.

    Dates after the quantity never govern it.
    """
    paragraph_start = text.rfind("\n", 0, position) + 1
    # searches stay inside the paragraph and the dates before ``position``: linear over a long report
    sentence_start = max((text.rfind(ch, paragraph_start, position) + 1 for ch in _SENTENCE_END),
                         default=0)
    sentence_start = max(sentence_start, paragraph_start)
    fallback: int | None = None
    last = bisect_right(dates, position, key=lambda date: date[1])  # dates are sorted and disjoint
    for index in range(last - 1, -1, -1):
        start, end, surface = dates[index]
        if start < paragraph_start:
            break
        if start >= sentence_start:
            return index
        if fallback is None and _has_year(surface):
            fallback = index
    return fallback
