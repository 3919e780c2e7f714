"""Synthetic rows in bulk, for load tests: the SQL behind :mod:`detente.bench.synthetic`.

SQLite only: a load-test file is a scratch SQLite database, filled far faster than the
store's writer could (journal off, indexes dropped and built once, the events drawn inside
SQLite by a recursive CTE).  What the rows say (states, CAMEO codes, sentence text) is the
generator's business; this module only writes them, into the real schema, and refuses a file
that holds real documents.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.errors import StoreError
from detente.store.base import DOC_COLUMNS, SENTENCE_COLUMNS
from detente.store.summary import rebuild as rebuild_summaries

__all__ = ["MARK", "Plan", "fill_synthetic", "is_synthetic"]

#: what every synthetic row is marked with (format, outlet, stage, rule; meta ``synthetic``)
MARK = "synthetic"

_Row = tuple[object, ...]


@dataclass(frozen=True)
class Plan:
    """What the events are drawn from: weighted states, CAMEO codes with their codebook
    values, and where they fall (``per_doc`` events a document of ``sentences`` sentences,
    dated from ``first_day`` over ``days`` days)."""

    #: (ISO alpha-3, name, weight)
    states: list[tuple[str, str, int]]
    #: (CAMEO code, PLOVER type, Goldstein score, quad class, trigger verb)
    codes: list[tuple[str, str | None, float | None, int, str]]
    events: int
    docs: int
    per_doc: int
    sentences: int
    first_day: str
    days: int


def _lookup_tables(conn: sqlite3.Connection, plan: Plan) -> None:
    """Weighted pick tables: a uniform random slot gives a skewed actor / code."""
    conn.execute("CREATE TEMP TABLE pick_state (slot INTEGER PRIMARY KEY, code TEXT, name TEXT)")
    slot = 0
    for code, name, weight in plan.states:
        for _ in range(weight):
            conn.execute("INSERT INTO pick_state VALUES (?,?,?)", (slot, code, name))
            slot += 1
    conn.execute(
        "CREATE TEMP TABLE pick_code (slot INTEGER PRIMARY KEY, cameo TEXT, plover TEXT,"
        " goldstein REAL, quad INTEGER, verb TEXT)"
    )
    for i, entry in enumerate(plan.codes):
        conn.execute("INSERT INTO pick_code VALUES (?,?,?,?,?,?)", (i, *entry))


# r is MATERIALIZED so each random() is drawn once per event: a plain CTE is re-evaluated at
# each use, and an event would point at one sentence and carry another's offsets
_EVENTS_SQL = """
WITH RECURSIVE n(i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :last),
r AS MATERIALIZED (SELECT i, abs(random()) % :states AS s, abs(random()) % :states AS t,
             abs(random()) % :codes AS c, abs(random()) % :sentences AS k,
             abs(random()) % 4 AS lag, abs(random()) % 20 AS m FROM n)
INSERT INTO events (doc, sentence, start, "end", trigger, source_actor, target_actor,
                    source_name, target_name, plover, cameo, goldstein, quad_class, modality,
                    date, date_precision, rule, stage, stage_version)
SELECT printf('synth-%010d', r.i / :per_doc), r.k, se.start, se."end", pc.verb,
       ps.code, CASE WHEN pt.code = ps.code THEN NULL ELSE pt.code END,
       ps.name, CASE WHEN pt.code = ps.code THEN NULL ELSE pt.name END,
       pc.plover, pc.cameo, pc.goldstein, pc.quad,
       CASE WHEN r.m = 0 THEN 'negated' WHEN r.m = 1 THEN 'future' ELSE 'asserted' END,
       date(:first_day, '+' || ((r.i / :per_doc) * :days / :docs + r.lag) || ' days'), 'day',
       'synthetic', 'synthetic', 'synth-1'
FROM r
JOIN pick_state ps ON ps.slot = r.s
JOIN pick_state pt ON pt.slot = r.t
JOIN pick_code pc ON pc.slot = r.c
JOIN sentences se ON se.doc = printf('synth-%010d', r.i / :per_doc) AND se.idx = r.k
"""


def fill_synthetic(
    path: str | Path, documents: Iterable[tuple[_Row, list[_Row]]], plan: Plan, chunk: int
) -> dict[str, float]:
    """Write the documents (each a documents row and its sentences rows, in the store's
    column order) and ``plan.events`` events drawn over them into a new SQLite file.

    Refuses a database that already holds real (non-synthetic) documents, or any rows.
    Returns the seconds spent on documents, events and in all.
    """
    from detente.store.sqlite import SQLiteStore

    SQLiteStore(path).close()  # create and migrate: the real schema
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        real = conn.execute("SELECT count(*) FROM documents WHERE format != ?", (MARK,)).fetchone()
        if real[0]:
            raise StoreError(f"{path} holds {real[0]} real documents: synthetic rows go elsewhere")
        if conn.execute("SELECT count(*) FROM documents").fetchone()[0]:
            raise StoreError(f"{path} already holds synthetic rows: use a new file")
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1000000")
        conn.execute("PRAGMA temp_store=MEMORY")
        return _fill(conn, documents, plan, chunk)
    finally:
        conn.close()


def _fill(
    conn: sqlite3.Connection, documents: Iterable[tuple[_Row, list[_Row]]], plan: Plan, chunk: int
) -> dict[str, float]:
    t0 = time.perf_counter()
    doc_sql = f"INSERT INTO documents VALUES ({','.join('?' * len(DOC_COLUMNS))})"
    sentence_sql = f"INSERT INTO sentences VALUES ({','.join('?' * len(SENTENCE_COLUMNS))})"
    conn.execute("BEGIN")
    for row, sentences in documents:
        conn.execute(doc_sql, row)
        conn.executemany(sentence_sql, sentences)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('synthetic', '1')")
    conn.execute("COMMIT")
    t_docs = time.perf_counter() - t0
    # indexes are cheaper built once over the full table than kept up row by row
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    _lookup_tables(conn, plan)
    params = {"states": sum(w for _, _, w in plan.states), "codes": len(plan.codes),
              "per_doc": plan.per_doc, "sentences": plan.sentences, "days": plan.days,
              "docs": plan.docs, "first_day": plan.first_day}  # fmt: skip
    for first in range(0, plan.events, chunk):
        conn.execute("BEGIN")
        last = min(plan.events, first + chunk)
        conn.execute(_EVENTS_SQL, {**params, "first": first, "last": last})
        conn.execute("COMMIT")
    t_events = time.perf_counter() - t0 - t_docs
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("BEGIN")
    rebuild_summaries(conn, "sqlite")  # the rows went around the store's writer
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    return {
        "seconds_documents": round(t_docs, 1),
        "seconds_events": round(t_events, 1),
        "seconds_total": round(time.perf_counter() - t0, 1),
    }


def is_synthetic(path: str | Path) -> bool:
    """Whether a SQLite file was filled by :func:`fill_synthetic` (its meta says so)."""
    conn = sqlite3.connect(str(path))
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None
