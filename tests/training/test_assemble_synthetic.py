"""Written training documents are validated and kept apart from the dev split."""

from __future__ import annotations

from lawgov_ie.data.schema import AnnotatedDocument, Entity, Relation
from training.assemble_synthetic import check_documents, longest_shared_run

DEV = AnnotatedDocument("dev_1", "2023年,全区办理行政复议案件153件,其中民事案件94件。", [], [], {})


def written(doc_id: str, text: str, entities=(), relations=()) -> AnnotatedDocument:
    return AnnotatedDocument(doc_id, text, list(entities), list(relations), {"source": "synthetic"})


def test_longest_shared_run_finds_the_longest_common_stretch():
    assert longest_shared_run("今年全区办理行政复议案件88件", [DEV.text], floor=4) == "全区办理行政复议案件"
    assert longest_shared_run("完全不同的文字", [DEV.text], floor=4) == ""


def test_a_clean_document_passes():
    doc = written("syn_1", "收件484件", [Entity(1, "METRIC", 0, 2), Entity(2, "COUNT", 2, 6)], [Relation(1, 2, 1)])
    assert check_documents([doc], [DEV], max_shared=12) == []


def test_dev_overlap_ids_and_spec_violations_are_reported():
    copied = written("syn_2", "据统计,全区办理行政复议案件153件,其中民事案件94件。")
    clash = written("dev_1", "另一段文字。")
    broken = written("syn_3", "办结388件", [Entity(1, "METRIC", 0, 2)])
    problems = check_documents([copied, clash, broken], [DEV], max_shared=12)
    assert any(p.startswith("syn_2: shares") for p in problems)
    assert any(p.startswith("dev_1: the id") for p in problems)
    assert any(p.startswith("syn_3:") and "quantifies nothing" in p for p in problems)
