"""The merge's sentence encoder and the figures that read it, the modalities of one act,
passages quoted word for word, the root a quote joins, the verbs of one movement of a figure,
and ``detente merge --incremental``.  Our own sentences."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import detente
from detente.merge.embed import Embedder
from detente.merge.events import block_key
from detente.merge.figures import _asked, _Figure, _same_thing, sentence_words


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def test_the_encoder_reads_a_retelling_as_one_meaning(embedder: Embedder) -> None:
    told = "All 176 people on board the airliner were killed when it came down near the capital."
    retold = "The crash left no survivors among the 176 passengers and crew."
    other = "The central bank kept its key rate at 176 basis points above the euro benchmark."
    assert embedder.similarity(told, retold) > embedder.similarity(told, other) + 0.15
    assert embedder.similarity(told, told) == pytest.approx(1.0, abs=1e-3)
    assert embedder.similarity("", told) == 0.0
    computed = embedder.computed
    embedder.similarity(retold, other)  # both known: nothing embedded again
    assert embedder.computed == computed


def _figure(sentence: str, value: float, published: str, doc: str) -> _Figure:
    return _Figure(
        {"doc": doc, "start": 0},
        frozenset(),
        None,
        dt.date.fromisoformat(published),
        value,
        sentence_words(sentence, "people"),
        sentence,
    )


def test_the_same_count_told_in_other_words_is_one_figure(embedder: Embedder) -> None:
    a = _figure("All 176 people on board were killed in the crash.", 176, "2021-03-04", "a")
    retold = "The plane went down with 176 souls, none of whom survived."
    b = _figure(retold, 176, "2021-03-05", "b")
    far = _figure(retold, 176, "2021-05-05", "c")
    other = _figure("Police detained 176 people at the march on Sunday.", 176, "2021-03-04", "d")
    assert not _same_thing(a, b, 3)  # the words alone do not say it
    assert _same_thing(a, b, 3, embedder)
    assert not _same_thing(a, far, 3, embedder)  # weeks apart: another report
    assert not _same_thing(a, other, 3, embedder)  # the same count of another thing
    # what the encoder is asked about, in one batch: close pairs the words do not settle
    dated = _figure("In 2019 some 176 people were detained.", 176, "2021-03-04", "e")
    dated.year = 2019
    later = _figure("The 2020 census found 176 people.", 176, "2021-03-05", "f")
    later.year = 2020
    assert set(_asked([a, b], 3)) == {a.sentence, b.sentence}
    assert not list(_asked([a, far], 3))  # weeks apart
    assert not list(_asked([dated, later], 3))  # two years


def _event(modality: str, plover: str = "SANCTION") -> dict[str, object]:
    return {"plover": plover, "modality": modality, "source_actor": "AAA", "target_actor": "BBB"}


def test_an_announced_act_and_the_act_done_share_a_block() -> None:
    """'will raise tariffs' (future) and 'raised tariffs' are one act told two ways; a denial
    or a hypothesis is not the act."""
    assert block_key(_event("future")) == block_key(_event("asserted"))
    assert block_key(_event("negated")) != block_key(_event("asserted"))
    assert block_key(_event("hypothetical")) != block_key(_event("future"))
    assert block_key(_event("future", "COERCE")) == block_key(_event("asserted", "SANCTION"))


TEXTS = {
    "a.txt": (
        "Tariffs announced\n\nThe Republic of Korea said on Monday it would impose tariffs on "
        "steel from Japan, the trade ministry said in Seoul on March 8, 2021.\n"
    ),
    "b.txt": (
        "Seoul hits back\n\nSouth Korea imposed tariffs on Japanese steel on March 8, 2021, "
        "the trade ministry said.\n"
    ),
    "c.txt": (
        "Talks in Tokyo\n\nJapan and South Korea held talks on fishing rights on March 9, "
        "2021, officials said.\n"
    ),
}


def _clusters(path: str) -> set[tuple[str, str, int]]:
    with detente.open(path) as database:
        rows = database.store.rows(
            "SELECT cluster, doc, start FROM events WHERE cluster IS NOT NULL UNION ALL"
            " SELECT cluster, doc, start FROM quotes WHERE cluster IS NOT NULL UNION ALL"
            " SELECT cluster, doc, start FROM figures WHERE cluster IS NOT NULL"
        )
    return {(r["cluster"], r["doc"], r["start"]) for r in rows}


def test_merge_incremental_merges_what_ingests_left_owed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from detente.cli.main import cli

    paths = []
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    path, whole = str(tmp_path / "i.db"), str(tmp_path / "w.db")
    with detente.open(path) as database:
        database.ingest(paths[:1])
        first = database.ingest(paths[1:2], merge=False)
        second = database.ingest(paths[2:], merge=False)
        owed = json.loads(database.store.get_meta("merge_added") or "null")
        assert owed == first.added + second.added  # both ingests' additions, in order
    result = CliRunner().invoke(cli, ["--db", path, "merge", "--incremental", "--json"])
    assert result.exit_code == 0, result.output
    assert '"merged": true' in result.output
    with detente.open(path) as database:
        assert not database.merge_pending()
        assert database.store.get_meta("merge_added") is None
    with detente.open(whole) as database:
        database.ingest(paths)
    assert _clusters(path) == _clusters(whole)


def test_an_update_left_owed_makes_the_incremental_merge_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
    with detente.open(str(tmp_path / "u.db")) as database:
        database.ingest([str(tmp_path / "a.txt")], merge=False)
        assert database.store.get_meta("merge_added") is not None
        database.reprocess(merge=False)  # not an addition: nothing says what changed
        assert database.store.get_meta("merge_added") is None
        assert database.merge_pending()
        database.merge(incremental=True)
        assert not database.merge_pending()


def _quote(doc: str, text: str, date: str | None, published: str) -> dict[str, object]:
    from detente.merge.quotes import _span
    from detente.merge.text import terms

    return {
        "doc": doc,
        "start": 0,
        "terms": terms(text),
        "span": _span(date, published),
        "reported": _span(None, published),
    }


def test_a_passage_quoted_word_for_word_outlives_a_date_read_wrong() -> None:
    from detente.merge.quotes import _medoid_groups

    long_ = (
        "We will not accept any agreement that leaves our fishermen without access to the "
        "northern waters they have worked for generations"
    )
    short = "We will not accept it"
    apart = [  # one outlet read the quote's date as a week before the other's
        _quote("a", long_, "2022-06-01", "2022-06-12"),
        _quote("b", long_, "2022-06-11", "2022-06-12"),
    ]
    assert _medoid_groups(apart, {}, 7, 0.5) == [[0, 1]]
    few = [
        _quote("a", short, "2022-06-01", "2022-06-12"),
        _quote("b", short, "2022-06-11", "2022-06-12"),
    ]
    assert _medoid_groups(few, {}, 7, 0.5) == []  # a few words may be said twice
    months = [  # the same words in articles months apart: two occasions
        _quote("a", long_, "2022-06-01", "2022-06-02"),
        _quote("b", long_, "2022-09-11", "2022-09-12"),
    ]
    assert _medoid_groups(months, {}, 7, 0.5) == []


def test_one_movement_told_in_other_verbs_is_one_subject() -> None:
    from detente.merge.figures import subject_words

    def fig(subject: str) -> _Figure:
        return _Figure({}, subject_words(subject), 2021, dt.date(2021, 3, 2))

    dropped = fig("share index dropped")
    assert _same_thing(dropped, fig("share index fell"), 3)
    assert _same_thing(dropped, fig("share index loss"), 3)
    assert _same_thing(fig("oil price rose"), fig("oil price climbed"), 3)
    # the direction stays: a fall is not a rise
    assert not _same_thing(dropped, fig("share index gained"), 3)


def test_six_words_quoted_word_for_word_outlive_a_date_read_wrong() -> None:
    from detente.merge.quotes import VERBATIM_WORDS, _medoid_groups
    from detente.merge.text import terms

    six = "Basically the ministers wanted the tariff lifted, and we refused"
    assert len(set(terms(six))) == VERBATIM_WORDS == 6
    apart = [  # one outlet dated it from a summit months earlier named nearby
        _quote("a", six, None, "2022-06-12"),
        _quote("b", six, "2022-02", "2022-06-13"),
    ]
    assert _medoid_groups(apart, {}, 7, 0.5) == [[0, 1]]
    five = "Basically the ministers wanted the tariff lifted"
    fewer = [_quote("a", five, None, "2022-06-12"), _quote("b", five, "2022-02", "2022-06-13")]
    assert _medoid_groups(fewer, {}, 7, 0.5) == []  # a short phrase may be said again


# -- one value told of subjects worded apart ------------------------------------------------
def _told(subject: str, value: float, sentence: str, unit: str, day: str = "2022-06-01") -> _Figure:
    from detente.merge.figures import subject_terms, subject_words

    words = subject_words(subject) - {unit}
    terms = subject_terms(subject) - {unit}
    return _Figure(
        {"doc": subject, "start": 0},
        words,
        None,
        dt.date.fromisoformat(day),
        value,
        sentence_words(sentence, unit),
        sentence,
        terms,
    )


def test_a_value_is_as_specific_as_its_significant_digits() -> None:
    from detente.merge.figures import significant_digits

    assert significant_digits(1437) == 4 and significant_digits(176) == 3
    assert significant_digits(0.125) == 3
    assert significant_digits(43_000) == 2 and significant_digits(3.7) == 2
    assert significant_digits(5) == 1 and significant_digits(80) == 1
    assert significant_digits(400e9) == 1 and significant_digits(0) == 1


def test_general_abbreviations_are_read_as_the_words_they_stand_for() -> None:
    from detente.merge.figures import expand, subject_terms

    assert "gdp" in subject_terms("share of Gross Domestic Product")
    assert subject_terms("GDP share") == subject_terms("share of gross domestic product")
    assert "usa" in subject_terms("U.S. sailors") and "usa" in subject_terms("American sailors")
    assert "uk" in subject_terms("British exports") and "uk" in subject_terms("UK exports")
    assert "usa" not in subject_terms("Latin American exports")
    # a capitalised abbreviation only: "us" and "un" are words of their own
    assert "usa" not in subject_terms("sailors who told us") and expand("unknown") == "unknown"


def test_one_specific_value_needs_one_tie_between_its_subjects() -> None:
    from detente.merge.figures import _same_value

    ferry = _told(
        "passengers on board", 1437, "The ferry sank with 1,437 passengers aboard.", "passenger"
    )
    counted = _told(
        "passengers", 1437, "Of the 1,437 passengers onboard, most were students.", "passenger"
    )
    assert _same_value(ferry, counted)  # "aboard" and "onboard": one word
    rally = _told(
        "passengers", 1437, "Rail staff counted 1,437 passengers at the gates.", "passenger"
    )
    assert not _same_value(ferry, rally)  # nothing ties them but the count
    assert not _same_value(ferry, _told("passengers", 1438, counted.sentence, "passenger"))


def test_a_value_of_two_digits_needs_a_shared_word() -> None:
    from detente.merge.figures import _same_value

    us = _told(
        "sailors the U.S. keeps in Bahrain",
        43_000,
        "The U.S. keeps 43,000 sailors in Bahrain.",
        "sailor",
    )
    american = _told(
        "American sailors", 43_000, "Some 43,000 American sailors serve abroad.", "sailor"
    )
    assert _same_value(us, american)  # the U.S. and American are one word
    japan = _told("sailors in Japan", 43_000, "Japan hosts 43,000 sailors.", "sailor")
    korea = _told("sailors in Korea", 43_000, "Korea hosts 43,000 sailors.", "sailor")
    assert not _same_value(japan, korea)


def test_a_round_value_needs_two_ties() -> None:
    from detente.merge.figures import _same_value

    cars = _told(
        "Japanese cars", 400e9, "Duties could reach the $400 billion of Japanese cars sold.", "usd"
    )
    duties = _told(
        "duties", 400e9, "He threatened duties on the other $400 billion of Japanese goods.", "usd"
    )
    assert _same_value(cars, duties)  # each subject is what the other sentence speaks of
    grain = _told("grain exports", 5, "Grain exports were 5 percent higher.", "percent")
    steel = _told("steel exports", 5, "Steel exports were 5 percent lower.", "percent")
    assert not _same_value(grain, steel)  # one shared word is not enough for "5 percent"
    bulk = _told("grain exports by sea", 5, "Grain exports by sea were 5 percent.", "percent")
    assert _same_value(grain, bulk)  # two are
    assert not _same_value(cars, _told("duties", 300e9, duties.sentence, "usd"))


def test_a_subject_met_earlier_does_not_keep_one_value_apart() -> None:
    """Figures of one value tied by their subjects are grouped before the subject rule
    gathers a subject's other values, and never with another value of theirs."""
    from detente.merge.figures import _group

    before = _told(
        "Japanese cars", 250e9, "Duties hit $250 billion of Japanese cars.", "usd", "2022-05-31"
    )
    cars = _told(
        "Japanese cars", 400e9, "Duties could reach the $400 billion of Japanese cars sold.", "usd"
    )
    duties = _told(
        "duties", 400e9, "He threatened duties on the other $400 billion of Japanese goods.", "usd"
    )
    groups = _group([before, cars, duties], 3)
    docs = sorted(sorted(r["doc"] for r in g) for g in groups)
    assert docs == [["Japanese cars"], ["Japanese cars", "duties"]]


