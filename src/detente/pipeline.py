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

import collections
import datetime as dt
import gc
import hashlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from detente.annotate import Annotated, annotate_many, load_nlp, one_blas_thread
from detente.errors import DetenteError, InputError, StageError, Unprocessable
from detente.ingest.files import Rejected
from detente.ingest.language import check_english
from detente.model import Document, Evidence, Given, Metadata, RawDocument, Sentence

__all__ = ["PREPARE_VERSION", "STAGES", "Pipeline", "Processed", "Stage", "prepare"]

#: version of cleaning + metadata rules; stored on each document
PREPARE_VERSION = "clean-1"


@dataclass(frozen=True)
class Stage:
    """A named, versioned step.  ``run`` must not mutate the document except via its output."""

    name: str
    version: str
    reads: tuple[str, ...]
    writes: str
    run: Callable[[Annotated], Sequence[Any]]
    on_error: Literal["skip", "raise"] = "skip"


def _actors(ann: Annotated) -> Sequence[Any]:
    from detente.resolve.actors import resolve_mentions

    return resolve_mentions(ann)


def _times(ann: Annotated) -> Sequence[Any]:
    from detente.extract.time import find_times

    return find_times(ann)


def _quotes(ann: Annotated) -> Sequence[Any]:
    from detente.extract.quotes import extract_quotes

    return extract_quotes(ann)


def _figures(ann: Annotated) -> Sequence[Any]:
    from detente.extract.figures import extract_figures

    return extract_figures(ann)


def _events(ann: Annotated) -> Sequence[Any]:
    from detente.extract.events import extract_events

    return extract_events(ann)


STAGES: tuple[Stage, ...] = (
    Stage("actors", "1", ("sentences", "entities"), "mentions", _actors),
    Stage("times", "2", ("sentences", "entities"), "times", _times),
    Stage("quotes", "3", ("sentences", "mentions", "times"), "quotes", _quotes),
    Stage("figures", "2", ("sentences", "mentions", "times", "quotes"), "figures", _figures),
    Stage("events", "3", ("sentences", "mentions", "times"), "events", _events),
)


@dataclass
class Processed:
    """One document through the pipeline: its records per stage and the stages that failed."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    outputs: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[StageError] = field(default_factory=list)

    def records(self, writes: str) -> list[Any]:
        return self.outputs.get(writes, [])


def content_hash(text: str) -> str:
    """Hash of the text with line endings and surrounding space normalised.

    The same article saved on Windows or with a trailing newline is still the same article.
    """
    norm = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def parse_given_date(value: str) -> dt.date | None:
    """A stated publication date: ISO first; otherwise dateparser, refusing partial dates.

    A date the user or a record states must name a day; "2020" or "May" is not a date of
    publication and would otherwise be completed with today's day and month.
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def _apply_given(meta: Metadata, given: Given, rule: str) -> Metadata:
    """What the user or a structured record states wins over what the text suggests."""
    published = parse_given_date(given.published) if given.published else None

    def ev(value: str | None, old: Evidence | None) -> Evidence | None:
        return Evidence(rule, value) if value else old

    return Metadata(
        title=given.title or meta.title,
        title_evidence=ev(given.title, meta.title_evidence),
        published=published or meta.published,
        published_evidence=ev(given.published if published else None, meta.published_evidence),
        outlet=given.outlet or meta.outlet,
        outlet_evidence=ev(given.outlet, meta.outlet_evidence),
        author=given.author or meta.author,
        author_evidence=ev(given.author, meta.author_evidence),
    )


def prepare(raw: RawDocument, min_english: float = 0.5) -> Document:
    """Clean, read metadata, check language: the document as stored.  Raises InputError."""
    from detente.clean.boilerplate import paragraphs as find_paragraphs
    from detente.clean.metadata import extract_metadata

    text = raw.text
    if not text.strip():
        from detente.errors import EmptyDocument

        raise EmptyDocument(f"{raw.source}: empty")
    if raw.format == "html":
        # trafilatura's main text is already clean: one paragraph per non-blank line
        paras = _line_paragraphs(text)
        meta = _apply_given(Metadata(), raw.given, "html-meta")
    else:
        # plain-text scrapes, and JSONL text, which is often a scrape too
        paras = find_paragraphs(text)
        meta = extract_metadata(text, paras, raw.given)
    if not paras:
        from detente.errors import EmptyDocument

        raise EmptyDocument(f"{raw.source}: no text left after cleaning")
    check_english(" ".join(text[p.start : p.end] for p in paras[:40]), raw.source, min_english)
    digest = content_hash(text)
    return Document(
        id=digest[:16],
        source=raw.source,
        text=text,
        content_hash=digest,
        format=raw.format,
        paragraphs=paras,
        meta=meta,
        url=raw.given.url,
        language="en",
    )


