"""Synthetic events for load tests: millions of rows in a real detente database.

Nothing here is news.  Every synthetic row is marked so it can never pass for a record:
documents have ``format = outlet = 'synthetic'``, a ``synthetic:`` source and a title saying so;
events, sentences and documents carry ``stage = 'synthetic'`` and ``rule = 'synthetic'``; the
``meta`` table holds ``synthetic = 1``.  Generate into a scratch file, never into a real record::

    python -m detente.synth --db /tmp/synth.db --events 10000000

The rows have the shape of the real ones (a document per 100 events, ten sentences a document,
every event tied to the offsets of a sentence of its document (whose text names topics for the
search benchmark, not the event's actors), real CAMEO codes with their PLOVER type,
Goldstein score and quad class) and a skewed actor distribution, so a few dyads are large, as
in real news, and the queries of :mod:`detente.query` meet realistic selectivity.  The bulk
of the work runs inside SQLite (a recursive CTE), so 10 million events take minutes, not hours;
SQLite's ``random()`` cannot be seeded, so only the documents repeat exactly for one seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from detente.errors import StoreError

__all__ = ["EVENTS_PER_DOC", "MARK", "generate"]

MARK = "synthetic"
EVENTS_PER_DOC = 100
SENTENCES_PER_DOC = 10
_FIRST_DAY = dt.date(2000, 1, 1)
_DAYS = 9131  # 2000-01-01 .. 2024-12-31

#: (ISO alpha-3, name, weight): a few states dominate the news, a long tail does not
_STATES = [
    ("USA", "United States", 160), ("CHN", "China", 120), ("RUS", "Russia", 110),
    ("UKR", "Ukraine", 60), ("GBR", "United Kingdom", 45), ("FRA", "France", 40),
    ("DEU", "Germany", 40), ("IRN", "Iran", 40), ("ISR", "Israel", 40), ("IND", "India", 35),
    ("JPN", "Japan", 30), ("PRK", "North Korea", 25), ("KOR", "South Korea", 25),
    ("TUR", "Turkey", 25), ("SAU", "Saudi Arabia", 20), ("PAK", "Pakistan", 20),
    ("SYR", "Syria", 20), ("BRA", "Brazil", 15), ("EGY", "Egypt", 15),
    ("ZAF", "South Africa", 10),
    ("POL", "Poland", 10), ("TWN", "Taiwan", 15), ("VNM", "Vietnam", 10),
    ("PHL", "Philippines", 10),
    ("AUS", "Australia", 10), ("CAN", "Canada", 10), ("MEX", "Mexico", 10), ("IDN", "Indonesia", 8),
    ("NGA", "Nigeria", 8), ("ETH", "Ethiopia", 6), ("KAZ", "Kazakhstan", 6), ("BLR", "Belarus", 6),
    ("SRB", "Serbia", 5), ("CUB", "Cuba", 5), ("VEN", "Venezuela", 5), ("AFG", "Afghanistan", 5),
    ("IRQ", "Iraq", 8), ("QAT", "Qatar", 5), ("ARE", "United Arab Emirates", 5),
    ("MNG", "Mongolia", 3), ("LKA", "Sri Lanka", 3), ("NPL", "Nepal", 3), ("CHL", "Chile", 3),
    ("ARG", "Argentina", 3), ("KEN", "Kenya", 3), ("ITA", "Italy", 12), ("ESP", "Spain", 8),
    ("NLD", "Netherlands", 5), ("SWE", "Sweden", 5), ("FIN", "Finland", 5),
]  # fmt: skip
#: CAMEO codes with the verb used in the synthetic sentence
_CODES = [
    ("010", "commented on"), ("020", "appealed to"), ("036", "offered to meet"),
    ("040", "consulted"), ("042", "visited"), ("043", "hosted"), ("051", "praised"),
    ("057", "signed an agreement with"), ("061", "cooperated economically with"),
    ("071", "provided economic aid to"), ("111", "criticised"), ("112", "accused"),
    ("120", "rejected"), ("130", "threatened"), ("138", "threatened military force against"),
    ("163", "imposed an embargo on"), ("172", "imposed sanctions on"), ("173", "arrested"),
    ("190", "fought"), ("195", "carried out air strikes on"),
]  # fmt: skip
_TOPICS = [
    "trade", "energy", "security", "sanctions", "the border", "nuclear talks", "climate",
    "military exercises", "grain exports", "human rights", "cyber attacks", "fishing rights",
    "a pipeline", "visas", "debt relief", "the election", "arms sales", "tariffs",
]  # fmt: skip


def _day(doc: int, docs: int) -> dt.date:
    return _FIRST_DAY + dt.timedelta(days=doc * _DAYS // max(docs, 1))


_Row = tuple[object, ...]


def _documents(docs: int, rng: random.Random) -> Iterator[tuple[_Row, list[_Row]]]:
    """(document row, its sentence rows), one document at a time."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for d in range(docs):
        doc_id = f"synth-{d:010d}"
        sentences: list[_Row] = []
        parts: list[str] = []
        pos = 0
        for i in range(SENTENCES_PER_DOC):
            # no actors named: the events tied to a sentence are drawn independently of it
            topics = " and ".join(rng.sample(_TOPICS, 2))
            text = f"Synthetic sentence {i} of load-test document {d}, on {topics}."
            sentences.append((doc_id, i, pos, pos + len(text), text, i, MARK, "synth-1"))
            parts.append(text)
            pos += len(text) + 1
        text = "\n".join(parts)
        paragraphs = json.dumps([[s[2], s[3]] for s in sentences])
        published = _day(d, docs).isoformat()
        row: _Row = (doc_id, f"synthetic:{d}", f"synthetic-{d}", MARK, None, MARK, None,
               f"Synthetic load-test document {d} (not news)", None, None, None,
               published, None, "en", text, paragraphs, MARK, "synth-1", now)  # fmt: skip
        yield row, sentences


