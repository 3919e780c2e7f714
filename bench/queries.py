"""Query benchmark on synthetic events: the dyad timeline and full-text search at scale.

    .venv/bin/python bench/queries.py --db /tmp/synth.db --events 10000000 [--duckdb]

Generates the synthetic database first when ``--db`` does not exist (see
:mod:`detente.bench.synthetic`: every row is marked synthetic; never point this at a real
record), then times, each query run ``--repeat`` times (first run and median of the rest, in
milliseconds):

- the dyad timeline: events by month for a pair, both directions, with the Goldstein sum and
  mean and counts by quad class: as :func:`dyad_timeline` does it (per-day sums from the
  covering index ``events_dyad_time``, months summed in Python), in the naive one-statement
  form, and through the library's ``query.dyad.timeline`` (the same form, every event) and
  its whole dyad view ``query.dyad.dyad``;
- counts by quad class for the pair;
- full-text search (FTS5) over sentences: first 200 hits, and the 200 best ranked;
- every desk page and its JSON twin (``--pages``), rendered by the WSGI app with its answer
  cache bypassed: p50 and p99 of ``--page-repeat`` runs each, against the 300 ms target (the
  overviews, a pair's indices and an actor's timeline read the summary tables of
  :mod:`detente.store.summary`, which opening an older file here builds once: minutes on
  10^7 events); with ``--cold`` the operating system's page cache is dropped first (root
  only), so that the first runs read the file from disk, as a server's first answers after a
  start do;
- with ``--duckdb`` (``pip install duckdb``, not a detente dependency): the same timeline in
  DuckDB over a Parquet copy of the events table, written once under /tmp.

This measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

#: a large, a middling and a small dyad of the synthetic distribution
DYADS = (("USA", "CHN"), ("FRA", "IRN"), ("NPL", "CHL"))

#: the naive form: an OR of both directions makes SQLite collect row ids and read the table
NAIVE_TIMELINE_SQL = """
SELECT substr(date, 1, 7) AS month, count(*) AS events,
       round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 3) AS goldstein_mean,
       sum(quad_class = 1) AS q1, sum(quad_class = 2) AS q2,
       sum(quad_class = 3) AS q3, sum(quad_class = 4) AS q4
FROM events
WHERE (source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?)
GROUP BY month ORDER BY month
"""
#: one direction's days, read from the covering index alone, already in date order (no sort)
_DAYS = """
SELECT date, count(*), sum(goldstein), count(goldstein),
       sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4)
FROM events WHERE source_actor = ? AND target_actor = ? GROUP BY date
"""
TIMELINE_SQL = _DAYS + " UNION ALL " + _DAYS
TIMELINE_COLUMNS = ("events", "goldstein_sum", "scored", "q1", "q2", "q3", "q4")


def dyad_timeline(conn: Any, a: str, b: str) -> list[dict[str, Any]]:
    """Events by month for a pair, both directions: count, Goldstein sum and mean, quads.

    Days come from SQL, index only and unsorted; the months (prefixes of days) are summed
    here over a few thousand day rows.  Rolling up in SQL instead (an outer GROUP BY over the
    UNION ALL) measured 2-3 times slower: SQLite then materialises and sorts."""
    months: dict[str, list[float]] = {}
    for date, *values in conn.execute(TIMELINE_SQL, (a, b, b, a)):
        acc = months.setdefault((date or "")[:7], [0.0] * len(values))
        for i, v in enumerate(values):
            acc[i] += v or 0
    out = []
    for month in sorted(months):
        row: dict[str, Any] = dict(zip(TIMELINE_COLUMNS, months[month]))
        row["goldstein_mean"] = row["goldstein_sum"] / row["scored"] if row["scored"] else None
        out.append({"month": month, **row})
    return out


QUAD_SQL = """
SELECT quad_class, count(*) AS events FROM (
    SELECT quad_class FROM events WHERE source_actor = ? AND target_actor = ?
    UNION ALL
    SELECT quad_class FROM events WHERE source_actor = ? AND target_actor = ?)
