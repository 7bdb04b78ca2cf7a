import spacy
from hypothesis import given, settings, strategies as st

import lawgov_ie
from lawgov_testing import check_invariants
from lawgov_ie.pipeline.ner import LawgovNER


class FixedTagger:
    """Stands in for the BERT tagger: tags given view spans, to test the component's offset logic."""

    def __init__(self, spans):
        from lawgov_ie.labels import ID2TAG, TAG2ID

        self.spans = spans
        self.model = type("M", (), {"config": type("C", (), {"id2label": ID2TAG})()})()
        self.tag2id = TAG2ID

    def tag(self, text):
        import numpy as np

        tags = np.zeros(len(text), dtype=np.int16)
        for start, end, label in self.spans:
            tags[start] = self.tag2id[f"B-{label}"]
            tags[start + 1:end] = self.tag2id[f"I-{label}"]
        return tags

    def tag_many(self, texts):
        return [self.tag(text) for text in texts]


def test_entities_map_back_to_original_offsets_through_residue():
    nlp = spacy.blank("zh")
    nlp.add_pipe("lawgov_text_view")
    ner = nlp.add_pipe("lawgov_ner")
    text = "縣經(jīng)濟(jì)開(kāi)發(fā)區(qū)管委會(huì)召開會議12個(gè)"
    ner.tagger = FixedTagger([(6, 9, "ORG"), (13, 16, "COUNT")])
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == [("管委會(huì)", "ORG"), ("12個(gè)", "COUNT")]


def test_punctuation_is_trimmed_from_predicted_edges():
    nlp = spacy.blank("zh")
    ner = nlp.add_pipe("lawgov_ner")
    ner.tagger = FixedTagger([(0, 7, "LAW")])
    doc = nlp("《行政复议法》的规定")
    assert [(e.text, e.label_) for e in doc.ents] == [("行政复议法", "LAW")]


def test_tiny_model_pipeline_saves_and_loads_with_spacy(tiny_pipeline_dir):
    nlp = spacy.load(tiny_pipeline_dir)
    assert nlp.pipe_names == ["lawgov_text_view", "lawgov_ner", "sentencizer", "lawgov_relations",
                              "lawgov_quantities"]
    assert isinstance(nlp.get_pipe("lawgov_ner"), LawgovNER)
    doc = nlp("2023年,区委召开会议40次,办结率99.79%。")
    assert doc.text.startswith("2023年")


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_invariants_on_any_text(tiny_pipeline_dir, text):
    """For any input: spans inside the text, surfaces exact, no overlaps, relation endpoints exist, deterministic."""
    nlp = lawgov_ie.load(tiny_pipeline_dir)
    if not text.strip():
        return
    result = lawgov_ie.extract(text, nlp=nlp).to_dict()
    check_invariants(text, result)
    assert lawgov_ie.extract(text, nlp=nlp).to_dict() == result
