"""Shared fixtures: the seed corpus read from ../shared (never copied), a database of it.

The store-level fixtures (``db``, ``seed_db``, ``store_url``) run each test on every store:
SQLite always, PostgreSQL too when DETENTE_TEST_PG names a database (``.ci/postgres`` starts
one), each test in a fresh schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared")).resolve()
SEEDS = SHARED / "corpus" / "seeds"


def need_shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return need_shared("corpus/seeds")


#: the stores every store-level fixture runs on; PostgreSQL when a server is given
PG_URL = os.environ.get("DETENTE_TEST_PG", "")
STORES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


def pg_schema_url(name: str) -> str:
    """A URL for a fresh PostgreSQL schema of its own, so tests never see each other's rows."""
    schema = f"t_{name}_{uuid.uuid4().hex[:10]}"
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}schema={schema}"


def drop_pg_schema(url: str) -> None:
    import psycopg

    base, _, schema = url.rpartition("schema=")
    with psycopg.connect(base.rstrip("?&"), autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextlib.contextmanager
def store_location(kind: str, folder: Path, name: str) -> Iterator[str]:
    """Where a test's store lives: a SQLite file in ``folder``, or a PostgreSQL schema that is
    dropped afterwards."""
    if kind == "sqlite":
        yield str(folder / f"{name}.db")
        return
    url = pg_schema_url(name)
    try:
        yield url
    finally:
        drop_pg_schema(url)


@pytest.fixture(params=STORES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store's path or URL, once per store kind."""
    with store_location(request.param, tmp_path, "t") as url:
        yield url


@pytest.fixture(scope="session", params=STORES)
def seed_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path
) -> Iterator[object]:
    """The seed corpus ingested once per store kind into a fresh database."""
    import detente

    with store_location(request.param, tmp_path_factory.mktemp("seeds"), "seeds") as url:
        db = detente.open(url)
        report = db.ingest([str(seeds_dir)])
        assert not report.rejected, report.rejected
        yield db
        db.close()


@pytest.fixture()
def db(store_url: str) -> Iterator[object]:
    """A fresh, empty database, once per store kind."""
    import detente

    database = detente.open(store_url)
    yield database
    database.close()
