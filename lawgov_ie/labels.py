"""The label set of the annotation spec: the one place labels and tags are defined."""

from __future__ import annotations

ENTITY_LABELS: tuple[str, ...] = ("COUNT", "PERCENT", "MONEY", "METRIC", "ORG", "LAW", "DATE")
"""Entity labels, in the order of ANNOTATION_SPEC.md section 2."""

QUANTITY_LABELS: frozenset[str] = frozenset({"COUNT", "PERCENT", "MONEY"})
"""Labels of numbers that may quantify a METRIC."""

METRIC_LABEL = "METRIC"
QUANTIFIES = "QUANTIFIES"
RELATION_TYPES: tuple[str, ...] = (QUANTIFIES,)

OUTSIDE = "O"


def iob2_tags(labels: tuple[str, ...] = ENTITY_LABELS) -> list[str]:
    """All IOB2 tags for ``labels``: ``O`` first, then ``B-X``/``I-X`` per label."""
    tags = [OUTSIDE]
    for label in labels:
        tags += [f"B-{label}", f"I-{label}"]
    return tags


IOB2_TAGS: list[str] = iob2_tags()
TAG2ID: dict[str, int] = {tag: i for i, tag in enumerate(IOB2_TAGS)}
ID2TAG: dict[int, str] = dict(enumerate(IOB2_TAGS))
