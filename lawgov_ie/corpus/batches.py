"""Planning: hash every input, drop repeats and done documents, cut the rest into batches.

A batch is the unit of work and of resumption: its id is a hash of its documents' content hashes,
so the same documents always make the same part files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_CHUNK = 1 << 20


def content_hash(data: bytes) -> str:
    """The sha256 hex digest of a document's bytes: its identity for resumption and de-duplication."""
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path) -> str:
    """``content_hash`` of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Document:
    """One input to extract: where it is, its content hash and its name in the tables (the file stem)."""

    path: str
    content_hash: str
    document: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(data["path"], data["content_hash"], data["document"])


@dataclass(frozen=True)
class Batch:
    """Documents processed and committed together; ``id`` names its part files and done entry."""

    id: str
    documents: tuple[Document, ...]

    @classmethod
    def of(cls, documents: Iterable[Document]) -> Batch:
        documents = tuple(documents)
        key = "\n".join(sorted(d.content_hash for d in documents))
        return cls(hashlib.sha256(key.encode()).hexdigest()[:20], documents)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "documents": [asdict(d) for d in self.documents]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Batch:
        return cls(data["id"], tuple(Document.from_dict(d) for d in data["documents"]))


@dataclass
class Plan:
    """What a run will do: its batches and what it leaves out (repeats, done documents, unreadable files)."""

    inputs: int
    batches: list[Batch] = field(default_factory=list)
    duplicates: int = 0
    already_done: int = 0
    unreadable: list[dict[str, Any]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(len(b.documents) for b in self.batches)


def plan_batches(paths: Iterable[Path], done: set[str], batch_size: int) -> Plan:
    """Hash ``paths`` (sorted), keep the first path of each new content hash, and cut batches of ``batch_size``."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    paths = list(paths)
    plan = Plan(inputs=len(paths))
    seen: set[str] = set()
    todo: list[Document] = []
    for path in paths:
        try:
            digest = hash_file(path)
        except OSError as exc:
            plan.unreadable.append({"path": str(path), "document": path.stem, "content_hash": None,
                                    "error": type(exc).__name__, "message": f"{path}: {exc.strerror or exc}",
                                    "retry": True})
            continue
        if digest in seen:
            plan.duplicates += 1
            continue
        seen.add(digest)
        if digest in done:
            plan.already_done += 1
            continue
        todo.append(Document(str(path), digest, path.stem))
    plan.batches = [Batch.of(todo[i:i + batch_size]) for i in range(0, len(todo), batch_size)]
    return plan
