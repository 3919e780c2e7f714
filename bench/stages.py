"""Where detente's own time goes: CPU seconds per step of one in-process ingest, and a dump of
everything it made, to show a speed change changes no output.

    .venv/bin/python bench/stages.py [--n 150] [--dump out.txt] [--profile out.prof]

Reads the first N articles of ../shared/corpus/scale/news.jsonl.gz (never copied) and ingests
them into a fresh SQLite file with the ``local`` executor (this process, no worker pool).
Prints one JSON line of CPU seconds (``time.process_time``: a loaded machine stretches wall
time far more) per step, each counted without the steps it calls: prepare, annotate (spaCy and
our loops), each stage, the store's writes, the merge, and the rest (loading the model and
the knowledge base, reading).  ``--dump`` writes every stage's records and every stored row,
sorted, timestamps blanked: run it before and after a change and ``cmp`` the two files.
``--profile`` keeps a cProfile of the run.  This measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00")


class Clock:
    """CPU seconds per step, each without the steps it calls (a stack of open steps)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._open: list[list[Any]] = []  # [name, started, seconds of the steps inside]

    def enter(self, name: str) -> None:
        self._open.append([name, time.process_time(), 0.0])

    def leave(self) -> None:
        name, started, inside = self._open.pop()
        spent = time.process_time() - started
        self.seconds[name] += spent - inside
        if self._open:
            self._open[-1][2] += spent

    def call(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.enter(name)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()

        return timed

    def stream(self, name: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = fn(*args, **kwargs)
            while True:
                self.enter(name)
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.leave()
                yield item

        return timed


def dump(path: Path, records: dict[str, list[str]], db: Path) -> None:
    con = sqlite3.connect(str(db))
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    with path.open("w", encoding="utf-8") as fh:
        for stage in sorted(records):
            for line in sorted(records[stage]):
                fh.write(f"REC {stage}\t{STAMP.sub('<ts>', line)}\n")
        for table in tables:
            for row in sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"')):
                fh.write(f"DB {table}\t{STAMP.sub('<ts>', row)}\n")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/scale/news.jsonl.gz"))
    parser.add_argument("--dump", help="write every record and stored row here, sorted")
    parser.add_argument("--profile", help="write a cProfile of the ingest here")
    args = parser.parse_args()

    from ingest import load

    import detente
    from detente import pipeline

    clock = Clock()
    records: dict[str, list[str]] = defaultdict(list)
    run_stage = pipeline.Pipeline._run_stage

    def stage(st: Any, ann: Any, result: Any) -> list[Any]:
        clock.enter(st.name)
        try:
            out = run_stage(st, ann, result)
        finally:
            clock.leave()
        records[st.name] += [f"{ann.document.id}\t{r!r}" for r in out]
        return out

    pipeline.Pipeline._run_stage = staticmethod(stage)  # type: ignore[method-assign]
    pipeline.prepare = clock.call("prepare", pipeline.prepare)  # type: ignore[assignment]
    pipeline.annotate_many = clock.stream("annotate", pipeline.annotate_many)  # type: ignore[assignment]

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for rec in load(Path(args.corpus), args.n):
                fh.write(json.dumps(rec) + "\n")
        db = detente.open(str(Path(tmp) / "stages.db"), executor="local")
        db.store.write_many = clock.call("store", db.store.write_many)  # type: ignore[method-assign]
        db.merge = clock.call("merge", db.merge)  # type: ignore[method-assign]
        profile = cProfile.Profile() if args.profile else None
        started, wall = time.process_time(), time.perf_counter()
        clock.enter("rest")
        if profile:
            profile.enable()
        report = db.ingest([str(src)])
        if profile:
            profile.disable()
            profile.dump_stats(args.profile)
        clock.leave()
        total = time.process_time() - started
        db.close()
        if args.dump:
            dump(Path(args.dump), records, Path(tmp) / "stages.db")
    out: dict[str, Any] = {k: round(v, 2) for k, v in sorted(clock.seconds.items())}
    out |= {"total": round(total, 2), "wall": round(time.perf_counter() - wall, 1)}
    print(json.dumps({**out, "documents": len(report.added)}))


if __name__ == "__main__":
    main()
