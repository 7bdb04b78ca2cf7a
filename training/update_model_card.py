"""Attach measured notes (ablations, decoding, data terms) to a pipeline's model card and re-render it.

Usage: python -m training.update_model_card MODEL training/MODEL_CARD_NOTES.md [--rescore annotations/dev.jsonl]
The notes file is Markdown; each ``## Title`` section becomes one entry of ``meta.json["lawgov_notes"]``.
``--rescore`` scores the pipeline as saved (float16 weights, current code) so the card shows what ships.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from lawgov_ie.pipeline.build import render_model_card


def parse_sections(markdown: str) -> dict[str, str]:
    """``{title: body}`` of the ``## `` sections of a Markdown text."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("notes", type=Path)
    parser.add_argument("--rescore", type=Path, metavar="DEV_JSONL", help="score the saved pipeline on these documents")
    args = parser.parse_args(argv)
    meta_file = args.model / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if args.rescore:
        import lawgov_ie
        from lawgov_ie.data import read_jsonl
        from training.evaluate import evaluate_pipeline

        meta["performance"] = evaluate_pipeline(lawgov_ie.load(args.model), read_jsonl(args.rescore))
    meta["lawgov_notes"] = parse_sections(args.notes.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    (args.model / "README.md").write_text(render_model_card(meta), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
