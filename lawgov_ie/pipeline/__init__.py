"""spaCy components of the lawgov pipeline; importing this registers their factories."""

from lawgov_ie.pipeline import extensions  # noqa: F401  (registers Doc/Span extensions)
from lawgov_ie.pipeline import tokenizer  # noqa: F401  (registers lawgov.ChineseTokenizer.v1)
