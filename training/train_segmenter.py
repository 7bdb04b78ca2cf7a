"""Train, measure and package the project's own pkuseg Chinese word segmenter.

pkuseg's published models are downloaded at run time, which fails offline, so
this script trains a small model with ``spacy_pkuseg``'s own CRF trainer on the
word segmentation that comes with the Weibo NER corpus (Peng & Dredze 2015, He &
Sun 2016; annotations CC BY-SA 3.0, see ``SOURCE_README.md`` next to the data).
The corpus folder is only read; nothing from it is copied into the repository.

Caveat: the Weibo corpus's word boundaries are the output of jieba 0.37 (see
the corpus README), so "gold" here means "agrees with jieba 0.37 on Weibo".

Steps (all output goes under ``--out``):

1. convert ``weiboNER_2nd_conll.{train,dev,test}`` (``<char><pos-in-word>\\t<tag>``,
   blank line between sentences) to pkuseg's format (one sentence per line,
   words separated by single spaces) in a temporary folder;
2. train with ``spacy_pkuseg.train`` on train+dev (default) or train only;
3. optionally prune features whose weights are all ~0 (shrinks the model);
4. measure word-boundary span P/R/F1 on the held-out split -> ``metrics.json``;
5. check the model inside spaCy (``spacy.blank("zh")`` + ``initialize``), save
   the pipeline with ``to_disk`` and reload it with ``spacy.load`` in a
   subprocess that has no network, and report the saved tokenizer's size;
6. optionally print segmentations of a few sentences of a report text.

Example::

    python training/train_segmenter.py \\
        --weibo PATH/TO/weibo_ner --out build/segmenter

Plug the result into spaCy::

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model="build/segmenter/pkuseg_model")
    disable_pkuseg_default_dict(nlp)   # see --default-dict
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

SPLITS = ("train", "dev", "test")
FILE_PATTERN = "weiboNER_2nd_conll.{split}"
MODEL_DIRNAME = "pkuseg_model"
SPACY_CHECK_SENTENCE = "2023年,共召开了党工委会议40次,主任会议32次。"
_POS_RE = re.compile(r"^(\ufffd+|.)(\d+)$", re.DOTALL)


def log(msg: str) -> None:
    """Print a progress line (flushed, so it shows up under pipes)."""
    print(f"[train_segmenter] {msg}", flush=True)


# --------------------------------------------------------------------------
# data conversion


def read_weibo_words(path: Path) -> list[list[str]]:
    """Read one Weibo NER CoNLL file into sentences of words.

    Each non-blank line is ``<char><position-in-word>\\t<NER tag>``; position 0
    starts a new word.  Emoji lost in the corpus appear as one or more U+FFFD
    characters before the position digits and are kept as one "character".
    Whitespace characters (none in the 2nd-version files) would end a word and
    be dropped, since pkuseg's format uses spaces as separators.
    """
    sentences: list[list[str]] = []
    words: list[str] = []
    new_word = True
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n\r")
            if not line.strip():
                if words:
                    sentences.append(words)
                words, new_word = [], True
                continue
            token = line.split("\t", 1)[0]
            match = _POS_RE.match(token)
            if match is None:
                raise ValueError(f"{path}:{lineno}: cannot parse {token!r}")
            char, pos = match.group(1), int(match.group(2))
            if char.isspace():
                new_word = True
                continue
            if pos == 0 or new_word or not words:
                words.append(char)
            else:
                words[-1] += char
            new_word = False
    if words:
        sentences.append(words)
    return sentences


def write_pkuseg_file(sentences: Iterable[Sequence[str]], path: Path) -> int:
    """Write sentences in pkuseg's training format; return the sentence count."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for words in sentences:
            fh.write(" ".join(words) + "\n")
            n += 1
    return n


# --------------------------------------------------------------------------
# training and pruning


def train_pkuseg(
    train_file: Path,
    monitor_file: Path,
    model_dir: Path,
    iters: int,
    feature_trim: int,
) -> float:
    """Train with ``spacy_pkuseg.train``; return the wall time in seconds.

    ``feature_trim`` is pkuseg's ``config.featureTrim``: features seen at most
    that many times in training are dropped (0 keeps all).  ``monitor_file``
    is decoded after every iteration by the trainer (its printed F1).
    """
    import spacy_pkuseg
    from spacy_pkuseg.config import config as pkuseg_config

    pkuseg_config.featureTrim = feature_trim
    if model_dir.exists():
        shutil.rmtree(model_dir)
    start = time.time()
    spacy_pkuseg.train(
        str(train_file), str(monitor_file), str(model_dir), train_iter=iters
    )
    return time.time() - start


