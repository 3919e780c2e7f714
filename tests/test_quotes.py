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


# Made-up names and events: attribution without a speech verb, and news-copy conventions.
NEWS = (
    "Ties and talks\n\n"
    "Moscow has sought to develop stronger ties with Beijing for many years.\n\n"
    "The minister's claim that the border would stay closed drew protests in the capital.\n\n"
    "The vote is expected to take place in the parliament next week.\n\n"
    "Karl Ostrand appeared to make a joke about the old bridge in his speech.\n\n"
    "“It is going to be hard work for all of us,” Mara Vell continued.\n\n"
    "Vell endorsed the plan, but told reporters that it would cost more than expected.\n\n"
    "''The deal needs one or two big ideas to work for everyone,'' said Jon Tesk, who served "
    "as a minister during the first term yet endorsed Vell in the race. ''It is too small.''\n\n"
    "''I am friends with the farmers of the region,'' he added. ''The system relies on fair "
    "judges.\n\n"
    "''All judges should be held to that standard,'' he said.\n\n"
    "The region needs to find a way out of the crisis. A survey by the institute found Vell "
    "with a lead of ten points.\n\n"
    "The debate went on for weeks - Lena Hart: “Two weeks ago, the race was very different "
    "from now.”\n"
)


@pytest.fixture(scope="module")
def news() -> list[Quote]:
    return _run(NEWS, "2020-10-25")


def test_seeking_is_not_an_attribution(news: list[Quote]) -> None:
    assert not any("stronger ties" in q.text for q in news)


def test_cue_noun_with_that_clause(news: list[Quote]) -> None:
    q = _with(news, "border would stay closed")
    assert q.rule == "indirect-noun" and q.cue == "claim"
    assert q.text.startswith("that") and q.speaker_text == "The minister"


def test_impersonal_expectation_and_seeming_are_no_quotes(news: list[Quote]) -> None:
    # PolNeAR counts them as attributions; nobody is quoted in either
    assert not any("take place in the parliament" in q.text for q in news)
    assert not any("make a joke" in q.text for q in news)


def test_verb_that_reads_as_speech_only_next_to_a_quote(news: list[Quote]) -> None:
    q = _with(news, "hard work for all of us")
    assert q.cue == "continued" and q.speaker == "Mara Vell"


def test_conjoined_cue_shares_the_subject(news: list[Quote]) -> None:
    assert _with(news, "cost more than expected").speaker_text == "Vell"


def test_inverted_speaker_with_relative_clause(news: list[Quote]) -> None:
    q = _with(news, "one or two big ideas")
    assert q.direct and q.speaker == "Jon Tesk" and "It is too small" in q.text
    assert not any(q.text.startswith("Jon Tesk") for q in news)  # the speaker is no content


def test_double_apostrophe_quote_runs_into_the_next_paragraph(news: list[Quote]) -> None:
    q = _with(news, "fair judges")
    assert q.direct and "held to that standard" in q.text and "friends" in q.text
    assert not q.text.endswith("'")


def test_finding_a_way_is_not_a_finding(news: list[Quote]) -> None:
    assert not any("a way out" in q.text for q in news)
    assert _with(news, "a lead of ten points").speaker_text == "A survey by the institute"


def test_named_source_before_a_colon(news: list[Quote]) -> None:
    q = _with(news, "race was very different")
    assert q.rule == "direct-colon" and q.speaker == "Lena Hart"


def test_speaker_text_is_the_whole_source_phrase(story: list[Quote], news: list[Quote]) -> None:
    # the describing clause belongs to the speaker, the clause with the cue does not
    q = _with(news, "one or two big ideas")
    assert q.speaker_text is not None and q.speaker_text.endswith("endorsed Vell in the race")
    assert _with(story, "would gain from the new roads").speaker_text == "local analysts"
    dated = _run("Talks\n\nThe Vell campaign on Monday said that the talks would resume.\n", None)
    assert dated[0].speaker_text == "The Vell campaign"  # when they spoke is not who they are


CONTROL = (
    "Bridge\n\n"
    "Mara Vell went out of her way to say that the deal was fair to every farmer.\n\n"
    "Jon Tesk rebuked Karl Ostrand for suggesting that the old bridge was unsafe for trucks.\n\n"
    "Lena Hart, a former official at the bank, said Mara Vell had conveyed a sense of calm to "
    "the markets.\n\n"
    "Alarmed by the unrest in Nevada, Senator Ada Brook, the minority leader, said that she "
    "spoke with Karl Ostrand on Tuesday.\n"
)


