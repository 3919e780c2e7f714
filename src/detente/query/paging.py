"""Pages of rows that know how many there are in all, so no listing stops silently.

A :class:`Page` is the list of rows a query returns (callers iterate, index and compare it as
a list) that also carries ``total``, ``limit`` and ``offset``: a listing cut at its limit can
say "200 of 405", and ask for the next 200 with an offset.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from detente.query.common import QueryError, Store, clamp

__all__ = ["MAX_OFFSET", "Page", "offset_of", "paged", "sliced"]

#: no listing starts further in than this (the web passes user input; OFFSET scans what it skips)
MAX_OFFSET = 10_000_000


def offset_of(offset: int | str | None) -> int:
    """An offset within 0..MAX_OFFSET: callers pass user input straight through."""
    if offset in (None, ""):
        return 0
    try:
        value = int(offset)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise QueryError(f"offset must be a number: {offset!r}") from exc
    if value < 0:
        raise QueryError(f"offset must be 0 or more: {offset!r}")
    return min(value, MAX_OFFSET)


class Page(list[dict[str, Any]]):
    """Rows ``offset .. offset + len`` of ``total`` matching rows, at most ``limit`` of them."""

    def __init__(self, rows: Iterable[dict[str, Any]], total: int, limit: int, offset: int = 0):
        super().__init__(rows)
        self.total = int(total)
        self.limit = int(limit)
        self.offset = int(offset)
        #: what else a reader must know of the page (search: ``undated_excluded``)
        self.extra: dict[str, Any] = {}

    @property
    def truncated(self) -> bool:
        """Whether rows exist outside this page (before it or after it)."""
        return self.offset > 0 or self.offset + len(self) < self.total

    def meta(self) -> dict[str, Any]:
        """``total``, ``limit``, ``offset``, how many rows were ``shown``, and any extra."""
        counts = {"total": self.total, "limit": self.limit, "offset": self.offset}
        return {**counts, "shown": len(self), **self.extra}

    def as_dict(self) -> dict[str, Any]:
        """The page for JSON: its counts, then its rows."""
        return {**self.meta(), "rows": list(self)}

    def note(self, noun: str = "rows") -> str | None:
        """ "rows 1-200 of 405 events: --offset 200 for more"; None when nothing is left out."""
        if not self.truncated:
            return None
        if not self:
            return f"no {noun} at offset {self.offset}: there are {self.total}"
        first, last = self.offset + 1, self.offset + len(self)
        more = f"; --offset {last} for more" if last < self.total else ""
        return f"{noun} {first}-{last} of {self.total}{more}"


def paged(
    store: Store,
    sql: str,
    params: list[Any],
    limit: int | None,
    offset: int | None = 0,
    *,
    count_sql: str | None = None,
    count_params: list[Any] | None = None,
    default: int = 200,
) -> Page:
    """One page of an ordered query and the count of every row it matches.

    ``sql`` has its ORDER BY and no LIMIT; the count is ``count_sql`` (a ``SELECT count(*) AS
    n``) when given, else the same query counted as a subquery.
    """
    size, start = clamp(limit, default), offset_of(offset)
    rows = store.rows(f"{sql} LIMIT ? OFFSET ?", [*params, size, start])
    if start == 0 and len(rows) < size:
        return Page(rows, len(rows), size, start)  # all of it: no count needed
    if count_sql is None:
        count_sql, count_params = f"SELECT count(*) AS n FROM ({sql}) paged", params
    total = store.rows(count_sql, count_params if count_params is not None else params)[0]["n"]
    return Page(rows, int(total or 0), size, start)


def sliced(rows: list[dict[str, Any]], limit: int | None, offset: int | None = 0) -> Page:
    """A page of rows already in hand (built in Python: compare's clusters, a view's lists)."""
    size, start = clamp(limit), offset_of(offset)
    return Page(rows[start : start + size], len(rows), size, start)
