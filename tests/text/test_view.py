from hypothesis import given, strategies as st

from lawgov_ie.text.view import build_view, identity_view


def test_residue_is_removed_and_owned_by_its_character():
    text = "縣經(jīng)濟(jì)開(kāi)發(fā)區(qū)管委會(huì)"
    view = build_view(text)
    assert view.text == "县经济开发区管委会"
    assert view.to_original(0, len(view.text)) == (0, len(text))
    assert text[slice(*view.to_original(6, 9))] == "管委會(huì)"


def test_traditional_and_full_width_are_normalised_one_to_one():
    view = build_view("辦結率１００％")
    assert view.text == "办结率100%"
    assert len(view.text) == 7


def test_plain_brackets_are_kept():
    assert build_view("村(居)委会(3)").text == "村(居)委会(3)"


@given(st.text(max_size=200))
def test_view_maps_inside_the_original(text):
    view = build_view(text)
    assert len(view.starts) == len(view.text)
    for i in range(len(view.text)):
        start, end = view.to_original(i, i + 1)
        assert 0 <= start < end <= len(text)


def test_identity_view():
    view = identity_view("abc")
    assert view.to_original(1, 3) == (1, 3) and view.to_view(1, 3) == (1, 3)
