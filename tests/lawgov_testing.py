"""Shared test helpers (imported by tests; fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "annotations"



def make_tiny_classifier(chars: str = "", seed: int = 0):
    """A 2-layer, 32-wide BERT token classifier over a character vocabulary, randomly initialised."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    from lawgov_ie.labels import ID2TAG, TAG2ID

    base = "0123456789年月日次件个万亿元%区委政府法条例会议办结率共,，。、《》“”()市司局"
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", *dict.fromkeys(base + chars)]
    backend = Tokenizer(models.WordLevel({p: i for i, p in enumerate(pieces)}, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Split("", "isolated")
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=backend, bos_token="<s>", eos_token="</s>",
                                        unk_token="<unk>", pad_token="<pad>", cls_token="<s>", sep_token="</s>")
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(pieces), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128, num_labels=len(ID2TAG),
                        id2label=dict(ID2TAG), label2id=dict(TAG2ID), pad_token_id=1)
    return BertForTokenClassification(config).eval(), tokenizer


def check_invariants(text: str, result: dict) -> None:
    """Offsets inside the text, exact surfaces, no overlaps, relation endpoints exist."""
    assert result["text"] == text
    previous_end = 0
    for e in result["entities"]:
        assert 0 <= e["start_offset"] < e["end_offset"] <= len(text)
        assert text[e["start_offset"]:e["end_offset"]] == e["text"]
        assert e["start_offset"] >= previous_end
        previous_end = e["end_offset"]
    ids = {e["id"] for e in result["entities"]}
    for r in result["relations"]:
        assert r["from_id"] in ids and r["to_id"] in ids
