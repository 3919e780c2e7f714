"""Record lists: events (one row per cross-outlet cluster), quotes, figures, actors, compare."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from typing import Any

from detente.merge import figure_comparison
from detente.query import sums
from detente.query.common import Filters, Store, clamp, where
from detente.query.paging import Page, offset_of, paged

__all__ = [
    "EVENT_SQL",
    "actor",
    "actors",
    "compare",
    "compare_cluster",
    "compare_page",
    "counts",
    "event_page",
    "events",
    "figures",
    "first_groups",
    "preload",
    "quotes",
]

EVENT_SQL = """SELECT e.*, d.source, d.outlet, d.url, d.published, s.text AS sentence_text
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
    sql = f"{EVENT_SQL}{cond} ORDER BY e.date IS NULL, e.date, e.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(clamp(limit))
    return store.rows(sql, params)


def _grouped(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        grouped[r["cluster"] or f"e{r['id']}"].append(r)
    return grouped


def _group_date(members: list[dict[str, Any]]) -> str | None:
    """A group's date: its most precise, then earliest, stated date."""
    dates = sorted({m["date"] for m in members if m["date"]}, key=lambda d: (-len(d), d))
    return dates[0] if dates else None


def first_groups(rows: list[dict[str, Any]], limit: int) -> list[int]:
    """The ids of the rows (each with its ``id``, ``date`` and ``cluster``) that make the
    first ``limit`` groups of :func:`group_events`: what of many rows to read in full."""
    grouped = sorted(
        _grouped(rows).values(),
        key=lambda m: (_group_date(m) is None, _group_date(m) or "", m[0]["id"]),
    )
    return [r["id"] for members in grouped[:limit] for r in members]


def group_events(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per cluster (or per unclustered event), with every source that reports it."""
    out = []
    for key, members in _grouped(rows).items():
        first = dict(members[0])
        first["cluster"] = key
        first["date"] = _group_date(members)
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


#: the key of an event's cross-outlet cluster (an unclustered event is a cluster of its own)
CLUSTER_KEY = "coalesce(e.cluster, 'e' || e.id)"


def event_page(
    store: Store,
    filters: Filters,
    limit: int | None = 200,
    offset: int | None = 0,
    *,
    total: int | None = None,
) -> Page:
    """Events grouped by cluster (:func:`group_events`), one page of them, with the number of
    clusters in all (``total`` when the caller counted them already): the page is chosen
    among clusters in the database (ordered by their earliest stated date, then their first
    event), so every member of a listed cluster is read however many single events come
    before it."""
    size, start = clamp(limit), offset_of(offset)
    cond, params = event_where(filters)
    f = filters.checked()
    chosen = _pair_keys(store, f, size, start, total)
    if chosen is None:
        # the documents are joined only when a filter reads them (every event has its document)
        source = f"events e JOIN documents d ON d.id = e.doc{cond}"
        if not (f.since or f.until or f.outlet):
            clauses, more = f.event_clauses()
            source, key_params = f"events e{where(clauses)}", more
        else:
            key_params = params
        # ordered by expressions, not their aliases: PostgreSQL reads no alias inside one
        keys = f"""SELECT {CLUSTER_KEY} AS k, min(e.cluster) AS cluster FROM {source}
                   GROUP BY {CLUSTER_KEY} ORDER BY min(e.date) IS NULL, min(e.date), min(e.id)"""
        chosen = paged(store, keys, key_params, size, start)
    order = {r["k"]: i for i, r in enumerate(chosen)}
    if not order:
        return Page([], chosen.total, size, start)
    members = _members(store, cond, params, list(chosen))
    grouped = sorted(group_events(members), key=lambda r: order[r["cluster"]])
    return Page(grouped, chosen.total, size, start)


def _members(
    store: Store, cond: str, params: list[Any], chosen: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The events of the chosen groups (``k``, and ``cluster`` None for a single event) that
    the filters select, in date order: single events by id (each chosen by the filters
    already, so read by id alone: given the filters' OR of a pair's directions too, the
    database may read every event of the pair from a pair index instead, 43 ms instead of 3
    for USA-CHN of the 10^7 synthetic events), clusters by name with the filters, each
    through its own index."""
    joiner = " AND " if cond else " WHERE "
    keys = [r["k"] for r in chosen]
    ids = [int(r["k"][1:]) for r in chosen if r["cluster"] is None and r["k"][1:].isdigit()]
    names = [r["cluster"] for r in chosen if r["cluster"] is not None]
    in_keys = f"{CLUSTER_KEY} IN ({', '.join('?' * len(keys))})"
    out: list[dict[str, Any]] = []
    if ids:
        out += store.rows(
            f"{EVENT_SQL} WHERE e.id IN ({', '.join('?' * len(ids))}) AND {in_keys}",
            [*ids, *keys],
        )
    if names:
        out += store.rows(
            f"{EVENT_SQL}{cond}{joiner}e.cluster IN ({', '.join('?' * len(names))}) AND {in_keys}",
            [*params, *names, *keys],
        )
    once = {r["id"]: r for r in out}  # an event may be both a single and a cluster's key
    return sorted(once.values(), key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))


def _pair_keys(store: Store, f: Filters, size: int, start: int, total: int | None) -> Page | None:
    """The page's cluster keys for a pair's events (with types, modality, sectors, confidence
    and an outlet at most), in the order of the general query: single events (no cluster) read
    in date order from the pair index ``events_dyad_time``, each direction stopping at the
    page's end, and clusters by their earliest date from the partial index of clustered
    events ``events_pair_clustered``, merged here.  None for other filters."""
    if not f.dyad or f.since or f.until or f.actor:
        return None
    pairs, join, more, params = _pair_parts(f)
    wanted = start + size
    singles: list[dict[str, Any]] = []
    for source, target in pairs:
        for when in ("e.date IS NOT NULL ORDER BY e.date, e.id", "e.date IS NULL ORDER BY e.id"):
            got = store.rows(
                f"""SELECT 'e' || e.id AS k, e.cluster AS cluster, e.date AS date, e.id AS id
                    FROM events e{join} WHERE e.source_actor = ? AND e.target_actor = ?
                    AND e.cluster IS NULL{more} AND {when} LIMIT ?""",
                [source, target, *params, wanted],
            )
            singles += got
            if len(got) >= wanted:  # the undated come after these
                break
    arms, args = clustered_arms(pairs, more, params, "e.cluster, e.date, e.id", join)
    clustered = store.rows(
        f"""SELECT cluster AS k, cluster, min(date) AS date, min(id) AS id FROM ({arms}) u
            GROUP BY cluster ORDER BY min(date) IS NULL, min(date), min(id) LIMIT ?""",
        [*args, wanted],
    )
    ranked = sorted(
        singles + clustered, key=lambda r: (r["date"] is None, r["date"] or "", r["id"])
    )
    rows = ranked[start:wanted]
    if total is None:
        total = len(ranked) if start == 0 and len(ranked) < size else _pair_groups(store, f)
    return Page(rows, total, size, start)


def _pair_parts(f: Filters) -> tuple[list[tuple[str, str]], str, str, list[Any]]:
    """A pair's directions, the join of the documents (an outlet filter reads them), and
    the other filters' conditions and parameters."""
    assert f.dyad is not None
    a, b = f.dyad
    clauses, params = dataclasses.replace(f, dyad=None, outlet=None).event_clauses()
    outlet, outlet_params = f.outlet_clauses("d")
    join = " JOIN documents d ON d.id = e.doc" if f.outlet else ""
    more = "".join(" AND " + c for c in clauses + outlet)
    return ([(a, b)] if a == b else [(a, b), (b, a)]), join, more, [*params, *outlet_params]


def clustered_arms(
    pairs: list[tuple[str, str]], more: str, params: list[Any], columns: str, join: str = ""
) -> tuple[str, list[Any]]:
    """A pair's clustered events (each direction, ``more`` conditions on ``e``): ``columns``
    of each, UNION ALL.  Their ids come from the partial index ``events_pair_clustered``
    alone (asked with the other conditions at once, the database may read the pair's every
    event from the pair index instead), then only those rows are read."""
    arm = f"""SELECT {columns} FROM events e{join} WHERE e.id IN (
                  SELECT c.id FROM events c WHERE c.source_actor = ? AND c.target_actor = ?
                  AND c.cluster IS NOT NULL){more}"""
    return " UNION ALL ".join([arm] * len(pairs)), [x for p in pairs for x in (*p, *params)]


def _pair_groups(store: Store, f: Filters) -> int:
    """How many groups (clusters and single events) a pair's events in scope make: the
    events counted from the summary by pair and outlet when it holds the filters (no PLOVER
    type, no modality), less the clustered ones (few, from their partial index) plus their
    clusters; else each direction's single events counted from the events (an outlet's
    through its documents: 23 000 look-ups a direction for FRA-IRN of the 10^7 synthetic
    events, bench/queries.py), plus the clusters."""
    assert f.dyad is not None
    pairs, join, more, params = _pair_parts(f)
    in_sums = None if f.plover or f.modality else sums.scope(f, dated=False)
    if in_sums is not None:
        events = sums.pair_events(store, *f.dyad, in_sums, f.outlet)
        arms, args = clustered_arms(pairs, more, params, "e.cluster", join)
        merged = store.rows(
            f"SELECT count(*) AS n, count(DISTINCT cluster) AS c FROM ({arms}) u", args
        )[0]
        return events - int(merged["n"] or 0) + int(merged["c"] or 0)
    n = 0
    for source, target in pairs:
        n += int(
            store.rows(
                f"""SELECT count(*) AS n FROM events e{join} WHERE e.source_actor = ?
                    AND e.target_actor = ? AND e.cluster IS NULL{more}""",
                [source, target, *params],
            )[0]["n"]
        )
    arms, args = clustered_arms(pairs, more, params, "e.cluster", join)
    clusters = store.rows(f"SELECT count(DISTINCT cluster) AS n FROM ({arms}) u", args)[0]["n"]
    return n + int(clusters or 0)


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
    offset: int = 0,
) -> Page:
    """Events in date order, one row per cluster (or per unclustered event) with its sources;
    a page of them (``limit`` from ``offset``) that knows how many clusters match."""
    filters = Filters(
        actor, dyad, outlet, since, until, plover, modality, min_confidence=min_confidence
    )
    return event_page(store, filters, limit, offset)


