"""Normalise a quantity entity (COUNT, PERCENT, MONEY) to a number in base units, with bounds.

The spans follow the annotation spec: inner approximators stay inside the span (「530余份」, 「100多家」),
while leading words (共, 累计, 达, 超过, 近, 约 …) and trailing qualifiers (以上, 以内, 左右 …) stay
outside, so they are read from the few characters ``before`` and ``after`` the span. Only a word that
touches the span counts. Chinese numerals are read with ``cn2an``; traditional characters, full-width
forms, pinyin residue (``12個(gè)``), spaces and thousands separators are cleaned first.

Everything here is a pure function of strings: no spaCy, no model. Nothing raises on odd input; a value
that cannot be read comes back as ``None`` with the unit still filled in where it can be seen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

__all__ = [
    "QuantityValue",
    "normalize_quantity",
    "clean_surface",
    "parse_number",
]

# --------------------------------------------------------------------------- text clean-up

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN_GROUP = re.compile(rf"[(（][a-zA-Z{_TONED}]+[)）]")
"""A parenthesised group of Latin letters: web-page ruby residue such as ``(gè)``, ``(shí)``, ``(de)``."""

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

# Characters that matter for numbers and units, used on top of OpenCC (and instead of it if it is missing);
# financial numerals (壹贰叁…) map to ordinary ones so that cn2an reads them.
_T2S_TABLE = str.maketrans(
    {
        "萬": "万", "億": "亿", "兩": "两", "個": "个", "點": "点", "餘": "余", "場": "场", "時": "时",
        "項": "项", "類": "类", "條": "条", "單": "单", "數": "数", "筆": "笔", "戶": "户", "處": "处",
        "輪": "轮", "隊": "队", "週": "周", "達": "达", "過": "过", "約": "约", "將": "将", "內": "内",
        "門": "门", "間": "间", "屆": "届", "張": "张", "歲": "岁", "號": "号", "圓": "元",
    }
)
# financial numerals, translated inside the numeral only (伍 and 陆 are also ordinary characters: 队伍)
_FINANCIAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")


@lru_cache(maxsize=1)
def _opencc() -> Any:
    """The OpenCC t2s converter, or None when OpenCC is not importable (the small table is used then)."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("t2s")


def clean_surface(text: str) -> str:
    """Strip pinyin residue and whitespace, fold full-width forms, simplify, drop thousands separators.

    ``「1,234件」`` → ``1234件``; ``「12個(gè)」`` → ``12个``; ``「１２３」`` → ``123``.
    """
    text = _PINYIN_GROUP.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    converter = _opencc()
    if converter is not None:
        text = converter.convert(text)
    text = text.translate(_T2S_TABLE)
    return _THOUSANDS.sub("", text)


# --------------------------------------------------------------------------- numerals

_MULTIPLIERS: dict[str, int] = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
    "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12,
}
_ARABIC_WITH_MULTIPLIER = re.compile(r"(\d+(?:\.\d+)?)(万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百|十)?")


def parse_number(numeral: str) -> Decimal | None:
    """The value of a clean numeral, or None.

    Arabic (``1.2``), Arabic with a multiplier (``5000万``, ``1.2万亿``), Chinese (``七万``, ``两``,
    ``二〇二三``, ``一百二十万``) and mixed (``3亿5000万``). Chinese goes through ``cn2an``; a bare leading
    unit (``百万``, ``十``) is read as one of it.
    """
    if not numeral:
        return None
    match = _ARABIC_WITH_MULTIPLIER.fullmatch(numeral)
    if match:
        try:
            value = Decimal(match.group(1))
        except InvalidOperation:
            return None
        return value * _MULTIPLIERS[match.group(2)] if match.group(2) else value
    import cn2an

    candidates = [numeral]
    if numeral[0] in "十百千万亿":
        candidates.append("一" + numeral)
    for candidate in candidates:
        for mode in ("normal", "smart"):
            try:
                result = cn2an.cn2an(candidate, mode)
            except Exception:  # cn2an raises ValueError and, on odd input, others
                continue
            try:
                return Decimal(str(result))
            except InvalidOperation:
                continue
    return None


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# The numeral at the start of a quantity: digits, Chinese numerals, multipliers and inner approximators.
# A multiplier character that begins a unit (千克, 千米, 千瓦, 百分点) is left to the unit.
_NUMERAL_START = re.compile(
    r"(?:[0-9〇零一二两三四五六七八九十万亿壹贰叁肆伍陆柒捌玖拾]|\.(?=\d)|[千仟佰](?![克米瓦])|百(?!分))"
    r"(?:[0-9〇零一二两三四五六七八九十万亿壹贰叁肆伍陆柒捌玖拾余多来几许]|\.(?=\d)|[千仟佰](?![克米瓦])|百(?!分)"
    r"|点(?=[〇零一二两三四五六七八九]))*"
)
# vague numerals: 数十家, 几百人, 上千次, 成千 — approximate, with no value
_VAGUE_NUMERAL = re.compile(r"(数|几|上|成)(?:[十百千万亿]+)")
_INNER_APPROXIMATORS = "余多来几许"

