"""The desk in a real browser (headless system Chromium via Playwright) on a small record of
our own (tests/test_indices.py ``desk_db``): legible charts, indices with their n and
interval, an actor page of the actor's own events, links that work for every actor, outlet
views filtered by the pair with counts that agree, /compare paged in the database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.web import serve_in_thread
from detente.web.chart import timeline_chart, trim
from detente.web.shots import chromium_path, launch
from test_indices import desk_db


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = desk_db(tmp_path_factory.mktemp("desk") / "desk.db")
    server = serve_in_thread(path)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def page(base: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if chromium_path() is None:
        pytest.skip("no system chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium.new_page()
        chromium.close()


def _json(page: Any, url: str) -> Any:
    return json.loads(page.goto(url).text())


def test_trim_names_isolated_early_periods() -> None:
    rows = [{"period": str(y), "events": 0} for y in range(1963, 2015)]
    for r in rows:
        r["events"] = {"1963": 1, "2010": 40, "2011": 30, "2013": 20}.get(r["period"], 0)
    kept, note = trim(rows)
    assert kept[0]["period"] == "2010" and kept[-1]["period"] == "2013"
    assert note == "also 1 event in 1963 (left off the axis)"
    busy = [{"period": str(y), "events": 10} for y in range(2000, 2010)]
    assert trim(busy) == (busy, None)  # dense data: nothing left off


def test_chart_breaks_the_line_at_empty_periods() -> None:
    def row(period: str, events: int, mean: float | None) -> dict[str, Any]:
        return {"period": period, "events": events, "goldstein_mean": mean, "n": events,
                "cooperation": events, "conflict": 0, "ci95": None}  # fmt: skip

    chart = timeline_chart([row("2019", 3, 2.0), row("2020", 0, None), row("2021", 2, -1.0)])
    assert len(chart["lines"]) == 2  # no line across 2020
    assert {t["label"] for t in chart["ticks"]} == {"3", "2"}  # the bar scale, labelled


def test_dyad_page_is_legible_and_honest(base: str, page: Any) -> None:
    page.goto(base + "/dyad/RUR/FRD")
    note = page.locator("p.chart-note")
    assert note.inner_text() == "also 1 event in 1963 (left off the axis)"
    labels = page.locator("svg.chart text.axis").all_text_contents()
    assert "1963" not in labels and "2010" in labels
    assert page.locator("svg.chart polyline.line").count() == 2  # 2012 is a gap
    assert page.locator("svg.chart text.bar-scale").count() >= 2
    assert "1 negated" in page.locator("#summary").inner_text()
    assert "1 future" in page.locator("#summary").inner_text()
    assert "2 statements and appeals" in page.locator("#statements").inner_text()
    data = _json(page, base + "/dyad/RUR/FRD.json")
    mean = page.goto(base + "/dyad/RUR/FRD") and page.locator("#mean").inner_text()
    s = data["summary"]
    assert f"n {s['n']}" in mean and f"{s['ci95'][0]} to {s['ci95'][1]}" in mean
    page.goto(base + "/dyad/RUR/FRD?per=articles")
    assert "per 100 of the 12 articles" in page.locator("#volume").inner_text()
    assert page.locator("#volume-table tbody tr").count() == 5


def test_actor_links_work_and_a_person_charts_its_own_events(base: str, page: Any) -> None:
    page.goto(base + "/actors")
    links = page.locator("a.actor")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "/actor/person%3Aanna-vell" in hrefs
    for href in hrefs:
        assert page.goto(base + href).status == 200, href  # no actor link leads to a 404
    page.goto(base + "/actor/person%3Aanna-vell")
    assert page.locator("h1").inner_text().startswith("Anna Vell")
    periods = [p.get_attribute("data-period") for p in page.locator("svg.chart a.point").all()]
    assert periods == ["2013"]  # her two events, not Ruritania's timeline
    state = _json(page, base + "/actor/RUR.json")
    assert sum(r["events"] for r in state["timeline"] if r["period"]) == 12


def test_outlet_views_count_the_pair_alike(base: str, page: Any) -> None:
    listed = _json(page, base + "/outlets.json?a=RUR&b=FRD")["outlets"]
    assert {r["outlet"] for r in listed} == {"Daily Ledger", "Evening Post"}
    dyad = _json(page, base + "/dyad/RUR/FRD.json")
    assert sum(r["events"] for r in listed) == dyad["summary"]["events"]
    assert sum(r["quotes"] for r in listed) == dyad["pages"]["quotes"]["total"]
    page.goto(base + "/outlets?a=RUR&b=FRD")
    row = page.locator("#outlets tr[data-outlet='Daily Ledger']")
    articles, events = (
        row.locator("td.articles").inner_text(),
        row.locator("td.events").inner_text(),
    )
    assert row.locator("td.n").inner_text() != ""
    row.locator("a").first.click()
    assert "/outlet/Daily%20Ledger?a=RUR&b=FRD" in page.url
    counts = page.locator("#outlet-counts").inner_text()
    assert counts.startswith(f"{articles} articles mentioning both")
    assert f"{events} events of the pair" in counts
    pair = page.locator("#pairs td.events").first.inner_text()
    assert pair == events


def test_compare_is_paged_in_the_database(base: str, page: Any) -> None:
    listed = _json(page, base + "/compare.json?limit=1")
    assert listed["page"]["total"] == 0 and listed["clusters"] == []
    assert page.goto(base + "/compare?kind=nothing").status == 400


def test_json_twins_of_every_desk_page(base: str, page: Any, tmp_path: Path) -> None:
    for path in ("/", "/dyad/RUR/FRD", "/actors", "/actor/RUR", "/outlets", "/compare"):
        twin = (path.rstrip("/") or "/index") + ".json"
        assert page.goto(base + path).status == 200, path
        assert page.goto(base + twin).status == 200, twin


def test_paged_lists_link_to_the_next_and_previous_pages(base: str, page: Any) -> None:
    page.goto(base + "/dyad/RUR/FRD?limit=5")
    note = page.locator("#events p.page-note")
    assert note.inner_text().startswith("events (grouped by cluster) 1–5 of 12")
    assert page.locator("#events a.page-prev").count() == 0
    page.locator("#events a.page-next").click()
    assert "offset=5" in page.url and "limit=5" in page.url and page.url.endswith("#events")
    assert (
        page.locator("#events p.page-note")
        .inner_text()
        .startswith("events (grouped by cluster) 6–10 of 12")
    )
    page.locator("#events a.page-next").click()
    last = page.locator("#events p.page-note")
    assert last.inner_text().startswith("events (grouped by cluster) 11–12 of 12")
    assert page.locator("#events a.page-next").count() == 0
    page.locator("#events a.page-prev").click()
    assert "offset=5" in page.url
    page.goto(base + "/actors?limit=1")
    assert page.locator("p.page-note").inner_text().startswith("actors 1–1 of")
    page.locator("a.page-next").click()
    assert page.locator("p.page-note").inner_text().startswith("actors 2–2 of")
