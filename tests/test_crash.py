"""Crash safety, for real: ``kill -9`` an ingest in the middle of a batch, run it again.

Nothing is mocked: ``detente ingest`` runs in its own process group (with worker processes and
small batches, so several batches are in flight when it dies), the whole group is killed with
SIGKILL once some documents are stored, and the same command is run again.  Afterwards every
input is stored exactly once and every stored document is whole: its sentences and a
successful run of every stage.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from detente.clean.prepare import content_hash
from detente.pipeline import STAGES

N_ARTICLES = 30

_STATES = ["France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Mexico"]
_TOPICS = ["trade", "energy", "fisheries", "climate", "rail links", "grain exports"]


def _article(i: int) -> str:
    """A short, unique English news article (the number makes every text different)."""
    a, b = _STATES[i % len(_STATES)], _STATES[(i * 3 + 1) % len(_STATES)]
    topic = _TOPICS[i % len(_TOPICS)]
    return (
        f"{a} and {b} agree on {topic} plan number {i}\n\n"
        f"The foreign ministers of {a} and {b} met in Geneva on Monday and signed an "
        f"agreement on {topic}, the {i + 2}th such accord between the two countries.\n\n"
        f'"This is a good day for both of our peoples," the minister of {a} told reporters '
        f"after the talks, which lasted {i + 3} hours.\n\n"
        f"Trade between the two countries reached ${i + 10} billion last year, according to "
        f"figures published by the government of {b}.\n\n"
        f"Officials said that the next round of talks would be held in {b} in the spring, and "
        f"that they expected to widen the agreement to cover investment as well.\n"
    )


def _detente(db: Path, folder: Path) -> list[str]:
    exe = Path(sys.executable).with_name("detente")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "detente.cli"]
    return [*cmd, "--db", str(db), "ingest", str(folder)]


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # schema not created yet, or locked for a moment
        return 0


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the ingest and its worker processes (its own process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def test_kill_9_mid_batch_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {}
    for i in range(N_ARTICLES):
        path = folder / f"article_{i:02d}.txt"
        path.write_text(_article(i), encoding="utf-8")
        texts[str(path)] = _article(i)
    db = tmp_path / "crash.db"
    env = {**os.environ, "DETENTE_PROCESSES": "2", "DETENTE_BATCH_SIZE": "3"}

    proc = subprocess.Popen(
        _detente(db, folder),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches its workers too
    )
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and proc.poll() is None:
            stored = _count(db)
            if stored >= 4:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        assert 0 < stored < N_ARTICLES
    finally:
        _kill_group(proc)
    at_kill = _count(db)
    assert at_kill < N_ARTICLES, "nothing was left to do after the kill: the test proves nothing"

    again = subprocess.run(_detente(db, folder), env=env, capture_output=True, timeout=150)
    assert again.returncode == 0, again.stderr.decode(errors="replace")[-2000:]

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT id, source, content_hash FROM documents").fetchall()
    # zero lost, zero duplicated: each input exactly once, by source and by content
    assert sorted(r[1] for r in rows) == sorted(texts)
    assert sorted(r[2] for r in rows) == sorted(content_hash(t) for t in texts.values())
    assert len({r[0] for r in rows}) == N_ARTICLES
    # every stored document is complete: sentences, and every stage ran and succeeded
    wanted = {"annotate", *(s.name for s in STAGES)}
    for doc_id, source, _ in rows:
        n_sent = conn.execute("SELECT count(*) FROM sentences WHERE doc = ?", (doc_id,))
        assert n_sent.fetchone()[0] >= 4, source
        runs = dict(conn.execute("SELECT stage, status FROM stage_runs WHERE doc = ?", (doc_id,)))
        assert set(runs) == wanted, source
        assert set(runs.values()) == {"ok"}, source
        mentions = conn.execute("SELECT count(*) FROM mentions WHERE doc = ?", (doc_id,))
        assert mentions.fetchone()[0] > 0, source
    # the same sentence is never stored twice (a half-written document was rolled back)
    dup = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM sentences GROUP BY doc, idx HAVING count(*) > 1)"
    )
    assert dup.fetchone()[0] == 0
    conn.close()
