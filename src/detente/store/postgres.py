"""The PostgreSQL store: the same record as SQLite, on a server that many writers share.

Opened with ``--db postgresql://user:password@host:5432/dbname``; ``?schema=name`` keeps the
record in its own schema (created when missing), so one database can hold several records.

Why a server: Dask workers on several machines write at once.  Writes stay idempotent under
that concurrency: one document is one transaction holding a transaction-scoped advisory lock
on the document id, so two workers given the same article serialise, and the second finds the
stage versions already stored and writes nothing; the document insert is ``ON CONFLICT DO
NOTHING`` on the content hash besides.

Callers write SQL with ``?`` placeholders in the subset both dialects share; :func:`translate`
maps it to psycopg's ``%s`` and smooths two SQLite habits (case-insensitive ``LIKE``,
``COLLATE NOCASE``).  Full-text search is a GIN index on ``to_tsvector('english', text)``,
queried from :func:`detente.query.search.text_match`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from detente.errors import MissingDependency, SchemaVersionError, StoreError
from detente.model import Document
from detente.pipeline import PREPARE_VERSION, Processed
from detente.store.base import StageTable
from detente.store.schema import RECORD_TABLES
from detente.store.schema_pg import MIGRATIONS_PG
from detente.store.sqlite import _NOW, _TABLES, _evidence, _sql_value

__all__ = ["PostgresStore", "is_postgres_url", "translate"]

_DOC_COLUMNS = (
    "id, source, content_hash, format, url, outlet, outlet_evidence, title, title_evidence,"
    " author, author_evidence, published, published_evidence, language, text, paragraphs,"
    " stage, stage_version, ingested_at"
)
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
_NOCASE = re.compile(r"([\w.\"]+)\s*=\s*\?\s+COLLATE\s+NOCASE", re.IGNORECASE)
_NOCASE_ANY = re.compile(r"([\w.\"]+)\s+COLLATE\s+NOCASE", re.IGNORECASE)
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\s(LIMIT|OFFSET|FETCH|FOR|UNION|EXCEPT|INTERSECT)\b", re.IGNORECASE)


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _masked(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _split_schema(url: str) -> tuple[str, str | None]:
    """Take detente's own ``schema=`` parameter out of the URL (libpq would refuse it)."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), None)
    rest = urllib.parse.urlencode([(k, v) for k, v in query if k != "schema"])
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise StoreError(f"bad schema name {schema!r}: letters, digits and _ only")
    return urllib.parse.urlunsplit(parts._replace(query=rest)), schema


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite-flavoured SQL with ``?`` placeholders to PostgreSQL with ``%s``.

    ``?`` inside quoted literals or identifiers is left alone; every ``%`` is doubled because
    psycopg reads it as the start of a placeholder.  ``LIKE`` becomes ``ILIKE`` (SQLite's
    LIKE ignores ASCII case); ``x = ? COLLATE NOCASE`` becomes ``lower(x) = lower(?)`` and any
    other ``x COLLATE NOCASE`` becomes ``lower(x)``; NULLs sort as in SQLite.
    """
    sql = _NOCASE.sub(r"lower(\1) = lower(?)", sql)
    sql = _NOCASE_ANY.sub(r"lower(\1)", sql)
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    text = "".join(out)
    if "LIKE" in text.upper():
        text = _LIKE.sub("ILIKE", text)
    return _nulls_like_sqlite(text) if "ORDER BY" in text.upper() else text


def _nulls_like_sqlite(sql: str) -> str:
    """Sort NULLs as SQLite does (smallest: first ascending, last descending).

    PostgreSQL sorts them as largest; without this the same query lists rows in a different
    order on the two stores.  Each ``ORDER BY`` term without a ``NULLS`` clause gets one.
    """
    out, pos = [], 0
    for match in _ORDER_BY.finditer(sql):
        if match.start() < pos:
            continue
        out.append(sql[pos : match.end()])
        terms, pos = _order_terms(sql, match.end())
        out.append(",".join(_with_nulls(t) for t in terms))
    out.append(sql[pos:])
    return "".join(out)


def _order_terms(sql: str, start: int) -> tuple[list[str], int]:
    """The comma-separated terms of an ORDER BY starting at ``start``, and where it ends."""
    terms, depth, begin, i = [], 0, start, start
    quote: str | None = None
    while i < len(sql):
        ch = sql[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch == ",":
            terms.append(sql[begin:i])
            begin = i + 1
        elif depth == 0 and (ch == ";" or _ORDER_END.match(sql, i)):
            break
        i += 1
    terms.append(sql[begin:i])
    return terms, i


def _with_nulls(term: str) -> str:
    body = term.rstrip()
    upper = body.upper()
    if not body.strip() or "NULLS " in upper:
        return term
    tail = term[len(body) :]
    if upper.endswith(" DESC"):
        return f"{body} NULLS LAST{tail}"
    return f"{body} NULLS FIRST{tail}"


class PostgresStore:
    """A detente record in a PostgreSQL database (or one schema of it)."""

    dialect = "postgresql"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
            from psycopg.types.numeric import FloatLoader
        except ImportError as exc:
            raise MissingDependency("psycopg (PostgreSQL store)", "postgres") from exc
        self.path = _masked(url)
        conninfo, self.schema = _split_schema(url)
        try:
            self.conn = psycopg.connect(conninfo, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        # sums and averages come back as Decimal otherwise; SQLite gives floats
        self.conn.adapters.register_loader("numeric", FloatLoader)
        self._error = psycopg.Error
        self._columns_cache: dict[str, list[str]] = {}
        try:
            self._session(read_only)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"cannot use {self.path}: {exc}") from exc
        if read_only:
            self._check_version()
        else:
            self.migrate()

    def _session(self, read_only: bool) -> None:
        if read_only:
            # a server process (the web desk) can then never change the record, whatever SQL
            self.conn.execute("SET default_transaction_read_only = on")
        elif self.schema:
            with self.conn.transaction():
                # two first opens at once (Dask workers) must not both try to create it
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
                self.conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
        if self.schema:
            self.conn.execute(f'SET search_path TO "{self.schema}"')

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Apply missing migrations under a lock, so concurrent first opens do not race."""
        try:
            with self.conn.transaction():
                self.conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                )
                row = self.conn.execute(
                    "SELECT value FROM meta WHERE key = 'schema_version'"
                ).fetchone()
                current = int(row["value"]) if row else 0
                if current > len(MIGRATIONS_PG):
                    raise SchemaVersionError(
                        f"{self.path} has schema {current}; this detente knows "
                        f"{len(MIGRATIONS_PG)}: upgrade"
                    )
                for number in range(current, len(MIGRATIONS_PG)):
                    self.conn.execute(MIGRATIONS_PG[number].encode())
                self.conn.execute(
                    "INSERT INTO meta VALUES ('schema_version', %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (str(max(current, len(MIGRATIONS_PG))),),
                )
        except self._error as exc:
            raise StoreError(f"migration failed on {self.path}: {exc}") from exc

    def _check_version(self) -> None:
        """Opened read-only: the schema must be there and be the one this detente knows."""
        try:
            row = self.conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except self._error as exc:
            raise StoreError(f"{self.path} is not a detente database: {exc}") from exc
        if row is None or int(row["value"]) != len(MIGRATIONS_PG):
            found = row["value"] if row else "none"
            raise SchemaVersionError(
                f"{self.path} has schema {found}; this detente knows {len(MIGRATIONS_PG)}"
            )

    def close(self) -> None:
        self.conn.close()

    def drop(self) -> None:
        """Remove this store's schema and everything in it (tests; needs ``?schema=``)."""
        if not self.schema:
            raise StoreError("drop() only removes a store opened with ?schema=")
        self.conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    # -- writing ----------------------------------------------------------------------------
    def stage_versions(self, content_hash: str) -> dict[str, str] | None:
        """Stage versions already stored for a document, or None when it is new."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = %s", (content_hash,)
        ).fetchone()
        if row is None:
            return None
        runs = self.conn.execute(
            "SELECT stage, version FROM stage_runs WHERE doc = %s AND status = 'ok'", (row["id"],)
        )
        return {r["stage"]: r["version"] for r in runs}

    def write(self, processed: Processed, stages: StageTable) -> None:
        """Write one document and its records in one transaction; safe with many writers.

        Only stages whose stored version differs are replaced, as in the SQLite store.
        """
        doc = processed.document
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc.id,))
                cur.execute(
                    "SELECT stage, version, status FROM stage_runs WHERE doc = %s", (doc.id,)
                )
                stored = {r["stage"]: (r["version"], r["status"]) for r in cur.fetchall()}
                if not stored:
                    self._insert_document(cur, doc)
                failed = {e.stage: str(e) for e in processed.errors}
                fresh = "annotate" in stages and stored.get("annotate") != (
                    stages["annotate"][0],
                    "ok",
                )
                runs = []
                for stage, (version, writes) in stages.items():
                    if not fresh and stored.get(stage) == (version, "ok") and stage not in failed:
                        continue
                    # a new document has no rows to delete: skip the round trips
                    self._replace_stage(cur, processed, stage, version, writes, bool(stored))
                    status = "failed" if stage in failed else "ok"
                    runs.append((doc.id, stage, version, status, failed.get(stage), _NOW()))
                cur.executemany(
                    "INSERT INTO stage_runs VALUES (%s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (doc, stage) DO UPDATE SET version = EXCLUDED.version,"
                    " status = EXCLUDED.status, error = EXCLUDED.error, ran_at = EXCLUDED.ran_at",
                    runs,
                )
        except self._error as exc:
            raise StoreError(f"cannot write document {doc.id} to {self.path}: {exc}") from exc

    def _replace_stage(
        self,
        cur: Any,
        processed: Processed,
        stage: str,
        version: str,
        writes: str | None,
        delete: bool,
    ) -> None:
        doc_id = processed.document.id
        if stage == "annotate":
            if delete:
                cur.execute("DELETE FROM sentences WHERE doc = %s", (doc_id,))
            self._copy(
                cur,
                "sentences",
                ["doc", "idx", "start", "end", "text", "paragraph", "stage", "stage_version"],
                [
                    (doc_id, s.index, s.start, s.end, s.text, s.paragraph, stage, version)
                    for s in processed.sentences
                ],
            )
        if writes in RECORD_TABLES:
            table = RECORD_TABLES[writes]
            if delete:
                cur.execute(f"DELETE FROM {table} WHERE doc = %s", (doc_id,))
            columns = self._columns(table)
            rows = []
            for rec in processed.records(writes):
                data = dataclasses.asdict(rec)
                data.update(doc=doc_id, stage=stage, stage_version=version)
                if table == "mentions" and "sentence" not in data:
                    data["sentence"] = -1
                rows.append(tuple(_sql_value(data.get(c)) for c in columns))
            self._copy(cur, table, columns, rows)

    @staticmethod
    def _copy(cur: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Bulk insert with COPY: several times faster than row-by-row INSERTs."""
        if not rows:
            return
        quoted = ", ".join(f'"{c}"' for c in columns)
        with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _insert_document(self, cur: Any, doc: Document) -> None:
        m = doc.meta
        cur.execute(
            f"INSERT INTO documents ({_DOC_COLUMNS}) VALUES ({', '.join(['%s'] * 19)})"
            " ON CONFLICT DO NOTHING",
            (
                doc.id,
                doc.source,
                doc.content_hash,
                doc.format,
                doc.url,
                m.outlet,
                _evidence(m.outlet_evidence),
                m.title,
                _evidence(m.title_evidence),
                m.author,
                _evidence(m.author_evidence),
                m.published.isoformat() if m.published else None,
                _evidence(m.published_evidence),
                doc.language,
                doc.text,
                json.dumps([[p.start, p.end] for p in doc.paragraphs]),
                "prepare",
                PREPARE_VERSION,
                _NOW(),
            ),
        )

    def _columns(self, table: str) -> list[str]:
        if table not in self._columns_cache:
            rows = self.conn.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = %s"
                " ORDER BY ordinal_position",
                (table,),
            ).fetchall()
            cols = [r["column_name"] for r in rows]
            self._columns_cache[table] = [c for c in cols if c not in ("id", "cluster")]
        return self._columns_cache[table]

    def add_rejection(self, source: str, reason: str, message: str) -> None:
        self.conn.execute(
            "INSERT INTO rejections (source, reason, message, at) VALUES (%s, %s, %s, %s)",
            (source, reason, message, _NOW()),
        )

    def load_actors(self, actors: Iterable[Any], version: str) -> None:
        """Load the knowledge base into the actors table when its version changed."""
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('detente-kb'))")
            cur.execute("SELECT value FROM meta WHERE key = 'kb_version'")
            row = cur.fetchone()
            if row and row["value"] == version:
                return
            cur.execute("DELETE FROM actors WHERE origin = 'kb'")
            self._copy(
                cur,
                "actors",
                ["id", "name", "kind", "state", "sector", "code", "aliases", "origin"],
                list(
                    {
                        a.id: (
                            a.id,
                            a.name,
                            a.kind,
                            a.state,
                            a.sector,
                            a.code,
                            json.dumps(list(a.aliases), ensure_ascii=False),
                            "kb",
                        )
                        for a in actors
                    }.values()
                ),
            )
            cur.execute(
                "INSERT INTO meta VALUES ('kb_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (version,),
            )

    def set_clusters(self, table: str, assignment: dict[int, str]) -> None:
        if table not in RECORD_TABLES.values():
            raise StoreError(f"no record table {table!r}")
        with self.conn.transaction():
            self.conn.execute(f"UPDATE {table} SET cluster = NULL WHERE cluster IS NOT NULL")
            if assignment:
                self.conn.execute(
                    f"UPDATE {table} t SET cluster = v.c"
                    " FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS c) v"
                    " WHERE t.id = v.id",
                    (list(assignment), list(assignment.values())),
                )

    # -- reading ------------------------------------------------------------------------------
    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        try:
            return self.conn.execute(translate(sql), tuple(params)).fetchall()
        except self._error as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Stream rows through a server-side cursor: memory stays flat on a large export."""
        name = f"detente_{uuid.uuid4().hex[:12]}"
        cur = self.conn.cursor(name=name, withhold=True)
        try:
            cur.itersize = 2000
            cur.execute(translate(sql), tuple(params))
            yield from cur
        except self._error as exc:
            raise StoreError(f"query failed: {exc}") from exc
        finally:
            cur.close()

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise StoreError(f"no table {table!r}")
        row = self.conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()
        return int(row["n"]) if row else 0
