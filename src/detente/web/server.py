"""``detente serve``: the WSGI app behind waitress, a production server.

Bound to 127.0.0.1 unless told otherwise: the record may hold material its owner has not
published, so exposing it on a network is an explicit choice.

Why waitress: it reads requests in one asynchronous loop and hands only complete requests to
a fixed pool of threads, so a slow or idle client holds a socket, never a thread; the standard
library's ``wsgiref`` held one thread (and its stack) per connection with no timeout at all and a
listen queue of 5.  On top of waitress's idle timeout and connection limit, :class:`_Server`
adds a header timeout: a client that trickles its request line and headers (slow loris) is cut
off after ``serve_header_timeout`` seconds, however often it sends a byte.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from detente.errors import ServeError
from detente.settings import Settings
from detente.web.app import App

__all__ = ["ServerLimits", "WebServer", "make", "serve_in_thread"]


@dataclass(frozen=True)
class ServerLimits:
    """What one server may spend.  The defaults hold 50 busy clients on two cores and refuse
    to let slow ones pile up: waitress's own defaults keep an idle socket two minutes."""

    threads: int = 8
    connection_limit: int = 200
    backlog: int = 1024
    header_timeout: float = 10.0
    idle_timeout: float = 30.0


class _Channel(HTTPChannel):
    """Remembers when the request now being read began, for the header timeout."""

    head_since: float | None = None

    def received(self, data: bytes) -> bool:
        if self.request is None and data and self.head_since is None:
            self.head_since = time.monotonic()
        done: bool = super().received(data)
        if self.request is None or self.request.headers_finished:
            self.head_since = None
        return done


class _Server(TcpWSGIServer):
    channel_class = _Channel
    header_timeout = 10.0

    def maintenance(self, now: Any) -> None:
        """Waitress closes idle channels; this also closes those whose headers are overdue."""
        super().maintenance(now)
        cutoff = time.monotonic() - self.header_timeout
        channels: dict[Any, Any] = self.active_channels  # type: ignore[assignment]  # stub
        for channel in list(channels.values()):
            since = getattr(channel, "head_since", None)
            if since is not None and since < cutoff and not channel.requests:
                channel.will_close = True


class WebServer:
    """A waitress server on one address: ``serve_forever()``, or ``shutdown()`` from another
    thread; ``server_port`` is the bound port (port 0 picks a free one)."""

    def __init__(self, app: App, host: str, port: int, limits: ServerLimits) -> None:
        try:
            self._server = _Server(
                app,
                host=host,
                port=port,
                threads=limits.threads,
                connection_limit=limits.connection_limit,
                backlog=limits.backlog,
                channel_timeout=max(1, int(limits.idle_timeout)),
                cleanup_interval=max(1, int(min(limits.header_timeout, limits.idle_timeout) / 2)),
                ident="detente",
                expose_tracebacks=False,
            )
        except OSError as exc:
            raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
        except ValueError as exc:  # waitress's own check of the address
            raise ServeError(f"cannot serve on {host}:{port}: {exc}") from exc
        self._server.header_timeout = limits.header_timeout
        server: Any = self._server  # the stubs omit the bound port and the socket map
        self.server_port: int = int(server.effective_port)
        self.host = host
        self._stopping = False

    def serve_forever(self) -> None:
        try:
            self._server.run()
        except OSError as exc:
            # shutdown() closes the sockets under the loop's select(): a closed descriptor
            # then is the stop it asked for, not a fault
            if not (self._stopping and exc.errno == errno.EBADF):
                raise

    def shutdown(self) -> None:
        """Stop the loop and the worker threads (what waitress's own test server does)."""
        self._stopping = True
        server: Any = self._server
        smap: dict[Any, Any] = server._map
        while smap:
            for dispatcher in list(smap.values()):
                dispatcher.handle_close()
        self._server.task_dispatcher.shutdown()

    def server_close(self) -> None:
        self._server.close()


def make(
    db_path: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    max_limit: int = 200,
    quiet: bool = False,
    settings: Settings | None = None,
    limits: ServerLimits = ServerLimits(),
) -> WebServer:
    """A server for the database (port 0 picks a free port: see ``server.server_port``)."""
    logging.getLogger("waitress").setLevel(logging.ERROR if quiet else logging.WARNING)
    return WebServer(App(db_path, max_limit, settings), host, port, limits)


def serve_in_thread(db_path: str, host: str = "127.0.0.1", max_limit: int = 200) -> WebServer:
    """Serve on a free port in a daemon thread (tests, screenshots); call ``shutdown()``."""
    server = make(db_path, host, 0, max_limit, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