def quotes(
    store: Store,
    speaker: str | None = None,
    limit: int = 200,
    *,
    speaker_actor: str | None = None,
    outlet: str | None = None,
    offset: int = 0,
) -> Page:
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
    return paged(
        store,
        f"""SELECT q.*, d.source, d.outlet, d.published FROM quotes q
            JOIN documents d ON d.id = q.doc {where(clauses)}
            ORDER BY coalesce(q.date, d.published) IS NULL, coalesce(q.date, d.published), q.id""",
        params,
        limit,
        offset,
        count_sql=f"""SELECT count(*) AS n FROM quotes q JOIN documents d ON d.id = q.doc
                      {where(clauses)}""",
    )


def figures(store: Store, subject: str | None = None, limit: int = 200, *, offset: int = 0) -> Page:
    clauses, params = [], []
    if subject:
        clauses.append("f.subject LIKE ?")
        params.append(f"%{subject}%")
    return paged(
        store,
        f"""SELECT f.*, d.source, d.outlet, d.published FROM figures f
            JOIN documents d ON d.id = f.doc {where(clauses)}
            ORDER BY f.year IS NULL, f.year, f.subject, f.id""",
        params,
        limit,
        offset,
        count_sql=f"SELECT count(*) AS n FROM figures f {where(clauses)}",
    )


