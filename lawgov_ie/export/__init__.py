"""Exports of extractions: flat quantity tables (records, pandas, CSV)."""
