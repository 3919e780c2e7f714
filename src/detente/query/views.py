"""The query views bound to one store and one table of settings.

The CLI and the web desk both read through a :class:`Views` (from
:attr:`detente.database.Database.views`), so a setting that shapes an answer (the figure
tolerance of a comparison, the default number of rows) is read in one place and the two can
never disagree on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from detente.query import documents as q_documents
from detente.query import records as q_records
from detente.query.actors import actor_view
from detente.query.article import article
from detente.query.common import Filters, Store
from detente.query.dyad import dyad, dyads, timeline
from detente.query.outlets import outlet, outlet_counts, outlets
from detente.query.paging import Page
from detente.query.search import search
from detente.settings import Settings

__all__ = ["Views"]

P = ParamSpec("P")
T = TypeVar("T")


def _bound(fn: Callable[Concatenate[Store, P], T]) -> Callable[Concatenate[Views, P], T]:
    """A query function as a method: the same arguments after the store, the store given."""

    def method(self: Views, *args: P.args, **kwargs: P.kwargs) -> T:
        return fn(self.store, *args, **kwargs)

    method.__name__ = fn.__name__
    method.__doc__ = fn.__doc__
    return method


class Views:
    """Every query view of :mod:`detente.query`, over ``store``, with ``settings`` applied."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @property
    def tolerance(self) -> float:
        """How far apart two outlets' figures may be and still agree (``figure_tolerance``)."""
        return float(self.settings["figure_tolerance"])

    @property
    def limit(self) -> int:
        """Rows a listing returns when none is asked for (``search_limit``)."""
        return int(self.settings["search_limit"])

    def compare(self) -> list[dict[str, Any]]:
        """Clusters across outlets, figures compared within the tolerance setting."""
        return q_records.compare(self.store, self.tolerance)

    def compare_page(
        self, limit: int | None = None, offset: int = 0, kind: str | None = None
    ) -> Page:
        """A page of :meth:`compare`'s clusters, with how many there are: the limit applied
        in the database (:func:`detente.query.records.compare_page`)."""
        return q_records.compare_page(self.store, self.tolerance, limit or self.limit, offset, kind)

    def compare_cluster(self, kind: str, cluster: str) -> dict[str, Any] | None:
        """One cluster side by side, figures compared within the tolerance setting."""
        return q_records.compare_cluster(self.store, kind, cluster, self.tolerance)

    @property
    def min_confidence(self) -> float:
        """Events below this confidence are left out unless asked (``min_confidence``)."""
        return float(self.settings["min_confidence"])

    def dyad(self, a: str, b: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The pair's view (:func:`detente.query.dyad.dyad`) at the confidence setting."""
        kwargs.setdefault("min_confidence", self.min_confidence)
        return dyad(self.store, a, b, *args, **kwargs)

    def dyads(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        """The pairs with most events (:func:`detente.query.dyad.dyads`) at the setting."""
        kwargs.setdefault("min_confidence", self.min_confidence)
        return dyads(self.store, *args, **kwargs)

    def events(self, *args: Any, **kwargs: Any) -> Page:
        """Events with their sources (:func:`detente.query.records.events`) at the setting."""
        kwargs.setdefault("min_confidence", self.min_confidence)
        return q_records.events(self.store, *args, **kwargs)

    def timeline(self, filters: Filters | None = None, by: str = "year") -> list[dict[str, Any]]:
        """Events per period (:func:`detente.query.dyad.timeline`) at the setting."""
        f = filters or Filters()
        if f.min_confidence is None:
            f = dataclasses.replace(f, min_confidence=self.min_confidence)
        return timeline(self.store, f, by)

    def outlets(self, *args: Any, **kwargs: Any) -> Page:
        """Outlets and their framing (:func:`detente.query.outlets.outlets`) at the setting."""
        kwargs.setdefault("min_confidence", self.min_confidence)
        return outlets(self.store, *args, **kwargs)

    def outlet(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        """One outlet (:func:`detente.query.outlets.outlet`) at the confidence setting."""
        kwargs.setdefault("min_confidence", self.min_confidence)
        return outlet(self.store, *args, **kwargs)

    actor = _bound(q_records.actor)
    counts = _bound(q_records.counts)
    document = _bound(q_documents.document)
    documents = _bound(q_documents.documents)
    stats = _bound(q_documents.stats)
    actors = _bound(q_records.actors)
    actor_view = _bound(actor_view)
    article = _bound(article)
    event_rows = _bound(q_records.event_rows)
    figures = _bound(q_records.figures)
    outlet_counts = _bound(outlet_counts)
    quotes = _bound(q_records.quotes)
    search = _bound(search)
