"""Actor sectors and non-actors, through the real actors stage (sentences written here)."""

from __future__ import annotations

import pytest

from detente.annotate import annotate
from detente.model import Event, Given, RawDocument
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
    ],
)
def test_a_dateline_city_is_not_an_actor(text: str) -> None:
    codes = {c for e in _events(text) for c in (e.source_actor, e.target_actor)}
    assert "NOR" not in codes and {"CHL", "PER"} <= codes, codes
