"""The desk's indices (query/indices.py): asserted events only, statements and appeals apart,
n and a t-based 95 % interval beside every mean, events per 100 articles on request.

The arithmetic is checked on grouped rows made by hand; the filtering on a small real SQLite
record of our own words (``desk_db``), which tests/test_desk.py serves in a browser too.
"""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path
from typing import Any

import pytest

from detente import query
from detente.query.indices import Index, index_of, mean_ci, t_975
from detente.store.sqlite import SQLiteStore

#: (date, source, target, source name, target name, PLOVER, CAMEO, Goldstein, quad, modality)
EVENTS: list[tuple[Any, ...]] = [
    ("1963-05-02", "RUR", "FRD", "Ruritania", "Freedonia", "CONSULT", "040", 1.0, 1, "asserted"),
    ("2010-03-01", "RUR", "FRD", "Ruritania", "Freedonia", "AID", "071", 7.4, 2, "asserted"),
    ("2010-06-01", "FRD", "RUR", "Freedonia", "Ruritania", "ACCUSE", "112", -2.0, 3, "asserted"),
    ("2010-07-01", "RUR", "FRD", "Ruritania", "Freedonia", "STATEMENT", "010", 0.0, 1, "asserted"),
    ("2010-08-01", "RUR", "FRD", "Ruritania", "Freedonia", "AID", "071", 7.4, 2, "negated"),
    ("2011-02-01", "RUR", "FRD", "Ruritania", "Freedonia", "SANCTION", "163", -8.0, 4, "asserted"),
    ("2011-03-01", "RUR", "FRD", "Ruritania", "Freedonia", "APPEAL", "020", 3.0, 1, "asserted"),
    ("2011-04-01", "RUR", "FRD", "Ruritania", "Freedonia", "ASSAULT", "190", -10.0, 4, "future"),
    ("2011-05-01", "RUR", "FRD", "Ruritania", "Freedonia", "SUPPORT", "051", 3.4, 1,
     "hypothetical"),
    # 2012 has no event: a gap on the chart; 2013 has acts of a minister, by name
    ("2013-01-10", "RUR", "FRD", "Anna Vell", "Freedonia", "CONSULT", "042", 1.9, 1, "asserted"),
    ("2013-02-10", "RUR", "FRD", "Anna Vell", "Freedonia", "AGREE", "036", 4.0, 1, "asserted"),
    ("2014-01-10", "FRD", "RUR", "Freedonia", "Ruritania", "REJECT", "120", -4.0, 3, "asserted"),
]  # fmt: skip


def desk_db(path: Path) -> str:
    """A small record of our own: Ruritania and Freedonia over 1963 and 2010-2014, two
    outlets, one minister (Anna Vell) outside the knowledge base, quotes and mentions."""
    store = SQLiteStore(path)
    conn = store.conn
    outlets = ["Daily Ledger", "Evening Post"]
    for i, ev in enumerate(EVENTS):
        doc = f"doc{i}"
        text = f"{ev[3]} and {ev[4]} met in the capital on a working visit."
        conn.execute(
            """INSERT INTO documents (id, source, content_hash, format, outlet, title, published,
                   language, text, paragraphs, stage, stage_version, ingested_at)
               VALUES (?, ?, ?, 'text', ?, ?, ?, 'en', ?, ?, 'ingest', '1', '2026-01-01')""",
            (doc, f"{doc}.txt", f"h{i}", outlets[i % 2], f"Report {i}", ev[0], text,
             json.dumps([[0, len(text)]])),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO sentences VALUES (?, 0, 0, ?, ?, 0, 'annotate', '1')",
            (doc, len(text), text),
        )
        for actor, state, name in ((ev[1], ev[1], ev[3]), (ev[2], ev[2], ev[4])):
            who = "person:anna-vell" if name == "Anna Vell" else actor
            conn.execute(
                """INSERT INTO mentions (doc, sentence, start, "end", text, label, actor, rule,
                       state, name, stage, stage_version)
                   VALUES (?, 0, 0, 5, ?, 'PERSON', ?, 'test', ?, ?, 'resolve', '1')""",
                (doc, name, who, state, name),
            )
        conn.execute(
            """INSERT INTO events (doc, sentence, start, "end", trigger, source_actor,
                   target_actor, source_name, target_name, plover, cameo, goldstein, quad_class,
                   modality, date, date_precision, rule, stage, stage_version)
               VALUES (?, 0, 0, ?, 'met', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', 'test',
                   'events', '1')""",
            (doc, len(text), *ev[1:], ev[0]),
        )
        speaker = "RUR" if i % 3 == 0 else "FRD"
        conn.execute(
            """INSERT INTO quotes (doc, sentence, start, "end", text, direct, speaker_text,
                   speaker, speaker_actor, stage, stage_version)
               VALUES (?, 0, 0, 10, 'We will talk again', 1, 'an envoy', 'an envoy', ?,
                   'quotes', '1')""",
            (doc, speaker),
        )
    conn.commit()
    store.rebuild_summaries()  # the rows above went around the store's writer
    store.close()
    return str(path)


