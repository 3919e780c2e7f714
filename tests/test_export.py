"""Exports beyond the JSONL contract: CSV, Parquet, the GDELT-style table and GraphML.

Each must open in the tool it is for: pandas (and so DuckDB) for the tables, an XML parser
(as Gephi does) for the graph.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.export import CONTRACT, GDELT_COLUMNS
from detente.query import Filters

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
#: every record, whatever its confidence (the default export leaves out what the views do)
EVERYTHING = Filters(min_confidence=0)


def _clusters(seed_db: Any) -> int:
    return seed_db.store.rows(
        "SELECT count(DISTINCT coalesce(cluster, 'e' || id)) AS n FROM events"
    )[0]["n"]


def test_jsonl_contract_is_unchanged(seed_db: Any) -> None:
    out = io.StringIO()
    n = seed_db.export(out, "jsonl")
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == n > 0
    for row in rows:
        fields = list(row)[1 : 1 + len(CONTRACT[row["type"]])]
        assert fields == list(CONTRACT[row["type"]])


def test_csv_and_parquet_open_in_pandas(seed_db: Any, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    csv_path, pq_path = tmp_path / "r.csv", tmp_path / "r.parquet"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        n = seed_db.export(fh, "csv", filters=EVERYTHING)
    with pq_path.open("wb") as fh:
        assert seed_db.export(fh, "parquet", filters=EVERYTHING) == n
    from_csv, from_pq = pd.read_csv(csv_path), pd.read_parquet(pq_path)
    assert len(from_csv) == len(from_pq) == n
    assert list(from_csv.columns) == list(from_pq.columns)
    events = from_pq[from_pq["type"] == "event"]
    assert len(events) == seed_db.store.count("events")
    assert pd.api.types.is_float_dtype(events["goldstein"])
    assert pd.api.types.is_numeric_dtype(from_pq["start"])
    figures = from_pq[from_pq["type"] == "figure"]
    assert figures["value"].notna().all()


def test_gdelt_table_has_one_row_per_event_cluster(seed_db: Any) -> None:
    out = io.StringIO()
    n = seed_db.export(out, "gdelt", filters=EVERYTHING)
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert list(rows[0]) == list(GDELT_COLUMNS)
    assert len(rows) == n == _clusters(seed_db)
    ids = [r["GLOBALEVENTID"] for r in rows]
    assert all(i.isdigit() for i in ids) and len(set(ids)) == n
    assert [int(i) for i in ids] == sorted(int(i) for i in ids)  # numeric order, not text
    assert sum(int(r["NumMentions"]) for r in rows) == seed_db.store.count("events")
    for r in rows:
        assert 1 <= int(r["NumSources"]) <= int(r["NumArticles"]) <= int(r["NumMentions"])
        assert len(r["SourceURLs"].split()) == int(r["NumArticles"])
        assert r["SourceURLs"].startswith(r["SOURCEURL"])
        if r["SQLDATE"]:
            assert len(r["SQLDATE"]) == 8 and r["SQLDATE"].startswith(r["Year"])
        if r["EventCode"]:
            assert r["EventCode"].startswith(r["EventRootCode"])
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t")
    assert len(frame) == n
    assert frame["NumSources"].max() >= 1


def test_graphml_parses_and_every_edge_has_its_nodes(seed_db: Any) -> None:
    out = io.StringIO()
    n = seed_db.export(out, "graphml", filters=EVERYTHING)
    root = ET.fromstring(out.getvalue())
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    nodes = {node.get("id") for node in graph.iter(f"{GRAPHML}node")}
    events = {x for x in nodes if x and x.startswith("event:")}
    assert len(events) == n == _clusters(seed_db)
    edges = list(graph.iter(f"{GRAPHML}edge"))
    assert edges
    for edge in edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes
    keys = {k.get("id") for k in root.iter(f"{GRAPHML}key")}
    used = {d.get("key") for d in root.iter(f"{GRAPHML}data")}
    assert used <= keys


def test_cli_export_formats(seed_db: Any, tmp_path: Path) -> None:
    if seed_db.store.dialect != "sqlite":
        pytest.skip("the CLI test runs on the SQLite file")
    runner = CliRunner()
    refused = runner.invoke(cli, ["--db", seed_db.path, "export", "--format", "parquet"])
    assert refused.exit_code != 0 and "-o" in refused.output
    for fmt in ("gdelt", "graphml", "csv"):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(
            cli, ["--db", seed_db.path, "export", "--format", fmt, "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0


def test_every_export_format_is_a_cli_choice_and_in_the_readme() -> None:
    """The export formats come from one registry: the CLI offers each, the README shows each."""
    from pathlib import Path

    from detente.export import EXPORTERS

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(cli, ["export", "--help"]).output
    for name, exporter in EXPORTERS.items():
        assert f"detente export --format {name}" in readme, name
        assert name in help_text and exporter.help.split()[0] in help_text