GROUP BY quad_class
"""
SEARCH_SQL = """
SELECT s.doc, s.idx, snippet(sentences_fts, 0, '[', ']', '…', 12) AS snippet
FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid
WHERE sentences_fts MATCH ? LIMIT 200
"""
SEARCH_RANKED_SQL = SEARCH_SQL.replace("LIMIT 200", "ORDER BY rank LIMIT 200")


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """Wall time (first run, median of the rest) and the median CPU time of this process,
    which a machine shared with other jobs inflates far less than wall time."""
    times, cpu, rows = [], [], 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        rows = len(out) if hasattr(out, "__len__") else 0
    rest = times[1:] or times
    return {
        "first_ms": round(times[0], 1),
        "median_ms": round(statistics.median(rest), 1),
        "cpu_median_ms": round(statistics.median(cpu[1:] or cpu), 1),
        "rows": rows,
    }


def fetch(conn: Any, sql: str, params: Any) -> list[Any]:
    return list(conn.execute(sql, params).fetchall())


def sqlite_queries(db: str, repeat: int) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    out = []
    for a, b in DYADS:
        args = (a, b, b, a)
        n = conn.execute(QUAD_SQL.replace("quad_class, count(*)", "count(*), 0"), args)
        total = sum(r[0] for r in n)
        tl = timed(partial(dyad_timeline, conn, a, b), repeat)
        out.append({"query": "dyad_timeline", "dyad": f"{a}-{b}", "events": total, **tl})
        naive = timed(partial(fetch, conn, NAIVE_TIMELINE_SQL, args), repeat)
        out.append({"query": "dyad_timeline_naive_or", "dyad": f"{a}-{b}", **naive})
        quads = timed(partial(fetch, conn, QUAD_SQL, args), repeat)
        out.append({"query": "dyad_quads_sql", "dyad": f"{a}-{b}", **quads})
    for name, sql in (("dyad_timeline_plan", TIMELINE_SQL), ("naive_plan", NAIVE_TIMELINE_SQL)):
        plan = conn.execute("EXPLAIN QUERY PLAN " + sql, ("USA", "CHN", "CHN", "USA"))
        out.append({"query": name, "plan": [r[-1] for r in plan]})
    for words in ("sanctions", '"nuclear talks"', "visas AND tariffs"):
        hits = conn.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?", (words,)
        ).fetchone()[0]
        first = timed(partial(fetch, conn, SEARCH_SQL, (words,)), repeat)
        out.append({"query": "search_first_200", "match": words, "hits": hits, **first})
        ranked = timed(partial(fetch, conn, SEARCH_RANKED_SQL, (words,)), repeat)
        out.append({"query": "search_ranked_200", "match": words, **ranked})
    conn.close()
    return out


def library_queries(db: str, repeat: int) -> list[dict[str, Any]]:
    """The query layer the CLI and web call: the timeline counts every event of the pair (no
    row cap) in the form of :func:`dyad_timeline`, undated events placed at their article's
    publication date; the whole dyad view adds the rows the index cannot serve (distinct
    articles, PLOVER counts, the event list)."""
    try:
        from detente.query.common import Filters
        from detente.query.dyad import dyad, timeline
    except ImportError:
        return [{"query": "library_timeline", "skipped": "detente.query.dyad not available"}]
    from detente.store.sqlite import SQLiteStore

    store = SQLiteStore(db)
    out = []
    for a, b in DYADS:
        f = Filters(dyad=(a, b))
        lib = timed(partial(timeline, store, f, by="month"), repeat)
        out.append({"query": "library_timeline_month", "dyad": f"{a}-{b}", **lib})
        view = timed(partial(dyad, store, a, b, by="month"), max(2, repeat // 2))
        out.append({"query": "library_dyad_view_month", "dyad": f"{a}-{b}", **view})
    store.close()
    return out


#: the desk's pages: a large, a middling and a small pair, states large and small, lists
DESK_PAGES = (
    "/", "/dyad/USA/CHN", "/dyad/USA/CHN?by=month", "/dyad/FRA/IRN",
    "/dyad/NPL/CHL?per=articles", "/actor/FRA", "/actor/USA", "/actors", "/outlets",
    "/outlets?a=FRA&b=IRN", "/outlets?a=USA&b=CHN", "/outlet/synthetic?a=FRA&b=IRN",
    "/compare", "/search?q=sanctions",
)  # fmt: skip


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (p99 of 20 runs is the slowest one)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def desk_pages(db: str, repeat: int) -> list[dict[str, Any]]:
    """Each desk page and its JSON twin rendered ``repeat`` times by the web app, the answer
    cache bypassed (every run reads the database): status, bytes, p50 and p99 in ms of wall
    time and of this process's CPU time (which a loaded machine inflates far less)."""
    from wsgiref.util import setup_testing_defaults

    from detente.web import App

    app = App(db, max_limit=200)
    out = []
    for page in DESK_PAGES:
        path, _, qs = page.partition("?")
        for twin in (False, True):
            env: dict[str, Any] = {}
            setup_testing_defaults(env)
            json_path = (path.rstrip("/") or "/index") + ".json" if twin else path
            env.update(PATH_INFO=json_path, QUERY_STRING=qs, REQUEST_METHOD="GET")
            times, cpu, status, size = [], [], "", 0
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                status, _, body = app._render(env)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                size = len(body)
            out.append(
                {
                    "query": "desk_page",
                    "page": json_path + ("?" + qs if qs else ""),
                    "status": status[:3],
                    "bytes": size,
                    "p50_ms": round(_percentile(times, 0.5), 1),
                    "p99_ms": round(_percentile(times, 0.99), 1),
                    "cpu_p50_ms": round(_percentile(cpu, 0.5), 1),
                    "cpu_p99_ms": round(_percentile(cpu, 0.99), 1),
                    "under_300ms": _percentile(times, 0.99) < 300,
                }
            )
            print(json.dumps(out[-1]), file=sys.stderr, flush=True)
    return out


