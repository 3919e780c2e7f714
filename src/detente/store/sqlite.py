"""The embedded SQLite store: schema, writing processed documents, reading rows back.

One document is written in one transaction (document, sentences, every stage's records and
the stage runs), so a crash leaves each document either whole or absent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from detente.errors import SchemaVersionError, StoreError
from detente.model import Document, Evidence
from detente.pipeline import PREPARE_VERSION, Processed
from detente.store.schema import MIGRATIONS, RECORD_TABLES

__all__ = ["SQLiteStore"]

_NOW = lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")  # noqa: E731


def _evidence(ev: Evidence | None) -> str | None:
    return json.dumps(dataclasses.asdict(ev), ensure_ascii=False) if ev else None


class SQLiteStore:
    """A detente database in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a detente database: {exc}") from exc
        self.migrate()

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        try:
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a detente database: {exc}") from exc
        if current > len(MIGRATIONS):
            raise SchemaVersionError(
                f"{self.path} has schema {current}; this detente knows {len(MIGRATIONS)}: upgrade"
            )
        for number in range(current, len(MIGRATIONS)):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"migration {number + 1} failed on {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    # -- writing ----------------------------------------------------------------------------
    def stage_versions(self, content_hash: str) -> dict[str, str] | None:
        """Stage versions already stored for a document, or None when it is new."""
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        if row is None:
            return None
        runs = self.conn.execute(
            "SELECT stage, version FROM stage_runs WHERE doc = ? AND status = 'ok'", (row["id"],)
        )
        return {r["stage"]: r["version"] for r in runs}

    def write(self, processed: Processed, stages: dict[str, tuple[str, str | None]]) -> None:
        """Write one document and its records in one transaction.

        Only stages whose version differs from what is stored are replaced: re-running a newer
        stage version replaces its own records and nothing else.
        """
        doc = processed.document
        cur = self.conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            stored = {
                r["stage"]: (r["version"], r["status"])
                for r in cur.execute(
                    "SELECT stage, version, status FROM stage_runs WHERE doc = ?", (doc.id,)
                )
            }
            if not stored and not self._has_doc(cur, doc.id):
                self._insert_document(cur, doc)
            failed = {e.stage: str(e) for e in processed.errors}
            # new sentences renumber everything: every stage's records must be remade
            fresh = "annotate" in stages and stored.get("annotate") != (stages["annotate"][0], "ok")
            for stage, (version, writes) in stages.items():
                if not fresh and stored.get(stage) == (version, "ok") and stage not in failed:
                    continue
                if stage == "annotate":
                    cur.execute("DELETE FROM sentences WHERE doc = ?", (doc.id,))
                    cur.executemany(
                        "INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?)",
                        [
                            (doc.id, s.index, s.start, s.end, s.text, s.paragraph, stage, version)
                            for s in processed.sentences
                        ],
                    )
                if writes in RECORD_TABLES:
                    cur.execute(f"DELETE FROM {RECORD_TABLES[writes]} WHERE doc = ?", (doc.id,))
                    self._insert_records(
                        cur, writes, doc.id, processed.records(writes), stage, version
                    )
                status = "failed" if stage in failed else "ok"
                cur.execute(
                    "INSERT OR REPLACE INTO stage_runs VALUES (?, ?, ?, ?, ?, ?)",
                    (doc.id, stage, version, status, failed.get(stage), _NOW()),
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def _has_doc(self, cur: sqlite3.Cursor, doc_id: str) -> bool:
        return cur.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def _insert_document(self, cur: sqlite3.Cursor, doc: Document) -> None:
        m = doc.meta
        cur.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?, ?,?,?,?,?,?,?,?, ?,?,?,?,?,?)",
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

    def _insert_records(
        self,
        cur: sqlite3.Cursor,
        table: str,
        doc_id: str,
        records: list[Any],
        stage: str,
        version: str,
    ) -> None:
        if not records:
            return
        columns = self._columns(table)
        rows = []
        for rec in records:
            data = dataclasses.asdict(rec)
            data.update(doc=doc_id, stage=stage, stage_version=version)
            if table == "mentions" and "sentence" not in data:
                data["sentence"] = -1
            rows.append(tuple(_sql_value(data.get(c)) for c in columns))
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        cur.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)

    def _columns(self, table: str) -> list[str]:
        cols = [r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        return [c for c in cols if c not in ("id", "cluster")]

    def add_rejection(self, source: str, reason: str, message: str) -> None:
        self.conn.execute(
            "INSERT INTO rejections (source, reason, message, at) VALUES (?,?,?,?)",
            (source, reason, message, _NOW()),
        )

    def load_actors(self, actors: Iterable[Any], version: str) -> None:
        """Load the knowledge base into the actors table when its version changed."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'kb_version'").fetchone()
        if row and row["value"] == version:
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("DELETE FROM actors WHERE origin = 'kb'")
            self.conn.executemany(
                "INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
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
                ],
            )
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('kb_version', ?)", (version,))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def set_clusters(self, table: str, assignment: dict[int, str]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(f"UPDATE {table} SET cluster = NULL")
            self.conn.executemany(
                f"UPDATE {table} SET cluster = ? WHERE id = ?",
                [(c, i) for i, c in assignment.items()],
            )
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    # -- reading ------------------------------------------------------------------------------
    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params))]

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        for r in self.conn.execute(sql, tuple(params)):
            yield dict(r)

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise StoreError(f"no table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


_TABLES = {
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


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


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
