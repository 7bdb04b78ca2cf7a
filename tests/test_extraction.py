"""``Extraction.quantities``: each quantity carries its own sentence, kept to its line."""

from __future__ import annotations

import pytest

from lawgov_ie.data.spacy_docs import set_entities
from lawgov_ie.data.schema import Entity
from lawgov_ie.extraction import Extraction, Quantity
from lawgov_ie.pipeline.build import blank_chinese
from lawgov_ie.pipeline.sentences import make_sentences  # noqa: F401  (registers lawgov_sentences)

TEXT = "发出提醒函共5份,治理一域。\n(三)坚持依法决策。审查文件12件。\n全年受理案件3宗"


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_chinese()
    nlp.add_pipe("lawgov_sentences")
    return nlp


def quantity_sentences(nlp, text: str, words: list[str]) -> dict[str, str]:
    doc = set_entities(nlp(text), [(text.index(w), text.index(w) + len(w), "COUNT") for w in words])
    return {q.entity.attrs["text"]: q.sentence for q in Extraction(doc, "d").quantities()}


def test_each_quantity_gets_its_own_sentence_without_the_next_lines_bracket(nlp):
    assert quantity_sentences(nlp, TEXT, ["5份", "12件", "3宗"]) == {
        "5份": "发出提醒函共5份,治理一域。",
        "12件": "审查文件12件。",
        "3宗": "全年受理案件3宗",
    }


def test_without_sentence_boundaries_the_sentence_is_empty():
    nlp = blank_chinese()
    doc = set_entities(nlp("审查文件12件。"), [(4, 7, "COUNT")])
    assert [q.sentence for q in Extraction(doc).quantities()] == [""]


@pytest.mark.parametrize(("measure", "normalised"), [
    ("問(wèn)題", "问题"),  # ruby residue of a scraped traditional page
    ("參學(xué)率、參考率", "参学率、参考率"),
    ("“吹哨”问题", "“吹哨”问题"),  # already clean: unchanged
    (None, None),  # a quantity with no measure
])
def test_the_measure_is_also_given_as_the_model_reads_it(measure, normalised):
    number = Entity(1, "COUNT", 0, 2, {"text": "3件"})
    target = Entity(2, "METRIC", 2, 2 + len(measure), {"text": measure}) if measure else None
    quantity = Quantity(number, target, "", 3.0, "件", 3.0, 3.0, False, None, None)
    assert quantity.measure_normalised == normalised