def _lookup_tables(conn: sqlite3.Connection) -> None:
    """Weighted pick tables: a uniform random slot gives a skewed actor / code."""
    from detente.extract.ontology import cameo_info

    conn.execute("CREATE TEMP TABLE pick_state (slot INTEGER PRIMARY KEY, code TEXT, name TEXT)")
    slot = 0
    for code, name, weight in _STATES:
        for _ in range(weight):
            conn.execute("INSERT INTO pick_state VALUES (?,?,?)", (slot, code, name))
            slot += 1
    conn.execute(
        "CREATE TEMP TABLE pick_code (slot INTEGER PRIMARY KEY, cameo TEXT, plover TEXT,"
        " goldstein REAL, quad INTEGER, verb TEXT)"
    )
    for i, (code, verb) in enumerate(_CODES):
        info = cameo_info(code)
        if info is None:
            raise StoreError(f"synthetic CAMEO code {code} is not in the codebook")
        conn.execute(
            "INSERT INTO pick_code VALUES (?,?,?,?,?,?)",
            (i, code, info.plover, info.goldstein, info.quad_class, verb.split()[0]),
        )


# r is MATERIALIZED so each random() is drawn once per event: a plain CTE is re-evaluated at
# each use, and an event would point at one sentence and carry another's offsets
_EVENTS_SQL = """
WITH RECURSIVE n(i) AS (SELECT :first UNION ALL SELECT i + 1 FROM n WHERE i + 1 < :last),
r AS MATERIALIZED (SELECT i, abs(random()) % :states AS s, abs(random()) % :states AS t,
             abs(random()) % :codes AS c, abs(random()) % 10 AS k, abs(random()) % 4 AS lag,
             abs(random()) % 20 AS m FROM n)
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


def generate(
    path: str | Path,
    events: int,
    seed: int = 7,
    chunk: int = 500_000,
    per_doc: int = EVENTS_PER_DOC,
) -> dict[str, float]:
    """Write ``events`` synthetic events (and their documents and sentences) into ``path``,
    ``per_doc`` events a document (fewer than the default, news's few a document, gives a
    store of many documents for the merge's benchmark).

    Refuses a database that already holds real (non-synthetic) documents.
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
        return _fill(conn, events, seed, chunk, per_doc)
    finally:
        conn.close()


def _fill(
    conn: sqlite3.Connection, events: int, seed: int, chunk: int, per_doc: int
) -> dict[str, float]:
    t0 = time.perf_counter()
    docs = max(1, -(-events // per_doc))
    rng = random.Random(seed)
    conn.execute("BEGIN")
    for row, sentences in _documents(docs, rng):
        conn.execute(f"INSERT INTO documents VALUES ({','.join('?' * 19)})", row)
        conn.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?)", sentences)
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
    _lookup_tables(conn)
    params = {"states": sum(w for _, _, w in _STATES), "codes": len(_CODES),
              "per_doc": per_doc, "days": _DAYS, "docs": docs,
              "first_day": _FIRST_DAY.isoformat()}  # fmt: skip
    for first in range(0, events, chunk):
        conn.execute("BEGIN")
        conn.execute(_EVENTS_SQL, {**params, "first": first, "last": min(events, first + chunk)})
        conn.execute("COMMIT")
    t_events = time.perf_counter() - t0 - t_docs
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    return {
        "documents": docs,
        "sentences": docs * SENTENCES_PER_DOC,
        "events": events,
        "seconds_documents": round(t_docs, 1),
        "seconds_events": round(t_events, 1),
        "seconds_total": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write synthetic (load-test) events.")
    parser.add_argument("--db", required=True, help="a new SQLite file, e.g. /tmp/synth.db")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.db, args.events, args.seed)))


if __name__ == "__main__":
    main()
