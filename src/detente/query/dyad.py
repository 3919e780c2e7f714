"""The country-pair view: how two actors' relationship moves over time, and who says what.

Events are placed in time by their own date; an event whose date is unknown is placed at its
article's publication date and counted in ``reported`` so the reader sees which points rest
on the report rather than on a stated date.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from detente.query.common import Filters, QueryError, Store, clamp, code, period_of
from detente.query.records import WHEN_SQL, event_rows, event_where, group_events

__all__ = ["dyad", "dyads", "timeline"]

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
        return row["date"], False
    return row.get("published"), True


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


#: the aggregates every timeline row and summary carries (portable SQL)
_AGGREGATES = """count(*) AS events,
    sum(CASE WHEN e.date IS NULL THEN 1 ELSE 0 END) AS reported,
    sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean,
    sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END) AS cooperation,
    sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END) AS conflict"""


def _tidy(row: dict[str, Any]) -> dict[str, Any]:
    """Aggregates as plain numbers: sums of nothing are 0, means of nothing None."""
    for key in ("events", "reported", "cooperation", "conflict"):
        row[key] = int(row.get(key) or 0)
    row["goldstein_sum"] = round(float(row.get("goldstein_sum") or 0), 2)
    mean = row.get("goldstein_mean")
    row["goldstein_mean"] = None if mean is None else round(float(mean), 2)
    return row


def timeline(
    store: Store, filters: Filters | None = None, by: str = "year"
) -> list[dict[str, Any]]:
    """Events per year or month: count, Goldstein sum and mean, cooperation vs conflict.

    Aggregated in the database, so every matching event counts however many there are.
    Events dated less precisely than the period (a year, by month) or not at all are
    counted in a last row with ``period`` None.
    """
    if by not in ("year", "month"):
        raise QueryError("timeline is by year or by month")
    f = (filters or Filters()).checked()
    width = 4 if by == "year" else 7  # a literal from this whitelist, never user input
    period_sql = f"substr({WHEN_SQL}, 1, {width})"
    cond, params = event_where(f)
    rows = store.rows(
        f"""SELECT {period_sql} AS period, {_AGGREGATES}
            FROM events e JOIN documents d ON d.id = e.doc{cond}
            GROUP BY {period_sql}""",
        params,
    )
    buckets = {r["period"]: _tidy(r) for r in rows if r["period"] and len(r["period"]) == width}
    undated = sum(int(r["events"]) for r in rows if not r["period"] or len(r["period"]) != width)
    out: list[dict[str, Any]] = []
    if buckets:
        keys = sorted(buckets)
        first = min(_ym(keys[0], end=False), _ym(f.since or keys[0], end=False))
        last = max(_ym(keys[-1], end=True), _ym(f.until or keys[-1], end=True))
        empty = {
            "events": 0,
            "reported": 0,
            "goldstein_sum": 0.0,
            "goldstein_mean": None,
            "cooperation": 0,
            "conflict": 0,
        }
        out = [{**buckets.get(p, empty), "period": p} for p in _periods(first, last, by)]
    if undated:
        out.append({"period": None, "events": undated, "note": f"not dated to the {by}"})
    return out


def _summary(store: Store, a: str, b: str, f: Filters) -> dict[str, Any]:
    cond, params = event_where(f)
    row = store.rows(
        f"""SELECT {_AGGREGATES}, count(DISTINCT e.doc) AS articles,
                   count(DISTINCT coalesce(e.cluster, 'e' || e.id)) AS clusters,
                   sum(CASE WHEN e.source_actor = ? THEN 1 ELSE 0 END) AS a_to_b
            FROM events e JOIN documents d ON d.id = e.doc{cond}""",
        [a, *params],
    )[0]
    out = _tidy(row)
    out["articles"], out["clusters"] = int(row["articles"] or 0), int(row["clusters"] or 0)
    out["a_to_b"] = int(row["a_to_b"] or 0)
    out["b_to_a"] = out["events"] - out["a_to_b"]
    return out


def _counts(store: Store, f: Filters, column: str) -> list[dict[str, Any]]:
    if column not in ("quad_class", "plover"):
        raise QueryError(f"cannot count by {column!r}")
    cond, params = event_where(f)
    out = store.rows(
        f"""SELECT e.{column} AS {column}, count(*) AS events
            FROM events e JOIN documents d ON d.id = e.doc{cond}
            GROUP BY e.{column} ORDER BY events DESC, {column}""",
        params,
    )
    if column == "quad_class":
        for r in out:
            r["label"] = QUADS.get(r[column] or 0, "unknown")
    return out


def _figures(store: Store, a: str, b: str, limit: int) -> list[dict[str, Any]]:
    """Figures stated in a sentence that mentions either party, as series by subject."""
    rows = store.rows(
        """SELECT f.id, f.subject, f.value, f.unit, f.year, f.said_by, f.text, f.cluster,
                  f.doc, f.start, f."end", d.outlet, d.source, d.published
           FROM figures f JOIN documents d ON d.id = f.doc
           WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.doc = f.doc AND m.sentence = f.sentence
                         AND (m.state IN (?, ?) OR m.actor IN (?, ?)))
           ORDER BY f.subject IS NULL, f.subject, f.year IS NULL, f.year, f.id LIMIT ?""",
        [a, b, a, b, limit],
    )
    series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        series[f"{r['subject'] or '(no subject)'} [{r['unit'] or '-'}]"].append(r)
    return [{"series": k, "points": v} for k, v in series.items()]


def _quotes(store: Store, a: str, b: str, limit: int) -> list[dict[str, Any]]:
    """Quotes by speakers acting for either party, in articles that mention the other."""
    rows = store.rows(
        """SELECT q.id, q.doc, q.text, q.direct, q.speaker, q.speaker_text, q.speaker_actor,
                  q.cluster, q.start, q."end", coalesce(q.date, d.published) AS date,
                  d.outlet, d.source
           FROM quotes q JOIN documents d ON d.id = q.doc
           WHERE q.speaker_actor IN (?, ?) AND EXISTS (
                 SELECT 1 FROM mentions m WHERE m.doc = q.doc
                 AND (m.state = CASE WHEN q.speaker_actor = ? THEN ? ELSE ? END))
           ORDER BY q.speaker, date, q.id LIMIT ?""",
        [a, b, a, b, a, limit],
    )
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_speaker[r["speaker"] or r["speaker_text"] or "(unknown)"].append(r)
    out = [
        {"speaker": k, "actor": v[0]["speaker_actor"], "quotes": v} for k, v in by_speaker.items()
    ]
    out.sort(key=lambda s: -len(s["quotes"]))
    return out


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
) -> dict[str, Any]:
    """Everything about one pair: timeline, counts by quad class and PLOVER, events, figures,
    quotes by speaker.  Both directions (A→B and B→A) count."""
    a, b = code(a), code(b)
    f = Filters(dyad=(a, b), since=since, until=until).checked()
    singles = event_rows(store, f, 20 * clamp(limit))
    names = {
        r["id"]: r["name"]
        for r in store.rows("SELECT id, name FROM actors WHERE id IN (?, ?)", [a, b])
    }
    return {
        "dyad": [a, b],
        "by": by,
        "since": since,
        "until": until,
        "summary": _summary(store, a, b, f),
        "names": {a: names.get(a), b: names.get(b)},
        "timeline": timeline(store, f, by),
        "by_quad": _counts(store, f, "quad_class"),
        "by_plover": _counts(store, f, "plover"),
        "events": _placed(group_events(singles)[: clamp(limit)], by),
        "figures": _figures(store, a, b, clamp(limit)),
        "quotes": _quotes(store, a, b, clamp(limit)),
    }


def dyads(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Pairs with the most events, both directions together (A < B).

    Counted from the pair index alone (no table reads), so it stays fast on a large record;
    directions fold in Python.
    """
    pairs: dict[tuple[str, str], int] = {}
    for r in store.rows(
        """SELECT source_actor AS a, target_actor AS b, count(*) AS events
           FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
           GROUP BY source_actor, target_actor"""
    ):
        if r["a"] != r["b"]:
            key = (min(r["a"], r["b"]), max(r["a"], r["b"]))
            pairs[key] = pairs.get(key, 0) + int(r["events"])
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[: clamp(limit)]
    return [{"a": a, "b": b, "events": n} for (a, b), n in ranked]