def test_two_indices_falling_by_one_share_are_two_figures() -> None:
    """A direction of movement is no tie: the Ruritanian index and the Freedonian benchmark
    that both "fell 2.4 %" the same day are two measured things."""
    from detente.merge.figures import _same_value

    a = _told("Ruritanian index fall", 2.4, "The Ruritanian index fell 2.4 percent.", "percent")
    b = _told(
        "Freedonian benchmark fall", 2.4, "The Freedonian benchmark fell 2.4 percent.", "percent"
    )
    assert not _same_value(a, b)


def _reported(
    doc: str,
    plover: str,
    sentence: str,
    day: str = "2022-03-07",
    modality: str = "asserted",
    speaker: str = "Ruritania",
    trigger: str = "said",
) -> dict[str, object]:
    from detente.merge.text import content_words

    return {
        "doc": doc, "start": 0, "plover": plover, "modality": modality, "date": day,
        "date_basis": "stated", "source_actor": "RUR", "target_actor": "FRE",
        "source_name": speaker, "trigger": trigger, "words": content_words(sentence),
    }  # fmt: skip


def test_a_statement_announcing_an_act_joins_the_act() -> None:
    """Ruritania's ministry saying its new duties take effect is Ruritania announcing the
    duties, which the next outlet reports as the act; a statement of another day, one worded
    otherwise, one of another speaker, one not naming the act, an accusation, or a denied act
    stay apart."""
    from detente.merge.events import _announced

    announced = "Ruritania announced new duties on Freedonian cheese."
    act = [_reported("a", "SANCTION", announced, trigger="announced duties")]
    told = [_reported("b", "STATEMENT", "The ministry said new duties on Freedonian cheese apply.")]
    later = "Ruritania said new duties on Freedonian cheese apply."
    apart = [
        [_reported("c", "STATEMENT", later, "2022-03-09")],
        [_reported("d", "STATEMENT", "Ruritania said the border with Freedonia stays open.")],
        [_reported("e", "ACCUSE", later)],
        [_reported("f", "STATEMENT", later, speaker="Pat Smith")],
        [_reported("g", "STATEMENT", "Ruritania said Freedonian cheese sales are new news.")],
    ]
    groups = _announced([act, told, *apart])
    assert sorted(r["doc"] for r in groups[0]) == ["a", "b"]
    assert [[r["doc"] for r in g] for g in groups[1:]] == [["c"], ["d"], ["e"], ["f"], ["g"]]
    denied = [_reported("a", "SANCTION", announced, modality="negated", trigger="announced duties")]
    assert len(_announced([denied, told])) == 2


