"""Resumption state of an output folder: the done-manifest, the run lock and ``errors.jsonl``.

The done-manifest is ``_done/batch-<id>.json``, one file per committed batch, each listing its
documents by content hash. A batch file is written atomically (tmp + rename) only after the batch's
three Parquet parts exist, so a document is done exactly when its rows are on disk. Parts without a
done file (a crash between the two) are orphans and are deleted at the start of the next run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lawgov_ie.corpus.tables import TABLES, part_name
from lawgov_ie.errors import InputError

DONE_DIR = "_done"
LOCK_FILE = "_lock"
ERRORS_FILE = "errors.jsonl"


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _error_line(entry: dict[str, Any]) -> str:
    keys = ("path", "document", "content_hash", "error", "message", "retry")
    return json.dumps({key: entry.get(key) for key in keys}, ensure_ascii=False)


class DoneState:
    """The done documents of an output folder, keyed by content hash."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.folder = self.out / DONE_DIR
        self.batches: dict[str, list[dict[str, Any]]] = {}
        if self.folder.is_dir():
            for path in sorted(self.folder.glob("batch-*.json")):
                data = json.loads(path.read_text(encoding="utf-8"))
                self.batches[data["batch"]] = data["documents"]

    @property
    def hashes(self) -> set[str]:
        """Content hashes of every done document (extracted or permanently failed)."""
        return {entry["content_hash"] for entries in self.batches.values() for entry in entries}

    def entries(self) -> list[dict[str, Any]]:
        """Every done entry, sorted by path."""
        return sorted((e for entries in self.batches.values() for e in entries), key=lambda e: e["path"])

    def commit(self, batch_id: str, entries: list[dict[str, Any]]) -> None:
        """Mark a batch done; call only after its Parquet parts are written."""
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"batch": batch_id, "documents": entries}
        _atomic_write(self.folder / f"batch-{batch_id}.json", json.dumps(payload, ensure_ascii=False) + "\n")
        self.batches[batch_id] = entries

    def remove_orphans(self) -> list[Path]:
        """Delete part files of uncommitted batches and leftover temporary files; return what went."""
        removed = []
        for name in (*TABLES, DONE_DIR):
            folder = self.out / name
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                orphan = path.name.startswith(".tmp-") or (
                    name != DONE_DIR and path.name.startswith("part-")
                    and path.name not in {part_name(b) for b in self.batches})
                if orphan:
                    path.unlink()
                    removed.append(path)
        return removed

    def write_errors(self, retry_errors: Iterable[dict[str, Any]] = ()) -> int:
        """Rewrite ``errors.jsonl`` from the done state plus this run's retryable errors; return the line count."""
        permanent = [{**e, "retry": False} for e in self.entries() if e["status"] == "error"]
        retry = sorted(retry_errors, key=lambda e: e["path"])
        lines = [_error_line(e) for e in permanent + retry]
        _atomic_write(self.out / ERRORS_FILE, "".join(line + "\n" for line in lines))
        return len(lines)

    def append_errors(self, errors: Iterable[dict[str, Any]]) -> None:
        """Append error lines as they happen (the file is rewritten, de-duplicated, at the end of the run)."""
        lines = [_error_line(e) for e in errors]
        if lines:
            with open(self.out / ERRORS_FILE, "a", encoding="utf-8", newline="\n") as handle:
                handle.write("".join(line + "\n" for line in lines))


class RunLock:
    """``<out>/_lock`` holding the pid of the run writing there; a stale lock (dead pid) is taken over."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_FILE

    def __enter__(self) -> RunLock:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._holder_alive():
                    raise InputError(f"{self.path.parent}: another extract-corpus run is writing there "
                                     f"(remove {self.path} if it is not)") from None
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise InputError(f"{self.path}: cannot take the run lock")

    def _holder_alive(self) -> bool:
        try:
            pid = int(self.path.read_text().strip())
        except (OSError, ValueError):
            return False
        if pid == os.getpid():
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)
