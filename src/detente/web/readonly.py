"""A read-only view of a detente SQLite file for the web server.

The server never writes: the file is opened with ``mode=ro`` (the operating system refuses
writes) and ``PRAGMA query_only`` (SQLite refuses them too), one connection per request.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from detente.errors import StoreError
from detente.store.schema import MIGRATIONS

__all__ = ["ReadOnlyStore"]


class ReadOnlyStore:
    """Parameterised reads only; the query layer's whole need of a store."""

    dialect = "sqlite"
    concurrent_writers = False

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"no database at {self.path}: run `detente ingest` first")
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA query_only = ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path} read-only: {exc}") from exc
        if not 1 <= version <= len(MIGRATIONS):
            self.conn.close()
            raise StoreError(
                f"{self.path} has schema {version}; this detente reads 1..{len(MIGRATIONS)}"
            )

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params))]

    def close(self) -> None:
        self.conn.close()
