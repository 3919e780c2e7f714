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

:meth:`Pipeline.run` streams in input order, in this process.  Where the pipeline runs (here,
in supervised worker processes, on a Dask cluster) is chosen by the ``executor`` setting from
the registry in :mod:`detente.run`.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from detente.annotate import Annotated, annotate_many, load_nlp, one_blas_thread
from detente.clean.prepare import PREPARE_VERSION, prepare
from detente.errors import (
    DetenteError,
    DocumentTimeout,
    InputError,
    PipelineError,
    StageError,
    UndeclaredRead,
    Unprocessable,
)
from detente.extract import events, figures, quotes, time
from detente.ingest.files import Rejected
from detente.model import Document, Metadata, Processed, RawDocument, Stage, StageTable
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
    "time_limit",
]


@dataclass(frozen=True)
class Budget:
    """What one document may cost before it is rejected by name (0: no limit).

    ``paragraph_chars`` is checked when the document is prepared, ``seconds_per_document``
    by a timer in this process or, in a worker, by the pool's supervisor
    (:mod:`detente.run.pool`), which also watches ``memory_bytes`` (a worker's resident
    memory).
    """

    paragraph_chars: int = 100_000
    seconds_per_document: float = 120.0
    memory_bytes: int = 0


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block after ``seconds`` (main thread only,
    where ``SIGALRM`` is delivered; elsewhere, and for 0, no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
    """Each step's version as stored with its records: its own (with the digest of the data
    files it reads, :attr:`Stage.data`: the actors' knowledge base, the events' codebook,
    lexicon and learned weights), and a digest of the combined versions of every step it reads
    from (so of everything upstream, transitively).

    Prepare has nothing upstream and keeps its own version; annotation reads the prepared
    document; every stage reads the annotation and what its ``reads`` name.
    """
    out = {"prepare": prepare_version}
    out["annotate"] = _combine(annotate_version, {"prepare": prepare_version})
    producer = dict(PROVIDED)
    for stage in stages:
        upstream = {"annotate"} | {producer[r] for r in stage.reads if r in producer}
        out[stage.name] = _combine(stage.own_version(), {u: out[u] for u in sorted(upstream)})
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
        prepare_version: str = PREPARE_VERSION,
        budget: Budget = Budget(),
    ) -> None:
        check_stages(stages)
        self.stages = tuple(stages)
        self.prepare_version = prepare_version
        self.model = model or None
        self.min_english = min_english
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
        """Process documents in input order, streaming, in this process (with one BLAS
        thread: see :func:`detente.annotate.numpy_products`).  Where else the pipeline runs
        (worker processes, a Dask cluster) is :mod:`detente.run`'s business."""
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
        for _ in self.run([doc]):
            pass
