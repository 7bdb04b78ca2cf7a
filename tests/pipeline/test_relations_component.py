"""The relation component on a Doc: per-sentence links, and METRICs no quantity links to are dropped."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from lawgov_ie.data.spacy_docs import set_entities
from lawgov_ie.pipeline.build import blank_chinese
from lawgov_ie.pipeline.sentences import make_sentences  # noqa: F401  (registers lawgov_sentences)
from lawgov_ie.pipeline.relations import RelationComponent

TEXT = "全年办结388件。宣传活动丰富。"
ENTITIES = [(2, 4, "METRIC"), (4, 8, "COUNT"), (9, 13, "METRIC")]


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_chinese()
    nlp.add_pipe("lawgov_sentences")
    return nlp


def run(nlp, **config):
    doc = nlp(TEXT)
    doc = set_entities(doc, ENTITIES)
    return RelationComponent(**config)(doc)


def test_links_within_the_sentence_and_drops_the_unlinked_metric(nlp):
    doc = run(nlp)
    assert doc._.relations == [{"from": [4, 8], "to": [2, 4], "type": "QUANTIFIES"}]
    assert [(e.text, e.label_) for e in doc.ents] == [("办结", "METRIC"), ("388件", "COUNT")]


def test_keeping_unlinked_metrics_is_a_config_choice(nlp):
    doc = run(nlp, drop_unlinked_metrics=False)
    assert [e.text for e in doc.ents] == ["办结", "388件", "宣传活动"]


def test_factory_config(nlp):
    from lawgov_ie.pipeline import relations  # noqa: F401  (registers the factory)

    pipe = blank_chinese().add_pipe("lawgov_relations", config={"drop_unlinked_metrics": False})
    assert pipe.drop_unlinked_metrics is False


class TextCountingDoc(Doc):
    """A Doc that counts reads of ``text`` (spaCy joins every token on each read)."""

    reads = 0

    @property
    def text(self) -> str:
        type(self).reads += 1
        return super().text


def test_reads_the_text_once_however_many_sentences(nlp):
    # a 10 MB report has ~100 k sentences: one ``doc.text`` per sentence made linking quadratic (hours)
    sentence = ["办结", "388件", "。"]
    words = sentence * 200
    doc = TextCountingDoc(nlp.vocab, words=words, spaces=[False] * len(words),
                          sent_starts=[i % 3 == 0 for i in range(len(words))])
    spans = [(s, s + 2, "METRIC") for s in range(0, 7 * 200, 7)] + [(s + 2, s + 6, "COUNT") for s in range(0, 7 * 200, 7)]
    assert set_entities(doc, spans) is doc  # entities on word edges: set in place, the counting Doc kept
    TextCountingDoc.reads = 0
    RelationComponent()(doc)
    assert len(doc._.relations) == 200
    assert TextCountingDoc.reads <= 2
