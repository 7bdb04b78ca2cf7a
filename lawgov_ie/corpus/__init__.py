"""Corpus extraction: thousands of reports to Parquet tables in one resumable job, locally or on Ray.

    from lawgov_ie.corpus import extract_corpus
    summary = extract_corpus(["reports/"], "out/", engine="local", workers=2)

Imports are lazy so that ``import lawgov_ie`` pulls in neither pyarrow nor Ray.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lawgov_ie.corpus.api import CorpusSummary, extract_corpus
    from lawgov_ie.corpus.tables import read_table

__all__ = ["CorpusSummary", "extract_corpus", "read_table"]


def __getattr__(name: str) -> Any:
    if name in ("CorpusSummary", "extract_corpus"):
        from lawgov_ie.corpus import api

        return getattr(api, name)
    if name == "read_table":
        from lawgov_ie.corpus.tables import read_table

        return read_table
    raise AttributeError(f"module 'lawgov_ie.corpus' has no attribute {name!r}")
