"""``extract_corpus``: a whole corpus to Parquet tables, resumably, on the local or the Ray engine."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgov_ie.corpus.batches import plan_batches
from lawgov_ie.corpus.inputs import resolve_inputs
from lawgov_ie.corpus.state import DoneState, RunLock
from lawgov_ie.corpus.tables import TABLES, write_parts
from lawgov_ie.errors import InputError, ModelNotFoundError

ENGINES: tuple[str, ...] = ("local", "ray")


@dataclass
class CorpusSummary:
    """What one run did: counts of inputs and documents, rows written, speed."""

    out: Path
    engine: str
    workers: int
    inputs: int = 0
    duplicates: int = 0
    already_done: int = 0
    processed: int = 0
    failed: int = 0
    retry: int = 0
    characters: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=lambda: {name: 0 for name in TABLES})
    errors_file_lines: int = 0

    @property
    def docs_per_s(self) -> float:
        return (self.processed + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"out": str(self.out), "engine": self.engine, "workers": self.workers, "inputs": self.inputs,
                "duplicates": self.duplicates, "already_done": self.already_done, "processed": self.processed,
                "failed": self.failed, "retry": self.retry, "characters": self.characters,
                "seconds": round(self.seconds, 3), "docs_per_s": round(self.docs_per_s, 3),
                "chars_per_s": round(self.chars_per_s, 1), "rows": dict(self.rows)}

    def __str__(self) -> str:
        return (f"{self.processed} extracted, {self.failed} failed, {self.retry} to retry, "
                f"{self.already_done} already done, {self.duplicates} duplicates "
                f"({self.characters} chars in {self.seconds:.1f}s: {self.docs_per_s:.2f} docs/s, "
                f"{self.chars_per_s:.0f} chars/s); rows: "
                + ", ".join(f"{n} {name}" for name, n in self.rows.items()) + f" -> {self.out}")


def _model_path(model: str | Path | None) -> str:
    from lawgov_ie.api import default_model_path

    path = Path(model) if model is not None else default_model_path()
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(f"{path}: not a spaCy pipeline folder (no config.cfg)")
    return str(path.resolve())


def extract_corpus(inputs: Iterable[str | Path] | str | Path, out: str | Path, engine: str = "local",
                   address: str | None = None, workers: int = 1, batch_size: int = 16,
                   model: str | Path | None = None, progress: bool = True) -> CorpusSummary:
    """Extract every document named by ``inputs`` (folders, globs, manifests) into Parquet tables in ``out``.

    Resumable and idempotent: documents whose content hash is in ``out``'s done-manifest are skipped,
    the same bytes under two paths are extracted once, and a bad document lands in ``errors.jsonl``
    without stopping the job. See ``lawgov_ie/corpus/README.md`` for the layout.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if workers < 1 or batch_size < 1:
        raise ValueError("workers and batch_size must be at least 1")
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    out = Path(out)
    paths = resolve_inputs(inputs, exclude=out)
    if not paths:
        raise InputError("no input documents found")
    model_path = _model_path(model)
    out.mkdir(parents=True, exist_ok=True)
    summary = CorpusSummary(out=out, engine=engine, workers=workers, inputs=len(paths))
    with RunLock(out):
        state = DoneState(out)
        state.remove_orphans()
        plan = plan_batches(paths, state.hashes, batch_size)
        summary.duplicates, summary.already_done = plan.duplicates, plan.already_done
        retry_errors = list(plan.unreadable)
        state.append_errors(plan.unreadable)
        if engine == "ray":
            from lawgov_ie.corpus.ray_engine import run_ray

            results = run_ray(plan.batches, model_path, workers, address)
        else:
            from lawgov_ie.corpus.local import run_local

            results = run_local(plan.batches, model_path, workers)
        from tqdm import tqdm

        bar = tqdm(total=plan.documents, desc="extract-corpus", unit="doc", file=sys.stderr,
                   disable=not progress, dynamic_ncols=True)
        start = time.perf_counter()
        try:
            for result in results:
                write_parts(out, result.batch_id, result.rows)
                state.commit(result.batch_id, result.done)
                state.append_errors(result.errors)
                retry_errors += [e for e in result.errors if e["retry"]]
                summary.processed += sum(1 for e in result.done if e["status"] == "ok")
                summary.failed += sum(1 for e in result.done if e["status"] == "error")
                summary.characters += result.characters
                for name in TABLES:
                    summary.rows[name] += len(result.rows[name])
                elapsed = time.perf_counter() - start
                bar.set_postfix_str(f"{summary.characters / elapsed:.0f} chars/s" if elapsed else "", refresh=False)
                bar.update(result.documents)
        finally:
            results.close()  # stop the pool or Ray now, not at garbage collection
            bar.close()
            summary.seconds = time.perf_counter() - start
            summary.retry = len(retry_errors)
            summary.errors_file_lines = state.write_errors(retry_errors)
    return summary
