"""Queries over the store, returning plain rows (dicts); the CLI and the web only present them.

::

    records   events (one row per cross-outlet cluster), quotes, figures, actors, compare
    search    full-text search over sentences with filters (the store's own text match)
    dyad      the country-pair view and the timeline
    outlets   whom outlets quote, what they report, how they frame a dyad
    article   an article's text cut into highlight segments
    actors    the actor view
    documents the documents, one document's row, the counts of ``detente stats``
    paging    pages of rows that know their total (``200 of 405``)
    scope     which records an export holds, from the same filters
"""

from __future__ import annotations

from detente.query.actors import actor_view
from detente.query.article import article, segments
from detente.query.common import DEFAULT_SECTORS, MAX_LIMIT, Filters, QueryError, clamp, sectors_of
from detente.query.dyad import dyad, dyads, timeline
from detente.query.outlets import outlet, outlet_counts, outlets
from detente.query.paging import Page
from detente.query.records import (
    actor,
    actors,
    compare,
    compare_cluster,
    event_page,
    event_rows,
    events,
    figures,
    find_actor,
    group_events,
    quotes,
)
from detente.query.scope import export_scope
from detente.query.search import search

__all__ = [
    "DEFAULT_SECTORS",
    "MAX_LIMIT",
    "Filters",
    "Page",
    "QueryError",
    "actor",
    "actor_view",
    "actors",
    "article",
    "clamp",
    "compare",
    "compare_cluster",
    "dyad",
    "dyads",
    "event_page",
    "event_rows",
    "events",
    "export_scope",
    "figures",
    "find_actor",
    "group_events",
    "outlet",
    "outlet_counts",
    "outlets",
    "quotes",
    "search",
    "sectors_of",
    "segments",
    "timeline",
]
