"""Ablations at one fixed training budget: encoder initialisation and depth, scored on dev.

Usage: python -m training.ablate training/configs/ner.cfg --steps 120 [--variant NAME ...] [--out training/ABLATIONS.md]
Each variant trains from the same config with a few overrides, so differences come from the variable alone.
``--cluener PATH`` gives the CLUENER2020 file to the +cluener variants. ``--record PIPELINE --variant NAME`` scores a pipeline already trained as that variant (e.g. by
``lawgov-ie train`` with the same overrides) instead of training it again.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from lawgov_ie.data import read_jsonl
from training.train_ner import load_config, train

CLUENER = "<--cluener>"
"""Stands for the CLUENER2020 file given with ``--cluener`` (any non-empty path when recording a run)."""
SYNTHETIC = "annotations/synthetic.jsonl"
"""The written training documents (``annotations/SYNTHETIC.md``)."""

VARIANTS: dict[str, dict[str, object]] = {
    "e5-6": {"model.init": "pretrained", "model.layers": 6},
    "random-6": {"model.init": "random", "model.layers": 6},
    "e5-4": {"model.init": "pretrained", "model.layers": 4},
    "e5-8": {"model.init": "pretrained", "model.layers": 8},
    "e5-12": {"model.init": "pretrained", "model.layers": 12},
    "e5-6+cluener": {"model.init": "pretrained", "model.layers": 6,
                     "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-8+cluener": {"model.init": "pretrained", "model.layers": 8,
                     "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener/seed7": {"model.init": "pretrained", "model.layers": 6, "training.seed": 7,
                           "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+words": {"model.init": "pretrained", "model.layers": 6, "model.word_positions": True,
                           "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener×2": {"model.init": "pretrained", "model.layers": 6,
                       "auxiliary.cluener": CLUENER, "auxiliary.ratio": 1.0},
    "e5-6+cluener+swap": {"model.init": "pretrained", "model.layers": 6, "augmentation.copies": 1,
                          "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+swap/seed7": {"model.init": "pretrained", "model.layers": 6, "augmentation.copies": 1,
                                "training.seed": 7, "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+swa": {"model.init": "pretrained", "model.layers": 6, "training.average_from": 0.5,
                         "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+swa/seed7": {"model.init": "pretrained", "model.layers": 6, "training.average_from": 0.5,
                               "training.seed": 7, "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+swa+synthetic": {"model.init": "pretrained", "model.layers": 6, "training.average_from": 0.5,
                                   "paths.synthetic": SYNTHETIC, "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
    "e5-6+cluener+swa+synthetic/seed7": {"model.init": "pretrained", "model.layers": 6,
                                         "training.average_from": 0.5, "training.seed": 7, "paths.synthetic": SYNTHETIC,
                                         "auxiliary.cluener": CLUENER, "auxiliary.ratio": 0.5},
}
UNSET: dict[str, object] = {"auxiliary.cluener": "", "training.seed": 13, "model.word_positions": False,
                            "augmentation.copies": 0, "training.average_from": 0, "paths.synthetic": ""}
"""Settings a variant leaves at these values unless it names them."""


def ner_speed(pipeline: Path, texts: list[str]) -> float:
    """Characters per second of the clean view + NER alone over ``texts``."""
    import lawgov_ie

    nlp = lawgov_ie.load(pipeline)
    started = time.perf_counter()
    with nlp.select_pipes(enable=["lawgov_text_view", "lawgov_ner"]):
        for _ in nlp.pipe(texts):
            pass
    return sum(map(len, texts)) / (time.perf_counter() - started)


def run_variant(config_path: Path, name: str, steps: int, cluener: Path | None = None) -> dict:
    settings = VARIANTS[name]
    if CLUENER in settings.values() and cluener is None:
        raise SystemExit(f"variant {name!r} needs --cluener PATH (CLUENER2020 train.json)")
    overrides = [f"{key}={json.dumps(str(cluener) if value == CLUENER else value)}"
                 for key, value in {**UNSET, **settings}.items()]  # the config's own defaults may differ
    overrides += [f"training.max_steps={steps}", f'paths.output="build/ablation-{name}-{steps}"']
    config = load_config(config_path, overrides)
    return record(name, train(config), Path(config["paths"]["dev"]))


def record(name: str, pipeline: Path, dev: Path) -> dict:
    """The ablation row of a pipeline trained as variant ``name``, scored on ``dev``."""
    meta = json.loads((pipeline / "meta.json").read_text(encoding="utf-8"))
    trained = meta["lawgov_training"]
    sections = trained["config"]
    for key, value in {**UNSET, **VARIANTS[name]}.items():
        section, _, field = key.partition(".")
        actual = sections.get(section, {}).get(field, UNSET.get(key))
        if actual != value and not (value == CLUENER and actual):
            raise ValueError(f"{pipeline} was not trained as {name!r}: {key} is {actual!r}")
    return rescore({"variant": name, "steps": int(sections["training"]["max_steps"]), "pipeline": str(pipeline),
                    "train_seconds": trained["seconds"]}, dev)


def rescore(result: dict, dev: Path) -> dict:
    """Score a variant's saved pipeline again with the current decoding (weights unchanged)."""
    import lawgov_ie
    from training.evaluate import evaluate_pipeline

    pipeline = Path(result.get("pipeline") or f"build/ablation-{result['variant']}")
    docs = read_jsonl(dev)
    entities = evaluate_pipeline(lawgov_ie.load(pipeline), docs)["entities"]
    return {**result, "micro_f1": entities["micro avg"]["f1"],
            "per_label": {k: v["f1"] for k, v in entities.items() if "avg" not in k},
            "ner_chars_per_s": round(ner_speed(pipeline, [d.text for d in docs]))}


