"""Ingest on a Dask cluster: corpora too large for one machine.

``detente ingest --dask tcp://scheduler:8786 ...`` (or ``--workers N`` for a LocalCluster on
this machine) splits the work like this:

- the client reads and prepares the inputs (cheap: decoding, cleaning, the language check),
  skips documents already stored with the current stage versions and records rejections;
- batches of ``batch_size`` prepared documents go to the workers, which run the expensive
  part (spaCy and the extraction stages).  The model is loaded once per worker process, when
  the worker starts (a worker plugin) and kept for every later batch;
- results are written idempotently.  With PostgreSQL each worker writes its own results
  (many writers; a document is one transaction under an advisory lock).  With SQLite, which
  has one writer, the workers send results back and the client writes them in input order,
  so the record (ids and cluster labels included) is the one a local ingest makes.

At most two batches per worker thread are in flight, so client memory stays bounded however
large the corpus.  :class:`DaskExecutor` is the executor (:mod:`detente.run`) behind
``executor = dask``: the scheduler at ``dask_scheduler``, or a LocalCluster of
``dask_workers`` processes.  Workers must run the same detente and model versions as the client: a
worker whose model differs refuses the batch rather than store records under the wrong
stage version.
"""

from __future__ import annotations

import collections
import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from detente.errors import ClusterError, MissingDependency, ModelMismatch
from detente.model import Document, StageTable
from detente.pipeline import Pipeline, Processed
from detente.run.base import NotStored, Outcome, Written, batches
from detente.settings import Settings
from detente.store.base import Store

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "ClusterError",
    "DaskExecutor",
    "ModelMismatch",
    "open_client",
    "process_batch",
    "run_on_cluster",
]

#: per worker process: stores opened by tasks, reused by every later task
_STORES: dict[str, Store] = {}


def _load_model(model: str | None) -> None:
    from detente.annotate import load_nlp

    load_nlp(model)


def _model_plugin(model: str | None) -> Any:
    """A worker plugin loading the model as each worker starts, so no batch pays for it."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadModel(WorkerPlugin):
        def __init__(self, model: str | None) -> None:
            self.model = model

        def setup(self, worker: Any) -> None:
            _load_model(self.model)

    return LoadModel(model)


def model_loads() -> int:
    """How many times this process has loaded a spaCy model (tests: once per worker)."""
    from detente.annotate import load_nlp

    return int(load_nlp.cache_info().misses)


def process_batch(
    docs: list[Document], pipeline: Pipeline, stages: StageTable, store_url: str | None
) -> list[Processed] | list[tuple[str, list[tuple[str, str]]]]:
    """Run on a worker: process a batch; write it when given a store, else return it.

    Written batches come back as (doc id, [(stage, error)]) so the client can report.
    """
    # the worker's own model (and so every combined version) must be the client's
    mine = pipeline.stage_table()
    if mine != stages:
        raise ModelMismatch(
            f"worker annotate {mine['annotate'][0]} != client {stages['annotate'][0]}"
        )
    # one process per worker: Dask is the pool here (worker processes cannot fork their own)
    # a document over its budget comes back rejected: never written as an empty document
    processed = [p for p in pipeline.run(docs) if p.rejected is None]
    if store_url is None:
        return processed
    store = _STORES.get(store_url)
    if store is None:
        from detente.store import open_store

        store = _STORES[store_url] = open_store(store_url)
    for p in processed:
        store.write(p, stages)
    return [(p.document.id, [(e.stage, str(e)) for e in p.errors]) for p in processed]


@contextlib.contextmanager
def open_client(address: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a LocalCluster of ``workers`` processes
    (one thread each: spaCy is CPU-bound and holds the GIL)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependency("dask.distributed", "dask") from exc
    if address:
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers or 2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_on_cluster(
    client: Client,
    docs: Iterable[Document],
    pipeline: Pipeline,
    stages: StageTable,
    store_url: str | None,
    batch_size: int,
) -> Iterator[tuple[Any, list[str]]]:
    """Submit batches of ``docs``; yield (future, document ids) oldest first, in input order.

    At most two batches per worker thread are in flight: the next is submitted only once the
    caller has taken the oldest one's result, so client memory stays bounded.
    """
    client.register_plugin(_model_plugin(pipeline.model), name="detente-load-model")
    window = 2 * max(1, sum(client.nthreads().values()))
    in_flight: collections.deque[tuple[Any, list[str]]] = collections.deque()
    for batch in batches(docs, batch_size):
        # retries are safe: writes are idempotent
        future = client.submit(
            process_batch, batch, pipeline, stages, store_url, pure=False, retries=2
        )
        in_flight.append((future, [d.id for d in batch]))
        while len(in_flight) >= window:
            yield in_flight.popleft()
    while in_flight:
        yield in_flight.popleft()


@dataclass(frozen=True)
class DaskExecutor:
    """Batches of ``batch_size`` documents to a Dask cluster: the one behind ``client``, else
    the scheduler at ``scheduler``, else a LocalCluster of ``workers`` processes (started
    for the run).

    A batch that fails on the cluster after its retries does not stop the run: its documents
    come back :class:`~detente.run.base.NotStored`.  A worker whose model is not the client's
    stops it (:class:`ModelMismatch`).
    """

    scheduler: str | None = None
    workers: int | None = None
    batch_size: int = 32
    client: Client | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> DaskExecutor:
        return cls(
            str(settings["dask_scheduler"]) or None,
            int(settings["dask_workers"]) or None,
            max(1, int(settings["batch_size"])),
        )

    def run(
        self,
        pipeline: Pipeline,
        docs: Iterable[Document],
        stages: StageTable,
        store_url: str | None,
    ) -> Iterator[list[Outcome]]:
        with contextlib.ExitStack() as stack:
            client = self.client or stack.enter_context(open_client(self.scheduler, self.workers))
            for future, ids in run_on_cluster(
                client, docs, pipeline, stages, store_url, self.batch_size
            ):
                yield _outcomes(future, ids)  # oldest first: input order


def _outcomes(future: Any, ids: list[str]) -> list[Outcome]:
    """One batch's results: processed documents to write (SQLite), or what the workers wrote;
    for a batch that failed on the cluster (after its retries), its documents, not stored."""
    try:
        results = future.result()
    except ModelMismatch:
        raise
    except Exception as exc:
        message = f"not stored, the batch failed on the cluster: {type(exc).__name__}: {exc}"
        return [NotStored(doc_id, message) for doc_id in ids]
    return [
        item if isinstance(item, Processed) else Written(item[0], tuple(item[1]))
        for item in results
    ]
