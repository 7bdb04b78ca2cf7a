"""One input piece per character, so every character boundary is a token boundary.

For an XLM-R/e5 unigram vocabulary a character maps to its bare piece, else to ``▁`` + character;
for a WordPiece vocabulary (bert-base-chinese …) to the character or its lower case. Whitespace maps
to ``▁`` where the vocabulary has it. Anything else is the unknown piece.
"""

from __future__ import annotations

import numpy as np

SPACE_PIECE = "▁"


class CharInput:
    """Maps texts to input ids, exactly one id per character."""

    def __init__(self, vocab: dict[str, int], unk_id: int, cls_id: int, sep_id: int, pad_id: int) -> None:
        self.vocab = vocab
        self.unk_id, self.cls_id, self.sep_id, self.pad_id = unk_id, cls_id, sep_id, pad_id
        self.space_id = vocab.get(SPACE_PIECE, unk_id)
        self._cache: dict[str, int] = {}

    @classmethod
    def from_tokenizer(cls, tokenizer) -> CharInput:
        """Build from any HuggingFace tokenizer (fast or slow) of a BERT-family checkpoint."""
        cls_id = tokenizer.cls_token_id if tokenizer.cls_token_id is not None else tokenizer.bos_token_id
        sep_id = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        return cls(tokenizer.get_vocab(), tokenizer.unk_token_id, cls_id, sep_id, pad_id)

    def char_id(self, char: str) -> int:
        """The input id of one character."""
        found = self._cache.get(char)
        if found is None:
            if char.isspace():
                found = self.space_id
            else:
                found = self.vocab.get(char)
                if found is None:
                    found = self.vocab.get(SPACE_PIECE + char, self.vocab.get(char.lower(), self.unk_id))
            self._cache[char] = found
        return found

    def encode(self, text: str) -> np.ndarray:
        """Input ids of ``text``, one per character (no special tokens).

        Vectorised: the text's code points are looked up once per distinct character.
        """
        if not text:
            return np.zeros(0, dtype=np.int64)
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        distinct, inverse = np.unique(points, return_inverse=True)
        table = np.fromiter((self.char_id(chr(p)) for p in distinct.tolist()), dtype=np.int64, count=len(distinct))
        return table[inverse.reshape(-1)]
