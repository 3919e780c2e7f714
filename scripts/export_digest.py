"""The whole stored record of a fixed corpus, version fields left out: a refactor's check.

    PYTHONPATH=src .venv/bin/python scripts/export_digest.py --shared ../shared --out digest.jsonl

Ingests the seed corpus and the first 200 lines of the scale corpus into a fresh SQLite file,
then writes every row of every table (sorted, one JSON object a line, prefixed by its table)
with the fields that name a version or a time left out, and prints the SHA-256 of that file.
Two runs of the same code give the same file; a change that claims to keep behaviour must too.
The scale articles are read from the shared corpus and never copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

#: columns that record which version or when, not what was found
SKIP_COLUMNS = frozenset({"stage_version", "version", "ingested_at", "ran_at", "at"})


def scale_sample(shared: Path, n: int, into: Path) -> Path:
    """The first ``n`` lines of the scale corpus, as a JSONL file in a temporary folder."""
    out = into / "scale.jsonl"
    with gzip.open(shared / "corpus/scale/news.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = [line for _, line in zip(range(n), fh)]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def dump(db_path: Path, out: Path) -> None:
    """Every table's rows, sorted, without version and time fields."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    tables = [
        r["name"]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sentences_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    lines = []
    for table in tables:
        rows = []
        for row in conn.execute(f"SELECT * FROM {table}"):
            data = {k: row[k] for k in row.keys() if k not in SKIP_COLUMNS}  # noqa: SIM118
            if table == "meta" and str(data.get("key", "")).endswith("version"):
                continue
            rows.append(json.dumps({"table": table, **data}, sort_keys=True, ensure_ascii=False))
        lines.extend(sorted(rows))
    conn.close()
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=200, help="scale articles to ingest")
    ap.add_argument("--processes", type=int, default=1)
    args = ap.parse_args(argv)
    import detente

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "digest.db"
        sample = scale_sample(args.shared, args.n, Path(tmp))
        with detente.open(str(db_path), processes=args.processes) as db:
            for corpus in (args.shared / "corpus/seeds", sample):
                report = db.ingest([str(corpus)])
                print(corpus.name, report.as_dict()["added"], "added", file=sys.stderr)
        dump(db_path, args.out)
    print(hashlib.sha256(args.out.read_bytes()).hexdigest(), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
