"""The embedded SQLite store: one file, one writer at a time.

A batch of documents is written in one transaction (documents, sentences, every stage's
records and the stage runs), so a crash leaves each batch, and so each document, whole or
absent.  What rows to write is decided in :class:`~detente.store.base.SQLStoreBase`; this
module holds what is SQLite's own: the connection and its pragmas, ``user_version``
migrations, ``BEGIN IMMEDIATE`` transactions and ``executemany`` inserts.

:class:`ReadOnlyStore` is the web server's view of the same file: reads only.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from detente.errors import BadSearchText, SchemaVersionError, StoreError
from detente.model import Document, Processed
from detente.store.base import (
    ACTOR_COLUMNS,
    DOC_COLUMNS,
    SQLStoreBase,
    StageTable,
    actor_row,
    document_row,
    rehash_documents,
)
from detente.store.schema import MIGRATIONS, REHASH_MIGRATION, SUMMARY_MIGRATION
from detente.store.summary import rebuild as rebuild_summaries

__all__ = ["ReadOnlyStore", "SQLiteStore"]


#: a "phrase", a parenthesis, or a run of anything else up to a space, quote or parenthesis
_FTS_TOKENS = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
#: what FTS5 reads as a bare word: letters, digits, underscore and any non-ASCII character
_BAREWORD = re.compile(r"^[\w\u0080-\U0010ffff]+\*?$")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def fts5_query(text: str) -> str:
    """The search text as an FTS5 query that cannot fail on punctuation: words and operators
    (AND, OR, NOT, NEAR, parentheses, "phrases", prefix*) as written; a term with other
    characters (``U.S.``, ``Putin's``, ``-``) is quoted, so FTS5 reads it as the phrase of
    its words, as it would find them in the text.  An odd double quote is refused (as the
    PostgreSQL store refuses it), so a query means the same on both stores."""
    if text.count('"') % 2:
        raise BadSearchText(f"bad search query {text!r}: unbalanced quote")
    tokens = _FTS_TOKENS.findall(text)
    balanced = text.count("(") == text.count(")")
    out: list[str] = []
    for tok in tokens:
        if tok in "()":
            if balanced:
                out.append(tok)
        elif tok.startswith('"') or tok in _OPERATORS or _BAREWORD.match(tok):
            out.append(tok)
        elif tok.endswith("*") and tok[:-1]:
            out.append('"' + tok[:-1] + '"*')
        else:
            out.append('"' + tok + '"')
    return " ".join(out)


def sqlite_text_match(text: str) -> tuple[str, str, str, list[Any]]:
    """Full-text search through FTS5 (its syntax: "phrases", OR, NEAR, prefix*, with
    punctuation quoted by :func:`fts5_query`), as (FROM addition, WHERE condition, snippet
    expression, params); a query FTS5 still cannot parse is refused first, as
    :class:`BadSearchText`."""
    query = fts5_query(text)
    _check_fts5(query)
    return (
        " JOIN sentences_fts ON sentences_fts.rowid = s.rowid",
        "sentences_fts MATCH ?",
        "snippet(sentences_fts, 0, '[', ']', '…', 24)",
        [query],
    )


def sqlite_text_count(text: str) -> tuple[str, list[Any]]:
    """How many sentences match the search text, counted in the FTS5 index alone: every
    sentence is in it (kept by triggers), so joining the sentences only reads each match's
    row for nothing (111 000 matches of 10^6 sentences: 3.5 ms instead of 56 ms, and 285 ms
    when the file's pages are not in memory; bench/queries.py)."""
    query = fts5_query(text)
    _check_fts5(query)
    return "SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH ?", [query]


_T = TypeVar("_T")


def _patient(step: Callable[[], _T], wait: float = 30.0) -> _T:
    """``step()``, tried again while SQLite answers "database is locked" at once instead of
    waiting for the lock (switching a file to WAL, or reading it while another process is
    still creating or migrating it: two ingests started together on one file), for as long
    as ``connect`` waits for a lock."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


_PROBE = threading.local()


def _check_fts5(text: str) -> None:
    """Parse ``text`` as FTS5 does, against an empty table of the same column and tokenizer
    (FTS5 reads the expression whether or not there are rows), so a search FTS5 refuses
    (an odd quote, a stray NEAR) is named before any query runs, and no error of SQLite's
    own reaches the query layer."""
    conn = getattr(_PROBE, "conn", None)
    if conn is None:
        conn = _PROBE.conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='porter unicode61')")
    try:
        conn.execute("SELECT rowid FROM probe WHERE probe MATCH ?", (text,)).fetchall()
    except sqlite3.Error as exc:
        raise BadSearchText(str(exc)) from exc


class SQLiteStore(SQLStoreBase):
    """A detente database in one SQLite file."""

    dialect = "sqlite"
    concurrent_writers = False
    #: SQLite sorts NULL before any value
    nulls_first = True

    @staticmethod
    def text_match(text: str) -> tuple[str, str, str, list[Any]]:
        return sqlite_text_match(text)

    @staticmethod
    def text_count(text: str) -> tuple[str, list[Any]]:
        return sqlite_text_count(text)

    mark = "?"
    upsert_run = "INSERT OR REPLACE INTO stage_runs VALUES (?, ?, ?, ?, ?, ?)"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._columns_cache: dict[str, list[str]] = {}
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self._pragmas()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a detente database: {exc}") from exc
        self.migrate()

    def _pragmas(self) -> None:
        """WAL, normal sync, foreign keys (:func:`_patient`: two ingests may start together)."""
        if self.path != ":memory:":
            _patient(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        try:
            current = _patient(lambda: self.conn.execute("PRAGMA user_version").fetchone())[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a detente database: {exc}") from exc
        if current > len(MIGRATIONS):
            raise SchemaVersionError(
                f"{self.path} has schema {current}; this detente knows {len(MIGRATIONS)}: upgrade"
            )
        for number in range(current, len(MIGRATIONS)):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                if self.conn.execute("PRAGMA user_version").fetchone()[0] > number:
                    # two first opens at once: the other applied it while this one waited
                    self.conn.execute("COMMIT")
                    continue
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                if number + 1 == REHASH_MIGRATION:
                    rehash_documents(self.conn, "?")
                if number + 1 == SUMMARY_MIGRATION:
                    rebuild_summaries(self.conn, self.dialect)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {number + 1} failed on {self.path}: {exc}") from exc
        if current < len(MIGRATIONS):
            self._analyze_new_indexes()

    def _analyze_new_indexes(self) -> None:
        """Give the indexes a migration made the query planner's statistics, when the file
        has them (``ANALYZE`` was run on it, as on the synthetic load-test files): SQLite
        takes an index without statistics for more selective than any index with them, and
        read a big pair's days through a new index and the table instead of the covering
        pair index (USA-CHN of 10^7 synthetic events: 550 ms instead of 50; a file without
        statistics weighs every index alike and keeps the covering one)."""
        try:
            if not self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).fetchone():
                return
            missing = self.conn.execute(
                """SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                   AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)"""
            ).fetchall()
            for (name,) in missing:
                self.conn.execute(f'ANALYZE "{name}"')
        except sqlite3.Error as exc:
            raise StoreError(f"cannot analyze the new indexes of {self.path}: {exc}") from exc

    def check_writable(self) -> None:
        """Fail now, with a named error, if nothing can be written (a read-only file or
        folder): not after the first batch was processed for nothing."""
        with self._transaction() as cur:
            cur.execute("PRAGMA user_version = " + str(len(MIGRATIONS)))

    # -- writing: the hooks of SQLStoreBase.write ---------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        """One writer at a time: BEGIN IMMEDIATE takes the file's write lock up front."""
        cur = self.conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:  # a read-only file or folder, a lock held too long
            raise StoreError(f"cannot write {self.path}: {exc}") from exc
        try:
            yield cur
            cur.execute("COMMIT")
        except BaseException as exc:
            # SQLite has already rolled back after some errors (a full disk): rolling back
            # again would hide the real error behind "no transaction is active"
            if self.conn.in_transaction:
                cur.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write {self.path}: {_plain_error(exc)}") from exc
            raise

    def _write_transaction(self, doc_id: str) -> AbstractContextManager[sqlite3.Cursor]:
        return self._transaction()

    def write_many(self, batch: Sequence[Processed], stages: StageTable) -> None:
        """Write a batch of documents in one transaction: the batch is whole or absent after a
        crash (an ingest run again redoes what is absent).

        One commit per batch instead of one per document: every page an insert touches (the
        tables' last pages, the indexes, the full-text index) goes to the log once a batch.
        """
        if not batch:
            return
        with self._transaction() as cur:
            for processed in batch:
                self._write_document(cur, processed, stages)

    def _insert_document(self, cur: sqlite3.Cursor, doc: Document, version: str) -> bool:
        if cur.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is not None:
            return False
        marks = ", ".join("?" * len(DOC_COLUMNS))
        cur.execute(f"INSERT INTO documents VALUES ({marks})", document_row(doc, version))
        return True

    def _insert_rows(
        self, cur: sqlite3.Cursor, table: str, columns: list[str], rows: list[tuple[Any, ...]]
    ) -> None:
        if not rows:
            return
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        cur.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)

    def _table_columns(self, table: str) -> list[str]:
        return [r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def load_actors(self, actors: Iterable[Any], version: str) -> None:
        """Load the knowledge base into the actors table when its version changed."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'kb_version'").fetchone()
        if row and row["value"] == version:
            return
        marks = ", ".join("?" * len(ACTOR_COLUMNS))
        with self._transaction() as cur:
            cur.execute("DELETE FROM actors WHERE origin = 'kb'")
            cur.executemany(
                f"INSERT OR REPLACE INTO actors VALUES ({marks})", [actor_row(a) for a in actors]
            )
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('kb_version', ?)", (version,))

    def _replace_clusters(
        self,
        assignments: dict[str, dict[int, str]],
        scopes: dict[str, list[int]],
        stamp: str | None,
    ) -> None:
        with self._transaction() as cur:
            for table, assignment in assignments.items():
                if table in scopes:
                    cur.executemany(
                        f"UPDATE {table} SET cluster = NULL WHERE id = ?",
                        [(i,) for i in scopes[table]],
                    )
                else:
                    cur.execute(f"UPDATE {table} SET cluster = NULL WHERE cluster IS NOT NULL")
                cur.executemany(
                    f"UPDATE {table} SET cluster = ? WHERE id = ?",
                    [(c, i) for i, c in assignment.items()],
                )
            if stamp is not None:
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('merge_rules', ?)", (stamp,))
            cur.execute("DELETE FROM meta WHERE key = 'merge_pending'")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str | None) -> None:
        with self._transaction() as cur:
            if value is None:
                cur.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                cur.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- reading ------------------------------------------------------------------------------
    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(read_rows(self.conn, sql, params))

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        yield from read_rows(self.conn, sql, params)


def read_rows(
    conn: sqlite3.Connection, sql: str, params: Iterable[Any]
) -> Iterator[dict[str, Any]]:
    """A read's rows as dicts; SQLite's errors (a lock held too long, a damaged file) as the
    tree's :class:`StoreError`, so no layer above the store needs to know the dialect."""
    try:
        for r in conn.execute(sql, tuple(params)):
            yield dict(r)
    except sqlite3.Error as exc:
        raise StoreError(f"query failed: {_plain_error(exc)}") from exc


def _plain_error(exc: sqlite3.Error) -> str:
    """SQLite's message, with what to do about the usual ones."""
    text = str(exc)
    if "full" in text:
        return f"{text}: free some space and run the ingest again (what is stored is whole)"
    if "readonly" in text or "read-only" in text:
        return f"{text}: the file or its folder cannot be written"
    return text


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buf, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.endswith("BEGIN"):
            depth += 1
        if upper.startswith("END;"):
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            statements.append("\n".join(buf))
            buf = []
    if buf:
        statements.append("\n".join(buf))
    return statements


def _frozen(path: Path) -> bool:
    """Nobody can write the database: its folder is not writable (or is on a read-only
    file system) and it has no write-ahead log pending.  Only then is ``immutable`` safe."""
    folder = path.resolve().parent
    wal = Path(f"{path.resolve()}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    return not os.access(folder, os.W_OK)


#: what a search reads for every match, besides the few sentences it shows: the full-text
#: index's term lists and each sentence's length (for bm25), with the column holding them
_TEXT_INDEX = (("sentences_fts_data", "block"), ("sentences_fts_docsize", "sz"))


def warm_text_index(path: str | Path, max_bytes: int) -> int:
    """Read the full-text index once, up to ``max_bytes``, so that the operating system holds
    its pages: the first search after a server starts then costs what later ones do
    (10^6 sentences, 111 000 matches: 51 MB read in 1.1 s; that search took 310 ms with the
    file's pages out of memory, 110 ms with them in; bench/queries.py).  Returns the bytes
    read.  A warm-up is an optimisation: a file it cannot read is left to the first request
    to report."""
    read = 0
    try:
        store = ReadOnlyStore(path)
    except StoreError:
        return 0
    try:
        for table, column in _TEXT_INDEX:
            rows = store.conn.execute(f"SELECT {column} FROM {table}")
            while read < max_bytes and (chunk := rows.fetchmany(512)):
                read += sum(len(row[0] or b"") for row in chunk)
    except sqlite3.Error:
        pass
    finally:
        store.close()
    return read


class ReadOnlyStore:
    """A read-only view of a detente SQLite file, for the web server: parameterised reads only,
    the query layer's whole need of a store.

    The server never writes: the file is opened with ``mode=ro`` (the operating system refuses
    writes) and ``PRAGMA query_only`` (SQLite refuses them too), one connection per request.  A
    file in WAL mode in a folder that cannot be written (a read-only mount, a published copy)
    is opened ``immutable``: SQLite could not create its shared-memory file there.
    """

    dialect = "sqlite"
    concurrent_writers = False
    #: SQLite sorts NULL before any value
    nulls_first = True

    @staticmethod
    def text_match(text: str) -> tuple[str, str, str, list[Any]]:
        return sqlite_text_match(text)

    @staticmethod
    def text_count(text: str) -> tuple[str, list[Any]]:
        return sqlite_text_count(text)

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"no database at {self.path}: run `detente ingest` first")
        try:
            version = self._connect("mode=ro")
        except sqlite3.Error as exc:
            if not _frozen(self.path):
                raise StoreError(f"cannot open {self.path} read-only: {exc}") from exc
            # a WAL file in a folder nobody can write to: SQLite cannot create the -shm it
            # wants beside it, but nothing can change the file either, so it is immutable
            version = self._connect("mode=ro&immutable=1")
        if not SUMMARY_MIGRATION <= version <= len(MIGRATIONS):
            self.conn.close()
            if 1 <= version < SUMMARY_MIGRATION:  # the desk reads the summary tables
                raise StoreError(
                    f"{self.path} has schema {version}, without the summary tables the desk"
                    f" reads: open it once for writing (`detente --db {self.path} stats`)"
                    " to bring it up to date"
                )
            raise StoreError(
                f"{self.path} has schema {version}; this detente reads"
                f" {SUMMARY_MIGRATION}..{len(MIGRATIONS)}"
            )

    def _connect(self, flags: str) -> int:
        """Open with these URI flags; the schema version."""
        uri = f"file:{quote(str(self.path.resolve()))}?{flags}"
        self.conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA query_only = ON")
            return int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error:
            self.conn.close()
            raise

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return list(read_rows(self.conn, sql, params))

    def close(self) -> None:
        self.conn.close()
