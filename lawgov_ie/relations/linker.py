"""Rule-based QUANTIFIES linker: each COUNT/PERCENT/MONEY to the METRIC it quantifies (or none).

The rules follow how Chinese reports state figures (ANNOTATION_SPEC.md sections 2b and 3) rather than any
one report, so they carry over to places never seen:

1. Quantities glued into one figure share one METRIC: 「100%85%」, 「三期共150人次」, 「8大类230项…」, and
   changes 「由40%降低至38%」 / 「由去年的69项增加至现在的616项」.
2. A METRIC right after the figure is its measure (「625所法学院校」, 「35份党内法规文件」).
3. Otherwise the nearest METRIC before it in the same clause, with no other figure in between
   (「办结388件」, 「化解率达99.79%」, 「其中民事案件94件」).
4. Otherwise a METRIC after it in the same clause, with no other figure in between
   (「21次专题听取…工作汇报」); also preferred over rule 3 when the METRIC before is already the
   after-measure of an earlier figure, as in parallel lists 「254项事项实现A、860余项事项实现B」.
Nothing crosses a sentence boundary (。；！？ newline) and rules 3-4 stay within the clause (,，:：);
a quantity with no METRIC in reach gets none. Separators a tagger leaves on a METRIC's edge are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lawgov_ie.data.schema import AnnotatedDocument, Relation
from lawgov_ie.labels import METRIC_LABEL, QUANTIFIES, QUANTITY_LABELS

SENTENCE_BREAKS = frozenset("。；;！!？?\n\r")
CLAUSE_BREAKS = SENTENCE_BREAKS | frozenset(",，:：")

_GLUE = re.compile(r"^[\s、]*(?:共|合计|共计)?[\s]*$")
"""Text between two quantities that makes them one figure (「100%85%」, 「三期共150人次」, 「3场、278人次」)."""
_CHANGE = re.compile(r"^[^,，;；:：。]{0,6}?(?:至|到|(?:缩短|降低|压缩|减少|下降|提高|提升|增加|增长|上升|提速)为)[^,，;；:：。]{0,4}$")
"""Text between an old and a new value of the same measure (「降低至」, 「增加至现在的」, 「缩短为」)."""
_ATTACHED = re.compile(r"^[\s“\"「『‘(（]*$")
"""Text allowed between a figure and a METRIC standing right after it."""

MAX_BEFORE_GAP = 16
MAX_AFTER_GAP = 24
MAX_CHANGE_GAP = 12

Span = tuple[int, int, str]


_EDGE = frozenset(" \t\u3000,，、;；:：。")
"""Characters a tagger may wrongly leave on a METRIC's edge; they count as gap, not as METRIC."""


@dataclass(frozen=True)
class _Context:
    """The text and the entities split by role, with indexes into the caller's list."""

    text: str
    entities: Sequence[Span]
    quantities: list[int]
    metrics: list[int]


def _core(text: str, span: Span) -> Span:
    """``span`` without separators on its edges, so a sloppy METRIC boundary does not hide a comma."""
    start, end, label = span
    while start < end - 1 and text[start] in _EDGE:
        start += 1
    while end > start + 1 and text[end - 1] in _EDGE:
        end -= 1
    return (start, end, label)


