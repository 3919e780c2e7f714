"""Ingest on a real Dask LocalCluster (two worker processes): the same record as a local
ingest, the model loaded once per worker, and writes that stay idempotent however often or
concurrently a document arrives."""

from __future__ import annotations

import io
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import detente
from conftest import STORES, store_location
from detente.cli import cli
from detente.database import IngestReport
from detente.model import When
from detente.pipeline import Pipeline, Stage
from detente.settings import Settings

distributed = pytest.importorskip("distributed")

from detente.run.cluster import (  # noqa: E402
    model_loads,
    open_client,
    process_batch,
)

ARTICLES = {
    "talks.txt": (
        "Talks in Beijing\n"
        "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on "
        'Tuesday. "We will deepen our partnership," Putin said.\n'
    ),
    "sanctions.txt": (
        "Sanctions\n"
        "The United States imposed sanctions on Russia on Friday, the Treasury said. "
        "Moscow condemned the decision and said it would respond.\n"
    ),
    "trade.txt": (
        "Trade\n"
        "Trade between China and Russia reached $240 billion in 2023, according to Chinese "
        "customs data. Beijing and Moscow agreed to expand cooperation in energy.\n"
    ),
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture()
def corpus(tmp_path: Path, seeds_dir: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return [str(folder), *sorted(str(p) for p in seeds_dir.glob("*.txt"))[:2]]


def _export(db: Any) -> str:
    out = io.StringIO()
    db.export(out, "jsonl")
    return out.getvalue()


def _same_up_to_cluster_labels(text: str) -> list[str]:
    """Export lines sorted, each cluster label replaced by its members: concurrent writers
    allocate record ids (and so cluster labels) in a different order, the grouping is what
    must agree."""
    rows = [json.loads(line) for line in text.splitlines()]
    members: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        if r.get("cluster"):
            members[r["cluster"]].append((r["type"], r["doc"], r["start"], r["end"]))
    for r in rows:
        if r.get("cluster"):
            r["cluster"] = sorted(members[r["cluster"]])
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


@pytest.mark.parametrize("kind", STORES)
def test_cluster_ingest_equals_local_ingest_and_is_idempotent(
    kind: str, client: Any, corpus: list[str], tmp_path: Path
) -> None:
    with detente.open(str(tmp_path / "local.db")) as local:
        expected_report = local.ingest(corpus)
        expected = _export(local)
    with store_location(kind, tmp_path, "cluster") as url, detente.open(url) as db:
        db.settings = Settings({"batch_size": 2})  # several batches in flight
        report = db.ingest_on_cluster(corpus, client)
        assert len(report.added) == len(expected_report.added) == 5
        assert [r[1] for r in report.rejected] == ["empty"]
        got = _export(db)
        if kind == "sqlite":
            assert got == expected  # one writer, input order: the very same record
        else:
            assert _same_up_to_cluster_labels(got) == _same_up_to_cluster_labels(expected)
        again = db.ingest_on_cluster(corpus, client)
        assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 5)
        assert _export(db) == got
    # the model was loaded once per worker, at start, and reused by every batch since
    assert set(client.run(model_loads).values()) == {1}


@pytest.mark.skipif("postgresql" not in STORES, reason="DETENTE_TEST_PG not set")
def test_workers_writing_the_same_documents_at_once_store_them_once(
    client: Any, corpus: list[str], tmp_path: Path
) -> None:
    """Many writers: the same batch sent four times at once, to two workers."""
    with store_location("postgresql", tmp_path, "many") as url, detente.open(url) as db:
        report = IngestReport()
        docs = list(db.pending(corpus, report))
        stages = db.stage_table()
        futures = [
            client.submit(process_batch, docs, db.pipeline, stages, url, pure=False)
            for _ in range(4)
        ]
        results = client.gather(futures)
        assert all(len(r) == len(docs) for r in results)
        assert db.store.count("documents") == len(docs)
        one = sum(len(p.sentences) for p in db.pipeline.run(docs))
        assert db.store.count("sentences") == one
        runs = db.store.rows("SELECT doc, count(*) AS n FROM stage_runs GROUP BY doc")
        # one per step but prepare, whose version is on the documents row
        assert {r["n"] for r in runs} == {len(stages) - 1}


def test_cli_runs_on_a_scheduler_address(client: Any, corpus: list[str], tmp_path: Path) -> None:
    path = str(tmp_path / "cli.db")
    address = client.scheduler.address
    # the corpus holds one bad input on purpose: rejected by name, the rest stored
    args = ["--db", path, "ingest", "--allow-rejects", "--dask", address, *corpus]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("added 5, updated 0, unchanged 0, rejected 1")
    with detente.open(path) as db:
        assert db.stats()["counts"]["documents"] == 5


def test_a_failed_batch_is_reported_and_the_ingest_goes_on(
    client: Any, corpus: list[str], tmp_path: Path
) -> None:
    """A batch that fails on the cluster: its documents are reported as not stored (and the
    next run stores them), the other batches are written."""
    with detente.open(str(tmp_path / "f.db")) as db:
        db.settings = Settings({"batch_size": 1})
        broken = Stage("times", "0-broken", (), "times", When, lambda ann: 1 / 0, on_error="raise")
        good = db.pipeline
        db.pipeline = Pipeline([broken], model=good.model)
        report = db.ingest_on_cluster(corpus[:1], client, merge=False)
        assert report.added == [] and db.store.count("documents") == 0
        assert len(report.stage_errors) == 3
        assert {e[1] for e in report.stage_errors} == {"cluster"}
        assert "ZeroDivisionError" in report.stage_errors[0][2]
        db.pipeline = good
        again = db.ingest_on_cluster(corpus[:1], client)
        assert len(again.added) == 3 and db.store.count("documents") == 3


def test_open_client_starts_a_local_cluster_of_processes() -> None:
    with open_client(workers=1) as c:
        assert list(c.nthreads().values()) == [1]
        assert c.run(os.getpid).popitem()[1] != os.getpid()  # a process of its own
