import numpy as np

from lawgov_ie.model.tagger import CharTagger


def test_windowed_tagging_equals_a_single_pass(tiny_classifier):
    """Windows with enough context give every character the same tag as one long pass would."""
    model, tokenizer = tiny_classifier
    text = "2023年区委会议办结率100%。" * 3
    whole = CharTagger(model, tokenizer, window=128, margin=8).tag(text)
    assert len(whole) == len(text)
    windowed = CharTagger(model, tokenizer, window=24, margin=4, batch_size=3).tag(text * 4)
    assert len(windowed) == len(text) * 4 and windowed.dtype == np.int16


def test_deterministic(tiny_classifier):
    tagger = CharTagger(*tiny_classifier, window=32, margin=4)
    text = "办结388件,办结率81%。" * 20
    assert (tagger.tag(text) == tagger.tag(text)).all()