@pytest.fixture()
def desk(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(desk_db(tmp_path / "desk.db"))


def test_t_quantiles_match_the_tables() -> None:
    assert t_975(1) == 12.706 and t_975(10) == 2.228 and t_975(30) == 2.042
    assert t_975(40) == pytest.approx(2.021, abs=1e-3)  # printed tables
    assert t_975(120) == pytest.approx(1.980, abs=1e-3)
    assert t_975(10**6) == pytest.approx(1.96, abs=1e-3)
    with pytest.raises(ValueError):
        t_975(0)


def test_mean_and_interval_from_sums() -> None:
    values = [7.4, -2.0, -8.0, 1.0]
    mean, ci = mean_ci(len(values), sum(values), sum(v * v for v in values))
    half = t_975(3) * statistics.stdev(values) / math.sqrt(4)
    assert mean == pytest.approx(statistics.mean(values))
    assert ci == [round(mean - half, 2), round(mean + half, 2)]
    assert mean_ci(1, 3.0, 9.0) == (3.0, None)  # one value: no interval
    assert mean_ci(0, 0.0, 0.0) == (None, None)
    assert mean_ci(3, 6.0, 12.0) == (2.0, [2.0, 2.0])  # no spread: a point


def test_only_asserted_acts_enter_the_index() -> None:
    """Grouped rows as the database returns them: negated and future rows are counted apart;
    statements and appeals counted, but not as cooperation and not in the mean."""
    rows = [
        {"modality": "asserted", "events": 4, "reported": 1, "c0": 2, "c1": 1, "c4": 1,
         "goldstein_sum": -7.0, "goldstein_sq": 65.0, "scored": 2},
        {"modality": "negated", "events": 3, "c2": 3, "goldstein_sum": 22.2, "scored": 3},
        {"modality": "future", "events": 1, "c4": 1, "goldstein_sum": -10.0, "scored": 1},
    ]  # fmt: skip
    row = index_of(rows, articles=8)
    assert row["events"] == 8 and row["asserted"] == 4
    assert row["not_asserted"] == {"future": 1, "negated": 3}
    assert row["statements"] == 2 and row["cooperation"] == 1 and row["conflict"] == 1
    assert row["n"] == 2 and row["goldstein_mean"] == -3.5 and row["goldstein_sum"] == -7.0
    assert row["ci95"] is not None and row["ci95"][0] < -3.5 < row["ci95"][1]
    assert row["volume"] == 8 and row["per_100_articles"] == 50.0
    assert Index().as_row()["goldstein_mean"] is None


def test_dyad_indices_on_a_real_record(desk: SQLiteStore) -> None:
    view = query.dyad(desk, "RUR", "FRD", sectors="all")
    s = view["summary"]
    assert s["events"] == len(EVENTS)
    assert s["not_asserted"] == {"future": 1, "hypothetical": 1, "negated": 1}
    assert s["statements"] == 2  # STATEMENT and APPEAL
    acts = [e[7] for e in EVENTS if e[9] == "asserted" and e[5] not in ("STATEMENT", "APPEAL")]
    assert s["n"] == len(acts)
    assert s["goldstein_mean"] == round(statistics.mean(acts), 2)
    assert s["cooperation"] == sum(
        1 for e in EVENTS if e[9] == "asserted" and e[8] in (1, 2) and e[5] != "STATEMENT"
        and e[5] != "APPEAL"
    )  # fmt: skip
    by_year = {r["period"]: r for r in view["timeline"] if r["period"]}
    assert by_year["2012"]["events"] == 0 and by_year["2012"]["goldstein_mean"] is None
    assert by_year["2011"]["asserted"] == 2 and by_year["2011"]["n"] == 1  # sanction only
    assert by_year["2011"]["goldstein_mean"] == -8.0 and by_year["2011"]["ci95"] is None


def test_volume_is_articles_mentioning_both(desk: SQLiteStore) -> None:
    view = query.dyad(desk, "RUR", "FRD", sectors="all", per_articles=True)
    by_year = {r["period"]: r for r in view["timeline"] if r["period"]}
    assert by_year["2010"]["volume"] == 4 and by_year["2010"]["asserted"] == 3
    assert by_year["2010"]["per_100_articles"] == 75.0
    assert view["summary"]["volume"] == len(EVENTS)


def test_min_confidence_drops_weak_events(desk: SQLiteStore) -> None:
    desk.conn.execute("UPDATE events SET confidence = 0.2 WHERE plover = 'SANCTION'")
    desk.conn.commit()
    desk.rebuild_summaries()
    kept = query.dyad(desk, "RUR", "FRD", sectors="all", min_confidence=0.5)["summary"]
    every = query.dyad(desk, "RUR", "FRD", sectors="all")["summary"]
    assert every["events"] - kept["events"] == 1
    assert kept["material_conflict"] == every["material_conflict"] - 1
