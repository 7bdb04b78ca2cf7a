"""The custom attributes the pipeline writes on spaCy objects.

- ``doc._.text_view``: the clean view the NER is to read (``lawgov_ie.text.TextView``), or None; the NER
  releases it after tagging, so processed Docs serialise (``doc.to_bytes``, ``DocBin(store_user_data=True)``).
- ``doc._.relations``: QUANTIFIES links as ``{"from": [start, end], "to": [start, end], "type": ...}`` in
  character offsets, so they survive serialisation; ``relation_spans`` turns them into Span pairs.
- ``span._.quantity``: the normalised value of a COUNT/PERCENT/MONEY entity (a dict), or None.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

Doc.set_extension("text_view", default=None, force=True)
Doc.set_extension("relations", default=None, force=True)
Span.set_extension("quantity", default=None, force=True)


def get_relations(doc: Doc) -> list[dict]:
    """The document's relations (an empty list before the relation component has run)."""
    return list(doc._.relations or [])


def relation_spans(doc: Doc) -> list[tuple[Span, Span, str]]:
    """``(quantity span, METRIC span, type)`` for each relation of ``doc``."""
    by_offsets = {(ent.start_char, ent.end_char): ent for ent in doc.ents}
    return [
        (by_offsets[tuple(rel["from"])], by_offsets[tuple(rel["to"])], rel["type"])
        for rel in get_relations(doc)
        if tuple(rel["from"]) in by_offsets and tuple(rel["to"]) in by_offsets
    ]
