"""Date resolution: string rules and document-level resolution through the real pipeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from detente.annotate import Annotated, annotate
from detente.extract.time import date_of, find_times, find_timexes, resolve, timex
from detente.extract.time.timeml import calendar_of
from detente.model import Given, RawDocument
from detente.pipeline import prepare

MONDAY = dt.date(2023, 4, 17)

TEXT = (
    "Ministers meet in Moscow\n\n"
    "The defence minister met the president in Moscow on Sunday, the agency reported. "
    "He is on a working trip to the region from April 18 to 21. "
    "The following day, he flew to Minsk.\n\n"
    "Trade reached a record last year. A treaty was signed in October last year. "
    "On the 12th annual meeting nobody spoke. On the 20th, he will travel to Harbin.\n"
)


@pytest.fixture(scope="module")
def times() -> dict[str, str]:
    doc = prepare(RawDocument("t.txt", TEXT, given=Given(published="2023-04-17")))
    return {w.text: (w.value, w.precision, w.end_value) for w in find_times(annotate(doc))}


def test_weekday_past_tense_goes_back(times: dict) -> None:
    assert times["Sunday"] == ("2023-04-16", "day", None)


def test_range(times: dict) -> None:
    assert times["April 18 to 21"] == ("2023-04-18", "day", "2023-04-21")


def test_following_day_counts_from_previous_date(times: dict) -> None:
    assert times["The following day"][0] == "2023-04-22"


def test_relative_years(times: dict) -> None:
    assert times["last year"] == ("2022", "year", None)
    assert times["October last year"] == ("2022-10", "month", None)


def test_ordinal_day_but_not_rank(times: dict) -> None:
    assert times["the 20th"][0] == "2023-04-20"
    assert "the 12th" not in times


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
        "In the third quarter of 2021, the euro's share of payments slipped below half. "
        "Trade grew by a tenth last year, and on Thursday the ministers met again.\n"
    )
    found = {w.text: w for w in find_times(annotate(prepare(RawDocument("u.txt", text))))}
    assert found["last year"].value == "2020"
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


# ---- TimeML values: what a calendar date cannot state ------------------------------------

FRIDAY = dt.date(1998, 2, 6)  # ISO week 1998-W06


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("last week", ("DATE", "1998-W05")),
        ("this week", ("DATE", "1998-W06")),
        ("six weeks ago", ("DATE", "1997-W52")),
        ("the weekend", ("DATE", "1998-W06-WE")),  # said on a Friday: the coming one
        ("last fall", ("DATE", "1997-FA")),
        ("this summer", ("DATE", "1998-SU")),
        ("the winter of 1994", ("DATE", "1994-WI")),
        ("the third quarter", ("DATE", "1997-Q3")),  # not begun by February: last year's
        ("the first quarter", ("DATE", "1998-Q1")),
        ("Q2 2020", ("DATE", "2020-Q2")),
        ("the first half of 1990", ("DATE", "1990-H1")),
        ("the 1990s", ("DATE", "199")),
        ("the late 1970s", ("DATE", "197")),
        ("the 20th century", ("DATE", "19")),
        ("last century", ("DATE", "18")),  # said in 1998: the 1800s
        ("the past decade", ("DURATION", "P1E")),
        ("the past century", ("DURATION", "P1C")),  # the hundred years to now, as "the past year"
        ("now", ("DATE", "PRESENT_REF")),
        ("recently", ("DATE", "PAST_REF")),
        ("the future", ("DATE", "FUTURE_REF")),
        ("three years", ("DURATION", "P3Y")),
        ("the past two weeks", ("DURATION", "P2W")),
        ("several months", ("DURATION", "PXM")),
        ("at least 30 days", ("DURATION", "P30D")),
        ("five hours", ("DURATION", "PT5H")),
        ("the past year", ("DURATION", "P1Y")),
        ("daily", ("SET", "P1D")),
        ("each Thursday", ("SET", "XXXX-WXX-4")),
        ("each May", ("SET", "XXXX-05")),
        ("10 p.m. Wednesday", ("TIME", "1998-02-04T22:00")),
        ("Friday morning", ("TIME", "1998-02-06TMO")),
        ("last night", ("TIME", "1998-02-05TNI")),
        ("last year", ("DATE", "1997")),
        ("March 3", ("DATE", "1998-03-03")),
        ("current", ("DATE", "PRESENT_REF")),
        ("previously", ("DATE", "PAST_REF")),
        ("soon", ("DATE", "FUTURE_REF")),
        ("the mid-1990s", ("DATE", "199")),
        ("the year", ("DATE", "1998")),
        ("the full year", ("DATE", "1998")),
        ("year-end", ("DATE", "1998")),
        ("earlier in the year", ("DATE", "1998")),
        ("the year-ago fourth quarter", ("DATE", "1996-Q4")),  # compared with 1997's
        ("nearly two weeks ago", ("DATE", "1998-W04")),
        ("the year-ago period", ("DATE", "1996-Q4")),  # nothing named: the last quarter over
        ("the 1996 quarter", ("DATE", "1996-Q4")),
        ("the end of this week", ("DATE", "1998-W06")),
        ("about three years ago", ("DATE", "1995")),
        ("the summer of nineteen eighty-eight", ("DATE", "1988-SU")),  # as spoken on air
        ("next Tuesday, March tenth", ("DATE", "1998-03-10")),
        ("February the twenty-second", ("DATE", "1998-02-22")),
        ("2005 or later", ("DATE", "2005")),
        ("2010 and beyond", ("DATE", "2010")),
        ("the next month or so", ("DATE", "1998-03")),
        ("several years ago", ("DATE", "PAST_REF")),
        ("a few weeks back", ("DATE", "PAST_REF")),
        ("the first two quarters of 1996", ("DATE", "1996-H1")),
        ("the latter part of the 1970s", ("DATE", "197")),
        ("its second quarter", ("DATE", "1997-Q2")),
        ("coming months", ("DATE", "FUTURE_REF")),
        ("the short term", ("DATE", "FUTURE_REF")),
        ("2 1/2 years", ("DURATION", "P2Y6M")),  # a half in the next unit down
        ("1 1/2 hours", ("DURATION", "PT1H30M")),
        ("2 1/2 days", ("DURATION", "P2DT12H")),
        ("9.87 seconds", ("DURATION", "PT9.87S")),
        ("1,500 days", ("DURATION", "P1500D")),
        ("the first 1987 quarter", ("DATE", "1987-Q1")),  # not 1,987 quarters
    ],
)
def test_timex_values(expr: str, expected: tuple[str, str]) -> None:
    assert timex(expr, FRIDAY) == expected


def test_timex_reads_a_year_earlier_against_the_last_quarter() -> None:
    assert timex("a year earlier", FRIDAY, previous="1997-Q3") == ("DATE", "1996-Q3")
    assert timex("the year-ago quarter", FRIDAY, previous="1997-Q4") == ("DATE", "1996-Q4")
    assert timex("a year earlier", FRIDAY, previous="1997-06-30") == ("DATE", "1996-06-30")
    assert timex("52 years old", FRIDAY) is None  # an age dates nothing
    # nothing named before: in a results report most often a quarter, so no guess
    assert timex("a year earlier", FRIDAY) is None and timex("year-earlier", FRIDAY) is None
    assert timex("the 1996 period", FRIDAY, previous="1997-Q2") == ("DATE", "1996-Q2")
    assert timex("the 1996 quarter", FRIDAY, previous="1997-Q2") == ("DATE", "1996-Q2")
    assert timex("that year", FRIDAY, previous="1994-05") == ("DATE", "1994")
    assert timex("the corresponding period last year", FRIDAY, previous="1997-Q4") == (
        "DATE",
        "1996-Q4",
    )
    # a forecast for a later quarter is not what "the year-ago period" compares with
    assert timex("the year-ago period", FRIDAY, previous="1998-Q3") == ("DATE", "1996-Q4")
    assert timex("the current quarter", FRIDAY, previous="1997-Q4") == ("DATE", "1998-Q1")
    assert timex("last year's quarter", FRIDAY, previous="1997-Q4") == ("DATE", "1996-Q4")


def test_a_day_almost_a_year_back_is_written_with_its_year() -> None:
    """Under a past verb a yearless day just ahead is this year's, not last year's."""
    nov = dt.date(2021, 11, 3)
    assert resolve("Nov. 12", nov, past=True).value == "2021-11-12"  # type: ignore[union-attr]
    assert resolve("Oct. 30", nov, past=True).value == "2021-10-30"  # type: ignore[union-attr]
    # months ahead, not weeks: the past reading stands
    assert resolve("March 2", nov, past=True).value == "2021-03-02"  # type: ignore[union-attr]


def test_years_quarters_and_names_in_running_text() -> None:
    text = (
        "Results\n\nThe brewer earned $4 million in the year ended June 30, against $3 million "
        "in the year-ago period. For the full year it expects more. "
        'The minister spoke on "This Week" about the quarter-to-quarter decline. '
        "The shares are due to resume trading on Monday. "
        "Sales rose in the quarter ended June 30 from a year earlier.\n"
    )
    doc = prepare(RawDocument("y.txt", text, given=Given(published="2021-07-29")))
    found = {t.text: (t.type, t.value) for t in find_timexes(annotate(doc))}
    assert found["the year"] == ("DURATION", "P1Y")  # twelve months to June 30
    assert found["the full year"] == ("DATE", "2021")
    assert found["Monday"] == ("DATE", "2021-08-02")  # due to resume: ahead
    assert found["a year earlier"] == ("DATE", "2020-Q2")  # the quarter's, not June 30's
    assert "This Week" not in found
    compound = text.index("quarter-to-quarter")  # part of a word, no time
    assert not any(t.start <= compound < t.end for t in find_timexes(annotate(doc)))


def test_calendar_of_is_never_finer_than_stated() -> None:
    assert calendar_of("2023-W15") == ("2023-04", "month", "week", None)  # 10-16 April
    assert calendar_of("2023-W13") == ("2023", "year", "week", None)  # 27 March - 2 April
    assert calendar_of("2020-W53") is None  # 28 Dec 2020 - 3 Jan 2021
    assert calendar_of("1998-SU") == ("1998", "year", "season", None)
    assert calendar_of("1998-WI") is None  # a winter spans two years
    assert calendar_of("1990-H2") == ("1990-07", "month", "half", "1990-12")
    assert calendar_of("199") is None and calendar_of("PRESENT_REF") is None


NEWS = (
    "Talks in Beijing\n\n"
    "Sergei Lavrov met Wang Yi in Beijing last week, the Russian foreign ministry said. "
    "Russia and China have negotiated the pipeline for three years. "
    "Exports rose in the third quarter and are now at a record.\n"
)


@pytest.fixture(scope="module")
def news() -> Annotated:
    return annotate(prepare(RawDocument("n.txt", NEWS, given=Given(published="2023-04-19"))))


def test_find_timexes_states_types_and_values(news: Annotated) -> None:
    found = {t.text: t for t in find_timexes(news)}
    assert (found["last week"].type, found["last week"].value) == ("DATE", "2023-W15")
    assert (found["three years"].type, found["three years"].value) == ("DURATION", "P3Y")
    assert found["now"].value == "PRESENT_REF" and found["now"].when is None
    assert found["the third quarter"].value == "2022-Q3"
    for t in found.values():
        assert NEWS[t.start : t.end] == t.text


def test_times_stage_keeps_calendar_values_only(news: Annotated) -> None:
    """What dates events and quotes: a week is its month, a duration or "now" is nothing."""
    times = {w.text: w for w in find_times(news)}
    assert (times["last week"].value, times["last week"].precision) == ("2023-04", "month")
    assert "three years" not in times and "now" not in times
    assert all(re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", w.value) for w in times.values())


def test_event_dated_last_week_gets_its_month_never_a_day(news: Annotated) -> None:
    from detente.pipeline import Pipeline

    fresh = annotate(news.document)
    events = Pipeline().run_annotated(fresh).records("events")
    met = [e for e in events if "met" in e.trigger]
    assert met, events
    assert all((e.date, e.date_precision) in (("2023-04", "month"), (None, None)) for e in met)


def test_a_share_is_no_quarter_or_half() -> None:
    text = (
        "Shares\n\nThe country imports three-quarters of its grain. Half of the aid was lost.\n\n"
        "Exports fell in the third quarter of 2019 and in the first half of the year.\n"
    )
    doc = prepare(RawDocument("q.txt", text, given=Given(published="2019-11-05")))
    found = [(t.text, t.value) for t in find_timexes(annotate(doc))]
    assert found == [
        ("the third quarter of 2019", "2019-Q3"),
        ("the first half of the year", "2019-H1"),
    ]


def test_rates_are_no_times_and_terms_read_forward() -> None:
    """A frequency that qualifies a noun or follows a quantity is a rate; a term is ahead."""
    text = (
        "Output\n\nThe plant turns out 4,000 tonnes annually and sales should grow 12% yearly. "
        "Average daily traffic fell. The council meets monthly.\n\n"
        "The firm said it would repay the loan by March. The new rules, effective Feb. 1, were "
        "agreed on Tuesday. Exports rose in the first eleven months of 2020.\n\n"
        "The bid had been due to close on Friday.\n"
    )
    doc = prepare(RawDocument("r.txt", text, given=Given(published="2021-10-20")))
    found = {t.text: (t.type, t.value) for t in find_timexes(annotate(doc))}
    assert found["monthly"] == ("SET", "P1M")
    assert not {"annually", "yearly", "daily"} & set(found)
    assert found["by March"] == ("DATE", "2022-03")  # a past verb, a term still ahead
    assert found["Feb. 1"] == ("DATE", "2022-02-01")
    assert found["Tuesday"] == ("DATE", "2021-10-19")
    assert found["2020"] == ("DATE", "2020")  # a year inside an entity with no value
    assert found["Friday"] == ("DATE", "2021-10-15")  # a schedule already behind


def test_greetings_titles_and_someday() -> None:
    text = (
        "Broadcast\n\nGood evening and welcome. The minister told the morning show that the "
        "figures in USA Today were wrong. The region could one day join the union. "
        "He arrived this morning.\n"
    )
    doc = prepare(RawDocument("b.txt", text, given=Given(published="2022-05-11")))
    found = {t.text: (t.type, t.value) for t in find_timexes(annotate(doc))}
    assert not {"evening", "morning", "Today"} & set(found)
    assert found["one day"] == ("DATE", "FUTURE_REF")
    assert found["this morning"] == ("TIME", "2022-05-11TMO")


def test_discourse_now_and_a_things_future_are_no_times() -> None:
    """ "Now," opening a sentence turns the argument; "the future of" a thing is its fate."""
    text = (
        "Harbour\n\nNow, the harder question is who pays for the dredging. "
        "The port authority now runs twelve berths. "
        "The future of the old shipyard is uncertain, and the future looks bleak for welders. "
        "The council will decide on new cranes in the future.\n"
    )
    doc = prepare(RawDocument("h.txt", text, given=Given(published="2021-03-02")))
    found = [(t.text, t.start) for t in find_timexes(annotate(doc))]
    assert [f for f, _ in found] == ["now", "the future"]
    assert found[1][1] == text.index("in the future") + 3


def _found(text: str, published: str = "2021-06-09") -> dict[str, tuple[str, str]]:
    doc = prepare(RawDocument("c.txt", text, given=Given(published=published)))
    return {t.text: (t.type, t.value) for t in find_timexes(annotate(doc))}


def test_time_words_inside_names_are_no_times() -> None:
    """A season or a length of time that is part of a proper name dates nothing."""
    found = _found(
        "Names\n\nThe Winter Palace reopened after the Prague Spring exhibition moved out. "
        "Historians of the Six-Day War gathered there. "
        "The museum closed last summer and reopens in the spring of 2022.\n"
    )
    assert not {"Winter", "The Winter", "Spring", "Six-Day"} & set(found)
    assert found["last summer"] == ("DATE", "2020-SU")
    assert found["the spring of 2022"] == ("DATE", "2022-SP")


def test_four_digit_counts_are_no_years() -> None:
    """ "2000 troops" counts soldiers; "the 2019 protests" and "in 2020" stay years."""
    found = _found(
        "Counts\n\nThe ministry sent 2000 troops and the rebels claimed 1500 fighters. "
        "The 2019 protests were larger. In 2020 cases rose, and the index ended at 1870 "
        "points.\n"
    )
    assert not {"2000", "1500", "1870"} & set(found)
    assert found["2019"] == ("DATE", "2019")
    assert found["In 2020"] == ("DATE", "2020")


def test_month_names_used_as_words_are_no_months() -> None:
    """Lower-case "august" is the adjective; a headline's "March on" is the verb."""
    found = _found(
        "Veterans March on the Ministry Over Pensions\n\nThe august chamber heard the "
        "veterans, who first marched in May. They may march again in August.\n"
    )
    assert "March" not in found and "august" not in found
    assert found["in May"] == ("DATE", "2021-05")
    assert found["in August"] == ("DATE", "2021-08")


