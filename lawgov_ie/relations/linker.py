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
5. Before rules 1-4, respective lists pair up in order: figures listed before as many coordinated METRICs
   (「3个区和4个项目被命名为示范地区和示范项目」), or coordinated METRICs before 分别 and as many listed figures
   (「办结率、满意率分别为99.6%和92.3%」).
A span of time after 连续/近 (「连续三年」, 「近三年」) states no measure (spec §2b): it gets none and stands in
no other figure's way.
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

_GLUE = re.compile(r"^[\s、]*(?:和|及|与)?(?:共|合计|共计|累计)?[\s]*$")
"""Text between two quantities that makes them one figure (「100%85%」, 「三期共150人次」, 「3场、278人次」, 「两轮、累计560人次」,
「分别达到99.6%和99.9%」)."""
_CHANGE = re.compile(r"^[^,，;；:：。]{0,6}?(?:至|到|(?:缩短|降低|压缩|压减|精简|整合|合并|调整|减少|下降|提高|提升|增加|增长|上升|提速)为)[^,，;；:：。]{0,8}$")
"""Text between an old and a new value of the same measure (「降低至」, 「增加至现在的」, 「缩短为」,
「增加至2023年底的」)."""
_ATTACHED = re.compile(r"^[\s“\"「『‘(（]*$")
"""Text allowed between a figure and a METRIC standing right after it."""

_FIGURE_LIST_GAP = re.compile(r"^[^\s,，;；:：。！？!?]{1,8}(?:、|和|及|与|以及)$")
"""Text between two listed figures of different things (「3个区和4个项目」: 区和)."""
_COORDINATION = re.compile(r"^(?:、|和|及|与|以及)?$")
"""Text between two coordinated METRICs (「示范地区和示范项目」) or two figures read respectively."""
_SPAN_OF_TIME = re.compile(r"(?:年|个月|個月|月|周|天|日)$")
_SPAN_OF_TIME_LEAD = ("连续", "連續", "近")

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
        return not gap.strip() or _metric_right_after(ctx, right) is None
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


def _coordinated_run(ctx: _Context, items: list[int], first: int, step: int, gap: re.Pattern[str]) -> list[int]:
    """Entities of ``items`` from position ``first`` on, walking by ``step`` (+1 forward, -1 back), as long as
    the text between neighbours matches ``gap``; in text order."""
    run = [items[first]]
    i = first + step
    while 0 <= i < len(items):
        left, right = (run[-1], items[i]) if step > 0 else (items[i], run[0])
        if not gap.match(ctx.text[ctx.entities[left][1]:ctx.entities[right][0]]):
            break
        run = run + [items[i]] if step > 0 else [items[i]] + run
        i += step
    return run


def _listed_figures_before_metrics(ctx: _Context, groups: list[list[int]], g: int) -> list[tuple[int, int]]:
    """Rule 5, forward: figures ``groups[g:]`` listed over different things, then as many coordinated METRICs."""
    figures = [groups[g]]
    while g + len(figures) < len(groups):
        left, right = figures[-1][-1], groups[g + len(figures)][0]
        gap_start, gap_end = ctx.entities[left][1], ctx.entities[right][0]
        if _between(ctx, gap_start, gap_end, ctx.metrics) or not _FIGURE_LIST_GAP.match(ctx.text[gap_start:gap_end]):
            break
        figures.append(groups[g + len(figures)])
    if len(figures) < 2:
        return []
    after = [i for i, m in enumerate(ctx.metrics) if ctx.entities[m][0] >= ctx.entities[figures[-1][-1]][1]]
    if not after:
        return []
    metrics = _coordinated_run(ctx, ctx.metrics, after[0], 1, _COORDINATION)[: len(figures)]
    first_metric = metrics[0]
    end, start = ctx.entities[figures[-1][-1]][1], ctx.entities[first_metric][0]
    if len(metrics) != len(figures) or start - end > MAX_AFTER_GAP or not _free_gap(ctx, end, start, CLAUSE_BREAKS):
        return []
    return [(q, m) for group, m in zip(figures, metrics) for q in group]


def _metrics_before_listed_figures(ctx: _Context, q: int) -> list[tuple[int, int]]:
    """Rule 5, backward: coordinated METRICs, 分别, then as many figures starting at quantity ``q``."""
    position = ctx.quantities.index(q)
    figures = _coordinated_run(ctx, ctx.quantities, position, 1, _COORDINATION)
    before = [i for i, m in enumerate(ctx.metrics) if ctx.entities[m][1] <= ctx.entities[q][0]]
    if len(figures) < 2 or not before:
        return []
    metrics = _coordinated_run(ctx, ctx.metrics, before[-1], -1, _COORDINATION)[-len(figures):]
    end, start = ctx.entities[metrics[-1]][1], ctx.entities[q][0]
    if (len(metrics) != len(figures) or "分别" not in ctx.text[end:start] or start - end > MAX_BEFORE_GAP
            or not _free_gap(ctx, end, start, CLAUSE_BREAKS)):
        return []
    return list(zip(figures, metrics))


def _respective_pairs(ctx: _Context, groups: list[list[int]], g: int) -> list[tuple[int, int]]:
    """Rule 5 for the figures starting at ``groups[g]``: respective pairs, or none."""
    return _metrics_before_listed_figures(ctx, groups[g][0]) or _listed_figures_before_metrics(ctx, groups, g)


def _link_groups(ctx: _Context) -> list[tuple[int, int]]:
    """Resolve every figure left to right, remembering METRICs claimed from the left."""
    pairs: list[tuple[int, int]] = []
    claimed: set[int] = set()
    groups = _groups(ctx)
    done: set[int] = set()
    for g, group in enumerate(groups):
        if group[0] in done:
            continue
        respective = _respective_pairs(ctx, groups, g)
        if respective:
            pairs.extend(respective)
            done.update(q for q, _ in respective)
            claimed.update(m for _, m in respective)
            continue
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
        quantities=[i for i, e in enumerate(entities) if e[2] in QUANTITY_LABELS and not _span_of_time(text, e)],
        metrics=[i for i, e in enumerate(entities) if e[2] == METRIC_LABEL],
    )
    return _link_groups(ctx)


def _span_of_time(text: str, span: Span) -> bool:
    """Whether a COUNT is a span of time after 连续/近 (「连续三年」), which measures nothing (spec §2b)."""
    start, end, label = span
    return (label == "COUNT" and bool(_SPAN_OF_TIME.search(text[start:end]))
            and text[max(0, start - 2):start].endswith(_SPAN_OF_TIME_LEAD))


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
