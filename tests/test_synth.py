"""Synthetic load-test events: marked as such everywhere, shaped like real rows, never mixed
into a real record."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from detente.bench.synthetic import EVENTS_PER_DOC, MARK, generate
from detente.errors import StoreError
from detente.store.sqlite import SQLiteStore


def test_generated_events_are_marked_and_consistent(tmp_path: Path) -> None:
    db = tmp_path / "synth.db"
    stats = generate(db, 2_500)
    assert stats["events"] == 2_500 and stats["documents"] == 25
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone() == ("1",)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 2_500
    docs = conn.execute("SELECT DISTINCT format, outlet, stage FROM documents").fetchall()
    assert docs == [(MARK, MARK, MARK)]
    marks = conn.execute("SELECT DISTINCT rule, stage FROM events").fetchall()
    assert marks == [(MARK, MARK)]
    # every event points at a sentence of its own document, by offsets into the text
    bad = conn.execute(
        """SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc
           JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
           WHERE substr(d.text, e.start + 1, e."end" - e.start) != s.text"""
    ).fetchone()[0]
    assert bad == 0
    per_doc = conn.execute("SELECT max(n) FROM (SELECT count(*) n FROM events GROUP BY doc)")
    assert per_doc.fetchone()[0] == EVENTS_PER_DOC
    # real codes: Goldstein and quad class from the codebook, never self-dyads
    row = conn.execute(
        "SELECT count(*) FROM events WHERE goldstein IS NULL OR quad_class NOT IN (1, 2, 3, 4)"
        " OR source_actor = target_actor"
    ).fetchone()
    assert row[0] == 0
    # the dyad timeline's covering index exists after generation (dropped and rebuilt)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "events_dyad_time" in names
    conn.close()


def test_refuses_a_real_record(tmp_path: Path, seeds_dir: Path) -> None:
    import detente

    real = tmp_path / "real.db"
    with detente.open(str(real)) as db:
        db.ingest([str(sorted(seeds_dir.glob("*.txt"))[0])])
    with pytest.raises(StoreError, match="real documents"):
        generate(real, 100)
    SQLiteStore(real).close()
    conn = sqlite3.connect(real)
    assert conn.execute("SELECT count(*) FROM events WHERE rule = 'synthetic'").fetchone()[0] == 0
    conn.close()
