"""Speed and memory of a lawgov pipeline on this machine, next to the bare model forward and a rule baseline.

    python benchmarks/bench.py --model PATH --reports DIR [--dev annotations/dev.jsonl] [--json OUT]
        [--big-mb 10] [--threads 2]

Each measurement runs in its own subprocess so that its peak RSS (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PARAGRAPH = "2023年，区司法局共办理行政复议案件128件，办结率99.5%，落实《中华人民共和国行政复议法》，投入资金350万元。\n"
NORMALISATION_DOCS = ("081_yingjibu_2022_trad", "017_dongcheng_2022_big5", "086_changzhou_2016_trad")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(args):
    import torch

    torch.set_num_threads(args.threads)
    import lawgov_ie

    start = time.perf_counter()
    nlp = lawgov_ie.load(args.model)
    return nlp, time.perf_counter() - start


def _texts(folder: str) -> list[tuple[str, str]]:
    from lawgov_ie.reading import read_text

    return [(p.name, read_text(p).text) for p in sorted(Path(folder).iterdir()) if p.is_file()]


def worker_load(args) -> dict:
    _, seconds = _load(args)
    return {"load_s": seconds}


def _bare_forward_seconds(nlp, text: str) -> float:
    """The model forward alone over exactly the windows the pipeline reads for ``text``."""
    import torch

    tagger = nlp.get_pipe("lawgov_ner").tagger
    view = nlp.get_pipe("lawgov_text_view")(nlp.make_doc(text))._.text_view.text if (
        "lawgov_text_view" in nlp.pipe_names) else text
    ids = tagger.chars.encode(view)
    batches = []
    for batch in tagger._batches(tagger.windows([view])):
        rows = [ids[w.start:w.end] for _, w in batch]
        width = max(len(r) for r in rows) + 2
        input_ids = torch.full((len(rows), width), tagger.chars.pad_id, dtype=torch.long)
        attention = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            input_ids[i, 0], input_ids[i, len(r) + 1] = tagger.chars.cls_id, tagger.chars.sep_id
            input_ids[i, 1:len(r) + 1] = torch.from_numpy(r)
            attention[i, :len(r) + 2] = 1
        batches.append((input_ids, attention))
    start = time.perf_counter()
    with torch.inference_mode():
        for input_ids, attention in batches:
            tagger.model(input_ids=input_ids, attention_mask=attention)
    return time.perf_counter() - start


def worker_reports(args) -> dict:
    nlp, _ = _load(args)
    texts = _texts(args.reports)
    # warm-up of both sides on a whole report: torch's first full-size batches allocate and pick kernels, and
    # timing the pipeline cold against a forward that runs after it would charge that to the pipeline
    nlp(texts[0][1])
    _bare_forward_seconds(nlp, texts[0][1])
    per_report, chars, pipe_s, bare_s = [], 0, 0.0, 0.0
    for name, text in texts:
        start = time.perf_counter()
        nlp(text)
        seconds = time.perf_counter() - start
        bare = _bare_forward_seconds(nlp, text)
        per_report.append({"report": name, "chars": len(text), "pipeline_s": round(seconds, 3),
                           "bare_forward_s": round(bare, 3)})
        chars, pipe_s, bare_s = chars + len(text), pipe_s + seconds, bare_s + bare
    start = time.perf_counter()
    list(nlp.pipe([t for _, t in texts], batch_size=8))
    piped = time.perf_counter() - start
    return {"reports": per_report, "chars": chars, "chars_per_s": chars / pipe_s,
            "seconds_per_report": pipe_s / len(texts), "bare_forward_chars_per_s": chars / bare_s,
            "pipeline_over_forward": pipe_s / bare_s, "pipe_docs_per_s": len(texts) / piped,
            "one_by_one_docs_per_s": len(texts) / pipe_s}


def worker_big(args) -> dict:
    nlp, _ = _load(args)
    text = PARAGRAPH * int(args.big_mb * 2**20 / len(PARAGRAPH.encode()))
    base = _peak_mb()
    start = time.perf_counter()
    doc = nlp(text)
    return {"megabytes": args.big_mb, "chars": len(text), "entities": len(doc.ents),
            "seconds": time.perf_counter() - start, "peak_rss_mb_before": base}


def worker_dev(args) -> dict:
    from benchmarks.baseline import predict
    from lawgov_ie.data import read_jsonl
    from lawgov_ie.evaluation.entities import score_entities
    from training.evaluate import predict_documents

    nlp, _ = _load(args)
    docs = read_jsonl(args.dev)
    f1 = lambda scores: {k: round(v["f1"], 3) for k, v in scores.items()}  # noqa: E731
    out = {"pipeline_f1": f1(score_entities(docs, predict_documents(nlp, docs, progress=False))),
           "baseline_f1": f1(score_entities(docs, predict(docs)))}
    norm = [d for d in docs if d.id in NORMALISATION_DOCS]
    if norm:
        out["normalisation_docs"] = [d.id for d in norm]
        out["normalised_f1"] = f1(score_entities(norm, predict_documents(nlp, norm, progress=False)))
        with nlp.select_pipes(disable=["lawgov_text_view"]):
            out["identity_view_f1"] = f1(score_entities(norm, predict_documents(nlp, norm, progress=False)))
    return out


WORKERS = {"load": worker_load, "reports": worker_reports, "big": worker_big, "dev": worker_dev}


def run_worker(kind: str, argv: list[str]) -> dict:
    """Run one measurement in a fresh interpreter; its result carries that process's peak RSS."""
    done = subprocess.run([sys.executable, __file__, "--worker", kind, *argv], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="pipeline folder")
    parser.add_argument("--reports", required=True, help="folder of report texts")
    parser.add_argument("--dev", help="annotated JSONL for F1 (pipeline vs baseline, normalisation on/off)")
    parser.add_argument("--json", type=Path, help="write all figures here")
    parser.add_argument("--big-mb", type=float, default=10.0, help="size of the large input (MB of UTF-8)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    parser.add_argument("--only", nargs="*", choices=sorted(WORKERS), help="run only these measurements")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if args.worker:
        result = WORKERS[args.worker](args)
        result["peak_rss_mb"] = round(_peak_mb(), 1)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    passed = [f"--model={args.model}", f"--reports={args.reports}", f"--big-mb={args.big_mb}",
              f"--threads={args.threads}", *(["--dev", args.dev] if args.dev else [])]
    results = {"machine": f"{os.cpu_count()} CPU, torch threads {args.threads}", "model": args.model,
               "date": time.strftime("%Y-%m-%d %H:%M")}
    for kind in args.only or [k for k in WORKERS if k != "dev" or args.dev]:
        results[kind] = run_worker(kind, passed)
        print(kind, json.dumps(results[kind], ensure_ascii=False), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
