"""Full-text search over sentences, with the analyst's filters.

Full-text matching differs by dialect, so each store provides its own ``text_match`` (SQLite
its FTS5 index, PostgreSQL ``to_tsvector``) and says, as :class:`BadSearchText`, when its
search cannot read the text; the query layer writes no dialect's SQL and catches none of a
dialect's errors.
"""

from __future__ import annotations

from typing import Any

from detente.errors import BadSearchText
from detente.query.common import Filters, QueryError, Store, where
from detente.query.paging import Page, paged

__all__ = ["MAX_QUERY_CHARS", "search", "text_count", "text_match"]

#: longer search strings are refused: the web passes them from a form
MAX_QUERY_CHARS = 300


def text_match(store: Store, text: str) -> tuple[str, str, str, list[Any]]:
    """(FROM addition, WHERE condition, snippet expression, params) for a text match: the
    store's own full-text search (:meth:`~detente.store.sqlite.SQLiteStore.text_match`), or,
    for a store without one, every word as a case-insensitive substring."""
    own = getattr(store, "text_match", None)
    if own is not None:
        return own(text)  # type: ignore[no-any-return]
    words = text.split()
    cond = " AND ".join("lower(s.text) LIKE ?" for _ in words) or "1 = 1"
    return "", cond, "s.text", [f"%{w.lower()}%" for w in words]


def text_count(store: Store, text: str) -> tuple[str, list[Any]]:
    """(``SELECT count(*) AS n ...``, params) counting the sentences that match ``text``: the
    store's own count (:meth:`~detente.store.sqlite.SQLiteStore.text_count`: from its
    full-text index alone), or the matches of :func:`text_match` over the sentences."""
    own = getattr(store, "text_count", None)
    if own is not None:
        return own(text)  # type: ignore[no-any-return]
    join, cond, _, params = text_match(store, text)
    return f"SELECT count(*) AS n FROM sentences s{join} WHERE {cond}", params


def _filter_clauses(f: Filters, dated: bool = True) -> tuple[list[str], list[Any]]:
    """Sentence-level filters: the sentence carries a matching event or mention.  Without
    ``dated`` the date range is left out (to count what it excluded)."""
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
    for more in (f.outlet_clauses(), f.date_clauses("d.published") if dated else ([], [])):
        clauses += more[0]
        params += more[1]
    return clauses, params


def search(
    store: Store,
    text: str = "",
    limit: int = 50,
    filters: Filters | None = None,
    *,
    offset: int = 0,
) -> Page:
    """Sentences matching ``text`` (may be empty when filters are given), best match first:
    a page of them, with how many match in all.

    Filters: actor (mentioned in the sentence), dyad / PLOVER type / modality (of an event
    extracted from the sentence), outlet and publication date range (of its article).  A date
    range leaves out articles with no date; how many of them would have matched is the page's
    ``undated_excluded`` (in its ``meta()``), so an empty answer is never a silent one.
    """

    f = (filters or Filters()).checked()
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"search text over {MAX_QUERY_CHARS} characters")
    clauses, params = _filter_clauses(f)
    if not text and not clauses:
        raise QueryError("give search text or at least one filter")
    try:
        return _search(store, f, text, clauses, params, limit, offset)
    except BadSearchText as exc:
        raise BadSearchText(f"bad search query {text!r}: {exc}") from exc


def _search(
    store: Store,
    f: Filters,
    text: str,
    clauses: list[str],
    params: list[Any],
    limit: int,
    offset: int,
) -> Page:
    join, snippet, order = "", "s.text", "d.published DESC, s.doc, s.idx"
    match: tuple[str, list[Any]] = ("", [])
    if text:
        join, cond, snippet, match_params = text_match(store, text)
        match = (cond, match_params)
        clauses.insert(0, cond)
        params = match_params + params
        if join:
            order = "rank"
    body = f"FROM sentences s{join} JOIN documents d ON d.id = s.doc"
    sql = f"""SELECT s.doc, s.idx, s.start, s."end", s.text, {snippet} AS snippet,
                     d.outlet, d.published, d.source, d.title
              {body} {where(clauses)} ORDER BY {order}"""
    # text alone: the matches are counted without their documents (every sentence has one),
    # from the store's full-text index alone where it can
    if text and len(clauses) == 1:
        count_sql, count_params = text_count(store, text)
    else:
        count_sql, count_params = f"SELECT count(*) AS n {body} {where(clauses)}", params
    page = paged(store, sql, params, limit, offset, count_sql=count_sql, count_params=count_params)
    if f.since or f.until:
        page.extra["undated_excluded"] = _undated(store, f, body, match)
    return page


def _undated(store: Store, f: Filters, body: str, match: tuple[str, list[Any]]) -> int:
    """Articles with no publication date that match everything but the date range."""
    clauses, params = _filter_clauses(f, dated=False)
    if match[0]:
        clauses.insert(0, match[0])
        params = match[1] + params
    clauses.append("d.published IS NULL")
    row = store.rows(f"SELECT count(DISTINCT s.doc) AS n {body} {where(clauses)}", params)[0]
    return int(row["n"] or 0)
