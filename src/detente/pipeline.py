"""The pipeline: named, versioned stages, each a pure function from an annotated document
to records.

A document goes through::

    read (ingest) -> prepare: clean + metadata + language  -> annotate (spaCy, per paragraph)
        -> actors -> times -> quotes -> figures -> events         (the STAGES below)

Each stage declares what it reads and writes and an error policy.  With ``on_error="skip"`` a
failing stage is recorded as a :class:`StageError` for that document and the next stages still
run; one bad document never stops a batch.  The store stamps every record with the name and
version of the stage that made it, so re-running a newer version replaces only its own records.
Cross-document merging (clusters) is not a stage: it runs over the store, see
:mod:`detente.merge`.

:meth:`Pipeline.run` streams in input order; given more than one batch it annotates and runs
the stages in worker processes (the model loaded once, before they fork), which send back
plain records only, so the caller writes them as they come.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from detente.annotate import Annotated, annotate_many, load_nlp, one_blas_thread
from detente.clean.prepare import PREPARE_VERSION, prepare
from detente.errors import (
    DetenteError,
    DocumentTimeout,
    InputError,
    MemoryLimit,
    PipelineError,
    StageError,
    UndeclaredRead,
    Unprocessable,
    WorkerDied,
)
from detente.extract import events, figures, quotes, time
from detente.ingest.files import Rejected
from detente.model import (
    Document,
    Metadata,
    Processed,
    RawDocument,
    Sentence,
    Stage,
    StageTable,
)
from detente.pool import Budget, Failed, Supervisor, time_limit
from detente.resolve import actors

__all__ = [
    "PREPARE_VERSION",
    "STAGES",
    "Budget",
    "Pipeline",
    "Processed",
    "Stage",
    "StageTable",
    "check_stages",
    "combined_versions",
    "prepare",
]


#: the stages in the order they run; each is declared by the module implementing it
STAGES: tuple[Stage[Any], ...] = (
    actors.STAGE,
    time.STAGE,
    quotes.STAGE,
    figures.STAGE,
    events.STAGE,
)

#: what the steps before the stages provide, by name, for ``Stage.reads``
PROVIDED = {"document": "prepare", "sentences": "annotate", "entities": "annotate"}


class Reads(Mapping[str, list[Any]]):
    """The results one stage may read: those it declares.  Reading any other raises, so a
    stage cannot depend on a result its stored version does not account for."""

    def __init__(self, results: dict[str, list[Any]], stage: Stage[Any]) -> None:
        self._results = results
        self._stage = stage

    def __getitem__(self, key: str) -> list[Any]:
        if key not in self._stage.reads:
            raise UndeclaredRead(self._stage.name, f"reads {key!r}, not in its reads")
        return self._results[key]

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._results if k in self._stage.reads)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def combined_versions(
    stages: Sequence[Stage[Any]], prepare_version: str, annotate_version: str
) -> dict[str, str]:
    """Each step's version as stored with its records: its own, and a digest of the combined
    versions of every step it reads from (so of everything upstream, transitively).

    Prepare has nothing upstream and keeps its own version; annotation reads the prepared
    document; every stage reads the annotation and what its ``reads`` name.
    """
    out = {"prepare": prepare_version}
    out["annotate"] = _combine(annotate_version, {"prepare": prepare_version})
    producer = dict(PROVIDED)
    for stage in stages:
        upstream = {"annotate"} | {producer[r] for r in stage.reads if r in producer}
        out[stage.name] = _combine(stage.version, {u: out[u] for u in sorted(upstream)})
        producer[stage.writes] = stage.name
    return out


def _combine(own: str, upstream: dict[str, str]) -> str:
    digest = hashlib.sha256(repr(sorted(upstream.items())).encode()).hexdigest()[:10]
    return f"{own}+{digest}"


def check_stages(stages: Sequence[Stage[Any]]) -> None:
    """Refuse, before any document is read, stages that cannot run in this order."""
    written = set(PROVIDED)
    names = {"prepare", "annotate"}
    for stage in stages:
        if stage.name in names:
            raise PipelineError(f"two steps are named {stage.name!r}")
        missing = [r for r in stage.reads if r not in written]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage writes"
            )
        if stage.writes in written:
            raise PipelineError(f"stage {stage.name!r} writes {stage.writes!r}, already written")
        names.add(stage.name)
        written.add(stage.writes)


class Pipeline:
    """Runs stages over documents; the store decides what to keep."""

    def __init__(
        self,
        stages: Sequence[Stage[Any]] = STAGES,
        model: str | None = None,
        min_english: float = 0.5,
        processes: int = 1,
        batch_size: int = 32,
        prepare_version: str = PREPARE_VERSION,
        budget: Budget = Budget(),
    ) -> None:
        check_stages(stages)
        self.stages = tuple(stages)
        self.prepare_version = prepare_version
        self.model = model or None
        self.min_english = min_english
        self.processes = worker_count(processes)
        self.batch_size = max(1, batch_size)
        self.budget = budget

    @property
    def versions(self) -> dict[str, str]:
        """Each stage's own version (the stored ones combine them: :meth:`stage_table`)."""
        return {s.name: s.version for s in self.stages}

    def stage_table(self) -> StageTable:
        """Per step (prepare, annotate, then the stages): the combined version stored with
        its records and the record table it writes."""
        from detente.annotate import model_version

        combined = combined_versions(self.stages, self.prepare_version, model_version(self.model))
        table: StageTable = {"prepare": (combined["prepare"], None)}
        table["annotate"] = (combined["annotate"], None)
        for stage in self.stages:
            table[stage.name] = (combined[stage.name], stage.writes)
        return table

    def prepare_all(self, raws: Iterable[RawDocument | Rejected]) -> Iterator[Document | Rejected]:
        for raw in raws:
            if isinstance(raw, Rejected):
                yield raw
                continue
            try:
                doc: Document | Rejected = prepare(
                    raw, self.min_english, self.budget.paragraph_chars
                )
            except InputError as exc:
                doc = Rejected(raw.source, exc)
            except Exception as exc:  # a bug on odd input must not stop the batch
                message = f"{raw.source}: {type(exc).__name__}: {exc}"
                doc = Rejected(raw.source, Unprocessable(message[:500]))
            yield doc

    def run_annotated(self, ann: Annotated) -> Processed:
        """Every stage over one annotated document, within its time budget (in this process's
        main thread; in a worker the pool's supervisor keeps the clock)."""
        try:
            with time_limit(self.budget.seconds_per_document):
                return self._stages(ann)
        except DocumentTimeout as exc:
            return Processed(ann.document, rejected=exc)

    def _stages(self, ann: Annotated) -> Processed:
        """Every stage over one annotated document; each sees only the results it reads."""
        result = Processed(ann.document, ann.sentences)
        results = ann.results
        try:
            for stage in self.stages:
                ann.results = Reads(results, stage)  # type: ignore[assignment]
                out = self._run_stage(stage, ann, result)
                results[stage.writes] = out
                result.outputs[stage.writes] = out
        finally:
            ann.results = results
        return result

    @staticmethod
    def _run_stage(stage: Stage[Any], ann: Annotated, result: Processed) -> list[Any]:
        """One stage's records, or none and a StageError noted (raised under "raise")."""
        try:
            out = list(stage.run(ann))
            wrong = next((r for r in out if not isinstance(r, stage.output)), None)
            if wrong is not None:
                name = stage.output.__name__
                raise StageError(stage.name, f"returned a {type(wrong).__name__}, not a {name}")
        except DocumentTimeout:
            raise  # the whole document is over its budget, not this stage alone
        except DetenteError as exc:
            err = exc if isinstance(exc, StageError) else StageError(stage.name, str(exc))
            if stage.on_error == "raise":
                raise err from exc
            result.errors.append(err)
            return []
        except Exception as exc:
            if stage.on_error == "raise":
                raise StageError(stage.name, repr(exc)) from exc
            result.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            return []
        return out

    def run(self, documents: Iterable[Document]) -> Iterator[Processed]:
        """Process documents in input order, streaming; in worker processes when there are
        more documents than one batch, more than one process is allowed and this is the main
        process.

        The main process loads everything first (:meth:`warm_up`) and leaves it out of the
        garbage collector's reach until the run ends: the model, the knowledge base and the
        modules live as long as the run, and every full collection (unpickling the workers'
        records sets them off all along) would walk them all.  Forked workers inherit it.
        """
        if multiprocessing.parent_process() is not None:
            # a child process (a Dask worker, a pool worker) never starts processes of its own
            yield from self.run_here(documents)
            return
        it = iter(documents)
        # one batch read ahead decides whether a pool pays; one document, whether there is work
        first = list(itertools.islice(it, self.batch_size if self.processes > 1 else 1))
        if not first:
            return
        self.warm_up()
        gc.freeze()
        try:
            if self.processes <= 1 or len(first) < self.batch_size:
                # one process asked for, or a small ingest: a pool would cost more than it saves
                yield from self.run_here(itertools.chain(first, it))
            else:
                yield from self._run_pool(itertools.chain([first], _batches(it, self.batch_size)))
        finally:
            gc.unfreeze()

    def run_here(self, documents: Iterable[Document]) -> Iterator[Processed]:
        """Process documents in this process (with one BLAS thread: see
        :func:`detente.annotate.numpy_products`)."""
        nlp = load_nlp(self.model)
        with one_blas_thread():
            for ann in annotate_many(documents, nlp):
                yield self.run_annotated(ann)

    def warm_up(self) -> None:
        """Load the model and everything the stages load on first use (modules, the knowledge
        base and its gazetteers) by running the pipeline once on a short text of our own.

        Done in the parent before it forks, every worker (and every replacement worker)
        starts with all of it in memory shared with the parent, instead of loading it again.
        """
        from detente.model import Paragraph

        text = "The foreign minister of France said on Monday that Paris and Berlin signed 3 deals."
        doc = Document(
            id="warm-up",
            source="warm-up",
            text=text,
            content_hash="",
            format="text",
            paragraphs=(Paragraph(0, len(text)),),
            meta=Metadata(),
        )
        for _ in self.run_here([doc]):
            pass

    def _run_pool(self, batches: Iterable[list[Document]]) -> Iterator[Processed]:
        """Batches to supervised worker processes (:mod:`detente.pool`), results back in input
        order; a document no worker could finish comes back rejected by name.

        The model is loaded before the workers fork (by :meth:`run`), so each has it once, from
        the start.  At most two batches per worker are in flight: memory stays flat however
        long the input.  Workers return records only (never spaCy objects, nor the documents
        they were sent), which are small to send.
        """
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # a worker is replaced after _WORKER_BATCHES batches: spaCy's vocabulary and the
        # lemma caches grow with every new word, and a fresh fork starts from the parent's
        # model again, so worker memory stays flat on a corpus of any size
        pool = Supervisor(
            ctx,
            self.processes,
            _init_worker,
            (self,),
            _work,
            max_batches=_WORKER_BATCHES,
            budget=self.budget,
        )
        for batch, results in pool.map(batches):
            yield from _unpack(batch, results)


def worker_count(processes: int) -> int:
    """``processes`` as asked; 0 means one per core, at most 4 (the writer is one process)."""
    if processes > 0:
        return processes
    return max(1, min(4, os.cpu_count() or 1))


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


#: batches a worker process runs before it is replaced by a fresh one
_WORKER_BATCHES = 20

#: the named rejection of each way a worker can fail a document (see detente.pool)
_POOL_ERRORS: dict[str, type[InputError]] = {
    "worker-died": WorkerDied,
    "timeout": DocumentTimeout,
    "memory-limit": MemoryLimit,
}

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
        for p in _WORKER[0].run_here(batch)
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