def duckdb_queries(db: str, repeat: int) -> list[dict[str, Any]]:
    try:
        import duckdb
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return [{"query": "duckdb", "skipped": "pip install duckdb pyarrow"}]
    parquet = Path(db).with_suffix(".events.parquet")
    t0 = time.perf_counter()
    if not parquet.exists():
        conn = sqlite3.connect(db)
        cols = ["source_actor", "target_actor", "date", "goldstein", "quad_class"]
        cur = conn.execute(f"SELECT {', '.join(cols)} FROM events ORDER BY source_actor")
        writer = None
        while batch := cur.fetchmany(500_000):
            table = pa.table({c: [r[i] for r in batch] for i, c in enumerate(cols)})
            writer = writer or pq.ParquetWriter(str(parquet), table.schema)
            writer.write_table(table, row_group_size=250_000)
        if writer:
            writer.close()
        conn.close()
    export_s = time.perf_counter() - t0
    con = duckdb.connect()
    out: list[dict[str, Any]] = [{"query": "duckdb_parquet_export", "seconds": round(export_s, 1)}]
    for a, b in DYADS:
        q = NAIVE_TIMELINE_SQL.replace("FROM events", f"FROM read_parquet('{parquet}')")
        q = q.replace("sum(quad_class = ", "count_if(quad_class = ")
        duck = timed(partial(fetch, con, q, [a, b, b, a]), repeat)
        out.append({"query": "dyad_timeline_duckdb", "dyad": f"{a}-{b}", **duck})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/detente-synth.db")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--duckdb", action="store_true")
    parser.add_argument("--pages", action="store_true", help="time the desk's pages only")
    parser.add_argument("--page-repeat", type=int, default=20)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="drop the operating system's page cache first (root only): a server's first"
        " answers after a start, the database's pages on disk",
    )
    args = parser.parse_args()
    if not Path(args.db).exists():
        from detente.bench.synthetic import generate

        print(json.dumps({"generated": generate(args.db, args.events)}), flush=True)
    else:
        from detente.store.sqlite import SQLiteStore

        SQLiteStore(args.db).close()  # bring an older synthetic file up to the current schema
    from detente.bench.synthetic import is_synthetic

    if not is_synthetic(args.db):
        sys.exit(f"{args.db} is not a synthetic database: refusing to benchmark a real record")
    conn = sqlite3.connect(args.db)
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    load = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps({"db": args.db, "events": events, "load_avg": load}), flush=True)
    if args.cold:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    if args.pages:
        results = desk_pages(args.db, args.page_repeat)
    else:
        results = sqlite_queries(args.db, args.repeat) + library_queries(args.db, args.repeat)
    if args.duckdb:
        results += duckdb_queries(args.db, args.repeat)
    for r in results:
        print(json.dumps(r, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
