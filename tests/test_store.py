"""The store: migrations, one transaction per document, stage versions, the export contract."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from detente.errors import SchemaVersionError, StoreError
from detente.export import CONTRACT
from detente.pipeline import STAGES, Pipeline
from detente.store.schema import MIGRATIONS, MIGRATIONS_PG
from detente.store.sqlite import SQLiteStore, _split_sql

TEXT = (
    "Talks in the capital\n"
    "The presidents of Ruritania and Freedonia met in the capital on Tuesday and signed an "
    "agreement on trade, officials said.\n"
)


def test_new_database_is_at_the_latest_schema(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    store.close()
    # opening again applies nothing and keeps data
    store = SQLiteStore(tmp_path / "a.db")
    assert store.count("documents") == 0


#: sha256 of each released migration as rendered per dialect: a released migration is never
#: edited (databases already ran it), only new ones appended.  The SQLite texts are the ones
#: detente shipped before the two dialects shared one source.
RELEASED = {
    "sqlite": (
        "33483cf2460dc0d920c7f43bc60a7752fc1d51b8f561a6c533970b467f4ad96e",
        "86ffed6202eee23511708c7687ce64c65b97b7c7b1c01f9559000e774dba92cd",
    ),
    "postgresql": (
        "d5624f356cdfd60cc1dae5709bf8f6d7bd861e27ab8100d07b05f7f43d96f709",
        "86ffed6202eee23511708c7687ce64c65b97b7c7b1c01f9559000e774dba92cd",
    ),
}


@pytest.mark.parametrize("dialect", sorted(RELEASED))
def test_released_migrations_are_never_edited(dialect: str) -> None:
    rendered = MIGRATIONS if dialect == "sqlite" else MIGRATIONS_PG
    assert len(MIGRATIONS) == len(MIGRATIONS_PG) >= len(RELEASED[dialect])
    digests = tuple(hashlib.sha256(m.encode()).hexdigest() for m in rendered)
    assert digests[: len(RELEASED[dialect])] == RELEASED[dialect]


def test_a_schema_1_database_is_brought_forward(tmp_path: Path) -> None:
    """A file written by detente at schema 1 opens, migrates and keeps its rows."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO rejections (source, reason, message, at) VALUES ('a', 'b', 'c', 'd')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    store = SQLiteStore(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    indexes = {r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "events_dyad_time" in indexes and "events_dyad" not in indexes
    assert store.count("rejections") == 1
    store.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(SchemaVersionError):
        SQLiteStore(path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        SQLiteStore(path)


def test_records_know_their_stage_version(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    for table in ("mentions", "events", "quotes", "figures", "times"):
        for row in db.store.rows(f"SELECT stage, stage_version FROM {table}"):
            assert row["stage"] in {s.name for s in STAGES} and row["stage_version"]
    runs = db.store.rows("SELECT stage, version, status FROM stage_runs")
    assert {r["stage"] for r in runs} == {"annotate"} | {s.name for s in STAGES}


def test_newer_stage_version_replaces_only_its_own_records(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    mentions_before = db.store.rows("SELECT id, stage_version FROM mentions ORDER BY id")
    times_before = db.store.rows("SELECT id FROM times ORDER BY id")
    # bump the times stage only
    db.pipeline = Pipeline(
        [
            s if s.name != "times" else dataclasses.replace(s, version=s.version + ".1")
            for s in STAGES
        ]
    )
    report = db.ingest([str(path)])
    assert len(report.updated) == 1
    assert db.store.rows("SELECT id, stage_version FROM mentions ORDER BY id") == mentions_before
    versions = {r["stage_version"] for r in db.store.rows("SELECT stage_version FROM times")}
    bumped = db.stage_table()["times"][0]
    assert bumped.startswith(STAGES[1].version + ".1+")
    if times_before:
        assert versions == {bumped}
    run = db.store.rows("SELECT version FROM stage_runs WHERE stage = 'times'")
    assert run == [{"version": bumped}]


def test_a_failing_stage_is_recorded_and_the_others_run(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def boom(_ann: object) -> list[object]:
        raise RuntimeError("boom")

    db.pipeline = Pipeline(
        [s if s.name != "figures" else dataclasses.replace(s, run=boom) for s in STAGES]
    )
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    report = db.ingest([str(path)])
    assert [e[1] for e in report.stage_errors] == ["figures"]
    status = {r["stage"]: r["status"] for r in db.store.rows("SELECT * FROM stage_runs")}
    assert status["figures"] == "failed" and status["events"] == "ok"


def test_export_contract_shape(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io

    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest(
        [str(path)],
    )
    out = io.StringIO()
    n = db.export(out, "jsonl")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows) >= 1
    for row in rows:
        assert row["type"] in CONTRACT
        missing = [f for f in CONTRACT[row["type"]] if f not in row]
        assert not missing, (row["type"], missing)
    doc = next(r for r in rows if r["type"] == "document")
    assert doc["source"] == str(path)
    csv_out = io.StringIO()
    assert db.export(csv_out, "csv") == n
    assert csv_out.getvalue().splitlines()[0].startswith("type,")


def test_record_rows_take_flat_fields_as_they_are_and_nested_ones_as_json() -> None:
    import dataclasses

    from detente.model import Figure
    from detente.store.base import record_rows

    fig = Figure(1, 10, 20, "$5 billion", 5e9, "USD", 2023, "trade", None, "over", "figure")
    cols = ["doc", "sentence", "start", "value", "unit", "said_by", "stage", "missing"]
    row = record_rows("figures", cols, "d1", [fig], "figures", "2")[0]
    assert row == ("d1", 1, 10, 5e9, "USD", None, "figures", None)

    @dataclasses.dataclass(frozen=True)
    class Part:
        name: str

    @dataclasses.dataclass(frozen=True)
    class Nested:
        flag: bool
        parts: tuple[Part, ...]

    nested = record_rows("x", ["flag", "parts"], "d1", [Nested(True, (Part("a"),))], "s", "1")
    assert nested == [(1, '[{"name": "a"}]')]


def _processed(doc_id: str, value: float | None) -> Any:
    """A processed document with one figure; a figure without a value breaks NOT NULL."""
    from detente.model import Document, Figure, Metadata, Paragraph, Processed, Sentence

    text = f"Trade reached {value} billion in 2023."
    doc = Document(
        doc_id, f"{doc_id}.txt", text, doc_id * 4, "text", (Paragraph(0, len(text)),), Metadata()
    )
    fig = Figure(0, 0, len(text), text, value, "USD", 2023, "trade", None)  # type: ignore[arg-type]
    return Processed(doc, [Sentence(0, 0, len(text), text, 0)], {"figures": [fig]})


def test_a_batch_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    """SQLite writes a batch in one transaction: a failure leaves none of it, and the batches
    before it stay whole.  The failure is a named StoreError (the driver's error its cause)."""
    store = SQLiteStore(tmp_path / "b.db")
    stages = {"annotate": ("m1", None), "figures": ("2", "figures")}
    store.write_many([_processed("a", 1.0), _processed("b", 2.0)], stages)
    with pytest.raises(StoreError, match="NOT NULL constraint failed"):
        store.write_many([_processed("c", 3.0), _processed("d", None)], stages)
    docs = [r["id"] for r in store.rows("SELECT id FROM documents ORDER BY id")]
    assert docs == ["a", "b"]
    assert store.count("figures") == 2 and store.count("sentences") == 2
    assert store.count("stage_runs") == 4
    store.write_many([_processed("c", 3.0)], stages)
    assert store.count("documents") == 3
    store.close()


def test_record_rows_mix_plain_and_boolean_records() -> None:
    """Records of one table whose values are plain and records with a bool (stored 0/1)."""
    from detente.model import Quote
    from detente.store.base import record_rows

    cols = ["doc", "sentence", "text", "direct", "speaker", "stage", "stage_version"]
    plain = Quote(2, 5, 9, "we agree", 1, None, None, None, None)  # type: ignore[arg-type]
    flagged = Quote(3, 5, 9, "we agree", True, None, None, "Ivan Petrov", None)
    rows = record_rows("quotes", cols, "d1", [plain, flagged, plain], "quotes", "3")
    assert rows == [
        ("d1", 2, "we agree", 1, None, "quotes", "3"),
        ("d1", 3, "we agree", 1, "Ivan Petrov", "quotes", "3"),
        ("d1", 2, "we agree", 1, None, "quotes", "3"),
    ]
    assert type(rows[1][3]) is int


def test_migration_3_rehashes_stored_documents_without_merging_them(tmp_path: Path) -> None:
    """A record made before whitespace-blind hashes: on first open each document gets its new
    hash, except a whitespace copy stored beside it (it keeps its old one: nothing is merged
    or dropped); a new copy then finds the first document."""
    from detente.model import Document, Metadata, Paragraph, Processed, content_hash

    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    text = "Trade reached 3 billion in 2023.\n\nBoth sides said so."
    # the document ingested first (ties: the smaller id) takes the new hash
    for doc_id, body in (("a-first", text), ("b-copy", text.replace("\n\n", "\n\n\n"))):
        doc = Document(
            doc_id, f"{doc_id}.txt", body, f"old-{doc_id}", "text", (Paragraph(0, 10),), Metadata()
        )
        store.write_many([Processed(doc)], {"annotate": ("m1", None)})
    # back to schema 2: undo what the later migrations add to the events table
    store.conn.executescript(
        """DROP INDEX events_dyad_time;
        DROP INDEX events_pair_doc;
        ALTER TABLE quotes DROP COLUMN speaker_sector;
        ALTER TABLE events DROP COLUMN confidence;
        ALTER TABLE events DROP COLUMN date_basis;
        ALTER TABLE events DROP COLUMN target_sector;
        ALTER TABLE events DROP COLUMN source_sector;
        CREATE INDEX events_dyad_time
            ON events(source_actor, target_actor, date, quad_class, goldstein);"""
    )
    store.conn.execute("PRAGMA user_version = 2")
    store.close()

    store = SQLiteStore(path)
    hashes = {
        r["id"]: r["content_hash"] for r in store.rows("SELECT id, content_hash FROM documents")
    }
    assert hashes == {"a-first": content_hash(text), "b-copy": "old-b-copy"}
    assert store.stage_versions(content_hash(text.replace(". ", ".  "))) is not None
    store.close()


def test_a_file_with_planner_statistics_gets_them_for_the_indexes_a_migration_adds(
    tmp_path: Path,
) -> None:
    """SQLite takes an index without statistics for more selective than any with them (and
    would read a big pair's days through the table): a file that has them (``ANALYZE`` was
    run on it) gets them for the indexes a migration adds; a file without keeps none."""
    from test_indices import desk_db

    analyzed, plain = desk_db(tmp_path / "analyzed.db"), desk_db(tmp_path / "plain.db")
    for path in (analyzed, plain):
        conn = sqlite3.connect(path)
        if path == analyzed:
            conn.execute("ANALYZE")
        conn.execute("DROP INDEX events_pair_doc")
        conn.execute("PRAGMA user_version = 8")
        conn.commit()
        conn.close()
    store = SQLiteStore(analyzed)
    stat = "SELECT stat FROM sqlite_stat1 WHERE idx = 'events_pair_doc'"
    assert store.conn.execute(stat).fetchone() is not None
    store.close()
    store = SQLiteStore(plain)
    assert not store.rows("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
    store.close()


def test_a_lock_answered_at_once_is_waited_for_and_other_errors_are_not() -> None:
    """SQLite may answer "database is locked" without waiting (a file switched to WAL, or
    read while another process creates it): the store tries again; any other error stands."""
    import sqlite3

    from detente.store.sqlite import _patient

    answers = iter([sqlite3.OperationalError("database is locked")] * 2 + [None])

    def step() -> str:
        err = next(answers)
        if err is not None:
            raise err
        return "opened"

    assert _patient(step) == "opened"

    def broken() -> str:
        raise sqlite3.OperationalError("no such table: x")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        _patient(broken)
