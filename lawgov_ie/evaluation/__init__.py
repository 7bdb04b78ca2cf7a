"""Scoring against gold annotations: entities with seqeval, relations strict and relaxed."""
