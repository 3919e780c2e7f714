"""Storage: the schema and its migrations, the SQLite store, exports."""

from detente.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "open_store"]


def open_store(url: str) -> SQLiteStore:
    """Open a store from a path or URL (PostgreSQL comes with the scale issue)."""
    if url.startswith(("postgresql://", "postgres://")):
        from detente.errors import MissingDependency

        raise MissingDependency("PostgreSQL store", "postgres")
    return SQLiteStore(url)
