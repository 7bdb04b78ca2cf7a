"""The Ray engine: Ray Data ``map_batches`` over a pool of actors that load the pipeline once each.

Each dataset row is one of our batches (so part files and resume state are the same as the local
engine's); actors read the input files themselves, so on a multi-node cluster the inputs and the
model folder must be readable at the same path on every node. The driver writes all output.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from lawgov_ie.corpus.batches import Batch
from lawgov_ie.corpus.worker import BatchResult


class BatchExtractor:
    """Ray Data callable class: one pipeline per actor, one of our batches per dataset row."""

    def __init__(self, model: str, threads: int = 1) -> None:
        from lawgov_ie.corpus.worker import init_worker

        init_worker(model, threads)

    def __call__(self, rows: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        from lawgov_ie.corpus.worker import process_in_worker

        results = [json.dumps(process_in_worker(json.loads(item))) for item in rows["batch"]]
        return {"result": np.array(results, dtype=object)}


def _cpus_per_actor(ray: Any, workers: int) -> int:
    """Cores per actor: the cluster's cores shared among ``workers``, capped at the largest node."""
    total = int(ray.cluster_resources().get("CPU", 1))
    largest = max((int(n["Resources"].get("CPU", 0)) for n in ray.nodes() if n.get("Alive")), default=1)
    return max(1, min(total // max(1, workers), largest))


def run_ray(batches: Sequence[Batch], model: str, workers: int = 1,
            address: str | None = None) -> Iterator[BatchResult]:
    """Yield the result of every batch as Ray produces them.

    Joins the cluster at ``address`` (``ray.init(address=...)``), or reuses a Ray already initialised
    in this process, or starts a local one on this machine's cores (no dashboard, loopback only);
    a Ray started here is shut down at the end.
    """
    if not batches:
        return
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from lawgov_ie.errors import LawgovError

        raise LawgovError('the Ray engine needs Ray Data: pip install "ray[data]>=2.40"') from exc
    started = False
    if not ray.is_initialized():
        options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=max(workers, os.cpu_count() or 1), include_dashboard=False, **options)
        started = True
    try:
        from ray.data import DataContext

        data_logger = logging.getLogger("ray.data")
        data_logger.setLevel(logging.ERROR)  # our tqdm bar reports progress; Ray Data's INFO lines would break it
        context = DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        cpus = _cpus_per_actor(ray, workers)
        items = [{"batch": json.dumps(batch.to_dict())} for batch in batches]
        dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            BatchExtractor, fn_constructor_kwargs={"model": model, "threads": cpus},
            batch_size=1, concurrency=workers, num_cpus=cpus, batch_format="numpy",
        )
        for row in dataset.iter_rows():
            yield BatchResult.from_dict(json.loads(row["result"]))
    finally:
        if started:
            ray.shutdown()
