"""The country-pair view: how two actors' relationship moves over time, and who says what.

Events are placed in time by their own date; an event dated by its report (``date_basis``
``reported``) or not at all is placed at its article's publication date and counted in
``reported``, so the reader sees which points rest on the report rather than on a stated date.
A dyad view counts the sectors of :data:`DEFAULT_SECTORS` (government, military, elites,
legislature, courts, international bodies) unless asked for others or all.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from detente.query import sums
from detente.query.common import (
    DEFAULT_SECTORS,
    Filters,
    QueryError,
    Store,
    clamp,
    code,
    period_of,
    sectors_of,
    where,
)
from detente.query.indices import AGGREGATES_SQL, Index, index_of
from detente.query.paging import paged
from detente.query.records import CLUSTER_KEY, WHEN_SQL, clustered_arms, event_page, event_where

__all__ = ["DAY_SQL", "dyad", "dyads", "timeline", "timeline_of"]

#: quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _when(row: dict[str, Any]) -> tuple[str | None, bool]:
    """(date used for placing the event, whether it is the publication date)."""
    if row.get("date"):
        return row["date"], row.get("date_basis") == "reported"
    return row.get("published"), True


def _viewed(f: Filters) -> Filters:
    """The filters of a dyad view: the default sectors unless others (or all) were asked."""
    return f if f.sectors is not None else dataclasses.replace(f, sectors=DEFAULT_SECTORS)


def _ym(value: str, end: bool) -> tuple[int, int]:
    month = int(value[5:7]) if len(value) >= 7 else (12 if end else 1)
    return int(value[:4]), month


def _periods(first: tuple[int, int], last: tuple[int, int], by: str) -> list[str]:
    """Every year or month from first to last, so the time axis has no silent gaps."""
    y, m = first
    if by == "year":
        return [f"{year:04d}" for year in range(y, min(last[0], y + 500) + 1)]
    out: list[str] = []
    while (y, m) <= last and len(out) < 6000:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


#: per-day sums by modality and index class, from which periods are added up in Python
#: (:mod:`detente.query.indices`: a mean is carried as its count, sum and sum of squares)
_DAY_AGGREGATES = AGGREGATES_SQL.format(e="e")
#: the columns of a per-day row after its ``day``, and what to group by after the day
DAY_SQL = f"e.modality AS modality, {_DAY_AGGREGATES}"
DAY_GROUP = "e.modality"


def _direction(f: Filters, a: str, b: str, forward: int, key: str) -> tuple[str, list[Any]]:
    """One direction's events (a→b) grouped by day (``key`` "day") or by quad class.

    Dated events are read from the covering index ``events_dyad_time`` alone, in index
    order (no table reads); undated ones sit at their article's publication date, so they
    go through the documents (few, and found by the same index).  ``forward`` (1 or 0, a
    literal) marks the direction in the rows.
    """
    sector, sector_params = f.sector_clauses("e")
    dated, dated_params = f.date_clauses("e.date")
    undated, undated_params = f.date_clauses("d.published")
    dated, undated = sector + dated, sector + undated
    dated_params, undated_params = sector_params + dated_params, sector_params + undated_params
    if key == "day":
        cols = DAY_SQL
        dated_key, undated_key = "e.date", "d.published"
        more = f", {DAY_GROUP}"
    else:
        cols, dated_key, undated_key = "count(*) AS events", "e.quad_class", "e.quad_class"
        more = ""
    sql = f"""SELECT {dated_key} AS {key}, {forward:d} AS forward, {cols} FROM events e
        WHERE e.source_actor = ? AND e.target_actor = ? AND e.date IS NOT NULL
        {"".join(" AND " + c for c in dated)} GROUP BY {dated_key}{more}
        UNION ALL
        SELECT {undated_key} AS {key}, {forward:d} AS forward, {cols} FROM events e
        JOIN documents d ON d.id = e.doc
        WHERE e.source_actor = ? AND e.target_actor = ? AND e.date IS NULL
        {"".join(" AND " + c for c in undated)} GROUP BY {undated_key}{more}"""
    return sql, [a, b, *dated_params, a, b, *undated_params]


def _and(clauses: list[str]) -> str:
    return "".join(" AND " + c for c in clauses)


def _pair_only(f: Filters) -> bool:
    """Whether the filters are a pair and at most a date range (what the fast form reads)."""
    return bool(f.dyad) and not (f.actor or f.outlet or f.plover or f.modality)


def _pair_rows(store: Store, f: Filters, key: str) -> list[dict[str, Any]]:
    """Both directions of the pair: by month from the summary table when it holds the
    filters (:mod:`detente.query.sums`), else from the events, one ``GROUP BY`` each joined
    by ``UNION ALL``: the OR of both directions in one statement makes the database look up
    every event row instead (10-30 times slower on 10^7 events, bench/queries.py)."""
    assert f.dyad is not None
    a, b = f.dyad
    where = sums.scope(f) if key == "day" else None
    if where is not None:
        return sums.pair_days(store, a, b, where)
    sql, params = _direction(f, a, b, 1, key)
    if a != b:  # a pair with itself has one direction, which must count once
        back, back_params = _direction(f, b, a, 0, key)
        sql, params = f"{sql} UNION ALL {back}", params + back_params
    return store.rows(sql, params)


def _days(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Events per day (the date that places them in time) with their sums: a pair (with a
    date range at most) from the index, any other filter through the general WHERE."""
    if _pair_only(f):
        return _pair_rows(store, f, "day")
    where = (
        sums.scope(f) if f.actor and not (f.dyad or f.outlet or f.plover or f.modality) else None
    )
    if f.actor and where is not None:
        return sums.actor_days(store, f.actor, where)
    cond, params = event_where(f)
    return store.rows(
        f"""SELECT {WHEN_SQL} AS day, {DAY_SQL}
            FROM events e JOIN documents d ON d.id = e.doc{cond}
            GROUP BY {WHEN_SQL}, {DAY_GROUP}""",
        params,
    )


