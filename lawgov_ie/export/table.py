"""One row per quantity: the table analysts sort and pivot (records, pandas DataFrame, CSV)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from lawgov_ie.extraction import Extraction

COLUMNS: tuple[str, ...] = (
    "document", "measure", "measure_normalised", "text", "label", "value", "unit", "lower", "upper", "approximate",
    "period", "period_text", "sentence", "start_offset", "end_offset", "measure_start", "measure_end",
)


def quantity_records(extraction: Extraction) -> list[dict[str, Any]]:
    """The quantity rows of one extraction, columns as in ``COLUMNS``."""
    rows = []
    for q in extraction.quantities():
        rows.append({
            "document": extraction.id,
            "measure": q.measure_text,
            "measure_normalised": q.measure_normalised,
            "text": q.text,
            "label": q.entity.label,
            "value": q.value,
            "unit": q.unit,
            "lower": q.lower,
            "upper": q.upper,
            "approximate": q.approximate,
            "period": q.period,
            "period_text": q.period_text,
            "sentence": q.sentence,
            "start_offset": q.entity.start_offset,
            "end_offset": q.entity.end_offset,
            "measure_start": q.measure.start_offset if q.measure else None,
            "measure_end": q.measure.end_offset if q.measure else None,
        })
    return rows


def to_dataframe(extractions: Iterable[Extraction]) -> pd.DataFrame:
    """All quantity rows of several extractions as one pandas DataFrame."""
    import pandas as pd

    rows = [row for extraction in extractions for row in quantity_records(extraction)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def write_csv(extractions: Iterable[Extraction], handle: IO[str]) -> None:
    """Write the quantity rows as CSV (header first)."""
    writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
    writer.writeheader()
    for extraction in extractions:
        writer.writerows(quantity_records(extraction))
