"""``detente serve``: a small threaded WSGI server from the standard library.

Bound to 127.0.0.1 unless told otherwise: the record may hold material its owner has not
published, so exposing it on a network is an explicit choice.
"""

from __future__ import annotations

import socketserver
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from detente.settings import Settings
from detente.web.app import App

__all__ = ["make", "serve_in_thread"]


class _Server(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def make(
    db_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_limit: int = 200,
    quiet: bool = False,
    settings: Settings | None = None,
) -> WSGIServer:
    """A server for the database (port 0 picks a free port: see ``server.server_port``)."""
    handler = _QuietHandler if quiet else WSGIRequestHandler
    return make_server(host, port, App(db_path, max_limit, settings), _Server, handler)


def serve_in_thread(db_path: str, host: str = "127.0.0.1", max_limit: int = 200) -> WSGIServer:
    """Serve on a free port in a daemon thread (tests, screenshots); call ``shutdown()``."""
    server = make(db_path, host, 0, max_limit, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
