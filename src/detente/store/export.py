"""Exports: the JSONL contract other tools rely on, and CSV.

The JSONL shape (one object a line, ``type`` in document / event / quote / figure) is fixed;
fields not yet extracted are null, never missing.  Field lists below ARE the contract.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from detente.errors import DetenteError
from detente.store.sqlite import SQLiteStore

__all__ = ["CONTRACT", "FORMATS", "contract_rows", "export"]

FORMATS = ("jsonl", "csv")

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
        "plover",
        "cameo",
        "goldstein",
        "quad_class",
        "date",
        "modality",
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

_SQL = {
    "quote": """SELECT q.*, d.source AS source, q.sentence AS sentence_index
                FROM quotes q JOIN documents d ON d.id = q.doc
                ORDER BY d.published, q.doc, q.start""",
    "figure": """SELECT f.*, d.source AS source, f.sentence AS sentence_index
                 FROM figures f JOIN documents d ON d.id = f.doc
                 ORDER BY d.published, f.doc, f.start""",
    "event": """SELECT e.*, d.source AS source, e.sentence AS sentence_index,
                       s.text AS sentence_text
                FROM events e JOIN documents d ON d.id = e.doc
                LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
                ORDER BY e.date IS NULL, e.date, e.doc, e.start""",
}


def _evidence_text(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return str(json.loads(raw).get("text")) or None
    except (ValueError, AttributeError):
        return raw


def _document_rows(store: SQLiteStore) -> Iterator[dict[str, Any]]:
    for row in store.iter_rows(
        "SELECT * FROM documents ORDER BY published IS NULL, published, source"
    ):
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


def contract_rows(store: SQLiteStore, kind: str) -> Iterator[dict[str, Any]]:
    """Rows of one record type in the contract's shape (plus the extra fields)."""
    if kind not in CONTRACT:
        raise DetenteError(f"unknown record type {kind!r}: one of {', '.join(CONTRACT)}")
    rows: Iterable[dict[str, Any]]
    rows = _document_rows(store) if kind == "document" else store.iter_rows(_SQL[kind])
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


def export(
    store: SQLiteStore, out: IO[str], fmt: str = "jsonl", types: Iterable[str] | None = None
) -> int:
    """Write records to ``out``; returns the number written."""
    kinds = list(types or CONTRACT)
    for kind in kinds:
        if kind not in CONTRACT:
            raise DetenteError(f"unknown record type {kind!r}: one of {', '.join(CONTRACT)}")
    if fmt == "jsonl":
        n = 0
        for kind in kinds:
            for row in contract_rows(store, kind):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "csv":
        # one table, the union of every type's columns, so a spreadsheet gets one sheet
        columns = ["type"]
        for kind in kinds:
            for name in CONTRACT[kind] + EXTRA[kind]:
                if name not in columns:
                    columns.append(name)
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        n = 0
        for kind in kinds:
            for row in contract_rows(store, kind):
                writer.writerow(row)
                n += 1
        return n
    raise DetenteError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
