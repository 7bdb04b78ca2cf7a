import pytest

import lawgov_ie
from lawgov_ie.errors import EmptyInputError, ModelNotFoundError

TEXT = "2023年,区委召开会议40次,办结率99.79%。"


def test_extract_returns_extraction_with_the_schema(tiny_pipeline_dir):
    nlp = lawgov_ie.load(tiny_pipeline_dir)
    result = lawgov_ie.extract(TEXT, "doc1", nlp=nlp)
    assert isinstance(result, lawgov_ie.Extraction)
    data = result.to_dict()
    assert data["id"] == "doc1" and data["text"] == TEXT
    assert all({"id", "label", "start_offset", "end_offset", "text"} <= set(e) for e in data["entities"])
    assert all(set(r) == {"id", "from_id", "to_id", "type"} for r in data["relations"])
    assert [(e.start_char, e.end_char) for e in result.doc.ents] == [
        (e["start_offset"], e["end_offset"]) for e in data["entities"]]
    assert lawgov_ie.to_dataframe([result]).shape[0] == len(result.quantities())


def test_empty_text_is_refused(tiny_pipeline_dir):
    with pytest.raises(EmptyInputError):
        lawgov_ie.extract("  \n", nlp=lawgov_ie.load(tiny_pipeline_dir))


def test_bytes_are_refused_with_a_hint(tiny_pipeline_dir):
    with pytest.raises(TypeError, match="decode"):
        lawgov_ie.extract(TEXT.encode(), nlp=lawgov_ie.load(tiny_pipeline_dir))


def test_load_of_a_missing_folder(tmp_path):
    with pytest.raises(ModelNotFoundError):
        lawgov_ie.load(tmp_path)


def test_spacy_load_finds_the_factories_through_entry_points(tiny_pipeline_dir):
    import subprocess
    import sys

    code = f"import spacy; nlp = spacy.load(r'{tiny_pipeline_dir}'); print(nlp.pipe_names)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "lawgov_ner" in out