def _total(days: list[dict[str, Any]], articles: int | None = None) -> dict[str, Any]:
    """The index of some per-day rows (:func:`detente.query.indices.index_of`): the Goldstein
    sums are added with ``math.fsum``, so a period's mean does not depend on the order of
    addition (a single SQL ``sum``, naive in SQLite before 3.44, can differ in the last bits,
    which shows when a mean sits on a rounding edge)."""
    return index_of(days, articles)


def _rollup(
    days: list[dict[str, Any]], width: int, articles: dict[str, int] | None = None
) -> tuple[dict[str, dict[str, Any]], int]:
    """Days summed into periods (their first ``width`` characters), each period's index per
    100 of its ``articles`` when given, and the count of events dated less precisely than a
    period or not at all."""
    periods: dict[str, list[dict[str, Any]]] = defaultdict(list)
    undated = 0
    for r in days:
        period = (r["day"] or "")[:width]
        if len(period) == width:
            periods[period].append(r)
        else:
            undated += int(r["events"] or 0)
    if articles is not None:
        for period in articles:
            periods.setdefault(period, [])
    return {
        p: _total(rows, None if articles is None else articles.get(p, 0))
        for p, rows in periods.items()
    }, undated


def _articles(store: Store, a: str, b: str, width: int) -> dict[str, int]:
    """Articles mentioning both sides (as actor or as state) per period of their
    publication: the news volume an index per 100 articles is divided by."""
    side = "SELECT doc FROM mentions WHERE actor = ? UNION SELECT doc FROM mentions WHERE state = ?"
    out: dict[str, int] = defaultdict(int)
    for r in store.rows(
        f"""SELECT d.published AS day, count(*) AS n FROM documents d
            WHERE d.id IN ({side}) AND d.id IN ({side}) GROUP BY d.published""",
        [a, a, b, b],
    ):
        if r["day"] and len(r["day"]) >= width:
            out[r["day"][:width]] += int(r["n"])
    return dict(out)


def timeline(
    store: Store, filters: Filters | None = None, by: str = "year"
) -> list[dict[str, Any]]:
    """Events per year or month: count, Goldstein sum and mean, cooperation vs conflict.

    Aggregated in the database to one row per day, so every matching event counts however
    many there are; the few thousand days are added up into periods here.  Events dated
    less precisely than the period (a year, by month) or not at all are counted in a last
    row with ``period`` None.
    """
    if by not in ("year", "month"):
        raise QueryError("timeline is by year or by month")
    f = _viewed((filters or Filters()).checked())
    return _timeline(_days(store, f), f, by)


