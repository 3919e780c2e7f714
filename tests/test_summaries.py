"""The summary tables (store/summary.py, query/sums.py): the desk's numbers read from them are
the numbers read from the events, and the store keeps them so through every write.

The views run twice on the small record of tests/test_indices.py, once from the summaries and
once with :func:`detente.query.sums.scope` refusing every filter (the path that reads the
events, as before the summaries); everything they return must be equal.  The upkeep is
checked on SQLite and on PostgreSQL: after documents are written, restated and rewritten, the
summaries hold what a rebuild from the stored events holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from detente import query
from detente.model import Document, Event, Metadata, Paragraph, Processed, Sentence
from detente.query import sums
from detente.query.views import Views
from detente.settings import Settings
from detente.store import open_store
from detente.store.sqlite import SQLiteStore
from detente.store.summary import AGGREGATES, SUMMARIES
from test_indices import desk_db


def _views(store: SQLiteStore) -> dict[str, Any]:
    v = Views(store, Settings())
    return {
        "dyad": v.dyad("RUR", "FRD"),
        "dyad_month": v.dyad("RUR", "FRD", "month", since="2010-06", until="2013"),
        "dyad_all_sectors": v.dyad("FRD", "RUR", sectors="all", min_confidence=0.3),
        "dyad_page_2": v.dyad("RUR", "FRD", limit=3, offset=3),
        "actor": v.actor_view("RUR"),
        "person": v.actor_view("person:anna-vell"),
        "dyads": v.dyads(),
        "outlets": list(v.outlets()),
        "outlets_pair": list(v.outlets(("FRD", "RUR"))),
        "outlet": v.outlet("Daily Ledger"),
        "outlet_pair": v.outlet("evening post", ("FRD", "RUR")),
        # a page shorter than the pair's events there: their groups counted in all
        "outlet_pair_page": v.outlet("evening post", ("FRD", "RUR"), limit=1),
        "outlet_page": v.outlet("Daily Ledger", limit=1),
        "counts": v.counts(),
        "timeline": v.timeline(query.Filters(dyad=("RUR", "FRD")), "month"),
    }


def _plain(value: Any) -> str:
    return json.dumps(value, default=str, sort_keys=True)


def test_the_summaries_give_what_the_events_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SQLiteStore(desk_db(tmp_path / "desk.db"))
    # one weak event: a threshold of whole tenths reads the summaries, and must drop it too
    store.conn.execute("UPDATE events SET confidence = 0.35 WHERE plover = 'ACCUSE'")
    store.conn.commit()
    store.rebuild_summaries()
    fast = _views(store)
    assert fast["dyad"]["summary"]["events"] == 11 and fast["counts"]["events"] == 12
    monkeypatch.setattr(sums, "scope", lambda *args, **kwargs: None)
    slow = _views(store)
    for name, value in fast.items():
        assert _plain(value) == _plain(slow[name]), name
    store.close()


def test_a_threshold_between_tenths_reads_the_events(tmp_path: Path) -> None:
    f = query.Filters(dyad=("RUR", "FRD"), min_confidence=0.55).checked()
    assert sums.scope(f) is None
    assert sums.scope(dataclasses.replace(f, min_confidence=0.5)) is not None
    assert sums.scope(dataclasses.replace(f, min_confidence=None, since="2010-03-04")) is None
    assert sums.scope(dataclasses.replace(f, min_confidence=None, since="2010"), False) is None


def _event(date: str | None, source: str, target: str | None, **more: Any) -> Event:
    fields: dict[str, Any] = {
        "sentence": 0, "start": 0, "end": 4, "trigger": "met", "source_actor": source,
        "target_actor": target, "source_name": source, "target_name": target,
        "plover": "CONSULT", "cameo": "040", "goldstein": 1.0, "quad_class": 1,
        "modality": "asserted", "date": date,
    }  # fmt: skip
    fields.update(more)
    return Event(**fields)


def _processed(doc_id: str, published: dt.date | None, events: list[Event]) -> Processed:
    text = "Ruritania and Freedonia met again."
    doc = Document(
        doc_id, f"{doc_id}.txt", text, f"hash-{doc_id}", "text", (Paragraph(0, len(text)),),
        Metadata(outlet="Daily Ledger", published=published),
    )  # fmt: skip
    return Processed(doc, [Sentence(0, 0, len(text), text, 0)], {"events": events})


def _held(store: Any) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Every summary's rows as key -> sums (the Goldstein sums rounded: added and taken out
    again, they may differ from a fresh sum in the last bits)."""
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    for s in SUMMARIES:
        rows = store.rows(f"SELECT * FROM {s.table} WHERE events <> 0")
        out[s.table] = {
            tuple(r[k] for k in s.keys): tuple(
                round(float(r[a] or 0), 6) if a.startswith("goldstein") else int(r[a])
                for a in AGGREGATES
            )
            for r in rows
        }
    return out


