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
    "Minister answers on a union\n\n"
    "On October 22, 2020, Foreign Minister Ivan Petrov took part in the Northern Forum.\n\n"
    'Ivan Petrov: "Nothing is ruled out. We have long held that our ties rest on enough '
    "confidence that a customs union is not needed, though it is easy to picture one on "
    "paper. We run shared border checks on fishing boats and swap our methods. For now, "
    'that is not a goal we have set."\n\n'
    'Ivan Petrov: "Our trade grew fast. Last year our trade topped 111 billion. '
    'We will certainly achieve more."\n'
)
OUTLET_B = (
    "Petrov floats a union\n\n"
    "Foreign Minister Ivan Petrov said a customs union could come one day. Speaking on "
    "Thursday, he said: “We don’t need a union, but on paper it is easy to picture one.”\n\n"
    "Petrov explained: “We have long assumed that our ties rest on such confidence that we "
    "do not need a union. That is not a goal we set for now.”\n\n"
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
    ruled = next(c for t, c in by_text.items() if t.startswith("Nothing is ruled out"))
    dont = next(c for t, c in by_text.items() if t.startswith("We don’t need a union"))
    assumed = next(c for t, c in by_text.items() if t.startswith("We have long assumed"))
    assert ruled is not None and ruled == dont == assumed


def test_unrelated_words_years_later_stay_apart(db: Any) -> None:
    rows = _rows(db, "SELECT text, cluster FROM quotes WHERE text LIKE '%neighbours%'")
    assert rows and all(r["cluster"] is None for r in rows)


def test_one_answer_does_not_swallow_the_next(db: Any) -> None:
    rows = _rows(db, "SELECT text, cluster FROM quotes WHERE text LIKE 'Our trade grew%'")
    alliance = _rows(db, "SELECT cluster FROM quotes WHERE text LIKE 'Nothing is ruled%'")
    assert rows and alliance and rows[0]["cluster"] != alliance[0]["cluster"]


def test_figure_agreed_by_two_outlets(db: Any) -> None:
    rows = _rows(db, "SELECT value, year, subject, cluster FROM figures WHERE value = 111e9")
    assert len(rows) == 2 and {r["year"] for r in rows} == {2019}
    assert rows[0]["cluster"] is not None and rows[0]["cluster"] == rows[1]["cluster"]
    verdicts = [c["verdict"] for c in compare(db.store) if c["kind"] == "figure"]
    assert verdicts == ["agree"]


def test_similarity_reads_the_shorter_within_the_longer() -> None:
    short = "theoretically possible imagine anything".split()
    long_ = ("we always believed relations reached trust not necessary but imaginable theory "
             "possible imagine anything joint patrols").split()  # fmt: skip
    assert quote_similarity(short, long_) > 0.6
    assert quote_similarity(short, "trade grew fast last year".split()) == 0.0
    # two shared words name a topic, not one utterance: they weigh two thirds
    assert quote_similarity(short, "imagine anything else entirely".split()) < 0.5


def test_parts_of_one_answer_meet_through_it_other_remarks_do_not() -> None:
    """Two outlets quoting different parts of one answer meet through a third outlet's whole
    answer; a remark sharing two topic words with it stays apart, and nothing chains through
    a member (only roots are compared)."""
    import datetime as dt

    from detente.merge.quotes import _idf, _medoid_groups

    day = (dt.date(2020, 5, 1), dt.date(2020, 5, 1))
    parts = {
        "a": ["ports rebuilt harbour cranes bought grain exports doubled farmers paid"],
        "c": ["grain exports doubled farmers paid"],
        "d": ["harbour cranes bought ports rebuilt"],
        "e": ["farmers paid taxes late"],  # two words shared: a topic, not the answer
        "f": ["ports rebuilt bridges repaired roads widened"],  # shares a part with d only
    }
    block = [
        {"doc": doc, "start": i, "terms": text.split(), "span": day}
        for doc, texts in parts.items()
        for i, text in enumerate(texts)
    ]
    groups = _medoid_groups(block, _idf(r["terms"] for r in block), 7, 0.5)
    docs = [{block[i]["doc"] for i in g} for g in groups]
    assert {"a", "c", "d"} in docs
    assert not any("e" in d or "f" in d for d in docs)


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


# -- rules of identity ------------------------------------------------------------------------
def _key(day: str | None, published: str, words: str = "troops crossed border town") -> Any:
    from detente.merge.events import event_key

    return event_key(day, published, frozenset(words.split()), None)


def test_events_do_not_chain_beyond_the_window() -> None:
    """Reports a day apart each, over six days: no group spans more than the window."""
    from detente.merge.events import group_events

    days = ["2020-03-01", "2020-03-03", "2020-03-05", "2020-03-07"]
    keys = [_key(d, d) for d in days]
    groups = group_events(keys, window=3)
    import datetime as dt

    for g in groups:
        dates = [dt.date.fromisoformat(days[i]) for i in g]
        assert (max(dates) - min(dates)).days <= 3
    assert len(groups) == 2


def test_undated_events_join_only_articles_published_within_the_window() -> None:
    from detente.merge.events import group_events

    keys = [_key(None, "2020-03-01"), _key(None, "2020-03-02"), _key(None, "2021-03-02")]
    groups = sorted(group_events(keys, window=3))
    assert [0, 1] in groups and [2] in groups


def test_dates_agree_at_their_common_precision() -> None:
    from detente.merge.events import compatible

    day, month, year = _key("2020-10-22", "2020-10-23"), _key("2020-10", "2020-10-24"), None
    assert compatible(day, month, 3)
    assert not compatible(_key("2020-11-02", "2020-11-02"), _key("2020-10", "2020-11-01"), 3)
    year = _key("2021", "2020-10-24")
    assert not compatible(day, year, 3)
    # a month agrees with a day of it only when the articles are close in time too
    assert not compatible(_key("2020-10-22", "2020-10-23"), _key("2020-10", "2021-01-05"), 3)


def test_attacks_keep_their_direction_talks_do_not() -> None:
    from detente.merge.events import block_key

    def row(plover: str, src: str, tgt: str) -> dict[str, Any]:
        return {"plover": plover, "modality": "asserted", "source_actor": src, "target_actor": tgt}

    assert block_key(row("ASSAULT", "AAA", "BBB")) != block_key(row("ASSAULT", "BBB", "AAA"))
    assert block_key(row("CONSULT", "AAA", "BBB")) == block_key(row("CONSULT", "BBB", "AAA"))


def test_types_of_one_family_share_a_block_others_do_not() -> None:
    from detente.merge.events import block_key

    def row(plover: str) -> dict[str, Any]:
        return {
            "plover": plover,
            "modality": "asserted",
            "source_actor": "AAA",
            "target_actor": "B",
        }

    assert block_key(row("SANCTION")) == block_key(row("COERCE"))
    assert block_key(row("STATEMENT")) == block_key(row("ACCUSE"))
    assert block_key(row("ASSAULT")) != block_key(row("SANCTION"))
    assert block_key(row("CONSULT")) != block_key(row("AGREE"))


def test_two_types_of_one_family_need_shared_wording_even_on_one_day() -> None:
    from detente.merge.events import event_key, group_events

    def key(act: str, words: str) -> Any:
        return event_key("2020-03-01", "2020-03-01", frozenset(words.split()), None, act)

    same = [key("SANCTION", "tariffs goods billion retaliation"), key("COERCE", "tariffs goods")]
    assert group_events(same, window=3) == [[0, 1]]
    other = [key("SANCTION", "tariffs goods billion"), key("COERCE", "troops border crossed")]
    assert sorted(group_events(other, window=3)) == [[0], [1]]


def test_a_date_from_the_report_is_no_stated_day() -> None:
    """One speaker's two remarks on one day are one event when their texts say the day (their
    clauses, or the story around them: 'discourse'); a day that is only the publication's
    ('reported') does not say so, and the remarks need shared wording like undated ones."""
    from detente.merge.events import event_key, group_events

    def key(basis: str, words: str) -> Any:
        day = "2021-06-02"
        return event_key(day, day, frozenset(words.split()), "Ana Lind", None, basis)

    first, second = "ministers trade deal ports", "border guards fishing boats"
    for basis in ("stated", "discourse"):
        told = [key("relative", first), key(basis, second)]
        assert group_events(told, window=3, verbal=True) == [[0, 1]]
    reported = [key("reported", first), key("relative", second)]
    assert sorted(group_events(reported, window=3, verbal=True)) == [[0], [1]]
    alike = [key("reported", first), key("reported", "ministers trade deal signed")]
    assert group_events(alike, window=3, verbal=True) == [[0, 1]]


def test_a_remark_joins_the_group_it_is_worded_like() -> None:
    """A speaker's post is quoted by one outlet dated by its publication, by another with the
    day its story tells, beside the speaker's other words of that day to reporters: the post
    joins the first outlet's report of it, not the other words of the day.  Those still join
    a remark of the day however worded, when nothing else fits."""
    from detente.merge.events import event_key, group_events

    def key(basis: str, words: str) -> Any:
        day = "2021-09-14"
        return event_key(day, day, frozenset(words.split()), "Ana Lind", None, basis)

    post = "friends harbour hurt badly unless deal firms leave"
    keys = [
        key("reported", post + " posted"),  # outlet A: the post, dated by its publication
        key("relative", "pressure limited reporters visit"),  # outlet B: other words that day
        key("discourse", post + " wrote"),  # outlet B: the post
    ]
    assert sorted(group_events(keys, window=3, verbal=True)) == [[0, 2], [1]]
    alone = [keys[1], keys[2]]
    assert group_events(alone, window=3, verbal=True) == [[0, 1]]


def test_remarks_of_two_speakers_are_two_remarks() -> None:
    """Two officials' remarks on one day share a block and their words, not an utterance;
    the state named as the speaker ("officials said") is not its minister either."""
    from detente.merge.events import event_key, group_events

    def key(speaker: str, act: str, words: str) -> Any:
        day = "2022-05-04"
        return event_key(day, day, frozenset(words.split()), speaker, act, "relative")

    words = "north korea missile launch warned dangerous rhetoric"
    for other in ("Omar Brandt", "Northland"):
        two = [key("Lena Holm", "STATEMENT", words), key(other, "ACCUSE", words)]
        assert sorted(group_events(two, window=3, verbal=True)) == [[0], [1]]
    one = [key("Lena Holm", "STATEMENT", words), key("Lena Holm", "ACCUSE", words)]
    assert group_events(one, window=3, verbal=True) == [[0, 1]]
    # acts are not utterances: two named sources of one strike are one strike
    acts = [key("Lena Holm", "ASSAULT", words), key("Northland", "ASSAULT", words)]
    assert group_events(acts, window=3) == [[0, 1]]


def test_one_speakers_remarks_told_on_two_days_are_two_remarks() -> None:
    """One speaker's remarks whose clauses say Monday and Wednesday are two remarks however
    alike; a day read from the story around a clause ('discourse') may be the story's, so it
    rules nothing out."""
    from detente.merge.events import event_key, group_events

    def key(day: str, basis: str, words: str) -> Any:
        return event_key(day, "2022-05-05", frozenset(words.split()), "Lena Holm", None, basis)

    first, second = "sanctions stay place talks", "sanctions stay place until"
    apart = [key("2022-05-02", "relative", first), key("2022-05-04", "stated", second)]
    assert sorted(group_events(apart, window=3, verbal=True)) == [[0], [1]]
    story = [key("2022-05-02", "relative", first), key("2022-05-04", "discourse", second)]
    assert group_events(story, window=3, verbal=True) == [[0, 1]]
    # an act told on two days by two outlets may be one act dated wrong by one of them
    acts = [key("2022-05-02", "relative", first), key("2022-05-04", "stated", second)]
    assert group_events(acts, window=3) == [[0, 1]]


def test_a_report_joins_on_the_wording_of_any_early_member() -> None:
    """The second report shares words with the first, the third only with the second: one
    act told three ways, in one group; time still binds every member."""  # our own words
    from detente.merge.events import group_events

    words = ["airliner downed missile crew", "missile downed jet passengers", "jet passengers lost"]
    keys = [_key(None, "2022-01-09", w) for w in words]
    assert group_events(keys, window=3) == [[0, 1, 2]]
    late = [*keys[:2], _key(None, "2022-01-14", words[2])]
    assert sorted(group_events(late, window=3)) == [[0, 1], [2]]


def test_figures_of_one_subject_and_period() -> None:
    import datetime as dt

    from detente.merge.figures import _Figure, _same_thing, subject_words

    def fig(subject: str, year: int | None, published: str) -> Any:
        return _Figure({}, subject_words(subject), year, dt.date.fromisoformat(published))

    fighters = fig("foreign fighters", 2014, "2014-09-01")
    assert _same_thing(fighters, fig("foreign fighters in the region", 2014, "2014-09-20"), 3)
    assert not _same_thing(fighters, fig("foreign fighters", 2015, "2014-09-01"), 3)
    assert not _same_thing(fighters, fig("local militia", 2014, "2014-09-01"), 3)
    # without a year: the news of the same few days only
    killed = fig("people killed in the city", None, "2015-11-14")
    assert _same_thing(killed, fig("people killed", None, "2015-11-15"), 3)
    assert not _same_thing(killed, fig("people killed", None, "2016-03-22"), 3)


def test_the_same_count_told_alike_is_one_figure_whatever_its_subject() -> None:
    import datetime as dt

    from detente.merge.figures import _Figure, _same_thing, sentence_words, subject_words

    def fig(subject: str, value: float, sentence: str, published: str) -> Any:
        day = dt.date.fromisoformat(published)
        words = sentence_words(sentence, "people")
        return _Figure({}, subject_words(subject), None, day, value, words)

    a = fig(
        "people on board",
        176,
        "The airliner carrying 176 people crashed near the capital",
        "2020-01-08",
    )
    b = fig("people", 176, "All 176 people aboard the airliner died when it crashed", "2020-01-09")
    assert _same_thing(a, b, 3)
    near = fig("people", 175, "The airliner carrying 175 people crashed", "2020-01-09")
    assert not _same_thing(a, near, 3)  # another count (subjects name nothing measured)
    other = fig("people", 176, "Police arrested 176 people at the football match", "2020-01-09")
    assert not _same_thing(a, other, 3)  # the same number, another story
    assert not _same_thing(
        a, fig("people", 176, "The airliner carrying 176 people crashed", "2020-03-01"), 3
    )


def test_figures_need_a_real_subject() -> None:
    from detente.merge.figures import subject_key

    assert subject_key("people") is None and subject_key("years") is None
    assert subject_key("%") is None and subject_key("photos") is None
    assert subject_key("trade turnover") == subject_key("trade")


# -- re-running, crashing, ordering -----------------------------------------------------------
def _write(tmp: Path) -> list[str]:
    paths = []
    for name, text in (("a.txt", OUTLET_A), ("b.txt", OUTLET_B), ("c.txt", OUTLET_C)):
        (tmp / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp / name))
    return paths


