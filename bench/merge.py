"""The merge's cost as the store grows: time and peak memory at several sizes.

    .venv/bin/python bench/merge.py [--docs 10000 30000 100000] [--dir /tmp]

Each size is a fresh synthetic store (:mod:`detente.bench.synthetic` with ``--events-per-doc``
events a document, 10 by default, as news has a few; skewed dyads; dates over 25 years), with
two attributed quotes and two figures a document added in SQL (speakers from a pool of 2,000,
quote text from the document's sentences, figure subjects from a pool of 200 with years), then
``Database.merge`` is run once in a child process, so its peak resident memory is the merge's
(and SQLite's cache) alone.  Prints one JSON line a size: records, seconds, peak MB, and seconds
per n·log2(n) record relative to the smallest size, which stays near 1 when the cost grows as n
log n.  Nothing here is news.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

_QUOTES = """INSERT INTO quotes (doc, sentence, start, "end", text, direct, speaker, speaker_id,
                               unnamed_group, date, rule, stage, stage_version)
    SELECT doc, idx, start, "end", text, 1, 'Speaker ' || (abs(random()) % 2000), NULL, 0, NULL,
           'synthetic', 'synthetic', 'synthetic'
    FROM sentences WHERE idx < 2"""
_FIGURES = """INSERT INTO figures (doc, sentence, start, "end", text, value, unit, year, subject,
                                rule, stage, stage_version)
    SELECT doc, idx, start, "end", text, abs(random()) % 1000, 'USD',
           2000 + abs(random()) % 25, 'synthetic measure ' || (abs(random()) % 200),
           'synthetic', 'synthetic', 'synthetic'
    FROM sentences WHERE idx BETWEEN 2 AND 3"""


def build(path: Path, docs: int, per_doc: int) -> dict[str, int]:
    from detente.bench.synthetic import generate

    generate(path, docs * per_doc, per_doc=per_doc)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN")
    conn.execute(_QUOTES)
    conn.execute(_FIGURES)
    conn.execute("COMMIT")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
              ("documents", "events", "quotes", "figures")}  # fmt: skip
    conn.close()
    return counts


def merge_once(path: str) -> None:
    """In the child: one merge, then its time and peak memory as JSON."""
    import detente

    db = detente.open(path)
    t0 = time.perf_counter()
    clustered = db.merge()
    seconds = time.perf_counter() - t0
    db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    clustered = {f"clustered_{k}": v for k, v in clustered.items()}
    print(json.dumps({"seconds": round(seconds, 1), "peak_mb": round(peak_mb), **clustered}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--dir", default="/tmp")
    parser.add_argument("--events-per-doc", type=int, default=10)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        merge_once(args.child)
        return
    base: float | None = None
    for docs in args.docs:
        path = Path(args.dir) / f"merge-bench-{docs}.db"
        path.unlink(missing_ok=True)
        counts = build(path, docs, args.events_per_doc)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True
        )
        if out.returncode:
            raise SystemExit(out.stderr)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        n = counts["events"] + counts["quotes"] + counts["figures"]
        per = result["seconds"] / (n * math.log2(n))
        base = base or per
        print(json.dumps({**counts, "records": n, **result, "nlogn_ratio": round(per / base, 2)}))
        path.unlink()


if __name__ == "__main__":
    main()