def actors(store: Store, limit: int = 200, *, offset: int = 0) -> Page:
    """Actors that are mentioned, with mention and document counts."""
    return paged(
        store,
        """SELECT m.actor AS id, coalesce(max(a.name), max(m.name)) AS name, max(a.kind) AS kind,
                  coalesce(max(a.state), max(m.state)) AS state, max(a.sector) AS sector,
                  count(*) AS mentions, count(DISTINCT m.doc) AS documents
           FROM mentions m LEFT JOIN actors a ON a.id = m.actor
           WHERE m.actor IS NOT NULL GROUP BY m.actor ORDER BY mentions DESC, name""",
        [],
        limit,
        offset,
        count_sql="SELECT count(DISTINCT actor) AS n FROM mentions WHERE actor IS NOT NULL",
    )


def find_actor(store: Store, name: str) -> dict[str, Any] | None:
    """The actor a reader means by ``name``: its id or name; else one of its aliases; else the
    name as written in a mention; else a surname or any whole word of its name or an alias
    ("Putin", "Shangfu").  Among several, the most mentioned wins (then the first by id)."""
    wanted = " ".join(name.split()).lower()
    if not wanted:
        return None
    exact = store.rows(
        "SELECT * FROM actors WHERE id = ? OR lower(name) = ? ORDER BY id", [name.strip(), wanted]
    )
    if exact:
        return exact[0]
    # aliases are a JSON list: a LIKE narrows to candidates, Python decides on whole names
    candidates = store.rows(
        "SELECT * FROM actors WHERE lower(name) LIKE ? OR lower(aliases) LIKE ? ORDER BY id",
        [f"%{wanted}%", f"%{wanted}%"],
    )
    by_alias = [a for a in candidates if wanted in _names(a)]
    if by_alias:
        return _most_mentioned(store, by_alias)
    seen = store.rows(
        "SELECT DISTINCT actor AS id, name, state FROM mentions WHERE lower(name) = ? "
        "AND actor IS NOT NULL ORDER BY actor",
        [wanted],
    )
    if seen:
        return seen[0]
    stored = _from_mentions(store, name.strip())
    if stored:
        return stored
    words = set(wanted.split())
    by_word = [a for a in candidates if any(words <= set(n.split()) for n in _names(a))]
    return _most_mentioned(store, by_word) if by_word else None


