"""Checks that an annotated document keeps every rule of the JSONL contract."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lawgov_ie.data.spans import edge_problem
from lawgov_ie.data.schema import AnnotatedDocument, iter_lines, parse_line
from lawgov_ie.errors import AnnotationError
from lawgov_ie.labels import ENTITY_LABELS, METRIC_LABEL, QUANTITY_LABELS, RELATION_TYPES


@dataclass(frozen=True)
class Problem:
    """One broken rule, located by JSONL line and document id."""

    line: int
    doc_id: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.doc_id}): {self.message}"


def validate_document(doc: AnnotatedDocument) -> list[str]:
    """Every rule ``doc`` breaks, as readable messages (empty when it is clean)."""
    problems: list[str] = []
    n = len(doc.text)
    ids = Counter(e.id for e in doc.entities)
    problems += [f"entity id {i} is used {c} times" for i, c in ids.items() if c > 1]
    for e in doc.entities:
        where = f"entity {e.id} [{e.start_offset}:{e.end_offset}]"
        if e.label not in ENTITY_LABELS:
            problems.append(f"{where}: unknown label {e.label!r}")
        if not (isinstance(e.start_offset, int) and isinstance(e.end_offset, int)):
            problems.append(f"{where}: offsets must be integers")
            continue
        if not 0 <= e.start_offset < e.end_offset <= n:
            problems.append(f"{where}: offsets out of range for a text of {n} characters")
            continue
        surface = doc.surface(e)
        if "text" in e.attrs and e.attrs["text"] != surface:
            problems.append(f"{where}: text {e.attrs['text']!r} but the span covers {surface!r}")
        edge = edge_problem(surface)
        if edge:
            problems.append(f"{where} {surface!r}: {edge}")
    ordered = sorted(
        (e for e in doc.entities if isinstance(e.start_offset, int) and isinstance(e.end_offset, int)),
        key=lambda e: (e.start_offset, e.end_offset),
    )
    for left, right in zip(ordered, ordered[1:]):
        if right.start_offset < left.end_offset:
            problems.append(f"entities {left.id} and {right.id} overlap")
    problems += _relation_problems(doc)
    return problems


def _relation_problems(doc: AnnotatedDocument) -> list[str]:
    problems: list[str] = []
    by_id = doc.entity_by_id()
    rel_ids = Counter(r.id for r in doc.relations)
    problems += [f"relation id {i} is used {c} times" for i, c in rel_ids.items() if c > 1]
    per_quantity = Counter(r.from_id for r in doc.relations)
    for r in doc.relations:
        where = f"relation {r.id}"
        if r.type not in RELATION_TYPES:
            problems.append(f"{where}: unknown type {r.type!r}")
        head, tail = by_id.get(r.from_id), by_id.get(r.to_id)
        if head is None or tail is None:
            problems.append(f"{where}: endpoint {r.from_id if head is None else r.to_id} does not exist")
            continue
        if head.label not in QUANTITY_LABELS:
            problems.append(f"{where}: starts at a {head.label}, not a COUNT/PERCENT/MONEY")
        if tail.label != METRIC_LABEL:
            problems.append(f"{where}: ends at a {tail.label}, not a METRIC")
    problems += [f"quantity {q} has {c} relations (at most one)" for q, c in per_quantity.items() if c > 1]
    targets = {r.to_id for r in doc.relations}
    problems += [
        f"METRIC {e.id} {doc.surface(e)!r} quantifies nothing (no relation points to it)"
        for e in doc.entities
        if e.label == METRIC_LABEL and e.id not in targets
    ]
    return problems


def validate_jsonl(path: str | Path) -> list[Problem]:
    """Every problem of every line of a JSONL file, with line numbers."""
    found: list[Problem] = []
    for number, line in iter_lines(path):
        try:
            doc = parse_line(line, number)
        except AnnotationError as exc:
            found.append(Problem(number, "?", str(exc)))
            continue
        found += [Problem(number, doc.id, message) for message in validate_document(doc)]
    return found
