"""Quotes through the real pipeline, on articles written for the test."""

from __future__ import annotations

import pytest

from detente.annotate import annotate
from detente.model import Given, Quote, RawDocument
from detente.pipeline import Pipeline, prepare

TEXT = (
    "Talks in Beijing\n\n"
    "Zhang Wei, a researcher at a Beijing institute, told reporters on Monday that “the two "
    "countries have cooperated for decades and will keep doing so.”\n\n"
    "The cooperation will not target any third party, Chinese analysts said.\n\n"
    "According to the ministry, the talks lasted four hours and ended without a statement.\n\n"
    'Zhang Wei: "We are satisfied with the talks.\n\n'
    '"Both sides want stability in the region."\n\n'
    "Maria Lopez and Tom Baker met in Madrid. He said the weather was fine all week.\n\n"
    'This has an "odd quote mark that never closes in the middle of a paragraph.\n'
)

# Published on Sunday 2020-10-25; every name and event is made up for the test.
STORY = (
    "Forum ends\n\n"
    "On October 22, Ivan Petrov took part in the final session of the Northern Forum. "
    "Petrov answered that relations had never been better, stating: “We trust each other "
    "deeply and we will keep working together.”\n\n"
    "Prof. Anna Berg asked whether a joint fund was possible. Petrov replied that the fund "
    "was not needed yet. He also stressed that both banks would keep lending to farmers.\n\n"
    "It is worth noting that on October 1, Petrov sent greetings to the forum's founders. "
    "In his message, he pointed out that the forum had grown every single year.\n\n"
    "Speaking on Thursday at the closing dinner, Oleg Sokol stressed that the region would "
    "need new roads.\n\n"
    "Oleg Sokol said that the old bridge was “a danger to every driver on it” and would be "
    "closed.\n\n"
    "“The talks went well,” Sokol said. “We will meet again in the spring.”\n\n"
    "The museum, Sokol said, would open next year to every visitor of the city.\n\n"
    "Sokol vowed to fight the new tariffs in every court of the country.\n\n"
    "The talks are expected to continue in the capital next month.\n\n"
    "The two sides agreed that the border crossing would stay open all winter.\n\n"
    "The visit drew attention abroad, with local analysts saying the region would gain "
    "from the new roads.\n"
)


def _run(text: str, published: str | None) -> list[Quote]:
    doc = prepare(RawDocument("q.txt", text, given=Given(published=published)))
    return Pipeline().run_annotated(annotate(doc)).records("quotes")


@pytest.fixture(scope="module")
def quotes() -> list[Quote]:
    return _run(TEXT, "2023-04-17")


@pytest.fixture(scope="module")
def story() -> list[Quote]:
    return _run(STORY, "2020-10-25")


def _with(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if words in q.text)


def test_direct_quote_with_cue_speaker_and_date(quotes: list[Quote]) -> None:
    q = _with(quotes, "cooperated for decades")
    assert q.direct and q.cue == "told"
    # the speaker as described (apposition kept), resolved to the person named
    assert q.speaker_text == "Zhang Wei, a researcher at a Beijing institute"
    assert q.speaker is not None and "Zhang" in q.speaker
    assert q.date == "2023-04-17"


def test_unnamed_group(quotes: list[Quote]) -> None:
    q = _with(quotes, "will not target any third party")
    assert not q.direct and q.unnamed_group and q.speaker is None
    assert q.speaker_text == "Chinese analysts"


def test_according_to(quotes: list[Quote]) -> None:
    q = _with(quotes, "the talks lasted four hours")
    assert q.cue == "according to" and q.speaker_text == "the ministry"


def test_transcript_spans_paragraphs(quotes: list[Quote]) -> None:
    q = _with(quotes, "satisfied with the talks")
    assert "stability in the region" in q.text
    assert q.rule == "direct-transcript" and q.speaker_text == "Zhang Wei"


def test_ambiguous_pronoun_gets_no_speaker(quotes: list[Quote]) -> None:
    q = _with(quotes, "weather was fine")
    assert q.speaker_text == "He" and q.speaker is None


def test_odd_quote_mark_is_refused(quotes: list[Quote]) -> None:
    assert not any("never closes" in q.text for q in quotes)


def test_pronoun_is_the_last_person_who_spoke(story: list[Quote]) -> None:
    q = _with(story, "keep lending to farmers")
    assert q.speaker_text == "He" and q.speaker == "Ivan Petrov"


def test_dated_occasion_dates_the_speaker_s_undated_quotes(story: list[Quote]) -> None:
    assert _with(story, "never been better").date == "2020-10-22"
    assert _with(story, "trust each other deeply").date == "2020-10-22"


def test_a_new_date_in_between_stops_the_occasion(story: list[Quote]) -> None:
    # "on October 1, Petrov sent greetings": the message is not the October 22 session
    assert _with(story, "grown every single year").date is None


def test_speaking_on_a_weekday_dates_the_cue(story: list[Quote]) -> None:
    q = _with(story, "need new roads")
    assert q.speaker == "Oleg Sokol" and q.date == "2020-10-22"


def test_reported_clause_with_quoted_words_is_one_quote(story: list[Quote]) -> None:
    q = _with(story, "old bridge")
    assert q.rule == "indirect-mixed" and "would be closed" in q.text
    assert not any(p.direct and "danger to every driver" in p.text for p in story)


def test_quote_broken_by_its_attribution_is_joined(story: list[Quote]) -> None:
    q = _with(story, "The talks went well")
    assert q.direct and "meet again in the spring" in q.text


def test_interrupting_cue_keeps_the_whole_sentence(story: list[Quote]) -> None:
    q = _with(story, "would open next year")
    assert q.text.startswith("The museum") and q.speaker is not None


def test_to_infinitive_content(story: list[Quote]) -> None:
    q = _with(story, "fight the new tariffs")
    assert q.cue == "vowed" and q.text.startswith("to fight")


def test_passive_cue_has_no_speaker(story: list[Quote]) -> None:
    assert not any(q.speaker_text == "The talks" for q in story)


def test_the_two_sides_and_saying_analysts_are_groups(story: list[Quote]) -> None:
    sides = _with(story, "border crossing")
    assert sides.unnamed_group and sides.speaker is None
    analysts = _with(story, "would gain from the new roads")
    assert analysts.unnamed_group and analysts.speaker_text == "local analysts"


INTERVIEW = (
    "Interview\n\n"
    "Mike Dorne spoke to Chris Walden on Sunday.\n\n"
    "WALDEN: Let us start with the news on the debate story tonight.\n\n"
    "DORNE: Well, the question really should be why the campaign did that.\n\n"
    "Photo: Staff members at the scene of the debate in the hall.\n\n"
    "''This is not tax reform,'' said Ann Kile, an economist. ''It is tinkering at the edges.''\n"
)


@pytest.fixture(scope="module")
def interview() -> list[Quote]:
    return _run(INTERVIEW, "2020-10-25")


def test_transcript_turns_without_quote_marks(interview: list[Quote]) -> None:
    q = _with(interview, "the question really should be")
    assert q.rule == "transcript-turn" and q.speaker == "Mike Dorne"
    assert not q.text.startswith("DORNE")
    assert not any("Staff members" in q.text for q in interview)  # "Photo:" is no one


def test_double_apostrophes_are_quote_marks(interview: list[Quote]) -> None:
    q = _with(interview, "This is not tax reform")
    assert q.direct and q.speaker == "Ann Kile" and "tinkering at the edges" in q.text
    assert not q.text.endswith("'")
