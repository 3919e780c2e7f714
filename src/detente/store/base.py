"""What every store offers, and the writing both SQL stores share.

Two stores implement :class:`Store`: :class:`~detente.store.sqlite.SQLiteStore` (one file,
one writer) and :class:`~detente.store.postgres.PostgresStore` (a server, many concurrent
writers).  SQL passed to :meth:`Store.rows` uses ``?`` placeholders and the common subset of
the two dialects; what cannot be written portably (full-text search) branches on ``dialect``
in one place (:func:`detente.query.search.text_match`).

How a processed document becomes rows, and which stages must be rewritten, is the same on both
stores, so it lives here once: the row builders and :class:`SQLStoreBase`, whose
:meth:`~SQLStoreBase.write` leaves each store only what really differs (its transaction and
lock, its placeholder, and how rows are bulk inserted: ``executemany`` or ``COPY``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar, NamedTuple, Protocol

from detente.errors import StoreError
from detente.model import (
    Document,
    Evidence,
    Metadata,
    Paragraph,
    Processed,
    StageTable,
    content_hash,
)
from detente.store.merge_rows import MergeRows
from detente.store.schema import RECORD_TABLES
from detente.store.summary import adjust, rebuild

__all__ = [
    "ACTOR_COLUMNS",
    "DOC_COLUMNS",
    "PREPARE",
    "SENTENCE_COLUMNS",
    "TABLES",
    "SQLStoreBase",
    "StageRun",
    "StageTable",
    "Store",
    "actor_row",
    "document_from_row",
    "document_row",
    "now",
    "record_rows",
    "sentence_rows",
    "sql_value",
    "stages_to_run",
]


#: the stage whose version the documents row carries (not a stage_runs row)
PREPARE = "prepare"

#: tables :meth:`Store.count` answers for
TABLES = frozenset(
    {
        "documents",
        "sentences",
        "actors",
        "mentions",
        "times",
        "events",
        "quotes",
        "figures",
        "stage_runs",
        "rejections",
    }
)
DOC_COLUMNS = (
    "id source content_hash format url outlet outlet_evidence title title_evidence author"
    " author_evidence published published_evidence language text paragraphs stage stage_version"
    " ingested_at"
).split()
SENTENCE_COLUMNS = ["doc", "idx", "start", "end", "text", "paragraph", "stage", "stage_version"]
ACTOR_COLUMNS = ["id", "name", "kind", "state", "sector", "code", "aliases", "origin"]


class Store(Protocol):
    """A detente record in some database."""

    #: "sqlite" or "postgresql": for the rare query that must differ
    dialect: str
    #: whether many processes may write at once (worker processes then write their own results)
    concurrent_writers: bool
    #: whether ORDER BY puts NULL before every value (SQLite) or after (PostgreSQL)
    nulls_first: bool

    def text_match(self, text: str) -> tuple[str, str, str, list[Any]]:
        """Full-text search in this dialect: (FROM addition, WHERE condition, snippet
        expression, params) over ``sentences s``."""
        ...

    #: the path or URL the store was opened from (passwords are not echoed anywhere)
    path: str

    def close(self) -> None: ...

    def stage_versions(self, content_hash: str) -> dict[str, str] | None:
        """Stage versions already stored for a document, or None when it is new."""
        ...

    def stored_versions(self) -> dict[str, dict[str, str]]:
        """Per stored document: the version of each step that ran on it without failing."""
        ...

    def stored_document(self, doc_id: str) -> Document | None:
        """A document as stored, to process again from its stored text."""
        ...

    def write(self, processed: Processed, stages: StageTable) -> None:
        """Write one document and its records in one transaction (idempotent)."""
        ...

    def write_many(self, batch: Sequence[Processed], stages: StageTable) -> None:
        """Write documents as :meth:`write` does; each is whole or absent after a crash."""
        ...

    def restate(self, doc_id: str, meta: Metadata, stale: bool) -> None:
        """Replace a document's metadata; with ``stale`` its stages are to be run again."""
        ...

    def add_rejection(self, source: str, reason: str, message: str) -> None: ...

    def load_actors(self, actors: Iterable[Any], version: str) -> None: ...

    def set_clusters(self, table: str, assignment: dict[int, str]) -> None: ...

    def set_all_clusters(self, assignments: dict[str, dict[int, str]]) -> None:
        """Replace the clusters of every table given and clear the ``merge_pending`` marker, in
        one transaction: after a crash either the old clusters and the marker or the new
        clusters without it."""
        ...

    def replace_clusters(
        self,
        assignments: dict[str, dict[int, str]],
        scopes: dict[str, list[int]],
        stamp: str | None,
    ) -> None:
        """As :meth:`set_all_clusters`, but a table named in ``scopes`` has only the clusters
        of those record ids replaced (an incremental merge); the merge's rules ``stamp``, unless
        None, is kept in the meta table (``merge_rules``), in the same transaction."""
        ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or, with None, remove) one key of the meta table, committed at once."""
        ...

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]: ...

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]: ...

    def count(self, table: str) -> int: ...

    # -- reads of the exporters (detente.export) and the Database ---------------------------
    def export_rows(
        self, kind: str, clauses: Sequence[str] = (), params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """The stored rows of one record type, in export order, ``clauses`` ANDed."""
        ...

    def event_cluster_rows(
        self, clauses: Sequence[str] = (), params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Events with their cluster's key and their article's fields, cluster by cluster."""
        ...

    def actor_labels(self) -> dict[str, dict[str, Any]]:
        """Per stored actor id: its name, kind and state."""
        ...

    def stored_id(self, content_hash: str, doc_id: str) -> str | None:
        """The id of the stored document with this content hash or this id, if any."""
        ...

    # what the merge reads (:class:`~detente.store.merge_rows.MergeRows`)
    def merge_event_rows(
        self,
        family: Mapping[str, str],
        symmetric: Collection[str],
        docs: Collection[str] | None = None,
        modality: Mapping[str, str] | None = None,
    ) -> Iterator[dict[str, Any]]: ...

    def merge_quote_texts(self) -> Iterator[str]: ...

    def merge_quote_rows(self) -> Iterator[dict[str, Any]]: ...

    def merge_quote_speakers(self) -> Iterator[dict[str, Any]]: ...

    def merge_quote_acts(self) -> Iterator[dict[str, Any]]: ...

    def merge_figure_rows(self) -> Iterator[dict[str, Any]]: ...

    def clustered_event_dates(self) -> Iterator[dict[str, Any]]: ...

    def document_ids_by_url(self) -> dict[str, str]: ...

    def clustered_records(self, table: str, doc: str) -> list[dict[str, Any]]: ...


