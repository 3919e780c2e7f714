"""The PostgreSQL store: same schema and answers as SQLite, safe with concurrent writers.

Server tests run when DETENTE_TEST_PG names a database (``.ci/run`` starts one); the SQL
translation tests need no server.  The rest of the suite runs on both stores through the
parametrised ``db`` / ``seed_db`` / ``store_url`` fixtures in conftest.
"""

from __future__ import annotations

import io
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

import detente
from conftest import PG_URL, drop_pg_schema, pg_schema_url
from detente.errors import SchemaVersionError, StoreError
from detente.store import open_store
from detente.store.postgres import PostgresStore, translate
from detente.store.schema import MIGRATIONS, MIGRATIONS_PG

needs_pg = pytest.mark.skipif(not PG_URL, reason="DETENTE_TEST_PG not set")

TEXTS = {
    "a.txt": (
        "Talks in Beijing\n"
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on "
        'Tuesday. "We will deepen our partnership," Putin said. Trade between the two '
        "countries reached $190 billion in 2023, officials said.\n"
    ),
    "b.txt": (
        "Sanctions\n"
        "The United States imposed sanctions on Russia on Friday, the Treasury said. "
        "Moscow condemned the decision and said it would respond.\n"
    ),
}


@pytest.fixture()
def pg_url() -> Any:
    if not PG_URL:
        pytest.skip("DETENTE_TEST_PG not set")
    url = pg_schema_url("pg")
    yield url
    drop_pg_schema(url)


def _write_texts(folder: Path) -> list[str]:
    for name, text in TEXTS.items():
        (folder / name).write_text(text)
    return [str(folder / n) for n in TEXTS]


# -- translation (no server) --------------------------------------------------------------------
def test_placeholders_outside_literals_only() -> None:
    sql = "SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '50%'"
    assert translate(sql) == "SELECT '?', \"a?\" FROM t WHERE x = %s AND y ILIKE '50%%'"


def test_nocase_and_null_order_follow_sqlite() -> None:
    got = translate("SELECT * FROM a WHERE name = ? COLLATE NOCASE ORDER BY d DESC, e LIMIT ?")
    assert got == (
        "SELECT * FROM a WHERE lower(name) = lower(%s) ORDER BY d DESC NULLS LAST, e NULLS FIRST "
        "LIMIT %s"
    )
    assert translate("SELECT a FROM t ORDER BY a COLLATE NOCASE") == (
        "SELECT a FROM t ORDER BY lower(a) NULLS FIRST"
    )
    inner = translate("SELECT x FROM (SELECT x FROM t ORDER BY x) s ORDER BY x IS NULL, x")
    assert inner.count("NULLS FIRST") == 3


def test_both_schemas_have_the_same_columns(tmp_path: Path) -> None:
    """The one schema source renders the same tables and columns in both dialects."""
    assert len(MIGRATIONS) == len(MIGRATIONS_PG)
    conn = sqlite3.connect(tmp_path / "s.db")
    for migration in MIGRATIONS:
        conn.executescript(migration)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith("sentences_fts")
    ]
    sqlite_cols = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    if not PG_URL:
        pytest.skip("DETENTE_TEST_PG not set: compared the SQLite side only")
    url = pg_schema_url("cols")
    store = PostgresStore(url)
    try:
        for table, cols in sqlite_cols.items():
            got = [
                r["column_name"]
                for r in store.conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    "current_schema() AND table_name = %s ORDER BY ordinal_position",
                    (table,),
                )
            ]
            assert got == cols, table
    finally:
        store.drop()
        store.close()


# -- a real server --------------------------------------------------------------------------------
@needs_pg
def test_url_opens_postgres_and_reopening_keeps_data(pg_url: str) -> None:
    store = open_store(pg_url)
    assert store.dialect == "postgresql"
    store.add_rejection("x.txt", "empty", "no text")
    store.close()
    again = open_store(pg_url)
    assert again.count("rejections") == 1
    assert again.rows("SELECT reason FROM rejections WHERE source = ?", ["x.txt"]) == [
        {"reason": "empty"}
    ]
    again.close()


@needs_pg
def test_newer_schema_is_refused(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.conn.execute(
        "UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(len(MIGRATIONS_PG) + 3),)
    )
    store.close()
    with pytest.raises(SchemaVersionError):
        PostgresStore(pg_url)


@needs_pg
def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError) as info:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(info.value)


