"""The ``lawgov-ie`` command line: extract, evaluate, train, validate, info.

User errors (bad input, missing model) print one line on stderr and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from lawgov_ie.errors import LawgovError

FORMATS = ("json", "jsonl", "csv", "text")


def _progress(items: list, desc: str, enabled: bool):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file", disable=not enabled or len(items) < 2, file=sys.stderr)


def _show_tagging_progress(nlp, enabled: bool) -> None:
    """A progress bar inside one long document (a 10 MB report tags for minutes), when the NER can show one."""
    ner = nlp.get_pipe("lawgov_ner") if "lawgov_ner" in nlp.pipe_names else None
    if ner is not None and getattr(ner, "tagger", None) is not None:
        ner.tagger.show_progress = enabled


def _extract_all(args: argparse.Namespace) -> Iterator:
    """Yield an Extraction per readable input file; report unreadable ones and go on."""
    from lawgov_ie.api import extract, load
    from lawgov_ie.reading import read_text

    nlp = load(args.model)
    _show_tagging_progress(nlp, not args.quiet)
    for path in _progress(args.files, "extracting", not args.quiet):
        try:
            decoded = read_text(path)
            if args.verbose:
                print(f"{path}: read as {decoded.encoding}", file=sys.stderr)
            name = "stdin" if path == "-" else Path(path).stem
            extraction = extract(decoded.text, name, nlp)
            extraction.record.meta.update({"source": path, "encoding": decoded.encoding})
            yield extraction
        except LawgovError as exc:
            args.failures += 1
            print(f"lawgov-ie: error: {exc}", file=sys.stderr)


def _render_text(extraction) -> str:
    """A human-readable summary: entities by label, then number → measure pairs."""
    lines = [f"== {extraction.id or 'text'}: {len(extraction.entities)} entities, "
             f"{len(extraction.relations)} number→measure pairs"]
    for entity in extraction.entities:
        lines.append(f"  {entity.label:8s} [{entity.start_offset}:{entity.end_offset}] {entity.attrs['text']}")
    lines.append("  -- number → measure --")
    for q in extraction.quantities():
        value = "" if q.value is None else f" = {q.value:g}{' ' + q.unit if q.unit else ''}"
        period = f" ({q.period_text})" if q.period_text else ""
        lines.append(f"  {q.text}{value} → {q.measure_text or '(no measure)'}{period}")
    return "\n".join(lines)


def cmd_extract(args: argparse.Namespace) -> int:
    from lawgov_ie.export.table import write_csv

    args.failures = 0
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "csv":
            write_csv(_extract_all(args), out)
        elif args.format == "json":
            results = [e.to_dict() for e in _extract_all(args)]
            payload = results[0] if len(args.files) == 1 and results else results
            if results:
                out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            for extraction in _extract_all(args):
                text = _render_text(extraction) if args.format == "text" else json.dumps(
                    extraction.to_dict(), ensure_ascii=False)
                out.write(text + "\n")
    finally:
        if args.output:
            out.close()
    return 1 if args.failures else 0


def cmd_info(args: argparse.Namespace) -> int:
    from lawgov_ie.api import default_model_path
    from lawgov_ie.pipeline.build import render_model_card

    path = Path(args.model) if args.model else default_model_path()
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    print(f"model folder: {path}")
    print(render_model_card(meta))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from lawgov_ie.data import validate_jsonl

    problems = [p for path in args.files for p in validate_jsonl(path)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {len(args.files)} file(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from training.evaluate import main as evaluate_main

    return evaluate_main([args.model, str(args.data), *(["--json", str(args.json)] if args.json else [])])


def cmd_train(args: argparse.Namespace) -> int:
    from training.train_ner import main as train_main

    return train_main([str(args.config), *[f"--set={o}" for o in args.overrides]])


def cmd_render(args: argparse.Namespace) -> int:
    from lawgov_ie.export.html import render_command

    return render_command(args)


def cmd_extract_corpus(args: argparse.Namespace) -> int:
    from lawgov_ie.corpus.command import corpus_command

    return corpus_command(args)


def build_parser() -> argparse.ArgumentParser:
    from lawgov_ie import __version__

    parser = argparse.ArgumentParser(prog="lawgov-ie", description="Structured facts from Chinese "
                                     "rule-of-law government reports (法治政府建设年度报告).")
    parser.add_argument("--version", action="version", version=f"lawgov_ie {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract entities, relations and quantities from report files")
    p.add_argument("files", nargs="+", help="text files in UTF-8, GB18030/GBK or Big5; '-' reads stdin")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.add_argument("--format", choices=FORMATS, default="json",
                   help="json (default), jsonl (one document per line), csv (one row per quantity), text")
    p.add_argument("--model", help="pipeline folder (default: the shipped model)")
    p.add_argument("-v", "--verbose", action="store_true", help="report the encoding used for each file")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score a pipeline on annotated JSONL documents (seqeval + relations)")
    p.add_argument("model", help="pipeline folder, or 'default'")
    p.add_argument("data", type=Path, help="annotated JSONL file, e.g. annotations/dev.jsonl")
    p.add_argument("--json", type=Path, help="also write the scores as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("train", help="fine-tune the NER from a config file and write a pipeline folder")
    p.add_argument("config", type=Path, help="e.g. training/configs/ner.cfg")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="SECTION.KEY=VALUE")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("validate", help="check annotation JSONL files against the spec")
    p.add_argument("files", nargs="+", type=Path)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="write a self-contained HTML page of a report with highlighted entities")
    p.add_argument("file", help="report text file ('-' reads stdin)")
    p.add_argument("-o", "--output", required=True, help="HTML file to write")
    p.add_argument("--model", help="pipeline folder (default: the shipped model)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("extract-corpus", help="extract a whole corpus to Parquet, resumably (local or Ray)")
    p.add_argument("inputs", nargs="+", help="folders, globs or manifest files (one path per line)")
    p.add_argument("--out", required=True, help="output folder (Parquet tables + errors.jsonl)")
    p.add_argument("--engine", choices=("local", "ray"), default="local")
    p.add_argument("--address", help="Ray cluster address to join (default: start a local one)")
    p.add_argument("--workers", type=int, default=1, help="worker processes / Ray actors")
    p.add_argument("--batch-size", type=int, default=16, help="documents per batch (the unit of resumption)")
    p.add_argument("--model", help="pipeline folder (default: the shipped model)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract_corpus)

    p = sub.add_parser("info", help="show the model card of a pipeline (default: the shipped model)")
    p.add_argument("--model", help="pipeline folder")
    p.set_defaults(func=cmd_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except LawgovError as exc:
        print(f"lawgov-ie: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