# -- rows -------------------------------------------------------------------------------------
def rehash_documents(conn: Any, mark: str) -> int:
    """Give stored documents the content hash of today's :func:`content_hash` (migration 3).

    A document whose new hash another stored document already has (a whitespace-only copy
    stored twice before: the one ingested first, ties by id, takes the new hash) keeps its
    old one: nothing is merged or dropped, and a new copy finds the first.  Ids do not
    change.  Returns how many hashes changed.
    """
    rows = conn.execute("SELECT id, content_hash, text FROM documents ORDER BY ingested_at, id")
    used: set[str] = set()
    changes: list[tuple[str, str]] = []
    for row in rows.fetchall():
        used.add(row["content_hash"])
        new = content_hash(row["text"])
        if new != row["content_hash"]:
            changes.append((row["id"], new))
    done = 0
    for doc_id, new in changes:
        if new in used:
            continue
        used.add(new)
        conn.execute(f"UPDATE documents SET content_hash = {mark} WHERE id = {mark}", (new, doc_id))
        done += 1
    return done


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def evidence_json(ev: Evidence | None) -> str | None:
    return json.dumps(dataclasses.asdict(ev), ensure_ascii=False) if ev else None


def sql_value(value: Any) -> Any:
    """A record field as both databases store it: booleans as 0/1, lists as JSON, dates ISO."""
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None:  # most fields: as they are
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def document_row(doc: Document, version: str) -> tuple[Any, ...]:
    """The documents row, in :data:`DOC_COLUMNS` order; ``version`` is prepare's."""
    m = doc.meta
    return (
        doc.id,
        doc.source,
        doc.content_hash,
        doc.format,
        doc.url,
        m.outlet,
        evidence_json(m.outlet_evidence),
        m.title,
        evidence_json(m.title_evidence),
        m.author,
        evidence_json(m.author_evidence),
        m.published.isoformat() if m.published else None,
        evidence_json(m.published_evidence),
        doc.language,
        doc.text,
        json.dumps(
            [
                [p.start, p.end, *([list(map(list, p.blanks))] if p.blanks else [])]
                for p in doc.paragraphs
            ]
        ),
        PREPARE,
        version,
        now(),
    )


