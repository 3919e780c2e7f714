"""Full-text search over sentences, with the analyst's filters.

The one piece of dialect-specific SQL in the query layer is :func:`text_match`: SQLite uses
its FTS5 index; another store adds its own branch there (e.g. PostgreSQL ``to_tsvector``).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from detente.query.common import Filters, QueryError, Store, clamp, where

__all__ = ["MAX_QUERY_CHARS", "search", "text_match"]

#: longer search strings are refused: the web passes them from a form
MAX_QUERY_CHARS = 300


def text_match(store: Store, text: str) -> tuple[str, str, str, list[Any]]:
    """(FROM addition, WHERE condition, snippet expression, params) for a text match.

    Plain words are ANDed; SQLite accepts FTS5 syntax ("phrases", OR, NEAR, prefix*).
    """
    if getattr(store, "dialect", "sqlite") == "sqlite":
        return (
            " JOIN sentences_fts ON sentences_fts.rowid = s.rowid",
            "sentences_fts MATCH ?",
            "snippet(sentences_fts, 0, '[', ']', '…', 24)",
            [text],
        )
    if getattr(store, "dialect", "") == "postgresql":
        # the GIN index on to_tsvector('english', text) (store/schema.py); websearch syntax
        # matches FTS5's for words (ANDed), "phrases" and OR.  An odd quote is refused as
        # FTS5 refuses it, so a query means the same on both stores.
        if text.count('"') % 2:
            raise QueryError(f"bad search query {text!r}: unbalanced quote")
        return (
            " CROSS JOIN websearch_to_tsquery('english', ?) AS tsq CROSS JOIN LATERAL"
            " (SELECT -ts_rank(to_tsvector('english', s.text), tsq) AS rank) AS r",
            "to_tsvector('english', s.text) @@ tsq",
            "ts_headline('english', s.text, tsq,"
            " 'StartSel=[, StopSel=], MaxFragments=1, MinWords=10, MaxWords=24')",
            [text],
        )
    # portable fallback: every word must occur (case-insensitive substring)
    words = text.split()
    cond = " AND ".join("lower(s.text) LIKE ?" for _ in words) or "1 = 1"
    return "", cond, "s.text", [f"%{w.lower()}%" for w in words]


def _filter_clauses(f: Filters) -> tuple[list[str], list[Any]]:
    """Sentence-level filters: the sentence carries a matching event or mention."""
    clauses: list[str] = []
    params: list[Any] = []
    ev_clauses, ev_params = Filters(
        dyad=f.dyad, plover=f.plover, modality=f.modality
    ).event_clauses()
    # (doc, idx) IN (subquery): both stores evaluate the subquery once, from its own
    # indexes, instead of probing events per sentence
    if ev_clauses:
        clauses.append(
            "(s.doc, s.idx) IN (SELECT e.doc, e.sentence FROM events e WHERE "
            + " AND ".join(ev_clauses)
            + ")"
        )
        params += ev_params
    if f.actor:
        clauses.append(
            "(s.doc, s.idx) IN (SELECT m.doc, m.sentence FROM mentions m "
            "WHERE m.actor = ? OR m.state = ?)"
        )
        params += [f.actor, f.actor]
    for more in (f.outlet_clauses(), f.date_clauses("d.published")):
        clauses += more[0]
        params += more[1]
    return clauses, params


def search(
    store: Store, text: str = "", limit: int = 50, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """Sentences matching ``text`` (may be empty when filters are given), best match first.

    Filters: actor (mentioned in the sentence), dyad / PLOVER type / modality (of an event
    extracted from the sentence), outlet and publication date range (of its article).
    """

    f = (filters or Filters()).checked()
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"search text over {MAX_QUERY_CHARS} characters")
    clauses, params = _filter_clauses(f)
    join, snippet, order = "", "s.text", "d.published DESC, s.doc, s.idx"
    if text:
        join, cond, snippet, match_params = text_match(store, text)
        clauses.insert(0, cond)
        params = match_params + params
        if join:
            order = "rank"
    elif not clauses:
        raise QueryError("give search text or at least one filter")
    sql = f"""SELECT s.doc, s.idx, s.start, s."end", s.text, {snippet} AS snippet,
                     d.outlet, d.published, d.source, d.title
              FROM sentences s{join} JOIN documents d ON d.id = s.doc
              {where(clauses)} ORDER BY {order} LIMIT ?"""
    try:
        return store.rows(sql, [*params, clamp(limit)])
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad search query {text!r}: {exc}") from exc
