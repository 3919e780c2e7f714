"""Events dated from the story around them (detente.extract.events.narrative), on our own text."""

from __future__ import annotations

import dataclasses

from detente.annotate import Annotated, annotate
from detente.extract.events.narrative import date_from_story
from detente.model import Event, Given, RawDocument
from detente.pipeline import Pipeline, prepare

TEXT = (
    "Talks in Hanoi\n\n"
    "Japan's foreign minister flew to Hanoi on March 3. He met Vietnam's prime minister and "
    "praised Vietnam for its help.\n\n"
    "A Japanese official said Japan would send aid to Vietnam.\n\n"
    "Japan criticised China in 1995.\n"
)


def _events() -> list[Event]:
    doc = prepare(RawDocument("s.txt", TEXT, given=Given(published="2019-03-05")))
    return Pipeline().run_annotated(annotate(doc)).records("events")


def test_an_act_told_after_a_dated_sentence_takes_the_episode_date() -> None:
    events = _events()
    met = [e for e in events if e.sentence == 1 and e.plover == "CONSULT"]
    assert met and all((e.date, e.date_basis) == ("2019-03-03", "discourse") for e in met)
    # what is announced is not dated by the episode, and a stated year stays its own
    assert all(e.date is None for e in events if e.modality == "future")
    assert all(e.date == "1995" for e in events if e.sentence == 3)


def _story(text: str, published: str = "2019-03-05") -> Annotated:
    """A document of our own words, annotated and run through every stage (times included)."""
    doc = prepare(RawDocument("t.txt", text, given=Given(published=published)))
    ann = annotate(doc)
    Pipeline().run_annotated(ann)
    return ann