def _feature_words(feature: str) -> list[str]:
    """Words from the training lexicon that a pkuseg feature string refers to."""
    for prefix in ("w-1.", "w1."):
        if feature.startswith(prefix):
            return [feature[len(prefix):]]
    for prefix in ("ww.l.", "ww.r."):
        if feature.startswith(prefix):
            return feature[len(prefix):].split("*")
    return []


def prune_model(model_dir: Path, eps: float) -> dict[str, int]:
    """Drop features whose weights are all ``<= eps`` in absolute value.

    Rewrites ``features.msgpack`` and ``weights.npz`` in place.  Also drops the
    training word bigram list (only used while building features, never at
    inference) and lexicon words no surviving feature mentions (a word only
    matters at inference through a feature that names it, so with ``eps=0``
    segmentation is unchanged).  Returns feature/word counts before and after.
    """
    import numpy as np
    import srsly

    feats = srsly.read_msgpack(model_dir / "features.msgpack")
    npz = np.load(model_dir / "weights.npz")
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = np.asarray(npz["w"], dtype=np.float64)
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag)
    edge = w[n_feature * n_tag:]
    keep = np.abs(node).max(axis=1) > eps
    keep[0] = True  # "$$" bias feature, always emitted first
    idx_to_feature = {i: f for f, i in feats["feature_to_idx"].items()}
    kept_ids = np.flatnonzero(keep)
    new_feature_to_idx = {idx_to_feature[int(old)]: new for new, old in enumerate(kept_ids)}
    used_words: set[str] = set()
    for feature in new_feature_to_idx:
        used_words.update(_feature_words(feature))
    new_unigram = sorted(set(feats["unigram"]) & used_words)
    stats = {
        "features_before": n_feature,
        "features_after": len(new_feature_to_idx),
        "lexicon_words_before": len(feats["unigram"]),
        "lexicon_words_after": len(new_unigram),
        "bigrams_dropped": len(feats["bigram"]),
    }
    feats["feature_to_idx"] = new_feature_to_idx
    feats["unigram"] = new_unigram
    feats["bigram"] = []
    srsly.write_msgpack(model_dir / "features.msgpack", feats)
    new_w = np.concatenate([node[kept_ids].reshape(-1), edge])
    np.savez(
        model_dir / "weights.npz",
        sizes=np.array([n_tag, len(kept_ids)]),
        w=new_w,
    )
    return stats


# --------------------------------------------------------------------------
# evaluation


def word_spans(words: Sequence[str]) -> set[tuple[int, int]]:
    """Character offset spans ``(start, end)`` of consecutive words."""
    spans, pos = set(), 0
    for word in words:
        spans.add((pos, pos + len(word)))
        pos += len(word)
    return spans


