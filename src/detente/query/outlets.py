"""The outlet view: whom each outlet quotes (by state and sector), which events it reports,
and how it frames a relationship (its mean Goldstein score for a dyad, with n and a 95 %
interval, by the rules of :mod:`detente.query.indices`).

Asked for a pair, every column is the pair's, counted as the dyad view counts it, so the
numbers of ``/outlets?a=&b=``, ``/outlet/NAME?a=&b=`` and ``/dyad/A/B`` agree:

- articles: articles mentioning both sides (as the export's pair filter, query/scope.py);
- events: the pair's events, both directions, in the dyad view's default sectors and at the
  confidence threshold; the framing (Goldstein mean, cooperation, conflict) over the asserted
  ones, statements and appeals apart;
- quotes: said for one side in an article mentioning the other (as the dyad view);
- figures: stated in a sentence that mentions either side (as the dyad view).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from detente.query import sums
from detente.query.common import DEFAULT_SECTORS, Filters, Store, clamp
from detente.query.indices import AGGREGATES_SQL, index_of
from detente.query.paging import Page, paged, sliced
from detente.query.records import event_page
from detente.query.scope import export_scope

__all__ = ["outlet", "outlet_counts", "outlets"]

#: documents without an outlet are grouped under their source (file name or URL)
_OUTLET = "coalesce(d.outlet, d.source)"

#: how many outlets there are (documents without one count under their source)
_COUNT_OUTLETS = f"SELECT count(DISTINCT {_OUTLET}) AS n FROM documents d"


def _pair_filters(dyad: tuple[str, str] | None, min_confidence: float | None) -> Filters:
    """The filters of the pair's events as the dyad view counts them."""
    return Filters(
        dyad=dyad, sectors=DEFAULT_SECTORS if dyad else (), min_confidence=min_confidence
    ).checked()


def outlet_counts(store: Store, limit: int = 200, *, offset: int = 0) -> Page:
    """Outlets by number of articles: a cheap list (documents only) for overviews."""
    return paged(
        store,
        f"""SELECT {_OUTLET} AS outlet, count(*) AS articles, min(d.published) AS first,
                   max(d.published) AS last
            FROM documents d GROUP BY {_OUTLET} ORDER BY articles DESC, outlet""",
        [],
        limit,
        offset,
        count_sql=_COUNT_OUTLETS,
        count_params=[],
    )


def _by_outlet(
    store: Store, table: str, alias: str, scope: tuple[list[str], list[Any]]
) -> dict[str, dict[str, Any]]:
    """Rows of a record table per outlet, within an export scope's conditions."""
    clauses, params = scope
    join = ""
    if table != "documents":
        # the records first (CROSS JOIN keeps SQLite's order): each finds its document by
        # key, where starting from the documents would probe the records of every one
        join, clauses = " CROSS JOIN documents d", [f"d.id = {alias}.doc", *clauses]
    cond = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return {
        r["outlet"]: r
        for r in store.rows(
            f"""SELECT {_OUTLET} AS outlet, count(*) AS n, min(d.published) AS first,
                       max(d.published) AS last
                FROM {table} {alias}{join}{cond} GROUP BY {_OUTLET}""",
            params,
        )
    }


