"""Actor sectors and non-actors, through the real actors stage (sentences written here)."""

from __future__ import annotations

import pytest

from detente.annotate import annotate
from detente.extract.events import rules
from detente.model import Event, Given, Mention, RawDocument
from detente.pipeline import Pipeline, prepare

_PIPELINE = Pipeline()


def _events(text: str) -> list[Event]:
    doc = prepare(RawDocument("t.txt", text, given=Given(published="2020-03-10")))
    return list(_PIPELINE.run_annotated(annotate(doc)).records("events"))


@pytest.mark.parametrize(
    ("text", "source", "sector"),
    [
        ("A Chinese analyst criticized the United States on Monday.", "CHN", "EDU"),
        ("A Russian scholar condemned Germany on Monday.", "RUS", "EDU"),
        ("Israeli jets struck Syria on Sunday.", "ISR", "MIL"),
        ("Former president Jimmy Carter met with Kim Jong Un on Friday.", "USA", "ELI"),
        ("The Russian embassy in Washington condemned Germany on Tuesday.", "RUS", "GOV"),
        ("Russia criticized Germany on Tuesday.", "RUS", "GOV"),
        ("Russian lawmakers condemned Germany on Tuesday.", "RUS", "LEG"),
        ("The Chinese journalist criticized Japan on Tuesday.", "CHN", "JRN"),
    ],
)
def test_source_sector(text: str, source: str, sector: str) -> None:
    events = [e for e in _events(text) if e.source_actor == source]
    assert events and events[0].source_sector == sector, events


def test_a_body_acts_as_itself() -> None:
    events = _events("NATO condemned Russia on Tuesday.")
    assert [(e.source_actor, e.source_sector) for e in events] == [("NATO", "IGO")]


@pytest.mark.parametrize(
    "text",
    [
        "Iran bought Russian-made missiles last year.",  # a product's origin
        "Drones flew over Tehran on Monday.",  # a place
        "The embassy in Moscow condemned the attack on Tuesday.",  # the host is not the sender
    ],
)
def test_places_and_products_are_not_actors(text: str) -> None:
    codes = {c for e in _events(text) for c in (e.source_actor, e.target_actor)}
    assert not codes & {"RUS", "IRN"}, codes


def test_new_york_state_is_not_the_united_states() -> None:
    events = _events("New York State officials criticized Canada on Monday.")
    assert all(e.source_actor != "USA" for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "OSLO — Chile accused Peru of breaking the fisheries accord on Monday.",
        "OSLO, Norway (AP) — Chile accused Peru of breaking the fisheries accord on Monday.",
        "Oslo, Norway — Chile accused Peru of breaking the fisheries accord on Monday.",
    ],
)
def test_a_dateline_city_is_not_an_actor(text: str) -> None:
    codes = {c for e in _events(text) for c in (e.source_actor, e.target_actor)}
    assert "NOR" not in codes and {"CHL", "PER"} <= codes, codes


def test_a_city_and_its_country_before_a_dash_start_a_dateline_only_at_the_head() -> None:
    body = "Chile, Peru — both of them — signed the fisheries accord with Norway on Monday."
    assert not rules.not_an_actor(_mention(body, "Chile", "GPE"), body)
    line = "Lima, Peru — Chile signed the fisheries accord with Norway on Monday."
    assert rules.not_an_actor(_mention(line, "Peru", "GPE"), line)


def _mention(text: str, words: str, label: str) -> Mention:
    start = text.index(words)
    return Mention(start, start + len(words), words, label, 0, rule="kb-name")


@pytest.mark.parametrize(
    ("text", "words", "party"),
    [
        # a title naming the state its holder deals with: the state is no actor there
        ("The U.S. Special Envoy for Yemen met Omani officials on Monday.", "Yemen", False),
        ("Chile's Ambassador to the Philippines criticized Peru.", "Philippines", False),
        # where an envoy is sent, or whom an ambassador is of, is a party
        ("Brazil sent an envoy to Yemen on Monday.", "Yemen", True),
        ("The Omani ambassador met Yemen's foreign minister.", "Yemen", True),
    ],
)
def test_the_state_a_title_deals_with_is_not_an_actor(text: str, words: str, party: bool) -> None:
    assert rules.not_an_actor(_mention(text, words, "GPE"), text) is not party


def test_an_envoys_visit_is_not_made_by_the_state_of_the_title() -> None:
    codes = {
        c
        for e in _events(
            "The U.S. Special Envoy for Yemen met Omani officials in Muscat on Monday."
        )
        for c in (e.source_actor, e.target_actor)
    }
    assert "YEM" not in codes, codes


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # another state's demonym before an armed group names that state's movement
        ("The Pakistani army struck the Pakistani Taliban on Friday.", "PAK"),
        # the group alone, its own state's demonym, or a patron's possessive change nothing
        ("The Taliban attacked US troops on Monday.", "AFG"),
        ("The Afghan Taliban attacked US troops on Monday.", "AFG"),
        ("Iran's Houthi allies attacked Saudi Arabia on Monday.", "YEM"),
    ],
)
def test_an_armed_group_named_by_another_states_demonym(text: str, state: str) -> None:
    doc = prepare(RawDocument("t.txt", text, given=Given(published="2020-03-10")))
    mentions = _PIPELINE.run_annotated(annotate(doc)).records("mentions")
    groups = [m for m in mentions if m.rule.startswith("kb-group")]
    assert [m.state for m in groups] == [state], groups
