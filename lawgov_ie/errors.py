"""Typed exceptions: every user-facing failure has a class and a message a user can act on."""

from __future__ import annotations


class LawgovError(Exception):
    """Base class of every error raised on purpose by lawgov_ie."""


class InputError(LawgovError):
    """The input cannot be processed as a report text."""


class EmptyInputError(InputError):
    """The input holds no text (empty or whitespace only)."""


class BinaryInputError(InputError):
    """The input looks like a binary file, not text."""


class DecodingError(InputError):
    """The bytes are not text in any supported encoding (UTF-8, GB18030/GBK, Big5)."""


class ModelNotFoundError(LawgovError):
    """No pipeline directory at the given path, or no shipped default model."""


class AnnotationError(LawgovError):
    """An annotation record breaks the JSONL contract of ANNOTATION_SPEC.md."""
