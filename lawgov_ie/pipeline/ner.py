"""``lawgov_ner``: a fine-tuned BERT-family token classifier over whole documents → ``doc.ents``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

from lawgov_ie.data.iob import spans_from_tags
from lawgov_ie.data.spacy_docs import set_entities
from lawgov_ie.data.spans import trim_span
from lawgov_ie.errors import ModelNotFoundError
from lawgov_ie.model.tagger import CharTagger, load_token_classifier
from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.text.view import TextView, identity_view

MODEL_FOLDER = "model"


class LawgovNER:
    """Tags the clean view of each Doc and sets character-exact entities on the original text."""

    def __init__(self, name: str = "lawgov_ner", window: int = 256, margin: int = 32, batch_size: int = 16) -> None:
        self.name = name
        self.cfg = {"window": window, "margin": margin, "batch_size": batch_size}
        self.tagger: CharTagger | None = None

    def set_model(self, model, tokenizer) -> None:
        """Attach a HuggingFace token-classification model and its tokenizer."""
        self.tagger = CharTagger(model, tokenizer, **self.cfg)

    @property
    def labels(self) -> tuple[str, ...]:
        if self.tagger is None:
            return ()
        tags = self.tagger.model.config.id2label.values()
        return tuple(sorted({tag[2:] for tag in tags if tag != "O"}))

    def predict_spans(self, view: TextView, original: str) -> list[tuple[int, int, str]]:
        """Entity spans in ORIGINAL offsets for a text seen through ``view``."""
        if self.tagger is None:
            raise ModelNotFoundError(f"component {self.name!r} has no model; load a trained pipeline")
        id2label = self.tagger.model.config.id2label
        tags = [id2label[int(i)] for i in self.tagger.tag(view.text)]
        spans = []
        for start, end, label in spans_from_tags(tags):
            start, end = trim_span(original, *view.to_original(start, end))
            if start < end:
                spans.append((start, end, label))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        view = doc._.text_view or identity_view(doc.text)
        return set_entities(doc, self.predict_spans(view, doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """spaCy's entity P/R/F (the project's own seqeval report is ``lawgov_ie.evaluation``)."""
        return get_ner_prf(examples)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps(self.cfg, indent=2), encoding="utf-8")
        if self.tagger is not None:
            self.tagger.model.save_pretrained(path / MODEL_FOLDER, safe_serialization=True)
            self.tagger.tokenizer.save_pretrained(path / MODEL_FOLDER)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> LawgovNER:
        path = Path(path)
        if (path / MODEL_FOLDER).is_dir():
            self.set_model(*load_token_classifier(path / MODEL_FOLDER))
        return self


@Language.factory(
    "lawgov_ner",
    assigns=["doc.ents"],
    default_config={"window": 256, "margin": 32, "batch_size": 16},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_ner(nlp: Language, name: str, window: int, margin: int, batch_size: int) -> LawgovNER:
    """Create the NER component (its model comes from the pipeline folder or ``set_model``).

    window (int): tokens per model window, special tokens included (at most the model's positions).
    margin (int): characters of context on each side of a window's decided core.
    batch_size (int): windows per forward pass.
    """
    return LawgovNER(name, window, margin, batch_size)
