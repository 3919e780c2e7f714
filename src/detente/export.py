"""Exports: the JSONL contract other tools rely on, and tables for other tools.

The JSONL shape (one object a line, ``type`` in document / event / quote / figure) is fixed;
fields not yet extracted are null, never missing.  Field lists below ARE the contract.

The other formats are views of the same rows: CSV and Parquet (one table, the union of the
chosen types' columns, for pandas / DuckDB / a spreadsheet), a GDELT-style event table (one
row per event cluster, tab-separated) and the actor–event graph as GraphML (for Gephi).
"""

from __future__ import annotations

import csv
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from detente.errors import ExportError, MissingDependency
from detente.store.base import Store

__all__ = [
    "BINARY_FORMATS",
    "CONTRACT",
    "EXPORTERS",
    "FORMATS",
    "GDELT_COLUMNS",
    "Exporter",
    "Scope",
    "contract_rows",
    "export",
]

CONTRACT: dict[str, tuple[str, ...]] = {
    "document": ("id", "source", "outlet", "title", "author", "published", "published_evidence"),
    "quote": (
        "doc",
        "source",
        "speaker",
        "speaker_actor",
        "text",
        "direct",
        "start",
        "end",
        "cluster",
    ),
    "figure": (
        "doc",
        "source",
        "subject",
        "value",
        "unit",
        "year",
        "said_by",
        "start",
        "end",
        "cluster",
    ),
    "event": (
        "doc",
        "source",
        "source_actor",
        "target_actor",
        "source_name",
        "target_name",
        "source_sector",
        "target_sector",
        "plover",
        "cameo",
        "goldstein",
        "quad_class",
        "date",
        "date_basis",
        "modality",
        "confidence",
        "sentence",
        "start",
        "end",
        "cluster",
    ),
}

#: fields beyond the contract, kept because a user checking a record wants them
EXTRA: dict[str, tuple[str, ...]] = {
    "document": (
        "url",
        "format",
        "outlet_evidence",
        "title_evidence",
        "author_evidence",
        "published_rule",
    ),
    "quote": (
        "cue",
        "speaker_text",
        "speaker_id",
        "speaker_sector",
        "unnamed_group",
        "date",
        "sentence_index",
        "stage",
        "stage_version",
    ),
    "figure": ("text", "approximate", "sentence_index", "stage", "stage_version"),
    "event": (
        "trigger",
        "date_precision",
        "location",
        "location_state",
        "sentence_index",
        "rule",
        "stage",
        "stage_version",
    ),
}

#: per record type, the SQL conditions (ANDed) that select it and their parameters; a type
#: not named is exported whole (:func:`detente.query.scope.export_scope` makes them, on the
#: aliases the store's export reads use: :meth:`detente.store.base.SQLStoreBase.export_rows`)
Scope = dict[str, tuple[list[str], list[Any]]]


def _conditions(kind: str, scope: Scope | None) -> tuple[list[str], list[Any]]:
    """The scope's conditions for one record type and their parameters (none: every record)."""
    clauses, params = (scope or {}).get(kind, ([], []))
    return list(clauses), list(params)