# --------------------------------------------------------------------------- qualifier words

_LOWER, _UPPER, _APPROX = "lower", "upper", "approx"

_QUALIFIERS: dict[str, frozenset[str]] = {
    # lower bounds
    "超过": frozenset({_LOWER}), "超": frozenset({_LOWER}), "逾": frozenset({_LOWER}),
    "超出": frozenset({_LOWER}), "突破": frozenset({_LOWER}), "多于": frozenset({_LOWER}),
    "高于": frozenset({_LOWER}), "大于": frozenset({_LOWER}), "不少于": frozenset({_LOWER}),
    "不低于": frozenset({_LOWER}), "至少": frozenset({_LOWER}), "最少": frozenset({_LOWER}),
    "以上": frozenset({_LOWER}), "之上": frozenset({_LOWER}),
    "有余": frozenset({_LOWER, _APPROX}), "开外": frozenset({_LOWER, _APPROX}),
    "出头": frozenset({_LOWER, _APPROX}),
    "余": frozenset({_LOWER, _APPROX}), "多": frozenset({_LOWER, _APPROX}),
    # upper bounds
    "不到": frozenset({_UPPER}), "不足": frozenset({_UPPER}), "不超过": frozenset({_UPPER}),
    "不超": frozenset({_UPPER}), "少于": frozenset({_UPPER}), "低于": frozenset({_UPPER}),
    "小于": frozenset({_UPPER}), "不多于": frozenset({_UPPER}), "不高于": frozenset({_UPPER}),
    "至多": frozenset({_UPPER}), "最多": frozenset({_UPPER}), "不满": frozenset({_UPPER}),
    "以下": frozenset({_UPPER}), "之下": frozenset({_UPPER}), "以内": frozenset({_UPPER}),
    "之内": frozenset({_UPPER}),
    "近": frozenset({_UPPER, _APPROX}), "将近": frozenset({_UPPER, _APPROX}),
    "接近": frozenset({_UPPER, _APPROX}), "近乎": frozenset({_UPPER, _APPROX}),
    "几近": frozenset({_UPPER, _APPROX}), "逼近": frozenset({_UPPER, _APPROX}),
    # approximation only
    "约": frozenset({_APPROX}), "大约": frozenset({_APPROX}), "约为": frozenset({_APPROX}),
    "大概": frozenset({_APPROX}), "大致": frozenset({_APPROX}), "左右": frozenset({_APPROX}),
    "上下": frozenset({_APPROX}), "来": frozenset({_APPROX}), "几": frozenset({_APPROX}),
    "许": frozenset({_APPROX}),
    "数": frozenset({_APPROX}), "上": frozenset({_APPROX}), "成": frozenset({_APPROX}),
}
# words allowed before a number (longest first so that 不超过 wins over 超过 and 超)
_BEFORE_WORDS = sorted(
    (w for w in _QUALIFIERS if w not in {"以上", "之上", "以下", "之下", "以内", "之内", "左右", "上下",
                                          "有余", "开外", "出头", "余", "多", "来", "几", "许",
                                          "数", "上", "成"}),
    key=len,
    reverse=True,
)
# words allowed after a span (余/多 after the span are not read: inner approximators are inside it)
_AFTER_WORDS = ["以上", "之上", "以下", "之下", "以内", "之内", "左右", "上下", "有余", "开外", "出头"]
# neutral leading words: stripped when an annotator left them inside the span, never recorded
_NEUTRAL_LEADING = ["共计", "总计", "合计", "累计", "达到", "高达", "多达", "共有", "共", "达", "计", "仅", "为"]
# a single-character qualifier that is really the end of another word: 最近, 附近, 签约, 节约 …
_FALSE_BEFORE = {
    "近": set("最附临亲靠贴邻就"),
    "约": set("签节合履预违制特公条契邀集相简解婉隐盟誓租"),
    "超": set("赶高"),
}


