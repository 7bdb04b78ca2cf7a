from lawgov_testing import make_tiny_classifier
from lawgov_ie.model.char_input import CharInput


def test_one_id_per_character_and_unknowns():
    _, tokenizer = make_tiny_classifier()
    chars = CharInput.from_tokenizer(tokenizer)
    ids = chars.encode("区委 😀")
    assert len(ids) == 4
    assert ids[2] == chars.space_id and ids[3] == chars.unk_id