def _crosses(text: str, start: int, end: int, breaks: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` holds one of ``breaks``."""
    return any(char in breaks for char in text[start:end])


def _between(ctx: _Context, start: int, end: int, indexes: list[int]) -> list[int]:
    """Indexes (of ``indexes``) of entities lying wholly inside ``[start, end)``."""
    return [i for i in indexes if start <= ctx.entities[i][0] and ctx.entities[i][1] <= end]


def _glued(ctx: _Context, left: int, right: int) -> bool:
    """Whether two consecutive quantities are one figure (shared measure)."""
    a_end, b_start = ctx.entities[left][1], ctx.entities[right][0]
    if b_start < a_end or _between(ctx, a_end, b_start, ctx.metrics):
        return False
    gap = ctx.text[a_end:b_start]
    if _GLUE.match(gap):
        # 「已办结6件、2件撤回…申请」: a listed figure with its own measure right after stands alone
        return "、" not in gap or _metric_right_after(ctx, right) is None
    return (
        len(gap) <= MAX_CHANGE_GAP
        and not _crosses(ctx.text, a_end, b_start, SENTENCE_BREAKS)
        and bool(_CHANGE.search(gap))
    )


def _groups(ctx: _Context) -> list[list[int]]:
    """Quantities grouped into figures sharing one METRIC, in text order."""
    groups: list[list[int]] = []
    for q in ctx.quantities:
        if groups and _glued(ctx, groups[-1][-1], q):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _metric_right_after(ctx: _Context, q: int) -> int | None:
    """The METRIC starting right after quantity ``q`` (only quotes or brackets between)."""
    end = ctx.entities[q][1]
    for m in ctx.metrics:
        start = ctx.entities[m][0]
        if start >= end:
            return m if _ATTACHED.match(ctx.text[end:start]) else None
    return None


def _free_gap(ctx: _Context, start: int, end: int, breaks: frozenset[str]) -> bool:
    """Whether ``[start, end)`` holds no other quantity and no break."""
    return not _crosses(ctx.text, start, end, breaks) and not _between(ctx, start, end, ctx.quantities)


def _metric_before(ctx: _Context, q: int, breaks: frozenset[str]) -> int | None:
    """The nearest METRIC before ``q`` reachable without a break or another quantity."""
    start = ctx.entities[q][0]
    before = [m for m in ctx.metrics if ctx.entities[m][1] <= start]
    if not before:
        return None
    m = before[-1]
    m_end = ctx.entities[m][1]
    if start - m_end > MAX_BEFORE_GAP or not _free_gap(ctx, m_end, start, breaks):
        return None
    return m


def _metric_after(ctx: _Context, q: int) -> int | None:
    """The nearest METRIC after ``q`` in its clause, with no other quantity between."""
    end = ctx.entities[q][1]
    after = [m for m in ctx.metrics if ctx.entities[m][0] >= end]
    if not after:
        return None
    m = after[0]
    m_start = ctx.entities[m][0]
    if m_start - end > MAX_AFTER_GAP or not _free_gap(ctx, end, m_start, CLAUSE_BREAKS):
        return None
    return m


def _choose(ctx: _Context, group: list[int], claimed: set[int]) -> tuple[int | None, bool]:
    """The METRIC of one figure (glued quantities) and whether it stands after the figure.

    ``claimed`` holds METRICs already taken as the after-measure of an earlier figure: in a parallel
    list 「254项事项实现电子证照申办、860余项…实现跨域通办」 the next figure looks ahead, not back.
    """
    first, last = group[0], group[-1]
    right_after = _metric_right_after(ctx, last)
    if right_after is not None:
        return right_after, True
    before = _metric_before(ctx, first, CLAUSE_BREAKS)
    after = _metric_after(ctx, last)
    if before is not None and not (before in claimed and after is not None):
        return before, False
    return after, after is not None


def _link_groups(ctx: _Context) -> list[tuple[int, int]]:
    """Resolve every figure left to right, remembering METRICs claimed from the left."""
    pairs: list[tuple[int, int]] = []
    claimed: set[int] = set()
    for group in _groups(ctx):
        metric, ahead = _choose(ctx, group, claimed)
        if metric is None:
            continue
        if ahead:
            claimed.add(metric)
        pairs.extend((q, metric) for q in group)
    return pairs


def link_quantities(text: str, entities: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """``(quantity index, METRIC index)`` pairs over ``entities`` (``(start, end, label)``, sorted by start).

    Each COUNT/PERCENT/MONEY gets at most one METRIC; a quantity with no METRIC in reach gets none.
    """
    ctx = _Context(
        text=text,
        entities=[_core(text, e) for e in entities],
        quantities=[i for i, e in enumerate(entities) if e[2] in QUANTITY_LABELS],
        metrics=[i for i, e in enumerate(entities) if e[2] == METRIC_LABEL],
    )
    return _link_groups(ctx)


def link_document(doc: AnnotatedDocument) -> AnnotatedDocument:
    """A copy of ``doc`` whose relations are replaced by the linker's, on the document's own entities."""
    ordered = sorted(doc.entities, key=lambda e: (e.start_offset, e.end_offset))
    spans = [(e.start_offset, e.end_offset, e.label) for e in ordered]
    relations = [
        Relation(id=n, from_id=ordered[q].id, to_id=ordered[m].id, type=QUANTIFIES)
        for n, (q, m) in enumerate(link_quantities(doc.text, spans), start=1)
    ]
    return AnnotatedDocument(id=doc.id, text=doc.text, entities=list(doc.entities), relations=relations,
                             meta=dict(doc.meta))
