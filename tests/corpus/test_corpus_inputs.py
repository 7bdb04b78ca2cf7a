"""Folder, glob and manifest inputs resolve to one sorted list of unique paths."""

from __future__ import annotations

import pytest

from lawgov_ie.corpus.batches import Batch, Document, plan_batches
from lawgov_ie.corpus.inputs import resolve_inputs
from lawgov_ie.errors import InputError


def test_folder_is_recursive_sorted_and_skips_hidden_and_out(corpus_dir):
    (corpus_dir / ".hidden.txt").write_text("x", encoding="utf-8")
    out = corpus_dir / "out"
    out.mkdir()
    (out / "errors.jsonl").write_text("{}", encoding="utf-8")
    paths = resolve_inputs([corpus_dir], exclude=out)
    assert paths == sorted(paths)
    names = {p.name for p in paths}
    assert "gbk_2023.txt" in names and "scan.bin" in names and "empty.txt" in names
    assert ".hidden.txt" not in names and "errors.jsonl" not in names
    assert len(paths) == 10


def test_glob_and_repeats(corpus_dir):
    paths = resolve_inputs([str(corpus_dir / "**" / "*.txt"), corpus_dir / "sifa_2022.txt"])
    assert len(paths) == len(set(paths)) == 9
    assert all(p.suffix == ".txt" for p in paths)


def test_manifest_relative_to_its_folder(corpus_dir, tmp_path):
    manifest = corpus_dir / "todo.lst"
    manifest.write_text("# two reports\nsifa_2022.txt\n\nsub/*.txt\n" + str(corpus_dir / "empty.txt") + "\n",
                        encoding="utf-8")
    paths = resolve_inputs([manifest])
    assert [p.name for p in paths] == ["empty.txt", "sifa_2022.txt", "copy_of_jinghai.txt", "gbk_2023.txt"]
    at_manifest = tmp_path / "list.txt"
    at_manifest.write_text(str(corpus_dir / "sifa_2022.txt"), encoding="utf-8")
    assert [p.name for p in resolve_inputs([f"@{at_manifest}"])] == ["sifa_2022.txt"]


def test_missing_inputs_are_errors(tmp_path):
    with pytest.raises(InputError):
        resolve_inputs([tmp_path / "nope"])
    with pytest.raises(InputError):
        resolve_inputs([str(tmp_path / "*.txt")])
    with pytest.raises(InputError):
        resolve_inputs([tmp_path / "missing.lst"])


def test_plan_drops_repeats_and_done(corpus_dir):
    paths = resolve_inputs([corpus_dir])
    plan = plan_batches(paths, set(), batch_size=3)
    assert plan.inputs == 10 and plan.duplicates == 1 and plan.documents == 9
    assert [len(b.documents) for b in plan.batches] == [3, 3, 3]
    done = {plan.batches[0].documents[0].content_hash}
    again = plan_batches(paths, done, batch_size=3)
    assert again.already_done == 1 and again.documents == 8


def test_batch_id_depends_only_on_contents():
    a, b = Document("/x/a.txt", "1" * 64, "a"), Document("/y/b.txt", "2" * 64, "b")
    assert Batch.of([a, b]).id == Batch.of([b, a]).id != Batch.of([a]).id
    assert Batch.from_dict(Batch.of([a, b]).to_dict()) == Batch.of([a, b])
