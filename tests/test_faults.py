"""The fault matrix: each row injects one fault into a real ``detente ingest`` (a subprocess
with worker processes and small batches), lets it end or re-runs it, and checks the same
invariants afterwards: every input stored exactly once, none partial, none lost.

To add a row, write ``def fault_NAME(proc, db) -> Expect`` that does something to the running
ingest and returns what it should end in, and add it to ``FAULTS``; ``@ingest_with(...)`` gives
the row's ingest more options (``--workers 2``: on Dask), code run first in its process (to
crash it at a given point), or an optional package it needs::

    pytest tests/test_faults.py -q              # the whole matrix
    pytest tests/test_faults.py -q -k worker    # one row
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

import detente
from detente.pipeline import STAGES

N_ARTICLES = 12
_STATES = ["France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Mexico"]


def _article(i: int) -> str:
    a, b = _STATES[i % len(_STATES)], _STATES[(i * 3 + 1) % len(_STATES)]
    return (
        f"{a} and {b} sign accord number {i}\n\n"
        f"The foreign ministers of {a} and {b} met in Geneva on 4 March 2024 and signed an "
        f"agreement on trade, the {i + 2}th such accord between the two countries.\n\n"
        f'"This is a good day for both of our peoples," the minister of {a} told reporters '
        f"after the talks, which lasted {i + 3} hours.\n\n"
        f"Officials said the next round of talks would be held in {b} in the spring.\n"
    )


@dataclass(frozen=True)
class Expect:
    """How the faulted run should end: its exit status (None: killed, not asked), and whether
    a clean re-run is needed to store everything."""

    returncode: int | None
    rerun: bool = True
    rejected_reason: str | None = None  # every input rejected by this name in the faulted run


def _ingest_cmd(
    db: Path, folder: Path, args: tuple[str, ...] = (), preamble: str = ""
) -> list[str]:
    main = f"{preamble}\nfrom detente.cli import main; main()"
    return [sys.executable, "-c", main, "--db", str(db), "ingest", *args, str(folder)]


def ingest_with(
    *args: str, preamble: str = "", needs: str | None = None
) -> Callable[[Callable[..., Expect]], Callable[..., Expect]]:
    """A row whose ingest takes ``args``, runs ``preamble`` first in its process, and needs
    the package ``needs`` (the row is skipped without it)."""

    def mark(fault: Callable[..., Expect]) -> Callable[..., Expect]:
        fault.ingest_args = args  # type: ignore[attr-defined]
        fault.preamble = preamble  # type: ignore[attr-defined]
        fault.needs = needs  # type: ignore[attr-defined]
        return fault

    return mark


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(sys.path),
        "DETENTE_PROCESSES": "2",
        "DETENTE_BATCH_SIZE": "2",
    }


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _workers(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    try:
        return list(psutil.Process(proc.pid).children())
    except psutil.NoSuchProcess:
        return []


def _wait_for(test: Callable[[], bool], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if test():
            return True
        time.sleep(0.02)
    return False


# -- the faults -------------------------------------------------------------------------------
def fault_kill_parent(proc: subprocess.Popen[str], db: Path) -> Expect:
    """kill -9 of the main process alone: its workers must not outlive it."""
    assert _wait_for(lambda: bool(_workers(proc)) and _count(db) >= 2)
    workers = _workers(proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    gone = _wait_for(lambda: not any(w.is_running() and w.status() != "zombie" for w in workers), 5)
    assert gone, "worker processes outlived their parent"
    return Expect(None)


def fault_kill_group(proc: subprocess.Popen[str], db: Path) -> Expect:
    """kill -9 of the whole process group mid-batch."""
    assert _wait_for(lambda: _count(db) >= 2)
    os.killpg(proc.pid, signal.SIGKILL)
    return Expect(None)


def fault_sigterm(proc: subprocess.Popen[str], db: Path) -> Expect:
    assert _wait_for(lambda: _count(db) >= 2)
    proc.terminate()
    return Expect(None)


def fault_kill_worker_once(proc: subprocess.Popen[str], db: Path) -> Expect:
    """One worker killed (as the OOM killer would): its batch is retried, the run finishes."""
    assert _wait_for(lambda: bool(_workers(proc)) and _count(db) >= 1)
    with contextlib.suppress(psutil.NoSuchProcess):
        _workers(proc)[0].kill()
    return Expect(0, rerun=False)


def fault_kill_every_worker(proc: subprocess.Popen[str], db: Path) -> Expect:
    """Every worker killed as soon as it starts: the run still ends, each document rejected
    as worker-died after its retry, and a clean re-run stores them all."""
    deadline = time.monotonic() + 150
    while proc.poll() is None and time.monotonic() < deadline:
        for w in _workers(proc):
            with contextlib.suppress(psutil.NoSuchProcess):
                w.kill()
        time.sleep(0.01)
    # every input rejected: the run ends, and its exit code says so
    return Expect(1, rerun=True, rejected_reason="worker-died")


def fault_concurrent_writer(proc: subprocess.Popen[str], db: Path) -> Expect:
    """A second ingest of the same inputs while the first runs (SQLite's one writer)."""
    folder = Path(proc.args[-1])  # type: ignore[index]
    other = subprocess.run(
        _ingest_cmd(db, folder), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert other.returncode == 0, other.stderr[-2000:]
    return Expect(0, rerun=False)


def _dask_workers(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    """The LocalCluster's worker processes (spawned by the nannies in the ingest process)."""
    found = []
    for child in _workers(proc):
        with contextlib.suppress(psutil.NoSuchProcess):
            if any("spawn_main" in part for part in child.cmdline()):
                found.append(child)
    return found


@ingest_with("--workers", "2", needs="distributed")
def fault_dead_dask_worker(proc: subprocess.Popen[str], db: Path) -> Expect:
    """kill -9 of one Dask worker while documents are in flight (some are stored, not all:
    the rest are on the workers or queued for them): the scheduler gives its tasks to the
    other worker (and the one its nanny restarts), and the run stores everything."""
    assert _wait_for(lambda: len(_dask_workers(proc)) == 2 and 1 <= _count(db) < N_ARTICLES)
    victim = _dask_workers(proc)[0]
    victim.kill()
    victim.wait(30)
    return Expect(0, rerun=False)


#: run first in the ingest's process: the merge's write kills the process (after every
#: document is stored, while the clusters are being written)
_DIE_IN_MERGE = """
import os, signal
from detente.store.sqlite import SQLiteStore
def _die(self, assignments):
    os.kill(os.getpid(), signal.SIGKILL)
SQLiteStore.set_all_clusters = _die
"""


@ingest_with(preamble=_DIE_IN_MERGE)
def fault_crash_in_merge(proc: subprocess.Popen[str], db: Path) -> Expect:
    """kill -9 while the clusters are written: every document is stored and the merge is owed
    (its marker is set), so the re-run, which adds nothing, does the merge."""
    proc.wait(240)
    assert proc.returncode == -signal.SIGKILL
    assert _count(db) == N_ARTICLES
    with detente.open(str(db)) as database:
        assert database.merge_pending()
    return Expect(-signal.SIGKILL, rerun=True)


FAULTS = [
    fault_kill_parent,
    fault_kill_group,
    fault_sigterm,
    fault_kill_worker_once,
    fault_kill_every_worker,
    fault_concurrent_writer,
    fault_dead_dask_worker,
    fault_crash_in_merge,
]


# -- the invariant ----------------------------------------------------------------------------
def check_invariants(db: Path, sources: list[str]) -> None:
    """Each input stored once, by source and by content; each stored document whole; the
    clusters complete."""
    check_documents(db, sources)
    check_clusters(db)


def check_clusters(db: Path) -> None:
    """No merge owed, and the stored clusters are those a merge of everything stored makes."""
    from detente.merge.events import merge_events
    from detente.merge.figures import merge_figures
    from detente.merge.quotes import merge_quotes

    with detente.open(str(db)) as database:
        assert not database.merge_pending()
        merges = {"quotes": merge_quotes, "events": merge_events, "figures": merge_figures}
        for table, merge in merges.items():
            wanted = merge(database.store, database.settings)
            stored = database.store.rows(
                f"SELECT id, cluster FROM {table} WHERE cluster IS NOT NULL"
            )
            assert {r["id"]: r["cluster"] for r in stored} == wanted, table


def check_documents(db: Path, sources: list[str]) -> None:
    """Each input stored once, by source and by content; each stored document whole."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id, source FROM documents").fetchall()
        assert sorted(r[1] for r in rows) == sorted(sources)
        wanted = {"annotate", *(s.name for s in STAGES)}
        for doc_id, source in rows:
            n = conn.execute("SELECT count(*) FROM sentences WHERE doc = ?", (doc_id,))
            assert n.fetchone()[0] >= 3, source
            runs = dict(
                conn.execute("SELECT stage, status FROM stage_runs WHERE doc = ?", (doc_id,))
            )
            assert set(runs) == wanted and set(runs.values()) == {"ok"}, source
        dup = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM sentences GROUP BY doc, idx HAVING count(*) > 1)"
        )
        assert dup.fetchone()[0] == 0
        # a rejection is kept once, however many runs saw it
        again = conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM rejections GROUP BY source, reason, message"
            " HAVING count(*) > 1)"
        )
        assert again.fetchone()[0] == 0
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__.removeprefix("fault_"))
def test_fault_matrix(fault: Callable[..., Expect], tmp_path: Path) -> None:
    if getattr(fault, "needs", None):
        pytest.importorskip(fault.needs)  # type: ignore[attr-defined]
    args, preamble = getattr(fault, "ingest_args", ()), getattr(fault, "preamble", "")
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = []
    for i in range(N_ARTICLES):
        path = folder / f"article_{i:02d}.txt"
        path.write_text(_article(i), encoding="utf-8")
        sources.append(str(path))
    db = tmp_path / "faults.db"
    proc = subprocess.Popen(
        _ingest_cmd(db, folder, args, preamble),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        expect = fault(proc, db)
        _, err = proc.communicate(timeout=240)  # never hangs: a hang fails here
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    if expect.returncode is not None:
        assert proc.returncode == expect.returncode, err[-2000:]
    if expect.rejected_reason:
        assert err.count(f"rejected [{expect.rejected_reason}]") == N_ARTICLES, err[-2000:]
        assert _count(db) == 0
    if expect.rerun:
        again = subprocess.run(
            _ingest_cmd(db, folder, args), env=_env(), capture_output=True, text=True, timeout=240
        )
        assert again.returncode == 0, again.stderr[-2000:]
    check_invariants(db, sources)


# -- budgets and store errors: named, never a hang or a traceback ----------------------------
def _write_articles(folder: Path, n: int, repeat: int = 1) -> list[str]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"article_{i:02d}.txt"
        path.write_text("\n".join(_article(i + k * n) for k in range(repeat)), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        ({"DETENTE_DOCUMENT_SECONDS": "0.001", "DETENTE_PROCESSES": "1"}, "timeout"),  # here
        ({"DETENTE_WORKER_MEMORY_MB": "20"}, "memory-limit"),  # every fork is over 20 MiB
    ],
    # the supervisor's clock on workers ticks twice a second: a 0.001 s budget is not reliably
    # overrun by short documents in a worker, so that row would be flaky; for the memory row the
    # documents are long enough (seconds each) that a worker is looked at while it holds one
    ids=["timeout-in-process", "memory-limit"],
)
def test_budgets_reject_by_name(settings: dict[str, str], reason: str, tmp_path: Path) -> None:
    sources = _write_articles(tmp_path / "articles", 4, repeat=60)
    db = tmp_path / "budget.db"
    run = subprocess.run(
        _ingest_cmd(db, tmp_path / "articles"),
        env={**_env(), **settings},
        capture_output=True,
        text=True,
        timeout=240,
    )
    rejected = run.stderr.count(f"rejected [{reason}]")
    # rejections are named and make the exit status 1 (``--allow-rejects`` would make it 0)
    assert run.returncode == (1 if rejected else 0), run.stderr[-2000:]
    if reason == "memory-limit" or settings.get("DETENTE_PROCESSES") != "1":
        # a worker's clock and memory are looked at twice a second: a short document can be
        # done before that
        assert rejected >= 1 and rejected + _count(db) == len(sources), run.stderr[-2000:]
    else:
        assert rejected == len(sources), run.stderr[-2000:]
        assert "added 0" in run.stdout and _count(db) == 0


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A small file system of our own (root only: skipped elsewhere)."""
    folder = Path(tempfile.mkdtemp(prefix="detente-fs-"))
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        folder.rmdir()
        pytest.skip("needs root and mount for a file system of its own")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
        folder.rmdir()


def test_full_disk_is_a_named_error_and_leaves_only_whole_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps({"text": _article(i) * 6, "url": f"https://example.org/{i}"}))
            fh.write("\n")
    with tmpfs("600k") as disk:
        db = disk / "full.db"
        run = subprocess.run(
            [*_ingest_cmd(db, corpus)], env=_env(), capture_output=True, text=True, timeout=240
        )
        assert run.returncode == 1, run.stderr[-2000:]
        assert "StoreError" in run.stderr and "full" in run.stderr, run.stderr[-2000:]
        assert "Traceback" not in run.stderr and "no transaction is active" not in run.stderr
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for (doc,) in conn.execute("SELECT id FROM documents"):
                runs = conn.execute("SELECT count(*) FROM stage_runs WHERE doc = ?", (doc,))
                assert runs.fetchone()[0] == len(STAGES) + 1
        finally:
            conn.close()


def test_read_only_database_fails_before_any_work(tmp_path: Path) -> None:
    _write_articles(tmp_path / "articles", 2)
    with tmpfs("20m") as disk:
        db = disk / "ro.db"
        first = subprocess.run(
            _ingest_cmd(db, tmp_path / "articles"), env=_env(), capture_output=True, timeout=240
        )
        assert first.returncode == 0
        (tmp_path / "articles" / "new.txt").write_text(_article(99), encoding="utf-8")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        began = time.monotonic()
        run = subprocess.run(
            _ingest_cmd(db, tmp_path / "articles"),
            env=_env(),
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert run.returncode == 1 and "StoreError" in run.stderr, run.stderr[-2000:]
        assert "Traceback" not in run.stderr
        assert time.monotonic() - began < 20  # before the model is loaded or a batch is run
