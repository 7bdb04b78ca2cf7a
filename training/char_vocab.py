"""Shrink a unigram (XLM-R/e5) encoder to the single-character pieces the character-level NER reads."""

from __future__ import annotations

import json

import torch
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
from transformers import PreTrainedModel, PreTrainedTokenizerFast

SPECIALS = ("<s>", "<pad>", "</s>", "<unk>")


def character_pieces(vocab: list[tuple[str, float]]) -> list[int]:
    """Ids of the pieces a character can map to: specials, ``▁``, bare characters, and ``▁c`` where ``c`` is absent."""
    bare = {piece for piece, _ in vocab if len(piece) == 1}
    keep = []
    for i, (piece, _) in enumerate(vocab):
        if piece in SPECIALS or len(piece) == 1:
            keep.append(i)
        elif len(piece) == 2 and piece[0] == "▁" and piece[1] not in bare:
            keep.append(i)
    return keep


def shrink_to_characters(model: PreTrainedModel, tokenizer: PreTrainedTokenizerFast):
    """A copy of ``tokenizer`` with only character pieces, and ``model``'s word embeddings cut to match."""
    spec = json.loads(tokenizer.backend_tokenizer.to_str())
    vocab = [(piece, score) for piece, score in spec["model"]["vocab"]]
    keep = character_pieces(vocab)
    new_vocab = [vocab[i] for i in keep]
    unk_id = [p for p, _ in new_vocab].index("<unk>")
    backend = Tokenizer(models.Unigram(new_vocab, unk_id=unk_id))
    backend.normalizer = normalizers.NFKC()
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    bos, eos = [p for p, _ in new_vocab].index("<s>"), [p for p, _ in new_vocab].index("</s>")
    backend.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    small = PreTrainedTokenizerFast(
        tokenizer_object=backend, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>",
        cls_token="<s>", sep_token="</s>",
    )
    old = model.get_input_embeddings().weight.data
    embedding = torch.nn.Embedding(len(keep), old.shape[1], padding_idx=small.pad_token_id)
    embedding.weight.data = old[torch.tensor(keep)].clone()
    model.set_input_embeddings(embedding)
    model.config.vocab_size = len(keep)
    model.config.pad_token_id = small.pad_token_id
    return model, small
