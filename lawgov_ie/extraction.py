"""``Extraction``: the facts found in one text, as typed objects, annotation-schema dicts or table rows."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from lawgov_ie.data.spacy_docs import record_from_doc
from lawgov_ie.labels import QUANTITY_LABELS
from lawgov_ie.text.view import build_view


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

    @property
    def measure_normalised(self) -> str | None:
        """The measure as the model read it (simplified, no pinyin residue, half-width), so that the same measure
        written in traditional characters or scraped with ruby residue groups with the rest (問(wèn)題 → 问题)."""
        return build_view(self.measure_text).text if self.measure else None


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
        sentence_of = self._sentence_finder()
        found = []
        for entity in self.entities:
            if entity.label not in QUANTITY_LABELS:
                continue
            attrs = entity.attrs
            found.append(Quantity(
                entity=entity, measure=measure_of.get(entity.id), sentence=sentence_of(entity.start_offset),
                value=attrs.get("value"), unit=attrs.get("unit"), lower=attrs.get("lower"),
                upper=attrs.get("upper"), approximate=bool(attrs.get("approximate", False)),
                period=attrs.get("period"), period_text=attrs.get("period_text"),
            ))
        return found

    def _sentence_finder(self):
        """``position → sentence text``: the Doc's sentence, kept to the position's line, stripped.

        Reports put every heading and paragraph on its own line; the line cut keeps a sentence to its line
        whatever the sentence splitter did (a Doc from plain spaCy's sentencizer leaves the next line's
        opening bracket, 「(」 of 「(三)」, on the sentence before).
        A bisect over sentence starts keeps this linear on long reports.
        """
        text = self.text
        if not self.doc.has_annotation("SENT_START"):
            return lambda position: ""
        bounds = [(s.start_char, s.end_char) for s in self.doc.sents]
        starts = [start for start, _ in bounds]

        def sentence_of(position: int) -> str:
            index = bisect_right(starts, position) - 1
            if index < 0 or position >= bounds[index][1]:
                return ""
            start, end = bounds[index]
            start = max(start, text.rfind("\n", start, position) + 1)
            line_end = text.find("\n", position, end)
            return text[start:end if line_end < 0 else line_end].strip()

        return sentence_of

    def to_dict(self) -> dict[str, Any]:
        """The annotation-file schema of ANNOTATION_SPEC.md, entities carrying ``text`` (and values)."""
        return self.record.to_dict()

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per quantity (see ``lawgov_ie.export.table``)."""
        from lawgov_ie.export.table import quantity_records

        return quantity_records(self)

    def __repr__(self) -> str:
        return f"Extraction(id={self.id!r}, entities={len(self.entities)}, relations={len(self.relations)})"
