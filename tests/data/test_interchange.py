from lawgov_ie.data import AnnotatedDocument, read_jsonl
from lawgov_ie.data.interchange import from_doccano, from_label_studio, to_doccano, to_label_studio
from lawgov_ie.data.schema import Entity, Relation

from lawgov_testing import ANNOTATIONS

ASTRAL = AnnotatedDocument("e", "😀2023年办结388件",
                           [Entity(1, "DATE", 1, 6), Entity(2, "METRIC", 6, 8), Entity(3, "COUNT", 8, 12)],
                           [Relation(1, 3, 2)])


def test_utf16_offsets_on_export():
    assert to_doccano(ASTRAL)["entities"][0]["start_offset"] == 2
    assert to_label_studio(ASTRAL)["annotations"][0]["result"][0]["value"]["start"] == 2


def test_round_trips():
    for doc in [ASTRAL, *read_jsonl(ANNOTATIONS / "dev.jsonl")]:
        assert from_doccano(to_doccano(doc)).to_dict() == doc.to_dict()
        assert from_label_studio(to_label_studio(doc)).to_dict() == doc.to_dict()
