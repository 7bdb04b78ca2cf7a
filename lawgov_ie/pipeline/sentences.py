"""``lawgov_sentences``: spaCy's rule-based sentencizer, with opening marks kept on the sentence they open.

spaCy's ``Sentencizer`` keeps every punctuation token after a sentence end on the sentence before. That suits
closing marks (「…办结。”」) but not opening ones: in 「办结率99.6%。“一件事一次办”线上线下收件共484件」 the “ went to the
sentence before, the measure 「“一件事一次办”线上线下收件」 straddled two sentences, and the relation layer, which
links within a sentence, left 484件 without its measure. Here a run of opening marks right after the end starts
the next sentence, as the reader reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from lawgov_ie.data.spans import PAIRED_MARKS

SENTENCE_ENDS: list[str] = ["。", "！", "？", "!", "?", "；", ";", "\n"]
"""Characters that end a sentence in the reports (headings and paragraphs each take a line)."""
OPENING_MARKS = frozenset(open_ for open_, close in PAIRED_MARKS.items() if open_ != close)
"""Marks that only open (“, 《, (, 【 …); a straight quote may close as well, so it stays where spaCy puts it."""


class ReportSentencizer(Sentencizer):
    """spaCy's ``Sentencizer``, except that opening marks after a sentence end begin the next sentence."""

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        docs = list(docs)
        guesses = super().predict(docs)
        for doc, starts in zip(docs, guesses):
            _move_starts_before_opening_marks(doc, starts)
        return guesses


def _move_starts_before_opening_marks(doc: Doc, starts: list[bool]) -> None:
    """Move each sentence start back over the tokens of opening marks that precede it."""
    for i in range(1, len(starts)):
        if not starts[i]:
            continue
        first = i
        while first > 0 and _only_opening_marks(doc[first - 1].text) and not starts[first - 1]:
            first -= 1
        if first < i:
            starts[i], starts[first] = False, True


def _only_opening_marks(text: str) -> bool:
    return bool(text) and all(char in OPENING_MARKS for char in text)


@Language.factory(
    "lawgov_sentences",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={"punct_chars": SENTENCE_ENDS, "overwrite": False,
                    "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentences(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool,
                   scorer: Callable | None) -> ReportSentencizer:
    """Create the sentence splitter.

    punct_chars (list[str]): characters that end a sentence (default: the reports' 。！？；, their ASCII forms, newline).
    overwrite (bool): replace sentence starts an earlier component set.
    scorer (Callable | None): spaCy's sentence scorer, as for its ``sentencizer``.
    """
    return ReportSentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
