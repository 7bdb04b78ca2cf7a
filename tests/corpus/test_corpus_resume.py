"""Resumption: a job killed midway and re-run loses nothing and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from corpus_testing import GOOD, TEXTS, assert_same_tables, tables

from lawgov_ie.corpus import extract_corpus
from lawgov_ie.corpus.state import DoneState
from lawgov_ie.corpus.tables import SORT_KEYS

# The CLI, with a pause after each committed batch so that the test can kill it between batches.
SLOW_CLI = """
import sys, time
from lawgov_ie.corpus import state
commit = state.DoneState.commit
def slow_commit(self, *args):
    commit(self, *args)
    time.sleep(1.0)
state.DoneState.commit = slow_commit
from lawgov_ie.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_killed_job_resumes_without_loss_or_duplicates(corpus_dir, tmp_path, tiny_pipeline_dir):
    reference = tmp_path / "reference"
    extract_corpus([corpus_dir], reference, batch_size=2, model=tiny_pipeline_dir, progress=False)

    out = tmp_path / "out"
    args = ["extract-corpus", str(corpus_dir), "--out", str(out), "--batch-size", "2",
            "--model", str(tiny_pipeline_dir), "-q"]
    process = subprocess.Popen([sys.executable, "-c", SLOW_CLI, *args], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list((out / "_done").glob("batch-*.json")):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no batch committed in time"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()
    committed = len(list((out / "_done").glob("batch-*.json")))
    assert 1 <= committed < 5  # killed midway: 9 unique documents make 5 batches
    # a crash between the Parquet parts and the done entry leaves an orphan part: it must not count
    (out / "entities" / "part-orphan.parquet").write_bytes(b"not parquet")

    summary = extract_corpus([corpus_dir], out, batch_size=2, model=tiny_pipeline_dir, progress=False)
    assert summary.already_done == 2 * committed
    assert summary.processed + summary.failed + summary.already_done == GOOD + 2
    assert not (out / "entities" / "part-orphan.parquet").exists()
    assert_same_tables(reference, out)
    for name, frame in tables(out).items():
        assert not frame.duplicated(SORT_KEYS[name]).any()
    errors = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["document"] for line in errors) == ["empty", "scan"]
    assert not (out / "_lock").exists()


def test_rerun_is_idempotent_and_new_files_are_added(corpus_dir, tmp_path, tiny_pipeline_dir):
    out = tmp_path / "out"
    first = extract_corpus([corpus_dir], out, batch_size=4, model=tiny_pipeline_dir, progress=False)
    before = tables(out)
    again = extract_corpus([corpus_dir], out, batch_size=4, model=tiny_pipeline_dir, progress=False)
    assert again.processed == again.failed == 0 and again.already_done == first.processed + first.failed
    for name, frame in tables(out).items():
        assert frame.equals(before[name])
    (corpus_dir / "new_2024.txt").write_text("2024年,全区受理行政复议案件88件。", encoding="utf-8")
    moved = corpus_dir / "moved"
    moved.mkdir()
    (moved / "sifa_copy.txt").write_text(TEXTS["sifa_2022"], encoding="utf-8")  # known bytes, new path
    third = extract_corpus([corpus_dir], out, batch_size=4, model=tiny_pipeline_dir, progress=False)
    assert third.processed == 1
    assert "new_2024" in set(tables(out)["entities"]["document"]) | {
        e["document"] for e in DoneState(out).entries()}


def test_pipeline_failure_is_retried_on_the_next_run(corpus_dir, tmp_path, tiny_pipeline_dir, monkeypatch):
    from lawgov_ie.corpus import worker

    real = worker.document_rows

    def flaky(extraction, document, content_hash):
        if document == "sifa_2022":
            raise RuntimeError("boom")
        return real(extraction, document, content_hash)

    out = tmp_path / "out"
    monkeypatch.setattr(worker, "document_rows", flaky)
    summary = extract_corpus([corpus_dir], out, batch_size=3, model=tiny_pipeline_dir, progress=False)
    assert summary.retry == 1 and summary.processed == GOOD - 1
    lines = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(e["document"], e["retry"]) for e in lines} == {("empty", False), ("scan", False), ("sifa_2022", True)}
    monkeypatch.setattr(worker, "document_rows", real)
    summary = extract_corpus([corpus_dir], out, batch_size=3, model=tiny_pipeline_dir, progress=False)
    assert summary.processed == 1 and summary.retry == 0
    assert len((out / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert "sifa_2022" in set(tables(out)["entities"]["document"])
