"""Character tagging of whole documents with a HuggingFace token-classification model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer, PreTrainedModel

from lawgov_ie.errors import ModelNotFoundError
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.model.windows import Window, plan_windows


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


class CharTagger:
    """Tags every character of a text with a label id, reading the text in overlapping windows."""

    def __init__(self, model: PreTrainedModel, tokenizer, window: int = 256, margin: int = 32, batch_size: int = 16):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.chars = CharInput.from_tokenizer(tokenizer)
        self.window, self.margin, self.batch_size = window, margin, batch_size

    @property
    def content_size(self) -> int:
        """Characters per window (the window less the two special tokens)."""
        return self.window - 2

    def _batches(self, ids: np.ndarray) -> Iterator[list[Window]]:
        batch: list[Window] = []
        for window in plan_windows(len(ids), self.content_size, self.margin):
            batch.append(window)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    @torch.inference_mode()
    def tag(self, text: str) -> np.ndarray:
        """One label id per character of ``text``."""
        ids = self.chars.encode(text)
        tags = np.zeros(len(ids), dtype=np.int16)
        for batch in self._batches(ids):
            width = max(w.end - w.start for w in batch) + 2
            input_ids = torch.full((len(batch), width), self.chars.pad_id, dtype=torch.long)
            attention = torch.zeros((len(batch), width), dtype=torch.long)
            for row, w in enumerate(batch):
                n = w.end - w.start
                input_ids[row, 0] = self.chars.cls_id
                input_ids[row, 1 : n + 1] = torch.from_numpy(ids[w.start : w.end])
                input_ids[row, n + 1] = self.chars.sep_id
                attention[row, : n + 2] = 1
            logits = self.model(input_ids=input_ids, attention_mask=attention).logits
            best = logits.argmax(-1).numpy()
            for row, w in enumerate(batch):
                offset = 1 - w.start
                tags[w.core_start : w.core_end] = best[row, w.core_start + offset : w.core_end + offset]
        return tags