def _framing(store: Store, f: Filters) -> dict[str, dict[str, Any]]:
    """The index per outlet of the events the filters select (per :mod:`indices`): from the
    summary by pair and outlet when it holds the filters."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    where = sums.scope(f, dated=False)
    if where is not None:
        for r in sums.by_outlet(store, where, f.dyad):
            grouped[r["outlet"]].append(r)
        return {name: index_of(rows) for name, rows in grouped.items()}
    clauses, params = f.event_clauses()
    cond = " AND ".join(clauses) if clauses else "1 = 1"
    for r in store.rows(
        f"""SELECT {_OUTLET} AS outlet, e.modality AS modality, {AGGREGATES_SQL.format(e="e")}
            FROM events e JOIN documents d ON d.id = e.doc WHERE {cond}
            GROUP BY {_OUTLET}, e.modality""",
        params,
    ):
        grouped[r["outlet"]].append(r)
    return {name: index_of(rows) for name, rows in grouped.items()}


def outlets(
    store: Store,
    dyad: tuple[str, str] | None = None,
    limit: int = 200,
    *,
    offset: int = 0,
    min_confidence: float | None = None,
) -> Page:
    """One row per outlet: articles, events, the framing of those events (mean Goldstein
    with n and 95 % interval, cooperation, conflict, statements), quotes and figures; for a
    ``dyad`` every column is the pair's (see the module's docstring) and only outlets with
    something on the pair are listed, most articles first."""
    f = _pair_filters(dyad, min_confidence)
    scope = export_scope(Filters(dyad=f.dyad), ["document", "quote", "figure"])
    docs = _by_outlet(store, "documents", "d", scope["document"])
    quotes = _by_outlet(store, "quotes", "q", scope["quote"])
    figures = _by_outlet(store, "figures", "f", scope["figure"])
    framing = _framing(store, f)
    names = set(docs) | set(framing) | set(quotes) | set(figures)
    rows = []
    for name in names:
        d = docs.get(name, {})
        rows.append(
            {
                "outlet": name,
                "articles": int(d.get("n", 0)),
                "first": d.get("first"),
                "last": d.get("last"),
                **(framing.get(name) or index_of([])),
                "quotes": int(quotes.get(name, {}).get("n", 0)),
                "figures": int(figures.get(name, {}).get("n", 0)),
                "dyad": list(f.dyad) if f.dyad else None,
            }
        )
    rows.sort(key=lambda r: (-r["articles"], -r["events"], r["outlet"]))
    return sliced(rows, limit, offset)


def _pairs(store: Store, name: str, f: Filters, limit: int) -> list[dict[str, Any]]:
    """Every pair the outlet reports (both directions folded, A < B), with the pair's index
    by the rules of the dyad view (default sectors, confidence threshold, asserted only)."""
    scope = f if f.dyad else Filters(sectors=DEFAULT_SECTORS, min_confidence=f.min_confidence)
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    where = sums.scope(scope.checked(), dated=False)
    if where is not None:
        for r in sums.outlet_pairs(store, name, where, f.dyad):
            grouped[(min(r["a"], r["b"]), max(r["a"], r["b"]))].append(r)
        return _ranked(grouped, limit)
    clauses, params = scope.checked().event_clauses()
    for r in store.rows(
        f"""SELECT e.source_actor AS a, e.target_actor AS b, e.modality AS modality,
                   {AGGREGATES_SQL.format(e="e")}
            FROM events e JOIN documents d ON d.id = e.doc
            WHERE lower({_OUTLET}) = lower(?) AND e.source_actor IS NOT NULL
              AND e.target_actor IS NOT NULL AND e.source_actor != e.target_actor
              {"".join(" AND " + c for c in clauses)}
            GROUP BY e.source_actor, e.target_actor, e.modality""",
        [name, *params],
    ):
        grouped[(min(r["a"], r["b"]), max(r["a"], r["b"]))].append(r)
    return _ranked(grouped, limit)


def _ranked(
    grouped: dict[tuple[str, str], list[dict[str, Any]]], limit: int
) -> list[dict[str, Any]]:
    out = [{"a": a, "b": b, **index_of(rows)} for (a, b), rows in grouped.items()]
    out.sort(key=lambda r: (-r["events"], r["a"], r["b"]))
    return out[: clamp(limit)]


def outlet(
    store: Store,
    name: str,
    dyad: tuple[str, str] | None = None,
    limit: int = 200,
    *,
    offset: int = 0,
    min_confidence: float | None = None,
) -> dict[str, Any] | None:
    """One outlet: its articles, whom it quotes by state and sector, the events it reports,
    and how it frames every pair it reports on (the pair's index, n and interval).  With a
    ``dyad`` every part is the pair's, counted as ``/outlets?a=&b=`` counts it.  ``offset``
    pages its articles and events; ``pages`` says how many of each there are in all."""
    f = _pair_filters(dyad, min_confidence)
    scope = export_scope(Filters(dyad=f.dyad, outlet=name), ["document", "quote"])
    doc_clauses, doc_params = scope["document"]
    exists = store.rows(
        f"SELECT 1 AS x FROM documents d WHERE lower({_OUTLET}) = lower(?) LIMIT 1", [name]
    )
    if not exists:
        return None
    docs = paged(
        store,
        f"""SELECT d.id, d.source, d.title, d.published, d.url FROM documents d
            WHERE {" AND ".join(doc_clauses)} ORDER BY d.published, d.id""",
        doc_params,
        limit,
        offset,
    )
    q_clauses, q_params = scope["quote"]
    quoted = store.rows(
        f"""SELECT coalesce(q.speaker_actor, a.state) AS state, a.sector,
                   q.speaker, count(*) AS quotes
            FROM quotes q JOIN documents d ON d.id = q.doc
            LEFT JOIN actors a ON a.id = q.speaker_id
            WHERE {" AND ".join(q_clauses)}
            GROUP BY coalesce(q.speaker_actor, a.state), a.sector, q.speaker
            ORDER BY quotes DESC, q.speaker""",
        q_params,
    )
    pairs = _pairs(store, name, f, limit)
    events = event_page(
        store,
        Filters(dyad=f.dyad, outlet=name, sectors=f.sectors, min_confidence=f.min_confidence),
        limit,
        offset,
    )
    return {
        "outlet": name,
        "dyad": list(f.dyad) if f.dyad else None,
        "documents": docs,
        "quoted_by_state": _sum_by(quoted, "state"),
        "quoted_by_sector": _sum_by(quoted, "sector"),
        "quoted": quoted[: clamp(limit)],
        "quotes": sum(int(r["quotes"]) for r in quoted),
        "dyads": pairs,
        "framing": next((p for p in pairs if f.dyad and [p["a"], p["b"]] == sorted(f.dyad)), None),
        "events": events,
        "pages": {"documents": docs.meta(), "events": events.meta()},
    }


def _sum_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    totals: dict[Any, int] = {}
    for r in rows:
        totals[r[key]] = totals.get(r[key], 0) + r["quotes"]
    return [{key: k, "quotes": n} for k, n in sorted(totals.items(), key=lambda kv: -kv[1])]
