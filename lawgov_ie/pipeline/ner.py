"""``lawgov_ner``: a fine-tuned BERT-family token classifier over whole documents → ``doc.ents``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

from lawgov_ie.data.spacy_docs import set_entities
from lawgov_ie.data.spans import trim_span
from lawgov_ie.errors import ModelNotFoundError
from lawgov_ie.model.decoding import clean_spans, decode_tag_ids
from lawgov_ie.model.span_rules import apply_span_rules
from lawgov_ie.model.tagger import CharTagger, load_token_classifier
from lawgov_ie.model.word_edges import snap_metric_edges
from lawgov_ie.pipeline import extensions  # noqa: F401
from lawgov_ie.text.view import TextView, identity_view
from lawgov_ie.text.words import load_segmenter

MODEL_FOLDER = "model"


class LawgovNER:
    """Tags the clean view of each Doc and sets character-exact entities on the original text."""

    def __init__(self, name: str = "lawgov_ner", window: int = 256, margin: int = 32, batch_size: int = 16,
                 metric_word_edges: bool = True) -> None:
        self.name = name
        self.cfg = {"window": window, "margin": margin, "batch_size": batch_size}
        self.metric_word_edges = metric_word_edges
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

    def _require_tagger(self) -> CharTagger:
        if self.tagger is None:
            raise ModelNotFoundError(f"component {self.name!r} has no model; load a trained pipeline")
        return self.tagger

    def spans_from_tags(self, tags: np.ndarray, view: TextView, original: str) -> list[tuple[int, int, str]]:
        """Entity spans in ORIGINAL offsets from the tag ids of ``view``'s characters."""
        decoded = decode_tag_ids(tags, self._require_tagger().model.config.id2label)
        if self.metric_word_edges:
            decoded = snap_metric_edges(view.text, decoded)
        spans = apply_span_rules(original, [(*view.to_original(s, e), label) for s, e, label in decoded])
        trimmed = [(*trim_span(original, start, end), label) for start, end, label in spans]
        return clean_spans([span for span in trimmed if span[0] < span[1]])

    def _finish(self, doc: Doc, view: TextView, tags: np.ndarray) -> Doc:
        # the view is a working copy for tagging: released here, so a long report's memory is not held twice
        # and the Doc stays serialisable (``doc.to_bytes`` keeps user data; a TextView is not msgpack data)
        doc._.text_view = None
        return set_entities(doc, self.spans_from_tags(tags, view, doc.text))

    def __call__(self, doc: Doc) -> Doc:
        view = doc._.text_view or identity_view(doc.text)
        return self._finish(doc, view, self._require_tagger().tag(view.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        """Tag ``batch_size`` Docs at a time, packing their windows into shared forward passes."""
        tagger = self._require_tagger()
        docs = iter(docs)
        while batch := list(islice(docs, max(1, batch_size))):
            views = [doc._.text_view or identity_view(doc.text) for doc in batch]
            for doc, view, tags in zip(batch, views, tagger.tag_many([v.text for v in views])):
                yield self._finish(doc, view, tags)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        """spaCy's entity P/R/F (the project's own seqeval report is ``lawgov_ie.evaluation``)."""
        return get_ner_prf(examples)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps(self.cfg, indent=2), encoding="utf-8")
        if self.tagger is not None:
            # stored in float16 to halve the download (loaded back as float32; dev F1 unchanged)
            half = {name: tensor.half() for name, tensor in self.tagger.model.state_dict().items()}
            self.tagger.model.save_pretrained(path / MODEL_FOLDER, safe_serialization=True, state_dict=half)
            self.tagger.tokenizer.save_pretrained(path / MODEL_FOLDER)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> LawgovNER:
        path = Path(path)
        if (path / MODEL_FOLDER).is_dir():
            self.set_model(*load_token_classifier(path / MODEL_FOLDER))
            if self.metric_word_edges or self.tagger.reads_word_positions:
                load_segmenter()  # at load time, so the first document does not pay for it
        return self


@Language.factory(
    "lawgov_ner",
    assigns=["doc.ents"],
    default_config={"window": 256, "margin": 32, "batch_size": 16, "metric_word_edges": True},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_ner(nlp: Language, name: str, window: int, margin: int, batch_size: int,
             metric_word_edges: bool = True) -> LawgovNER:
    """Create the NER component (its model comes from the pipeline folder or ``set_model``).

    window (int): tokens per model window, special tokens included (at most the model's positions).
    margin (int): characters of context on each side of a window's decided core.
    batch_size (int): windows per forward pass.
    metric_word_edges (bool): move a METRIC edge that slips one character inside a word to the word edge (word_edges.py).
    """
    return LawgovNER(name, window, margin, batch_size, metric_word_edges)
