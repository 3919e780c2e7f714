"""Record lists: events (one row per cross-outlet cluster), quotes, figures, actors, compare."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from detente.merge import figure_comparison
from detente.query.common import Filters, Store, clamp, where

__all__ = [
    "actor",
    "actors",
    "compare",
    "compare_cluster",
    "counts",
    "events",
    "figures",
    "quotes",
]

_EVENT_SQL = """SELECT e.*, d.source, d.outlet, d.url, d.published, s.text AS sentence_text
    FROM events e JOIN documents d ON d.id = e.doc
    LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence"""


#: where an event sits in time: its own date, else its article's publication date
WHEN_SQL = "coalesce(e.date, d.published)"


def event_where(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``events e JOIN documents d``) for the filters, and its params."""
    f = filters.checked()
    clauses, params = f.event_clauses()
    for more in (f.outlet_clauses(), f.date_clauses(WHEN_SQL)):
        clauses += more[0]
        params += more[1]
    return where(clauses), params


def event_rows(store: Store, filters: Filters, limit: int | None = None) -> list[dict[str, Any]]:
    """Single events (not grouped) matching the filters, in date order."""
    cond, params = event_where(filters)
    sql = f"{_EVENT_SQL}{cond} ORDER BY e.date IS NULL, e.date, e.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(clamp(limit))
    return store.rows(sql, params)


def group_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per cluster (or per unclustered event), with every source that reports it."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        grouped[r["cluster"] or f"e{r['id']}"].append(r)
    out = []
    for key, members in grouped.items():
        first = dict(members[0])
        first["cluster"] = key
        dates = sorted({m["date"] for m in members if m["date"]}, key=lambda d: (-len(d), d))
        first["date"] = dates[0] if dates else None
        first["num_articles"] = len({m["doc"] for m in members})
        first["num_sources"] = len({m["outlet"] or m["source"] for m in members})
        first["sources"] = [
            {
                "event": m["id"],
                "doc": m["doc"],
                "source": m["source"],
                "outlet": m["outlet"],
                "url": m["url"],
                "published": m["published"],
                "sentence": m["sentence_text"],
                "start": m["start"],
                "end": m["end"],
                "modality": m["modality"],
            }
            for m in members
        ]
        out.append(first)
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
    return out


