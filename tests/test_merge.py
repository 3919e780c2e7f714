"""Clusters across outlets, on articles written for the test, through the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import detente
from detente.merge import quote_similarity
from detente.model import Given
from detente.query import compare

# One made-up answer given on 2020-10-22, reported by three outlets in three translations, and
# the same minister's unrelated words from years later.
OUTLET_A = (
    "Minister answers on a pact\n\n"
    "On October 22, 2020, Foreign Minister Ivan Petrov took part in the Northern Forum.\n\n"
    'Ivan Petrov: "Anything can be imagined. We have always believed that our relations have '
    "reached such a level of trust that a pact is not necessary, but it is certainly "
    "imaginable, in theory. We hold regular joint fishing patrols and share our best "
    'practices. So far, we have not set that goal for ourselves."\n\n'
    'Ivan Petrov: "Our trade grew fast. Last year, our trade was over 111 billion. '
    'We will certainly achieve more."\n'
)
OUTLET_B = (
    "Petrov floats a pact\n\n"
    "Foreign Minister Ivan Petrov said a pact could be forged one day. Speaking on Thursday, "
    "he said: “We don’t need it, but, theoretically, it’s quite possible to imagine it.”\n\n"
    "Petrov explained: “We have always assumed that our relations have reached such a degree "
    "of trust that we do not need it. We do not set such a task for ourselves now.”\n\n"
    "Trade between the two countries exceeded $111 billion last year, customs data show.\n"
)
OUTLET_C = (
    "Petrov on neighbours\n\n"
    "Foreign Minister Ivan Petrov said on Monday that “relations with our neighbours have "
    "reached a high level of trust and will keep growing in every field.”\n"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("merge")
    database = detente.open(str(tmp / "m.db"))
    for name, text, outlet, published in (
        ("a.txt", OUTLET_A, "Outlet A", "2020-11-02"),
        ("b.txt", OUTLET_B, "Outlet B", "2020-10-25"),
        ("c.txt", OUTLET_C, "Outlet C", "2023-04-17"),
    ):
        path = Path(tmp / name)
        path.write_text(text, encoding="utf-8")
        database.ingest([str(path)], given=Given(outlet=outlet, published=published))
    yield database
    database.close()


def _rows(db: Any, sql: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = db.store.rows(sql)
    return rows


def test_translations_of_one_answer_share_a_cluster(db: Any) -> None:
    rows = _rows(db, "SELECT text, cluster FROM quotes WHERE speaker = 'Ivan Petrov'")
    by_text = {r["text"][:30]: r["cluster"] for r in rows}
    imagine = next(c for t, c in by_text.items() if t.startswith("Anything can be imagined"))
    dont = next(c for t, c in by_text.items() if t.startswith("We don’t need it"))
    assumed = next(c for t, c in by_text.items() if t.startswith("We have always assumed"))
    assert imagine is not None and imagine == dont == assumed


def test_unrelated_words_years_later_stay_apart(db: Any) -> None:
    rows = _rows(db, "SELECT text, cluster FROM quotes WHERE text LIKE '%neighbours%'")
    assert rows and all(r["cluster"] is None for r in rows)


def test_one_answer_does_not_swallow_the_next(db: Any) -> None:
    rows = _rows(db, "SELECT text, cluster FROM quotes WHERE text LIKE 'Our trade grew%'")
    alliance = _rows(db, "SELECT cluster FROM quotes WHERE text LIKE 'Anything can%'")
    assert rows and alliance and rows[0]["cluster"] != alliance[0]["cluster"]


def test_figure_agreed_by_two_outlets(db: Any) -> None:
    rows = _rows(db, "SELECT value, year, subject, cluster FROM figures WHERE value = 111e9")
    assert len(rows) == 2 and {r["year"] for r in rows} == {2019}
    assert rows[0]["cluster"] is not None and rows[0]["cluster"] == rows[1]["cluster"]
    verdicts = [c["verdict"] for c in compare(db.store) if c["kind"] == "figure"]
    assert verdicts == ["agree"]


def test_similarity_reads_the_shorter_within_the_longer() -> None:
    short = "theoretically possible imagine".split()
    long_ = ("we always believed relations reached trust not necessary but imaginable theory "
             "possible imagine anything joint patrols").split()  # fmt: skip
    assert quote_similarity(short, long_) > 0.6
    assert quote_similarity(short, "trade grew fast last year".split()) == 0.0


def test_group_date_bounds_answer_as_every_member_would() -> None:
    """A group's (latest start, earliest end) decides as checking each member in turn."""
    import datetime as dt
    import random

    from detente.merge import _gap_fits, _joined

    def gap_ok(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], days: int) -> bool:
        gap = max(
            (a[0] - b[1]).days if a[0] > b[1] else 0, (b[0] - a[1]).days if b[0] > a[1] else 0
        )
        return gap <= days

    rng = random.Random(7)
    base = dt.date(2020, 1, 1)

    def span() -> tuple[dt.date, dt.date]:
        if rng.random() < 0.1:
            return dt.date.min, dt.date.max
        lo = base + dt.timedelta(days=rng.randrange(90))
        return lo, lo + dt.timedelta(days=rng.choice([0, 0, 30, 365]))

    for _ in range(500):
        g, h = (
            [span() for _ in range(rng.randrange(1, 5))],
            [span() for _ in range(rng.randrange(1, 5))],
        )
        bg, bh = g[0], h[0]
        for s in g[1:]:
            bg = _joined(bg, s)
        for s in h[1:]:
            bh = _joined(bh, s)
        days = rng.choice([0, 7, 31])
        assert _gap_fits(bg, bh, days) == all(gap_ok(a, b, days) for a in g for b in h)


def test_pruned_similarity_is_exact_wherever_it_decides() -> None:
    """Skipping hopeless pairs changes no decision: a pair at or above the threshold gets the
    exact score, and every root such a pair could join is among the candidates."""
    import random

    from detente.merge import _idf, _Similar

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(40)]
    block = [{"terms": [rng.choice(vocab) for _ in range(rng.randrange(1, 30))]} for _ in range(60)]
    idf = _idf(r["terms"] for r in block)
    for threshold in (0.0, 0.25, 0.6):
        sim = _Similar(block, idf, threshold)
        roots = sim.rooted()
        for k in range(0, 60, 3):
            roots.add(k)
        for i in range(60):
            near = roots.candidates(i)
            for k, j in enumerate(range(0, 60, 3)):
                exact = quote_similarity(block[i]["terms"], block[j]["terms"], idf)
                got = sim(i, j)
                if exact >= threshold:
                    assert got == exact and k in near
                else:
                    assert got < threshold