def _read(ann: Annotated, word: str, plover: str, modality: str = "asserted") -> Event:
    """An event as the learned coder builds it: read from ``word``, dated by nothing yet."""
    at = ann.document.text.index(word)
    sent = ann.sentence_at(at)
    assert sent is not None
    return Event(
        sentence=sent.index, start=sent.start, end=sent.end, trigger=word,
        source_actor="CHL", target_actor="PER", source_name=None, target_name=None,
        plover=plover, cameo=None, goldstein=None, quad_class=None,
        modality=modality, date=None, rule="learned",  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_learned_event_takes_the_date_of_its_acts_clause() -> None:
    # read from the report ("said"), the attack is dated by the clause of "bombed"
    ann = _story("Peru said Chilean jets bombed a border post on Sunday.\n")
    (ev,) = date_from_story(ann, [_read(ann, "said", "ASSAULT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-03", "relative")


def test_an_event_takes_the_time_its_sentence_tells_nearest_to_it() -> None:
    ann = _story("Chile will send engineers to Peru, and they are due to arrive there on Friday.\n")
    friday = [w for w in ann.results["times"] if w.text.endswith("Friday")]
    (ev,) = date_from_story(ann, [_read(ann, "send", "AID", "future")], [])
    assert friday and (ev.date, ev.date_basis) == (friday[0].value, "relative")


def test_the_edge_of_a_period_dates_nothing() -> None:
    ann = _story("Chile and Peru held their first border talks since July.\n")
    (ev,) = date_from_story(ann, [_read(ann, "held", "CONSULT")], [])
    assert (ev.date, ev.date_basis) == (None, "none")


def test_what_is_to_come_is_not_dated_by_its_announcement() -> None:
    ann = _story("Chile plans to expand its fishing accord with Peru.\n")
    present = _read(ann, "plans", "COOPERATE")
    assert date_from_story(ann, [present], [])[0].date_basis == "reported"
    future = dataclasses.replace(present, modality="future")
    assert date_from_story(ann, [future], [])[0].date is None


def test_a_past_act_after_a_dated_lead_is_of_its_occasion() -> None:
    ann = _story(
        "Chile and Peru\n\n"
        "Chile's foreign minister met Peru's president in Lima on Monday.\n\n"
        "Copper is the main export of Chile. Fishing matters more to Peru.\n\n"
        "The two governments signed a fisheries accord.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "signed", "AGREE")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-04", "discourse")


def test_a_sentence_of_another_year_is_no_news_of_the_day() -> None:
    # told in the present perfect, but of a time long before publication: no date at all
    ann = _story("Chile has sanctioned Peruvian fishing firms since 1990.\n")
    (ev,) = date_from_story(ann, [_read(ann, "sanctioned", "SANCTION")], [])
    assert (ev.date, ev.date_basis) == (None, "none")


def test_a_verbal_act_told_in_the_past_is_news_of_the_day() -> None:
    ann = _story("Chile and Peru\n\nChile condemned the Peruvian fishing ban.\n")
    (ev,) = date_from_story(ann, [_read(ann, "condemned", "ACCUSE")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")
    # a material act told so is no report of the day: the story does not say when
    (act,) = date_from_story(ann, [_read(ann, "condemned", "ASSAULT")], [])
    assert act.date is None


def _coded(text: str) -> list[Event]:
    doc = prepare(RawDocument("s.txt", text, given=Given(published="2023-04-17")))
    return [e for e in Pipeline().run_annotated(annotate(doc)).records("events") if e.target_actor]


def test_an_act_over_a_stretch_of_time_takes_no_report_date() -> None:
    # "has supplied ... over the last three decades", "has long supplied": a habit or a span,
    # which the day of the report does not date; the bare present perfect is news of the day
    for text in (
        "Russia has supplied weapons to Syria over the last three decades, officials say.",
        "Russia has long supplied weapons to Syria, officials say.",
    ):
        events = _coded(text)
        assert events and all(e.date is None and e.date_basis == "none" for e in events), text
    events = _coded("Russia has supplied weapons to Syria, officials say.")
    assert any(e.date == "2023-04-17" and e.date_basis == "reported" for e in events)


def test_an_act_of_the_recent_past_is_dated_to_the_period_that_holds_it() -> None:
    # "in recent weeks" reaches back up to two months: in late March that is still the year
    ann = _story("Chile has sent patrol boats to Peru in recent weeks.\n")
    (ev,) = date_from_story(ann, [_read(ann, "sent", "AID")], [])
    assert (ev.date, ev.date_precision, ev.date_basis) == ("2019", "year", "relative")
    # what was only planned in that period is not dated by it
    (plan,) = date_from_story(ann, [_read(ann, "sent", "AID", "future")], [])
    assert plan.date is None


def test_the_recent_period_is_read_at_its_coarsest_safe_precision() -> None:
    import datetime as dt

    from detente.extract.events.basis import recent_period

    late = dt.date(2021, 7, 15)
    assert recent_period("They met over the past few days.", late) == ("2021-07", "month", 9)
    assert recent_period("They met in the past month.", late) == ("2021", "year", 9)
    assert recent_period("They have recently met.", late) == ("2021", "year", 10)
    # early in January the last months lie partly in the year before: no safe date
    assert recent_period("They met in recent months.", dt.date(2021, 1, 9)) is None
    # "as recently as Thursday" is Thursday's date, which the clause states itself
    assert recent_period("As recently as Thursday, they met.", late) is None
    assert recent_period("They have recently met.", None) is None


def test_an_act_before_the_story_is_no_news_of_the_day() -> None:
    ann = _story("Chile and Peru\n\nChile had condemned the Peruvian fishing ban.\n")
    (ev,) = date_from_story(ann, [_read(ann, "condemned", "ACCUSE")], [])
    assert (ev.date, ev.date_basis) == (None, "none")
    ann = _story("Chile and Peru\n\nChile initially condemned the Peruvian fishing ban.\n")
    (ev,) = date_from_story(ann, [_read(ann, "condemned", "ACCUSE")], [])
    assert (ev.date, ev.date_basis) == (None, "none")


def test_an_act_over_recent_years_takes_no_report_date() -> None:
    ann = _story("Chile has in recent years sanctioned Peruvian fishing firms.\n")
    (ev,) = date_from_story(ann, [_read(ann, "sanctioned", "SANCTION")], [])
    assert (ev.date, ev.date_basis) == (None, "none")


def test_the_lead_after_a_byline_dates_the_story() -> None:
    # a headline, a byline and an outlet line before the first paragraph that tells the day
    ann = _story(
        "Chile and Peru\n\n"
        "By a staff writer\n\n"
        "Santiago Daily News\n\n"
        "Chile's foreign minister met Peru's president in Lima on Monday.\n\n"
        "Copper is the main export of Chile. Fishing matters more to Peru.\n\n"
        "The two governments signed a fisheries accord.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "signed", "AGREE")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-04", "discourse")


def test_a_report_told_before_its_occasion_is_named_is_of_that_occasion() -> None:
    # the first line tells what was said; the next names the interview it was said in
    ann = _story(
        "Chile and Peru\n\n"
        "Chile's president criticised Peru over its fishing ban.\n\n"
        "He spoke in an interview with a Lima newspaper on Monday.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "criticised", "ACCUSE")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-04", "discourse")


def test_an_act_named_by_a_noun_after_the_lead_is_of_its_occasion() -> None:
    # read from "talks", the act is told in the past by the verb of its clause ("ended")
    ann = _story(
        "Chile and Peru\n\n"
        "Chile's foreign minister met Peru's president in Lima on Monday.\n\n"
        "The talks between the two neighbours ended without a deal.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "talks", "CONSULT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-04", "discourse")


def test_a_recent_period_of_a_thing_does_not_date_the_act() -> None:
    # "recently" tells when the accord was signed, not when Peru praised it
    ann = _story("Peru praised the recently signed fisheries accord with Chile.\n", "2019-09-20")
    (ev,) = date_from_story(ann, [_read(ann, "praised", "SUPPORT")], [])
    assert (ev.date, ev.date_basis) == ("2019-09-20", "reported")
    # told of the act itself, the same period dates it
    ann = _story("Peru has recently praised the fisheries accord with Chile.\n", "2019-09-20")
    (ev,) = date_from_story(ann, [_read(ann, "praised", "SUPPORT")], [])
    assert (ev.date, ev.date_basis) == ("2019", "relative")


def test_an_act_dated_after_its_report_is_still_to_come() -> None:
    # the summit is named by a noun and dated a week after the story: it is to come
    ann = _story("Chile's president will fly to Lima for the March 12 summit with Peru.\n")
    (ev,) = date_from_story(ann, [_read(ann, "summit", "CONSULT")], [])
    assert (ev.date, ev.modality) == ("2019-03-12", "future")
    # so is a meeting told in the present of a schedule
    ann = _story("Chile and Peru meet next Friday in Lima.\n")
    (ev,) = date_from_story(ann, [_read(ann, "meet", "CONSULT")], [])
    assert (ev.date, ev.modality) == ("2019-03-08", "future")


def test_a_wish_told_now_of_a_later_time_stays_told() -> None:
    # the wanting is the act, told now; the date after publication is that of what is wanted
    ann = _story("Chile wants a meeting with Peru on March 12.\n")
    (ev,) = date_from_story(ann, [_read(ann, "wants", "REQUEST")], [])
    assert (ev.date, ev.modality) == ("2019-03-12", "asserted")


def test_a_time_of_a_side_clause_does_not_date_the_act() -> None:
    # "since ... took power in 2009" dates the taking of power, not the call
    ann = _story(
        "Chile's president spoke with Peru's leader, the first call since he took power in 2009.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "spoke", "CONSULT")], [])
    assert ev.date != "2009"
    # a relative clause's time is that clause's act ("a deal Peru condemned in July")
    ann = _story("Chile signed a fishing deal with Bolivia, a deal Peru condemned in July.\n")
    (ev,) = date_from_story(ann, [_read(ann, "signed", "AGREE")], [])
    assert ev.date != "2019-07"


def test_what_a_bill_would_do_is_not_dated_by_the_bill() -> None:
    # "introduced a bill on Friday that would sanction ...": Friday is the bill's, the
    # sanction is hypothetical and undated; a time inside the clause is its own
    ann = _story("Two senators introduced a bill on Friday that would sanction Peru's navy.\n")
    (ev,) = date_from_story(ann, [_read(ann, "sanction", "SANCTION", "hypothetical")], [])
    assert (ev.date, ev.date_basis) == (None, "none")
    ann = _story("Chile drafted a plan that would sanction Peru's navy in 2021.\n")
    (ev,) = date_from_story(ann, [_read(ann, "sanction", "SANCTION", "hypothetical")], [])
    assert ev.date == "2021"


def test_a_time_of_the_governing_or_a_when_clause_still_dates_the_act() -> None:
    # the verb above the act ("said on Sunday it would ..."), a complement ("agreed to
    # give up ... in 2003") and a clause of when ("When ... in March, ...") date it
    ann = _story("Chile said on Sunday that it would send engineers to Peru.\n")
    (ev,) = date_from_story(ann, [_read(ann, "send", "AID", "future")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-03", "relative")
    ann = _story("Chile agreed to give up its claim against Peru in 2003.\n")
    (ev,) = date_from_story(ann, [_read(ann, "agreed", "AGREE")], [])
    assert (ev.date, ev.date_basis) == ("2003", "stated")
    ann = _story("When Chile's president visited Lima in January, he praised Peru's leader.\n")
    (ev,) = date_from_story(ann, [_read(ann, "praised", "SUPPORT")], [])
    assert ev.date == "2019-01"


def test_a_participle_told_with_a_past_report_is_news_of_its_day() -> None:
    ann = _story("Chile and Peru\n\nChile repeated its demand, accusing Peru of overfishing.\n")
    (ev,) = date_from_story(ann, [_read(ann, "accusing", "ACCUSE")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")
    # but not with a report told as before the story ("had repeated")
    ann = _story("Chile and Peru\n\nChile had repeated its demand, accusing Peru of overfishing.\n")
    (ev,) = date_from_story(ann, [_read(ann, "accusing", "ACCUSE")], [])
    assert ev.date is None


def test_the_meeting_a_past_remark_is_made_at_is_of_its_day() -> None:
    ann = _story(
        "Chile and Peru\n\nChile's president said during his meeting with Peru's leader.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "meeting", "CONSULT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")
    ann = _story(
        "Chile and Peru\n\nAfter meeting Peru's leader, Chile's president called on Bolivia.\n"
    )
    (ev,) = date_from_story(ann, [_read(ann, "meeting", "CONSULT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")
    # a meeting a remark is about is not the remark's occasion: the story does not date it
    ann = _story("Chile and Peru\n\nChile's president said the meeting with Peru was useful.\n")
    (ev,) = date_from_story(ann, [_read(ann, "meeting", "CONSULT")], [])
    assert ev.date is None


def test_a_present_in_a_clause_of_condition_is_no_news_of_the_day() -> None:
    ann = _story("Chile will keep its sanctions until Peru lifts the fishing ban.\n")
    (ev,) = date_from_story(ann, [_read(ann, "lifts", "RETREAT")], [])
    assert (ev.date, ev.date_basis) == (None, "none")
    ann = _story("Chile and Peru\n\nChile lifts its sanctions on Peru.\n")
    (ev,) = date_from_story(ann, [_read(ann, "lifts", "RETREAT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")


def test_a_past_meeting_or_call_with_no_date_is_news_of_the_day() -> None:
    ann = _story("Chile and Peru\n\nChile's president spoke with Peru's leader.\n")
    (ev,) = date_from_story(ann, [_read(ann, "spoke", "CONSULT")], [])
    assert (ev.date, ev.date_basis) == ("2019-03-05", "reported")
    # a meeting told as before the story's occasion stays undated
    ann = _story("Chile and Peru\n\nChile's president had met Peru's leader.\n")
    (ev,) = date_from_story(ann, [_read(ann, "met", "CONSULT")], [])
    assert ev.date is None


def test_only_a_time_of_the_main_clause_before_dates_the_episode() -> None:
    # the month a side clause or an earlier act is told with is not the episode's: the praise
    # after them is news of the day; the main clause's own past act still dates it
    side = "Freedonia renewed its grain pact with Ruritania, a treaty Sylvania denounced in June.\n"
    earlier = "Freedonia had signed the grain pact with Ruritania in May.\n"
    main = "Freedonia signed the grain pact with Ruritania in May.\n"
    after = "\nThe Ruritanian envoy later praised Freedonia.\n"
    found = []
    for first in (side, earlier, main):
        ann = _story(first + after, published="2019-09-10")
        (ev,) = date_from_story(ann, [_read(ann, "praised", "SUPPORT")], [])
        found.append((ev.date, ev.date_basis))
    assert found == [
        ("2019-09-10", "reported"), ("2019-09-10", "reported"), ("2019-05", "discourse")
    ]  # fmt: skip


def test_the_day_an_unreal_act_is_spoken_of_is_not_its_date() -> None:
    # the report's day dates the saying, not what it says may happen; a verbal act so told is
    # made by the report itself, a plan is announced on it, and an act's own time dates it
    cases = [
        ("Minister Varga of Ruritania said on Monday that new sanctions on Freedonia would "
         "backfire.\n", "sanctions", "SANCTION", "hypothetical"),
        ("Ruritania warned on Monday that any strike on Freedonia would be a grave mistake.\n",
         "strike", "ASSAULT", "hypothetical"),
        ("Ruritania said on Monday that it would reject any talks with Freedonia.\n", "reject",
         "REJECT", "future"),
        ("Ruritania will impose sanctions on Freedonia on Monday.\n", "impose", "SANCTION",
         "future"),
        ("Ruritania said on Monday that it would impose sanctions on Freedonia.\n", "impose",
         "SANCTION", "future"),
    ]  # fmt: skip
    found = []
    for text, word, plover, mood in cases:
        ann = _story(text, published="2019-09-10")
        (ev,) = date_from_story(ann, [_read(ann, word, plover, mood)], [])
        found.append(ev.date)
    assert found == [None, None, "2019-09-09", "2019-09-16", "2019-09-09"]


def test_the_main_clause_time_does_not_date_an_act_of_its_relative_clause() -> None:
    # what a relative clause tells of a noun happened at its own time; but a year the noun
    # holds, and a clause of "when", are still the act's
    cases = [
        ("On September 2, Ruritania recalled the troops it had sent to Freedonia.\n", "sent",
         "MOBILIZE"),
        ("Ruritania's envoy, who had met the Freedonian king, flew home on September 2.\n",
         "met", "CONSULT"),
        ("Sylvania still honours the 2015 accord that Ruritania signed with Freedonia.\n",
         "signed", "AGREE"),
        ("In May, when Ruritania's envoy met the Freedonian king, the talks stalled.\n", "met",
         "CONSULT"),
    ]  # fmt: skip
    found = []
    for text, word, plover in cases:
        ann = _story(text, published="2019-09-30")
        (ev,) = date_from_story(ann, [_read(ann, word, plover)], [])
        found.append(ev.date)
    assert found == [None, None, "2015", "2019-05"]


def test_a_year_of_a_noun_dates_only_the_act_that_noun_takes_part_in() -> None:
    # "the 1994 accord" of a side clause is no date of the threat, nor does it hide the
    # quitting's own "last week"; the year of the accord a clause of its noun tells still is
    cases = [
        ("Ruritania has threatened to quit its pact with Freedonia, arguing that the 1994 "
         "accord has cost it jobs.\n", "threatened", "THREATEN"),
        ("Ruritania quit its pact with Freedonia last week, arguing that the 1994 accord had "
         "cost it jobs.\n", "quit", "RETREAT"),
        ("Sylvania still honours the 2015 accord that Ruritania signed with Freedonia.\n",
         "signed", "AGREE"),
    ]  # fmt: skip
    found = []
    for text, word, plover in cases:
        ann = _story(text, published="2019-09-30")
        (ev,) = date_from_story(ann, [_read(ann, word, plover)], [])
        found.append(ev.date)
    assert found == [None, "2019-09", "2015"]


def test_a_relative_date_lies_on_the_side_of_the_report_its_tense_puts_it() -> None:
    # a past act's yearless day still ahead is last year's; a plan's weekday its noun holds is
    # the coming one, but a report's weekday stays the report's; a past act dated only by
    # another clause's day ahead is undated
    cases = [
        ("Ruritania announced sanctions on Freedonia on December 29.\n", "announced",
         "SANCTION", "asserted", "2019-12-05"),
        ("Minister Varga invited the Freedonian president to a summit on Saturday.\n",
         "invited", "CONSULT", "future", "2019-09-10"),
        ("Minister Varga told the paper in an interview Saturday that he would meet the "
         "Freedonian king.\n", "meet", "CONSULT", "future", "2019-09-10"),
        ("Ruritania agreed to delay a planned rise in tariffs on Freedonian steel on "
         "January 1.\n", "agreed", "AGREE", "asserted", "2019-12-20"),
    ]  # fmt: skip
    found = []
    for text, word, plover, mood, published in cases:
        ann = _story(text, published=published)
        (ev,) = date_from_story(ann, [_read(ann, word, plover, mood)], [])
        found.append(ev.date)
    assert found == ["2018-12-29", "2019-09-14", "2019-09-07", None]