def _back(doc: str, sentence: str, idx: int = 5, day: str | None = None, **kw: str) -> dict:
    """A report of the article ``doc`` naming no target (sentence ``idx`` of it)."""
    row = _reported(doc, kw.pop("plover", "COERCE"), sentence, **kw)
    row.update(target_actor=None, date=day, date_basis="none" if day is None else "stated")
    row["sentence_idx"] = idx
    return row


def test_a_report_naming_no_target_joins_the_act_its_article_tells() -> None:
    """An article tells Ruritania's tariffs on Freedonia once in full and refers back to them
    without the target; the back reference joins the act's cross-outlet group.  One naming
    the act only by its own trigger, one worded otherwise, one of another day, one in an
    article telling two such acts, a remark, and one of an article outside the group stay
    apart."""
    from detente.merge.events import _told_again

    told = "Ruritania slapped tariffs on Freedonian steel to shield its mills from cheap imports."
    act = [
        {**_reported("a", "SANCTION", told, trigger="slapped tariffs"), "sentence_idx": 0},
        {**_reported("b", "SANCTION", "Ruritania slapped tariffs on steel from Freedonia."),
         "trigger": "slapped tariffs", "sentence_idx": 0},
    ]  # fmt: skip
    back = "Ruritania is levying the new tariffs to shield its mills from cheap imports, it said."
    groups = _told_again([act, [_back("a", back)]], 3)
    assert len(groups) == 1 and sorted(r["doc"] for r in groups[0]) == ["a", "a", "b"]
    # the same clause read with and without its target joins whatever its words
    assert len(_told_again([act, [_back("a", "Ruritania acted.", idx=0, trigger="acted")]], 3)) == 1
    apart = [
        # "tariffs" only as its own trigger: nothing else names the act
        _back("a", "Ruritania said its tariffs shield mills from imports.", trigger="tariffs"),
        _back("a", "Ruritania is levying the tariffs on rice to pay for rural schools, it said."),
        _back("a", back, day="2022-03-21"),  # dated to another day
        _back("a", back, day="2021-03"),  # to a month only
        _back("a", back, plover="STATEMENT"),  # a remark
        _back("c", back),  # its article tells no act of the group
    ]
    for row in apart:
        assert len(_told_again([act, [row]], 3)) == 2
    other = {**act[0], "target_actor": "OST"}  # the article tells tariffs on a second state
    two = [act, [other, {**other, "doc": "d"}], [_back("a", back)]]
    assert len(_told_again(two, 3)) == 3


