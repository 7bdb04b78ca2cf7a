import codecs

import pytest

from lawgov_ie.errors import BinaryInputError, DecodingError, EmptyInputError
from lawgov_ie.reading import decode_bytes, read_text

TEXT = "2023年，静海区坚持以习近平新时代中国特色社会主义思想为指导，办结率99.79%。"
TRAD = "2022年，東城區政府堅持以習近平新時代中國特色社會主義思想為指導，認真學習。"


@pytest.mark.parametrize("data, encoding, expected", [
    (TEXT.encode("utf-8"), "utf_8", TEXT),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf_8_sig", TEXT),
    (TEXT.encode("gb18030"), "gb18030", TEXT),
    (TEXT.encode("gbk"), "gb18030", TEXT),
    (TRAD.encode("big5"), "big5", TRAD),
    ("a\r\nb 😀".encode("utf-8"), "utf_8", "a\r\nb 😀"),
])
def test_supported_encodings(data, encoding, expected):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (expected, encoding)


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInputError),
    (b"  \n\t ", EmptyInputError),
    (codecs.BOM_UTF8, EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, BinaryInputError),
    (bytes(range(256)) * 4, BinaryInputError),
    (b"\x80\x81\xfe\xfd\xfc\xff" * 50, DecodingError),
])
def test_bad_input_raises_typed_errors(data, error):
    with pytest.raises(error):
        decode_bytes(data)


def test_missing_file(tmp_path):
    with pytest.raises(DecodingError, match="no such file"):
        read_text(tmp_path / "nope.txt")
