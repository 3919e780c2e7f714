"""The actor view: who an actor is, whom it acts towards, what it says, over time."""

from __future__ import annotations

from collections import Counter
from typing import Any

from detente.query.common import Filters, Store, clamp, code
from detente.query.dyad import timeline
from detente.query.records import actor, event_rows, group_events, quotes

__all__ = ["actor_view"]


def _event_code(info: dict[str, Any]) -> str | None:
    """The code events carry for this actor: a state's own code, else the code of the state
    it acts for (events code a person or ministry by its state)."""
    value = info.get("code") or info.get("state")
    return code(value) if value else None


def _partners(store: Store, state: str) -> list[dict[str, Any]]:
    """Every actor a state has events with, counted in the database (both directions)."""
    counted: Counter[str] = Counter()
    for r in store.rows(
        """SELECT source_actor, target_actor, count(*) AS events FROM events
           WHERE source_actor = ? OR target_actor = ?
           GROUP BY source_actor, target_actor""",
        [state, state],
    ):
        other = r["target_actor"] if r["source_actor"] == state else r["source_actor"]
        if other and other != state:
            counted[other] += int(r["events"])
    return [{"actor": k, "events": n} for k, n in counted.most_common()]


def actor_view(store: Store, name: str, limit: int = 200) -> dict[str, Any] | None:
    """An actor (by id, code or name) with its events, partners, quotes and timeline.

    For a state every event of anyone acting for it counts; for a person or body only the
    events where it is named as source or target.
    """
    info = actor(store, name, limit)
    if info is None:
        return None
    event_code = _event_code(info)
    singles: list[dict[str, Any]] = []
    if event_code:
        singles = event_rows(store, Filters(actor=event_code), 20 * clamp(limit))
    if info.get("kind") != "state":
        names = {info.get("name"), *info.get("aliases_seen", [])} - {None}
        singles = [r for r in singles if {r["source_name"], r["target_name"]} & names]
    if info.get("kind") == "state" and event_code:
        partners = _partners(store, event_code)
    else:
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
        "timeline": timeline(store, Filters(actor=event_code), "year") if event_code else [],
    }