def _evidence(value: str | None) -> Evidence | None:
    return Evidence(**json.loads(value)) if value else None


def _paragraph(stored: list[Any]) -> Paragraph:
    """A paragraph as stored: its start and end, and its blanks when it has any."""
    blanks = tuple((a, b) for a, b in stored[2]) if len(stored) > 2 else ()
    return Paragraph(stored[0], stored[1], blanks)


def document_from_row(row: dict[str, Any]) -> Document:
    """The document a documents row holds (the inverse of :func:`document_row`)."""
    published = row["published"]
    meta = Metadata(
        title=row["title"],
        title_evidence=_evidence(row["title_evidence"]),
        published=dt.date.fromisoformat(published) if published else None,
        published_evidence=_evidence(row["published_evidence"]),
        outlet=row["outlet"],
        outlet_evidence=_evidence(row["outlet_evidence"]),
        author=row["author"],
        author_evidence=_evidence(row["author_evidence"]),
    )
    return Document(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        content_hash=row["content_hash"],
        format=row["format"],
        paragraphs=tuple(_paragraph(p) for p in json.loads(row["paragraphs"])),
        meta=meta,
        url=row["url"],
        language=row["language"],
    )


def sentence_rows(processed: Processed, stage: str, version: str) -> list[tuple[Any, ...]]:
    """The sentences rows, in :data:`SENTENCE_COLUMNS` order."""
    doc_id = processed.document.id
    return [
        (doc_id, s.index, s.start, s.end, s.text, s.paragraph, stage, version)
        for s in processed.sentences
    ]


#: field types a record row takes as they are (anything else goes through ``asdict``)
_FLAT = frozenset({str, int, float, bool, type(None)})
#: field types stored exactly as they are, not even a bool made 0/1
_PLAIN = frozenset({str, int, float, type(None)})


class _RowPlan(NamedTuple):
    """How rows of one table are read from records of one type."""

    #: every field of the record, in declaration order (a tuple even for one field)
    values: Callable[[Any], tuple[Any, ...]]
    #: per column: the field's position in ``values`` or (-1, the value to store)
    where: list[tuple[int, Any]]
    #: when the columns are some constants, a run of fields, then constants: those three
    #: (the fields read in column order), so a row is two tuple concatenations
    parts: tuple[tuple[Any, ...], Callable[[Any], tuple[Any, ...]], tuple[Any, ...]] | None


