"""``lawgov_quantities``: normalised value, unit, bounds and governing period of every quantity entity."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lawgov_ie.labels import QUANTITY_LABELS
from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.quantities.dates import governing_date, normalize_date
from lawgov_ie.quantities.values import normalize_quantity

CONTEXT = 4  # characters either side in which bound words (近, 约, 以上 …) count as adjacent


class QuantityComponent:
    """Sets ``span._.quantity`` on each COUNT/PERCENT/MONEY entity of ``doc.ents``."""

    def __init__(self, name: str = "lawgov_quantities") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        dates = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ == "DATE"]
        for ent in doc.ents:
            if ent.label_ not in QUANTITY_LABELS:
                continue
            before = text[max(0, ent.start_char - CONTEXT) : ent.start_char]
            after = text[ent.end_char : ent.end_char + CONTEXT]
            quantity = normalize_quantity(ent.text, ent.label_, before, after).to_dict()
            governing = governing_date(ent.start_char, dates, text)
            if governing is not None:
                start, end, surface = dates[governing]
                quantity["period"] = normalize_date(surface)
                quantity["period_text"] = surface
            else:
                quantity["period"] = quantity["period_text"] = None
            ent._.quantity = quantity
        return doc


@Language.factory("lawgov_quantities", assigns=["span._.quantity"], requires=["doc.ents"])
def make_quantities(nlp: Language, name: str) -> QuantityComponent:
    """Create the quantity normaliser (rules and cn2an: it has no weights)."""
    return QuantityComponent(name)
