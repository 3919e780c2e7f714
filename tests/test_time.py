"""Date resolution: string rules and document-level resolution through the real pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.annotate import annotate
from detente.extract.time import date_of, find_times, resolve
from detente.model import Given, RawDocument
from detente.pipeline import prepare

MONDAY = dt.date(2023, 4, 17)

TEXT = (
    "Ministers meet in Moscow\n\n"
    "The defence minister met the president in Moscow on Sunday, the agency reported. "
    "He is paying an official visit to Russia from April 16 to 19. "
    "The following day, he flew to Minsk.\n\n"
    "Trade reached a record last year. A treaty was signed in October last year. "
    "On the 17th annual meeting nobody spoke. On the 20th, he will travel to Harbin.\n"
)


@pytest.fixture(scope="module")
def times() -> dict[str, str]:
    doc = prepare(RawDocument("t.txt", TEXT, given=Given(published="2023-04-17")))
    return {w.text: (w.value, w.precision, w.end_value) for w in find_times(annotate(doc))}


def test_weekday_past_tense_goes_back(times: dict) -> None:
    assert times["Sunday"] == ("2023-04-16", "day", None)


def test_range(times: dict) -> None:
    assert times["April 16 to 19"] == ("2023-04-16", "day", "2023-04-19")


def test_following_day_counts_from_previous_date(times: dict) -> None:
    assert times["The following day"][0] == "2023-04-20"


def test_relative_years(times: dict) -> None:
    assert times["last year"] == ("2022", "year", None)
    assert times["October last year"] == ("2022-10", "month", None)


def test_ordinal_day_but_not_rank(times: dict) -> None:
    assert times["the 20th"][0] == "2023-04-20"
    assert "the 17th" not in times


def test_resolve_rules() -> None:
    assert resolve("Monday", MONDAY, past=True).value == "2023-04-17"  # type: ignore[union-attr]
    assert resolve("Friday", MONDAY, past=False).value == "2023-04-21"  # type: ignore[union-attr]
    assert resolve("early August 2019", None).value == "2019-08"  # type: ignore[union-attr]
    assert resolve("Sunday", None) is None  # no anchor: never today's date
    assert resolve("recent years", MONDAY) is None
    assert resolve("the following day", MONDAY) is None  # nothing to follow


def test_date_of_attaches_to_its_verb() -> None:
    doc = prepare(RawDocument("t.txt", "A visit\n\nThe minister met Putin on Sunday in Moscow.\n",
                              given=Given(published="2023-04-17")))  # fmt: skip
    ann = annotate(doc)
    sent = ann.sentences[-1]
    start = doc.text.index("met")
    w = date_of(ann, sent.index, start, start + 3)
    assert w is not None and w.value == "2023-04-16"


def test_same_weekday_as_publication_is_that_day() -> None:
    assert resolve("Monday", MONDAY, past=True).value == "2023-04-17"  # type: ignore[union-attr]
    assert resolve("last Monday", MONDAY).value == "2023-04-10"  # type: ignore[union-attr]
    assert resolve("early August", MONDAY, past=True).value == "2022-08"  # type: ignore[union-attr]


def test_undated_article_reads_last_year_from_its_latest_past_year() -> None:
    text = (
        "Trade\n\n"
        "In the first quarter of 2020, the share of the dollar fell below half. "
        "Trade grew by a tenth last year, and on Thursday the ministers met again.\n"
    )
    found = {w.text: w for w in find_times(annotate(prepare(RawDocument("u.txt", text))))}
    assert found["last year"].value == "2019"
    assert found["last year"].rule.endswith("-inferred-year")
    assert "Thursday" not in found  # a weekday needs the publication day itself


def test_sentence_entities_are_spacys_read_once_per_paragraph() -> None:
    from detente.annotate.spans import sentence_ents

    text = (
        "Vladimir Putin met Xi Jinping in Moscow on March 21, 2023. China and Russia signed "
        "two statements. Biden said on Tuesday that NATO would respond.\n\n"
        "On Monday, Lavrov flew to New Delhi. The talks lasted three days."
    )
    doc = prepare(RawDocument("t.txt", text, given=Given(published="2023-03-22")))
    ann = annotate(doc)
    spans = list(ann.sentence_spans())
    assert len(spans) >= 4 and len({id(s.doc) for _, s, _ in spans}) == 2
    got = [[(e.start, e.end, e.label_) for e in ents] for ents in sentence_ents(ann)]
    want = [[(e.start, e.end, e.label_) for e in span.ents] for _, span, _ in spans]
    assert got == want and sum(map(len, want)) >= 8