def _evidence_text(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return str(json.loads(raw).get("text")) or None
    except (ValueError, AttributeError):
        return raw


def _document_rows(store: Store, scope: Scope | None = None) -> Iterator[dict[str, Any]]:
    for row in store.export_rows("document", *_conditions("document", scope)):
        ev = json.loads(row["published_evidence"]) if row["published_evidence"] else None
        out = {
            k: row[k]
            for k in ("id", "source", "outlet", "title", "author", "published", "url", "format")
        }
        out["published_evidence"] = ev.get("text") if ev else None
        out["published_rule"] = ev.get("rule") if ev else None
        for name in ("outlet", "title", "author"):
            out[f"{name}_evidence"] = _evidence_text(row[f"{name}_evidence"])
        yield out


def contract_rows(store: Store, kind: str, scope: Scope | None = None) -> Iterator[dict[str, Any]]:
    """Rows of one record type in the contract's shape (plus the extra fields), those the
    scope selects (all without one)."""
    if kind not in CONTRACT:
        raise ExportError(f"unknown record type {kind!r}: one of {', '.join(CONTRACT)}")
    rows: Iterable[dict[str, Any]]
    if kind == "document":
        rows = _document_rows(store, scope)
    else:
        rows = store.export_rows(kind, *_conditions(kind, scope))
    for row in rows:
        if kind == "event":
            row["sentence"] = row.pop("sentence_text")
        if kind == "quote":
            row["direct"] = bool(row["direct"])
            row["unnamed_group"] = bool(row["unnamed_group"])
        out: dict[str, Any] = {"type": kind}
        for name in CONTRACT[kind] + EXTRA[kind]:
            out[name] = row.get(name)
        yield out


def _union_columns(kinds: list[str]) -> list[str]:
    """One table, the union of every type's columns, so a spreadsheet gets one sheet."""
    columns = ["type"]
    for kind in kinds:
        for name in CONTRACT[kind] + EXTRA[kind]:
            if name not in columns:
                columns.append(name)
    return columns


def _write_csv(store: Store, out: IO[str], kinds: list[str], scope: Scope | None) -> int:
    writer = csv.DictWriter(out, fieldnames=_union_columns(kinds), extrasaction="ignore")
    writer.writeheader()
    n = 0
    for kind in kinds:
        for row in contract_rows(store, kind, scope):
            writer.writerow(row)
            n += 1
    return n


def _arrow_type(values: list[Any]) -> Any:
    """The narrowest Arrow type holding every non-null value; text when they disagree."""
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return pa.bool_()
    if kinds == {int}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def _write_parquet(store: Store, out: IO[bytes], kinds: list[str], scope: Scope | None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependency("pyarrow", "export") from exc
    columns = _union_columns(kinds)
    rows = [row for kind in kinds for row in contract_rows(store, kind, scope)]
    arrays = {}
    for name in columns:
        values = [row.get(name) for row in rows]
        kind = _arrow_type(values)
        if kind == pa.string():
            values = [None if v is None else str(v) for v in values]
        elif kind == pa.float64():
            values = [None if v is None else float(v) for v in values]
        arrays[name] = pa.array(values, type=kind)
    pq.write_table(pa.table(arrays), out)
    return len(rows)


#: the GDELT 2.0 event-table names where detente has the same thing, then detente's own
GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "DatePrecision",
    "Actor1Code",
    "Actor1Name",
    "Actor2Code",
    "Actor2Name",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "PLOVER",
    "Modality",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "DATEADDED",
    "SOURCEURL",
    "SourceURLs",
)

#: GDELT's IsRootEvent marks events from an article's lead; here the headline and the first
#: paragraph after it
_LEAD_PARAGRAPHS = 2


def _gdelt_row(members: list[dict[str, Any]]) -> dict[str, Any]:
    """One row for an event cluster: the best-dated member speaks for it, all sources count.

    The counts come from the merge's clusters: NumArticles is the articles reporting the event,
    NumSources the outlets among them (an outlet's two articles are one source), NumMentions
    the reports.  IsRootEvent is 1 when any article reports it in its lead, as GDELT's does;
    DATEADDED is when the event first entered this database (its first report's ingest, UTC,
    YYYYMMDDHHMMSS), not a publication date.
    """
    dated = sorted((m for m in members if m["date"]), key=lambda m: -len(m["date"]))
    head = dated[0] if dated else members[0]
    date = head["date"] or ""
    cameo = head["cameo"] or ""
    urls = list(dict.fromkeys(m["url"] or m["source"] for m in members))
    return {
        "GLOBALEVENTID": int(head["cluster_key"]),
        "SQLDATE": date.replace("-", "") if len(date) == 10 else None,
        "MonthYear": date[:7].replace("-", "") if len(date) >= 7 else None,
        "Year": date[:4] or None,
        "DatePrecision": {10: "day", 7: "month", 4: "year"}.get(len(date)),
        "Actor1Code": head["source_actor"],
        "Actor1Name": head["source_name"],
        "Actor2Code": head["target_actor"],
        "Actor2Name": head["target_name"],
        "IsRootEvent": int(
            any(m["paragraph"] is not None and m["paragraph"] < _LEAD_PARAGRAPHS for m in members)
        ),
        "EventCode": cameo or None,
        "EventBaseCode": cameo[:3] or None,
        "EventRootCode": cameo[:2] or None,
        "PLOVER": head["plover"],
        "Modality": head["modality"],
        "QuadClass": head["quad_class"],
        "GoldsteinScale": head["goldstein"],
        "NumMentions": len(members),
        "NumSources": len({m["outlet"] or m["source"] for m in members}),
        "NumArticles": len({m["doc"] for m in members}),
        "DATEADDED": _date_added(members),
        "SOURCEURL": urls[0],
        "SourceURLs": " ".join(urls),
    }


def _date_added(members: list[dict[str, Any]]) -> str | None:
    stamps = [str(m["ingested_at"]) for m in members if m["ingested_at"]]
    if not stamps:
        return None
    digits = "".join(c for c in min(stamps) if c.isdigit())
    return digits[:14] or None


def gdelt_rows(store: Store, scope: Scope | None = None) -> Iterator[dict[str, Any]]:
    """GDELT-style event rows, one per cross-outlet cluster (or unclustered event), in the
    order of their numeric GLOBALEVENTID (the cluster's first event id)."""
    members: list[dict[str, Any]] = []
    for row in store.event_cluster_rows(*_conditions("event", scope)):
        if members and row["cluster_key"] != members[0]["cluster_key"]:
            yield _gdelt_row(members)
            members = []
        members.append(row)
    if members:
        yield _gdelt_row(members)


def _write_gdelt(store: Store, out: IO[str], scope: Scope | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in gdelt_rows(store, scope):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


_GRAPH_KEYS = (
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("state", "node", "string"),
    ("plover", "node", "string"),
    ("cameo", "node", "string"),
    ("goldstein", "node", "double"),
    ("quad_class", "node", "int"),
    ("date", "node", "string"),
    ("modality", "node", "string"),
    ("num_articles", "node", "int"),
    ("num_sources", "node", "int"),
    ("role", "edge", "string"),
)


def _node(graph: ET.Element, node_id: str, attrs: dict[str, Any]) -> None:
    node = ET.SubElement(graph, "node", id=node_id)
    for key, value in attrs.items():
        if value is not None:
            ET.SubElement(node, "data", key=key).text = str(value)


def _event_node(row: dict[str, Any]) -> dict[str, Any]:
    a, p, b = row["Actor1Code"] or "?", row["PLOVER"] or "?", row["Actor2Code"] or "?"
    return {
        "label": f"{a} {p} {b}",
        "kind": "event",
        "plover": row["PLOVER"],
        "cameo": row["EventCode"],
        "goldstein": row["GoldsteinScale"],
        "quad_class": row["QuadClass"],
        "date": row["SQLDATE"] or row["MonthYear"] or row["Year"],
        "modality": row["Modality"],
        "num_articles": row["NumArticles"],
        "num_sources": row["NumSources"],
    }


def _write_graphml(store: Store, out: IO[str], scope: Scope | None = None) -> int:
    """Actors and event clusters as nodes; actor → event (source) and event → actor (target)."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key, domain, kind in _GRAPH_KEYS:
        attrib = {"for": domain, "attr.name": key, "attr.type": kind}
        ET.SubElement(root, "key", id=key, attrib=attrib)
    graph = ET.SubElement(root, "graph", id="detente", edgedefault="directed")
    known = store.actor_labels()
    actors: dict[str, str | None] = {}
    edges: list[tuple[str, str, str]] = []
    n = 0
    for row in gdelt_rows(store, scope):
        event = f"event:{row['GLOBALEVENTID']}"
        _node(graph, event, _event_node(row))
        n += 1
        if row["Actor1Code"]:
            actors.setdefault(row["Actor1Code"], row["Actor1Name"])
            edges.append((f"actor:{row['Actor1Code']}", event, "source"))
        if row["Actor2Code"]:
            actors.setdefault(row["Actor2Code"], row["Actor2Name"])
            edges.append((event, f"actor:{row['Actor2Code']}", "target"))
    for code, written in actors.items():
        kb = known.get(code, {})
        label = kb.get("name") or written or code
        _node(
            graph,
            f"actor:{code}",
            {"label": label, "kind": kb.get("kind") or "actor", "state": kb.get("state")},
        )
    for i, (src, dst, role) in enumerate(edges):
        edge = ET.SubElement(graph, "edge", id=f"r{i}", source=src, target=dst)
        ET.SubElement(edge, "data", key="role").text = role
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return n


def export(
    store: Store,
    out: IO[Any],
    fmt: str = "jsonl",
    types: Iterable[str] | None = None,
    scope: Scope | None = None,
) -> int:
    """Write records to ``out`` (a binary handle for parquet); returns the number written.

    gdelt and graphml hold events only and count event clusters; ``types`` is for the others.
    ``scope`` selects the records of each type (every record without it).
    """
    kinds = list(types or CONTRACT)
    for kind in kinds:
        if kind not in CONTRACT:
            raise ExportError(f"unknown record type {kind!r}: one of {', '.join(CONTRACT)}")
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    return exporter.write(store, out, kinds, scope)


def finite(row: dict[str, Any]) -> dict[str, Any]:
    """The row with any infinite or NaN number as null: strict JSON has neither, and a record
    written by an older detente may hold one."""
    return {k: None if isinstance(v, float) and not math.isfinite(v) else v for k, v in row.items()}


def _write_jsonl(store: Store, out: IO[str], kinds: list[str], scope: Scope | None) -> int:
    n = 0
    for kind in kinds:
        for row in contract_rows(store, kind, scope):
            out.write(json.dumps(finite(row), ensure_ascii=False, allow_nan=False) + "\n")
            n += 1
    return n


@dataclass(frozen=True)
class Exporter:
    """One export format: ``write(store, out, types, scope)`` returns the number of rows
    written."""

    name: str
    write: Callable[[Store, IO[Any], list[str], Scope | None], int]
    help: str
    #: written to a binary file handle (so to a file, not stdout)
    binary: bool = False
    #: holds events only: the --type choice does not apply
    events_only: bool = False


#: every export format: the CLI's --format choices and help come from here; a new format is
#: a writer and one entry
EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter("jsonl", _write_jsonl, "the contract, one object a line"),
        Exporter("csv", _write_csv, "one table, the union of the chosen types' columns"),
        Exporter("parquet", _write_parquet, "the same table as Parquet (needs -o)", binary=True),
        Exporter(
            "gdelt",
            lambda store, out, _kinds, scope: _write_gdelt(store, out, scope),
            "TSV, one row per event cluster",
            events_only=True,
        ),
        Exporter(
            "graphml",
            lambda store, out, _kinds, scope: _write_graphml(store, out, scope),
            "actor-event graph for Gephi",
            events_only=True,
        ),
    )
}
FORMATS = tuple(EXPORTERS)
#: formats written to a binary file handle
BINARY_FORMATS = tuple(name for name, e in EXPORTERS.items() if e.binary)
