"""The query layer over the seed corpus: search filters, the dyad view, outlets, articles."""

from __future__ import annotations

from typing import Any

import pytest

from detente import query
from detente.query import Filters, QueryError


def _store(seed_db: Any) -> Any:
    return seed_db.store


def _pair(seed_db: Any) -> tuple[str, str]:
    """The pair with the most events (RUS–CHN on the seeds; found, not assumed)."""
    rows = _store(seed_db).rows(
        """SELECT source_actor AS a, target_actor AS b, count(*) AS n FROM events
           WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
                 AND source_actor != target_actor
           GROUP BY source_actor, target_actor ORDER BY n DESC LIMIT 1"""
    )
    assert rows, "the seeds yield events between two actors"
    return rows[0]["a"], rows[0]["b"]


def test_search_matches_text_and_respects_outlet_and_limit(seed_db: Any) -> None:
    rows = query.search(_store(seed_db), "alliance", limit=50)
    assert rows and all("alliance" in r["text"].lower() for r in rows)
    outlet = next(r["outlet"] for r in rows if r["outlet"])
    only = query.search(_store(seed_db), "alliance", 50, Filters(outlet=outlet.lower()))
    assert only and {r["outlet"] for r in only} == {outlet}
    assert len(query.search(_store(seed_db), "alliance", limit=1)) == 1


def test_a_search_page_counts_every_match(seed_db: Any) -> None:
    """A page shorter than the matches says how many there are: text alone is counted by the
    store (SQLite from its full-text index alone), and the count is what the search finds."""
    store = _store(seed_db)
    every = query.search(store, "alliance OR talks", limit=1000)
    page = query.search(store, "alliance OR talks", limit=1, offset=1)
    assert len(every) > 2 and len(page) == 1 and page.total == every.total == len(every)


def test_search_filters_by_event_type_dyad_and_dates(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    events = query.event_rows(_store(seed_db), Filters(dyad=(a, b)))
    plover = events[0]["plover"]
    rows = query.search(_store(seed_db), "", 200, Filters(dyad=(b, a), plover=plover))
    want = {(e["doc"], e["sentence"]) for e in events if e["plover"] == plover}
    assert {(r["doc"], r["idx"]) for r in rows} == want
    dated = [r for r in query.search(_store(seed_db), "", 200, Filters(since="2023"))]
    assert dated and all(r["published"] >= "2023" for r in dated)
    early = query.search(_store(seed_db), "", 200, Filters(actor=a, until="2020"))
    assert all(r["published"] and r["published"][:4] <= "2020" for r in early)


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("", Filters()),  # nothing asked
        ("x" * 400, Filters()),  # too long
        ('"unbalanced', Filters()),  # bad full-text syntax
        ("russia", Filters(actor="RUS; DROP TABLE events")),  # not an actor code
        ("russia", Filters(since="last year")),  # not a date
    ],
)
def test_bad_queries_are_named_errors(seed_db: Any, text: str, filters: Filters) -> None:
    with pytest.raises(QueryError):
        query.search(_store(seed_db), text, 10, filters)
    assert seed_db.store.count("events") > 0  # nothing was dropped


def test_limits_are_clamped() -> None:
    assert query.clamp(10**9) == query.MAX_LIMIT
    assert query.clamp(-5) == 1
    with pytest.raises(QueryError):
        query.clamp("many")  # type: ignore[arg-type]


