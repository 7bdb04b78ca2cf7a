"""The model card names the data a model was trained on, auxiliary and augmented windows included."""

from __future__ import annotations

from lawgov_ie.pipeline.build import render_model_card

SCORES = {"entities": {"micro avg": {"precision": 0.9, "recall": 0.8, "f1": 0.847, "support": 10}}}


def card(**training) -> str:
    return render_model_card({"name": "m", "version": "1", "pipeline": ["lawgov_ner"], "performance": SCORES,
                              "lawgov_training": {"train_documents": 2, "train_characters": 9, "train_windows": 3,
                                                  "config": {"augmentation": {"copies": 1, "rate": 0.5}},
                                                  **training}})


def test_card_lists_auxiliary_and_mention_replaced_windows_only_when_used():
    plain = card()
    assert "CLUENER2020" not in plain and "mention replacement" not in plain
    used = card(auxiliary_windows=4, mention_replaced_windows=5)
    assert "- auxiliary: 4 windows of CLUENER2020" in used
    assert "- mention replacement: 5 windows" in used and '"copies": 1' in used
    assert "| micro avg | 0.900 | 0.800 | 0.847 | 10 |" in used


def test_card_names_weight_averaging_only_when_used():
    assert "weight averaging" not in card(steps_averaged=0)
    assert "- weight averaging: the weights of the last 350 steps, averaged" in card(steps_averaged=350)


def test_card_names_synthetic_documents_only_when_used():
    assert "synthetic" not in card()
    used = card(synthetic_documents=3, synthetic_characters=4500, synthetic_windows=40,
                config={"paths": {"synthetic": "annotations/synthetic.jsonl"}})
    assert "- synthetic: 3 documents (4500 characters, 40 windows)" in used
    assert "`annotations/synthetic.jsonl`" in used