def _line_paragraphs(text: str) -> tuple[Any, ...]:
    from detente.model import Paragraph

    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append(Paragraph(start, start + len(stripped)))
        pos += len(line) + 1
    return tuple(out)


class Pipeline:
    """Runs stages over documents; the store decides what to keep."""

    def __init__(
        self,
        stages: Sequence[Stage] = STAGES,
        model: str | None = None,
        min_english: float = 0.5,
        processes: int = 1,
        batch_size: int = 32,
    ) -> None:
        self.stages = tuple(stages)
        self.model = model or None
        self.min_english = min_english
        self.processes = worker_count(processes)
        self.batch_size = max(1, batch_size)

    @property
    def versions(self) -> dict[str, str]:
        return {s.name: s.version for s in self.stages}

    def prepare_all(self, raws: Iterable[RawDocument | Rejected]) -> Iterator[Document | Rejected]:
        for raw in raws:
            if isinstance(raw, Rejected):
                yield raw
                continue
            try:
                doc: Document | Rejected = prepare(raw, self.min_english)
            except InputError as exc:
                doc = Rejected(raw.source, exc)
            except Exception as exc:  # a bug on odd input must not stop the batch
                message = f"{raw.source}: {type(exc).__name__}: {exc}"
                doc = Rejected(raw.source, Unprocessable(message[:500]))
            yield doc

    def run_annotated(self, ann: Annotated) -> Processed:
        result = Processed(ann.document, ann.sentences)
        for stage in self.stages:
            try:
                out = list(stage.run(ann))
            except DetenteError as exc:
                out, err = [], StageError(stage.name, str(exc))
                if stage.on_error == "raise":
                    raise err from exc
                result.errors.append(err)
            except Exception as exc:
                if stage.on_error == "raise":
                    raise StageError(stage.name, repr(exc)) from exc
                out = []
                result.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
            ann.results[stage.writes] = out
            if stage.writes == "mentions":
                ann.mentions = out
            result.outputs[stage.writes] = out
        return result

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
        """Batches to a pool of worker processes, results back in input order.

        The model is loaded before the pool forks (by :meth:`run`), so each worker has it once,
        from the start.
        At most two batches per worker are in flight: memory stays flat however long the
        input.  Workers return records only (never spaCy objects, nor the documents they were
        sent), which are small to send.
        """
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # a worker is replaced after _WORKER_BATCHES batches: spaCy's vocabulary and the
        # lemma caches grow with every new word, and a fresh fork starts from the parent's
        # model again, so worker memory stays flat on a corpus of any size
        with ctx.Pool(
            self.processes,
            initializer=_init_worker,
            initargs=(self,),
            maxtasksperchild=_WORKER_BATCHES,
        ) as pool:
            inflight: collections.deque[tuple[list[Document], Any]] = collections.deque()
            for batch in batches:
                inflight.append((batch, pool.apply_async(_work, (batch,))))
                while len(inflight) >= 2 * self.processes:
                    yield from _unpack(*inflight.popleft())
            while inflight:
                yield from _unpack(*inflight.popleft())


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
    return [
        ([(s.start, s.end, s.paragraph) for s in p.sentences], p.outputs, p.errors)
        for p in _WORKER[0].run_here(batch)
    ]


def _unpack(batch: list[Document], result: Any) -> Iterator[Processed]:
    for doc, (spans, outputs, errors) in zip(batch, result.get(), strict=True):
        text = doc.text
        sentences = [Sentence(i, a, b, text[a:b], para) for i, (a, b, para) in enumerate(spans)]
        yield Processed(doc, sentences, outputs, errors)
