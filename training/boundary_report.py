"""Measure how gold entity boundaries survive tokenisation: model input pieces and spaCy words.

Usage: python -m training.boundary_report PIPELINE annotations/train.jsonl annotations/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lawgov_ie.data import read_jsonl
from lawgov_ie.data.spacy_docs import set_entities


def boundary_report(pipeline: Path, files: list[Path]) -> dict:
    """Shares of gold entities whose both edges are token edges, for each tokenisation."""
    import lawgov_ie

    nlp = lawgov_ie.load(pipeline)
    chars = nlp.get_pipe("lawgov_ner").tagger.chars
    docs = [d for f in files for d in read_jsonl(f)]
    total = aligned_words = kept = 0
    for record in docs:
        assert len(chars.encode(record.text)) == len(record.text)  # one input piece per character
        doc = nlp.make_doc(record.text)
        edges = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        spans = [(e.start_offset, e.end_offset, e.label) for e in record.entities]
        total += len(spans)
        aligned_words += sum(1 for s, e, _ in spans if s in edges and e in edges)
        doc = set_entities(doc, spans)  # a new Doc when words are split at entity edges
        kept += sum(1 for ent in doc.ents)
    return {"entities": total, "model_pieces_aligned": 1.0,
            "spacy_words_aligned_before_split": round(aligned_words / total, 4),
            "kept_after_split": round(kept / total, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    print(json.dumps(boundary_report(args.pipeline, args.files), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
