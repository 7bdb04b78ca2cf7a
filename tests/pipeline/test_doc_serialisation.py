"""Processed Docs serialise like any spaCy Doc: entities, relations and quantity values survive a round trip."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc, DocBin

import lawgov_ie
from test_robustness_api import build_digit_pipeline

TEXT = "（二）2023年，办理行政复议案件１２８件。\n收到信访38件。"


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    return lawgov_ie.load(build_digit_pipeline(tmp_path_factory.mktemp("serialise") / "pipeline"))


def summary(doc: Doc) -> list:
    """Entities with their values, and the relations, as JSON data (msgpack may give tuples for lists)."""
    return json.loads(json.dumps([[(e.start_char, e.end_char, e.label_, e._.quantity) for e in doc.ents],
                                  doc._.relations]))


def test_doc_bytes_round_trip(nlp):
    doc = nlp(TEXT)
    assert doc._.text_view is None  # the NER's working copy is released
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert summary(again) == summary(doc) and again.ents


def test_docbin_with_user_data(nlp):
    docs = list(nlp.pipe([TEXT, TEXT * 2]))
    restored = list(DocBin(docs=docs, store_user_data=True).get_docs(nlp.vocab))
    assert [summary(d) for d in restored] == [summary(d) for d in docs]