_PARTIAL_PINYIN_HEAD = re.compile(rf"^[a-zA-Z{_TONED}]*[)）]")
_PARTIAL_PINYIN_TAIL = re.compile(rf"[(（][a-zA-Z{_TONED}]*$")


def _clean_context(before: str, after: str) -> tuple[str, str]:
    """Clean the context windows, also dropping pinyin groups cut in half by the window edges."""
    before = _PARTIAL_PINYIN_HEAD.sub("", _PINYIN_GROUP.sub("", before))
    after = _PARTIAL_PINYIN_TAIL.sub("", _PINYIN_GROUP.sub("", after))
    return clean_surface(before), clean_surface(after)


def _qualifier_before(before: str) -> str | None:
    """The qualifier word ending exactly at the end of ``before`` (adjacent to the span), if any."""
    for word in _BEFORE_WORDS:
        if before.endswith(word):
            preceding = before[-len(word) - 1] if len(before) > len(word) else ""
            if len(word) == 1 and preceding in _FALSE_BEFORE.get(word, set()):
                continue
            return word
    return None


def _qualifier_after(after: str) -> str | None:
    """The qualifier word starting exactly at the start of ``after``, if any."""
    for word in _AFTER_WORDS:
        if after.startswith(word):
            return word
    return None


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class QuantityValue:
    """A normalised quantity.

    ``value`` is in base units: PERCENT as a fraction (81% → 0.81, 4.4个百分点 → 0.044), MONEY in yuan,
    COUNT as the count. ``lower``/``upper`` are set only when a word bounds the number (余/以上 → lower,
    近/以内 → upper); ``qualifiers`` lists those words and the approximators, in reading order.
    """

    value: float | None
    unit: str | None
    lower: float | None = None
    upper: float | None = None
    approximate: bool = False
    qualifiers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (qualifiers as a list)."""
        return {
            "value": self.value,
            "unit": self.unit,
            "lower": self.lower,
            "upper": self.upper,
            "approximate": self.approximate,
            "qualifiers": list(self.qualifiers),
        }


# --------------------------------------------------------------------------- per-label readers

_FRACTION = re.compile(r"(.+?)分之(.+)")
_CURRENCIES = [("美元", "USD"), ("欧元", "EUR"), ("港元", "HKD"), ("港币", "HKD"), ("日元", "JPY"),
               ("英镑", "GBP"), ("人民币", "CNY"), ("元", "CNY"), ("块", "CNY")]
_DROPPED_UNIT_PREFIX = {"大": {"类", "方面", "项", "领域", "板块", "工程", "行动", "体系", "任务", "平台",
                              "机制", "片区", "专项", "系统", "门类", "行业", "产业", "功能区"}}
_UNIT_STRIP = "、,，;；:：。()（）[]【】“”\"'‘’《》<>"


def _split_numeral(text: str) -> tuple[str, str, list[str]]:
    """Split ``text`` into (numeral without approximators, rest, inner approximators found)."""
    vague = _VAGUE_NUMERAL.match(text)
    if vague:
        return "", text[vague.end():], [vague.group(1)]
    match = _NUMERAL_START.match(text)
    if not match:
        return "", text, []
    raw = match.group(0)
    inner = [ch for ch in raw if ch in _INNER_APPROXIMATORS]
    numeral = "".join(ch for ch in raw if ch not in _INNER_APPROXIMATORS).translate(_FINANCIAL)
    rest = text[match.end():]
    return numeral, rest, inner


def _count_unit(rest: str) -> str | None:
    """The COUNT unit as written: a leading 个 before another unit word is dropped (两个小时 → 小时,
    4个方面 → 方面), as is 大 in enumerations (8大类 → 类, 五大方面 → 方面)."""
    unit = rest.strip(_UNIT_STRIP)
    if len(unit) > 1 and unit[0] == "个":
        unit = unit[1:]
    if len(unit) > 1 and unit[1:] in _DROPPED_UNIT_PREFIX.get(unit[0], set()):
        unit = unit[1:]
    return unit or None


def _read_percent(text: str) -> tuple[Decimal | None, str, list[str]]:
    """(fraction, unit, inner approximators) of a PERCENT surface."""
    fraction = _FRACTION.fullmatch(text.rstrip("%‰"))
    if fraction:
        denominator_text, numerator_text = fraction.groups()
        numerator_text, _, inner = _split_numeral(numerator_text)
        denominator = parse_number(denominator_text)
        numerator = parse_number(numerator_text)
        unit = "‰" if denominator == 1000 else "%"
        if numerator is None or not denominator:
            return None, unit, inner
        return numerator / denominator, unit, inner
    if text == "百分百":
        return Decimal(1), "%", []
    numeral, rest, inner = _split_numeral(text)
    value = parse_number(numeral)
    if "个百分点" in rest or "百分点" in rest:
        unit, scale = "个百分点", Decimal(100)
    elif "‰" in rest:
        unit, scale = "‰", Decimal(1000)
    elif rest.startswith("成"):
        unit, scale = "%", Decimal(10)
    else:
        unit, scale = "%", Decimal(100)
    return (None if value is None else value / scale), unit, inner


def _read_money(text: str) -> tuple[Decimal | None, str, list[str]]:
    """(yuan, currency code, inner approximators) of a MONEY surface."""
    for prefix in ("人民币", "RMB", "￥", "¥"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    numeral, rest, inner = _split_numeral(text)
    value = parse_number(numeral)
    unit = "CNY"
    for word, code in _CURRENCIES:
        if word in rest:
            unit = code
            break
    return value, unit, inner


def _read_count(text: str) -> tuple[Decimal | None, str | None, list[str]]:
    """(count, unit, inner approximators) of a COUNT surface."""
    numeral, rest, inner = _split_numeral(text)
    return parse_number(numeral), _count_unit(rest), inner


# --------------------------------------------------------------------------- entry point


def _strip_inside(text: str) -> tuple[str, list[str], list[str]]:
    """Remove leading/trailing qualifier words that were left inside the span: (text, leading, trailing)."""
    leading: list[str] = []
    trailing: list[str] = []
    changed = True
    while changed and text:
        changed = False
        for word in _NEUTRAL_LEADING:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
                break
        for word in _BEFORE_WORDS:
            if text.startswith(word) and len(text) > len(word):
                # only strip when a numeral follows
                if _NUMERAL_START.match(text[len(word):]) or text[len(word):].startswith(("百分之", "千分之")):
                    leading.append(word)
                    text, changed = text[len(word):], True
                    break
    for word in _AFTER_WORDS:
        if text.endswith(word) and len(text) > len(word):
            trailing.append(word)
            text = text[: -len(word)]
            break
    return text, leading, trailing


def normalize_quantity(surface: str, label: str, before: str = "", after: str = "") -> QuantityValue:
    """Normalise a COUNT, PERCENT or MONEY span.

    ``surface`` is the entity text; ``before``/``after`` are a few characters of context on each side
    (only a qualifier word touching the span is read: 超过|130亿元, 98%|以上). Never raises.
    """
    try:
        return _normalize(surface, label, before, after)
    except Exception:  # defensive: a normaliser must never break the pipeline
        return QuantityValue(None, None)


def _normalize(surface: str, label: str, before: str, after: str) -> QuantityValue:
    label = (label or "").upper()
    text = clean_surface(surface)
    text, leading_inside, trailing_inside = _strip_inside(text)

    if label == "PERCENT":
        value, unit, inner = _read_percent(text)
    elif label == "MONEY":
        value, unit, inner = _read_money(text)
    else:
        value, unit, inner = _read_count(text)

    before, after = _clean_context(before, after)
    words: list[str] = list(leading_inside)
    if not leading_inside:
        word = _qualifier_before(before)
        if word:
            words.append(word)
    words.extend(inner)
    words.extend(trailing_inside)
    if not trailing_inside:
        word = _qualifier_after(after)
        if word:
            words.append(word)

    kinds: set[str] = set()
    for word in words:
        kinds |= _QUALIFIERS.get(word, frozenset())
    number = _float(value)
    return QuantityValue(
        value=number,
        unit=unit,
        lower=number if _LOWER in kinds else None,
        upper=number if _UPPER in kinds else None,
        approximate=_APPROX in kinds,
        qualifiers=tuple(dict.fromkeys(words)),
    )
