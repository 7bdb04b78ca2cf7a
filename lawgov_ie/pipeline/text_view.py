"""``lawgov_text_view``: give the NER a clean view of the text (see ``lawgov_ie.text.view``)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.text.view import build_view


class TextViewComponent:
    """Sets ``doc._.text_view``; the Doc's own text and offsets stay the original ones."""

    def __init__(self, name: str = "lawgov_text_view", simplify: bool = True, strip_residue: bool = True,
                 fold_width: bool = True) -> None:
        self.name = name
        self.options = {"simplify": simplify, "strip_residue": strip_residue, "fold_width": fold_width}

    def __call__(self, doc: Doc) -> Doc:
        doc._.text_view = build_view(doc.text, **self.options)
        return doc


@Language.factory(
    "lawgov_text_view",
    assigns=["doc._.text_view"],
    default_config={"simplify": True, "strip_residue": True, "fold_width": True},
)
def make_text_view(nlp: Language, name: str, simplify: bool, strip_residue: bool, fold_width: bool) -> TextViewComponent:
    """Create the clean-view component.

    simplify (bool): map traditional characters to simplified ones (OpenCC t2s).
    strip_residue (bool): drop pinyin/ruby residue such as ``(zhèng)`` after characters.
    fold_width (bool): fold full-width digits, letters and signs to ASCII.
    """
    return TextViewComponent(name, simplify, strip_residue, fold_width)