#: one act told by two outlets, the first referring back to it without its target
BACK = {
    "a.txt": (
        "Steel duties\n\nOn March 7, 2022, Canada imposed tariffs on steel from Mexico to protect "
        "its steel mills from cheap imports, the trade ministry said.\n\nCanada is levying the "
        "new tariffs to protect its steel mills from a flood of cheap imports, officials said.\n",
        "2022-03-07",
    ),
    "b.txt": (
        "Ottawa hits Mexican steel\n\nCanada imposed tariffs on Mexican steel on March 7, 2022, "
        "officials in Ottawa said.\n",
        "2022-03-08",
    ),
}


def test_an_articles_back_reference_to_its_act_joins_the_act(tmp_path: Path) -> None:
    """The levying read without a target is the article's tariffs on Mexico, which the other
    outlet reports: one cluster holds it, both articles' tariffs and nothing else."""
    from detente.model import Given

    for name, (text, _) in BACK.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = str(tmp_path / "back.db")
    with detente.open(path) as database:
        for name, (_, published) in BACK.items():  # the second merged incrementally
            database.ingest([str(tmp_path / name)], given=Given(outlet=name, published=published))
        rows = database.store.rows(
            "SELECT cluster, trigger, target_actor FROM events WHERE source_actor = 'CAN'"
        )
        incremental = _clusters(path)
        database.merge()  # whole
    assert _clusters(path) == incremental
    back = [r for r in rows if r["target_actor"] is None and r["trigger"] == "levying"]
    assert back and all(r["cluster"] for r in back)
    cluster = back[0]["cluster"]
    assert {r["trigger"] for r in rows if r["cluster"] == cluster} >= {"imposed tariffs"}
    assert sum(r["trigger"] == "imposed tariffs" and r["cluster"] == cluster for r in rows) == 2