def test_the_store_keeps_the_summaries_through_every_write(store_url: str) -> None:
    store: Any = open_store(store_url)
    stages = {"annotate": ("a1", None), "events": ("e1", "events")}
    first = [
        _event("2020-01-05", "RUR", "FRD", confidence=0.8, source_sector="GOV"),
        _event(None, "FRD", "RUR", modality="negated", goldstein=-2.0, quad_class=3),
        _event("2020-02", "RUR", None, plover="STATEMENT", cameo="010", goldstein=0.0),
        _event("2020-03-01", "RUR", "RUR", confidence=0.4),
    ]
    store.write_many(
        [
            _processed("d1", dt.date(2020, 1, 9), first),
            _processed("d2", None, [_event(None, "RUR", "FRD", plover=None, goldstein=None)]),
        ],
        stages,
    )
    # moved in time and to another outlet: its undated event moves with it
    store.restate("d1", Metadata(outlet="Evening Post", published=dt.date(2021, 5, 1)), False)
    # a new events version replaces d2's events
    store.write(
        _processed("d2", None, [_event("2022-07-01", "FRD", "RUR", goldstein=-4.0)]),
        {**stages, "events": ("e2", "events")},
    )
    kept = _held(store)
    assert sum(n[0] for n in kept["sums_pair"].values()) == 5
    store.rebuild_summaries()
    assert _held(store) == kept
    assert store.rows("SELECT count(*) AS n FROM sums_pair WHERE events = 0")[0]["n"] == 0
    store.close()


@pytest.mark.parametrize(("limit", "offset"), [(200, 0), (3, 0), (3, 3), (2, 8)])
def test_a_pairs_groups_read_from_the_indexes_match_the_general_query(
    tmp_path: Path, limit: int, offset: int
) -> None:
    """A pair's event page and its counts of articles and groups, read direction by direction
    (no date range), equal those of the general query (a date range before every event)."""
    store = SQLiteStore(desk_db(tmp_path / "desk.db"))
    # a cluster told in both directions on different days, and one of a single event
    store.conn.execute(
        "UPDATE events SET cluster = 'c-both' WHERE date IN ('2010-06-01', '2011-02-01')"
    )
    store.conn.execute("UPDATE events SET cluster = 'c-one' WHERE date = '2013-01-10'")
    store.conn.commit()
    store.rebuild_summaries()
    v = Views(store, Settings())
    for a, b in (("RUR", "FRD"), ("FRD", "RUR")):
        direct = v.dyad(a, b, limit=limit, offset=offset, sectors="all")
        general = v.dyad(a, b, limit=limit, offset=offset, sectors="all", since="1900")
        for part in ("events", "pages"):
            assert _plain(direct[part]) == _plain(general[part]), part
        for count in ("articles", "clusters", "events"):
            assert direct["summary"][count] == general["summary"][count], count
        assert direct["summary"]["clusters"] == 11  # 12 events, two told as one
        listed = query.events(store, dyad=(a, b), limit=limit, offset=offset)
        placed = [
            {k: v for k, v in e.items() if k not in ("period", "reported")}
            for e in direct["events"]
        ]
        assert listed.total == 11 and _plain(list(listed)) == _plain(placed)
        for outlet in ("Daily Ledger", "evening post"):
            by_outlet = query.events(store, (a, b), limit=limit, offset=offset, outlet=outlet)
            general_outlet = query.events(
                store, (a, b), limit=limit, offset=offset, outlet=outlet, since="1900"
            )
            assert 0 < by_outlet.total == general_outlet.total < 11
            assert _plain(list(by_outlet)) == _plain(list(general_outlet))
    store.close()
