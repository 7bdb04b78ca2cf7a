import pytest

from lawgov_ie.data import AnnotatedDocument, validate_document, validate_jsonl
from lawgov_ie.data.schema import Entity, Relation

from lawgov_testing import ANNOTATIONS

TEXT = "2023年,共召开了党工委会议40次。"


def doc(entities, relations=()):
    return AnnotatedDocument("t", TEXT, [Entity(i, *e) for i, e in enumerate(entities, 1)],
                             [Relation(i, *r) for i, r in enumerate(relations, 1)])


def test_clean_document_has_no_problems():
    assert validate_document(doc([("METRIC", 10, 15), ("COUNT", 15, 18)], [(2, 1)])) == []


@pytest.mark.parametrize("entities, relations, message", [
    ([("COUNT", 15, 99)], [], "out of range"),
    ([("METRIC", 10, 16), ("COUNT", 15, 18)], [], "overlap"),
    ([("COUNT", 15, 18), ("COUNT", 16, 18)], [], "overlap"),
    ([("THING", 15, 18)], [], "unknown label"),
    ([("DATE", 0, 6)], [], "ends with ','"),
    ([("METRIC", 10, 15)], [], "quantifies nothing"),
    ([("METRIC", 10, 15), ("COUNT", 15, 18)], [(1, 2)], "not a COUNT"),
    ([("METRIC", 10, 15), ("COUNT", 15, 18)], [(2, 9)], "does not exist"),
    ([("METRIC", 10, 15), ("COUNT", 15, 18), ("METRIC", 9, 10)], [(2, 1), (2, 3)], "at most one"),
])
def test_broken_rules_are_reported(entities, relations, message):
    problems = validate_document(doc(entities, relations))
    assert any(message in p for p in problems), problems


def test_paired_quotes_may_edge_a_span():
    text = "查处“吹哨”问题58121个"
    d = AnnotatedDocument("q", text, [Entity(1, "METRIC", 2, 8), Entity(2, "COUNT", 8, 14)], [Relation(1, 2, 1)])
    assert validate_document(d) == []


def test_shipped_annotation_files_validate_clean():
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        assert validate_jsonl(path) == [], path
