"""Shared fixtures: the seed corpus read from ../shared (never copied), a database of it."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[object]:
    """The seed corpus ingested once into a fresh SQLite database."""
    import detente

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    db = detente.open(str(path))
    report = db.ingest([str(seeds_dir)])
    assert not report.rejected, report.rejected
    yield db
    db.close()


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[object]:
    import detente

    database = detente.open(str(tmp_path / "t.db"))
    yield database
    database.close()