def events(
    store: Store,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    plover: str | None = None,
    modality: str | None = None,
    limit: int = 200,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Events in date order, one row per cluster (or per unclustered event) with its sources."""
    filters = Filters(
        actor, dyad, outlet, since, until, plover, modality, min_confidence=min_confidence
    )
    # grouping needs every member of a cluster, so the limit applies after grouping
    return group_events(event_rows(store, filters, 20 * clamp(limit)))[: clamp(limit)]


def quotes(
    store: Store,
    speaker: str | None = None,
    limit: int = 200,
    *,
    speaker_actor: str | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes in date order (the quote's date, else its article's)."""
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        clauses.append("(q.speaker LIKE ? OR q.speaker_text LIKE ? OR q.speaker_id = ?)")
        params += [f"%{speaker}%", f"%{speaker}%", speaker]
    if speaker_actor:
        clauses.append("q.speaker_actor = ?")
        params.append(speaker_actor.upper())
    if outlet:
        clauses.append("lower(d.outlet) = lower(?)")
        params.append(outlet)
    return store.rows(
        f"""SELECT q.*, d.source, d.outlet, d.published FROM quotes q
            JOIN documents d ON d.id = q.doc {where(clauses)}
            ORDER BY coalesce(q.date, d.published) IS NULL, coalesce(q.date, d.published), q.id
            LIMIT ?""",
        [*params, clamp(limit)],
    )


def figures(store: Store, subject: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    clauses, params = [], []
    if subject:
        clauses.append("f.subject LIKE ?")
        params.append(f"%{subject}%")
    return store.rows(
        f"""SELECT f.*, d.source, d.outlet, d.published FROM figures f
            JOIN documents d ON d.id = f.doc {where(clauses)}
            ORDER BY f.year IS NULL, f.year, f.subject, f.id LIMIT ?""",
        [*params, clamp(limit)],
    )


def actors(store: Store, limit: int = 200) -> list[dict[str, Any]]:
    """Actors that are mentioned, with mention and document counts."""
    return store.rows(
        """SELECT m.actor AS id, coalesce(max(a.name), max(m.name)) AS name, max(a.kind) AS kind,
                  coalesce(max(a.state), max(m.state)) AS state, max(a.sector) AS sector,
                  count(*) AS mentions, count(DISTINCT m.doc) AS documents
           FROM mentions m LEFT JOIN actors a ON a.id = m.actor
           WHERE m.actor IS NOT NULL GROUP BY m.actor ORDER BY mentions DESC, name LIMIT ?""",
        [clamp(limit)],
    )


def actor(store: Store, name: str, limit: int = 200) -> dict[str, Any] | None:
    """One actor: aliases, offices (from the knowledge base), where it is mentioned."""
    rows = store.rows(
        "SELECT * FROM actors WHERE id = ? OR lower(name) = lower(?)", [name, name]
    ) or store.rows(
        "SELECT DISTINCT actor AS id, name, state FROM mentions WHERE lower(name) = lower(?) "
        "AND actor IS NOT NULL",
        [name],
    )
    if not rows:
        return None
    info = dict(rows[0])
    info["aliases"] = json.loads(info.get("aliases") or "[]")
    info["offices"] = _offices(info["id"])
    info["mentions"] = store.rows(
        """SELECT m.doc, d.source, d.outlet, d.published, m.text, m.rule, m.start, m."end",
                  s.text AS sentence
           FROM mentions m JOIN documents d ON d.id = m.doc
           LEFT JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
           WHERE m.actor = ? ORDER BY d.published, m.start LIMIT ?""",
        [info["id"], clamp(limit)],
    )
    info["aliases_seen"] = sorted({m["text"] for m in info["mentions"]})
    return info


def _offices(actor_id: str) -> list[dict[str, Any]]:
    try:
        from detente.resolve.kb import load_kb
    except ImportError:
        return []
    kb = load_kb()
    offices = getattr(kb, "offices_of", None)
    if offices is None:
        return []
    return [dict(o) if isinstance(o, dict) else vars(o) for o in offices(actor_id)]


_KINDS = {"figure": "figures", "quote": "quotes", "event": "events"}


def _cluster_entry(kind: str, cluster: str, members: list[dict[str, Any]], tol: float) -> dict:
    entry: dict[str, Any] = {
        "kind": kind,
        "cluster": cluster,
        "outlets": sorted({m["outlet"] or m["source"] for m in members}),
        "members": members,
    }
    if kind == "figure":
        entry["verdict"] = figure_comparison(members, tol)
        entry["subject"], entry["year"] = members[0]["subject"], members[0]["year"]
    elif kind == "quote":
        entry["speaker"] = members[0]["speaker"]
        entry["verdict"] = "same utterance"
    else:
        # the merge only groups one act in one modality; what outlets may still differ on is
        # the day, within the merge's window, and the type within one family (a sanction to
        # one, coercion to another)
        differ = [
            what
            for what, values in (("type", {m["plover"] for m in members}), ("date", _days(members)))
            if len(values) > 1
        ]
        entry["verdict"] = "differ on " + " and ".join(differ) if differ else "agree"
        entry["plover"] = members[0]["plover"]
        entry["source_actor"] = members[0]["source_actor"]
        entry["target_actor"] = members[0]["target_actor"]
    return entry


def _days(members: list[dict[str, Any]]) -> set[str]:
    return {m["date"] for m in members if m.get("date") and len(m["date"]) == 10}


def _cluster_rows(store: Store, kind: str, cluster: str | None) -> list[dict[str, Any]]:
    table = _KINDS[kind]  # a fixed table name, never user input
    sql = f"""SELECT t.*, d.source, d.outlet, d.published, d.title, s.text AS sentence_text
              FROM {table} t JOIN documents d ON d.id = t.doc
              LEFT JOIN sentences s ON s.doc = t.doc AND s.idx = t.sentence
              WHERE t.cluster IS NOT NULL{" AND t.cluster = ?" if cluster else ""}
              ORDER BY t.cluster, d.published, t.id"""
    return store.rows(sql, [cluster] if cluster else [])


def compare(store: Store, tolerance: float = 0.02) -> list[dict[str, Any]]:
    """Clusters across outlets: figures that agree or differ, quotes and events told by several."""
    out: list[dict[str, Any]] = []
    for kind in _KINDS:
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in _cluster_rows(store, kind, None):
            grouped[r["cluster"]].append(r)
        out += [_cluster_entry(kind, c, m, tolerance) for c, m in grouped.items()]
    return out


def compare_cluster(
    store: Store, kind: str, cluster: str, tolerance: float = 0.02
) -> dict[str, Any] | None:
    """One cluster with each outlet's version (its sentence and record) side by side."""
    if kind not in _KINDS:
        return None
    members = _cluster_rows(store, kind, cluster)
    if not members:
        return None
    entry = _cluster_entry(kind, cluster, members, tolerance)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        by_outlet[m["outlet"] or m["source"]].append(m)
    entry["columns"] = [{"outlet": k, "members": v} for k, v in by_outlet.items()]
    return entry


def counts(store: Store) -> dict[str, int]:
    """How many documents, events, quotes and figures the record holds."""
    return store.rows(
        """SELECT (SELECT count(*) FROM documents) AS documents,
                  (SELECT count(*) FROM events) AS events,
                  (SELECT count(*) FROM quotes) AS quotes,
                  (SELECT count(*) FROM figures) AS figures"""
    )[0]
