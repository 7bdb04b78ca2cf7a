"""Quantity and date normalisation: pure functions from entity surfaces to values (no spaCy).

- :func:`normalize_quantity` reads a COUNT / PERCENT / MONEY span (plus a few characters of context) into a
  :class:`QuantityValue`: value in base units, unit, bounds and approximation words.
- :func:`normalize_date` maps a DATE span to an ISO-8601-like string; :func:`governing_date` picks the DATE
  that a quantity at a given position falls under.
"""

from .dates import governing_date, normalize_date
from .values import QuantityValue, clean_surface, normalize_quantity, parse_number

__all__ = [
    "QuantityValue",
    "clean_surface",
    "governing_date",
    "normalize_date",
    "normalize_quantity",
    "parse_number",
]
