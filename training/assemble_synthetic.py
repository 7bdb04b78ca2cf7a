"""Gather written-for-training documents into ``annotations/synthetic.jsonl``, checked against the dev split.

Usage: python -m training.assemble_synthetic BATCH.jsonl... [--annotations annotations] [--max-shared 50]

The documents are passages written to the annotation spec for training (see ``annotations/SYNTHETIC.md``), not
report texts. Every document is validated and renumbered; none may share a run of ``--max-shared`` or more
characters with a dev document. Real reports share political set phrases (the train and dev reports share
runs of up to 48 characters, such as 深刻领悟“两个确立”的决定性意义,增强“四个意识”…), so the default is 50.
Nothing is written when one document fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from lawgov_ie.data import read_jsonl, validate_document, write_jsonl
from lawgov_ie.data.schema import AnnotatedDocument
from training.assemble_annotations import renumber

SYNTHETIC_FILE = "synthetic.jsonl"


def longest_shared_run(text: str, others: Sequence[str], floor: int = 12) -> str:
    """The longest substring of ``text`` (at least ``floor`` characters) found in one of ``others``, or ''."""
    best = ""
    for other in others:
        length = max(floor, len(best) + 1)
        start = 0
        while start + length <= len(text):
            if text[start:start + length] in other:
                while start + length < len(text) and text[start:start + length + 1] in other:
                    length += 1
                best = text[start:start + length]
                length += 1
            else:
                start += 1
    return best


def check_documents(docs: Sequence[AnnotatedDocument], dev: Sequence[AnnotatedDocument],
                    max_shared: int) -> list[str]:
    """Every reason the written documents cannot join training: spec violations, dev overlap, clashing ids."""
    problems = [f"{d.id}: {p}" for d in docs for p in validate_document(d)]
    dev_texts = [d.text for d in dev]
    dev_ids = {d.id for d in dev}
    seen: set[str] = set()
    for d in docs:
        if d.id in dev_ids or d.id in seen:
            problems.append(f"{d.id}: the id is used twice or by a dev document")
        seen.add(d.id)
        shared = longest_shared_run(d.text, dev_texts)
        if len(shared) >= max_shared:
            problems.append(f"{d.id}: shares {len(shared)} characters with a dev document: {shared!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", type=Path, nargs="+", help="JSONL files of written documents")
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    parser.add_argument("--max-shared", type=int, default=50, help="longest run of characters a document may share with dev")
    args = parser.parse_args(argv)
    docs = [renumber(d) for batch in args.batches for d in read_jsonl(batch)]
    problems = check_documents(docs, read_jsonl(args.annotations / "dev.jsonl"), args.max_shared)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    write_jsonl(docs, args.annotations / SYNTHETIC_FILE)
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs)} characters → {args.annotations / SYNTHETIC_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
