"""JSONL records ↔ spaCy ``Doc``/``DocBin``, without losing a span to tokenisation.

When a word of the tokenizer straddles an entity edge, the word is split at the edge: the span is
never dropped or moved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, SPACY
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


_TOKEN_LEVEL_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "SENT_START", "HEAD")


def _rebuilt_with_entities(doc: Doc, spans: list[tuple[int, int, str]]) -> Doc | None:
    """A new Doc of the same text whose tokens are split at every span edge, with ``spans`` as entities.

    spaCy's retokenizer costs O(tokens) per split (quadratic on a long report with many entities);
    building the Doc once is linear. Returns None when the Doc carries token-level annotations that a
    rebuild would lose (then the caller splits in place).
    """
    if doc.spans or any(doc.has_annotation(attr) for attr in _TOKEN_LEVEL_ANNOTATIONS):
        return None
    if not spans:
        doc.ents = []
        return doc
    table = doc.to_array([IDX, LENGTH, SPACY]).astype(np.int64)
    tok_start, tok_end, tok_space = table[:, 0], table[:, 0] + table[:, 1], table[:, 2].astype(bool)
    edges = np.unique(np.array([offset for start, end, _ in spans for offset in (start, end)], dtype=np.int64))
    owner = np.searchsorted(tok_start, edges, side="right") - 1
    valid = owner >= 0
    edges, owner = edges[valid], owner[valid]
    interior = edges[(tok_start[owner] < edges) & (edges < tok_end[owner])]
    piece_start = np.union1d(tok_start, interior)
    piece_tok = np.searchsorted(tok_start, piece_start, side="right") - 1
    next_start = np.append(piece_start[1:], np.iinfo(np.int64).max)
    piece_end = np.minimum(next_start, tok_end[piece_tok])
    piece_space = tok_space[piece_tok] & (piece_end == tok_end[piece_tok])
    text, shared = doc.text, {}
    # identical words share one str object: a 10 MB report has ~2.6 M tokens but few distinct words
    words = [shared.setdefault(w, w) for w in (text[a:b] for a, b in zip(piece_start.tolist(), piece_end.tolist()))]
    del shared, table
    new = Doc(doc.vocab, words=words, spaces=piece_space.tolist())
    del words
    new.user_data.update(doc.user_data)
    new.cats = dict(doc.cats)
    ents = []
    for start, end, label in spans:
        first = int(np.searchsorted(piece_start, start, side="left"))
        last = int(np.searchsorted(piece_end, end, side="left"))
        if first >= len(piece_start) or piece_start[first] != start or piece_end[last] != end:
            raise ValueError(f"span [{start}:{end}] does not align with the tokens after splitting")
        ents.append(Span(new, first, last + 1, label=label))
    new.ents = ents
    return new


def set_entities(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> Doc:
    """The Doc with ``doc.ents`` set from character spans ``(start, end, label)``, tokens split at their edges.

    Usually a new Doc built once (linear); a Doc with token-level annotations is split in place instead.
    Always use the returned Doc.
    """
    spans = sorted(spans)
    rebuilt = _rebuilt_with_entities(doc, spans)
    if rebuilt is not None:
        return rebuilt
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
