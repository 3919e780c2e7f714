"""What every store offers: the interface the library, merge, queries and exports rely on.

Two stores implement it: :class:`~detente.store.sqlite.SQLiteStore` (one file, one writer)
and :class:`~detente.store.postgres.PostgresStore` (a server, many concurrent writers).
SQL passed to :meth:`Store.rows` uses ``?`` placeholders and the common subset of the two
dialects; what cannot be written portably (full-text search) branches on ``dialect`` in one
place (:func:`detente.query.search.text_match`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from detente.pipeline import Processed

__all__ = ["StageTable", "Store"]

#: stage name -> (version, record table it writes or None), as Database.stage_table() builds it
StageTable = dict[str, tuple[str, str | None]]


class Store(Protocol):
    """A detente record in some database."""

    #: "sqlite" or "postgresql": for the rare query that must differ
    dialect: str
    #: the path or URL the store was opened from (passwords are not echoed anywhere)
    path: str

    def close(self) -> None: ...

    def stage_versions(self, content_hash: str) -> dict[str, str] | None:
        """Stage versions already stored for a document, or None when it is new."""
        ...

    def write(self, processed: Processed, stages: StageTable) -> None:
        """Write one document and its records in one transaction (idempotent)."""
        ...

    def add_rejection(self, source: str, reason: str, message: str) -> None: ...

    def load_actors(self, actors: Iterable[Any], version: str) -> None: ...

    def set_clusters(self, table: str, assignment: dict[int, str]) -> None: ...

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]: ...

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]: ...

    def count(self, table: str) -> int: ...
