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

import functools
import re
import urllib.parse
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from detente.errors import BadSearchText, MissingDependency, SchemaVersionError, StoreError
from detente.model import Document
from detente.store.base import (
    ACTOR_COLUMNS,
    DOC_COLUMNS,
    SQLStoreBase,
    actor_row,
    document_row,
    rehash_documents,
)
from detente.store.schema import (
    META_TABLE,
    MIGRATIONS_PG,
    REHASH_MIGRATION,
    SUMMARY_MIGRATION,
)
from detente.store.summary import rebuild as rebuild_summaries

__all__ = ["PostgresStore", "is_postgres_url", "translate"]

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


class PostgresStore(SQLStoreBase):
    """A detente record in a PostgreSQL database (or one schema of it)."""

    dialect = "postgresql"
    concurrent_writers = True
    #: PostgreSQL sorts NULL after every value
    nulls_first = False

    @staticmethod
    def text_match(text: str) -> tuple[str, str, str, list[Any]]:
        """Full-text search over the GIN index on ``to_tsvector('english', text)``
        (store/schema.py); websearch syntax matches FTS5's for words (ANDed), "phrases" and
        OR.  An odd quote is refused as FTS5 refuses it, so a query means the same on both."""
        if text.count('"') % 2:
            raise BadSearchText("unbalanced quote")
        return (
            " CROSS JOIN websearch_to_tsquery('english', ?) AS tsq CROSS JOIN LATERAL"
            " (SELECT -ts_rank(to_tsvector('english', s.text), tsq) AS rank) AS r",
            "to_tsvector('english', s.text) @@ tsq",
            "ts_headline('english', s.text, tsq,"
            " 'StartSel=[, StopSel=], MaxFragments=1, MinWords=10, MaxWords=24')",
            [text],
        )

    mark = "%s"
    upsert_run = (
        "INSERT INTO stage_runs VALUES (%s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (doc, stage) DO UPDATE SET version = EXCLUDED.version,"
        " status = EXCLUDED.status, error = EXCLUDED.error, ran_at = EXCLUDED.ran_at"
    )

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
                self.conn.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE}")
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
                    if number + 1 == REHASH_MIGRATION:
                        rehash_documents(self.conn, "%s")
                    if number + 1 == SUMMARY_MIGRATION:
                        rebuild_summaries(self.conn, self.dialect)
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

    def drop(self) -> None:
        """Remove this store's schema and everything in it (tests; needs ``?schema=``)."""
        if not self.schema:
            raise StoreError("drop() only removes a store opened with ?schema=")
        self.conn.execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    # -- writing: the hooks of SQLStoreBase.write ---------------------------------------------
    @contextmanager
    def _write_transaction(self, doc_id: str) -> Iterator[Any]:
        """A transaction-scoped advisory lock on the document id: two workers given the same
        article serialise, and the second finds its stage versions stored."""
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc_id,))
                yield cur
        except self._error as exc:
            raise StoreError(f"cannot write document {doc_id} to {self.path}: {exc}") from exc

    def _insert_document(self, cur: Any, doc: Document, version: str) -> bool:
        cur.execute(
            f"INSERT INTO documents ({', '.join(DOC_COLUMNS)})"
            f" VALUES ({', '.join(['%s'] * len(DOC_COLUMNS))}) ON CONFLICT DO NOTHING",
            document_row(doc, version),
        )
        return bool(cur.rowcount == 1)

    def _insert_rows(
        self, cur: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Bulk insert with COPY: several times faster than row-by-row INSERTs."""
        if not rows:
            return
        quoted = ", ".join(f'"{c}"' for c in columns)
        with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _table_columns(self, table: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s"
            " ORDER BY ordinal_position",
            (table,),
        ).fetchall()
        return [r["column_name"] for r in rows]

    def load_actors(self, actors: Iterable[Any], version: str) -> None:
        """Load the knowledge base into the actors table when its version changed."""
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext('detente-kb'))")
            cur.execute("SELECT value FROM meta WHERE key = 'kb_version'")
            row = cur.fetchone()
            if row and row["value"] == version:
                return
            cur.execute("DELETE FROM actors WHERE origin = 'kb'")
            # COPY cannot replace: keep the last actor of each id, as INSERT OR REPLACE would
            rows = {a.id: actor_row(a) for a in actors}
            self._insert_rows(cur, "actors", ACTOR_COLUMNS, list(rows.values()))
            cur.execute(
                "INSERT INTO meta VALUES ('kb_version', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (version,),
            )

    def _replace_clusters(
        self,
        assignments: dict[str, dict[int, str]],
        scopes: dict[str, list[int]],
        stamp: str | None,
    ) -> None:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('detente-merge'))")
            for table, assignment in assignments.items():
                if table in scopes:
                    self.conn.execute(
                        f"UPDATE {table} SET cluster = NULL WHERE id = ANY(%s::bigint[])",
                        (list(scopes[table]),),
                    )
                else:
                    self.conn.execute(
                        f"UPDATE {table} SET cluster = NULL WHERE cluster IS NOT NULL"
                    )
                if assignment:
                    self.conn.execute(
                        f"UPDATE {table} t SET cluster = v.c"
                        " FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS c) v"
                        " WHERE t.id = v.id",
                        (list(assignment), list(assignment.values())),
                    )
            if stamp is not None:
                self.conn.execute(
                    "INSERT INTO meta VALUES ('merge_rules', %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (stamp,),
                )
            self.conn.execute("DELETE FROM meta WHERE key = 'merge_pending'")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = %s", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.conn.transaction():
            if value is None:
                self.conn.execute("DELETE FROM meta WHERE key = %s", (key,))
            else:
                self.conn.execute(
                    "INSERT INTO meta VALUES (%s, %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (key, value),
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
