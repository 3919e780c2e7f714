"""Events dated from the story around them (detente.extract.events.narrative), on our own text."""

from __future__ import annotations

from detente.annotate import annotate
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
