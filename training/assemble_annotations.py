"""Gather per-document annotation files into the fixed split files ``annotations/train.jsonl`` and ``dev.jsonl``.

Usage: python -m training.assemble_annotations SRC_DIR [--annotations annotations]
Each ``SRC_DIR/*.jsonl`` holds one document; the ids listed in ``annotations/dev_documents.txt`` go to dev.
Every document is validated first; nothing is written when one is invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawgov_ie.data import read_jsonl, validate_document, write_jsonl
from lawgov_ie.data.schema import AnnotatedDocument


def dev_ids(annotations: Path) -> set[str]:
    """The document ids of the dev split."""
    lines = (annotations / "dev_documents.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def renumber(doc: AnnotatedDocument) -> AnnotatedDocument:
    """Entity ids 1..n in text order, relation ids 1..m, relations re-pointed accordingly."""
    order = sorted(doc.entities, key=lambda e: (e.start_offset, e.end_offset))
    new_id = {e.id: i for i, e in enumerate(order, start=1)}
    for e in order:
        e.id = new_id[e.id]
    for i, r in enumerate(sorted(doc.relations, key=lambda r: (new_id[r.from_id], new_id[r.to_id])), start=1):
        r.id, r.from_id, r.to_id = i, new_id[r.from_id], new_id[r.to_id]
    doc.entities = order
    doc.relations = sorted(doc.relations, key=lambda r: r.id)
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of one-document JSONL files")
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    args = parser.parse_args(argv)
    docs = [renumber(doc) for doc in read_jsonl(args.source)]
    bad = {doc.id: problems for doc in docs if (problems := validate_document(doc))}
    for doc_id, problems in bad.items():
        for problem in problems:
            print(f"{doc_id}: {problem}", file=sys.stderr)
    if bad:
        return 1
    held_out = dev_ids(args.annotations)
    missing = held_out - {doc.id for doc in docs}
    if missing:
        print(f"dev documents missing from {args.source}: {sorted(missing)}", file=sys.stderr)
    docs.sort(key=lambda d: d.id)
    write_jsonl([d for d in docs if d.id not in held_out], args.annotations / "train.jsonl")
    write_jsonl([d for d in docs if d.id in held_out], args.annotations / "dev.jsonl")
    print(f"train: {sum(d.id not in held_out for d in docs)} documents, dev: {sum(d.id in held_out for d in docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
