"""Fixtures of the corpus tests."""

from pathlib import Path

import pytest

from corpus_testing import write_corpus


@pytest.fixture()
def corpus_dir(tmp_path) -> Path:
    return write_corpus(tmp_path / "reports")
