"""``lawgov_relations``: link each COUNT/PERCENT/MONEY entity to the METRIC it quantifies."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lawgov_ie.labels import QUANTIFIES
from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.relations.linker import link_quantities


class RelationComponent:
    """Sets ``doc._.relations`` from the entities with the rule-based linker (chosen on dev scores)."""

    def __init__(self, name: str = "lawgov_relations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        spans = [(ent.start_char, ent.end_char, ent.label_) for ent in ents]
        doc._.relations = [
            {"from": [ents[q].start_char, ents[q].end_char], "to": [ents[m].start_char, ents[m].end_char],
             "type": QUANTIFIES}
            for q, m in link_quantities(doc.text, spans)
        ]
        return doc


@Language.factory("lawgov_relations", assigns=["doc._.relations"], requires=["doc.ents"])
def make_relations(nlp: Language, name: str) -> RelationComponent:
    """Create the relation component (rule-based: it has no weights)."""
    return RelationComponent(name)
