from lawgov_ie.data import read_jsonl
from lawgov_ie.data.iob import char_tags, spans_from_tags, tags_from_spans, to_dataset, view_tags
from lawgov_ie.text.view import build_view

from lawgov_testing import ANNOTATIONS


def test_tags_and_spans_are_inverse():
    spans = [(0, 5, "DATE"), (10, 15, "METRIC"), (15, 18, "COUNT")]
    assert spans_from_tags(tags_from_spans(20, spans)) == spans


def test_adjacent_entities_of_one_label_stay_apart():
    spans = [(0, 4, "PERCENT"), (4, 7, "PERCENT")]  # 100%85%
    assert spans_from_tags(tags_from_spans(7, spans)) == spans


def test_every_gold_boundary_survives_character_tagging():
    for doc in read_jsonl(ANNOTATIONS / "train.jsonl") + read_jsonl(ANNOTATIONS / "dev.jsonl"):
        assert spans_from_tags(char_tags(doc)) == doc.spans()
        view = build_view(doc.text)
        back = [(*view.to_original(s, e), label) for s, e, label in spans_from_tags(view_tags(doc, view))]
        assert back == doc.spans(), doc.id


def test_dataset_has_one_row_per_document():
    docs = read_jsonl(ANNOTATIONS / "dev.jsonl")
    dataset = to_dataset(docs)
    assert len(dataset) == len(docs)
    assert len(dataset[0]["chars"]) == len(dataset[0]["tags"]) == len(docs[0].text)