def test_ages_and_amounts_of_pay_are_no_durations() -> None:
    """ "19 years of age" is an age; "six months of base pay" a sum of money."""
    found = _found(
        "Terms\n\nRecruits must be 19 years of age. Those who leave receive six months of "
        "base pay, or a year's salary after two years of service.\n"
    )
    assert not {"19 years", "six months", "a year's", "a year"} & set(found)
    assert found["two years"] == ("DURATION", "P2Y")


def test_now_for_the_next_item_is_a_turn_not_a_time() -> None:
    """A verbless "Now for ..." turns a broadcast to its next item; "now" in a clause stays."""
    found = _found("Bulletin\n\nNow for the markets. Shares now trade lower than in March.\n")
    assert [k for k in found if k.lower() == "now"] == ["now"]


def test_a_24_hour_clock_time_is_no_year() -> None:
    """Wire copy's "2100 GMT" is nine in the evening, never the year 2100; a year stays."""
    found = _found(
        "Curfew\n\nThe curfew begins at 2100 GMT and ends at 0500 local time. The last one, "
        "in 1990, lasted a week.\n"
    )
    assert not {"2100", "0500", "2100 GMT", "0500 local time"} & set(found), found
    assert found.get("1990") == ("DATE", "1990") or found.get("in 1990") == ("DATE", "1990")


