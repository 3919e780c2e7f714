"""A supervised pool of worker processes: a worker that dies never hangs the ingest.

``multiprocessing.Pool`` replaces a worker killed by the kernel (out of memory, a segfault in
a native library, ``kill -9``), but the batch it held is lost and waiting for its result
blocks forever.  Here the parent knows which batch each worker holds, one at a time:

- a worker that dies (or overruns its time or memory budget, and is killed for it) has its
  batch retried once on a fresh worker, split into single documents so that one bad document
  does not take the others with it;
- a document that fails a second time is given back as rejected, by name: ``worker-died``,
  ``timeout`` or ``memory-limit``;
- a worker is replaced by a fresh fork after ``max_batches`` batches (its caches grow with
  every new word), and dies with the parent (``PR_SET_PDEATHSIG`` on Linux, and a watch on
  its parent's id elsewhere), so a killed ingest leaves no process behind.

A worker's clock and memory are looked at every ``_TICK`` seconds while it works, and its
memory again when it answers: a batch after which its worker is over ``memory_bytes`` is
over budget however short it was (a tick may never have fallen inside it), so the worker is
stopped and given no more work.

Results come back in input order, with at most ``2 x processes`` batches in flight.

:class:`PoolExecutor` is the executor (:mod:`detente.run`) that runs the pipeline on such a
pool; :class:`AutoExecutor`, the default, uses it when it pays and this process otherwise.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from detente.annotate import load_nlp
from detente.errors import DocumentTimeout, InputError, MemoryLimit, StageError, WorkerDied
from detente.model import Document, Processed, Sentence, StageTable
from detente.pipeline import Budget, Pipeline
from detente.run.base import Outcome, batches, warmed
from detente.run.local import LocalExecutor
from detente.settings import Settings

__all__ = [
    "AutoExecutor",
    "Failed",
    "PoolExecutor",
    "Supervisor",
    "die_with_parent",
    "worker_count",
]

#: how often (seconds) the parent looks at its workers' clocks and memory
_TICK = 0.5


@dataclass(frozen=True)
class Failed:
    """A batch (of one document, after the retry) that no worker could finish."""

    reason: str  # worker-died, timeout, memory-limit
    message: str


@dataclass
class _Job:
    seq: int
    items: list[Any]
    attempts: int = 0
    slot: int | None = None  # a retried document's place in its original batch


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    job: _Job | None = None
    started: float = 0.0
    batches: int = 0
    killed_for: str | None = None


@dataclass
class _Order:
    """Results by job, released in input order; a split job's parts are joined again."""

    parts: dict[int, list[Any]] = field(default_factory=dict)
    waiting: dict[int, int] = field(default_factory=dict)