def test_dyad_view_adds_up(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    view = query.dyad(_store(seed_db), b.lower(), a)  # either order, any case
    s = view["summary"]
    assert s["events"] == s["a_to_b"] + s["b_to_a"] > 0
    assert sum(q["events"] for q in view["by_quad"]) == s["events"]
    assert sum(p["events"] for p in view["by_plover"]) == s["events"]
    placed = [r for r in view["timeline"] if r["period"]]
    assert sum(r["events"] for r in view["timeline"]) == s["events"]
    years = [int(r["period"]) for r in placed]
    assert years == list(range(years[0], years[-1] + 1)), "no silent gaps on the time axis"
    assert sum(r["asserted"] for r in placed) <= s["asserted"] <= s["events"]
    assert s["asserted"] + sum(s["not_asserted"].values()) == s["events"]
    assert sum(len(e["sources"]) for e in view["events"]) == s["events"]  # none lost
    busy = {r["period"] for r in placed if r["events"]}
    assert {e["period"] for e in view["events"] if e["period"]} <= busy  # points lead to them
    for e in view["events"]:
        assert {e["source_actor"], e["target_actor"]} == {a, b}
        assert all(src["sentence"] for src in e["sources"])


def test_dyad_by_month_and_range(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    view = query.dyad(_store(seed_db), a, b, by="month", since="2014", until="2024")
    periods = [r["period"] for r in view["timeline"] if r["period"]]
    assert periods[0] == "2014-01" and periods[-1] == "2024-12"
    assert len(periods) == 11 * 12
    with pytest.raises(QueryError):
        query.timeline(_store(seed_db), Filters(dyad=(a, b)), by="week")


def test_dyad_quotes_and_figures_are_tied_to_the_pair(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    view = query.dyad(_store(seed_db), a, b)
    speakers = view["quotes"]
    assert speakers and all(s["actor"] in (a, b) for s in speakers)
    assert speakers == sorted(speakers, key=lambda s: -len(s["quotes"]))
    for series in view["figures"]:
        assert series["points"] and all(p["value"] is not None for p in series["points"])


def test_outlets_split_the_dyad_between_them(seed_db: Any) -> None:
    """Asked for a pair, every column of the outlet list is the pair's, and each outlet's
    page (asked for the same pair) and the dyad view count the same."""
    store = _store(seed_db)
    a, b = _pair(seed_db)
    rows = query.outlets(store, (a, b))
    view = query.dyad(store, a, b, limit=1000)
    assert sum(r["events"] for r in rows) == view["summary"]["events"]
    assert sum(r["asserted"] for r in rows) == view["summary"]["asserted"]
    assert sum(r["quotes"] for r in rows) == view["pages"]["quotes"]["total"]
    side = "EXISTS (SELECT 1 FROM mentions m WHERE m.doc = d.id AND (m.actor = ? OR m.state = ?))"
    both = store.rows(
        f"SELECT count(*) AS n FROM documents d WHERE {side} AND {side}", [a, a, b, b]
    )[0]["n"]
    assert sum(r["articles"] for r in rows) == both
    for r in rows:
        assert r["goldstein_mean"] is None or -10 <= r["goldstein_mean"] <= 10
        assert r["n"] <= r["asserted"] <= r["events"]
    named = next(r for r in rows if r["quotes"])
    detail = query.outlet(store, named["outlet"], (a, b))
    assert detail is not None
    assert sum(x["quotes"] for x in detail["quoted_by_state"]) == named["quotes"]
    assert sum(x["quotes"] for x in detail["quoted_by_sector"]) == named["quotes"]
    assert detail["pages"]["documents"]["total"] == named["articles"]
    if named["events"]:
        framing = detail["framing"]
        assert framing["events"] == named["events"]
        assert framing["goldstein_mean"] == named["goldstein_mean"]
        assert detail["pages"]["events"]["total"] <= named["events"]  # clusters of them
    assert query.outlet(store, "no such outlet") is None


def test_segments_cut_without_changing_the_text() -> None:
    text = "Putin said Russia and China are close."
    spans = [
        {"kind": "event", "anchor": "event-1", "start": 0, "end": 38},
        {"kind": "mention", "anchor": "mention-2", "start": 0, "end": 5},
        {"kind": "quote", "anchor": "quote-3", "start": 11, "end": 37},
        {"kind": "mention", "anchor": "mention-4", "start": 22, "end": 27},
    ]
    segs = query.segments(text, spans)
    assert "".join(s["text"] for s in segs) == text
    assert [s["anchors"] for s in segs if s["text"] == "China"] == [
        ["event-1", "quote-3", "mention-4"]
    ]
    opened = [a for s in segs for a in s["opens"]]
    assert sorted(opened) == sorted(s["anchor"] for s in spans)


def test_article_highlights_every_record_and_the_focus(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    event = query.event_rows(_store(seed_db), Filters(dyad=(a, b)), 1)[0]
    anchor = f"event-{event['id']}"
    view = query.article(_store(seed_db), event["doc"], focus=anchor)
    assert view is not None
    text = seed_db.document(event["doc"])["text"]
    assert "".join(s["text"] for s in view["segments"]) == text
    opened = {x for s in view["segments"] for x in s["opens"]}
    assert {r["anchor"] for r in view["records"]} <= opened
    focused = "".join(s["text"] for s in view["segments"] if s["focus"])
    assert focused == text[event["start"] : event["end"]]
    sentence = "".join(s["text"] for s in view["segments"] if s["in_focus_sentence"])
    assert focused in sentence
    assert query.article(_store(seed_db), "nope") is None


def test_compare_cluster_sets_outlets_side_by_side(seed_db: Any) -> None:
    clusters = [c for c in query.compare(_store(seed_db)) if len(c["outlets"]) > 1]
    assert clusters
    c = max(clusters, key=lambda c: len(c["outlets"]))
    view = query.compare_cluster(_store(seed_db), c["kind"], c["cluster"])
    assert view is not None
    assert sorted(col["outlet"] for col in view["columns"]) == c["outlets"]
    assert query.compare_cluster(_store(seed_db), "event", "no-such") is None
    assert query.compare_cluster(_store(seed_db), "events; --", "x") is None


def test_actor_view_state_and_person(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    state = query.actor_view(_store(seed_db), a)
    assert state is not None
    assert b in {p["actor"] for p in state["partners"]}
    assert state["events"] and state["timeline"]
    speaker = next(
        r["speaker_id"] for r in query.quotes(_store(seed_db), speaker_actor=a) if r["speaker_id"]
    )
    person = query.actor_view(_store(seed_db), speaker)
    assert person is not None and person["kind"] == "person"
    assert person["quotes"] and all(q["speaker_id"] == speaker for q in person["quotes"])


def test_cli_desk_commands_print_the_query_rows(seed_db: Any) -> None:
    import json

    from click.testing import CliRunner

    from detente.cli import cli

    if seed_db.store.dialect != "sqlite":
        pytest.skip("the CLI is run against the SQLite file")
    a, b = _pair(seed_db)
    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(cli, ["--db", seed_db.path, *args])
        assert result.exit_code == 0, result.output
        return result.output

    # the CLI reads through the views bound to the settings (min_confidence among them)
    assert json.loads(run("dyad", a, b, "--json")) == json.loads(
        json.dumps(seed_db.views.dyad(a, b), default=str)
    )
    assert f"{a} – {b}" in run("dyad", a, b)
    rows = json.loads(run("timeline", "--dyad", a, b, "--by", "month", "--json"))
    assert rows == seed_db.views.timeline(Filters(dyad=(a, b)), "month")
    assert "goldstein_mean" in run("timeline", "--actor", a)
    listed = json.loads(run("outlets", "--dyad", a, b, "--json"))
    outlets = listed["rows"]
    assert outlets == json.loads(json.dumps(seed_db.views.outlets((a, b)), default=str))
    assert listed["total"] == len(outlets) and listed["offset"] == 0
    assert "mean" not in run("outlet", outlets[0]["outlet"]).splitlines()[0]
    found = json.loads(run("search", "--dyad", a, b, "--limit", "5", "--json"))
    assert 0 < len(found["rows"]) <= 5 and found["limit"] == 5
    bad = runner.invoke(cli, ["--db", seed_db.path, "search"])
    assert bad.exit_code == 1 and "QueryError" in bad.output


def test_focus_beyond_the_record_cap_still_lands(seed_db: Any, monkeypatch: Any) -> None:
    import importlib

    article_module = importlib.import_module("detente.query.article")  # the module, not the view

    doc = _store(seed_db).rows(
        "SELECT doc, count(*) AS n FROM events GROUP BY doc ORDER BY n DESC LIMIT 1"
    )[0]["doc"]
    last = _store(seed_db).rows(
        'SELECT id, start, "end" FROM events WHERE doc = ? ORDER BY start DESC LIMIT 1', [doc]
    )[0]
    monkeypatch.setattr(article_module, "MAX_RECORDS", 1)
    view = query.article(_store(seed_db), doc, focus=f"event-{last['id']}")
    assert view is not None and view["focus"] is not None
    assert sum(1 for r in view["records"] if r["kind"] == "event") == 2  # the first + the focus
    focused = "".join(s["text"] for s in view["segments"] if s["focus"])
    text = seed_db.document(doc)["text"]
    assert focused == text[last["start"] : last["end"]]


def test_dyads_fold_both_directions(seed_db: Any) -> None:
    a, b = _pair(seed_db)
    pairs = query.dyads(_store(seed_db))
    top = next(p for p in pairs if {p["a"], p["b"]} == {a, b})
    assert top["a"] < top["b"]
    assert top["events"] == query.dyad(_store(seed_db), a, b)["summary"]["events"]


def _by_hand(
    store: Any, pair: tuple[str, str], by: str, since: str | None, until: str | None
) -> tuple[dict[str, list[dict[str, Any]]], int, list[dict[str, Any]]]:
    """The dyad's events read one by one and counted in Python: what the timeline means."""
    a, b = pair
    width = 4 if by == "year" else 7
    periods: dict[str, list[dict[str, Any]]] = {}
    undated, kept = 0, []
    for r in store.rows("SELECT e.*, d.published FROM events e JOIN documents d ON d.id = e.doc"):
        if (r["source_actor"], r["target_actor"]) not in {(a, b), (b, a)}:
            continue
        if any(
            r[s] not in (None, *query.DEFAULT_SECTORS) for s in ("source_sector", "target_sector")
        ):
            continue  # a dyad view counts the default sectors
        when = r["date"] if r["date"] is not None else r["published"]
        if since and (when is None or when < since):
            continue
        if until and (when is None or when[: len(until)] > until):
            continue
        kept.append(r)
        period = (when or "")[:width]
        if len(period) == width:
            periods.setdefault(period, []).append(r)
        else:
            undated += 1
    return periods, undated, kept


def _sums(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """What the indices mean, counted by hand: asserted events only, statements and appeals
    apart from cooperation and conflict and out of the Goldstein mean."""
    asserted = [r for r in rows if r["modality"] == "asserted"]
    acts = [r for r in asserted if r["plover"] not in ("STATEMENT", "APPEAL")]
    scores = [r["goldstein"] for r in acts if r["goldstein"] is not None]
    return {
        "events": len(rows),
        "asserted": len(asserted),
        "reported": sum(r["date"] is None or r["date_basis"] == "reported" for r in asserted),
        "statements": len(asserted) - len(acts),
        "n": len(scores),
        "goldstein_sum": pytest.approx(sum(scores), abs=0.01),
        "goldstein_mean": pytest.approx(sum(scores) / len(scores), abs=0.01) if scores else None,
        "cooperation": sum(r["quad_class"] in (1, 2) for r in acts),
        "conflict": sum(r["quad_class"] in (3, 4) for r in acts),
    }


@pytest.mark.parametrize(
    ("by", "since", "until"),
    [("year", None, None), ("month", None, None), ("month", "2014-03", "2024")],
)
def test_dyad_index_path_counts_what_the_rows_hold(
    seed_db: Any, by: str, since: str | None, until: str | None
) -> None:
    """The timeline and totals read from the pair index (per-day sums, both directions)
    equal a count of the pair's event rows one by one, undated events included."""
    store = _store(seed_db)
    a, b = _pair(seed_db)
    for pair in ((a, b), (b, a), (a, a)):
        periods, undated, kept = _by_hand(store, pair, by, since, until)
        rows = query.timeline(store, Filters(dyad=pair, since=since, until=until), by)
        placed = {r["period"]: r for r in rows if r["period"] and r["events"]}
        assert set(placed) == set(periods)
        for period, members in periods.items():
            assert {k: placed[period][k] for k in _sums(members)} == _sums(members)
        assert sum(r["events"] for r in rows if r["period"] is None) == undated
        if pair == (a, a):
            continue
        view = query.dyad(store, *pair, by=by, since=since, until=until)
        s = view["summary"]
        assert {k: s[k] for k in _sums(kept)} == _sums(kept)
        assert s["a_to_b"] == sum(r["source_actor"] == pair[0] for r in kept)
        quads = {q["quad_class"]: q["events"] for q in view["by_quad"]}
        assert quads == {q: sum(r["quad_class"] == q for r in kept) for q in quads}
        assert sum(quads.values()) == len(kept) > 0
        ids = [r["id"] for r in kept]
        ordered = store.rows(  # the database's own order: ties by class, NULL where it sorts it
            f"""SELECT quad_class, count(*) AS events FROM events
                WHERE id IN ({", ".join("?" * len(ids))})
                GROUP BY quad_class ORDER BY events DESC, quad_class""",
            ids,
        )
        assert [(q["quad_class"], q["events"]) for q in view["by_quad"]] == [
            (q["quad_class"], q["events"]) for q in ordered
        ]


def test_dyad_sectors_default_and_on_request(seed_db: Any) -> None:
    """A dyad view counts the state's organs by default; every sector on request; a bad
    sector name is refused with a named error."""
    store = _store(seed_db)
    a, b = _pair(seed_db)
    default = query.dyad(store, a, b)["summary"]["events"]
    everything = query.dyad(store, a, b, sectors="all")["summary"]["events"]
    rows = store.rows(
        "SELECT source_sector, target_sector FROM events WHERE (source_actor = ? AND"
        " target_actor = ?) OR (source_actor = ? AND target_actor = ?)",
        [a, b, b, a],
    )
    assert everything == len(rows) >= default
    outside = sum(
        any(r[s] not in (None, *query.DEFAULT_SECTORS) for s in ("source_sector", "target_sector"))
        for r in rows
    )
    assert default == everything - outside
    only_gov = query.dyad(store, a, b, sectors="GOV")["summary"]["events"]
    assert only_gov <= default
    with pytest.raises(query.QueryError):
        query.dyad(store, a, b, sectors="GOV;DROP")