def _clusters(path: str) -> set[tuple[str, str, int]]:
    with detente.open(path) as database:
        rows = database.store.rows(
            "SELECT 'q' AS t, cluster, doc, start FROM quotes WHERE cluster IS NOT NULL UNION ALL"
            " SELECT 'f', cluster, doc, start FROM figures WHERE cluster IS NOT NULL UNION ALL"
            " SELECT 'e', cluster, doc, start FROM events WHERE cluster IS NOT NULL"
        )
    return {(r["cluster"], r["doc"], r["start"]) for r in rows}


def test_cluster_ids_do_not_depend_on_ingest_order(tmp_path: Path) -> None:
    paths = _write(tmp_path)
    forward, backward = str(tmp_path / "f.db"), str(tmp_path / "b.db")
    with detente.open(forward) as database:
        for p in paths:
            database.ingest([p])
    with detente.open(backward) as database:
        for p in reversed(paths):
            database.ingest([p])
    got = _clusters(forward)
    assert got and got == _clusters(backward)


# Two outlets on one shelling and two on one meeting of ministers, in our own words: the third
# article touches only the meeting's block.
EVENTS = {
    "e1.txt": (
        "Strikes on the border\n\nOn March 3, 2021, Russian forces shelled the Ukrainian town of "
        "Avdiivka, Ukraine's army said.\n\nSeparately, on March 4, 2021, Chinese Foreign Minister "
        "Wang Yi met Japanese Foreign Minister Toshimitsu Motegi in Tokyo for talks on trade.\n",
        "2021-03-04",
    ),
    "e2.txt": (
        "Shelling reported\n\nRussian forces shelled the Ukrainian town of Avdiivka on March 3, "
        "2021, officials in Kyiv said.\n",
        "2021-03-05",
    ),
    "e3.txt": (
        "Ministers meet\n\nChinese Foreign Minister Wang Yi met Japanese Foreign Minister "
        "Toshimitsu Motegi in Tokyo on March 4, 2021 for talks on trade.\n",
        "2021-03-05",
    ),
}


