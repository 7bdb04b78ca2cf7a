"""``lawgov-ie extract`` on real-world input: a correct result, or ONE clear stderr line and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lawgov_ie.cli import main
from test_robustness_api import LAST, PARAGRAPH, build_digit_pipeline, expected_counts, found


@pytest.fixture(scope="module")
def digit_dir(tmp_path_factory):
    return build_digit_pipeline(tmp_path_factory.mktemp("cli_digit") / "pipeline")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_clear_line(code: int, err: str, *fragments: str) -> None:
    assert code != 0
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("lawgov-ie: error:") and "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \r\n\t\r\n", "empty"),
    "bom_only.txt": (b"\xef\xbb\xbf", "empty"),
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
    "archive.zip": (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "binary"),
    "garbage.txt": (b"\x80\x81\xfe\xfd\xfc\xff" * 50, "cannot decode"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_line_and_non_zero_exit(capsys, tmp_path, tiny_pipeline_dir, name):
    data, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "extract", path, "--model", tiny_pipeline_dir, "-q")
    assert_one_clear_line(code, err, name, message)
    assert out.strip() in ("", "[]")


def test_missing_file_and_folder(capsys, tmp_path, tiny_pipeline_dir):
    code, _, err = run(capsys, "extract", tmp_path / "nope.txt", "--model", tiny_pipeline_dir, "-q")
    assert_one_clear_line(code, err, "no such file")
    code, _, err = run(capsys, "extract", tmp_path, "--model", tiny_pipeline_dir, "-q")
    assert_one_clear_line(code, err, "folder")


def test_missing_model(capsys, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    code, _, err = run(capsys, "extract", path, "--model", tmp_path / "no_model", "-q")
    assert_one_clear_line(code, err, "no_model")


def test_good_files_are_kept_when_one_is_bad(capsys, tmp_path, digit_dir):
    good = tmp_path / "good.txt"
    good.write_text(PARAGRAPH, encoding="utf-8")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(bytes(range(256)) * 4)
    code, out, err = run(capsys, "extract", good, bad, "--model", digit_dir, "--format", "jsonl", "-q")
    assert_one_clear_line(code, err, "bad.bin", "binary")
    (line,) = out.splitlines()
    assert found(json.loads(line)) == expected_counts(PARAGRAPH)


@pytest.mark.parametrize("encoding, text", [
    ("gb18030", "2023年，静海区办理行政复议案件128件，办结率99.79%。\n" * 2),
    ("big5", "2022年，東城區政府堅持依法行政，辦結案件１２８件，辦結率99.79%。\r\n" * 2),
    ("utf_8_sig", "一、概况\r\n共办理12件😀，𠀀办结率99%。\r\n"),
])
def test_encodings_are_detected_and_reported(capsys, tmp_path, digit_dir, encoding, text):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "extract", path, "--model", digit_dir, "-v", "-q")
    assert code == 0
    assert f"read as {encoding}" in err and "Traceback" not in err
    result = json.loads(out)
    assert result["text"] == text and found(result) == expected_counts(text)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "text"])
def test_long_line_in_every_format(capsys, tmp_path, digit_dir, fmt):
    text = ("区委会议办理案件１２８件办结率" * 4000)[:50_000]
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--model", digit_dir, "--format", fmt, "-q")
    assert code == 0 and err == ""
    if fmt in ("json", "jsonl"):
        assert found(json.loads(out)) == expected_counts(text)


@pytest.mark.slow
def test_one_megabyte_file(capsys, tmp_path, digit_dir):
    text = PARAGRAPH * int(2**20 / len(PARAGRAPH.encode())) + LAST
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "extract", path, "--model", digit_dir, "--format", "jsonl", "-q")
    assert code == 0
    result = json.loads(out)
    assert len(result["text"]) == len(text)
    assert found(result)[-2:] == expected_counts(text)[-2:]
    assert result["entities"][-1]["text"] == "31"


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from lawgov_ie.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], input=stdin, capture_output=True, timeout=300)


def test_subprocess_bad_inputs_never_traceback(tmp_path, tiny_pipeline_dir):
    files = []
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    done = _cli("extract", *files, "--model", str(tiny_pipeline_dir), "-q")
    err = done.stderr.decode()
    assert done.returncode != 0 and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("lawgov-ie: error:")]) == len(files)


def test_subprocess_stdin(tiny_pipeline_dir, digit_dir):
    done = _cli("extract", "-", "--model", str(digit_dir), "-q", stdin="共12件\r\n".encode("gb18030"))
    assert done.returncode == 0, done.stderr.decode()
    assert [e["text"] for e in json.loads(done.stdout)["entities"]] == ["12"]
    done = _cli("extract", "-", "--model", str(tiny_pipeline_dir), "-q", stdin=b"\x00\x01\x02" * 100)
    assert done.returncode != 0 and "Traceback" not in done.stderr.decode()
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_long_document_shows_tagging_progress_unless_quiet(capsys, tmp_path, digit_dir):
    path = tmp_path / "long.txt"
    path.write_text(PARAGRAPH * (12_000 // len(PARAGRAPH) + 1), encoding="utf-8")
    code, out, err = run(capsys, "extract", path, "--model", digit_dir, "--format", "jsonl")
    assert code == 0 and "tagging" in err and "Traceback" not in err
    code, out, err = run(capsys, "extract", path, "--model", digit_dir, "--format", "jsonl", "--quiet")
    assert code == 0 and err == ""
    short = tmp_path / "short.txt"
    short.write_text(PARAGRAPH, encoding="utf-8")
    code, out, err = run(capsys, "extract", short, "--model", digit_dir)
    assert code == 0 and "tagging" not in err
