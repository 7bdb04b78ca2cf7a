"""Property-based tests (hypothesis): invariants of the extraction for any text, in any supported encoding."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from seqeval.metrics.sequence_labeling import get_entities

import lawgov_ie
from lawgov_ie.errors import LawgovError
from lawgov_ie.labels import ID2TAG
from lawgov_ie.model.decoding import decode_tag_ids
from lawgov_testing import check_invariants
from test_robustness_api import build_digit_pipeline, expected_counts, found

RESIDUE = st.sampled_from(["(zhèng)", "(fǔ)", "(de)", "(shè)", "(jì)", "(3)", "(居)", "（一）"])
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
TRADITIONAL = st.sampled_from("辦結區縣經濟開發會議條例個萬億東學習處")
DIGITS = st.sampled_from("0123456789０１２３４５６７８９①²𝟏")
SPACE = st.sampled_from([" ", "\n", "\r\n", "\t", "\u3000", "\xa0"])
PUNCT = st.sampled_from("，。、；：！？%％.,《》“”()（）【】-—…·")
ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
PIECE = st.one_of(CJK, TRADITIONAL, DIGITS, SPACE, PUNCT, RESIDUE, ASTRAL, st.characters(), st.text(max_size=3))
REPORTISH = st.lists(PIECE, min_size=1, max_size=120).map("".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def tiny_nlp(tiny_pipeline_dir):
    return lawgov_ie.load(tiny_pipeline_dir)


@pytest.fixture(scope="module")
def digit_nlp(tmp_path_factory):
    return lawgov_ie.load(build_digit_pipeline(tmp_path_factory.mktemp("prop_digit") / "pipeline"))


@SETTINGS
@given(text=st.one_of(REPORTISH, st.text(min_size=1, max_size=300)))
def test_invariants_and_determinism(tiny_nlp, text):
    if not text.strip():
        with pytest.raises(LawgovError):
            lawgov_ie.extract(text, nlp=tiny_nlp)
        return
    result = lawgov_ie.extract(text, nlp=tiny_nlp).to_dict()
    check_invariants(text, result)
    assert lawgov_ie.extract(text, nlp=tiny_nlp).to_dict() == result
    assert [(e.start_char, e.end_char, e.label_) for e in next(tiny_nlp.pipe([text])).ents] == found(result)


@SETTINGS
@given(text=REPORTISH)
def test_digit_oracle_finds_exactly_the_digit_runs(digit_nlp, text):
    """Whatever surrounds them (residue, astral, full width, CRLF), digit runs map back exactly."""
    if not text.strip():
        return
    result = lawgov_ie.extract(text, nlp=digit_nlp).to_dict()
    assert found(result) == expected_counts(text)
    check_invariants(text, result)


@SETTINGS
@given(text=REPORTISH, encoding=st.sampled_from(["utf_8", "utf_8_sig", "gb18030", "big5", "utf_16"]))
def test_extract_file_in_any_encoding(tmp_path_factory, tiny_nlp, text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="ignore")
        text = data.decode(encoding)
    path = tmp_path_factory.mktemp("enc") / "report.txt"
    path.write_bytes(data)
    try:
        result = lawgov_ie.extract_file(path, nlp=tiny_nlp).to_dict()
    except LawgovError as exc:  # empty, binary-looking or undecodable: a typed, explained refusal
        assert str(exc)
        return
    check_invariants(result["text"], result)
    if result["text"] == text:
        assert found(result) == found(lawgov_ie.extract(text, nlp=tiny_nlp).to_dict())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(ID2TAG)), max_size=60))
def test_run_length_decoding_equals_seqeval(ids):
    """The numpy decoder reads tag ids exactly as seqeval's ``get_entities`` reads the tag strings."""
    tags = np.array(ids, dtype=np.int16)
    expected = [(s, e + 1, label) for label, s, e in get_entities([ID2TAG[i] for i in ids])]
    assert decode_tag_ids(tags, ID2TAG) == expected