def test_remarks_announcing_one_act_are_one_announcement() -> None:
    """Two outlets' renderings of Ruritania announcing its duties share few words but announce
    one act (one event cluster): one utterance.  A remark announcing another act, one of a
    group announcing two, and one dated weeks apart stay apart."""
    from detente.merge.quotes import _medoid_groups, _span

    def quote(doc: str, text: str, act: str | None, date: str | None = None) -> dict:
        from detente.merge.text import terms

        span = _span(date, "2022-03-08")
        return {"doc": doc, "start": 0, "terms": terms(text), "span": span, "act": act,
                "reported": _span(None, "2022-03-08")}  # fmt: skip

    said = "it will impose duties on Freedonian cheese from April"
    retold = "it would slap tariffs on dairy goods from Freedonia next month"
    assert _medoid_groups([quote("a", said, "e1"), quote("b", retold, "e1")], {}, 7, 0.5) == [
        [1, 0]
    ]
    assert _medoid_groups([quote("a", said, "e1"), quote("b", retold, "e2")], {}, 7, 0.5) == []
    assert _medoid_groups([quote("a", said, "e1"), quote("b", retold, None)], {}, 7, 0.5) == []
    far = [quote("a", said, "e1", "2022-03-07"), quote("b", retold, "e1", "2022-04-20")]
    assert _medoid_groups(far, {}, 7, 0.5) == []
    # a group announcing two acts is left alone
    two = [
        quote("a", said + " and the same duties on wine", "e1"),
        quote("c", "it will impose duties on Freedonian cheese and wine", "e2"),
        quote("b", retold, "e1"),
    ]
    assert _medoid_groups(two, {}, 7, 0.5) == [[0, 1]]


