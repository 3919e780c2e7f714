"""The web desk: every page and its JSON twin, read-only, escaped, bounded; and in a real
browser (headless system Chromium via Playwright) the click from the dyad chart to the
highlighted sentence in its article."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote
from wsgiref.util import setup_testing_defaults

import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.store.sqlite import ReadOnlyStore, warm_text_index
from detente.web import App, serve_in_thread
from detente.web.shots import chromium_path, launch

EVIL = """Moscow, 3 March 2023 (Wire) - Russian President Vladimir Putin met Chinese President
Xi Jinping in Moscow on Monday, the Kremlin said. <script>alert("owned")</script> The two
leaders discussed trade and security, and Putin said that Russia and China would expand
their military cooperation. <img src=x onerror=alert(1)> "We will work together," he said.
"""


class Client:
    """Calls the WSGI app directly: status, headers and body of one request."""

    def __init__(self, app: App) -> None:
        self.app = app

    def get(self, path: str, qs: str = "", method: str = "GET") -> tuple[int, dict[str, str], str]:
        env: dict[str, Any] = {}
        setup_testing_defaults(env)
        env.update(PATH_INFO=path, QUERY_STRING=qs, REQUEST_METHOD=method)
        seen: dict[str, Any] = {}

        def start(status: str, headers: list[tuple[str, str]]) -> None:
            seen["status"], seen["headers"] = int(status[:3]), dict(headers)

        body = b"".join(self.app(env, start)).decode("utf-8")
        return seen["status"], seen["headers"], body


@pytest.fixture(scope="module")
def seed_path(seed_db: Any) -> str:
    if seed_db.store.dialect != "sqlite":
        pytest.skip("the web desk serves a SQLite file")
    return str(seed_db.path)


@pytest.fixture(scope="module")
def client(seed_path: str) -> Client:
    return Client(App(seed_path, max_limit=100))


def _pair(client: Client) -> tuple[str, str]:
    status, _, body = client.get("/index.json")
    assert status == 200
    top = json.loads(body)["dyads"][0]
    return top["a"], top["b"]


def _example_pages(client: Client) -> list[str]:
    """One address per route of the route table, its parameters filled from the seed data: a
    new route without an example here fails the test below, not silently skipped."""
    import re
    from urllib.parse import quote

    from detente.web.views import ROUTES

    a, b = _pair(client)
    _, _, compare = client.get("/compare.json")
    cluster = json.loads(compare)["clusters"][0]
    _, _, dyad = client.get(f"/dyad/{a}/{b}.json")
    doc = json.loads(dyad)["events"][0]["sources"][0]["doc"]
    _, _, listing = client.get("/outlets.json")
    outlet = json.loads(listing)["outlets"][0]["outlet"]
    values = {"a": a, "b": b, "doc": doc, "kind": cluster["kind"], "cluster": cluster["cluster"]}
    pages = []
    for pattern, _view in ROUTES:
        names = {"name": quote(outlet) if pattern.startswith("/outlet/") else a, **values}
        page = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m, n=names: str(n[m.group(1)]), pattern)
        assert re.fullmatch(pattern, page.replace(quote(outlet), outlet)), (pattern, page)
        pages.append(page)
    return pages


def test_every_page_and_its_json_twin(client: Client) -> None:
    pages = _example_pages(client)
    assert any(p.startswith("/outlet/") for p in pages)
    for page in pages:
        status, headers, body = client.get(page)
        assert status == 200, (page, body[:300])
        assert headers["Content-Type"].startswith("text/html")
        assert "script-src" not in headers["Content-Security-Policy"]  # no script allowed
        assert "<script" not in body.lower()
        twin = "/index.json" if page == "/" else page + ".json"
        status, headers, body = client.get(twin)
        assert status == 200 and headers["Content-Type"].startswith("application/json")
        assert isinstance(json.loads(body), dict)


def test_dyad_page_links_chart_points_to_sentences(client: Client) -> None:
    a, b = _pair(client)
    _, _, page = client.get(f"/dyad/{a}/{b}")
    data = json.loads(client.get(f"/dyad/{a}/{b}.json")[2])
    for row in data["timeline"]:
        if row["period"] and row["events"] and row["goldstein_mean"] is not None:
            assert f'href="#period-{row["period"]}"' in page
            assert f'id="period-{row["period"]}"' in page
    first = data["events"][0]["sources"][0]
    assert f"/article/{first['doc']}?focus=event-{first['event']}#event-{first['event']}" in page


def test_search_page_filters_and_bad_input(client: Client) -> None:
    status, _, body = client.get("/search.json", "q=alliance&limit=3")
    rows = json.loads(body)["results"]
    assert status == 200 and 0 < len(rows) <= 3
    status, _, body = client.get("/search.json", "q=alliance&limit=999999")
    assert len(json.loads(body)["results"]) <= 100  # capped by the server's limit
    status, _, body = client.get("/search", "q=%22unbalanced")
    assert status == 400 and "bad search query" in body
    status, _, _ = client.get("/search", "actor=" + quote("RUS' OR 1=1 --"))
    assert status == 400


def test_errors_limits_and_read_only(client: Client, seed_path: str) -> None:
    assert client.get("/nothing-here")[0] == 404
    assert client.get("/article/nope")[0] == 404
    status, _, body = client.get("/article/nope.json")
    assert status == 404 and json.loads(body)["status"] == 404
    assert client.get("/", method="POST")[0] == 405
    assert client.get("/search", "q=" + "a" * 5000)[0] == 414
    assert client.get("/static/../../etc/passwd")[0] == 404
    assert client.get("/static/style.css")[0] == 200
    store = ReadOnlyStore(seed_path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM events")
    finally:
        store.close()


def test_article_text_is_escaped(tmp_path: Path) -> None:
    import detente

    source = tmp_path / "evil.jsonl"
    record = {
        "url": "javascript:alert(2)",
        "outlet": "<b>Wire</b>",
        "title": "<script>alert(3)</script> Putin meets Xi",
        "published": "2023-03-03",
        "text": EVIL,
    }
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    path = str(tmp_path / "evil.db")
    with detente.open(path) as db:
        report = db.ingest([str(source)])
        assert report.added, report.as_dict()
        doc = report.added[0]
        assert db.store.count("events") > 0  # records are highlighted in the escaped text
    client = Client(App(path))
    status, headers, body = client.get(f"/article/{doc}")
    assert status == 200
    assert "<script" not in body.lower() and "<img" not in body.lower()
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert 'href="javascript:' not in body  # a stored URL is linked only when it is http(s)
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    for page in ("/", "/outlets", "/search", "/compare", "/actors"):
        status, _, body = client.get(page, "q=alert")
        assert status == 200 and "<script" not in body.lower() and "<b>Wire" not in body


def test_serve_binds_to_localhost_by_default() -> None:
    serve = cli.commands["serve"]  # type: ignore[attr-defined]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"


def test_serve_command_answers_over_http(seed_path: str) -> None:
    """The real command in a subprocess: bound to 127.0.0.1, JSON twin over HTTP, HEAD empty."""
    import socket
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    main = "from detente.cli import main; main()"
    cmd = [sys.executable, "-c", main, "--db", seed_path, "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert f"http://127.0.0.1:{port}/" in line and "read-only" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=10) as r:
            assert json.loads(r.read())["counts"]["documents"] > 0
        head = urllib.request.Request(f"http://127.0.0.1:{port}/", method="HEAD")
        with urllib.request.urlopen(head, timeout=10) as r:
            assert r.status == 200 and r.read() == b""
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_chart_points_outside_the_event_list_link_to_their_period(client: Client) -> None:
    a, b = _pair(client)
    _, _, page = client.get(f"/dyad/{a}/{b}", "limit=1")
    assert 'href="#period-' in page  # the one listed period
    assert "?by=year&amp;since=" in page  # the others narrow the page to themselves


@pytest.fixture()
def has_browser() -> Any:
    """Playwright and a system Chromium, or a skip saying which is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if chromium_path() is None:
        pytest.skip("no system chromium (apt-get install chromium)")
    return sync_api


