"""Rows and Parquet parts: the ``entities``, ``relations`` and ``quantities`` tables of a corpus run.

Every row carries ``document`` (the file stem) and ``content_hash`` (sha256 of the file's bytes), so
rows join across tables and back to ``errors.jsonl`` and the done-manifest. Schemas are fixed here,
not inferred, so that every part file (and both engines) agree column for column.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from lawgov_ie.export.table import COLUMNS, quantity_records

if TYPE_CHECKING:
    import pandas as pd

    from lawgov_ie.extraction import Extraction

TABLES: tuple[str, ...] = ("entities", "relations", "quantities")

_KEYS = [pa.field("document", pa.string()), pa.field("content_hash", pa.string())]

SCHEMAS: dict[str, pa.Schema] = {
    "entities": pa.schema(_KEYS + [
        pa.field("id", pa.int64()), pa.field("label", pa.string()),
        pa.field("start_offset", pa.int64()), pa.field("end_offset", pa.int64()),
        pa.field("text", pa.string()), pa.field("value", pa.float64()), pa.field("unit", pa.string()),
        pa.field("lower", pa.float64()), pa.field("upper", pa.float64()),
        pa.field("approximate", pa.bool_()), pa.field("qualifiers", pa.list_(pa.string())),
        pa.field("period", pa.string()), pa.field("period_text", pa.string()),
    ]),
    "relations": pa.schema(_KEYS + [
        pa.field("id", pa.int64()), pa.field("from_id", pa.int64()), pa.field("to_id", pa.int64()),
        pa.field("type", pa.string()), pa.field("from_text", pa.string()), pa.field("to_text", pa.string()),
    ]),
    "quantities": pa.schema(_KEYS + [
        pa.field(name, {"value": pa.float64(), "lower": pa.float64(), "upper": pa.float64(),
                        "approximate": pa.bool_(), "start_offset": pa.int64(), "end_offset": pa.int64(),
                        "measure_start": pa.int64(), "measure_end": pa.int64()}.get(name, pa.string()))
        for name in COLUMNS if name != "document"
    ]),
}
"""Column names and types of each table (``quantities`` = ``lawgov_ie.export.table.COLUMNS`` + ``content_hash``)."""

SORT_KEYS: dict[str, list[str]] = {
    "entities": ["content_hash", "id"],
    "relations": ["content_hash", "id"],
    "quantities": ["content_hash", "start_offset", "end_offset"],
}


def document_rows(extraction: Extraction, document: str, content_hash: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of one extracted document in each table, keyed by table name."""
    keys = {"document": document, "content_hash": content_hash}
    entity_columns = SCHEMAS["entities"].names
    entities = []
    for entity in extraction.entities:
        data = entity.to_dict()
        entities.append({**{name: data.get(name) for name in entity_columns}, **keys})
    by_id = extraction.record.entity_by_id()
    relations = [
        {**keys, **relation.to_dict(),
         "from_text": by_id[relation.from_id].attrs.get("text"), "to_text": by_id[relation.to_id].attrs.get("text")}
        for relation in extraction.relations
    ]
    quantities = [{**row, **keys} for row in quantity_records(extraction)]
    return {"entities": entities, "relations": relations, "quantities": quantities}


def part_name(batch_id: str) -> str:
    """The file name of a batch's part in every table folder."""
    return f"part-{batch_id}.parquet"


def write_parts(out: Path, batch_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write one batch's rows as ``<table>/part-<batch>.parquet`` in each table, atomically (tmp + rename).

    A part is written even when empty, so that a done batch always has its three parts and a table
    folder always carries its schema.
    """
    for name in TABLES:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pylist(rows.get(name, []), schema=SCHEMAS[name])
        target = folder / part_name(batch_id)
        tmp = folder / f".tmp-{os.getpid()}-{target.name}"
        pq.write_table(table, tmp)
        os.replace(tmp, target)


def read_table(out: str | Path, name: str, sort: bool = True) -> pd.DataFrame:
    """One table of a corpus output folder as a DataFrame (rows sorted by document and position)."""
    import pandas as pd

    folder = Path(out) / name
    parts = sorted(folder.glob("part-*.parquet"))
    schema = SCHEMAS[name]
    table = pa.concat_tables([pq.read_table(p, schema=schema) for p in parts]) if parts else schema.empty_table()
    frame = table.to_pandas()
    if sort:
        frame = frame.sort_values(SORT_KEYS[name], kind="stable").reset_index(drop=True)
    return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)