def test_subjectless_cue_takes_its_controller() -> None:
    quotes = _run(CONTROL, "2020-10-25")
    assert _with(quotes, "deal was fair").speaker == "Mara Vell"
    assert _with(quotes, "bridge was unsafe").speaker == "Karl Ostrand"
    # a speaker set off by an apposition is no inverted "“...,” said X"
    q = _with(quotes, "sense of calm")
    assert q.speaker == "Lena Hart" and q.text.startswith("Mara Vell had")
    # the parser hung the name on "Nevada": the main verb still speaks for it
    assert _with(quotes, "spoke with Karl Ostrand").speaker == "Ada Brook"


def test_short_quote_at_a_speech_verb_is_kept() -> None:
    quotes = _run(
        "Talks\n\nAsked whether he would stay, Karl Ostrand shook his head and said, ''No.''\n\n"
        "They called it a ''specially privileged'' bond.\n",
        "2020-10-25",
    )
    assert _with(quotes, "No").speaker == "Karl Ostrand"
    assert not any(q.direct and q.text == "specially privileged" for q in quotes)


def test_a_title_in_quote_marks_is_no_quote() -> None:
    quotes = _run(
        "Shows\n\nMara Vell described “Secret Lives of the Super Rich” as a mistake.\n\n"
        "Karl Ostrand said: “I’m Tired Of Waiting For The Bridge.”\n",
        "2020-10-25",
    )
    assert not any(q.direct and "Secret Lives" in q.text for q in quotes)
    assert _with(quotes, "Tired Of Waiting").speaker == "Karl Ostrand"


# What is no utterance: states of mind, evaluations read off a participle, clauses hung on an
# adjective, declining to speak; and one record per utterance.
FEELINGS = (
    "Harbour deal\n\n"
    "Dan Miller hopes that the harbour will reopen in May.\n\n"
    "Officials left the meeting early, fearing that the talks would collapse.\n\n"
    "The mayor signed the deal, praising the harbour workers for their patience.\n\n"
    "It is worth noting that the harbour has been closed since the storm.\n\n"
    "The new survey is likely to show that most residents support the plan.\n\n"
    "A spokesman for the port declined to comment on the plan.\n\n"
    "Dan Miller said that the harbour would reopen in May.\n\n"
    "Dan Miller said that the harbour would reopen in May.\n\n"
    "They said the cranes were too old to repair.\n"
)


@pytest.fixture(scope="module")
def feelings() -> list[Quote]:
    return _run(FEELINGS, "2021-03-01")


def test_states_of_mind_and_evaluations_are_no_quotes(feelings: list[Quote]) -> None:
    cues = {(q.cue or "").lower() for q in feelings}
    assert not cues & {"hopes", "fearing", "praising", "noting", "show", "declined"}


def test_one_record_per_utterance(feelings: list[Quote]) -> None:
    said = [q for q in feelings if "the harbour would reopen" in q.text]
    assert len(said) == 1 and said[0].speaker == "Dan Miller"


def test_they_is_an_unnamed_group(feelings: list[Quote]) -> None:
    q = _with(feelings, "the cranes were too old")
    assert q.unnamed_group and q.speaker is None


# Made-up names: who "he", "it" and "the source" are when the window of three sentences
# does not settle it.
SOURCES = (
    "Port deal\n\n"
    "Karin Holt, the mayor of the port city, signed the lease last spring.\n\n"
    "Peter Lund, a senator from the north, is running for the top job. Holt backed a rival. "
    "In May, he told a radio station that the lease would cost the city dearly.\n\n"
    "Thomas Reed opened the new terminal on Friday. The crowd was large. The ships were late. "
    "The band played for hours.\n\n"
    "“This terminal is a promise kept to every family in the city,” he said.\n\n"
    "The lease ran for ten years, the source said.\n\n"
    "“The harbour needs dredging before winter,” one of the officials said.\n\n"
    "He said the work would take two months.\n"
)


@pytest.fixture(scope="module")
def sources() -> list[Quote]:
    return _run(SOURCES, "2024-06-01")


