"""Screenshots of the main pages in headless Chromium, so a person can look at them.

Uses Playwright with the system's Chromium (``/usr/bin/chromium`` from the distribution):
no browser is downloaded.  Both are optional: a MissingDependency names what to install.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from detente.errors import MissingDependency
from detente.settings import Settings

__all__ = ["BROWSER_ARGS", "chromium_path", "launch", "screenshots"]

#: flags for a sandboxed CI container: no GPU, no sandbox, nothing fetched in the background
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch(playwright: Any) -> Any:
    """A headless system Chromium."""
    path = chromium_path()
    if path is None:
        raise MissingDependency("chromium (apt-get install chromium)", "web")
    return playwright.chromium.launch(executable_path=path, headless=True, args=BROWSER_ARGS)


def _pages(base: str, app_data: dict[str, Any]) -> dict[str, str]:
    """The main pages to shoot, chosen from what the database holds."""
    pages = {"index": "/", "search": "/search?q=alliance", "outlets": "/outlets"}
    if app_data.get("dyad"):
        a, b = app_data["dyad"]
        pages["dyad"] = f"/dyad/{a}/{b}"
        pages["outlets-dyad"] = f"/outlets?a={a}&b={b}"
    if app_data.get("event"):
        doc, anchor = app_data["event"]
        pages["article"] = f"/article/{doc}?focus={anchor}#{anchor}"
    if app_data.get("cluster"):
        kind, cluster = app_data["cluster"]
        pages["compare"] = f"/compare/{kind}/{cluster}"
    if app_data.get("actor"):
        pages["actor"] = f"/actor/{app_data['actor']}"
    return {name: base + path for name, path in pages.items()}


def _choose(db_path: str, settings: Settings) -> dict[str, Any]:
    """What to show, read through the query views (the settings the desk applies too)."""
    from detente.query import Filters
    from detente.query.views import Views
    from detente.store.sqlite import ReadOnlyStore

    store = ReadOnlyStore(db_path)
    try:
        views = Views(store, settings)
        chosen: dict[str, Any] = {}
        top = views.dyads(limit=1)
        if top:
            chosen["dyad"] = (top[0]["a"], top[0]["b"])
            chosen["actor"] = top[0]["a"]
            events = views.event_rows(Filters(dyad=chosen["dyad"]), 1)
            if events:
                chosen["event"] = (events[0]["doc"], f"event-{events[0]['id']}")
        clusters = sorted(views.compare(), key=lambda c: -len(c["outlets"]))
        if clusters:
            chosen["cluster"] = (clusters[0]["kind"], clusters[0]["cluster"])
        return chosen
    finally:
        store.close()


def screenshots(
    db_path: str,
    out_dir: str | Path,
    width: int = 1280,
    full_page: bool = False,
    settings: Settings | None = None,
) -> list[Path]:
    """Serve the database on a free local port and write one PNG per main page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise MissingDependency("playwright", "web") from exc
    from detente.web.server import serve_in_thread

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    server = serve_in_thread(db_path)
    base = f"http://127.0.0.1:{server.server_port}"
    written: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            page = browser.new_page(viewport={"width": width, "height": 1000})
            for name, url in _pages(base, _choose(db_path, settings or Settings())).items():
                page.goto(url)
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=full_page)
                written.append(path)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written
