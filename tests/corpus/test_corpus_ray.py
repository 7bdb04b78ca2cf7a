"""The Ray engine gives the same tables as the local one and shares its resume state."""

from __future__ import annotations

import pytest
from corpus_testing import GOOD, assert_same_tables

from lawgov_ie.corpus import extract_corpus

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_matches_local_and_resumes_from_it(local_ray, corpus_dir, tmp_path, tiny_pipeline_dir):
    local = tmp_path / "local"
    extract_corpus([corpus_dir], local, batch_size=3, model=tiny_pipeline_dir, progress=False)

    out = tmp_path / "ray"
    summary = extract_corpus([corpus_dir], out, engine="ray", workers=2, batch_size=3, model=tiny_pipeline_dir,
                             progress=False)
    assert (summary.processed, summary.failed, summary.duplicates) == (GOOD, 2, 1)
    assert_same_tables(local, out)
    assert sorted(p.name for p in (out / "quantities").iterdir()) == sorted(
        p.name for p in (local / "quantities").iterdir())
    assert ray.is_initialized()  # a Ray started by the caller is left running

    # the local engine continues what Ray did: nothing to do
    again = extract_corpus([corpus_dir], out, batch_size=3, model=tiny_pipeline_dir, progress=False)
    assert again.processed == 0 and again.already_done == GOOD + 2
