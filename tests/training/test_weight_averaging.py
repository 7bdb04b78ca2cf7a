"""Weight averaging: the model ends with the equal average of the weights from the start step on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

from training.weight_averaging import WeightAveraging, averaging_callbacks


def run_steps(callback: WeightAveraging, model: torch.nn.Linear, values: list[float]) -> None:
    for step, value in enumerate(values, start=1):
        with torch.no_grad():
            model.weight.fill_(value)
        callback.on_step_end(None, SimpleNamespace(global_step=step), None)
    callback.on_train_end(None, None, None)


def test_averages_the_steps_from_the_start_step_on():
    model = torch.nn.Linear(2, 1)
    callback = WeightAveraging(model, start_step=3)
    run_steps(callback, model, [100.0, 50.0, 1.0, 2.0, 6.0])
    assert callback.steps_averaged == 3
    assert torch.allclose(model.weight, torch.full_like(model.weight, 3.0))


def test_before_the_start_step_nothing_changes():
    model = torch.nn.Linear(2, 1)
    callback = WeightAveraging(model, start_step=10)
    run_steps(callback, model, [1.0, 2.0])
    assert callback.steps_averaged == 0
    assert torch.allclose(model.weight, torch.full_like(model.weight, 2.0))


def test_config_switch():
    model = torch.nn.Linear(2, 1)
    assert averaging_callbacks(model, 0, 700) == []
    assert averaging_callbacks(model, 0.5, 700)[0].start_step == 350
    with pytest.raises(ValueError):
        averaging_callbacks(model, 1.5, 700)
