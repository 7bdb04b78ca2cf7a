"""Bytes → text: encoding detection and clear refusals of input that is not a report text."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from lawgov_ie.errors import BinaryInputError, DecodingError, EmptyInputError

SUPPORTED_ENCODINGS: tuple[str, ...] = ("utf_8", "gb18030", "big5")
"""Encodings tried, in order; GB18030 is a superset of GBK and GB2312."""

_CONTROL_OK = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class DecodedText:
    """A text and the encoding it was read with."""

    text: str
    encoding: str
    source: str = "<text>"


def check_text(text: str, source: str = "<text>") -> str:
    """Refuse empty or whitespace-only text; return it unchanged otherwise."""
    if not text.strip():
        raise EmptyInputError(f"{source}: the input is empty (no text to extract from)")
    return text


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _CONTROL_OK)
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, source: str = "<bytes>") -> DecodedText:
    """Decode report bytes in UTF-8 (BOM or not), GB18030/GBK or Big5, or raise a typed error."""
    if not data.strip():
        raise EmptyInputError(f"{source}: the input is empty (no text to extract from)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(check_text(data[3:].decode("utf-8"), source), "utf_8_sig", source)
        except UnicodeDecodeError as exc:
            raise DecodingError(f"{source}: starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(check_text(data.decode("utf-16"), source), "utf_16", source)
    if _looks_binary(data):
        raise BinaryInputError(f"{source}: looks like a binary file, not text (expected a report in UTF-8, GB18030 or Big5)")
    try:
        return DecodedText(check_text(data.decode("utf-8"), source), "utf_8", source)
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data, cp_isolation=list(SUPPORTED_ENCODINGS[1:]), explain=False)
    # Lowest chaos wins; on a tie (short texts) GB18030 goes first, as mainland reports are the common case.
    preference = {name: rank for rank, name in enumerate(SUPPORTED_ENCODINGS)}
    best = min(matches, key=lambda m: (m.chaos, preference.get(m.encoding, 99)), default=None)
    if best is None:
        raise DecodingError(
            f"{source}: cannot decode the bytes as UTF-8, GB18030/GBK or Big5; convert the file to UTF-8"
        )
    return DecodedText(check_text(str(best), source), best.encoding, source)


def read_text(path: str | Path) -> DecodedText:
    """Read a report file (``-`` for standard input) and decode it."""
    if str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DecodingError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DecodingError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise DecodingError(f"{path}: permission denied") from None
    return decode_bytes(data, str(path))