def test_the_act_a_remark_announces() -> None:
    """A remark announces the act to come its sentence tells, or the act its remark was found
    to announce by the events merge (in the act's cluster); not an act done, not a remark in a
    cluster of remarks, not two acts.  Out of an incremental merge's scope, an event's stored
    cluster stands."""
    from detente.merge.quotes import _announced_acts

    class Links:
        def merge_quote_acts(self) -> list[dict[str, object]]:
            return [
                {"quote": q, "event": e, "plover": p, "modality": m, "cluster": c}
                for q, e, p, m, c in [
                    (1, 10, "SANCTION", "future", None),  # "it will impose duties"
                    (2, 20, "STATEMENT", "asserted", "eA"),  # "the duties apply from June"
                    (3, 30, "STATEMENT", "asserted", "eB"),  # a remark among remarks
                    (4, 40, "SANCTION", "asserted", "eA"),  # "it imposed duties"
                    (5, 50, "SANCTION", "future", "eA"),
                    (5, 51, "ASSAULT", "future", "eC"),  # two acts announced
                ]
            ]

    store: Any = Links()
    # event 10 was merged again into eA; the others are out of the scope
    assert _announced_acts(store, {10: "eA"}, [10]) == {1: "eA", 2: "eA"}
    assert _announced_acts(store, {}, None) == {}  # a whole merge that clustered none


#: two outlets on one act announced, its announcement worded apart
ANNOUNCED = {
    "a.txt": (
        "Steel duties ahead\n\nCanada said on Monday, March 7, 2022, that it will impose tariffs "
        "of 25 percent on steel from Mexico.\n",
        "2022-03-07",
    ),
    "b.txt": (
        "Ottawa acts on steel\n\nCanada said on March 7, 2022, it would slap duties on Mexican "
        "steel to shield its own mills.\n",
        "2022-03-08",
    ),
}


def test_two_renderings_of_an_announcement_are_one_quote(tmp_path: Path) -> None:
    """The words share little ("impose tariffs", "slap duties") but announce one act that the
    events merge finds told by both: one quote cluster, in an incremental merge as in a whole."""
    from detente.model import Given

    path = str(tmp_path / "announced.db")
    with detente.open(path) as database:
        for name, (text, published) in ANNOUNCED.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
            database.ingest([str(tmp_path / name)], given=Given(outlet=name, published=published))
        rows = database.store.rows("SELECT cluster FROM quotes WHERE speaker_actor = 'CAN'")
        incremental = _clusters(path)
        database.merge()
    assert len(rows) == 2 and rows[0]["cluster"] and rows[0]["cluster"] == rows[1]["cluster"]
    assert _clusters(path) == incremental


def test_events_of_one_sentence_do_not_announce_each_other() -> None:
    """Two events read off one sentence share all its words and say nothing of two reports."""
    from detente.merge.events import _announced

    sentence = "Ruritania said it imposed new duties on Freedonian cheese."
    act = [_reported("a", "SANCTION", sentence, trigger="imposed duties")]
    told = [_reported("a", "STATEMENT", sentence)]
    assert len(_announced([act, told])) == 2


def test_a_remark_retold_in_other_common_words_is_one_remark() -> None:
    """Two outlets retelling one remark swap everyday words ("somebody", "directed", a
    "review", "assistance"); another remark of the topic stays below the threshold."""
    from detente.merge.quotes import quote_similarity
    from detente.merge.text import terms

    said = terms("He had ordered the ministries to study how the coup would affect Ruritanian aid")
    retold = terms(
        "He had directed the ministries to review what the coup means for Ruritanian assistance"
    )
    other = terms("The ministries will hold elections soon after the coup, he said")
    assert quote_similarity(said, retold) >= 0.5
    assert quote_similarity(said, other) < 0.5
    assert (
        quote_similarity(
            terms("Somebody could have made a mistake on the other side"),
            terms("Someone could have made a mistake"),
        )
        >= 0.5
    )


