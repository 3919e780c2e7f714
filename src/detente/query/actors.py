"""The actor view: who an actor is, whom it acts towards, what it says, over time.

A state's view counts every event of anyone acting for it (events code a minister or an
army by its state).  A person's or a body's view counts its OWN events: those where it is
named as source or target (its state's code and one of its names as written), so the page of
a defence minister charts that minister, not the whole state's timeline.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from detente.query import sums
from detente.query.common import Filters, Store, clamp, code
from detente.query.dyad import DAY_GROUP, DAY_SQL, timeline, timeline_of
from detente.query.records import (
    EVENT_SQL,
    WHEN_SQL,
    actor,
    first_groups,
    group_events,
    quotes,
)

__all__ = ["actor_view"]


def _event_code(info: dict[str, Any]) -> str | None:
    """The code events carry for this actor: a state's own code, else the code of the state
    it acts for (events code a person or ministry by its state)."""
    value = info.get("code") or info.get("state")
    return code(value) if value else None


def _partners(store: Store, state: str) -> list[dict[str, Any]]:
    """Every actor a state has events with, both directions, from the summary by pair."""
    counted: Counter[str] = Counter()
    for r in sums.partners(store, state):
        other = r["target_actor"] if r["source_actor"] == state else r["source_actor"]
        if other and other != state:
            counted[other] += int(r["events"])
    return [{"actor": k, "events": n} for k, n in counted.most_common()]


def _first_events(store: Store, state: str, n: int, limit: int) -> list[dict[str, Any]]:
    """Of a state's first ``n`` events as source or target (dated ones in date order, then
    the undated), those that make the first ``limit`` groups of :func:`group_events`: each
    side's first ids read in date order from its own index alone (``events_source_date``,
    ``events_target_date``) and merged here, their clusters looked up, and only the events of
    the listed groups read in full (where the OR of both sides would sort every event of a
    large state, and read thousands of rows in full)."""
    dated: list[dict[str, Any]] = []
    for cond, params in (
        ("e.source_actor = ?", [state]),
        ("e.target_actor = ? AND (e.source_actor IS NULL OR e.source_actor <> ?)", [state, state]),
    ):
        dated += store.rows(
            f"""SELECT e.id AS id, e.date AS date FROM events e
                WHERE {cond} AND e.date IS NOT NULL ORDER BY e.date, e.id LIMIT ?""",
            [*params, n],
        )
    dated.sort(key=lambda r: (r["date"], r["id"]))
    light = _light(store, [r["id"] for r in dated[:n]])
    if len(light) < n:
        light += store.rows(
            """SELECT e.id AS id, e.date AS date, e.cluster AS cluster FROM events e
               WHERE (e.source_actor = ? OR e.target_actor = ?) AND e.date IS NULL
               ORDER BY e.id LIMIT ?""",
            [state, state, n - len(light)],
        )
    ids = first_groups(light, limit)
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.rows(
        f"{EVENT_SQL} WHERE e.id IN ({marks}) ORDER BY e.date IS NULL, e.date, e.id", ids
    )


def _light(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    """Events' id, date and cluster, in date order."""
    if not ids:
        return []
    return store.rows(
        f"""SELECT e.id AS id, e.date AS date, e.cluster AS cluster FROM events e
            WHERE e.id IN ({", ".join("?" * len(ids))}) ORDER BY e.date, e.id""",
        ids,
    )


def _own(info: dict[str, Any], event_code: str) -> tuple[str, list[Any]]:
    """The condition selecting a person's or body's own events: named as a side."""
    names = sorted({info.get("name"), *info.get("aliases_seen", [])} - {None})
    marks = ", ".join("?" * len(names))
    clause = (
        f"((e.source_actor = ? AND e.source_name IN ({marks}))"
        f" OR (e.target_actor = ? AND e.target_name IN ({marks})))"
    )
    return clause, [event_code, *names, event_code, *names]


def _own_view(
    store: Store, info: dict[str, Any], event_code: str, limit: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A person's own events (a page) and its own timeline."""
    clause, params = _own(info, event_code)
    rows = store.rows(
        f"{EVENT_SQL} WHERE {clause} ORDER BY e.date IS NULL, e.date, e.id LIMIT ?",
        [*params, 20 * clamp(limit)],
    )
    days = store.rows(
        f"""SELECT {WHEN_SQL} AS day, {DAY_SQL} FROM events e JOIN documents d ON d.id = e.doc
            WHERE {clause} GROUP BY {WHEN_SQL}, {DAY_GROUP}""",
        params,
    )
    return rows, timeline_of(days, "year")


def actor_view(store: Store, name: str, limit: int = 200) -> dict[str, Any] | None:
    """An actor (by id, code or name) with its events, partners, quotes and timeline."""
    info = actor(store, name, limit)
    if info is None:
        return None
    event_code = _event_code(info)
    state = info.get("kind") == "state"
    singles: list[dict[str, Any]] = []
    chart: list[dict[str, Any]] = []
    if event_code and state:
        singles = _first_events(store, event_code, 20 * clamp(limit), clamp(limit))
        chart = timeline(store, Filters(actor=event_code), "year")
        partners = _partners(store, event_code)
    else:
        if event_code:
            singles, chart = _own_view(store, info, event_code, limit)
        counted: Counter[str] = Counter()
        for r in singles:
            other = r["target_actor"] if r["source_actor"] == event_code else r["source_actor"]
            if other:
                counted[other] += 1
        partners = [{"actor": k, "events": n} for k, n in counted.most_common()]
    person = info.get("kind") == "person"
    said = quotes(
        store,
        limit=limit,
        speaker=info["id"] if person else None,
        speaker_actor=event_code if not person and event_code else None,
    )
    return {
        **info,
        "event_code": event_code,
        "partners": partners,
        "events": group_events(singles)[: clamp(limit)],
        "quotes": said if (person or event_code) else [],
        "timeline": chart,
    }
