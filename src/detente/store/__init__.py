"""Storage: the schema and its migrations, the SQLite and PostgreSQL stores, exports."""

from __future__ import annotations

from detente.store.base import Store
from detente.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "open_store"]


def open_store(url: str) -> Store:
    """Open a store: a ``postgresql://`` URL opens PostgreSQL, anything else a SQLite file."""
    from detente.store.postgres import PostgresStore, is_postgres_url

    if is_postgres_url(url):
        return PostgresStore(url)
    return SQLiteStore(url)