def test_an_incremental_merge_equals_a_whole_one(store_url: str, tmp_path: Path) -> None:
    """Each ingest after the first merges only the blocks its documents touch, and the
    clusters are those of one whole merge, in whichever order the articles came."""
    names = list(EVENTS)
    for name, (text, _) in EVENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def ingest(database: Any, name: str) -> None:
        given = Given(outlet=name, published=EVENTS[name][1])
        database.ingest([str(tmp_path / name)], given=given)

    read: list[tuple[Any, ...]] = []
    with detente.open(store_url) as database:
        ingest(database, names[0])
        ingest(database, names[1])
        real = database.store.merge_event_rows

        def spy(*args: Any) -> Any:
            for r in real(*args):
                read.append((r["source_actor"], r["target_actor"]))
                yield r

        database.store.merge_event_rows = spy  # type: ignore[method-assign]
        ingest(database, names[2])
        incremental = _clusters(store_url)
        assert read and ("RUS", "UKR") not in read  # the shelling's block was not read again
        database.merge()  # whole
        assert _clusters(store_url) == incremental
    assert len({c for c, _, _ in incremental if c.startswith("e")}) >= 2
    backward = str(tmp_path / "backward.db")
    with detente.open(backward) as database:
        for name in reversed(names):
            ingest(database, name)
    assert _clusters(backward) == incremental


