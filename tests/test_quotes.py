"""Quotes through the real pipeline, on an article written for the test."""

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


@pytest.fixture(scope="module")
def quotes() -> list[Quote]:
    doc = prepare(RawDocument("q.txt", TEXT, given=Given(published="2023-04-17")))
    return Pipeline().run_annotated(annotate(doc)).records("quotes")


def _with(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if words in q.text)


def test_direct_quote_with_cue_speaker_and_date(quotes: list[Quote]) -> None:
    q = _with(quotes, "cooperated for decades")
    assert q.direct and q.cue == "told"
    assert q.speaker_text == "Zhang Wei" and q.speaker is not None and "Zhang" in q.speaker
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
