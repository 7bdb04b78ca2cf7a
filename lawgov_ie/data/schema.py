"""The doccano-compatible JSONL format of ANNOTATION_SPEC.md: the one reader and writer of it.

Gold files and predictions share this schema, so a prediction and a gold line compare field by field.
Offsets are Python ``str`` indices (code points), ``end_offset`` exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgov_ie.errors import AnnotationError
from lawgov_ie.labels import QUANTIFIES

_ENTITY_KEYS = ("id", "label", "start_offset", "end_offset")
_RELATION_KEYS = ("id", "from_id", "to_id", "type")


@dataclass
class Entity:
    """One labelled span; ``attrs`` keeps any extra fields (``text``, ``value``, ``unit`` …) in order."""

    id: int
    label: str
    start_offset: int
    end_offset: int
    attrs: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        try:
            core = {key: data[key] for key in _ENTITY_KEYS}
        except KeyError as exc:
            raise AnnotationError(f"entity {data!r} lacks the field {exc.args[0]!r}") from None
        attrs = {key: value for key, value in data.items() if key not in _ENTITY_KEYS}
        return cls(**core, attrs=attrs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "start_offset": self.start_offset,
            "end_offset": self.end_offset,
            **self.attrs,
        }

    @property
    def span(self) -> tuple[int, int]:
        return (self.start_offset, self.end_offset)


@dataclass
class Relation:
    """A directed relation between two entity ids (``from_id`` is the quantity for QUANTIFIES)."""

    id: int
    from_id: int
    to_id: int
    type: str = QUANTIFIES

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Relation:
        try:
            return cls(**{key: data[key] for key in _RELATION_KEYS})
        except KeyError as exc:
            raise AnnotationError(f"relation {data!r} lacks the field {exc.args[0]!r}") from None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "from_id": self.from_id, "to_id": self.to_id, "type": self.type}


@dataclass
class AnnotatedDocument:
    """One JSONL line: a whole document with its entities and relations."""

    id: str
    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnotatedDocument:
        if not isinstance(data, dict) or "text" not in data:
            raise AnnotationError("a record must be a JSON object with a 'text' field")
        return cls(
            id=str(data.get("id", "")),
            text=data["text"],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            relations=[Relation.from_dict(r) for r in data.get("relations", [])],
            meta=dict(data.get("meta", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "meta": self.meta,
        }

    def entity_by_id(self) -> dict[int, Entity]:
        return {e.id: e for e in self.entities}

    def surface(self, entity: Entity) -> str:
        """The text an entity covers."""
        return self.text[entity.start_offset : entity.end_offset]

    def spans(self) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every entity, sorted by offset."""
        return sorted((e.start_offset, e.end_offset, e.label) for e in self.entities)


def parse_line(line: str, line_number: int = 0) -> AnnotatedDocument:
    """Parse one JSONL line, naming the line in any error."""
    try:
        return AnnotatedDocument.from_dict(json.loads(line))
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"line {line_number}: not valid JSON ({exc.msg})") from None
    except AnnotationError as exc:
        raise AnnotationError(f"line {line_number}: {exc}") from None


def iter_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of the non-blank lines of a UTF-8 JSONL file."""
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def read_jsonl(path: str | Path) -> list[AnnotatedDocument]:
    """All documents of a JSONL file (or of every ``*.jsonl`` in a folder, sorted by name)."""
    path = Path(path)
    if path.is_dir():
        return [doc for file in sorted(path.glob("*.jsonl")) for doc in read_jsonl(file)]
    return [parse_line(line, number) for number, line in iter_lines(path)]


def write_jsonl(docs: Iterable[AnnotatedDocument | dict[str, Any]], path: str | Path) -> None:
    """Write documents as UTF-8 JSONL, one per line, characters unescaped."""
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for doc in docs:
            data = doc.to_dict() if isinstance(doc, AnnotatedDocument) else doc
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
