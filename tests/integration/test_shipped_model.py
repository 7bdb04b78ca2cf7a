"""Integration tests of the shipped default model: dev scores stay at the recorded values."""

import json

import pytest

import lawgov_ie
from lawgov_ie.data import read_jsonl

from lawgov_testing import ANNOTATIONS


TOLERANCE = 0.02


@pytest.fixture(scope="module")
def nlp():
    return lawgov_ie.load()


@pytest.fixture(scope="module")
def recorded(shipped_model_dir):
    return json.loads((shipped_model_dir / "meta.json").read_text(encoding="utf-8"))["performance"]


@pytest.fixture(scope="module")
def dev_scores(nlp):
    from training.evaluate import evaluate_pipeline

    return evaluate_pipeline(nlp, read_jsonl(ANNOTATIONS / "dev.jsonl"))


def test_dev_entity_f1_stays_at_the_recorded_value(dev_scores, recorded):
    assert dev_scores["entities"]["micro avg"]["f1"] >= recorded["entities"]["micro avg"]["f1"] - TOLERANCE


def test_dev_relation_f1_stays_at_the_recorded_value(dev_scores, recorded):
    for setting in ("end to end", "gold entities"):
        for mode in ("strict", "relaxed"):
            got = dev_scores["relations"][setting][mode]["f1"]
            assert got >= recorded["relations"][setting][mode]["f1"] - TOLERANCE, (setting, mode)


def test_sample_report_gives_quantities_with_measures(nlp):
    from importlib.resources import files

    text = (files("lawgov_ie") / "resources" / "sample_report.txt").read_text(encoding="utf-8")
    result = lawgov_ie.extract(text, "sample", nlp=nlp)
    linked = {(q.text, q.measure_text) for q in result.quantities() if q.measure}
    assert ("81%", "办结率") in linked
    money = [q for q in result.quantities() if q.entity.label == "MONEY"]
    assert any(q.value == pytest.approx(38275000.0) and q.unit == "CNY" for q in money)


def test_default_model_is_small_and_safetensors_only(shipped_model_dir):
    files = [p for p in shipped_model_dir.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= 60 * 1024 * 1024
    # torch pickles are never shipped (spaCy's vocab/lookups.bin is msgpack, not pickle)
    assert not [p for p in files if p.suffix in {".pt", ".pth", ".pkl", ".pickle", ".ckpt"}
                or p.name == "pytorch_model.bin"]
    assert any(p.suffix == ".safetensors" for p in files)
