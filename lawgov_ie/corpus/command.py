"""``lawgov-ie extract-corpus``: the command-line face of ``extract_corpus``."""

from __future__ import annotations

import argparse
import sys

from lawgov_ie.corpus.api import extract_corpus


def corpus_command(args: argparse.Namespace) -> int:
    """Run ``extract_corpus`` from parsed arguments; 0 if every document was extracted, 1 if some failed.

    Failed documents are listed in ``<out>/errors.jsonl``; the output of the others is complete.
    ``LawgovError`` (no inputs, no model, a locked output folder) propagates to the CLI (exit 2).
    """
    try:
        summary = extract_corpus(
            args.inputs, args.out, engine=args.engine, address=args.address, workers=args.workers,
            batch_size=args.batch_size, model=args.model, progress=not args.quiet,
        )
    except ValueError as exc:
        print(f"lawgov-ie: error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"lawgov-ie: {summary}", file=sys.stderr)
    if summary.failed or summary.retry:
        print(f"lawgov-ie: {summary.failed + summary.retry} document(s) failed, see {summary.out / 'errors.jsonl'}",
              file=sys.stderr)
        return 1
    return 0