def test_a_date_without_its_month_states_no_day() -> None:
    """ "17, 1987" (what a sentence break leaves of "Feb. 17, 1987") is no 17 January: the
    parser would fill the month in from its base date."""
    assert resolve("17, 1987", FRIDAY) is None
    assert resolve("Feb. 17, 1987", FRIDAY).value == "1987-02-17"  # type: ignore[union-attr]
    assert resolve("3/9/1958", FRIDAY) is not None


def test_numbers_with_a_point_a_comma_or_a_half_are_read_whole() -> None:
    """ "0.02 seconds", "2 1/2 years" and "1,500 days" are read from their first digit, never
    as "02 seconds", "2 years" or "500 days"."""
    found = _found(
        "Sprint\n\nShe finished 0.02 seconds behind the winner, who ran 9.87 seconds. The "
        "refugees had lived in the camps for 2 1/2 years, some for 1,500 days.\n"
    )
    assert found == {
        "0.02 seconds": ("DURATION", "PT0.02S"),
        "9.87 seconds": ("DURATION", "PT9.87S"),
        "2 1/2 years": ("DURATION", "P2Y6M"),
        "1,500 days": ("DURATION", "P1500D"),
    }, found


#: one phrase for each alternative of the TimeML-only pattern, in its order
_TIMEML_PHRASES = [
    "the past three weeks",
    "nearly 1,500 years old",
    "a year ago",
    "year-earlier",
    "the year-ago period of last year",
    "next year's second quarter",
    "the 2019 third quarter",
    "the 1998 period",
    "the year-earlier fourth quarter",
    "the current fiscal year",
    "the end of this year",
    "year-end",
    "year's end",
    "later in the year",
    "the coming decade",
    "right now",
    "currently",
    "recently",
    "nowadays",
    "these days",
    "the near future",
    "coming months",
    "the short term",
    "the past",
    "recent weeks",
    "late next weekend",
    "the weekend",
    "this past winter of 2011",
    "last fall",
    "fall of 1999",
    "the second fiscal quarter of 2014",
    "Q3 2020",
    "the same quarter",
    "the quarter",
    "the first half of 2016",
    "the mid-1990s",
    "the 19th century",
    "the past decade",
    "daily",
    "Weekly",
    "monthly",
    "annually",
    "yearly",
    "hourly",
    "each quarter",
    "every Thursday",
    "every May",
    "9:30 a.m. GMT, Tuesday",
    "noon",
    "midday",
    "tonight",
    "last night",
    "tomorrow evening",
    "Friday afternoon",
]


def test_every_timeml_only_expression_holds_a_word_the_quick_test_finds() -> None:
    """A sentence is searched for the TimeML-only expressions only when the quick test finds
    one of their words in it: each kind of expression has one."""
    from detente.extract.time import _TIMEML, _TIMEML_WORD

    for phrase in _TIMEML_PHRASES:
        found = _TIMEML.search(f"He said so {phrase} here.")
        assert found is not None, phrase
        assert _TIMEML_WORD.search(found.group()), phrase
    assert not _TIMEML_WORD.search("The envoy of Freedonia met Minister Varga in Ruritania.")