def _from_mentions(store: Store, actor_id: str) -> dict[str, Any] | None:
    """An actor outside the knowledge base, as its stored mentions describe it (the id the
    resolver gave it, its most written name, the state it acts for): every actor the desk
    lists has a page."""
    rows = store.rows(
        """SELECT actor AS id, name, state, count(*) AS n FROM mentions WHERE actor = ?
           GROUP BY actor, name, state ORDER BY n DESC, name LIMIT 1""",
        [actor_id],
    )
    kind: str | None = None
    if not rows:
        coded = store.rows(  # a state code that events carry, with no row of its own
            "SELECT source_actor AS id FROM events WHERE source_actor = ? LIMIT 1", [actor_id]
        )
        if not coded:
            return None
        rows, kind = [{"id": actor_id, "name": actor_id, "state": actor_id}], "state"
    else:  # resolver ids are "person:...", "org:..."; a bare code is a state's
        kind = actor_id.split(":", 1)[0] if ":" in actor_id else "state"
    row = rows[0]
    return {
        "id": row["id"],
        "name": row["name"] or actor_id,
        "kind": kind,
        "state": row["state"],
        "sector": None,
        "code": row["id"] if kind == "state" else None,
        "aliases": "[]",
        "origin": "mentions" if kind != "state" else "events",
    }


def _names(actor: dict[str, Any]) -> set[str]:
    aliases = json.loads(actor.get("aliases") or "[]")
    return {" ".join(str(n).split()).lower() for n in [actor["name"], *aliases]}


def _most_mentioned(store: Store, found: list[dict[str, Any]]) -> dict[str, Any]:
    if len(found) == 1:
        return found[0]
    marks = ", ".join("?" * len(found))
    counted = {
        r["actor"]: int(r["n"])
        for r in store.rows(
            f"SELECT actor, count(*) AS n FROM mentions WHERE actor IN ({marks}) GROUP BY actor",
            [a["id"] for a in found],
        )
    }
    return min(found, key=lambda a: (-counted.get(a["id"], 0), a["id"]))


