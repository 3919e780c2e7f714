"""When a time word is no time (extract/time/context.py), through the real pipeline."""

from __future__ import annotations

from detente.annotate import annotate
from detente.extract.time import find_timexes
from detente.extract.time.context import Candidate, refusal
from detente.model import Given, RawDocument
from detente.pipeline import prepare


def _all(text: str, published: str = "2019-09-18") -> list[tuple[str, str, str]]:
    doc = prepare(RawDocument("c.txt", text, given=Given(published=published)))
    return [(t.text, t.type, t.value) for t in find_timexes(annotate(doc))]


def _found(text: str, published: str = "2019-09-18") -> dict[str, tuple[str, str]]:
    return {k: (kind, value) for k, kind, value in _all(text, published)}


def test_idioms_name_no_time() -> None:
    """ "Every now and then", "a thing of the past", "the engineers of tomorrow" and "in
    today's world" speak of no day; "now" and "tomorrow" in a clause stay times."""
    found = _all(
        "Ferries\n\nEvery now and then a ferry is cancelled. Paper tickets are a thing of the "
        "past, and the port trains the engineers of tomorrow. In today's world few sail for "
        "pleasure. The port now opens at six, and the new berth opens tomorrow.\n"
    )
    assert found == [("now", "DATE", "PRESENT_REF"), ("tomorrow", "DATE", "2019-09-19")]


def test_a_growth_rate_is_no_set() -> None:
    """A frequency word under a verb of change states how fast a thing grows, not when."""
    found = _found(
        "Growth\n\nThe cooperative has been tripling its harvest yearly since 2010. "
        "The board reviews the accounts monthly.\n"
    )
    assert "yearly" not in found
    assert found["monthly"] == ("SET", "P1M")


def test_spring_the_verb_and_the_water_is_no_season() -> None:
    found = _found(
        "Valley\n\nThe guerrillas may spring another ambush. Bathers come for the hot spring "
        "and bottle spring water. The dam will be finished in the spring.\n"
    )
    assert list(found) == ["the spring"], found
    assert found["the spring"] == ("DATE", "2020-SP")


def test_time_words_in_names_of_people_bodies_and_programmes() -> None:
    """ "Mr. Winter", "the Daily Courier", "the Tonight Show", "the 48 Hours programme" and a
    year after a proper noun ("the Compass 2030 plan") are names; the dates beside stay."""
    found = _found(
        "Media\n\nAnne Winter, the deputy editor of the Daily Courier, spoke on Monday. "
        "She appeared on the Tonight Show and on the 48 Hours programme. "
        "Ministers praised the Compass 2030 plan, which began in 2016.\n"
    )
    assert found == {"Monday": ("DATE", "2019-09-16"), "in 2016": ("DATE", "2016")}


def test_previous_weekday_counts_from_the_day_last_named() -> None:
    """ "The previous Saturday" in a story about a Saturday is the Saturday a week before."""
    found = _found(
        "Turnout\n\nThe march on Saturday drew 4,000 people, twice as many as the previous "
        "Saturday.\n",
        published="2019-09-23",
    )
    assert found["Saturday"] == ("DATE", "2019-09-21")
    assert found["the previous Saturday"] == ("DATE", "2019-09-14")


def test_a_number_after_at_is_a_level_not_a_year() -> None:
    """English gives a year "in"; "closed at 1850" is the index's level."""
    found = _found(
        "Markets\n\nThe index closed at 1850, its highest since 2015. Output is measured at "
        "2010 prices.\n"
    )
    assert "1850" not in found
    assert found["since 2015"] == ("DATE", "2015")
    assert found["2010"] == ("DATE", "2010")


def test_a_weekday_before_a_papers_name_is_the_paper() -> None:
    found = _all(
        "Press\n\nThe Sunday Courier's rival, the Sunday Herald, said on Tuesday that Monday's "
        "editions sold out.\n",
        published="2019-09-18",
    )
    assert [t for t, _, _ in found] == ["Tuesday", "Monday"], found


