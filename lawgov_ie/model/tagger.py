"""Character tagging of whole documents with a HuggingFace token-classification model."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer, PreTrainedModel

from lawgov_ie.errors import ModelNotFoundError
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.model.decoding import StreamingViterbi, transition_mask
from lawgov_ie.model.windows import Window, plan_windows
from lawgov_ie.text.words import WORD_POSITION_SOURCE, word_position_ids


def load_token_classifier(path: str | Path) -> tuple[PreTrainedModel, object]:
    """Load a token-classification model and its tokenizer from a local folder: safetensors only, offline."""
    path = Path(path)
    if not (path / "config.json").is_file():
        raise ModelNotFoundError(f"{path}: no config.json; expected a HuggingFace model folder")
    model = AutoModelForTokenClassification.from_pretrained(
        path, local_files_only=True, use_safetensors=True, dtype=torch.float32
    )
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model.eval()
    return model, tokenizer


def reads_word_positions(config) -> bool:
    """Whether a model was trained with word-position ids as its token types (``training/train_ner.py``)."""
    return getattr(config, "word_positions", None) == WORD_POSITION_SOURCE


class CharTagger:
    """Tags every character of a text with a label id, reading the text in overlapping windows.

    Windows are planned lazily and run ``batch_size`` at a time; beyond the input ids, a document costs
    only the Viterbi back-pointers (one byte per character and tag).
    """

    PROGRESS_MIN_WINDOWS = 200
    """Texts needing fewer windows (~40 k characters) finish in seconds and show no progress bar."""

    def __init__(self, model: PreTrainedModel, tokenizer, window: int = 256, margin: int = 32, batch_size: int = 16):
        self.model = model.eval()
        self.show_progress = False
        """Whether long texts show a progress bar on stderr (the CLI turns it on)."""
        self.tokenizer = tokenizer
        self.chars = CharInput.from_tokenizer(tokenizer)
        self.window, self.margin, self.batch_size = window, margin, batch_size
        id2label = model.config.id2label
        self.transitions = transition_mask([id2label[i] for i in range(len(id2label))])
        """The IOB2 transition and start masks of this model's tag set."""
        self.reads_word_positions = reads_word_positions(model.config)

    @property
    def content_size(self) -> int:
        """Characters per window (the window less the two special tokens)."""
        return self.window - 2

    def windows(self, texts: Sequence[str]) -> Iterator[tuple[int, Window]]:
        """``(text index, window)`` over all texts, in order."""
        for index, text in enumerate(texts):
            for window in plan_windows(len(text), self.content_size, self.margin):
                yield index, window

    def _batches(self, items: Iterator[tuple[int, Window]]) -> Iterator[list[tuple[int, Window]]]:
        batch: list[tuple[int, Window]] = []
        for item in items:
            batch.append(item)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def encode(self, text: str) -> tuple[np.ndarray, np.ndarray | None]:
        """The model inputs of ``text``: input ids, and word-position ids where the model reads them."""
        return self.chars.encode(text), word_position_ids(text) if self.reads_word_positions else None

    def forward(self, rows: Sequence[np.ndarray], type_rows: Sequence[np.ndarray] | None = None) -> np.ndarray:
        """Tag log-probabilities per position of each row of input ids (CLS/SEP added; result without them).

        ``type_rows`` are the rows' word-position ids, for a model trained to read them.
        """
        width = max(len(r) for r in rows) + 2
        input_ids = torch.full((len(rows), width), self.chars.pad_id, dtype=torch.long)
        attention = torch.zeros((len(rows), width), dtype=torch.long)
        types = torch.zeros((len(rows), width), dtype=torch.long)
        for row, ids in enumerate(rows):
            n = len(ids)
            input_ids[row, 0] = self.chars.cls_id
            input_ids[row, 1 : n + 1] = torch.from_numpy(ids.astype(np.int64, copy=False))
            input_ids[row, n + 1] = self.chars.sep_id
            attention[row, : n + 2] = 1
            if type_rows is not None:
                types[row, 1 : n + 1] = torch.from_numpy(type_rows[row])
        logits = self.model(input_ids=input_ids, attention_mask=attention, token_type_ids=types).logits
        return torch.log_softmax(logits, dim=-1).numpy()[:, 1:]

    @torch.inference_mode()
    def tag_many(self, texts: Sequence[str]) -> list[np.ndarray]:
        """One array of label ids per text, one id per character; windows of all texts share batches.

        Tags are the best legal IOB2 path (Viterbi), fed window core by window core in text order.
        """
        inputs = [self.encode(text) for text in texts]
        decoders = [StreamingViterbi(*self.transitions) for _ in texts]
        progress = self._progress_bar(texts)
        for batch in self._batches(self.windows(texts)):
            ids = [inputs[i][0][w.start : w.end] for i, w in batch]
            types = [inputs[i][1][w.start : w.end] for i, w in batch] if self.reads_word_positions else None
            scores = self.forward(ids, types)
            for row, (i, w) in enumerate(batch):
                decoders[i].feed(scores[row, w.core_start - w.start : w.core_end - w.start])
            progress.update(sum(w.core_end - w.core_start for _, w in batch))
        progress.close()
        return [decoder.finish() for decoder in decoders]

    def _progress_bar(self, texts: Sequence[str]):
        """A tqdm bar in characters over ``texts``, disabled unless asked for and the texts are long."""
        from tqdm import tqdm

        total = sum(map(len, texts))
        long = total > self.PROGRESS_MIN_WINDOWS * (self.content_size - 2 * self.margin)
        return tqdm(total=total, desc="tagging", unit="char", unit_scale=True, file=sys.stderr,
                    disable=not (self.show_progress and long))

    def tag(self, text: str) -> np.ndarray:
        """One label id per character of ``text``."""
        return self.tag_many([text])[0]
