"""The local engine: tables, errors.jsonl, done-manifest; one and two workers agree."""

from __future__ import annotations

import json

import pytest
from corpus_testing import GOOD, assert_same_tables, tables

from lawgov_ie.cli import main
from lawgov_ie.corpus import extract_corpus
from lawgov_ie.corpus.state import DoneState
from lawgov_ie.export.table import COLUMNS


@pytest.fixture(scope="module")
def single_run(tmp_path_factory, tiny_pipeline_dir):
    from corpus_testing import write_corpus

    root = tmp_path_factory.mktemp("local")
    corpus = write_corpus(root / "reports")
    out = root / "out"
    summary = extract_corpus([corpus], out, batch_size=3, model=tiny_pipeline_dir, progress=False)
    return corpus, out, summary


def test_summary_and_layout(single_run):
    _, out, summary = single_run
    assert (summary.processed, summary.failed, summary.duplicates, summary.retry) == (GOOD, 2, 1, 0)
    assert summary.characters > 0 and summary.docs_per_s > 0
    parts = {name: sorted(p.name for p in (out / name).glob("part-*.parquet"))
             for name in ("entities", "relations", "quantities")}
    assert len(parts["entities"]) == 3 and parts["entities"] == parts["relations"] == parts["quantities"]
    assert len(list((out / "_done").glob("batch-*.json"))) == 3


def test_tables_carry_document_and_hash(single_run):
    _, out, summary = single_run
    got = tables(out)
    assert list(got["quantities"].columns) == ["document", "content_hash", *COLUMNS[1:]]
    for name, frame in got.items():
        assert len(frame) == summary.rows[name]
        assert frame["content_hash"].str.len().eq(64).all()
    documents = set(got["entities"]["document"])
    assert documents <= {"jinghai_2023", "sifa_2022", "guifan_2022", "zhifa_2021", "yingsu_2020", "fuyi_2019",
                         "gbk_2023"}
    assert "copy_of_jinghai" not in documents  # the repeat was processed once, under its first path


def test_errors_jsonl_lists_the_bad_files(single_run):
    _, out, _ = single_run
    lines = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(e["document"], e["error"]) for e in lines} == {("empty", "EmptyInputError"), ("scan", "BinaryInputError")}
    for e in lines:
        assert set(e) >= {"path", "content_hash", "error", "message"} and len(e["content_hash"]) == 64
    state = DoneState(out)
    assert len(state.hashes) == GOOD + 2  # failed documents are done too: their bytes will never decode


def test_two_workers_give_the_same_tables(single_run, tmp_path, tiny_pipeline_dir):
    corpus, out, _ = single_run
    summary = extract_corpus([corpus], tmp_path / "out2", workers=2, batch_size=3, model=tiny_pipeline_dir,
                             progress=False)
    assert summary.processed == GOOD
    assert_same_tables(out, tmp_path / "out2")
    assert sorted(p.name for p in (tmp_path / "out2" / "entities").iterdir()) == sorted(
        p.name for p in (out / "entities").iterdir())


def test_cli_exit_codes(corpus_dir, tmp_path, tiny_pipeline_dir, capsys):
    out = tmp_path / "cli-out"
    args = ["extract-corpus", str(corpus_dir), "--out", str(out), "--model", str(tiny_pipeline_dir), "-q"]
    assert main(args) == 1  # two bad files
    assert main(args) == 0  # nothing left to do; errors.jsonl keeps its two lines
    assert len((out / "errors.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert main(["extract-corpus", str(tmp_path / "none"), "--out", str(out), "-q",
                 "--model", str(tiny_pipeline_dir)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