def timeline_of(days: list[dict[str, Any]], by: str = "year") -> list[dict[str, Any]]:
    """The timeline of per-day rows a caller selected itself (``SELECT {WHEN} AS day,``
    :data:`DAY_SQL` ``... GROUP BY {WHEN},`` :data:`DAY_GROUP`): the actor view's own events."""
    return _timeline(days, Filters(), by)


def _timeline(
    days: list[dict[str, Any]], f: Filters, by: str, articles: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """The timeline rows from the per-day sums: every period from first to last, then the
    events not dated to the period; per 100 ``articles`` of each period when given."""
    buckets, undated = _rollup(days, 4 if by == "year" else 7, articles)
    out: list[dict[str, Any]] = []
    if buckets:
        keys = sorted(buckets)
        first = min(_ym(keys[0], end=False), _ym(f.since or keys[0], end=False))
        last = max(_ym(keys[-1], end=True), _ym(f.until or keys[-1], end=True))
        empty = Index().as_row(None if articles is None else 0)
        out = [{**buckets.get(p, empty), "period": p} for p in _periods(first, last, by)]
    if undated:
        out.append({"period": None, "events": undated, "note": f"not dated to the {by}"})
    return out


def _event_source(f: Filters) -> tuple[str, list[Any]]:
    """FROM and WHERE for the filters, joining the documents only when a filter reads them:
    every event has its document (a foreign key), and the join costs a look-up per event
    (a quarter of the time of the pair's distinct articles on 10^7 events)."""
    if f.since or f.until or f.outlet:
        cond, params = event_where(f)
        return f"events e JOIN documents d ON d.id = e.doc{cond}", params
    clauses, params = f.checked().event_clauses()
    return f"events e{where(clauses)}", params


def _summary(
    days: list[dict[str, Any]], distinct: tuple[int, int], volume: int | None = None
) -> dict[str, Any]:
    """The pair's totals: sums from the per-day (or per-month) rows, then the distinct
    articles and clusters (:func:`_distinct`), which only the event rows hold."""
    out = _total(days, volume)
    a_to_b = sum(int(r["events"] or 0) for r in days if r["forward"])
    out["articles"], out["clusters"] = distinct
    out["a_to_b"] = a_to_b
    out["b_to_a"] = out["events"] - a_to_b
    return out


def _distinct(store: Store, f: Filters, events: int) -> tuple[int, int]:
    """The pair's distinct articles and groups (clusters and single events) among its
    ``events`` in scope: without a date range, the articles read from each direction's
    covering index ``events_pair_doc`` in article order and merged (a ``UNION`` ordered by
    article: no temporary B-tree of every event's article; the OR of both directions reads
    the event rows), the groups as the events less the clustered ones plus their clusters
    (from the partial index of clustered events); with one, through the documents (undated
    events sit at their article's publication)."""
    assert f.dyad is not None
    a, b = f.dyad
    if not (f.since or f.until or f.outlet or f.plover or f.modality or f.actor):
        clauses, params = f.sector_clauses("e")
        more = _and(clauses)
        pairs = [(a, b)] if a == b else [(a, b), (b, a)]
        arm = "SELECT e.doc FROM events e WHERE e.source_actor = ? AND e.target_actor = ?" + more
        docs = (
            f"SELECT count(DISTINCT doc) AS n FROM ({arm}) u"
            if a == b
            else f"SELECT count(*) AS n FROM ({arm} UNION {arm} ORDER BY 1) u"
        )
        row = store.rows(docs, [x for p in pairs for x in (*p, *params)])[0]
        arms, args = clustered_arms(pairs, more, params, "e.cluster")
        merged = store.rows(
            f"SELECT count(*) AS n, count(DISTINCT cluster) AS c FROM ({arms}) u", args
        )[0]
        groups = events - int(merged["n"] or 0) + int(merged["c"] or 0)
        return int(row["n"] or 0), groups
    source, params = _event_source(f)
    row = store.rows(
        f"""SELECT count(DISTINCT e.doc) AS articles,
                   count(DISTINCT {CLUSTER_KEY}) AS clusters
            FROM {source}""",
        params,
    )[0]
    return int(row["articles"] or 0), int(row["clusters"] or 0)


def _quads(store: Store, f: Filters) -> list[dict[str, Any]]:
    """Events by quad class, from the index alone, in the order ``_counts`` gives: most
    first, ties by class with an unknown class where the database sorts NULL."""
    assert f.dyad is not None
    counts: dict[int | None, int] = defaultdict(int)
    where = sums.scope(f, dated=False)
    if where is not None:
        counts.update(sums.pair_counts(store, *f.dyad, "quad_class", where))
    else:
        for r in _pair_rows(store, f, "quad_class"):
            counts[r["quad_class"]] += int(r["events"] or 0)
    nulls_first = getattr(store, "nulls_first", True)  # where the store sorts NULL

    def order(item: tuple[int | None, int]) -> tuple[int, bool, int]:
        quad, events = item
        return -events, (quad is None) != nulls_first, quad or 0

    return [
        {"quad_class": q, "events": n, "label": QUADS.get(q or 0, "unknown")}
        for q, n in sorted(counts.items(), key=order)
    ]


def _counts(store: Store, f: Filters, column: str) -> list[dict[str, Any]]:
    if column not in ("quad_class", "plover"):
        raise QueryError(f"cannot count by {column!r}")
    where = sums.scope(f, dated=False) if f.dyad and not (f.outlet or f.actor) else None
    if f.dyad and where is not None and not (f.plover or f.modality):
        nulls_first = getattr(store, "nulls_first", True)
        counted = sums.pair_counts(store, *f.dyad, column, where)
        ranked = sorted(
            counted.items(), key=lambda kv: (-kv[1], (kv[0] is None) != nulls_first, kv[0] or "")
        )
        out = [{column: k, "events": n} for k, n in ranked if n]
    else:
        source, params = _event_source(f)
        out = store.rows(
            f"""SELECT e.{column} AS {column}, count(*) AS events FROM {source}
                GROUP BY e.{column} ORDER BY events DESC, {column}""",
            params,
        )
    if column == "quad_class":
        for r in out:
            r["label"] = QUADS.get(r[column] or 0, "unknown")
    return out


def _figures(
    store: Store, a: str, b: str, limit: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Figures stated in a sentence that mentions either party, as series by subject, and the
    counts of the page they come from (how many figures there are in all).  The figures are
    read first (CROSS JOIN keeps SQLite's order), each finding its document by key: starting
    from the documents probes every one."""
    rows = paged(
        store,
        """SELECT f.id, f.subject, f.value, f.unit, f.year, f.said_by, f.text, f.cluster,
                  f.doc, f.start, f."end", d.outlet, d.source, d.published
           FROM figures f CROSS JOIN documents d
           WHERE d.id = f.doc
             AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc = f.doc AND m.sentence = f.sentence
                         AND (m.state IN (?, ?) OR m.actor IN (?, ?)))
           ORDER BY f.subject IS NULL, f.subject, f.year IS NULL, f.year, f.id""",
        [a, b, a, b],
        limit,
    )
    series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        series[f"{r['subject'] or '(no subject)'} [{r['unit'] or '-'}]"].append(r)
    return [{"series": k, "points": v} for k, v in series.items()], rows.meta()


def _quotes(
    store: Store, a: str, b: str, limit: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Quotes by speakers acting for either party, in articles that mention the other, and
    the counts of the page they come from."""
    rows = paged(
        store,
        """SELECT q.id, q.doc, q.text, q.direct, q.speaker, q.speaker_text, q.speaker_actor,
                  q.cluster, q.start, q."end", coalesce(q.date, d.published) AS date,
                  d.outlet, d.source
           FROM quotes q CROSS JOIN documents d
           WHERE d.id = q.doc AND q.speaker_actor IN (?, ?) AND EXISTS (
                 SELECT 1 FROM mentions m WHERE m.doc = q.doc
                 AND (m.state = CASE WHEN q.speaker_actor = ? THEN ? ELSE ? END))
           ORDER BY q.speaker, date, q.id""",
        [a, b, a, b, a],
        limit,
    )
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_speaker[r["speaker"] or r["speaker_text"] or "(unknown)"].append(r)
    out = [
        {"speaker": k, "actor": v[0]["speaker_actor"], "quotes": v} for k, v in by_speaker.items()
    ]
    out.sort(key=lambda s: -len(s["quotes"]))
    return out, rows.meta()


def _placed(events: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Each grouped event with the period it falls in (as the timeline places it)."""
    for e in events:
        when, reported = _when(e)
        e["period"], e["reported"] = period_of(when, by), reported
    return events


def dyad(
    store: Store,
    a: str,
    b: str,
    by: str = "year",
    since: str | None = None,
    until: str | None = None,
    limit: int = 200,
    sectors: str | tuple[str, ...] | None = None,
    min_confidence: float | None = None,
    offset: int = 0,
    per_articles: bool = False,
) -> dict[str, Any]:
    """Everything about one pair: timeline, counts by quad class and PLOVER, events, figures,
    quotes by speaker.  Both directions (A→B and B→A) count; ``sectors`` ("all", "GOV,MIL")
    widens or narrows the default sectors (:data:`DEFAULT_SECTORS`).  The events are a page
    (``limit`` from ``offset``); ``pages`` says how many there are in all.  The indices
    (summary and timeline) follow :mod:`detente.query.indices`; ``per_articles`` adds each
    period's asserted events per 100 articles mentioning both sides."""
    a, b = code(a), code(b)
    f = _viewed(
        Filters(
            dyad=(a, b), since=since, until=until, sectors=sectors_of(sectors),
            min_confidence=min_confidence,
        )
    )  # fmt: skip
    f = f.checked()
    days = _pair_rows(store, f, "day")  # one read for the summary and the timeline
    in_scope = sum(int(r["events"] or 0) for r in days)
    articles_clusters = _distinct(store, f, in_scope)
    events = event_page(store, f, limit, offset, total=articles_clusters[1])
    figures, figure_page = _figures(store, a, b, clamp(limit))
    quotes, quote_page = _quotes(store, a, b, clamp(limit))
    articles = _articles(store, a, b, 4 if by == "year" else 7) if per_articles else None
    if articles is not None and (f.since or f.until):
        lo, hi = f.since or "", f.until or "9999"
        articles = {p: n for p, n in articles.items() if lo[: len(p)] <= p <= hi[: len(p)]}
    names = {
        r["id"]: r["name"]
        for r in store.rows("SELECT id, name FROM actors WHERE id IN (?, ?)", [a, b])
    }
    return {
        "dyad": [a, b],
        "by": by,
        "since": since,
        "until": until,
        "summary": _summary(
            days, articles_clusters, None if articles is None else sum(articles.values())
        ),
        "per_articles": per_articles,
        "names": {a: names.get(a), b: names.get(b)},
        "timeline": _timeline(days, f, by, articles),
        "by_quad": _quads(store, f),
        "by_plover": _counts(store, f, "plover"),
        "events": _placed(events, by),
        "pages": {"events": events.meta(), "figures": figure_page, "quotes": quote_page},
        "figures": figures,
        "quotes": quotes,
    }


def dyads(
    store: Store,
    limit: int = 50,
    sectors: str | tuple[str, ...] | None = None,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Pairs with the most events, both directions together (A < B), in the default sectors
    unless others are asked.

    Counted from the pair index alone (no table reads), so it stays fast on a large record;
    directions fold in Python.
    """
    pairs: dict[tuple[str, str], int] = {}
    scope = _viewed(Filters(sectors=sectors_of(sectors), min_confidence=min_confidence))
    where = sums.scope(scope.checked())
    if where is not None:
        counted = sums.pairs(store, where)
    else:
        clauses, params = scope.sector_clauses("events")
        counted = store.rows(
            f"""SELECT source_actor AS a, target_actor AS b, count(*) AS events
               FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
               {"".join(" AND " + c for c in clauses)}
               GROUP BY source_actor, target_actor""",
            params,
        )
    for r in counted:
        if r["a"] != r["b"]:
            key = (min(r["a"], r["b"]), max(r["a"], r["b"]))
            pairs[key] = pairs.get(key, 0) + int(r["events"])
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[: clamp(limit)]
    return [{"a": a, "b": b, "events": n} for (a, b), n in ranked]