@pytest.fixture()
def browser(has_browser: Any) -> Iterator[Any]:
    """A fresh headless Chromium per test (Playwright's sync API cannot nest)."""
    with has_browser.sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


def test_browser_click_from_chart_to_highlighted_sentence(seed_path: str, browser: Any) -> None:
    server = serve_in_thread(seed_path)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        page = browser.new_page()
        page.goto(base + "/")
        page.locator("a.dyad").first.click()
        assert "/dyad/" in page.url
        assert page.locator("svg.chart").is_visible()
        point = page.locator("svg.chart a.point").first
        period = point.get_attribute("data-period")
        point.click()
        assert page.url.endswith(f"#period-{period}")
        section = page.locator(f"section#period-{period}")
        link = section.locator("a.sentence").first
        sentence = link.inner_text()
        link.click()
        assert "/article/" in page.url and "#event-" in page.url
        focus = page.locator("article.text .focus")
        assert focus.count() >= 1 and focus.first.is_visible()
        marked = "".join(page.locator("article.text .k-focus-sentence").all_inner_texts())
        assert "".join(focus.all_inner_texts()) in marked
        assert marked.split()[:3] == sentence.split()[:3]
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_screenshots_command_writes_pngs(seed_path: str, has_browser: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", seed_path, "screenshots", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shots = sorted(tmp_path.glob("*.png"))
    assert {p.stem for p in shots} >= {"index", "dyad", "article", "compare", "search"}
    for shot in shots:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def test_chart_geometry_stays_in_the_frame() -> None:
    from detente.web.chart import timeline_chart

    rows = [
        {"period": "2019", "events": 3, "goldstein_mean": 9.5, "cooperation": 3, "conflict": 0},
        {"period": "2020", "events": 0, "goldstein_mean": None, "cooperation": 0, "conflict": 0},
        {"period": "2021", "events": 5, "goldstein_mean": -8.0, "cooperation": 1, "conflict": 4},
        {"period": None, "events": 2},
    ]
    chart = timeline_chart(rows)
    assert [p["row"]["period"] for p in chart["points"]] == ["2019", "2021"]
    assert len(chart["bars"]) == 3
    high, low = chart["points"]
    assert high["y"] < chart["zero_y"] < low["y"]  # cooperation is drawn above conflict
    for p in chart["points"]:
        assert chart["left"] <= p["x"] <= chart["right"] and 0 <= p["y"] <= chart["height"]
        assert p["href"] == f"#period-{p['row']['period']}"
    assert chart["bars"][2]["conf_h"] > chart["bars"][2]["coop_h"]


def test_browser_compare_sets_outlets_side_by_side(seed_path: str, browser: Any) -> None:
    server = serve_in_thread(seed_path)
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        clusters = json.loads(page.goto(base + "/compare.json").text())["clusters"]
        widest = max(clusters, key=lambda c: len(c["outlets"]))
        if len(widest["outlets"]) < 2:
            pytest.skip("no cluster across outlets in this record")
        page.goto(base + "/compare")
        page.locator(f'a[href="/compare/{widest["kind"]}/{widest["cluster"]}"]').click()
        columns = page.locator(".columns > .column")
        assert columns.count() == len(widest["outlets"])
        tops = {round(columns.nth(i).bounding_box()["y"]) for i in range(columns.count())}
        assert len(tops) == 1, "each outlet's version stands beside the others"
        link = columns.first.locator(".sentence a").first
        link.click()
        assert "/article/" in page.url
        assert page.locator("article.text .focus").first.is_visible()
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_desk_and_the_cli_compare_with_the_same_tolerance(seed_path: str) -> None:
    """/compare reads figure_tolerance from the settings it is given, as the CLI does: both go
    through Database.views, so a setting cannot mean one thing here and another there."""
    import detente
    from detente.settings import Settings

    for tolerance in (0.0, 0.5):
        settings = Settings({"figure_tolerance": tolerance})
        web = Client(App(seed_path, max_limit=500, settings=settings))
        status, _, body = web.get("/compare.json")
        assert status == 200, body
        verdicts = {
            (c["kind"], c["cluster"]): c.get("verdict") for c in json.loads(body)["clusters"]
        }
        with detente.open(seed_path, figure_tolerance=tolerance) as db:
            cli_side = {(c["kind"], c["cluster"]): c.get("verdict") for c in db.views.compare()}
        assert verdicts == cli_side and len(verdicts) < 200  # all of them, under the page limit


def test_dyad_page_prints_figures_as_a_reader_writes_them(client: Client) -> None:
    data = json.loads(client.get("/dyad/RUS/CHN.json")[2])
    values = {p["value"] for s in data["figures"] for p in s["points"]}
    assert 111e9 in values  # the JSON twin keeps base units, to compare and sum
    page = client.get("/dyad/RUS/CHN")[2]
    assert "$111 bn" in page and "1.11e+11" not in page


def test_the_desk_refuses_a_file_without_its_summary_tables(tmp_path: Path) -> None:
    """A file of an older detente has no summary tables: the desk says how to build them
    (one open for writing migrates it) instead of failing on every page."""
    from detente.errors import StoreError
    from detente.store.sqlite import SQLiteStore

    path = tmp_path / "old.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE sums_pair")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="open it once for writing"):
        App(str(path))
    SQLiteStore(path).close()  # what any write command does first: migrate
    status, _, body = App(str(path))._render(
        {"PATH_INFO": "/index.json", "QUERY_STRING": "", "REQUEST_METHOD": "GET"}
    )
    assert status.startswith("200") and json.loads(body)["counts"]["events"] == 0


def test_the_full_text_index_is_read_ahead_within_its_budget(
    seed_path: str, tmp_path: Path
) -> None:
    """The server reads the search index once at start-up (so that the first search does not
    wait on the disk), no more of it than asked, and a missing file is no failure of its."""
    whole = warm_text_index(seed_path, 10**9)
    assert whole > 0
    assert warm_text_index(seed_path, 1) < whole
    assert warm_text_index(tmp_path / "missing.db", 10**9) == 0
