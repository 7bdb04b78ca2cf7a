"""Extraction of one batch, shared by every engine so that they produce the same rows.

``process_batch`` never raises for a bad document: input it cannot read as a report (empty, binary,
undecodable: ``LawgovError``) is a permanent error, marked done so a re-run does not retry it; any
other failure (I/O, a file changed since planning, a pipeline exception) is recorded with
``retry: true`` and left undone, so the next run tries again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from lawgov_ie.corpus.batches import Batch, Document, content_hash
from lawgov_ie.corpus.tables import TABLES, document_rows
from lawgov_ie.errors import LawgovError
from lawgov_ie.extraction import Extraction
from lawgov_ie.reading import decode_bytes


@dataclass
class BatchResult:
    """Rows of a batch per table, one done entry per document, and the errors among them."""

    batch_id: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    done: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def characters(self) -> int:
        return sum(entry.get("characters", 0) for entry in self.done)

    @property
    def documents(self) -> int:
        """Documents the batch accounted for (extracted, failed or left to retry)."""
        return len(self.done) + sum(1 for e in self.errors if e["retry"])

    def to_dict(self) -> dict[str, Any]:
        return {"batch_id": self.batch_id, "rows": self.rows, "done": self.done, "errors": self.errors}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchResult:
        return cls(data["batch_id"], data["rows"], data["done"], data["errors"])


def _error(doc: Document, exc: BaseException, retry: bool) -> dict[str, Any]:
    return {"path": doc.path, "document": doc.document, "content_hash": doc.content_hash,
            "error": type(exc).__name__, "message": str(exc), "retry": retry}


class ContentChangedError(Exception):
    """The file's bytes changed between planning (hashing) and extraction."""


def _read(doc: Document) -> str:
    data = Path(doc.path).read_bytes()
    if content_hash(data) != doc.content_hash:
        raise ContentChangedError(f"{doc.path}: the file changed during the run; a re-run picks up the new content")
    return decode_bytes(data, doc.path).text


def process_batch(nlp: Language, batch: Batch) -> BatchResult:
    """Decode and extract every document of ``batch``; bad documents become error entries, never exceptions."""
    result = BatchResult(batch.id)
    readable: list[tuple[Document, str]] = []
    for doc in batch.documents:
        try:
            readable.append((doc, _read(doc)))
        except LawgovError as exc:
            error = _error(doc, exc, retry=False)
            result.errors.append(error)
            result.done.append({**_entry(doc, "error", 0), "error": error["error"], "message": error["message"]})
        except (OSError, ContentChangedError) as exc:
            result.errors.append(_error(doc, exc, retry=True))
    try:
        processed = list(zip(readable, nlp.pipe(text for _, text in readable), strict=True))
    except Exception:  # one document broke the pipeline: redo one by one to isolate it
        processed = []
        for doc, text in readable:
            try:
                processed.append(((doc, text), nlp(text)))
            except Exception as exc:
                result.errors.append(_error(doc, exc, retry=True))
    for (doc, text), spacy_doc in processed:
        try:
            rows = document_rows(Extraction(spacy_doc, doc.document), doc.document, doc.content_hash)
        except Exception as exc:
            result.errors.append(_error(doc, exc, retry=True))
            continue
        for name in TABLES:
            result.rows[name].extend(rows[name])
        result.done.append({**_entry(doc, "ok", len(text)), **{name: len(rows[name]) for name in TABLES}})
    return result


def _entry(doc: Document, status: str, characters: int) -> dict[str, Any]:
    return {"content_hash": doc.content_hash, "path": doc.path, "document": doc.document,
            "status": status, "characters": characters}


# --------------------------------------------------------------------------- one pipeline per process

_NLP: Language | None = None


def init_worker(model: str, threads: int | None = None) -> None:
    """Load the pipeline once in a worker process (``ProcessPoolExecutor`` initializer)."""
    global _NLP
    if threads:
        import torch

        torch.set_num_threads(threads)
    from lawgov_ie.api import load

    _NLP = load(model)


def process_in_worker(batch_dict: dict[str, Any]) -> dict[str, Any]:
    """``process_batch`` with the worker's pipeline, plain dicts in and out (cheap to pickle)."""
    if _NLP is None:
        raise RuntimeError("init_worker() was not called in this process")
    return process_batch(_NLP, Batch.from_dict(batch_dict)).to_dict()