@needs_pg
def test_same_record_as_sqlite(pg_url: str, tmp_path: Path) -> None:
    """Ingest the same articles into both stores: the exports are identical, line for line."""
    inputs = _write_texts(tmp_path)
    exports = []
    for url in (str(tmp_path / "s.db"), pg_url):
        with detente.open(url) as db:
            db.ingest(inputs)
            out = io.StringIO()
            db.export(out, "jsonl")
            exports.append(out.getvalue())
            assert db.stats()["counts"]["documents"] == 2
    assert exports[0] == exports[1]
    assert exports[0].count("\n") > 2


@needs_pg
def test_concurrent_writers_store_each_document_once(pg_url: str, tmp_path: Path) -> None:
    """Four connections write the same processed documents at once: no duplicates."""
    inputs = _write_texts(tmp_path)
    with detente.open(pg_url) as db:
        stages = db.stage_table()
        docs = [d for d in db.pipeline.prepare_all(_raws(inputs)) if hasattr(d, "content_hash")]
        processed = list(db.pipeline.run(docs))  # type: ignore[arg-type]
    errors: list[BaseException] = []

    def writer() -> None:
        store = PostgresStore(pg_url)
        try:
            for _ in range(3):
                for p in processed:
                    store.write(p, stages)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = PostgresStore(pg_url)
    assert store.count("documents") == 2
    assert store.count("sentences") == sum(len(p.sentences) for p in processed)
    assert store.count("mentions") == sum(len(p.records("mentions")) for p in processed)
    runs = store.rows("SELECT doc, count(*) AS n FROM stage_runs GROUP BY doc")
    # one per step but prepare, whose version is on the documents row
    assert {r["n"] for r in runs} == {len(stages) - 1}
    store.close()


def _raws(inputs: list[str]) -> Any:
    from detente.ingest.files import read_inputs
    from detente.model import Given

    return read_inputs(inputs, Given(), "auto", 5_000_000)


@needs_pg
def test_read_only_store_reads_and_refuses_writes(pg_url: str) -> None:
    PostgresStore(pg_url).close()  # create the schema
    store = PostgresStore(pg_url, read_only=True)
    assert store.count("documents") == 0
    with pytest.raises(StoreError, match="read-only"):
        store.rows("INSERT INTO meta VALUES ('x', 'y') RETURNING key")
    store.close()
    with pytest.raises(StoreError):
        PostgresStore(pg_schema_url("missing"), read_only=True)


@needs_pg
def test_many_first_opens_at_once_create_one_schema(pg_url: str) -> None:
    """Workers starting together all open a store that does not exist yet."""
    errors: list[BaseException] = []

    def open_once() -> None:
        try:
            PostgresStore(pg_url).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    store = PostgresStore(pg_url)
    assert store.rows("SELECT value FROM meta WHERE key = 'schema_version'") == [
        {"value": str(len(MIGRATIONS_PG))}
    ]
    store.close()


@needs_pg
def test_every_read_command_prints_the_same_on_both_stores(pg_url: str, tmp_path: Path) -> None:
    """What a user sees does not depend on the store (search ranks differ: FTS5 vs tsvector)."""
    from click.testing import CliRunner

    from detente.cli import cli

    inputs = _write_texts(tmp_path)
    urls = (str(tmp_path / "s.db"), pg_url)
    for url in urls:
        with detente.open(url) as db:
            db.ingest(inputs)
    commands = [
        ["documents"],
        ["stats"],
        ["events"],
        ["quotes"],
        ["figures"],
        ["actors"],
        ["actor", "Vladimir Putin"],
        ["compare"],
        ["outlets"],
        ["timeline", "--actor", "RUS"],
        ["dyad", "RUS", "CHN"],
        ["export"],
        ["export", "--format", "csv"],
    ]
    runner = CliRunner()
    checked = 0
    for args in commands:
        if args[0] not in cli.commands:  # type: ignore[attr-defined]
            continue
        out = [runner.invoke(cli, ["--db", url, *args]) for url in urls]
        assert out[0].exit_code == out[1].exit_code == 0, (args, out[1].output)
        assert out[0].output == out[1].output, args
        checked += 1
    assert checked >= 8
