import pytest

from lawgov_ie.data.offsets import Utf16Offsets


def test_astral_characters_count_twice_in_utf16():
    text = "a😀b𠀀c"
    offsets = Utf16Offsets(text)
    assert [offsets.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [offsets.from_utf16(offsets.to_utf16(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_offset_inside_a_surrogate_pair_is_refused():
    with pytest.raises(ValueError):
        Utf16Offsets("😀").from_utf16(1)
