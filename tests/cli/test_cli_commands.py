import csv
import io
import json

import pytest

from lawgov_ie.cli import main

SAMPLE = "2023年,区委召开会议40次,办结率99.79%,涉及金额38.27亿元。"


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_schema(capsys, report, tiny_pipeline_dir):
    code, out, _ = run(capsys, "extract", report, "--model", tiny_pipeline_dir, "-q")
    assert code == 0
    result = json.loads(out)
    assert result["text"] == SAMPLE and set(result) >= {"id", "text", "entities", "relations", "meta"}
    for e in result["entities"]:
        assert SAMPLE[e["start_offset"]:e["end_offset"]] == e["text"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "text"])
def test_other_formats(capsys, report, tiny_pipeline_dir, fmt, tmp_path):
    out_file = tmp_path / f"out.{fmt}"
    code, _, _ = run(capsys, "extract", report, report, "--model", tiny_pipeline_dir, "--format", fmt,
                     "-o", out_file, "-q")
    assert code == 0
    content = out_file.read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert len(content.splitlines()) == 2
    elif fmt == "csv":
        assert next(csv.reader(io.StringIO(content)))[:4] == ["document", "measure", "measure_normalised", "text"]
    else:
        assert "number → measure" in content


def test_verbose_reports_the_encoding(capsys, tmp_path, tiny_pipeline_dir):
    path = tmp_path / "gb.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    code, out, err = run(capsys, "extract", path, "--model", tiny_pipeline_dir, "-v", "-q")
    assert code == 0 and "gb18030" in err and json.loads(out)["text"] == SAMPLE


def test_one_bad_file_does_not_stop_the_others(capsys, report, tmp_path, tiny_pipeline_dir):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "extract", empty, report, "--model", tiny_pipeline_dir, "--format", "jsonl", "-q")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert err.count("\n") == 1 and "empty" in err and "Traceback" not in err


def test_missing_model_is_one_line(capsys, report, tmp_path):
    code, _, err = run(capsys, "extract", report, "--model", tmp_path / "nowhere")
    assert code == 2 and err.startswith("lawgov-ie: error:") and err.count("\n") == 1


def test_validate_reports_line_numbers(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "abc", "entities": [{"id": 1, "label": "ORG", "start_offset": 0, '
                   '"end_offset": 9}], "relations": []}\nnot json\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", bad)
    assert code == 1 and "line 1 (a)" in out and "line 2" in out


def test_info_shows_the_model_card(capsys, tiny_pipeline_dir):
    code, out, _ = run(capsys, "info", "--model", tiny_pipeline_dir)
    assert code == 0 and "lawgov_zh_default" in out


def test_help_everywhere(capsys):
    for command in ["extract", "evaluate", "train", "validate", "info", "render", "extract-corpus"]:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
