"""Queries over the store, returning plain rows (dicts); the CLI and the web only present them."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from detente.merge import figure_comparison
from detente.store.sqlite import SQLiteStore

__all__ = ["actor", "actors", "compare", "events", "figures", "quotes", "search"]


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def events(
    store: SQLiteStore,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    plover: str | None = None,
    modality: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Events in date order, one row per cluster (or per unclustered event) with its sources."""
    clauses, params = [], []
    if dyad:
        a, b = dyad[0].upper(), dyad[1].upper()
        clauses.append(
            "((e.source_actor = ? AND e.target_actor = ?) OR "
            "(e.source_actor = ? AND e.target_actor = ?))"
        )
        params += [a, b, b, a]
    if actor:
        clauses.append("(e.source_actor = ? OR e.target_actor = ?)")
        params += [actor.upper(), actor.upper()]
    if plover:
        clauses.append("e.plover = ?")
        params.append(plover.upper())
    if modality:
        clauses.append("e.modality = ?")
        params.append(modality)
    rows = store.rows(
        f"""SELECT e.*, d.source, d.outlet, s.text AS sentence_text
            FROM events e JOIN documents d ON d.id = e.doc
            LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
            {_where(clauses)} ORDER BY e.date IS NULL, e.date, e.id""",
        params,
    )
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
                "doc": m["doc"],
                "source": m["source"],
                "outlet": m["outlet"],
                "sentence": m["sentence_text"],
                "start": m["start"],
                "end": m["end"],
                "modality": m["modality"],
            }
            for m in members
        ]
        out.append(first)
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
    return out[:limit]


def quotes(
    store: SQLiteStore, speaker: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    clauses, params = [], []
    if speaker:
        clauses.append("(q.speaker LIKE ? OR q.speaker_text LIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%"]
    return store.rows(
        f"""SELECT q.*, d.source, d.outlet, d.published FROM quotes q
            JOIN documents d ON d.id = q.doc {_where(clauses)}
            ORDER BY coalesce(q.date, d.published) IS NULL, coalesce(q.date, d.published), q.id
            LIMIT ?""",
        [*params, limit],
    )


def figures(
    store: SQLiteStore, subject: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    clauses, params = [], []
    if subject:
        clauses.append("f.subject LIKE ?")
        params.append(f"%{subject}%")
    return store.rows(
        f"""SELECT f.*, d.source, d.outlet, d.published FROM figures f
            JOIN documents d ON d.id = f.doc {_where(clauses)}
            ORDER BY f.year IS NULL, f.year, f.subject, f.id LIMIT ?""",
        [*params, limit],
    )


def actors(store: SQLiteStore, limit: int = 200) -> list[dict[str, Any]]:
    """Actors that are mentioned, with mention and document counts."""
    return store.rows(
        """SELECT m.actor AS id, coalesce(a.name, max(m.name)) AS name, a.kind,
                  coalesce(a.state, max(m.state)) AS state, a.sector,
                  count(*) AS mentions, count(DISTINCT m.doc) AS documents
           FROM mentions m LEFT JOIN actors a ON a.id = m.actor
           WHERE m.actor IS NOT NULL GROUP BY m.actor ORDER BY mentions DESC, name LIMIT ?""",
        [limit],
    )


def actor(store: SQLiteStore, name: str) -> dict[str, Any] | None:
    """One actor: aliases, offices (from the knowledge base), where it is mentioned."""
    rows = store.rows(
        "SELECT * FROM actors WHERE id = ? OR name = ? COLLATE NOCASE", [name, name]
    ) or store.rows(
        "SELECT DISTINCT actor AS id, name, state FROM mentions WHERE name = ? COLLATE NOCASE "
        "AND actor IS NOT NULL",
        [name],
    )
    if not rows:
        return None
    info = dict(rows[0])
    info["aliases"] = json.loads(info.get("aliases") or "[]")
    info["offices"] = _offices(info["id"])
    info["mentions"] = store.rows(
        """SELECT m.doc, d.source, m.text, m.rule, m.start, m."end", s.text AS sentence
           FROM mentions m JOIN documents d ON d.id = m.doc
           LEFT JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
           WHERE m.actor = ? ORDER BY d.published, m.start""",
        [info["id"]],
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


def compare(store: SQLiteStore, tolerance: float = 0.02) -> list[dict[str, Any]]:
    """Clusters across outlets: figures that agree or differ, quotes and events told by several."""
    out: list[dict[str, Any]] = []
    for table, kind in (("figures", "figure"), ("quotes", "quote"), ("events", "event")):
        rows = store.rows(
            f"""SELECT t.*, d.source, d.outlet, d.published FROM {table} t
                JOIN documents d ON d.id = t.doc WHERE t.cluster IS NOT NULL
                ORDER BY t.cluster, t.id"""
        )
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            grouped[r["cluster"]].append(r)
        for cluster, members in grouped.items():
            entry: dict[str, Any] = {
                "kind": kind,
                "cluster": cluster,
                "outlets": sorted({m["outlet"] or m["source"] for m in members}),
                "members": members,
            }
            if kind == "figure":
                entry["verdict"] = figure_comparison(members, tolerance)
                entry["subject"], entry["year"] = members[0]["subject"], members[0]["year"]
            elif kind == "quote":
                entry["speaker"] = members[0]["speaker"]
                entry["verdict"] = "same utterance"
            else:
                modalities = {m["modality"] for m in members}
                entry["verdict"] = "agree" if len(modalities) == 1 else "differ on modality"
            out.append(entry)
    return out


def search(store: SQLiteStore, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Full-text search over sentences (FTS5 syntax; plain words are ANDed)."""
    import sqlite3

    from detente.errors import DetenteError

    try:
        return store.rows(
            """SELECT s.doc, s.idx, s.start, s."end", snippet(sentences_fts, 0, '[', ']', '…', 24)
                      AS snippet, d.outlet, d.published, d.source
               FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid
               JOIN documents d ON d.id = s.doc
               WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?""",
            [text, limit],
        )
    except sqlite3.OperationalError as exc:
        raise DetenteError(f"bad search query {text!r}: {exc}") from exc
