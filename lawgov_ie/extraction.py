"""``Extraction``: the facts found in one text, as typed objects, annotation-schema dicts or table rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from lawgov_ie.data.spacy_docs import record_from_doc
from lawgov_ie.labels import QUANTITY_LABELS


@dataclass(frozen=True)
class Quantity:
    """A number found in the text, its normalised value and the measure it quantifies."""

    entity: Entity
    measure: Entity | None
    sentence: str
    value: float | None
    unit: str | None
    lower: float | None
    upper: float | None
    approximate: bool
    period: str | None
    period_text: str | None

    @property
    def text(self) -> str:
        return self.entity.attrs["text"]

    @property
    def measure_text(self) -> str | None:
        return self.measure.attrs["text"] if self.measure else None


class Extraction:
    """Entities, relations and quantities of one document, backed by the processed spaCy ``Doc``."""

    def __init__(self, doc: Doc, doc_id: str = "", meta: dict[str, Any] | None = None) -> None:
        self.doc = doc
        self.record: AnnotatedDocument = record_from_doc(doc, doc_id, meta or {}, with_attrs=True)

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def text(self) -> str:
        return self.record.text

    @property
    def entities(self) -> list[Entity]:
        return self.record.entities

    @property
    def relations(self) -> list[Relation]:
        return self.record.relations

    def quantities(self) -> list[Quantity]:
        """Every COUNT/PERCENT/MONEY entity with its measure (if any), value, unit, bounds and period."""
        by_id = self.record.entity_by_id()
        measure_of = {r.from_id: by_id[r.to_id] for r in self.relations}
        sentences = {(s.start_char, s.end_char): s.text for s in self.doc.sents} if self.doc.has_annotation(
            "SENT_START") else {}
        found = []
        for entity in self.entities:
            if entity.label not in QUANTITY_LABELS:
                continue
            sentence = next((text for (a, b), text in sentences.items()
                             if a <= entity.start_offset < b), "")
            attrs = entity.attrs
            found.append(Quantity(
                entity=entity, measure=measure_of.get(entity.id), sentence=sentence.strip(),
                value=attrs.get("value"), unit=attrs.get("unit"), lower=attrs.get("lower"),
                upper=attrs.get("upper"), approximate=bool(attrs.get("approximate", False)),
                period=attrs.get("period"), period_text=attrs.get("period_text"),
            ))
        return found

    def to_dict(self) -> dict[str, Any]:
        """The annotation-file schema of ANNOTATION_SPEC.md, entities carrying ``text`` (and values)."""
        return self.record.to_dict()

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per quantity (see ``lawgov_ie.export.table``)."""
        from lawgov_ie.export.table import quantity_records

        return quantity_records(self)

    def __repr__(self) -> str:
        return f"Extraction(id={self.id!r}, entities={len(self.entities)}, relations={len(self.relations)})"
