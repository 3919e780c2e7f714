"""Storage: the schema and its migrations, the SQLite and PostgreSQL stores.

:data:`STORES` maps a URL scheme to the store class that opens it; anything without a known
scheme is a SQLite file path.  A new store is one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.store.base import Store
from detente.store.sqlite import SQLiteStore

__all__ = ["STORES", "SQLiteStore", "Store", "open_store", "scheme_of"]


def _postgres(url: str) -> Store:
    from detente.store.postgres import PostgresStore  # psycopg only when it is asked for

    return PostgresStore(url)


#: URL scheme -> how to open a store there; a path without a scheme is a SQLite file
STORES: dict[str, Callable[[str], Store]] = {
    "sqlite": SQLiteStore,  # the default: a path
    "postgresql": _postgres,
    "postgres": _postgres,
}


def scheme_of(url: str) -> str:
    """The store kind a path or URL names: its scheme when it has a known one, else sqlite."""
    scheme, sep, _ = url.partition("://")
    return scheme.lower() if sep and scheme.lower() in STORES else "sqlite"


def open_store(url: str) -> Store:
    """Open a store: ``postgresql://...`` opens PostgreSQL, anything else a SQLite file."""
    return STORES[scheme_of(url)](url)
