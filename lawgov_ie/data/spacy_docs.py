"""JSONL records ↔ spaCy ``Doc``/``DocBin``, without losing a span to tokenisation.

When a word of the tokenizer straddles an entity edge, the word is split at the edge: the span is
never dropped or moved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin, Span

from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from lawgov_ie.labels import QUANTITY_LABELS
from lawgov_ie.pipeline.extensions import get_relations


def split_tokens_at(doc: Doc, boundaries: Iterable[int]) -> Doc:
    """Split every token that has one of the character ``boundaries`` strictly inside it."""
    cuts: dict[int, list[int]] = {}
    starts = [token.idx for token in doc]
    for boundary in sorted(set(boundaries)):
        i = bisect_right(starts, boundary) - 1
        if i < 0:
            continue
        token = doc[i]
        if token.idx < boundary < token.idx + len(token.text):
            cuts.setdefault(i, []).append(boundary - token.idx)
    if not cuts:
        return doc
    with doc.retokenize() as retokenizer:
        for i, offsets in cuts.items():
            token = doc[i]
            edges = [0, *offsets, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    return doc


def set_entities(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> Doc:
    """Set ``doc.ents`` from character spans ``(start, end, label)``, splitting tokens as needed."""
    spans = sorted(spans)
    split_tokens_at(doc, [offset for start, end, _ in spans for offset in (start, end)])
    ents: list[Span] = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:  # cannot happen after splitting; fail loudly rather than lose data
            raise ValueError(f"span [{start}:{end}] does not align with the tokens after splitting")
        ents.append(span)
    doc.ents = ents
    return doc


def doc_from_record(make_doc: Callable[[str], Doc], record: AnnotatedDocument) -> Doc:
    """A Doc of the record's text with its entities and relations (``make_doc`` is e.g. ``nlp.make_doc``)."""
    doc = set_entities(make_doc(record.text), [(e.start_offset, e.end_offset, e.label) for e in record.entities])
    by_id = record.entity_by_id()
    doc._.relations = [
        {"from": list(by_id[r.from_id].span), "to": list(by_id[r.to_id].span), "type": r.type}
        for r in record.relations
    ]
    doc.user_data["lawgov_id"] = record.id
    doc.user_data["lawgov_meta"] = record.meta
    return doc


def entity_attrs(ent: Span) -> dict[str, Any]:
    """The optional fields of an entity dict: its text and, for quantities, the normalised value."""
    attrs: dict[str, Any] = {"text": ent.text}
    if ent.label_ in QUANTITY_LABELS and ent._.quantity:
        attrs.update(ent._.quantity)
    return attrs


def record_from_doc(
    doc: Doc, doc_id: str | None = None, meta: dict[str, Any] | None = None, with_attrs: bool = False
) -> AnnotatedDocument:
    """The JSONL record of a Doc: entities numbered in text order, relations by those numbers."""
    entities = [
        Entity(i, ent.label_, ent.start_char, ent.end_char, entity_attrs(ent) if with_attrs else {})
        for i, ent in enumerate(doc.ents, start=1)
    ]
    ids = {e.span: e.id for e in entities}
    relations = [
        Relation(i, ids[tuple(rel["from"])], ids[tuple(rel["to"])], rel["type"])
        for i, rel in enumerate(
            (r for r in get_relations(doc) if tuple(r["from"]) in ids and tuple(r["to"]) in ids), start=1
        )
    ]
    return AnnotatedDocument(
        id=doc_id if doc_id is not None else str(doc.user_data.get("lawgov_id", "")),
        text=doc.text,
        entities=entities,
        relations=relations,
        meta=meta if meta is not None else dict(doc.user_data.get("lawgov_meta", {})),
    )


def write_docbin(docs: Iterable[Doc], path: str | Path) -> None:
    """Save Docs (with user data: relations, ids) to a ``.spacy`` file."""
    DocBin(docs=list(docs), store_user_data=True).to_disk(path)


def read_docbin(path: str | Path, vocab) -> list[Doc]:
    """Load the Docs of a ``.spacy`` file."""
    return list(DocBin().from_disk(path).get_docs(vocab))
