"""Shared fixtures: a tiny randomly initialised BERT built in the test, and the slow-test switch."""

from __future__ import annotations

import os
import pytest

from lawgov_testing import ANNOTATIONS, REPO, make_tiny_classifier  # noqa: F401

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
