"""From per-character tag scores to entity spans: BIO-constrained Viterbi and span clean-up.

Per-character argmax can emit ``I-X`` after ``O`` or split one phrase into fragments; a Viterbi pass that
forbids illegal IOB2 transitions, then merging touching fragments and dropping one-character names,
gives whole spans (measured on dev: see the model card).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from lawgov_ie.data.iob import spans_from_tags
from lawgov_ie.labels import METRIC_LABEL, OUTSIDE

PHRASE_LABELS = frozenset({METRIC_LABEL, "ORG", "LAW"})
"""Labels whose spans are phrases: never one character (none in the annotations), fragments merge."""

_FORBIDDEN = -1e4


def transition_mask(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Additive scores for ``tags[i] → tags[j]`` (0 or forbidden) and for starting with ``tags[j]``."""
    def may_follow(prev: str, tag: str) -> bool:
        return not tag.startswith("I-") or (prev != OUTSIDE and prev[2:] == tag[2:])

    trans = np.array([[0.0 if may_follow(a, b) else _FORBIDDEN for b in tags] for a in tags], dtype=np.float32)
    start = np.array([_FORBIDDEN if t.startswith("I-") else 0.0 for t in tags], dtype=np.float32)
    return trans, start


class StreamingViterbi:
    """BIO-constrained Viterbi fed chunk by chunk in text order (windows arrive in order), so the
    per-character scores never have to be held for a whole document: only int8 back-pointers are kept."""

    def __init__(self, trans: np.ndarray, start: np.ndarray) -> None:
        self.trans, self.start = trans, start
        self.score: np.ndarray | None = None
        self.back: list[np.ndarray] = []

    def feed(self, log_probs: np.ndarray) -> None:
        """Extend the lattice by ``log_probs`` of shape ``(positions, n_tags)``."""
        rows = np.asarray(log_probs, dtype=np.float32)
        back = np.zeros(rows.shape, dtype=np.int8)
        for t, row in enumerate(rows):
            if self.score is None:
                self.score = row + self.start
                continue
            candidates = self.score[:, None] + self.trans
            back[t] = candidates.argmax(0)
            self.score = candidates.max(0) + row
        self.back.append(back)

    def finish(self) -> np.ndarray:
        """The best legal tag-id path over everything fed."""
        back = np.concatenate(self.back) if self.back else np.zeros((0, len(self.start)), dtype=np.int8)
        path = np.zeros(len(back), dtype=np.int16)
        if len(back):
            path[-1] = int(self.score.argmax())
            for t in range(len(back) - 1, 0, -1):
                path[t - 1] = back[t, path[t]]
        return path


def viterbi(log_probs: np.ndarray, trans: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The best legal tag-id sequence for per-position log-probabilities ``(length, n_tags)``."""
    decoder = StreamingViterbi(trans, start)
    decoder.feed(log_probs)
    return decoder.finish()


def decode_tag_ids(tags: np.ndarray, id2label: Mapping[int, str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` spans of an array of IOB2 tag ids, exactly as seqeval's ``get_entities`` reads them.

    Run-length decoding over the int array: no per-character tag strings (a 10 M-character text would
    need a 10 M-string list). A chunk starts at ``B-X``, or at ``I-X`` after ``O`` or another type, and
    continues over ``I-X`` of the same type. Tag sets other than IOB2 fall back to seqeval.
    """
    size = max(int(k) for k in id2label) + 1
    types, is_begin, labels = np.zeros(size, dtype=np.int32), np.zeros(size, dtype=bool), [""]
    for key, tag in id2label.items():
        if tag == "O":
            continue
        if tag[:2] not in ("B-", "I-"):
            return spans_from_tags([id2label[int(i)] for i in tags])
        name = tag[2:]
        if name not in labels:
            labels.append(name)
        types[int(key)], is_begin[int(key)] = labels.index(name), tag.startswith("B-")
    kind = types[np.asarray(tags, dtype=np.int64)]
    if not kind.any():
        return []
    begin = is_begin[np.asarray(tags, dtype=np.int64)]
    same = np.zeros(len(kind), dtype=bool)
    same[1:] = kind[1:] == kind[:-1]
    inside = (kind != 0) & same & ~begin  # continues the chunk of the previous character
    starts = np.flatnonzero((kind != 0) & ~inside)
    follows = np.append(inside[1:], False)
    ends = np.flatnonzero((kind != 0) & ~follows) + 1
    return [(int(s), int(e), labels[kind[s]]) for s, e in zip(starts, ends)]


def clean_spans(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge touching phrase fragments of one label and drop one-character phrases."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if merged and label in PHRASE_LABELS and merged[-1][2] == label and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end, label)
        else:
            merged.append((start, end, label))
    return [s for s in merged if not (s[2] in PHRASE_LABELS and s[1] - s[0] == 1)]