def span_prf(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Standard word-segmentation P/R/F1 over exact word spans (micro)."""
    n_gold = n_pred = n_ok = 0
    for g, p in zip(gold, pred, strict=True):
        if "".join(g) != "".join(p):
            raise ValueError(f"segmenter changed the text: {''.join(g)!r}")
        gs, ps = word_spans(g), word_spans(p)
        n_gold += len(gs)
        n_pred += len(ps)
        n_ok += len(gs & ps)
    prec = n_ok / n_pred if n_pred else 0.0
    rec = n_ok / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "gold_words": n_gold,
        "predicted_words": n_pred,
        "correct_words": n_ok,
        "sentences": len(gold),
    }


def load_segmenter(model_dir: Path, default_dict: bool) -> Any:
    """Load the model with spacy_pkuseg directly.

    ``default_dict=False`` is ``user_dict=None`` (no pre/post-processing);
    ``True`` is what spaCy's ``initialize`` does by default (``"default"``:
    pkuseg's bundled ~390k-word dictionary merges adjacent words).
    """
    import spacy_pkuseg

    return spacy_pkuseg.pkuseg(str(model_dir), user_dict="default" if default_dict else None)


def evaluate(model_dir: Path, gold: list[list[str]], default_dict: bool) -> dict[str, float]:
    """Segment the joined gold sentences and score them against the gold words."""
    seg = load_segmenter(model_dir, default_dict)
    start = time.time()
    pred = [seg.cut("".join(words)) for words in gold]
    result = span_prf(gold, pred)
    result["seconds"] = round(time.time() - start, 2)
    return result


# --------------------------------------------------------------------------
# spaCy integration


def disable_pkuseg_default_dict(nlp: Any) -> None:
    """Switch off pkuseg's bundled dictionary post-processing in a zh pipeline.

    spaCy's ``initialize`` always loads pkuseg's default dictionary (passing
    ``pkuseg_user_dict=None`` makes spaCy use the model *directory* as a user
    dict file, which fails).  The flag and the (now empty) word list are part
    of what ``ChineseTokenizer.to_disk`` saves, so the setting travels with the
    pipeline and keeps the saved tokenizer ~4 MB smaller.
    """
    post = nlp.tokenizer.pkuseg_seg.postprocesser
    post.do_process = False
    post.common_words = set()
    post.other_words = set()


def build_spacy_nlp(model_dir: Path, default_dict: bool) -> Any:
    """Blank zh pipeline with the pkuseg segmenter initialised from ``model_dir``."""
    import spacy

    nlp = spacy.blank(
        "zh",
        config={
            "nlp": {
                "tokenizer": {
                    "@tokenizers": "spacy.zh.ChineseTokenizer",
                    "segmenter": "pkuseg",
                }
            }
        },
    )
    nlp.tokenizer.initialize(pkuseg_model=str(model_dir))
    if not default_dict:
        disable_pkuseg_default_dict(nlp)
    return nlp


_RELOAD_SNIPPET = textwrap.dedent(
    """
    import json, socket, sys
    def _no_net(*a, **k):
        raise OSError("network disabled for this check")
    socket.socket.connect = _no_net
    socket.create_connection = _no_net
    import spacy
    nlp = spacy.load(sys.argv[1])
    print(json.dumps([t.text for t in nlp(sys.argv[2])], ensure_ascii=False))
    """
)


def dir_size(path: Path) -> int:
    """Total size in bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def spacy_check(model_dir: Path, default_dict: bool, sentence: str) -> dict[str, Any]:
    """Tokenise in spaCy, save, reload offline in a subprocess, compare."""
    nlp = build_spacy_nlp(model_dir, default_dict)
    tokens = [t.text for t in nlp(sentence)]
    log(f"spaCy tokens: {' | '.join(tokens)}")
    with tempfile.TemporaryDirectory(prefix="zh_seg_check_") as tmp:
        saved = Path(tmp) / "nlp"
        nlp.to_disk(saved)
        tok_dir = saved / "tokenizer"
        files = {
            str(p.relative_to(tok_dir)): p.stat().st_size
            for p in sorted(tok_dir.rglob("*"))
            if p.is_file()
        }
        env = dict(os.environ)
        env.update(
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            # an empty pkuseg home proves nothing is fetched from ~/.pkuseg
            PKUSEG_HOME=str(Path(tmp) / "empty_pkuseg_home"),
            no_proxy="*",
        )
        proc = subprocess.run(
            [sys.executable, "-c", _RELOAD_SNIPPET, str(saved), sentence],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"offline spacy.load failed:\n{proc.stderr}")
        reloaded = json.loads(proc.stdout.strip().splitlines()[-1])
        result = {
            "sentence": sentence,
            "tokens": tokens,
            "reloaded_tokens": reloaded,
            "reload_identical": reloaded == tokens,
            "saved_tokenizer_bytes": dir_size(tok_dir),
            "saved_tokenizer_files": files,
            "saved_pipeline_bytes": dir_size(saved),
        }
    if not result["reload_identical"]:
        raise RuntimeError(f"reloaded pipeline tokenises differently: {reloaded}")
    log(
        "spacy.load (offline subprocess) reproduces the tokens; saved tokenizer = "
        f"{result['saved_tokenizer_bytes'] / 1e6:.2f} MB {files}"
    )
    return result


# --------------------------------------------------------------------------
# qualitative samples


def sample_sentences(path: Path, n: int, min_len: int = 15, max_len: int = 80) -> list[str]:
    """Pick ``n`` sentences (split at 。！？；) from a report, spread over the text."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"(?<=[。！？；])|\n+", text)
    cands = [p.strip() for p in parts if min_len <= len(p.strip()) <= max_len]
    if len(cands) <= n:
        return cands
    step = len(cands) / n
    return [cands[int(i * step + step / 2)] for i in range(n)]


# --------------------------------------------------------------------------
# main


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    ap.add_argument("--weibo", type=Path, required=True,
                    help="folder with weiboNER_2nd_conll.{train,dev,test}")
    ap.add_argument("--out", type=Path, required=True,
                    help="output folder (model in OUT/%s, OUT/metrics.json)" % MODEL_DIRNAME)
    ap.add_argument("--iters", type=int, default=12, help="pkuseg training iterations")
    ap.add_argument("--feature-trim", type=int, default=0,
                    help="pkuseg featureTrim: drop features seen <= this many times")
    ap.add_argument("--prune-eps", type=float, default=0.1,
                    help="after training drop features with all |weight| <= eps (<0: no pruning)")
    ap.add_argument("--eval-split", choices=("test", "dev"), default="test",
                    help="held-out split; 'dev' = tuning mode (train on train only)")
    ap.add_argument("--no-dev-in-train", action="store_true",
                    help="with --eval-split test, train on train only (default: train+dev)")
    ap.add_argument("--default-dict", action="store_true",
                    help="keep pkuseg's bundled default dictionary post-processing in spaCy "
                         "(+~4 MB; default: disabled)")
    ap.add_argument("--samples", type=Path, default=None,
                    help="optional report .txt whose sentences are segmented for inspection")
    ap.add_argument("--n-samples", type=int, default=4)
    ap.add_argument("--skip-spacy-check", action="store_true")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run conversion, training, pruning, evaluation and the spaCy check."""
    args = parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    model_dir = out / MODEL_DIRNAME

    data = {}
    for split in SPLITS:
        path = args.weibo / FILE_PATTERN.format(split=split)
        data[split] = read_weibo_words(path)
        n_chars = sum(len(w) for s in data[split] for w in s)
        log(f"read {split}: {len(data[split])} sentences, {n_chars} chars")

    if args.eval_split == "dev":
        train_splits, held_out = ["train"], "dev"
    else:
        train_splits = ["train"] if args.no_dev_in_train else ["train", "dev"]
        held_out = "test"
    monitor = "dev"  # never the test split, so nothing is tuned on it

    with tempfile.TemporaryDirectory(prefix="pkuseg_data_") as tmp:
        tmpd = Path(tmp)
        train_file, monitor_file = tmpd / "train.txt", tmpd / "monitor.txt"
        n_train = write_pkuseg_file((s for sp in train_splits for s in data[sp]), train_file)
        write_pkuseg_file(data[monitor], monitor_file)
        log(f"training on {'+'.join(train_splits)} ({n_train} sentences), "
            f"iters={args.iters}, featureTrim={args.feature_trim}; trainer monitors "
            f"'{monitor}'{' (also in training data)' if monitor in train_splits else ''}")
        train_seconds = train_pkuseg(
            train_file, monitor_file, model_dir, args.iters, args.feature_trim
        )
    log(f"training took {train_seconds:.1f}s; raw model {dir_size(model_dir) / 1e6:.2f} MB")
    raw_size = dir_size(model_dir)

    prune_stats = None
    if args.prune_eps >= 0:
        prune_stats = prune_model(model_dir, args.prune_eps)
        log(f"pruned (eps={args.prune_eps}): {prune_stats}; "
            f"model now {dir_size(model_dir) / 1e6:.2f} MB")

    gold = data[held_out]
    scores = {
        "no_dict": evaluate(model_dir, gold, default_dict=False),
        "pkuseg_default_dict": evaluate(model_dir, gold, default_dict=True),
    }
    for name, s in scores.items():
        log(f"{held_out} [{name}]: P={s['precision']:.4f} R={s['recall']:.4f} "
            f"F1={s['f1']:.4f} ({s['correct_words']}/{s['predicted_words']} pred, "
            f"{s['gold_words']} gold words, {s['sentences']} sentences)")

    spacy_result = None
    if not args.skip_spacy_check:
        spacy_result = spacy_check(model_dir, args.default_dict, SPACY_CHECK_SENTENCE)

    samples = []
    if args.samples is not None:
        seg = load_segmenter(model_dir, args.default_dict)
        seg_dict = load_segmenter(model_dir, not args.default_dict)
        for sent in sample_sentences(args.samples, args.n_samples):
            item = {
                "text": sent,
                "shipped": " ".join(seg.cut(sent)),
                "other_dict_setting": " ".join(seg_dict.cut(sent)),
            }
            samples.append(item)
            log(f"sample: {item['shipped']}")

    metrics = {
        "held_out_split": held_out,
        "train_splits": train_splits,
        "iters": args.iters,
        "feature_trim": args.feature_trim,
        "prune_eps": args.prune_eps,
        "train_seconds": round(train_seconds, 1),
        "raw_model_bytes": raw_size,
        "model_bytes": dir_size(model_dir),
        "prune": prune_stats,
        "scores": scores,
        "shipped_setting": "pkuseg_default_dict" if args.default_dict else "no_dict",
        "spacy_check": spacy_result,
        "samples": samples,
        "gold_note": "Weibo NER word boundaries are jieba 0.37 output (corpus README)",
        "data_licence": "Weibo NER annotations CC BY-SA 3.0 (Peng & Dredze 2015; He & Sun 2016)",
    }
    (out / "metrics.json").write_text(
        json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    log(f"wrote {out / 'metrics.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
