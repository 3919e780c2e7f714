"""The library's front door: a :class:`Database` opened with :func:`detente.open`.

The CLI and the web layer only call methods of this class and present what they return.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.clean.metadata import apply_given, parse_given_date
from detente.errors import DetenteError, InputError, NoDatabase, NotFound
from detente.ingest.files import Rejected, read_inputs
from detente.model import Document, Given, Processed, StageTable
from detente.pipeline import PREPARE_VERSION, STAGES, Budget, Pipeline
from detente.query.common import Filters
from detente.query.paging import Page
from detente.query.scope import EVENT_ONLY, export_scope
from detente.query.views import Views
from detente.run import DaskExecutor, Executor, NotStored, Written, executor_for
from detente.settings import Settings
from detente.store import open_store, scheme_of
from detente.store.base import now

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["Database", "IngestReport", "open", "require_database"]


@dataclass
class IngestReport:
    """What an ingest did: nothing is dropped silently, every input is counted somewhere."""

    added: list[str] = field(default_factory=list)  # document ids
    updated: list[str] = field(default_factory=list)  # stale stage versions re-run
    unchanged: list[str] = field(default_factory=list)  # same content, same versions
    rejected: list[tuple[str, str, str]] = field(default_factory=list)  # source, reason, message
    stage_errors: list[tuple[str, str, str]] = field(default_factory=list)  # doc, stage, message
    #: stored documents whose metadata this run corrected (what the user stated differed)
    restated: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.rejected)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "restated": len(self.restated),
            "rejected": [dict(zip(("source", "reason", "message"), r)) for r in self.rejected],
            "stage_errors": [dict(zip(("doc", "stage", "message"), r)) for r in self.stage_errors],
        }


def require_database(path: str) -> None:
    """Raise NoDatabase when ``path`` is a SQLite file that does not exist: a command that only
    reads must not create an empty database where a path was mistyped."""
    if scheme_of(path) == "sqlite" and path != ":memory:" and not Path(path).exists():
        raise NoDatabase(
            f"no database at {path}: give --db PATH (or DETENTE_DB), or create one with"
            f" `detente --db {path} ingest FILES`"
        )


class Database:
    """A detente record: documents and everything extracted from them."""

    def __init__(
        self, path: str | None = None, settings: Settings | None = None, *, create: bool = True
    ) -> None:
        self.settings = settings or Settings()
        self.path = path or str(self.settings["db"])
        if not create:
            require_database(self.path)
        self.store = open_store(self.path)
        self.pipeline = Pipeline(
            model=self.settings["model"] or None,
            min_english=self.settings["min_english"],
            budget=Budget(
                paragraph_chars=int(self.settings["max_paragraph_chars"]),
                seconds_per_document=float(self.settings["document_seconds"]),
                memory_bytes=int(self.settings["worker_memory_mb"]) << 20,
            ),
        )

    @property
    def views(self) -> Views:
        """The query views over this record, with this database's settings applied."""
        return Views(self.store, self.settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -------------------------------------------------------------------------------
    def stage_table(self) -> StageTable:
        """The versions every stored record is checked against (see :class:`Pipeline`)."""
        return self.pipeline.stage_table()

    def ingest(
        self,
        inputs: Iterable[str],
        *,
        given: Given = Given(),
        fmt: str = "auto",
        progress: Callable[[str], None] | None = None,
        merge: bool = True,
        executor: Executor | None = None,
    ) -> IngestReport:
        """Read, process and store every input; rejected inputs are reported, never raised.

        The pipeline runs where ``executor`` says, by default where the ``executor`` setting
        does (:data:`detente.run.EXECUTORS`: here, a pool of worker processes, Dask).
        """
        check = getattr(self.store, "check_writable", None)
        if check is not None:
            check()
        run_on = executor or executor_for(self.settings)
        self._load_kb()
        report = IngestReport()
        pending = self._mark_merge_pending()
        # one stream from reading to writing: the executor batches it (and keeps its worker
        # processes or its cluster) for the whole ingest
        todo = self.pending(inputs, report, given=given, fmt=fmt, progress=progress)
        self._process(todo, report, run_on)
        self._finish_merge(
            merge,
            pending or bool(report.added or report.updated or report.restated),
            None if report.updated or report.restated else report.added,
        )
        return report

    def reprocess(
        self, progress: Callable[[str], None] | None = None, merge: bool = True
    ) -> IngestReport:
        """Re-run the stale steps on stored documents, from their stored text.

        A stored record is stale when its combined version is not the pipeline's: a rule of its
        stage, or of anything upstream of it, changed.  Only stale records are replaced; a
        document whose prepare version changed is prepared again first (from its stored text
        and the metadata the user or the record stated), so no original file is needed.
        """
        run_on = executor_for(self.settings)
        self._load_kb()
        report = IngestReport()
        pending = self._mark_merge_pending()
        self._process(self._stale(report, progress), report, run_on)
        self._finish_merge(merge, pending or bool(report.updated))
        return report

    def _stale(
        self, report: IngestReport, progress: Callable[[str], None] | None
    ) -> Iterator[Document]:
        """Stored documents with a stale step, streamed: prepared again when prepare is."""
        from detente.clean.prepare import raw_of

        wanted = {name: v for name, (v, _) in self.stage_table().items()}
        for doc_id, stored in self.store.stored_versions().items():
            if all(stored.get(k) == v for k, v in wanted.items()):
                report.unchanged.append(doc_id)
                continue
            doc = self.store.stored_document(doc_id)
            if doc is None:  # removed since the versions were read
                continue
            item: Document | Rejected = doc
            if stored.get("prepare") != wanted["prepare"]:
                item = next(self.pipeline.prepare_all([raw_of(doc)]))
            if isinstance(item, Rejected):
                report.rejected.append((item.source, item.reason, str(item.error)))
            else:
                report.updated.append(doc_id)
                yield item
            if progress:
                progress(doc.source)

    def _process(self, todo: Iterable[Document], report: IngestReport, executor: Executor) -> None:
        """Run the pipeline over ``todo`` on ``executor`` and write what it makes, stale
        stages only, each batch it gives back in one transaction."""
        stages = self.stage_table()
        # SQLite has one writer (this process); PostgreSQL takes the workers' writes directly
        store_url = self.path if self.store.concurrent_writers else None
        for batch in executor.run(self.pipeline, todo, stages, store_url):
            chunk: list[Processed] = []
            for outcome in batch:
                match outcome:
                    case Processed(rejected=None):
                        chunk.append(outcome)
                    case Processed():  # its worker died on it, or time or memory ran out
                        self._reject_processed(outcome, report)
                    case Written():
                        errors = [(outcome.doc_id, st, msg) for st, msg in outcome.errors]
                        report.stage_errors.extend(errors)
                    case NotStored():
                        self._not_stored(outcome, report)
            self.store.write_many(chunk, stages)
            for processed in chunk:
                for err in processed.errors:
                    report.stage_errors.append((processed.document.id, err.stage, str(err)))

    def ingest_on_cluster(
        self,
        inputs: Iterable[str],
        client: Client,
        *,
        given: Given = Given(),
        fmt: str = "auto",
        progress: Callable[[str], None] | None = None,
        merge: bool = True,
    ) -> IngestReport:
        """Like :meth:`ingest`, with the pipeline run on the Dask cluster behind ``client``
        (see :mod:`detente.run.cluster`)."""
        size = max(1, int(self.settings["batch_size"]))
        on = DaskExecutor(batch_size=size, client=client)
        return self.ingest(
            inputs, given=given, fmt=fmt, progress=progress, merge=merge, executor=on
        )

    @staticmethod
    def _not_stored(outcome: NotStored, report: IngestReport) -> None:
        """A document of a batch that failed on the cluster: reported as not stored (the next
        run picks it up again), and no longer counted as added."""
        for counted in (report.added, report.updated):
            if outcome.doc_id in counted:
                counted.remove(outcome.doc_id)
        report.stage_errors.append((outcome.doc_id, "cluster", outcome.message))

    def _reject_processed(self, processed: Processed, report: IngestReport) -> None:
        """A document the pipeline could not finish: reported and kept as a rejection, and no
        longer counted as added (nothing of it is stored; a later run tries it again)."""
        doc, err = processed.document, processed.rejected
        assert err is not None
        for counted in (report.added, report.updated):
            if doc.id in counted:
                counted.remove(doc.id)
        report.rejected.append((doc.source, err.reason, str(err)))
        self.store.add_rejection(doc.source, err.reason, str(err))

    def pending(
        self,
        inputs: Iterable[str],
        report: IngestReport,
        *,
        given: Given = Given(),
        fmt: str = "auto",
        progress: Callable[[str], None] | None = None,
    ) -> Iterator[Document]:
        """Prepared documents that need processing, streamed; rejections and documents already
        stored with the current stage versions go to ``report`` (and rejections to the store).

        Shared by the local ingest and the Dask one (:mod:`detente.run.cluster`).
        """
        stages = self.stage_table()
        wanted = {name: v for name, (v, _) in stages.items()}
        raws = read_inputs(inputs, given, fmt, int(self.settings["max_bytes"]))
        this_run: set[str] = set()  # copies within one run are not stored yet when seen
        for item in self.pipeline.prepare_all(raws):
            if isinstance(item, Rejected):
                report.rejected.append((item.source, item.reason, str(item.error)))
                self.store.add_rejection(item.source, item.reason, str(item.error))
            elif item.content_hash in this_run:
                report.unchanged.append(item.id)
            else:
                this_run.add(item.content_hash)
                stored = self.store.stage_versions(item.content_hash)
                current = stored is not None and all(stored.get(k) == v for k, v in wanted.items())
                if stored is not None and self._restate(item, given, report):
                    current = False  # its dates moved: every stage runs again
                if current:
                    report.unchanged.append(item.id)
                else:
                    (report.added if stored is None else report.updated).append(item.id)
                    yield item
            if progress:
                progress(item.source)

    def set_metadata(self, doc_id: str, given: Given, *, merge: bool = True) -> IngestReport:
        """Correct a stored document's outlet, publication date, title or author.

        Each value given is recorded with its evidence (rule ``given``, as values stated at
        ingest are); a new publication date runs the document's stages again (events dated
        from it move), and the clusters are merged again.  Raises NotFound for an unknown
        document and InputError for a date that names no day.
        """
        doc = self.store.stored_document(doc_id)
        if doc is None:
            raise NotFound(f"no document {doc_id!r}")
        self._load_kb()
        report = IngestReport()
        pending = self._mark_merge_pending()
        if self._restate(doc, given, report):
            here = executor_for(Settings({**self.settings.as_dict(), "executor": "local"}))
            self._process([self.store.stored_document(doc_id) or doc], report, here)
            report.updated.append(doc_id)
        else:
            report.unchanged.append(doc_id)
        self._finish_merge(merge, pending or bool(report.restated))
        return report

    def _restate(self, doc: Document, given: Given, report: IngestReport) -> bool:
        """Store the metadata ``given`` states for an already stored ``doc`` where it differs
        from what is stored; returns whether the publication date changed (its stages must
        run again).  The stored row is compared, not ``doc``: a prepared copy already carries
        what was given."""
        if not any((given.outlet, given.published, given.title, given.author)):
            return False
        if given.published and parse_given_date(given.published) is None:
            raise InputError(f"--published must name a day (YYYY-MM-DD): {given.published!r}")
        stored = self.store.stored_id(doc.content_hash, doc.id)
        old = self.store.stored_document(stored) if stored else None
        if old is None:
            return False
        meta = apply_given(old.meta, given, "given")
        if meta == old.meta:
            return False
        redate = meta.published != old.meta.published
        self.store.restate(old.id, meta, stale=redate)
        report.restated.append(old.id)
        return redate

    def _load_kb(self) -> None:
        try:
            from detente.resolve.kb import load_kb
        except ImportError:  # the actors package is optional until it lands
            return
        kb = load_kb()
        self.store.load_actors(kb.actors.values(), kb.version)

    def merge(
        self, added: Collection[str] | None = None, *, incremental: bool = False
    ) -> dict[str, int]:
        """Recompute the cross-document clusters of events, quotes and figures.

        The clusters are replaced in one transaction, which also clears the ``merge_pending``
        marker (:meth:`Store.set_all_clusters`; :meth:`Store.replace_clusters` when incremental).
        ``added``: the documents added since the last complete merge, nothing else changed;
        only what they touch is recomputed, with the result of a whole merge
        (:func:`detente.merge.merge_all`).  ``incremental``: those documents are the ones the
        store recorded (``merge_added``: ingests with ``merge=False`` that only added
        documents); the merge is whole when it recorded none, or something else changed.
        """
        from detente.merge import merge_all

        if incremental and added is None:
            added = self._merge_owed() if self.merge_pending() else []
        counts = merge_all(self.store, self.settings, added)
        self.store.set_meta("merge_added", None)
        return counts

    def _merge_owed(self) -> list[str] | None:
        """The documents added without a merge since the last one, when only additions
        happened (None: unknown, or something else changed)."""
        listed = self.store.get_meta("merge_added")
        return None if listed is None else list(json.loads(listed))

    def merge_pending(self) -> bool:
        """Whether a write since the last merge has not been merged (a crash, or merge=False)."""
        return self.store.get_meta("merge_pending") is not None

    def _mark_merge_pending(self) -> bool:
        """Mark the merge as owed before any document is written; returns whether it already
        was (an earlier ingest crashed or skipped it), so that this one finishes it."""
        was = self.merge_pending()
        # what earlier ingests left to merge: the list goes until this one ends, so that a
        # crash in between leaves none and the merge owed is whole
        self._owed: list[str] | None = self._merge_owed() if was else []
        if not was:
            self.store.set_meta("merge_pending", now())
        elif self._owed is not None:
            self.store.set_meta("merge_added", None)
        return was

    def _finish_merge(
        self, merge: bool, needed: bool, added: Collection[str] | None = None
    ) -> None:
        """Merge when something changed or an earlier merge is owed (incrementally when only
        ``added`` documents are new, here and in the ingests that left the merge owed); without
        ``merge`` the marker stays for the next ingest or ``detente merge``, with the list of
        added documents when that is all that changed."""
        from detente.merge import INCREMENTAL_DOCS

        owed = getattr(self, "_owed", None)
        added = None if added is None or owed is None else [*owed, *added]
        if merge and needed:
            self.merge(added)
        elif not needed:
            self.store.set_meta("merge_pending", None)
        elif added is not None and len(added) <= INCREMENTAL_DOCS:
            self.store.set_meta("merge_added", json.dumps(added))

    # -- reading ----------------------------------------------------------------------------
    def documents(self, limit: int | None = None, offset: int = 0) -> Page:
        """Documents with their metadata, a page of them (``search_limit`` by default)."""
        return self.views.documents(limit or int(self.settings["search_limit"]), offset)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        return self.views.document(doc_id)

    def stats(self, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
        """Counts of everything stored, failed stage runs, and a page of the documents with
        what was extracted from each (``pages`` says how many documents there are)."""
        return {
            **self.views.stats(limit or int(self.settings["search_limit"]), offset),
            "prepare_version": PREPARE_VERSION,
            "stages": {s.name: s.version for s in STAGES},
        }

    def export(
        self,
        out: Any,
        fmt: str = "jsonl",
        types: Iterable[str] | None = None,
        filters: Filters | None = None,
    ) -> int:
        """Write the records ``filters`` select (:mod:`detente.query.scope`) to ``out``.

        Events below the ``min_confidence`` setting are left out, as the views leave them
        out, unless ``filters.min_confidence`` says otherwise (0: every event).
        """
        from detente.export import CONTRACT, EXPORTERS, export

        f = filters or Filters()
        if f.min_confidence is None:
            f = dataclasses.replace(f, min_confidence=float(self.settings["min_confidence"]))
        exporter = EXPORTERS.get(fmt)
        events_only = exporter is not None and exporter.events_only
        kinds = list(types or ())
        if not kinds:
            # event filters (PLOVER type, modality) export events, as the event-only formats do
            only_events = events_only or any(getattr(f, name) for name in EVENT_ONLY)
            kinds = ["event"] if only_events else list(CONTRACT)
        scope = export_scope(f, ["event"] if events_only else kinds)
        return export(self.store, out, fmt, kinds, scope)

    def records(self, kind: str) -> Iterator[dict[str, Any]]:
        from detente.export import contract_rows

        return contract_rows(self.store, kind)


def open(path: str | None = None, **settings: Any) -> Database:
    """Open (or create) a detente database: ``detente.open("detente.db")``."""
    try:
        return Database(path, Settings(settings))
    except InputError:
        raise
    except DetenteError:
        raise
