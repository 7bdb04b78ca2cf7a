"""The annotation data layer: the JSONL format, validation, offsets and converters."""

from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation, read_jsonl, write_jsonl
from lawgov_ie.data.validation import Problem, validate_document, validate_jsonl

__all__ = [
    "AnnotatedDocument",
    "Entity",
    "Problem",
    "Relation",
    "read_jsonl",
    "validate_document",
    "validate_jsonl",
    "write_jsonl",
]
