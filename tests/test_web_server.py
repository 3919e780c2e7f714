"""The web desk behind a real server (waitress on 127.0.0.1): odd requests are answered with a
status and the safety headers, never a bare 500; slow and idle clients are cut off; HEAD
has GET's length; the command starts or says plainly why not."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.web.server import ServerLimits, WebServer, make

MAIN = "from detente.cli import main; main()"


@pytest.fixture(scope="module")
def seed_path(seed_db: Any) -> str:
    if seed_db.store.dialect != "sqlite":
        pytest.skip("the web desk serves a SQLite file")
    return str(seed_db.path)


@pytest.fixture(scope="module")
def server(seed_path: str) -> Iterator[WebServer]:
    limits = ServerLimits(threads=4, connection_limit=50, header_timeout=2, idle_timeout=3)
    srv = make(seed_path, "127.0.0.1", 0, 100, quiet=True, limits=limits)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    thread.join(10)


def fetch(srv: WebServer, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_port, timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _an_article(srv: WebServer) -> str:
    status, _, body = fetch(srv, "/search.json?q=China")
    assert status == 200
    return str(json.loads(body)["results"][0]["doc"])


@pytest.mark.parametrize(
    "path",
    [
        "/search.json?q=China&limit=%C2%B2",  # "²": a digit to str.isdigit, not to int()
        "/actors?limit=%D9%A3%C2%B9",
        "/search.json?" + "&".join(f"p{i}=1" for i in range(40)),  # over 30 parameters
        "/article/{doc}?focus=event-1" + "0" * 400,  # overflows SQLite's integers
        "/article/{doc}.json?focus=sentence-" + "9" * 40,
    ],
)
def test_odd_query_strings_get_a_status_with_the_headers(server: WebServer, path: str) -> None:
    status, headers, body = fetch(server, path.replace("{doc}", _an_article(server)))
    assert status in (200, 400), body[:300]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert int(headers["content-length"]) == len(body)


def test_head_has_the_length_of_get_and_no_body(server: WebServer) -> None:
    status, _, body = fetch(server, "/index.json")
    assert status == 200 and body
    status, head, empty = fetch(server, "/index.json", "HEAD")
    assert status == 200 and empty == b""
    assert int(head["content-length"]) == len(body)


def test_slow_headers_and_idle_connections_are_cut_off(server: WebServer) -> None:
    """A slow-loris client sending a header byte a second is dropped at the header timeout
    (2 s here), however long it keeps trickling; an idle one at the idle timeout (3 s)."""
    loris = socket.create_connection(("127.0.0.1", server.server_port), timeout=15)
    idle = socket.create_connection(("127.0.0.1", server.server_port), timeout=15)
    began = time.monotonic()
    loris.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    closed_after = None
    try:
        for _ in range(12):
            time.sleep(1)
            try:
                loris.sendall(b"X-a: b\r\n")
            except OSError:
                closed_after = time.monotonic() - began
                break
            loris.settimeout(0.01)
            try:
                if loris.recv(1) == b"":
                    closed_after = time.monotonic() - began
                    break
            except TimeoutError:
                pass
            loris.settimeout(15)
        assert closed_after is not None and closed_after < 8, closed_after
        idle.settimeout(10)
        assert idle.recv(1) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - began < 10
    finally:
        loris.close()
        idle.close()


def test_many_idle_clients_hold_no_threads(server: WebServer) -> None:
    """40 open, silent connections: the server's threads stay as they were and a real
    request is still answered at once."""
    before = threading.active_count()
    socks = [socket.create_connection(("127.0.0.1", server.server_port)) for _ in range(40)]
    try:
        time.sleep(0.3)
        began = time.monotonic()
        status, _, _ = fetch(server, "/index.json")
        assert status == 200 and time.monotonic() - began < 2
        assert threading.active_count() <= before + 1
    finally:
        for s in socks:
            s.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-c", MAIN, "--db", db, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd="/",
    )


def test_port_in_use_is_a_message_not_a_traceback(seed_path: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = _serve(seed_path, "--port", str(taken.getsockname()[1]))
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "ServeError" in err and "in use" in err and "Traceback" not in err


def test_ipv6_loopback_serves(seed_path: str) -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no ::1 on this machine")
    proc = _serve(seed_path, "--host", "::1", "--port", "0")
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert "http://[::1]:" in line, line + (proc.stderr.read() if proc.stderr else "")
        port = int(line.split("]:")[1].split("/")[0])
        conn = http.client.HTTPConnection("::1", port, timeout=10)
        conn.request("GET", "/index.json")
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _copy_in_wal_mode(source: str, dest: Path) -> None:
    """A consistent copy (the source may be open), left in WAL mode as ``ingest`` leaves it."""
    with sqlite3.connect(source) as src, sqlite3.connect(dest) as out:
        src.backup(out)
        out.execute("PRAGMA journal_mode=WAL")
    out.close()
    assert not Path(f"{dest}-wal").exists()


@contextlib.contextmanager
def read_only_folder(fill: Callable[[Path], None]) -> Iterator[Path]:
    """A folder nobody may write to, filled first.  Root ignores permission bits, so as root
    it is a small tmpfs remounted read-only (skipped where mounting is not allowed)."""
    folder = Path(tempfile.mkdtemp(prefix="detente-ro-"))
    root = os.geteuid() == 0
    try:
        if root:
            mount = ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)]
            if subprocess.run(mount, capture_output=True).returncode != 0:
                pytest.skip("root, and no mount to make a read-only folder with")
        fill(folder)
        if root:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            folder.chmod(0o555)
        yield folder
    finally:
        if root:
            subprocess.run(["umount", str(folder)], capture_output=True)
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_serves_a_database_in_a_read_only_folder(seed_path: str) -> None:
    """The file was left in WAL mode by the ingest, and nobody may create its -shm beside it:
    it is read all the same, and nothing is written there."""
    with read_only_folder(lambda f: _copy_in_wal_mode(seed_path, f / "record.db")) as folder:
        port = _free_port()
        proc = _serve(str(folder / "record.db"), "--port", str(port))
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            assert "read-only" in line, proc.stderr.read() if proc.stderr else ""
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/index.json")
            resp = conn.getresponse()
            assert resp.status == 200 and json.loads(resp.read())["counts"]["documents"] > 0
            conn.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        assert sorted(p.name for p in folder.iterdir()) == ["record.db"]


def test_kept_answers_are_dropped_when_the_database_changes(seed_path: str, tmp_path: Path) -> None:
    """The server keeps rendered answers, but a commit to the file (an ingest) is seen at
    once: the next answer is rendered from the new contents."""
    db = tmp_path / "live.db"
    with sqlite3.connect(seed_path) as src, sqlite3.connect(db) as out:
        src.backup(out)
    out.close()
    srv = make(str(db), "127.0.0.1", 0, 100, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        doc = _an_article(srv)
        path = f"/article/{doc}.json"
        assert fetch(srv, path)[2] == fetch(srv, path)[2]
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE documents SET title = 'A new title' WHERE id = ?", (doc,))
        conn.close()
        status, _, body = fetch(srv, path)
        assert status == 200 and b"A new title" in body
    finally:
        srv.shutdown()
        thread.join(10)
