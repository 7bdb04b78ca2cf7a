"""Assemble the lawgov spaCy pipeline around a trained token classifier, and describe it in a model card."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from lawgov_ie import __version__
from lawgov_ie.labels import ENTITY_LABELS

PIPELINE_NAME = "lawgov_zh_default"
COMPONENTS = ("lawgov_text_view", "lawgov_ner", "sentencizer", "lawgov_relations", "lawgov_quantities")


def blank_chinese(segmenter: str | Path | None = None) -> Language:
    """A blank Chinese pipeline: spaCy's Chinese tokenizer (linear-time alignment) with the project's pkuseg
    model, or characters."""
    from lawgov_ie.pipeline.tokenizer import TOKENIZER_NAME

    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "segmenter": "char"}}}
    if segmenter and Path(segmenter).exists():
        config["nlp"]["tokenizer"]["segmenter"] = "pkuseg"
        nlp = spacy.blank("zh", config=config)
        nlp.tokenizer.initialize(pkuseg_model=str(segmenter))
        # pkuseg's built-in general dictionary merges words across our entity edges and costs 4.5 MB:
        # it is switched off (measured: -2 F1 points on held-out segmentation with it on)
        post = nlp.tokenizer.pkuseg_seg.postprocesser
        post.do_process, post.common_words, post.other_words = False, set(), set()
    else:
        nlp = spacy.blank("zh", config=config)
    nlp.max_length = 10**9  # long reports are processed whole; the NER streams windows
    return nlp


def build_pipeline(model, tokenizer, segmenter: str | Path | None = None, window: int = 256, margin: int = 32,
                   normalise: bool = True) -> Language:
    """The full pipeline: clean view → NER → sentences → relations → quantities."""
    import lawgov_ie.pipeline.ner  # noqa: F401  (registers the factories when not installed)
    import lawgov_ie.pipeline.quantities  # noqa: F401
    import lawgov_ie.pipeline.relations  # noqa: F401
    import lawgov_ie.pipeline.sentences  # noqa: F401
    import lawgov_ie.pipeline.text_view  # noqa: F401

    nlp = blank_chinese(segmenter)
    if normalise:
        nlp.add_pipe("lawgov_text_view")
    ner = nlp.add_pipe("lawgov_ner", config={"window": window, "margin": margin})
    ner.set_model(model, tokenizer)
    nlp.add_pipe("lawgov_sentences", name="sentencizer")
    nlp.add_pipe("lawgov_relations")
    nlp.add_pipe("lawgov_quantities")
    nlp.meta.update({"name": PIPELINE_NAME, "version": __version__, "lang": "zh",
                     "description": "lawgov_ie: entities, number→measure relations and normalised quantities",
                     "labels": {"lawgov_ner": list(ENTITY_LABELS)}})
    return nlp


def write_model_card(path: str | Path, training: dict[str, Any], scores: dict[str, Any]) -> None:
    """Record training data, hyper-parameters and measured scores in ``meta.json`` and ``README.md``."""
    path = Path(path)
    meta_file = path / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["performance"] = scores
    meta["lawgov_training"] = training
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    (path / "README.md").write_text(render_model_card(meta), encoding="utf-8")


def render_model_card(meta: dict[str, Any]) -> str:
    """A readable model card from a pipeline's ``meta.json``."""
    training = meta.get("lawgov_training", {})
    scores = meta.get("performance", {})
    lines = [f"# {meta.get('name')} {meta.get('version')}", "", meta.get("description", ""), ""]
    lines += ["## Pipeline", "", " → ".join(meta.get("pipeline", [])), ""]
    if training:
        config = training.get("config", {})
        lines += ["## Training", "",
                  f"- documents: {training.get('train_documents')} ({training.get('train_characters')} characters,"
                  f" {training.get('train_windows')} windows) from `annotations/train.jsonl`",
                  *([(f"- synthetic: {training['synthetic_documents']} documents ({training['synthetic_characters']}"
                      f" characters, {training['synthetic_windows']} windows) written and annotated to the spec for"
                      f" training, from `{config.get('paths', {}).get('synthetic')}`")]
                    if training.get("synthetic_windows") else []),
                  *([(f"- auxiliary: {training['auxiliary_windows']} windows of CLUENER2020 sentences"
                      " (government/company spans as ORG; see the data notes for its terms)")]
                    if training.get("auxiliary_windows") else []),
                  *([(f"- mention replacement: {training['mention_replaced_windows']} windows of train-document"
                      f" copies with METRIC/ORG/LAW spans swapped ({json.dumps(config.get('augmentation', {}))})")]
                    if training.get("mention_replaced_windows") else []),
                  *([f"- weight averaging: the weights of the last {training['steps_averaged']} steps, averaged"]
                    if training.get("steps_averaged") else []),
                  f"- model: {json.dumps(config.get('model', {}))}",
                  f"- training: {json.dumps(config.get('training', {}))}",
                  f"- wall time: {training.get('seconds')} s on the CPU", ""]
    entities = scores.get("entities", {})
    if entities:
        lines += ["## Entity scores on the dev documents (seqeval, IOB2, strict)", "",
                  "| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for label, v in entities.items():
            lines.append(f"| {label} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
        lines.append("")
    relations = scores.get("relations", {})
    for setting, table in relations.items():
        lines += [f"## Relation scores on the dev documents ({setting})", "",
                  "| match | precision | recall | F1 |", "|---|---|---|---|"]
        for mode, v in table.items():
            lines.append(f"| {mode} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |")
        lines.append("")
    for title, text in meta.get("lawgov_notes", {}).items():
        lines += [f"## {title}", "", text, ""]
    return "\n".join(lines)