_KILLED_IN_MERGE = """
import os, signal, sys
import detente
db = detente.open(sys.argv[1])
def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)
db.store.set_all_clusters = die
db.ingest(sys.argv[2:])
"""


def test_a_kill_during_the_merge_is_finished_by_the_next_ingest(tmp_path: Path) -> None:
    """kill -9 while the clusters are written, after every document is: the documents stay,
    the merge is owed (the marker), and the next ingest (which adds nothing) does it."""
    import os
    import subprocess
    import sys

    paths = _write(tmp_path)
    path = str(tmp_path / "k.db")
    env = {**os.environ, "PYTHONPATH": str(Path(detente.__file__).parent.parent)}
    proc = subprocess.run([sys.executable, "-c", _KILLED_IN_MERGE, path, *paths], env=env)
    assert proc.returncode == -9
    with detente.open(path) as database:
        assert database.store.count("documents") == 3
        assert database.merge_pending()
        assert not _clusters(path)
        report = database.ingest(paths)
        assert not report.added and not database.merge_pending()
    assert _clusters(path)


def test_merge_command_reruns_and_reports(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from detente.cli.main import cli

    paths = _write(tmp_path)
    path = str(tmp_path / "c.db")
    with detente.open(path) as database:
        database.ingest(paths, merge=False)
        assert database.merge_pending()
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", path, "merge", "--if-pending", "--json"])
    assert first.exit_code == 0 and '"merged": true' in first.output
    again = runner.invoke(cli, ["--db", path, "merge", "--if-pending"])
    assert "up to date" in again.output
    assert _clusters(path)


def test_coreference_scores_on_a_worked_example() -> None:
    """Key {a b c} {d e}, response {a b} {c d e}: MUC 2/3 both ways; B³ and CEAF-e by hand."""
    from detente.evaluate.merge import b_cubed, ceaf_e, muc

    key = [frozenset("abc"), frozenset("de")]
    response = [frozenset("ab"), frozenset("cde")]
    p, r, _ = muc(key, response)
    assert abs(p - 2 / 3) < 1e-9 and abs(r - 2 / 3) < 1e-9
    p, r, _ = b_cubed(key, response)
    assert abs(r - (2 / 3 * 2 + 1 / 3 + 1 + 1) / 5) < 1e-9
    assert abs(p - (1 + 1 + 1 / 3 + 2 / 3 * 2) / 5) < 1e-9
    p, r, _ = ceaf_e(key, response)
    best = 2 * 2 / 5 + 2 * 2 / 5  # {a b c}~{a b}, {d e}~{c d e}
    assert abs(p - best / 2) < 1e-9 and abs(r - best / 2) < 1e-9
    assert muc(key, key)[2] == 1.0 and b_cubed(key, key)[2] == 1.0
