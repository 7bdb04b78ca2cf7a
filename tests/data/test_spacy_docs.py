import spacy

from lawgov_ie.data import read_jsonl
from lawgov_ie.data.spacy_docs import doc_from_record, read_docbin, record_from_doc, set_entities, write_docbin

from lawgov_testing import ANNOTATIONS


def all_docs():
    return [d for path in sorted(ANNOTATIONS.glob("*.jsonl")) for d in read_jsonl(path)]


def test_every_annotation_file_round_trips_through_doc():
    nlp = spacy.blank("zh")  # character segmentation
    for record in all_docs():
        back = record_from_doc(doc_from_record(nlp.make_doc, record))
        assert back.to_dict() == record.to_dict(), record.id


def test_round_trip_survives_word_segmentation_that_straddles_entities():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    from spacy.tokens import Doc

    def coarse(text):  # one "word" per 7 characters: cuts through most entities
        words = [text[i:i + 7] for i in range(0, len(text), 7)]
        return Doc(nlp.vocab, words=words, spaces=[False] * len(words))

    for record in all_docs()[:10]:
        assert record_from_doc(doc_from_record(coarse, record)).to_dict() == record.to_dict()


def test_split_keeps_text_and_entity():
    nlp = spacy.blank("zh")
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["会议40", "次。"], spaces=[False, False])
    doc = set_entities(doc, [(2, 5, "COUNT")])
    assert [(e.text, e.label_) for e in doc.ents] == [("40次", "COUNT")]
    assert doc.text == "会议40次。"


def test_docbin_round_trip(tmp_path):
    nlp = spacy.blank("zh")
    records = all_docs()[:3]
    write_docbin([doc_from_record(nlp.make_doc, r) for r in records], tmp_path / "x.spacy")
    docs = read_docbin(tmp_path / "x.spacy", nlp.vocab)
    assert [record_from_doc(d).to_dict() for d in docs] == [r.to_dict() for r in records]