def render(results: list[dict]) -> str:
    labels = sorted({label for r in results for label in r["per_label"]})
    lines = ["# NER ablations (dev documents, seqeval strict micro F1)", "",
             "Generated by `python -m training.ablate`; same annotation data, seed and config; compare rows of one step budget.", "",
             "| variant | steps | micro F1 | " + " | ".join(labels) + " | NER chars/s | train s |",
             "|---|---|---|" + "---|" * len(labels) + "---|---|"]
    for r in results:
        cells = " | ".join(f"{r['per_label'].get(label, 0):.3f}" for label in labels)
        lines.append(f"| {r['variant']} | {r['steps']} | {r['micro_f1']:.3f} | {cells} | {r['ner_chars_per_s']} | "
                     f"{r['train_seconds']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--steps", type=int, default=120)
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--out", type=Path, default=Path("training/ABLATIONS.md"))
    parser.add_argument("--cluener", type=Path, help="CLUENER2020 train.json, for the +cluener variants")
    parser.add_argument("--record", type=Path, metavar="PIPELINE",
                        help="score this already-trained pipeline as the (single) --variant")
    parser.add_argument("--rescore", action="store_true",
                        help="only re-score the variants already run, with the current decoding")
    args = parser.parse_args(argv)
    results_file = args.out.with_suffix(".json")
    results = json.loads(results_file.read_text()) if results_file.exists() else []
    if args.rescore:
        dev = Path(load_config(args.config)["paths"]["dev"])
        results = [rescore(r, dev) for r in results]
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
        args.out.write_text(render(results), encoding="utf-8")
        print(render(results))
        return 0
    if args.record:
        if not args.variant or len(args.variant) != 1:
            parser.error("--record needs exactly one --variant")
        row = record(args.variant[0], args.record, Path(load_config(args.config)["paths"]["dev"]))
        results = [r for r in results if (r["variant"], r["steps"]) != (row["variant"], row["steps"])] + [row]
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
        args.out.write_text(render(results), encoding="utf-8")
        print(render(results))
        return 0
    for name in args.variant or list(VARIANTS):
        results = [r for r in results if r["variant"] != name or r["steps"] != args.steps]
        results.append(run_variant(args.config, name, args.steps, args.cluener))
        results_file.write_text(json.dumps(results, indent=2), encoding="utf-8")
        args.out.write_text(render(results), encoding="utf-8")
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
