"""lawgov_ie: structured facts from Chinese rule-of-law government annual reports (法治政府建设年度报告).

    import lawgov_ie
    nlp = lawgov_ie.load()               # the shipped spaCy pipeline
    result = lawgov_ie.extract(text)     # -> lawgov_ie.Extraction
    result.to_dict()                     # annotation-file schema, JSON-ready
"""

__version__ = "0.1.0"

from lawgov_ie import errors  # noqa: E402
from lawgov_ie.api import extract, extract_file, load  # noqa: E402
from lawgov_ie.export.table import to_dataframe  # noqa: E402
from lawgov_ie.extraction import Extraction, Quantity  # noqa: E402

__all__ = ["Extraction", "Quantity", "__version__", "errors", "extract", "extract_corpus", "extract_file", "load",
           "to_dataframe"]


def __getattr__(name: str):
    """``extract_corpus`` is imported on first use, so ``import lawgov_ie`` stays light (no pyarrow, no Ray)."""
    if name == "extract_corpus":
        from lawgov_ie.corpus import extract_corpus

        return extract_corpus
    raise AttributeError(f"module 'lawgov_ie' has no attribute {name!r}")
