"""Training a model that reads word positions: rows carry them, and the new type embeddings start neutral."""

from __future__ import annotations

import copy

import torch

from lawgov_ie.data.schema import AnnotatedDocument, Entity
from lawgov_ie.model.char_input import CharInput
from lawgov_ie.model.tagger import CharTagger
from lawgov_ie.text.words import WORD_POSITIONS, word_position_ids
from training.rows import training_rows
from training.train_ner import read_word_positions

TEXT = "2023年区委会议办结率100%。市司法局共办结件"


def test_rows_carry_word_positions_of_the_whole_view(tiny_classifier):
    chars = CharInput.from_tokenizer(tiny_classifier[1])
    doc = AnnotatedDocument("d", TEXT, [Entity(1, "METRIC", 11, 14)], [], {})
    rows = training_rows([doc], chars, size=12, stride=8, word_positions=True)
    whole = word_position_ids(TEXT).tolist()
    for index, row in enumerate(rows):
        assert len(row["token_type_ids"]) == len(row["input_ids"]) == len(row["labels"])
        assert row["token_type_ids"][0] == row["token_type_ids"][-1] == 0
        assert row["token_type_ids"][1:-1] == whole[index * 8 : index * 8 + 12]
    assert "token_type_ids" not in training_rows([doc], chars, size=12, stride=8)[0]


def test_new_type_embeddings_start_as_the_pretrained_type(tiny_classifier):
    model = copy.deepcopy(tiny_classifier[0])
    ids = torch.tensor([[0, 5, 6, 7, 8, 2]])
    with torch.no_grad():
        before = model(input_ids=ids).logits
        read_word_positions(model)
        types = torch.tensor([[0, 1, 2, 3, 0, 0]])
        after = model(input_ids=ids, token_type_ids=types).logits
    assert model.config.type_vocab_size == len(WORD_POSITIONS)
    assert torch.allclose(before, after, atol=1e-6)


def test_the_tagger_feeds_word_positions_to_a_model_that_reads_them(tiny_classifier):
    model, tokenizer = copy.deepcopy(tiny_classifier[0]), tiny_classifier[1]
    read_word_positions(model)
    tagger = CharTagger(model, tokenizer, window=16, margin=4)
    assert tagger.reads_word_positions and not CharTagger(*tiny_classifier).reads_word_positions
    plain = tagger.tag(TEXT)
    with torch.no_grad():  # let word beginnings push every character towards the last tag
        embeddings = model.base_model.embeddings.token_type_embeddings.weight
        embeddings[WORD_POSITIONS.index("B")] += 50 * model.classifier.weight[-1]
    assert len(plain) == len(TEXT) and (tagger.tag(TEXT) != plain).any()
