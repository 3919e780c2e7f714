"""The outlet view: whom each outlet quotes (by state and sector), which events it reports,
and how it frames a relationship (its mean Goldstein score for a dyad)."""

from __future__ import annotations

from typing import Any

from detente.query.common import DEFAULT_SECTORS, Filters, Store, clamp
from detente.query.paging import Page, paged
from detente.query.records import event_page

__all__ = ["outlet", "outlet_counts", "outlets"]

#: documents without an outlet are grouped under their source (file name or URL)
_OUTLET = "coalesce(d.outlet, d.source)"


def _dyad_clause(dyad: tuple[str, str] | None) -> tuple[str, list[Any]]:
    """An extra ON condition restricting joined events to a dyad (both directions), in the
    sectors a dyad view counts (as :func:`detente.query.dyad.dyad` does)."""
    if not dyad:
        return "", []
    clauses, params = Filters(dyad=dyad, sectors=DEFAULT_SECTORS).checked().event_clauses()
    return " AND " + " AND ".join(clauses), params


#: how many outlets there are (documents without one count under their source)
_COUNT_OUTLETS = f"SELECT count(DISTINCT {_OUTLET}) AS n FROM documents d"


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


def outlets(
    store: Store, dyad: tuple[str, str] | None = None, limit: int = 200, *, offset: int = 0
) -> Page:
    """One row per outlet: articles, events (of the dyad), their mean Goldstein, cooperation
    and conflict counts, quotes and figures."""
    extra, params = _dyad_clause(dyad)
    rows = paged(
        store,
        f"""SELECT {_OUTLET} AS outlet, count(DISTINCT d.id) AS articles,
                   min(d.published) AS first, max(d.published) AS last,
                   count(e.id) AS events, avg(e.goldstein) AS goldstein_mean,
                   sum(CASE WHEN e.quad_class IN (1, 2) THEN 1 ELSE 0 END) AS cooperation,
                   sum(CASE WHEN e.quad_class IN (3, 4) THEN 1 ELSE 0 END) AS conflict
            FROM documents d LEFT JOIN events e ON e.doc = d.id{extra}
            GROUP BY {_OUTLET} ORDER BY articles DESC, outlet""",
        params,
        limit,
        offset,
        count_sql=_COUNT_OUTLETS,
        count_params=[],
    )
    totals = {
        r["outlet"]: r
        for r in store.rows(
            f"""SELECT outlet, sum(quotes) AS quotes, sum(figures) AS figures FROM (
                    SELECT {_OUTLET} AS outlet,
                           (SELECT count(*) FROM quotes q WHERE q.doc = d.id) AS quotes,
                           (SELECT count(*) FROM figures f WHERE f.doc = d.id) AS figures
                    FROM documents d) per_doc GROUP BY outlet"""
        )
    }
    for r in rows:
        t = totals.get(r["outlet"], {})
        r["quotes"], r["figures"] = t.get("quotes", 0), t.get("figures", 0)
        r["goldstein_mean"] = _round(r["goldstein_mean"])
        r["dyad"] = list(dyad) if dyad else None
    return rows


def outlet(
    store: Store,
    name: str,
    dyad: tuple[str, str] | None = None,
    limit: int = 200,
    *,
    offset: int = 0,
) -> dict[str, Any] | None:
    """One outlet: its articles, whom it quotes by state and sector, the events it reports,
    and its mean Goldstein score for every dyad it reports on.  ``offset`` pages its articles
    and events; ``pages`` says how many of each there are in all."""
    docs = paged(
        store,
        f"""SELECT d.id, d.source, d.title, d.published, d.url FROM documents d
            WHERE lower({_OUTLET}) = lower(?) ORDER BY d.published, d.id""",
        [name],
        limit,
        offset,
    )
    if not docs.total:
        return None
    match = f"lower({_OUTLET}) = lower(?)"
    quoted = store.rows(
        f"""SELECT coalesce(q.speaker_actor, a.state) AS state, a.sector,
                   q.speaker, count(*) AS quotes
            FROM quotes q JOIN documents d ON d.id = q.doc
            LEFT JOIN actors a ON a.id = q.speaker_id
            WHERE {match} GROUP BY coalesce(q.speaker_actor, a.state), a.sector, q.speaker
            ORDER BY quotes DESC, q.speaker LIMIT ?""",
        [name, clamp(limit)],
    )
    dyads = store.rows(
        f"""SELECT e.source_actor, e.target_actor, count(*) AS events,
                   avg(e.goldstein) AS goldstein_mean
            FROM events e JOIN documents d ON d.id = e.doc
            WHERE {match} AND e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL
            GROUP BY e.source_actor, e.target_actor ORDER BY events DESC LIMIT ?""",
        [name, clamp(limit)],
    )
    for d in dyads:
        d["goldstein_mean"] = _round(d["goldstein_mean"])
    events = event_page(store, Filters(dyad=dyad, outlet=name), limit, offset)
    return {
        "outlet": name,
        "dyad": list(dyad) if dyad else None,
        "documents": docs,
        "quoted_by_state": _sum_by(quoted, "state"),
        "quoted_by_sector": _sum_by(quoted, "sector"),
        "quoted": quoted,
        "dyads": dyads,
        "events": events,
        "pages": {"documents": docs.meta(), "events": events.meta()},
    }


def _sum_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    totals: dict[Any, int] = {}
    for r in rows:
        totals[r[key]] = totals.get(r[key], 0) + r["quotes"]
    return [{key: k, "quotes": n} for k, n in sorted(totals.items(), key=lambda kv: -kv[1])]


def _round(value: float | None) -> float | None:
    """Rounded in Python: SQL round() of a float differs between SQLite and PostgreSQL.

    First to 9 places: the two sum in different orders, and a mean of exactly x.xx5 must not
    round up on one store and down on the other for a difference in the 16th digit.
    """
    return None if value is None else round(round(float(value), 9), 2)
