"""The local engine: batches in this process (1 worker) or in a pool of worker processes.

Why not ``nlp.pipe(n_process=N)``: with our torch components it does not work. Under the default
``fork`` start method the children deadlock (torch's thread pool does not survive ``fork``), and
under ``spawn`` spaCy must pickle the processed ``Doc`` back, which fails on the ``TextView`` our
pipeline keeps on the doc ("can not serialize 'TextView' object"). It would also restart its
processes on every ``pipe`` call. So workers are ``spawn``-ed ``ProcessPoolExecutor`` processes that
load the pipeline once each and return plain row dicts per batch.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from lawgov_ie.corpus.batches import Batch
from lawgov_ie.corpus.worker import BatchResult, process_batch, process_in_worker


def threads_per_worker(workers: int) -> int:
    """Torch threads per worker so that ``workers`` processes share the machine's cores."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def run_local(batches: Sequence[Batch], model: str, workers: int = 1) -> Iterator[BatchResult]:
    """Yield the result of every batch, in completion order; at most ``2 * workers`` batches in flight."""
    if not batches:
        return
    if workers <= 1:
        from lawgov_ie.api import load

        nlp = load(model)
        for batch in batches:
            yield process_batch(nlp, batch)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                               initargs=(model, threads_per_worker(workers)))
    try:
        pending = iter(batches)
        running: set[Future] = set()
        for batch in pending:
            running.add(pool.submit(process_in_worker, batch.to_dict()))
            if len(running) >= 2 * workers:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield BatchResult.from_dict(future.result())
                batch = next(pending, None)
                if batch is not None:
                    running.add(pool.submit(process_in_worker, batch.to_dict()))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _init(model: str, threads: int) -> None:
    from lawgov_ie.corpus.worker import init_worker

    init_worker(model, threads)
