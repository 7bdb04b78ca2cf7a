"""Fine-tune the character-level BERT NER from a config file and write a complete spaCy pipeline folder.

Usage: python -m training.train_ner training/configs/ner.cfg [--set training.max_steps=50 ...]
(also ``lawgov-ie train CONFIG``). Trains on the train split only; the dev split is scored once at the end.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from confection import Config

from lawgov_ie.data import read_jsonl
from lawgov_ie.labels import ID2TAG, TAG2ID
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.text.words import WORD_POSITION_SOURCE, WORD_POSITIONS
from training.augment import augmented_documents
from training.auxiliary import auxiliary_rows
from training.rows import IGNORE, training_rows
from training.weight_averaging import averaging_callbacks


def load_config(path: str | Path, overrides: list[str] = ()) -> dict[str, Any]:
    """Read a config file; ``section.key=value`` overrides are parsed as JSON where possible."""
    config = Config().from_disk(path)
    for item in overrides:
        key, _, raw = item.partition("=")
        section, _, name = key.partition(".")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        config[section][name] = value
    return dict(config)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def read_word_positions(model) -> None:
    """Make ``model`` read word-position ids (``lawgov_ie.text.words``) as its token types.

    Every new type embedding starts as a copy of type 0, the one pretraining used, so the untrained model
    computes exactly what the encoder did; fine-tuning learns what a word edge adds.
    """
    embeddings = model.base_model.embeddings.token_type_embeddings
    types = torch.nn.Embedding(len(WORD_POSITIONS), embeddings.embedding_dim)
    types.weight.data = embeddings.weight.data[:1].repeat(len(WORD_POSITIONS), 1).clone()
    model.base_model.embeddings.token_type_embeddings = types
    model.config.type_vocab_size = len(WORD_POSITIONS)
    model.config.word_positions = WORD_POSITION_SOURCE


def build_model(encoder: Path, init: str, layers: int, word_positions: bool = False):
    """The token classifier and its character tokenizer, from the converted encoder."""
    from transformers import AutoConfig, AutoModelForTokenClassification, AutoTokenizer

    from training.char_vocab import shrink_to_characters

    config = AutoConfig.from_pretrained(encoder, local_files_only=True)
    config.num_hidden_layers = layers
    config.num_labels = len(ID2TAG)
    config.id2label = dict(ID2TAG)
    config.label2id = dict(TAG2ID)
    tokenizer = AutoTokenizer.from_pretrained(encoder, local_files_only=True)
    if init == "pretrained":
        model = AutoModelForTokenClassification.from_pretrained(
            encoder, config=config, local_files_only=True, use_safetensors=True
        )
    elif init == "random":
        model = AutoModelForTokenClassification.from_config(config)
    else:
        raise ValueError(f"model.init must be 'pretrained' or 'random', not {init!r}")
    if word_positions:
        read_word_positions(model)
    return shrink_to_characters(model, tokenizer)


def make_optimizer(model, cfg: dict, steps: int):
    """AdamW with a higher learning rate for the new classification head, linear warm-up and decay."""
    from transformers import get_linear_schedule_with_warmup

    head = [p for n, p in model.named_parameters() if n.startswith("classifier")]
    body = [p for n, p in model.named_parameters() if not n.startswith("classifier")]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": cfg["learning_rate"]}, {"params": head, "lr": cfg["head_learning_rate"]}],
        weight_decay=cfg["weight_decay"],
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, int(cfg["warmup_ratio"] * steps), steps)
    return optimizer, scheduler


def fine_tune(model, tokenizer, rows: list[dict], cfg: dict) -> dict[str, Any]:
    """Train with ``datasets`` + transformers' ``Trainer`` for ``max_steps``: the loss log and steps averaged."""
    from datasets import Dataset
    from transformers import DataCollatorForTokenClassification, Trainer, TrainingArguments

    steps = int(cfg["max_steps"])
    args = TrainingArguments(
        output_dir=str(Path(cfg["output_dir"]) / "checkpoints"),
        per_device_train_batch_size=int(cfg["batch_size"]),
        max_steps=steps,
        logging_steps=max(1, steps // 20),
        save_strategy="no",
        report_to=[],
        seed=int(cfg["seed"]),
        use_cpu=True,
        dataloader_num_workers=0,
        disable_tqdm=False,
    )
    averaging = averaging_callbacks(model, float(cfg.get("average_from", 0)), steps)
    trainer = Trainer(
        model=model,
        callbacks=averaging,
        args=args,
        train_dataset=Dataset.from_list(rows),
        data_collator=DataCollatorForTokenClassification(tokenizer, label_pad_token_id=IGNORE),
        optimizers=make_optimizer(model, cfg, steps),
    )
    trainer.train()
    return {"losses": [entry["loss"] for entry in trainer.state.log_history if "loss" in entry],
            "steps_averaged": sum(callback.steps_averaged for callback in averaging)}


def assemble(model, tokenizer, config: dict[str, Any], training_info: dict[str, Any]) -> Path:
    """Wrap a fine-tuned model into the full pipeline, score it on dev and write folder and model card."""
    from lawgov_ie.pipeline.build import build_pipeline, write_model_card
    from training.evaluate import evaluate_pipeline

    paths, model_cfg = config["paths"], config["model"]
    output = Path(paths["output"])
    nlp = build_pipeline(model.eval(), tokenizer, segmenter=paths.get("segmenter"),
                         window=int(model_cfg["window"]), margin=int(model_cfg["margin"]))
    dev_docs = read_jsonl(paths["dev"]) if paths.get("dev") else []
    scores = evaluate_pipeline(nlp, dev_docs) if dev_docs else {}
    nlp.to_disk(output)
    write_model_card(output, training_info, scores)
    micro = scores.get("entities", {}).get("micro avg", {}).get("f1")
    print(json.dumps({"output": str(output), "dev_entity_micro_f1": micro}, indent=2))
    return output


def train(config: dict[str, Any]) -> Path:
    """Run one training from a parsed config; returns the pipeline folder written."""
    paths, model_cfg, train_cfg = config["paths"], config["model"], dict(config["training"])
    seed_everything(int(train_cfg["seed"]))
    torch.set_num_threads(int(train_cfg.get("threads", 2)))
    output = Path(paths["output"])
    work = output.parent / (output.name + "-work")
    train_cfg["output_dir"] = str(work)
    started = time.time()
    word_positions = bool(model_cfg.get("word_positions", False))
    model, tokenizer = build_model(Path(paths["encoder"]), model_cfg["init"], int(model_cfg["layers"]), word_positions)
    chars = CharInput.from_tokenizer(tokenizer)
    train_docs = read_jsonl(paths["train"])
    rows = training_rows(train_docs, chars, int(model_cfg["window"]) - 2, int(train_cfg["train_stride"]),
                         word_positions)
    synthetic_docs = read_jsonl(paths["synthetic"]) if paths.get("synthetic") else []
    synthetic = training_rows(synthetic_docs, chars, int(model_cfg["window"]) - 2, int(train_cfg["train_stride"]),
                              word_positions)
    aux_cfg = config.get("auxiliary", {})
    aux = []
    if aux_cfg.get("cluener"):
        count = round(float(aux_cfg.get("ratio", 0.5)) * len(rows))
        aux = auxiliary_rows(aux_cfg["cluener"], chars, int(model_cfg["window"]) - 2, count,
                             int(train_cfg["seed"]), word_positions)
    aug_cfg = config.get("augmentation", {})
    swapped = augmented_documents(train_docs, int(aug_cfg.get("copies", 0)), float(aug_cfg.get("rate", 0.5)),
                                  int(train_cfg["seed"]))
    aug = training_rows(swapped, chars, int(model_cfg["window"]) - 2, int(train_cfg["train_stride"]),
                        word_positions)
    print(f"{len(train_docs)} training documents → {len(rows)} windows; {len(synthetic)} synthetic-document windows; "
          f"{len(aux)} auxiliary windows; {len(aug)} mention-replaced windows", file=sys.stderr)
    tuned = fine_tune(model, tokenizer, rows + synthetic + aux + aug, train_cfg)
    losses = tuned["losses"]
    training_info = {
        "config": config,
        "train_documents": len(train_docs),
        "train_characters": sum(len(d.text) for d in train_docs),
        "train_windows": len(rows),
        "synthetic_documents": len(synthetic_docs),
        "synthetic_characters": sum(len(d.text) for d in synthetic_docs),
        "synthetic_windows": len(synthetic),
        "auxiliary_windows": len(aux),
        "mention_replaced_windows": len(aug),
        "final_loss": losses[-1] if losses else None,
        "steps_averaged": tuned["steps_averaged"],
        "seconds": round(time.time() - started, 1),
    }
    # keep the fine-tuned weights before assembling, so a failure later loses no training
    model.save_pretrained(work / "model", safe_serialization=True)
    tokenizer.save_pretrained(work / "model")
    (work / "training.json").write_text(json.dumps(training_info, default=str, indent=2), encoding="utf-8")
    return assemble(model, tokenizer, config, training_info)


def reassemble(config: dict[str, Any]) -> Path:
    """Assemble and score again from the weights a previous ``train`` kept in ``OUTPUT-work/model``
    (or in ``paths.weights``, a folder holding ``model/`` and ``training.json``)."""
    from lawgov_ie.model.tagger import load_token_classifier

    output = Path(config["paths"]["output"])
    work = Path(config["paths"].get("weights") or output.parent / (output.name + "-work"))
    info = json.loads((work / "training.json").read_text(encoding="utf-8"))
    return assemble(*load_token_classifier(work / "model"), config, info)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fine-tune the lawgov NER and write a pipeline folder.")
    parser.add_argument("config", type=Path, help="config file, e.g. training/configs/ner.cfg")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="override a config value (repeatable)")
    parser.add_argument("--reassemble", action="store_true",
                        help="skip training: rebuild the pipeline from the weights kept by a previous run")
    args = parser.parse_args(argv)
    config = load_config(args.config, args.overrides)
    reassemble(config) if args.reassemble else train(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
