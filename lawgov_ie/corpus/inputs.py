"""Inputs → documents: folders, globs and manifest files resolved to one sorted list of unique paths."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from pathlib import Path

from lawgov_ie.errors import InputError

MANIFEST_SUFFIXES: tuple[str, ...] = (".lst", ".list", ".manifest")
"""A file with one of these suffixes (or named with a leading ``@``) lists document paths, one a line."""

_GLOB_CHARS = frozenset("*?[")


def _folder_files(folder: Path, exclude: Path | None) -> Iterable[Path]:
    """Every regular, non-hidden file under ``folder`` (recursively), skipping the ``exclude`` tree."""
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if exclude is not None and path.resolve().is_relative_to(exclude):
            continue
        if path.is_file():
            yield path


def read_manifest(path: Path) -> list[Path]:
    """The paths a manifest lists; blank lines and ``#`` comments skipped, relative paths taken from its folder."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest ({exc})") from None
    found = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            entry = Path(line).expanduser()
            found.append(entry if entry.is_absolute() else path.parent / entry)
    return found


def is_manifest(text: str) -> bool:
    """Whether an input argument names a manifest rather than a document."""
    return text.startswith("@") or Path(text).suffix.lower() in MANIFEST_SUFFIXES


def resolve_inputs(inputs: Iterable[str | Path], exclude: str | Path | None = None) -> list[Path]:
    """Absolute paths of every document named by ``inputs``, sorted and without repeats.

    An input is a folder (every non-hidden file in it, recursively), a glob (``reports/**/*.txt``),
    a manifest (``*.lst``/``*.list``/``*.manifest`` or ``@file``: one path, folder or glob per line)
    or a plain file. ``exclude`` (the output folder) is never read as input. Names that match
    nothing raise ``InputError``: a typo should not silently shrink a corpus.
    """
    skip = Path(exclude).resolve() if exclude is not None else None
    found: set[Path] = set()

    def add(text: str, from_manifest: bool = False) -> None:
        path = Path(text).expanduser()
        if not from_manifest and is_manifest(text):
            manifest = Path(text[1:] if text.startswith("@") else text).expanduser()
            if not manifest.is_file():
                raise InputError(f"{manifest}: no such manifest file")
            for entry in read_manifest(manifest):
                add(str(entry), from_manifest=True)
        elif path.is_dir():
            found.update(p.resolve() for p in _folder_files(path, skip))
        elif path.is_file():
            found.add(path.resolve())
        elif _GLOB_CHARS & set(text):
            matches = [Path(m) for m in glob.glob(text, recursive=True)]
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            for match in matches:
                if match.is_dir():
                    found.update(p.resolve() for p in _folder_files(match, skip))
                elif match.is_file() and not (skip and match.resolve().is_relative_to(skip)):
                    found.add(match.resolve())
        else:
            raise InputError(f"{text}: no such file or folder")

    for item in inputs:
        add(str(item))
    return sorted(found)
