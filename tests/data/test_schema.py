import json

import pytest

from lawgov_ie.data import AnnotatedDocument, read_jsonl, write_jsonl
from lawgov_ie.data.schema import parse_line
from lawgov_ie.errors import AnnotationError

LINE = {
    "id": "d1", "text": "2023年,共召开了党工委会议40次。",
    "entities": [{"id": 1, "label": "DATE", "start_offset": 0, "end_offset": 5},
                 {"id": 2, "label": "METRIC", "start_offset": 10, "end_offset": 15},
                 {"id": 3, "label": "COUNT", "start_offset": 15, "end_offset": 18}],
    "relations": [{"id": 1, "from_id": 3, "to_id": 2, "type": "QUANTIFIES"}],
    "meta": {"source": "test"},
}


def test_round_trip_through_file(tmp_path):
    path = tmp_path / "a.jsonl"
    write_jsonl([AnnotatedDocument.from_dict(LINE)], path)
    assert json.loads(path.read_text(encoding="utf-8")) == LINE
    [doc] = read_jsonl(path)
    assert doc.surface(doc.entities[1]) == "党工委会议"


def test_extra_entity_fields_are_kept():
    data = json.loads(json.dumps(LINE))
    data["entities"][2]["value"] = 40.0
    assert AnnotatedDocument.from_dict(data).to_dict()["entities"][2]["value"] == 40.0


def test_bad_json_names_the_line():
    with pytest.raises(AnnotationError, match="line 7"):
        parse_line("{not json", 7)


def test_missing_field_is_an_annotation_error():
    with pytest.raises(AnnotationError, match="start_offset"):
        AnnotatedDocument.from_dict({"text": "x", "entities": [{"id": 1, "label": "ORG", "end_offset": 1}]})
