"""Load benchmark of ``detente serve``: requests a second and latency at N concurrent clients.

    .venv/bin/python bench/web.py --db /tmp/ir1500.db [--clients 50] [--requests 3000]

Starts the real command (``detente serve``, waitress, its default settings) on 127.0.0.1 and
a free port, then for each of three pages (the top dyad's JSON twin, a search, an article
page) runs ``--clients`` threads, each with its own keep-alive connection, until
``--requests`` answers or ``--seconds`` have passed, whichever is first.  Reports requests a
second, p50/p99 latency in milliseconds, any failed request, and the first answer's time
(``first_ms``: rendered from the database; the server keeps answers while the file does not
change, see ``detente.web.cache``); exits 1 when the dyad JSON
misses ``--min-rps`` or ``--max-p99-ms`` (the targets of issue 15: 300 req/s, p99 500 ms at
50 clients on a 2-core machine).

Only 127.0.0.1, bounded in requests and time: it loads the server it starts, nothing else.
The database is built once, outside the repository, e.g. from the first 1,500 articles of
the IR corpus::

    zcat ../shared/corpus/ir/news_ir.jsonl.gz | head -1500 | gzip > /tmp/ir1500.jsonl.gz
    detente --db /tmp/ir1500.db ingest /tmp/ir1500.jsonl.gz
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, float | int]:
        lat = sorted(self.latencies)
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
        return {
            "requests": len(lat),
            "failed": len(self.failures),
            "rps": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(q[49] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1),
            "max_ms": round(lat[-1] * 1000, 1) if lat else 0.0,
        }


def _client(port: int, path: str, budget: list[int], deadline: float, run: Run) -> None:
    """One keep-alive connection asking for ``path`` while the shared budget lasts."""
    lock = _LOCK
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < deadline:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        began = time.perf_counter()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            if resp.status != 200:
                raise OSError(f"status {resp.status}")
        except (OSError, http.client.HTTPException) as exc:
            with lock:
                run.failures.append(f"{type(exc).__name__}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        took = time.perf_counter() - began
        with lock:
            run.latencies.append(took)
    conn.close()


_LOCK = threading.Lock()


def load(port: int, path: str, clients: int, requests: int, seconds: float) -> Run:
    run = Run()
    budget = [requests]
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(port, path, budget, deadline, run))
        for _ in range(clients)
    ]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.seconds = time.perf_counter() - began
    return run


def _get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    return body


def _get_json(port: int, path: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(_get(port, path))
    return data


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-c", "from detente.cli import main; main()"]
    proc = subprocess.Popen(
        [*cmd, "--db", db, "serve", "--host", HOST, "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    line = proc.stdout.readline() if proc.stdout else ""
    if "serving" not in line:
        proc.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return proc


def pages(port: int) -> dict[str, str]:
    """The three pages measured: the busiest pair's JSON, a search, that pair's top article."""
    index = _get_json(port, "/index.json")
    top = index["dyads"][0]  # type: ignore[index]
    a, b = quote(top["a"]), quote(top["b"])
    dyad = _get_json(port, f"/dyad/{a}/{b}.json?limit=1")  # not the page measured
    doc = dyad["events"][0]["doc"]  # type: ignore[index]
    return {
        "dyad_json": f"/dyad/{a}/{b}.json",
        "search": "/search?q=sanctions",
        "article": f"/article/{doc}",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file to serve")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="per page, at most")
    parser.add_argument("--seconds", type=float, default=30.0, help="per page, at most")
    parser.add_argument("--min-rps", type=float, default=300.0)
    parser.add_argument("--max-p99-ms", type=float, default=500.0)
    args = parser.parse_args()
    if not Path(args.db).is_file():
        raise SystemExit(f"no database at {args.db}")
    port = _free_port()
    proc = start_server(args.db, port)
    try:
        results = {}
        for name, path in pages(port).items():
            began = time.perf_counter()
            _get(port, path)  # the first answer is rendered; the rest come from the cache
            first_ms = round((time.perf_counter() - began) * 1000, 1)
            load(port, path, args.clients, min(200, args.requests), 5.0)  # warm up
            results[name] = {
                "path": path,
                "first_ms": first_ms,
                **load(port, path, args.clients, args.requests, args.seconds).summary(),
            }
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(
        json.dumps({"clients": args.clients, "cores": os.cpu_count(), "pages": results}, indent=1)
    )
    dyad = results["dyad_json"]
    ok = dyad["rps"] >= args.min_rps and dyad["p99_ms"] < args.max_p99_ms and not dyad["failed"]
    print(f"dyad JSON: {dyad['rps']} req/s, p99 {dyad['p99_ms']} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
