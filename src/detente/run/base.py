"""The executor interface: what every place the pipeline runs in takes and gives back.

An executor takes the pipeline, the prepared documents (a stream, in input order), the
stage table the records are stored under and, for a store that takes many writers, its
URL; it yields batches of outcomes, oldest first, in input order.  The caller writes each
batch in one transaction, so what a batch is (one document here, one worker batch in a
pool or on a cluster) decides how much a crash can take back, never what is stored.

An outcome is one of:

- a :class:`~detente.model.Processed` for the caller to write (or, when ``rejected`` is set,
  to record as a named rejection: a worker died on it, it ran out of time or memory);
- :class:`Written`: a worker stored it itself (PostgreSQL takes the workers' writes);
- :class:`NotStored`: its batch failed on a cluster after the retries; nothing of it is
  stored and the next run picks it up.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from detente.model import Document, Processed, StageTable
from detente.pipeline import Pipeline
from detente.settings import Settings

__all__ = ["Executor", "NotStored", "Outcome", "Written", "batches", "warmed"]

T = TypeVar("T")


@dataclass(frozen=True)
class Written:
    """A document its worker stored itself, with the stage errors it had."""

    doc_id: str
    errors: tuple[tuple[str, str], ...] = ()  # (stage, message)


@dataclass(frozen=True)
class NotStored:
    """A document of a batch that failed on the cluster, with why."""

    doc_id: str
    message: str


Outcome = Processed | Written | NotStored


class Executor(Protocol):
    """Runs a pipeline somewhere: this process, a pool of worker processes, a cluster."""

    def run(
        self,
        pipeline: Pipeline,
        docs: Iterable[Document],
        stages: StageTable,
        store_url: str | None,
    ) -> Iterator[list[Outcome]]:
        """Batches of outcomes in input order; each is written in one transaction."""
        ...


class ExecutorFactory(Protocol):
    def __call__(self, settings: Settings) -> Executor: ...


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch


@contextlib.contextmanager
def warmed(pipeline: Pipeline) -> Iterator[None]:
    """Load everything first (:meth:`Pipeline.warm_up`) and keep it out of the garbage
    collector's reach until the run ends.

    The model, the knowledge base and the modules live as long as the run, and every full
    collection (unpickling the workers' records sets them off all along) would walk them all;
    forked workers inherit them, shared with this process.
    """
    pipeline.warm_up()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
