"""``lawgov_sentences``: sentences end where spaCy's sentencizer ends them, but opening marks open the next one."""

from __future__ import annotations

import pytest

from lawgov_ie.data.spacy_docs import set_entities
from lawgov_ie.pipeline.build import blank_chinese
from lawgov_ie.pipeline.relations import RelationComponent
from lawgov_ie.pipeline.sentences import SENTENCE_ENDS


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_chinese()  # one token per character: every mark is its own token
    nlp.add_pipe("lawgov_sentences")
    return nlp


@pytest.mark.parametrize(("text", "sentences"), [
    ("办结率99.6%。“一件事一次办”收件共484件。", ["办结率99.6%。", "“一件事一次办”收件共484件。"]),
    ("治理一域。\n(三)坚持依法决策。", ["治理一域。\n", "(三)坚持依法决策。"]),
    ("印发文件。《条例》施行。", ["印发文件。", "《条例》施行。"]),
    ("他说:“办结了。”随后归档。", ["他说:“办结了。”", "随后归档。"]),  # a closing mark stays behind
    ("“两个确立”。“两个维护”。", ["“两个确立”。", "“两个维护”。"]),  # an opening mark at the start
    ("审查文件12件。", ["审查文件12件。"]),
])
def test_opening_marks_open_the_next_sentence(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


def test_the_same_boundaries_as_spacys_sentencizer_without_opening_marks(nlp):
    plain = blank_chinese()
    plain.add_pipe("sentencizer", config={"punct_chars": SENTENCE_ENDS})
    text = "全年受理案件3宗；办结2宗!纠错率为0.5%？\n二、存在的不足\n一是学法不够。”\n"
    assert [s.text for s in nlp(text).sents] == [s.text for s in plain(text).sents]


def test_a_quoted_measure_after_a_sentence_end_is_linked(nlp):
    text = "办结率99.6%。“一件事一次办”线上线下收件共484件，办结388件。"
    measure = "“一件事一次办”线上线下收件"
    spans = [(text.index(w), text.index(w) + len(w), label)
             for w, label in [(measure, "METRIC"), ("484件", "COUNT"), ("388件", "COUNT")]]
    doc = RelationComponent()(set_entities(nlp(text), spans))
    assert {"from": list(spans[1][:2]), "to": list(spans[0][:2]), "type": "QUANTIFIES"} in doc._.relations