def actor(store: Store, name: str, limit: int = 200, *, offset: int = 0) -> dict[str, Any] | None:
    """One actor (by id, name, alias or surname, see :func:`find_actor`): aliases, offices
    (from the knowledge base), where it is mentioned (a page of mentions)."""
    found = find_actor(store, name)
    if found is None:
        return None
    info = dict(found)
    info["aliases"] = json.loads(info.get("aliases") or "[]")
    info["offices"] = _offices(info["id"])
    mentions = paged(
        store,
        """SELECT m.doc, d.source, d.outlet, d.published, m.text, m.rule, m.start, m."end",
                  s.text AS sentence
           FROM mentions m JOIN documents d ON d.id = m.doc
           LEFT JOIN sentences s ON s.doc = m.doc AND s.idx = m.sentence
           WHERE m.actor = ? ORDER BY d.published, m.doc, m.start""",
        [info["id"]],
        limit,
        offset,
        count_sql="SELECT count(*) AS n FROM mentions WHERE actor = ?",
    )
    info["mentions"] = mentions
    info["pages"] = {"mentions": mentions.meta()}
    info["aliases_seen"] = sorted(
        {
            r["text"]
            for r in store.rows("SELECT DISTINCT text FROM mentions WHERE actor = ?", [info["id"]])
        }
    )
    return info


def _kb() -> Any:
    try:
        from detente.resolve.kb import load_kb
    except ImportError:
        return None
    return load_kb()


def preload() -> None:
    """Load now what the views read besides the database (the knowledge base's offices,
    once per process: 150 ms), so that a server's first actor page does not wait for it."""
    _kb()


def _offices(actor_id: str) -> list[dict[str, Any]]:
    kb = _kb()
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


def _cluster_rows(
    store: Store, kind: str, cluster: str | None, among: list[str] | None = None
) -> list[dict[str, Any]]:
    """The members of one cluster, of the clusters ``among``, or of every cluster."""
    table = _KINDS[kind]  # a fixed table name, never user input
    cond, params = "", [] if cluster is None else [cluster]
    if cluster:
        cond = " AND t.cluster = ?"
    elif among is not None:
        cond, params = f" AND t.cluster IN ({', '.join('?' * len(among))})", list(among)
    sql = f"""SELECT t.*, d.source, d.outlet, d.published, d.title, s.text AS sentence_text
              FROM {table} t JOIN documents d ON d.id = t.doc
              LEFT JOIN sentences s ON s.doc = t.doc AND s.idx = t.sentence
              WHERE t.cluster IS NOT NULL{cond}
              ORDER BY t.cluster, d.published, t.id"""
    return store.rows(sql, params)


def compare_page(
    store: Store,
    tolerance: float = 0.02,
    limit: int | None = 200,
    offset: int | None = 0,
    kind: str | None = None,
) -> Page:
    """A page of :func:`compare`'s clusters (in its order: figures, quotes, events, each by
    cluster id), the page chosen in the database: only its clusters' members are read, and
    the total is counted from the cluster indexes."""
    kinds = [k for k in _KINDS if kind in (None, k)]
    if not kinds:
        return Page([], 0, clamp(limit), offset_of(offset))
    keys = " UNION ALL ".join(
        f"SELECT DISTINCT {i} AS rank, '{k}' AS kind, cluster FROM {_KINDS[k]}"
        " WHERE cluster IS NOT NULL"
        for i, k in enumerate(_KINDS)
        if k in kinds
    )
    chosen = paged(
        store,
        f"SELECT rank, kind, cluster FROM ({keys}) c ORDER BY rank, cluster",
        [],
        limit,
        offset,
    )
    out: list[dict[str, Any]] = []
    for k in kinds:
        wanted = [r["cluster"] for r in chosen if r["kind"] == k]
        if not wanted:
            continue
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in _cluster_rows(store, k, None, wanted):
            grouped[r["cluster"]].append(r)
        out += [_cluster_entry(k, c, grouped[c], tolerance) for c in wanted if c in grouped]
    return Page(out, chosen.total, chosen.limit, chosen.offset)


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
    """How many documents, events, quotes and figures the record holds (the events from
    their summary by pair, which counts each once: an index of 10^7 entries is not read)."""
    return store.rows(
        """SELECT (SELECT count(*) FROM documents) AS documents,
                  (SELECT CAST(coalesce(sum(events), 0) AS BIGINT) FROM sums_pair) AS events,
                  (SELECT count(*) FROM quotes) AS quotes,
                  (SELECT count(*) FROM figures) AS figures"""
    )[0]
