import pytest
from hypothesis import given, strategies as st

from lawgov_ie.model.windows import plan_windows


@given(st.integers(0, 3000), st.integers(20, 300), st.integers(0, 9))
def test_cores_tile_the_sequence_exactly(length, size, margin):
    windows = list(plan_windows(length, size, margin))
    covered = [i for w in windows for i in range(w.core_start, w.core_end)]
    assert covered == list(range(length))
    for w in windows:
        assert w.end - w.start <= size
        assert w.start <= w.core_start <= w.core_end <= w.end


def test_margin_must_leave_a_core():
    with pytest.raises(ValueError):
        list(plan_windows(10, 8, 4))
