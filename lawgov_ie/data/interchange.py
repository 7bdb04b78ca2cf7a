"""Import/export for annotation tools that count offsets in UTF-16 code units: doccano and Label Studio."""

from __future__ import annotations

from typing import Any

from lawgov_ie.data.offsets import Utf16Offsets
from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from lawgov_ie.labels import QUANTIFIES


def _shift(doc: AnnotatedDocument, convert) -> list[Entity]:
    return [Entity(e.id, e.label, convert(e.start_offset), convert(e.end_offset), dict(e.attrs)) for e in doc.entities]


def to_doccano(doc: AnnotatedDocument) -> dict[str, Any]:
    """A doccano JSONL record (same schema as ours, offsets in UTF-16 code units)."""
    offsets = Utf16Offsets(doc.text)
    shifted = AnnotatedDocument(doc.id, doc.text, _shift(doc, offsets.to_utf16), doc.relations, doc.meta)
    return shifted.to_dict()


def from_doccano(data: dict[str, Any]) -> AnnotatedDocument:
    """Our record from a doccano JSONL record (UTF-16 offsets → code points)."""
    doc = AnnotatedDocument.from_dict(data)
    offsets = Utf16Offsets(doc.text)
    doc.entities = _shift(doc, offsets.from_utf16)
    return doc


def to_label_studio(doc: AnnotatedDocument) -> dict[str, Any]:
    """A Label Studio task with one annotation: ``labels`` results per entity, ``relation`` results per link."""
    offsets = Utf16Offsets(doc.text)
    result: list[dict[str, Any]] = [
        {"id": str(e.id), "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": offsets.to_utf16(e.start_offset), "end": offsets.to_utf16(e.end_offset),
                   "text": doc.surface(e), "labels": [e.label]}}
        for e in doc.entities
    ]
    result += [
        {"type": "relation", "from_id": str(r.from_id), "to_id": str(r.to_id), "direction": "right",
         "labels": [r.type]}
        for r in doc.relations
    ]
    return {"id": doc.id, "data": {"text": doc.text, "doc_id": doc.id, "meta": doc.meta},
            "annotations": [{"result": result}]}


def from_label_studio(task: dict[str, Any]) -> AnnotatedDocument:
    """Our record from a Label Studio task (its first annotation; UTF-16 offsets → code points)."""
    text = task["data"]["text"]
    offsets = Utf16Offsets(text)
    results = task.get("annotations", [{}])[0].get("result", []) if task.get("annotations") else []
    region_ids: dict[str, int] = {}
    entities: list[Entity] = []
    for item in results:
        if item.get("type") == "labels":
            region_ids[str(item["id"])] = len(entities) + 1
            value = item["value"]
            entities.append(Entity(len(entities) + 1, value["labels"][0],
                                   offsets.from_utf16(value["start"]), offsets.from_utf16(value["end"])))
    relations = [
        Relation(i, region_ids[str(item["from_id"])], region_ids[str(item["to_id"])],
                 (item.get("labels") or [QUANTIFIES])[0])
        for i, item in enumerate((r for r in results if r.get("type") == "relation"), start=1)
    ]
    data = task["data"]
    return AnnotatedDocument(str(data.get("doc_id", task.get("id", ""))), text, entities, relations,
                             dict(data.get("meta", {})))
