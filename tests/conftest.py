"""Shared fixtures: a tiny randomly initialised BERT built in the test, and the slow-test switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS = REPO / "annotations"


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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


@pytest.fixture(scope="session")
def tiny_classifier():
    return make_tiny_classifier()


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory, tiny_classifier):
    """A complete pipeline folder (character segmentation, tiny random NER) saved to disk."""
    from lawgov_ie.pipeline.build import build_pipeline

    model, tokenizer = tiny_classifier
    nlp = build_pipeline(model, tokenizer, segmenter=None, window=64, margin=8)
    path = tmp_path_factory.mktemp("pipelines") / "tiny"
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="session")
def shipped_model_dir():
    from lawgov_ie.api import default_model_path

    return default_model_path()