def test_he_is_the_person_of_his_own_paragraph(sources: list[Quote]) -> None:
    # two people named in the window, one of them in the pronoun's paragraph
    assert _with(sources, "would cost the city dearly").speaker == "Peter Lund"


def test_he_is_the_one_person_the_story_is_about(sources: list[Quote]) -> None:
    # nobody named in the three sentences before, one person in the paragraph before
    assert _with(sources, "a promise kept").speaker == "Thomas Reed"


def test_the_source_is_an_unnamed_source(sources: list[Quote]) -> None:
    q = _with(sources, "ran for ten years")
    assert q.speaker is None and q.unnamed_group


def test_an_unnamed_official_goes_on_speaking(sources: list[Quote]) -> None:
    first = _with(sources, "needs dredging")
    assert first.unnamed_group and first.speaker is None
    q = _with(sources, "would take two months")
    assert q.speaker_text == "He" and q.speaker is None and q.unnamed_group


# Every name is made up for the test.
SECTORS = (
    "Harbour plans\n\n"
    "Li Ming, a professor of economics at a university in Shanghai, said the port would "
    "double its trade.\n\n"
    "Chinese analysts said the new terminal would open next year.\n\n"
    "Opposition leader Anna Kovac said the deal was signed in secret.\n\n"
    "The Russian Defence Ministry said that its ships would stay in the port for a week.\n\n"
    "A journalist for a local newspaper said that the mayor had resigned on Friday.\n"
)


@pytest.fixture(scope="module")
def sectors() -> dict[str, Quote]:
    return {q.speaker_text or "": q for q in _run(SECTORS, "2023-05-02")}


def test_speaker_sector_is_read_from_the_speaker_s_words(sectors: dict[str, Quote]) -> None:
    # an academic speaks for the academy of his state, not for its government
    prof = next(q for k, q in sectors.items() if k.startswith("Li Ming"))
    assert prof.speaker == "Li Ming" and prof.speaker_sector == "EDU"
    assert sectors["Chinese analysts"].speaker_sector == "EDU"
    assert sectors["Chinese analysts"].speaker_actor == "CHN"
    # the modifier narrows the title: an opposition leader is no government leader
    assert sectors["Opposition leader Anna Kovac"].speaker_sector == "OPP"
    assert sectors["The Russian Defence Ministry"].speaker_sector == "MIL"
    journalist = sectors["A journalist for a local newspaper"]
    assert journalist.unnamed_group and journalist.speaker_sector == "JRN"


def test_a_writer_s_turn_of_phrase_is_no_quote() -> None:
    got = _run(
        "Roads\n\nThat said, the new road would cut the trip to the coast by an hour. "
        "Having said that, the old bridge will stay open to every car in the town.\n",
        "2023-05-02",
    )
    assert not got


def test_a_document_speaks_for_its_author() -> None:
    got = _run(
        "Trade\n\nA report published by the World Bank said that trade in the region grew "
        "by a tenth.\n\nThe report said that exports would fall next year.\n",
        "2023-05-02",
    )
    by_bank, bare = got
    assert by_bank.speaker == "World Bank" and by_bank.speaker_sector == "IGO"
    # no author named: the document speaks for no one the text names
    assert bare.speaker_text == "The report" and bare.speaker is None


def test_a_quoted_clause_keeps_its_that_and_a_cue_keeps_its_occasion() -> None:
    got = _run(
        "Ports\n\nThe mayor told reporters that “the harbour will reopen before the summer.”\n\n"
        "Karl Holm criticized the harbour plan on Twitter.\n",
        "2023-05-02",
    )
    told, criticized = got
    # the span is the reported clause, the text the words in the marks
    assert told.direct and told.text.startswith("the harbour")
    assert told.start == len("Ports\n\nThe mayor told reporters ")
    assert criticized.text == "the harbour plan"


def test_a_stray_straight_mark_opens_no_quote() -> None:
    text = (
        "Harbour\n\n"
        '"The crowd waited in the rain for an hour.\n\n'
        "“The harbour will reopen in May,” Karl Holm said.\n"
    )
    got = _run(text, "2023-05-02")
    assert [q.text for q in got] == ["The harbour will reopen in May"]
    assert got[0].speaker == "Karl Holm"