def die_with_parent() -> None:
    """Make this (worker) process die when its parent does, however the parent dies."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _worker_main(
    conn: Connection, init: Callable[..., None], args: tuple[Any, ...], work: Callable[..., Any]
) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    init(*args)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("ok", work(job)))
        except Exception as exc:  # a bug in one batch: the parent retries it, then rejects
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Supervisor:
    """``Supervisor(ctx, 2, init, (arg,), work).map(batches)`` yields ``(batch, result)`` in
    input order, ``result`` being ``work(batch)`` or, for a batch no worker could finish,
    a list with one :class:`Failed` per item."""

    def __init__(
        self,
        ctx: BaseContext,
        processes: int,
        init: Callable[..., None],
        init_args: tuple[Any, ...],
        work: Callable[[list[Any]], list[Any]],
        max_batches: int = 20,
        budget: Budget = Budget(),
    ) -> None:
        self.ctx = ctx
        self.processes = max(1, processes)
        self.init, self.init_args, self.work = init, init_args, work
        self.max_batches = max(1, max_batches)
        self.budget = budget
        self.workers: list[_Worker] = []
        self.queue: deque[_Job] = deque()
        self.order = _Order()

    # -- workers ------------------------------------------------------------------------------
    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, self.init, self.init_args, self.work), daemon=True
        )
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        with contextlib.suppress(OSError):
            worker.conn.close()
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(5)

    def close(self) -> None:
        for worker in list(self.workers):
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in list(self.workers):
            worker.proc.join(max(0.0, deadline - time.monotonic()))
            self._retire(worker)

    # -- the loop -----------------------------------------------------------------------------
    def map(self, batches: Iterable[list[Any]]) -> Iterator[tuple[list[Any], list[Any]]]:
        it = iter(batches)
        held: dict[int, list[Any]] = {}
        next_out = 0
        seq = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(held) < 2 * self.processes:
                    batch = next(it, None)
                    if batch is None:
                        exhausted = True
                        break
                    held[seq] = batch
                    self.queue.append(_Job(seq, batch))
                    self.order.waiting[seq] = 1
                    seq += 1
                while next_out in held and self.order.waiting.get(next_out) == 0:
                    del self.order.waiting[next_out]
                    yield held.pop(next_out), self.order.parts.pop(next_out)
                    next_out += 1
                if exhausted and not held:
                    return
                self._dispatch()
                self._collect()
        finally:
            self.close()

    def _dispatch(self) -> None:
        while self.queue:
            idle = next((w for w in self.workers if w.job is None), None)
            if idle is None:
                if len(self.workers) >= self.processes:
                    return
                idle = self._start()
            job = self.queue.popleft()
            try:
                idle.conn.send(job.items)
            except (OSError, BrokenPipeError):  # it died between two batches
                self.queue.appendleft(job)
                self._retire(idle)
                continue
            idle.job, idle.started = job, time.monotonic()

    def _collect(self) -> None:
        busy = [w for w in self.workers if w.job is not None]
        ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=_TICK)
        for worker in busy:
            if worker.conn in ready:
                try:
                    status, value = worker.conn.recv()
                except (EOFError, OSError):
                    self._died(worker)
                    continue
                job, worker.job = worker.job, None
                assert job is not None
                worker.batches += 1
                if status == "ok" and self._over_memory(worker):
                    worker.proc.kill()  # given no more work: it is over budget now
                    self._retire(worker)
                    self._failed(job, "memory-limit", self._why("memory-limit", None))
                    continue
                if status == "ok":
                    self._done(job, value)
                else:
                    self._failed(job, "worker-died", f"the batch failed: {value}")
                if worker.batches >= self.max_batches:
                    with contextlib.suppress(OSError, BrokenPipeError):
                        worker.conn.send(None)
                    worker.proc.join(5)
                    self._retire(worker)
            elif worker.proc.sentinel in ready or not worker.proc.is_alive():
                self._died(worker)
            else:
                self._check_budget(worker)

    def _check_budget(self, worker: _Worker) -> None:
        job = worker.job
        assert job is not None
        limit = self.budget.seconds_per_document * max(1, len(job.items))
        if self.budget.seconds_per_document and time.monotonic() - worker.started > limit:
            worker.killed_for = "timeout"
        elif self._over_memory(worker):
            worker.killed_for = "memory-limit"
        if worker.killed_for:
            worker.proc.kill()

    def _over_memory(self, worker: _Worker) -> bool:
        return bool(self.budget.memory_bytes) and _rss(worker.proc.pid) > self.budget.memory_bytes

    def _why(self, reason: str, code: int | None) -> str:
        return {
            "timeout": f"over {self.budget.seconds_per_document:g} s a document",
            "memory-limit": f"over {self.budget.memory_bytes >> 20} MiB",
        }.get(reason, f"the worker process died (exit code {code})")

    def _died(self, worker: _Worker) -> None:
        job = worker.job
        worker.proc.join(5)
        code = worker.proc.exitcode
        reason = worker.killed_for or "worker-died"
        self._retire(worker)
        if job is None:
            return
        self._failed(job, reason, self._why(reason, code))

    def _failed(self, job: _Job, reason: str, message: str) -> None:
        """Retry once, one document at a time, on fresh workers; then give up by name."""
        if job.attempts >= 1:
            self._done(job, [Failed(reason, message) for _ in job.items])
            return
        if len(job.items) == 1:
            self.queue.appendleft(_Job(job.seq, job.items, job.attempts + 1, job.slot))
            return
        # each document alone; _done puts the parts back in their places
        self.order.waiting[job.seq] = len(job.items)
        self.order.parts[job.seq] = [None] * len(job.items)
        for i in reversed(range(len(job.items))):
            self.queue.appendleft(_Job(job.seq, [job.items[i]], job.attempts + 1, i))

    def _done(self, job: _Job, results: list[Any]) -> None:
        if job.slot is None:
            self.order.parts[job.seq] = list(results)
            self.order.waiting[job.seq] = 0
            return
        self.order.parts[job.seq][job.slot] = results[0]
        self.order.waiting[job.seq] -= 1


def _rss(pid: int) -> int:
    """Resident memory of a process in bytes (0 where /proc is not there to ask)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# -- the executor -----------------------------------------------------------------------------
def worker_count(processes: int) -> int:
    """``processes`` as asked; 0 means one per core, at most 4 (the writer is one process)."""
    if processes > 0:
        return processes
    return max(1, min(4, os.cpu_count() or 1))


