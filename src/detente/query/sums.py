"""Reading the summary tables (:mod:`detente.store.summary`) in place of the events.

A view asks :func:`scope` first: the summaries answer only filters they hold (a pair or an
actor, sectors, a confidence threshold of whole tenths, dates to the month); for any other,
``scope`` says None and the view reads the events as before.  What a summary returns has the
shape of the per-day rows the views add up (``day``, ``modality`` and the sums of
:data:`~detente.store.summary.AGGREGATES_SQL`), so both paths end in the same arithmetic
(:mod:`detente.query.indices`) and give the same numbers (tests/test_desk.py compares them).
"""

from __future__ import annotations

from typing import Any

from detente.query.common import Filters, Store
from detente.store.summary import AGGREGATES

__all__ = [
    "actor_days",
    "by_outlet",
    "outlet_pairs",
    "pair_counts",
    "pair_days",
    "pair_events",
    "pairs",
    "partners",
    "scope",
    "total",
]

#: the summed columns as a SELECT list
_SUMS = ", ".join(f"sum({a}) AS {a}" for a in AGGREGATES)


def scope(f: Filters, dated: bool = True) -> tuple[list[str], list[Any]] | None:
    """Conditions on a summary's sector, band and period columns for the filters' sectors,
    confidence and dates; None when a summary cannot answer them (a threshold between
    tenths, a date finer than a month, or any date where ``dated`` is False: a summary with
    no period)."""
    clauses: list[str] = ["events <> 0"]  # a key whose events all went keeps its row
    params: list[Any] = []
    if f.min_confidence:
        tenths = round(f.min_confidence * 10)
        if abs(tenths - f.min_confidence * 10) > 1e-9:
            return None
        clauses.append("(band < 0 OR band >= ?)")  # -1: no confidence, which always counts
        params.append(tenths)
    if f.sectors:
        marks = ", ".join("?" * len(f.sectors))
        for side in ("source", "target"):
            clauses.append(f"({side}_sector = '' OR {side}_sector IN ({marks}))")
            params += f.sectors
    if f.since or f.until:
        if not dated or len(f.since or "") > 7 or len(f.until or "") > 7:
            return None
        if f.since:  # a month's prefix compares as every date in it does
            clauses.append("period >= ?")
            params.append(f.since)
        if f.until:
            clauses.append(f"period <> '' AND substr(period, 1, {len(f.until)}) <= ?")
            params.append(f.until)
    return clauses, params


def _and(clauses: list[str]) -> str:
    return "".join(" AND " + c for c in clauses)


