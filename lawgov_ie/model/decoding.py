"""From per-character tag scores to entity spans: BIO-constrained Viterbi and span clean-up.

Per-character argmax can emit ``I-X`` after ``O`` or split one phrase into fragments; a Viterbi pass that
forbids illegal IOB2 transitions, then merging touching fragments and dropping one-character names,
gives whole spans (measured on dev: see the model card).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

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


def clean_spans(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge touching phrase fragments of one label and drop one-character phrases."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if merged and label in PHRASE_LABELS and merged[-1][2] == label and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end, label)
        else:
            merged.append((start, end, label))
    return [s for s in merged if not (s[2] in PHRASE_LABELS and s[1] - s[0] == 1)]