def record_rows(
    table: str, columns: list[str], doc_id: str, records: list[Any], stage: str, version: str
) -> list[tuple[Any, ...]]:
    """Rows of a record table from a stage's records (dataclasses named like the columns)."""
    rows = []
    fixed = {"doc": doc_id, "stage": stage, "stage_version": version}
    plans: dict[type, _RowPlan] = {}
    for rec in records:
        plan = plans.get(type(rec))
        if plan is None:
            plan = plans[type(rec)] = _row_plan(table, columns, type(rec), fixed)
        if plan.parts is not None:
            head, fields, tail = plan.parts
            got = fields(rec)
            if _PLAIN.issuperset(map(type, got)):  # stored as they are: no per-value work
                rows.append(head + got + tail)
                continue
        got = plan.values(rec)
        if all(type(v) in _FLAT for v in got):
            # the fields as they are, no copy: ``dataclasses.asdict`` deep-copies every value
            # and was most of the writer's time
            rows.append(tuple(sql_value(got[i]) if i >= 0 else v for i, v in plan.where))
            continue
        data = dataclasses.asdict(rec)  # nested values: as JSON, as ever
        data.update(fixed)
        if table == "mentions" and "sentence" not in data:
            data["sentence"] = -1
        rows.append(tuple(sql_value(data.get(c)) for c in columns))
    return rows


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The named attributes of a record as a tuple, however many there are."""
    if not names:
        return lambda rec: ()
    get = operator.attrgetter(*names)
    return (lambda rec: (get(rec),)) if len(names) == 1 else get


def _row_plan(table: str, columns: list[str], cls: type, fixed: dict[str, Any]) -> _RowPlan:
    names = [f.name for f in dataclasses.fields(cls)]
    where: list[tuple[int, Any]] = []
    for c in columns:
        if c in fixed:
            where.append((-1, sql_value(fixed[c])))
        elif c in names:
            where.append((names.index(c), None))
        elif table == "mentions" and c == "sentence":
            where.append((-1, -1))
        else:
            where.append((-1, None))
    read = [i for i, (pos, _) in enumerate(where) if pos >= 0]
    parts = None
    if read and read == list(range(read[0], read[-1] + 1)):
        head = tuple(v for _, v in where[: read[0]])
        tail = tuple(v for _, v in where[read[-1] + 1 :])
        parts = (head, _getter([names[where[i][0]] for i in read]), tail)
    return _RowPlan(_getter(names), where, parts)


def actor_row(actor: Any) -> tuple[Any, ...]:
    """A knowledge-base actor as an actors row, in :data:`ACTOR_COLUMNS` order."""
    aliases = json.dumps(list(actor.aliases), ensure_ascii=False)
    return (actor.id, actor.name, actor.kind, actor.state, actor.sector, actor.code, aliases, "kb")


# -- which stages to (re)write ----------------------------------------------------------------
class StageRun(NamedTuple):
    """One stage to write for a document, and the stage_runs row it leaves."""

    stage: str
    version: str
    writes: str | None
    status: str
    error: str | None


def stages_to_run(
    processed: Processed, stages: StageTable, stored: dict[str, tuple[str, str]]
) -> list[StageRun]:
    """The stages whose records must be (re)written, given the ``(version, status)`` stored.

    Only stages whose version differs from what is stored, or that failed, are replaced:
    re-running a newer stage version replaces its own records and nothing else.  New sentences
    renumber everything, so a new annotate version remakes every stage's records.
    """
    failed = {e.stage: str(e) for e in processed.errors}
    fresh = "annotate" in stages and stored.get("annotate") != (stages["annotate"][0], "ok")
    runs = []
    for stage, (version, writes) in stages.items():
        if stage == PREPARE:  # its version is on the documents row
            continue
        if not fresh and stored.get(stage) == (version, "ok") and stage not in failed:
            continue
        status = "failed" if stage in failed else "ok"
        runs.append(StageRun(stage, version, writes, status, failed.get(stage)))
    return runs


# -- the shared store -------------------------------------------------------------------------
class SQLStoreBase(MergeRows, ABC):
    """The part of a store that is the same SQL on SQLite and PostgreSQL.

    A subclass sets ``conn`` (a DB-API connection whose rows read by column name), ``path``,
    ``_columns_cache = {}``, the placeholder ``mark`` and the ``upsert_run`` statement, and
    implements the four hooks at the end.
    """

    conn: Any
    path: str
    dialect: str
    _columns_cache: dict[str, list[str]]
    #: the parameter placeholder: "?" or "%s"
    mark: ClassVar[str]
    #: insert one stage_runs row (doc, stage, version, status, error, ran_at) or replace it
    upsert_run: ClassVar[str]

    def close(self) -> None:
        self.conn.close()

    def stage_versions(self, content_hash: str) -> dict[str, str] | None:
        """Stage versions already stored for a document, or None when it is new."""
        row = self.conn.execute(
            f"SELECT id, stage_version FROM documents WHERE content_hash = {self.mark}",
            (content_hash,),
        ).fetchone()
        if row is None:
            return None
        runs = self.conn.execute(
            f"SELECT stage, version FROM stage_runs WHERE doc = {self.mark} AND status = 'ok'",
            (row["id"],),
        )
        versions = {r["stage"]: r["version"] for r in runs}
        versions[PREPARE] = row["stage_version"]
        return versions

    def write(self, processed: Processed, stages: StageTable) -> None:
        """Write one document and its records in one transaction.

        Only the stages :func:`stages_to_run` names are replaced; a crash leaves the document
        either whole or as it was.
        """
        with self._write_transaction(processed.document.id) as cur:
            self._write_document(cur, processed, stages)

    def write_many(self, batch: Sequence[Processed], stages: StageTable) -> None:
        """Write documents, one transaction each (a store may group them: SQLite does)."""
        for processed in batch:
            self.write(processed, stages)

    def restate(self, doc_id: str, meta: Metadata, stale: bool) -> None:
        """Replace a stored document's metadata (each value with its evidence) in one
        transaction; with ``stale`` its stage runs are marked so, and the next write of the
        document (or :meth:`Database.reprocess`) re-runs every stage on it."""
        m = self.mark
        with self._write_transaction(doc_id) as cur:
            adjust(cur, self.dialect, m, doc_id, -1)  # its events may move (outlet, date)
            cur.execute(
                f"""UPDATE documents SET outlet = {m}, outlet_evidence = {m}, title = {m},
                    title_evidence = {m}, author = {m}, author_evidence = {m},
                    published = {m}, published_evidence = {m} WHERE id = {m}""",
                (
                    meta.outlet,
                    evidence_json(meta.outlet_evidence),
                    meta.title,
                    evidence_json(meta.title_evidence),
                    meta.author,
                    evidence_json(meta.author_evidence),
                    meta.published.isoformat() if meta.published else None,
                    evidence_json(meta.published_evidence),
                    doc_id,
                ),
            )
            if stale:
                cur.execute(f"UPDATE stage_runs SET status = 'stale' WHERE doc = {m}", (doc_id,))
            adjust(cur, self.dialect, m, doc_id, 1)

    def rebuild_summaries(self) -> None:
        """Fill the summary tables afresh from the stored events, in one transaction (what
        the migration that made them does; after rows were written around the store)."""
        with self._write_transaction("summaries") as cur:
            rebuild(cur, self.dialect)

    def _write_document(self, cur: Any, processed: Processed, stages: StageTable) -> None:
        """The rows of one document, inside the caller's transaction."""
        doc = processed.document
        cur.execute(
            f"SELECT stage, version, status FROM stage_runs WHERE doc = {self.mark}", (doc.id,)
        )
        stored = {r["stage"]: (r["version"], r["status"]) for r in cur.fetchall()}
        prepared = stages.get(PREPARE, ("", None))[0]
        new = not stored and self._insert_document(cur, doc, prepared)
        runs = stages_to_run(processed, stages, stored)
        # the summaries lose the document's part before its rows change and get it back after
        changes = new or bool(runs) or self._stale_document(cur, doc.id, prepared)
        if changes and not new:
            adjust(cur, self.dialect, self.mark, doc.id, -1)
        if stored:
            self._refresh_document(cur, doc, prepared)
        for run in runs:
            # a new document has no rows to delete: skip the round trips
            self._replace_stage(cur, processed, run, delete=not new)
        if runs:
            cur.executemany(
                self.upsert_run,
                [(doc.id, r.stage, r.version, r.status, r.error, now()) for r in runs],
            )
        if changes:
            adjust(cur, self.dialect, self.mark, doc.id, 1)

    def _stale_document(self, cur: Any, doc_id: str, version: str) -> bool:
        """Whether the stored documents row was prepared by another prepare version (and
        :meth:`_refresh_document` will rewrite it)."""
        cur.execute(f"SELECT stage_version FROM documents WHERE id = {self.mark}", (doc_id,))
        row = cur.fetchone()
        return row is not None and row["stage_version"] != version

    def _refresh_document(self, cur: Any, doc: Document, version: str) -> None:
        """Rewrite a stored documents row prepared by another prepare version."""
        row = document_row(doc, version)
        sets = ", ".join(f"{c} = {self.mark}" for c in DOC_COLUMNS[1:])
        cur.execute(
            f"UPDATE documents SET {sets} WHERE id = {self.mark} AND stage_version <> {self.mark}",
            (*row[1:], doc.id, version),
        )

    def stored_versions(self) -> dict[str, dict[str, str]]:
        """Per stored document: the version of each step that ran on it without failing."""
        out: dict[str, dict[str, str]] = {
            r["id"]: {PREPARE: r["stage_version"]}
            for r in self.conn.execute("SELECT id, stage_version FROM documents")
        }
        for r in self.conn.execute(
            "SELECT doc, stage, version FROM stage_runs WHERE status = 'ok'"
        ):
            if r["doc"] in out:
                out[r["doc"]][r["stage"]] = r["version"]
        return out

    def stored_document(self, doc_id: str) -> Document | None:
        """A document as stored: its text, paragraphs and metadata with their evidence."""
        row = self.conn.execute(
            f"SELECT * FROM documents WHERE id = {self.mark}", (doc_id,)
        ).fetchone()
        return None if row is None else document_from_row(dict(row))

    def _replace_stage(self, cur: Any, processed: Processed, run: StageRun, delete: bool) -> None:
        doc_id = processed.document.id
        if run.stage == "annotate":
            if delete:
                cur.execute(f"DELETE FROM sentences WHERE doc = {self.mark}", (doc_id,))
            rows = sentence_rows(processed, run.stage, run.version)
            self._insert_rows(cur, "sentences", SENTENCE_COLUMNS, rows)
        if run.writes in RECORD_TABLES:
            table = RECORD_TABLES[run.writes]
            if delete:
                cur.execute(f"DELETE FROM {table} WHERE doc = {self.mark}", (doc_id,))
            columns = self._columns(table)
            records = processed.records(run.writes)
            rows = record_rows(table, columns, doc_id, records, run.stage, run.version)
            self._insert_rows(cur, table, columns, rows)

    def _columns(self, table: str) -> list[str]:
        """The columns a stage writes: all but the store's ``id`` and merge's ``cluster``."""
        if table not in self._columns_cache:
            cols = self._table_columns(table)
            self._columns_cache[table] = [c for c in cols if c not in ("id", "cluster")]
        return self._columns_cache[table]

    def add_rejection(self, source: str, reason: str, message: str) -> None:
        """Keep a rejection once: the same input rejected for the same reason on a re-run
        only has its time brought up to date (11 rejections stay 11, not 22)."""
        m = self.mark
        seen = self.conn.execute(
            f"UPDATE rejections SET at = {m} WHERE source = {m} AND reason = {m} AND message = {m}",
            (now(), source, reason, message),
        )
        if not seen.rowcount:
            self.conn.execute(
                f"INSERT INTO rejections (source, reason, message, at) VALUES ({m}, {m}, {m}, {m})",
                (source, reason, message, now()),
            )

    def set_clusters(self, table: str, assignment: dict[int, str]) -> None:
        self.set_all_clusters({table: assignment})

    def set_all_clusters(self, assignments: dict[str, dict[int, str]]) -> None:
        self.replace_clusters(assignments, {}, None)

    def replace_clusters(
        self,
        assignments: dict[str, dict[int, str]],
        scopes: dict[str, list[int]],
        stamp: str | None,
    ) -> None:
        for table in assignments:
            if table not in RECORD_TABLES.values():
                raise StoreError(f"no record table {table!r}")
        self._replace_clusters(assignments, scopes, stamp)

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table {table!r}")
        row = self.conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()
        return int(row["n"]) if row else 0

    # -- what each dialect does its own way ---------------------------------------------------
    @abstractmethod
    def _write_transaction(self, doc_id: str) -> AbstractContextManager[Any]:
        """A cursor inside one transaction that holds the document's write lock."""

    @abstractmethod
    def _insert_document(self, cur: Any, doc: Document, version: str) -> bool:
        """Insert the documents row unless it is there; True when it was inserted."""

    @abstractmethod
    def _insert_rows(
        self, cur: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Bulk insert rows (in ``columns`` order)."""

    @abstractmethod
    def _table_columns(self, table: str) -> list[str]:
        """All columns of a table, in order."""

    @abstractmethod
    def _replace_clusters(
        self,
        assignments: dict[str, dict[int, str]],
        scopes: dict[str, list[int]],
        stamp: str | None,
    ) -> None:
        """The writes of :meth:`replace_clusters` (its tables checked), in one transaction."""

    # -- reads of the exporters (detente.export) and the Database: one SQL for both stores ---
    iter_rows: Callable[..., Iterator[dict[str, Any]]]
    rows: Callable[..., list[dict[str, Any]]]

    def export_rows(
        self, kind: str, clauses: Sequence[str] = (), params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """The stored rows of one record type, in export order, ``clauses`` ANDed."""
        if kind not in _EXPORT_SQL:
            raise StoreError(f"no record type {kind!r}: one of {', '.join(_EXPORT_SQL)}")
        select, order = _EXPORT_SQL[kind]
        return self.iter_rows(f"{select}{_where(clauses)} {order}", list(params))

    def event_cluster_rows(
        self, clauses: Sequence[str] = (), params: Sequence[Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """Events with their cluster's key (``cluster_key``) and their article's source, url,
        outlet, publication and ingest time and their sentence's paragraph, ordered by
        cluster key so a cluster's events come together."""
        return self.iter_rows(_CLUSTER_SQL.format(where=_where(clauses)), list(params))

    def actor_labels(self) -> dict[str, dict[str, Any]]:
        """Per stored actor id: its name, kind and state."""
        return {r["id"]: r for r in self.rows("SELECT id, name, kind, state FROM actors")}

    def stored_id(self, content_hash: str, doc_id: str) -> str | None:
        """The id of the stored document with this content hash or this id, if any (the
        database's restating of given metadata looks its document up so)."""
        found = self.rows(
            "SELECT id FROM documents WHERE content_hash = ? OR id = ?",
            [content_hash, doc_id],
        )
        return str(found[0]["id"]) if found else None


# -- what the exporters read ------------------------------------------------------------------
# The SQL of detente.export lives here, so the exporters hold none; a filter's conditions are
# made by detente.query.scope on the aliases below (d documents, e events, q quotes, f figures)
# and ANDed in.  Portable SQL: PostgreSQL's translation (placeholders, NULL order) applies.

#: per record type: what it reads and its order; the conditions go between the two
_EXPORT_SQL = {
    "document": (
        "SELECT d.* FROM documents d",
        "ORDER BY d.published IS NULL, d.published, d.source",
    ),
    "quote": (
        """SELECT q.*, d.source AS source, q.sentence AS sentence_index
           FROM quotes q JOIN documents d ON d.id = q.doc""",
        "ORDER BY d.published, q.doc, q.start, q.id",
    ),
    "figure": (
        """SELECT f.*, d.source AS source, f.sentence AS sentence_index
           FROM figures f JOIN documents d ON d.id = f.doc""",
        "ORDER BY d.published, f.doc, f.start, f.id",
    ),
    "event": (
        """SELECT e.*, d.source AS source, e.sentence AS sentence_index,
                  s.text AS sentence_text
           FROM events e JOIN documents d ON d.id = e.doc
           LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence""",
        "ORDER BY e.date IS NULL, e.date, e.doc, e.start, e.id",
    ),
}

#: the events with their cluster's key: its first event's id (an integer, the same in every
#: export of the same record), by which clusters are written
_CLUSTER_SQL = """SELECT * FROM (
        SELECT e.*, min(e.id) OVER (PARTITION BY coalesce(e.cluster, 'e' || e.id)) AS cluster_key,
               d.source, d.url, d.outlet, d.published, d.ingested_at, s.paragraph
        FROM events e JOIN documents d ON d.id = e.doc
        LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence{where}) scoped
    ORDER BY cluster_key, date IS NULL, date, published, id"""


def _where(clauses: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""