def _days(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["day"] = r["day"] or None
    return rows


def pair_days(
    store: Store, a: str, b: str, where: tuple[list[str], list[Any]]
) -> list[dict[str, Any]]:
    """Both directions of a pair by month and modality (``forward`` 1 for a→b), as the
    dyad view's per-day rows."""
    clauses, params = where
    arm = f"""SELECT period AS day, {{forward}} AS forward, modality, {_SUMS}
        FROM sums_pair_month WHERE source_actor = ? AND target_actor = ?{_and(clauses)}
        GROUP BY period, modality"""
    sql, args = arm.format(forward=1), [a, b, *params]
    if a != b:  # a pair with itself has one direction, which must count once
        sql, args = f"{sql} UNION ALL {arm.format(forward=0)}", [*args, b, a, *params]
    return _days(store.rows(sql, args))


def actor_days(
    store: Store, actor: str, where: tuple[list[str], list[Any]]
) -> list[dict[str, Any]]:
    """An actor's events (as source or target) by month and modality."""
    clauses, params = where
    return _days(
        store.rows(
            f"""SELECT period AS day, modality, {_SUMS} FROM sums_actor_month
                WHERE actor = ?{_and(clauses)} GROUP BY period, modality""",
            [actor, *params],
        )
    )


def _both(a: str, b: str) -> tuple[str, list[Any]]:
    if a == b:
        return "source_actor = ? AND target_actor = ?", [a, a]
    return (
        "((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))",
        [a, b, b, a],
    )


def pair_counts(
    store: Store, a: str, b: str, column: str, where: tuple[list[str], list[Any]]
) -> dict[Any, int]:
    """A pair's events (both directions, every modality) by ``plover`` or ``quad_class``,
    the sentinel of a missing value read back as None."""
    if column not in ("plover", "quad_class"):
        raise ValueError(column)
    pair, pair_params = _both(a, b)
    clauses, params = where
    out: dict[Any, int] = {}
    for r in store.rows(
        f"""SELECT {column} AS k, sum(events) AS n FROM sums_pair_type
            WHERE {pair}{_and(clauses)} GROUP BY {column}""",
        [*pair_params, *params],
    ):
        key = None if r["k"] in ("", -1) else r["k"]
        out[key] = out.get(key, 0) + int(r["n"] or 0)
    return out


def pair_events(
    store: Store, a: str, b: str, where: tuple[list[str], list[Any]], outlet: str | None = None
) -> int:
    """A pair's events in scope (both directions, every modality), of one ``outlet`` when
    given (named in any case, as the outlet views match it)."""
    pair, pair_params = _both(a, b)
    clauses, params = where
    if outlet:
        clauses, params = [*clauses, "lower(outlet) = lower(?)"], [*params, outlet]
    row = store.rows(
        f"SELECT sum(events) AS n FROM sums_pair WHERE {pair}{_and(clauses)}",
        [*pair_params, *params],
    )[0]
    return int(row["n"] or 0)


def pairs(store: Store, where: tuple[list[str], list[Any]]) -> list[dict[str, Any]]:
    """Events per ordered pair of two different known actors (the overview's pairs)."""
    clauses, params = where
    return store.rows(
        f"""SELECT source_actor AS a, target_actor AS b, sum(events) AS events FROM sums_pair
            WHERE source_actor <> '' AND target_actor <> ''{_and(clauses)}
            GROUP BY source_actor, target_actor""",
        params,
    )


def partners(store: Store, actor: str) -> list[dict[str, Any]]:
    """An actor's events with each other actor, per direction (every event)."""
    return store.rows(
        """SELECT source_actor, target_actor, sum(events) AS events FROM sums_pair
           WHERE source_actor = ? AND events <> 0 GROUP BY source_actor, target_actor
           UNION ALL
           SELECT source_actor, target_actor, sum(events) AS events FROM sums_pair
           WHERE target_actor = ? AND source_actor <> ? AND events <> 0
           GROUP BY source_actor, target_actor""",
        [actor, actor, actor],
    )


def total(store: Store) -> int:
    """How many events the record holds (every event is in each summary once)."""
    row = store.rows("SELECT sum(events) AS n FROM sums_pair")[0]
    return int(row["n"] or 0)


def by_outlet(
    store: Store, where: tuple[list[str], list[Any]], pair: tuple[str, str] | None
) -> list[dict[str, Any]]:
    """Per outlet and modality, the sums of the events in scope (of ``pair`` when given)."""
    clauses, params = where
    if pair:
        cond, more = _both(*pair)
        clauses, params = [cond, *clauses], [*more, *params]
    return store.rows(
        f"""SELECT outlet, modality, {_SUMS} FROM sums_pair WHERE 1 = 1{_and(clauses)}
            GROUP BY outlet, modality""",
        params,
    )


def outlet_pairs(
    store: Store, outlet: str, where: tuple[list[str], list[Any]], pair: tuple[str, str] | None
) -> list[dict[str, Any]]:
    """Per ordered pair of two different known actors and modality, the sums of an outlet's
    events in scope (the outlet named in any case, as the outlet views match it)."""
    clauses, params = where
    if pair:
        cond, more = _both(*pair)
        clauses, params = [cond, *clauses], [*more, *params]
    return store.rows(
        f"""SELECT source_actor AS a, target_actor AS b, modality, {_SUMS} FROM sums_pair
            WHERE lower(outlet) = lower(?) AND source_actor <> '' AND target_actor <> ''
              AND source_actor <> target_actor{_and(clauses)}
            GROUP BY source_actor, target_actor, modality""",
        [outlet, *params],
    )
