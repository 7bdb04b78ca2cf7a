"""The public entry points: ``load``, ``extract``, ``extract_file``."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from lawgov_ie.errors import ModelNotFoundError
from lawgov_ie.extraction import Extraction
from lawgov_ie.reading import check_text, read_text

DEFAULT_MODEL = "lawgov-zh-default"
MODEL_ENV = "LAWGOV_IE_MODEL"


def default_model_path() -> Path:
    """Where the shipped default pipeline lives: ``$LAWGOV_IE_MODEL``, the checkout's ``models/``, or the wheel's copy."""
    candidates = []
    if os.environ.get(MODEL_ENV):
        candidates.append(Path(os.environ[MODEL_ENV]))
    package = Path(__file__).resolve().parent
    candidates += [package.parent / "models" / DEFAULT_MODEL,  # a source checkout / editable install
                   Path(sys.prefix) / "share" / "lawgov_ie" / "models" / DEFAULT_MODEL]  # a wheel's data files
    for candidate in candidates:
        if (candidate / "config.cfg").is_file():
            return candidate
    raise ModelNotFoundError(
        f"no default model found (looked in {', '.join(map(str, candidates))}); "
        f"pass a pipeline folder to lawgov_ie.load(PATH) or set {MODEL_ENV}"
    )


def _register_components() -> None:
    """Import the factories so pipelines load even when entry points are not installed."""
    import lawgov_ie.pipeline.ner  # noqa: F401
    import lawgov_ie.pipeline.quantities  # noqa: F401
    import lawgov_ie.pipeline.relations  # noqa: F401
    import lawgov_ie.pipeline.sentences  # noqa: F401
    import lawgov_ie.pipeline.text_view  # noqa: F401


def _quiet_transformers() -> None:
    """No weight-loading progress bars or load reports on stderr: the CLI's stderr is for user errors."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def load(path: str | Path | None = None) -> Language:
    """The spaCy pipeline saved at ``path`` (default: the shipped model), loaded offline."""
    _register_components()
    _quiet_transformers()
    path = Path(path) if path is not None else default_model_path()
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(f"{path}: not a spaCy pipeline folder (no config.cfg)")
    nlp = spacy.load(path)
    nlp.max_length = 10**9
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> Language:
    """The shipped pipeline, loaded once per process."""
    return load()


def extract(text: str, doc_id: str = "", nlp: Language | None = None) -> Extraction:
    """Entities, relations and normalised quantities of ``text`` (offsets index ``text`` as given)."""
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}; decode bytes with lawgov_ie.reading")
    check_text(text)
    nlp = nlp or default_pipeline()
    return Extraction(nlp(text), doc_id)


def extract_file(path: str | Path, nlp: Language | None = None) -> Extraction:
    """``extract`` on a file in UTF-8, GB18030/GBK or Big5; the document id is the file name."""
    decoded = read_text(path)
    extraction = extract(decoded.text, Path(str(path)).stem, nlp)
    extraction.record.meta.update({"source": str(path), "encoding": decoded.encoding})
    return extraction
