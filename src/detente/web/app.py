"""The WSGI application: routing, HTML or JSON, errors, and the safety headers.

Read-only and script-free: every page is rendered on the server with Jinja2 autoescaping
(article text can hold anything, ``<script>`` included), the Content-Security-Policy allows
no script at all, only GET and HEAD are answered, and request sizes are bounded.  Answers are
kept while the file does not change (:mod:`detente.web.cache`).
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from detente.errors import DetenteError, StoreError
from detente.model import format_amount
from detente.query.records import preload
from detente.query.views import Views
from detente.settings import Settings
from detente.store.sqlite import ReadOnlyStore, warm_text_index
from detente.web.cache import Answer, AnswerCache, file_version
from detente.web.views import ROUTES, NotFound, Params, View

__all__ = ["MAX_FIELDS", "MAX_QUERY_STRING", "App"]

#: longer query strings are refused (414) before anything is parsed
MAX_QUERY_STRING = 2000
#: more query parameters than this are refused (400); no page takes more than a dozen
MAX_FIELDS = 30
STATIC = Path(__file__).parent / "static"
HEADERS = [
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
]
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def _bug(exc: Exception) -> str:
    """The one line a 500 shows: the kind of failure, never a traceback or a path (those go
    to the server's log)."""
    logging.getLogger("detente.web").exception("internal error")
    return f"internal error ({type(exc).__name__}): please report it"


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("detente.web", "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["amount"] = lambda r: format_amount(r.get("value"), r.get("unit"))
    env.filters["num"] = lambda v: "-" if v is None else (f"{v:g}" if isinstance(v, float) else v)
    env.filters["paged"] = paged_query
    return env


def paged_query(params: dict[str, str], offset: int) -> str:
    """The page's query string at another ``offset`` (its other parameters kept): the
    previous and next links of a paged list."""
    kept = {k: v for k, v in params.items() if k != "offset"}
    if offset > 0:
        kept["offset"] = str(offset)
    return urlencode(kept)


class App:
    """``App("detente.db", max_limit=200)`` is a WSGI callable serving that database; its views
    read with ``settings`` applied, as the CLI's do (see :class:`~detente.query.views.Views`)."""

    def __init__(
        self, db_path: str, max_limit: int = 200, settings: Settings | None = None
    ) -> None:
        self.db_path = db_path
        self.max_limit = max_limit
        self.settings = settings or Settings()
        self.env = _env()
        # every page's template compiled now, and the knowledge base loaded, not in the first
        # request that needs them (60-80 ms a template, 150 ms the knowledge base)
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)
        preload()
        self.routes = [(re.compile(f"^{p}$"), view) for p, view in ROUTES]
        ReadOnlyStore(db_path).close()  # fail at start, not on the first request
        warm = int(self.settings["serve_warm_mb"]) * 1_000_000
        if warm > 0:  # in the background: the server answers meanwhile
            threading.Thread(
                target=warm_text_index, args=(db_path, warm), name="warm-text-index", daemon=True
            ).start()
        self.cache = AnswerCache(db_path)

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        """Every answer, an unexpected failure included, carries the safety headers and a
        Content-Length (HEAD gets the length GET would have, and no body)."""
        key = f"{environ.get('PATH_INFO', '/')}?{environ.get('QUERY_STRING', '')}"
        cacheable = environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD")
        answer = self.cache.get(key) if cacheable else None
        if answer is None:
            version = file_version(self.db_path)
            answer = self._render(environ)
            if cacheable and answer[0].startswith("200"):
                self.cache.put(key, answer, version)
        status, headers, body = answer
        start(status, [*headers, ("Content-Length", str(len(body)))])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def _render(self, environ: dict[str, Any]) -> Answer:
        sent: list[Any] = []

        def start_sized(status: str, headers: list[tuple[str, str]]) -> None:
            sent[:] = [status, headers]

        try:
            body = b"".join(self._answer(environ, start_sized))
        except Exception as exc:  # a bug must not leave a page without its headers
            sent.clear()
            body = b"".join(self._plain(start_sized, "500 Internal Server Error", _bug(exc)))
        return sent[0], sent[1], body

    def _answer(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/") or "/"
        qs = environ.get("QUERY_STRING", "")
        if method not in ("GET", "HEAD"):
            return self._plain(start, "405 Method Not Allowed", "read-only: GET only")
        if len(qs) > MAX_QUERY_STRING or len(path) > MAX_QUERY_STRING:
            return self._plain(start, "414 URI Too Long", "request too long")
        if path.startswith("/static/"):
            return self._static(start, path[len("/static/") :])
        as_json = path.endswith(".json")
        if as_json:
            path = path[: -len(".json")] or "/"
        if path == "/index":
            path = "/"
        for pattern, view in self.routes:
            match = pattern.match(path)
            if match:
                href = quote(path if path != "/" else "/index") + ".json" + ("?" + qs if qs else "")
                return self._run(start, view, match.groupdict(), qs, as_json, href)
        return self._error(start, "404 Not Found", f"no page {path!r}", as_json)

    def _run(
        self,
        start: StartResponse,
        view: Any,
        args: dict[str, str],
        qs: str,
        as_json: bool,
        json_href: str,
    ) -> Iterable[bytes]:
        try:
            fields = parse_qs(qs, max_num_fields=MAX_FIELDS)
        except ValueError:  # more fields than that: a request no page of ours makes
            return self._error(start, "400 Bad Request", f"over {MAX_FIELDS} parameters", as_json)
        params = Params(fields, self.max_limit)
        try:
            store = ReadOnlyStore(self.db_path)
        except StoreError as exc:
            return self._error(start, "503 Service Unavailable", str(exc), as_json)
        try:
            result: View = view(Views(store, self.settings), params, **args)
        except NotFound as exc:
            return self._error(start, "404 Not Found", str(exc), as_json)
        except StoreError as exc:  # a locked or damaged file: say so, show no traceback
            return self._error(start, "500 Internal Server Error", f"database: {exc}", as_json)
        except DetenteError as exc:
            return self._error(start, "400 Bad Request", str(exc), as_json)
        finally:
            store.close()
        if as_json:
            return self._json(start, "200 OK", result.data)
        asked = {k: v[0] for k, v in fields.items() if v}  # for the links of paged lists
        extra = {**result.extra, "json_href": json_href, "params": asked}
        return self._html(start, "200 OK", result.template, result.data, extra)

    def _html(
        self, start: StartResponse, status: str, name: str, data: Any, extra: dict[str, Any]
    ) -> list[bytes]:
        body = self.env.get_template(name).render(data=data, **extra).encode("utf-8")
        start(status, [("Content-Type", "text/html; charset=utf-8"), *HEADERS])
        return [body]

    def _json(self, start: StartResponse, status: str, data: Any) -> list[bytes]:
        body = json.dumps(data, ensure_ascii=False, default=str, indent=1).encode("utf-8")
        start(status, [("Content-Type", "application/json; charset=utf-8"), *HEADERS])
        return [body]

    def _error(self, start: StartResponse, status: str, message: str, as_json: bool) -> list[bytes]:
        if as_json:
            return self._json(start, status, {"error": message, "status": int(status[:3])})
        data = {"error": message, "status": status}
        return self._html(start, status, "error.html", data, {"json_href": "", "params": None})

    def _plain(self, start: StartResponse, status: str, message: str) -> list[bytes]:
        start(status, [("Content-Type", "text/plain; charset=utf-8"), *HEADERS])
        return [message.encode("utf-8")]

    def _static(self, start: StartResponse, name: str) -> list[bytes]:
        if not re.fullmatch(r"[a-z0-9_\-]+\.(css|svg)", name) or not (STATIC / name).is_file():
            return self._plain(start, "404 Not Found", "no such file")
        kind = "text/css" if name.endswith(".css") else "image/svg+xml"
        start("200 OK", [("Content-Type", f"{kind}; charset=utf-8"), *HEADERS])
        return [(STATIC / name).read_bytes()]