def test_one_speakers_name_in_shorter_and_fuller_forms_is_one_speaker() -> None:
    """A middle initial, a short given name, a leading "the" and a surname alone are forms of
    one name, unless they could be two people's."""
    from detente.merge.text import same_speakers, speaker_key

    names = [
        "Timothy P. Alben", "Timothy Alben", "Alben", "Ed Marlow", "Edward F. Marlow",
        "George W. Bush", "George H.W. Bush", "Bush", "The Hill", "Hill", "Christopher Hill",
        "Oleksiy Danilov", "Danilov", "McCain", "John McCain", "Ken McCain", "Bank of Ruritania",
        "Ruritania",
    ]  # fmt: skip
    keys = {speaker_key(n): None for n in names}
    same = same_speakers(keys)

    def one(a: str, b: str) -> bool:
        ka, kb = speaker_key(a), speaker_key(b)
        return same.get(ka, ka) == same.get(kb, kb)

    assert one("Timothy P. Alben", "Timothy Alben") and one("Alben", "Timothy P. Alben")
    assert one("Ed Marlow", "Edward F. Marlow") and one("Danilov", "Oleksiy Danilov")
    assert speaker_key("the Boston Police Department") == speaker_key("Boston Police Department")
    assert not one("George W. Bush", "George H.W. Bush") and not one("Bush", "George W. Bush")
    assert not one("Hill", "Christopher Hill")  # "The Hill" is a paper
    assert not one("McCain", "John McCain") and not one("Ruritania", "Bank of Ruritania")
    # two actors apart: two people
    assert not same_speakers({"danilov": "RUS", "oleksiy danilov": "UKR"})


def test_quote_blocks_of_one_speakers_forms_meet() -> None:
    """The blocks of one speaker written in two forms are merged as one; a written name
    resolved to two actors, or a block holding two speakers' forms, stays alone."""
    from detente.merge.quotes import speaker_forms

    rows = [
        {"block": "person:peter-lerner", "speaker": "Peter Lerner", "speaker_actor": "ISR"},
        {"block": "Lerner", "speaker": "Lerner", "speaker_actor": None},
        {"block": "person:jo-cole", "speaker": "Jo Cole", "speaker_actor": "GBR"},
        {"block": "person:jo-cole", "speaker": "Jo Cole", "speaker_actor": "USA"},
        {"block": "Cole", "speaker": "Cole", "speaker_actor": None},
    ]
    forms = speaker_forms(rows)
    assert forms["person:peter-lerner"] == forms["Lerner"]
    assert "Cole" not in forms and "person:jo-cole" not in forms


def test_one_stretch_of_a_quote_cut_by_its_attribution_meets_the_whole_answer() -> None:
    """One outlet quotes two stretches of a minister's answer around "she said", which the
    extractor joins into one quote; another quotes the whole answer at more length.  The
    second stretch is found whole in the answer, though the two quotes share too little to
    join as wholes; a stretch of another remark that shares a few of the answer's words is
    not."""
    from detente.annotate import annotate
    from detente.merge.quotes import _medoid_groups, pieces, quote_similarity
    from detente.merge.text import terms
    from detente.model import Given, RawDocument
    from detente.pipeline import Pipeline, prepare

    text = (
        "“The harbour in Port Elda is crowded with grain ships, the cranes are idle and the "
        "drivers have gone home,” "
        "Minister Varga said. “Somebody in the customs office made a serious mistake.”\n"
    )
    doc = prepare(RawDocument("a.txt", text, given=Given(published="2022-06-12")))
    found = Pipeline().run_annotated(annotate(doc)).records("quotes")
    cut = next(q.text for q in found if "grain ships" in q.text)
    assert "serious mistake" in cut and len(pieces(cut)) == 2
    whole = (
        "Someone in the customs office made a serious mistake on the paperwork, and the "
        "ministry will find out who did it before the weekend is over; an inquiry will then "
        "report to parliament within a fortnight, and the minister will answer questions on "
        "its findings in the chamber"
    )

    def quote(doc: str, text: str) -> dict[str, object]:
        row = _quote(doc, text, "2022-06-12", "2022-06-12")
        row["pieces"] = pieces(text)
        return row

    assert quote_similarity(terms(cut), terms(whole)) < 0.5  # too little as wholes
    assert _medoid_groups([quote("a", cut), quote("b", whole)], {}, 7, 0.5) == [[1, 0]]
    other = (
        "The cranes are idle … The customs office made new rotas for twelve inspectors of the "
        "northern ports this summer"
    )
    assert _medoid_groups([quote("a", other), quote("b", whole)], {}, 7, 0.5) == []