#: batches a worker process runs before it is replaced by a fresh one: spaCy's vocabulary and
#: the lemma caches grow with every new word, and a fresh fork starts from the parent's model
#: again, so worker memory stays flat on a corpus of any size
_WORKER_BATCHES = 20

#: the named rejection of each way a worker can fail a document
_POOL_ERRORS: dict[str, type[InputError]] = {
    "worker-died": WorkerDied,
    "timeout": DocumentTimeout,
    "memory-limit": MemoryLimit,
}


@dataclass(frozen=True)
class PoolExecutor:
    """Batches of ``batch_size`` documents to ``processes`` supervised worker processes,
    results back in input order, each batch written in one transaction; a document no
    worker could finish comes back rejected by name.

    The model is loaded before the workers fork, so each has it once, from the start.  At
    most two batches per worker are in flight: memory stays flat however long the input.
    Workers return records only (never spaCy objects, nor the documents they were sent),
    which are small to send.
    """

    processes: int = 2
    batch_size: int = 32

    @classmethod
    def from_settings(cls, settings: Settings) -> PoolExecutor:
        return cls(worker_count(int(settings["processes"])), max(1, int(settings["batch_size"])))

    def run(
        self,
        pipeline: Pipeline,
        docs: Iterable[Document],
        stages: StageTable,
        store_url: str | None,
    ) -> Iterator[list[Outcome]]:
        it = iter(docs)
        first = list(itertools.islice(it, self.batch_size))
        if not first:
            return
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = Supervisor(
            ctx,
            self.processes,
            _init_worker,
            (pipeline,),
            _work,
            max_batches=_WORKER_BATCHES,
            budget=pipeline.budget,
        )
        with warmed(pipeline):
            for batch, results in pool.map(itertools.chain([first], batches(it, self.batch_size))):
                yield list(_unpack(batch, results))


@dataclass(frozen=True)
class AutoExecutor:
    """The default: a pool of worker processes when it pays, else this process.

    It pays with more than one process asked for, at least one full batch to do (one batch
    is read ahead to know), and from a main process (a Dask or pool worker never starts
    processes of its own).
    """

    pool: PoolExecutor = PoolExecutor()

    @classmethod
    def from_settings(cls, settings: Settings) -> AutoExecutor:
        return cls(PoolExecutor.from_settings(settings))

    def run(
        self,
        pipeline: Pipeline,
        docs: Iterable[Document],
        stages: StageTable,
        store_url: str | None,
    ) -> Iterator[list[Outcome]]:
        it = iter(docs)
        first = list(itertools.islice(it, self.pool.batch_size))
        here = multiprocessing.parent_process() is not None or self.pool.processes <= 1
        if here or len(first) < self.pool.batch_size:
            # a small ingest: a pool would cost more than it saves
            yield from LocalExecutor().run(pipeline, itertools.chain(first, it), stages, store_url)
        else:
            yield from self.pool.run(pipeline, itertools.chain(first, it), stages, store_url)


#: the pipeline of a worker process, set once when the worker starts
_WORKER: list[Pipeline] = []


def _init_worker(pipeline: Pipeline) -> None:
    _WORKER.append(pipeline)
    load_nlp(pipeline.model)


#: what a worker sends back per document: its sentences as (start, end, paragraph), its
#: records and its stage errors.  The parent has the document already, and a sentence's text is
#: a slice of the document's: sending neither halves what is pickled.
_Result = tuple[list[tuple[int, int, int]], dict[str, list[Any]], list[StageError]]


def _work(batch: list[Document]) -> list[_Result]:
    if _WORKER[0].budget.seconds_per_document:
        # the supervisor kills a worker over its budget; stages need no clock of their own
        _WORKER[0].budget = replace(_WORKER[0].budget, seconds_per_document=0)
    return [
        ([(s.start, s.end, s.paragraph) for s in p.sentences], p.outputs, p.errors)
        for p in _WORKER[0].run(batch)
    ]


def _unpack(batch: list[Document], results: list[Any]) -> Iterator[Processed]:
    for doc, result in zip(batch, results, strict=True):
        if isinstance(result, Failed):
            err = _POOL_ERRORS[result.reason](f"{doc.source}: {result.message}")
            yield Processed(doc, rejected=err)
            continue
        spans, outputs, errors = result
        text = doc.text
        sentences = [Sentence(i, a, b, text[a:b], para) for i, (a, b, para) in enumerate(spans)]
        yield Processed(doc, sentences, outputs, errors)
