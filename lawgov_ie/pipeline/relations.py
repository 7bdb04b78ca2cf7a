"""``lawgov_relations``: link each COUNT/PERCENT/MONEY entity to the METRIC it quantifies."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lawgov_ie.labels import METRIC_LABEL, QUANTIFIES
from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.relations.linker import link_quantities


class RelationComponent:
    """Sets ``doc._.relations`` from the entities with the rule-based linker (chosen on dev scores).

    With ``drop_unlinked_metrics`` a METRIC that no quantity links to is removed from ``doc.ents``: the
    annotation spec only has METRICs that a quantity quantifies, so such a span is a tagging error.
    """

    def __init__(self, name: str = "lawgov_relations", drop_unlinked_metrics: bool = True) -> None:
        self.name = name
        self.drop_unlinked_metrics = drop_unlinked_metrics

    def __call__(self, doc: Doc) -> Doc:
        relations = []
        text = doc.text  # spaCy joins every token for each ``doc.text``: read it once, not once per sentence
        for ents in self._sentence_groups(doc):
            spans = [(ent.start_char, ent.end_char, ent.label_) for ent in ents]
            relations += [
                {"from": [ents[q].start_char, ents[q].end_char], "to": [ents[m].start_char, ents[m].end_char],
                 "type": QUANTIFIES}
                for q, m in link_quantities(text, spans)
            ]
        doc._.relations = relations
        if self.drop_unlinked_metrics:
            linked = {tuple(rel["to"]) for rel in relations}
            doc.ents = [e for e in doc.ents if e.label_ != METRIC_LABEL or (e.start_char, e.end_char) in linked]
        return doc

    @staticmethod
    def _sentence_groups(doc: Doc) -> list[list]:
        """Entities grouped by sentence (links never cross one), so linking stays linear on long texts."""
        if not doc.has_annotation("SENT_START"):
            return [list(doc.ents)]
        groups: dict[int, list] = {}
        for ent in doc.ents:
            groups.setdefault(ent.sent.start, []).append(ent)
        return [ents for ents in groups.values() if any(e.label_ == METRIC_LABEL for e in ents)]


@Language.factory("lawgov_relations", assigns=["doc._.relations", "doc.ents"], requires=["doc.ents"],
                  default_config={"drop_unlinked_metrics": True})
def make_relations(nlp: Language, name: str, drop_unlinked_metrics: bool) -> RelationComponent:
    """Create the relation component (rule-based: it has no weights)."""
    return RelationComponent(name, drop_unlinked_metrics)