def test_a_modal_puts_a_weekday_ahead_unless_it_has_have() -> None:
    """ "may sign Friday" (written on a Wednesday) is the coming Friday; "may have signed
    Friday" the one before."""
    found = _all(
        "Deal\n\nThe two sides may sign the accord Friday. Some think they may have signed a "
        "draft Friday.\n",
        published="2019-09-18",
    )
    assert [v for _, _, v in found] == ["2019-09-20", "2019-09-13"], found


def test_ordinals_of_a_group_and_the_march_noun() -> None:
    """ "the 4th of the 9 bidders" is a rank ("the 4th of June" a day); "the March on the
    capital" is a procession."""
    found = _all(
        "Tender\n\nThe 4th of the 9 bidders withdrew. The contract is signed on the 4th of "
        "October. The March on the capital drew crowds.\n",
        published="2019-09-18",
    )
    assert found == [("the 4th of October", "DATE", "2019-10-04")], found


def test_days_that_a_when_clause_defines_are_a_kind_of_day() -> None:
    found = _all(
        "Trams\n\nOn days when it snows the trams stop. The line was shut for three days.\n"
    )
    assert found == [("three days", "DURATION", "P3D")], found


def test_numbers_that_label_or_mark_a_level_are_no_years() -> None:
    """ "room 2010", "Flight 1502", "H.R. 2014" label things; "fell 40 points to 1850" is a
    level; "between 2001 and 2003" stays two years."""
    found = _all(
        "Labels\n\nThe envoy stayed in room 2010 and flew home on Flight 1502. The House "
        "passed H.R. 2014 after the index fell 40 points to 1850. Output doubled between "
        "2001 and 2003.\n"
    )
    assert [t for t, _, _ in found] == ["between 2001 and 2003"], found


def test_someones_year_and_a_share_of_todays_kind_are_no_dates() -> None:
    """ "It has not been Acme's year" names a run of luck, not a calendar year ("its fiscal
    year", "this year" stay); "many of today's phones" are those of the present age, while
    "today" and "today's editions" are the day."""
    text = "Luck\n\nIt has not been Acme's year. Its fiscal year ends in June.\n"
    ann = annotate(prepare(RawDocument("y.txt", text, given=Given(published="2019-09-18"))))
    tokens = {t.text + str(t.i): t for _s, span, _o in ann.sentence_spans() for t in span}
    year = [t for k, t in tokens.items() if t.text == "year"]
    acme, fiscal = year[0], year[1]
    assert refusal(Candidate(text, acme.idx, acme.idx + 4, [acme])) == "someones-year"
    assert refusal(Candidate(text, fiscal.idx, fiscal.idx + 4, [fiscal])) is None
    found = _all(
        "Phones\n\nThe chips run many of today's phones, and the maker ships a new one today. "
        "Today's editions carry the offer.\n"
    )
    assert [t for t, _, _ in found] == ["today", "Today"], found


def test_showdowns_marches_named_seasons_and_model_years_are_no_times() -> None:
    """ "High noon" as a showdown or a film, "the annual March for Peace", "the Summer of
    Hope campaign" and the model year of "his 1998 Toyota" are no times; "at high noon",
    "in March for", "the spring of 2018" and "In 2004 Toyota opened" stay times."""
    found = _all(
        "Showdown\n\nCritics called the budget vote high noon for Minister Varga. Fans of "
        '"High Noon" gathered again. The ceasefire starts at high noon. Thousands joined the '
        "annual March for Peace in Ruritania. The vote was held in March for Freedonia's "
        "sake. Supporters of the Summer of Hope campaign rallied in the spring of 2018. "
        "Police found his 1998 Toyota near the border. In 2004 Toyota opened a plant.\n"
    )
    assert [t for t, _, _ in found] == [
        "noon", "in March", "the spring of 2018", "In 2004"
    ], found  # fmt: skip
