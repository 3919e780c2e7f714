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
    "The cooperation is aimed at no other country, Chinese analysts said.\n\n"
    "According to the ministry, the talks lasted four hours and ended without a statement.\n\n"
    'Zhang Wei: "We are satisfied with the talks.\n\n'
    '"Both sides want stability in the region."\n\n'
    "Maria Lopez and Tom Baker met in Madrid. He said the weather was fine all week.\n\n"
    'This has an "odd quote mark that never closes in the middle of a paragraph.\n'
)

# Published on Sunday 2020-10-25; every name and event is made up for the test.
STORY = (
    "Forum ends\n\n"
    "On October 22, Ivan Petrov spoke at a hearing of the river commission in the capital. "
    "Petrov argued that the dam had never been safer, adding: “Our engineers have checked "
    "every gate and every wall this year.”\n\n"
    "A reporter, Eva Stein, asked whether the water fees would rise. Petrov said in reply that "
    "the fees would stay as they were. He also insisted that the two towns would share the "
    "cost of repairs.\n\n"
    "Two weeks earlier, on October 8, Petrov wrote to the mayors of the valley. "
    "In the letter, he argued that the old spillway had to be rebuilt before the rains.\n\n"
    "Speaking on Thursday after the hearing, Oleg Sokol warned that the valley would "
    "need new dikes.\n\n"
    "Oleg Sokol said that the old weir was “a hazard to every boat on the river” and would be "
    "removed.\n\n"
    "“The hearing was useful,” Sokol said. “We will come back to it in the spring.”\n\n"
    "The new lock, Sokol said, would open next year to every barge on the river.\n\n"
    "Sokol vowed to challenge the new water fees in every court of the country.\n\n"
    "The hearings are expected to resume in the capital next month.\n\n"
    "The two sides agreed that the ferry would keep running all winter.\n\n"
    "The hearing drew notice abroad, with local analysts saying the valley would profit "
    "from the new dikes.\n"
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
    q = _with(quotes, "aimed at no other country")
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
    q = _with(story, "share the cost of repairs")
    assert q.speaker_text == "He" and q.speaker == "Ivan Petrov"


def test_dated_occasion_dates_the_speaker_s_undated_quotes(story: list[Quote]) -> None:
    assert _with(story, "never been safer").date == "2020-10-22"
    assert _with(story, "every gate and every wall").date == "2020-10-22"


def test_a_new_date_in_between_stops_the_occasion(story: list[Quote]) -> None:
    # "on October 8, Petrov wrote": the letter is not the October 22 hearing
    assert _with(story, "spillway had to be rebuilt").date is None


def test_speaking_on_a_weekday_dates_the_cue(story: list[Quote]) -> None:
    q = _with(story, "need new dikes")
    assert q.speaker == "Oleg Sokol" and q.date == "2020-10-22"


def test_reported_clause_with_quoted_words_is_one_quote(story: list[Quote]) -> None:
    q = _with(story, "old weir")
    assert q.rule == "indirect-mixed" and "would be removed" in q.text
    assert not any(p.direct and "hazard to every boat" in p.text for p in story)


def test_quote_broken_by_its_attribution_is_joined(story: list[Quote]) -> None:
    q = _with(story, "The hearing was useful")
    assert q.direct and "come back to it in the spring" in q.text


def test_interrupting_cue_keeps_the_whole_sentence(story: list[Quote]) -> None:
    q = _with(story, "would open next year")
    assert q.text.startswith("The new lock") and q.speaker is not None


def test_to_infinitive_content(story: list[Quote]) -> None:
    q = _with(story, "challenge the new water fees")
    assert q.cue == "vowed" and q.text.startswith("to challenge")


def test_passive_cue_has_no_speaker(story: list[Quote]) -> None:
    assert not any(q.speaker_text == "The hearings" for q in story)


def test_the_two_sides_and_saying_analysts_are_groups(story: list[Quote]) -> None:
    sides = _with(story, "ferry would keep running")
    assert sides.unnamed_group and sides.speaker is None
    analysts = _with(story, "would profit from the new dikes")
    assert analysts.unnamed_group and analysts.speaker_text == "local analysts"


INTERVIEW = (
    "Interview\n\n"
    "Dana Holt spoke to Sam Ferris on the morning show.\n\n"
    "FERRIS: Thank you for coming in so early after a long night of counting.\n\n"
    "HOLT: Happy to be here, and I expect the flood plan to pass next week.\n\n"
    "Photo: Volunteers stacking sandbags along the river bank on Friday.\n\n"
    "''This plan will not stop the next flood,'' said Ann Kile, an engineer. ''It only moves "
    "the water downstream.''\n"
)


@pytest.fixture(scope="module")
def interview() -> list[Quote]:
    return _run(INTERVIEW, "2020-10-25")


def test_transcript_turns_without_quote_marks(interview: list[Quote]) -> None:
    q = _with(interview, "flood plan to pass")
    assert q.rule == "transcript-turn" and q.speaker == "Dana Holt"
    assert not q.text.startswith("HOLT")
    assert not any("sandbags" in q.text for q in interview)  # "Photo:" is no one


def test_double_apostrophes_are_quote_marks(interview: list[Quote]) -> None:
    q = _with(interview, "will not stop the next flood")
    assert q.direct and q.speaker == "Ann Kile" and "moves the water downstream" in q.text
    assert not q.text.endswith("'")


# Made-up names and events: attribution without a speech verb, and news-copy conventions.
NEWS = (
    "Ties and talks\n\n"
    "The city has sought to build closer links with its neighbours for many years.\n\n"
    "The minister's claim that the border would stay closed drew protests in the capital.\n\n"
    "The vote is expected to take place in the parliament next week.\n\n"
    "Karl Ostrand appeared to make a joke about the old bridge in his speech.\n\n"
    "“It is going to be hard work for all of us,” Mara Vell continued.\n\n"
    "Vell backed the plan, but told reporters that it would cost more than expected.\n\n"
    "''The budget forgets the people who need it most,'' said Jon Tesk, who ran the treasury "
    "for six years but now backs Vell in the race. ''It is too timid.''\n\n"
    "''I grew up among the fishermen of this coast,'' he added. ''The port depends on honest "
    "inspectors.\n\n"
    "''Every inspector should answer to the same rules,'' he said.\n\n"
    "The region needs to find a route out of the crisis. A survey by the institute found Vell "
    "with a lead of ten points.\n\n"
    "The polls swung all month - Lena Hart: “In March the race looked settled, and now "
    "nobody can call it.”\n"
)


@pytest.fixture(scope="module")
def news() -> list[Quote]:
    return _run(NEWS, "2020-10-25")


def test_seeking_is_not_an_attribution(news: list[Quote]) -> None:
    assert not any("closer links" in q.text for q in news)


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
    q = _with(news, "the people who need it most")
    assert q.direct and q.speaker == "Jon Tesk" and "It is too timid" in q.text
    assert not any(q.text.startswith("Jon Tesk") for q in news)  # the speaker is no content


def test_double_apostrophe_quote_runs_into_the_next_paragraph(news: list[Quote]) -> None:
    q = _with(news, "honest inspectors")
    assert q.direct and "same rules" in q.text and "fishermen" in q.text
    assert not q.text.endswith("'")


def test_finding_a_way_is_not_a_finding(news: list[Quote]) -> None:
    assert not any("a route out" in q.text for q in news)
    assert _with(news, "a lead of ten points").speaker_text == "A survey by the institute"


def test_named_source_before_a_colon(news: list[Quote]) -> None:
    q = _with(news, "nobody can call it")
    assert q.rule == "direct-colon" and q.speaker == "Lena Hart"


def test_speaker_text_is_the_whole_source_phrase(story: list[Quote], news: list[Quote]) -> None:
    # the describing clause belongs to the speaker, the clause with the cue does not
    q = _with(news, "the people who need it most")
    assert q.speaker_text is not None and q.speaker_text.endswith("now backs Vell in the race")
    assert _with(story, "would profit from the new dikes").speaker_text == "local analysts"
    dated = _run("Talks\n\nThe Vell campaign on Monday said that the talks would resume.\n", None)
    assert dated[0].speaker_text == "The Vell campaign"  # when they spoke is not who they are


CONTROL = (
    "Bridge\n\n"
    "Mara Vell went on to say that the deal was fair to every farmer.\n\n"
    "Jon Tesk faulted Karl Ostrand for claiming that the old bridge was unsafe for trucks.\n\n"
    "Lena Hart, a former judge at the court, said Mara Vell had misled the council about the "
    "costs.\n\n"
    "Shaken by the attack in Lyon, Mayor Anne Roux, a former judge, said that she spoke with "
    "Karl Ostrand on Tuesday.\n"
)


def test_subjectless_cue_takes_its_controller() -> None:
    quotes = _run(CONTROL, "2020-10-25")
    assert _with(quotes, "deal was fair").speaker == "Mara Vell"
    assert _with(quotes, "bridge was unsafe").speaker == "Karl Ostrand"
    # a speaker set off by an apposition is no inverted "“...,” said X"
    q = _with(quotes, "misled the council")
    assert q.speaker == "Lena Hart" and q.text.startswith("Mara Vell had")
    # the parser hung the name on "Lyon": the main verb still speaks for it
    assert _with(quotes, "spoke with Karl Ostrand").speaker == "Anne Roux"


def test_short_quote_at_a_speech_verb_is_kept() -> None:
    quotes = _run(
        "Talks\n\nAsked whether he would stay, Karl Ostrand smiled and said, ''Never.''\n\n"
        "They called it a ''rock solid'' bond.\n",
        "2020-10-25",
    )
    assert _with(quotes, "Never").speaker == "Karl Ostrand"
    assert not any(q.direct and q.text == "rock solid" for q in quotes)


def test_a_title_in_quote_marks_is_no_quote() -> None:
    quotes = _run(
        "Shows\n\nMara Vell described “Songs for the Long Winter” as a mistake.\n\n"
        "Karl Ostrand said: “I’m Tired Of Waiting For The Bridge.”\n",
        "2020-10-25",
    )
    assert not any(q.direct and "Long Winter" in q.text for q in quotes)
    assert _with(quotes, "Tired Of Waiting").speaker == "Karl Ostrand"


# What is no utterance: states of mind, evaluations read off a participle, clauses hung on an
# adjective, declining to speak; and one record per utterance.
FEELINGS = (
    "Harbour deal\n\n"
    "Dan Miller hopes that the harbour will reopen in May.\n\n"
    "Officials left the meeting early, fearing that the talks would collapse.\n\n"
    "The mayor signed the deal, praising the harbour workers for their patience.\n\n"
    "It is worth recalling that the harbour has been closed since the storm.\n\n"
    "The new survey is likely to prove that most residents support the plan.\n\n"
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
    assert not cues & {"hopes", "fearing", "praising", "recalling", "prove", "declined"}


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
    "He said the dredging would last until March.\n"
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
    q = _with(sources, "would last until March")
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


def test_a_short_part_after_a_mid_sentence_attribution_goes_on() -> None:
    # "“A,” the judge exclaimed, “B.”": the second part is the same sentence, however short
    quotes = _run(
        "“The ferry will run all winter if the dikes hold,” the harbour master "
        "insisted, “come what may.”\n",
        "2023-04-17",
    )
    assert len(quotes) == 1
    assert quotes[0].text.endswith("come what may.") and quotes[0].speaker_text


def test_a_short_quoted_name_after_a_comma_is_no_continuation() -> None:
    # two words in quotes after "..., he said," are no speech when nothing quoted before
    quotes = _run("He read the book, he said, “Great Expectations” twice.\n", "2023-04-17")
    assert not any(q.direct for q in quotes)


def test_a_reported_clause_leaves_its_inner_attribution_out() -> None:
    quotes = _run("The average weekly benefit, the ministry says, would be $300.\n", "2023-04-17")
    q = next(q for q in quotes if "weekly benefit" in q.text)
    assert q.text == "The average weekly benefit … would be $300"
    assert q.speaker_text == "the ministry" and q.start < q.end


def test_a_cue_ending_the_paragraph_before_with_a_colon_introduces_the_quote() -> None:
    text = (
        "The harbour master was asked about the new fees at the meeting. She said:\n\n"
        "“We cannot keep the port open without them, and the council knows it.”\n\n"
        "The council chairman then listed the choices the port had left:\n\n"
        "“Raise the fees, close the east dock, or sell the ferry to the county.”\n"
    )
    got = {q.text[:9]: q.speaker_text for q in _run(text, "2016-09-20")}
    assert got.get("We cannot") == "She"
    # "listed the choices ... :" has an object of its own: it introduces no utterance
    assert got.get("Raise the") is None


def test_the_medium_of_a_cue_gives_the_speaker_of_its_clause() -> None:
    text = "The port's director Mara Lind says in a statement that the east dock will close.\n"
    (q,) = _run(text, "2016-09-20")
    assert q.speaker_text is not None and q.speaker_text.endswith("Mara Lind")
    assert q.text.startswith("that the east dock")


def _said(text: str) -> list[tuple[str, str | None]]:
    """Each quote as the words its span covers, with its written speaker."""
    return [(text[q.start : q.end], q.speaker_text) for q in _run(text, "2016-09-20")]


def test_a_quoted_paragraph_without_a_cue_goes_on_from_the_paragraph_before() -> None:
    text = (
        "“The ferry will run all winter,” harbour master Ines Varga said at the pier.\n\n"
        "“We have two crews ready, and the ice breaker is booked for January.”\n\n"
        "Varga said the east dock would close in March.\n\n"
        "“It has served the town for ninety years, and it is tired.”\n\n"
        "“The west dock will take the boats,” the council said in its notice.\n"
    )
    got = _said(text)
    assert got[0][0].startswith("The ferry will run") and got[0][0].endswith("for January.")
    assert got[1][0].startswith("the east dock") and got[1][0].endswith("it is tired.")
    # a paragraph with a cue of its own is an attribution of its own
    assert got[2] == ("The west dock will take the boats", "the council")
    assert [s for _, s in got][:2] == ["harbour master Ines Varga", "Varga"]


def test_a_partial_quote_is_part_of_the_clause_it_is_quoted_in() -> None:
    text = (
        "The mayor says the new bridge “will carry every lorry in the valley.”\n\n"
        "The minister called the plan “a gift to the smugglers.”\n\n"
        "The old weir “is a danger to every boat,” the inspector said.\n\n"
        "“A long winter” lies ahead for the farmers of the valley, the inspector said.\n"
    )
    got = [t.rstrip(".") for t, _ in _said(text)]  # a clause's own stop may stay outside
    assert got[0] == "the new bridge “will carry every lorry in the valley"
    assert got[1] == "the plan “a gift to the smugglers"
    assert got[2] == "The old weir “is a danger to every boat"
    assert got[3] == "A long winter” lies ahead for the farmers of the valley"


def test_the_cue_of_the_quote_s_own_sentence_goes_first() -> None:
    text = (
        "Ana Ruiz says Berg “has the trust of every farmer here.” She warns that the "
        "harvest will be late this year.\n"
    )
    text_, speaker = _said(text)[0]
    assert text_.rstrip(".") == "Berg “has the trust of every farmer here"
    assert speaker == "Ana Ruiz"


def test_an_afterthought_set_off_by_a_comma_is_not_what_was_said() -> None:
    text = (
        "The council said the old dock would close in May, which surprised the fishermen.\n\n"
        "Forty percent of residents said they would vote for the levy, while a third were "
        "against it.\n"
    )
    got = [t for t, _ in _said(text)]
    assert "the old dock would close in May" in got
    assert "they would vote for the levy" in got


def test_a_linking_word_opening_the_sentence_is_the_author_s() -> None:
    text = "In fact, the new levy will raise very little money, economists say.\n"
    got = [t for t, _ in _said(text)]
    assert got == ["the new levy will raise very little money"]


def test_a_second_verb_of_saying_starts_a_report_of_its_own() -> None:
    got = _said(
        "Tomas Berg said the harvest was late across the valley and warned that grain prices "
        "would rise.\n"
    )
    assert ("the harvest was late across the valley", "Tomas Berg") in got
    assert ("that grain prices would rise", "Tomas Berg") in got


def test_a_clause_of_someone_else_s_joined_to_the_cue_goes_on_with_what_was_said() -> None:
    got = _said(
        "The ministry said the border talks had failed, but the two envoys would meet again "
        "in May.\n"
    )
    assert got[0][0] == "the border talks had failed, but the two envoys would meet again in May"


def test_the_day_right_after_the_cue_is_when_it_was_said() -> None:
    got = [t for t, _ in _said("The minister said Tuesday the northern border would stay open.\n")]
    assert got == ["the northern border would stay open"]
    got = [t for t, _ in _said("The minister said Monday's vote in the valley was rigged.\n")]
    assert got == ["Monday's vote in the valley was rigged"]


def test_a_condition_on_a_promise_is_part_of_what_was_promised() -> None:
    got = [
        t for t, _ in _said("The mayor vowed to close the dock, unless the port paid its debts.\n")
    ]
    assert got == ["to close the dock, unless the port paid its debts"]


def test_a_cue_after_the_occasion_of_its_words_introduces_the_quote() -> None:
    # the speech is where she said it: what she said is the quote, not the whole sentence
    got = _said("In her speech on Thursday, she said, “The port must stay open to every boat.”\n")
    assert got == [("The port must stay open to every boat.", "she")]


def test_a_cue_inside_the_clause_it_reports_still_interrupts_it() -> None:
    # "The new levy, she said, “...”": the words before the cue are the clause's subject
    got = _said("The new levy, the treasurer said, “will pay for every repair on the pier.”\n")
    assert got[0][0].startswith("The new levy, the treasurer said")
    assert got[0][1] == "the treasurer"


def test_a_short_quoted_sentence_after_the_attribution_goes_on() -> None:
    # "“A,” said X. “B.”": a short second sentence is the same speaker going on
    text = "“We will not sell the ferry to the county this year,” said boatman Ivo Kral. “Never.”\n"
    got = _said(text)
    assert len(got) == 1
    words, speaker = got[0]
    assert words.startswith("We will not sell") and words.endswith("Never.")
    assert speaker == "boatman Ivo Kral"


def test_a_short_quote_with_no_attribution_before_it_is_still_no_speech() -> None:
    got = _said("The council met, and the vote was close. “Not again.”\n")
    assert not any("Not again" in words for words, _ in got)


def test_a_short_quote_attributed_with_wrote_is_speech() -> None:
    # "wrote" attributes a one-word reply as "said" does
    text = "“Nonsense,” wrote a reader from the valley. “The dock was never safe in winter.”\n"
    got = _said(text)
    assert len(got) == 1
    assert got[0][0].startswith("Nonsense") and got[0][0].endswith("never safe in winter.")


def test_a_quoted_name_inside_the_attribution_does_not_break_the_quote() -> None:
    # "“A,” she said, pointing to her “Save the Pier” badge. “B.”": the badge's words are a
    # name, and the quote goes on after the attribution
    text = (
        "“The ferry will run all winter,” the captain said, pointing to her “Save the Pier” "
        "badge. “We have two crews ready for the ice.”\n"
    )
    got = _said(text)
    assert len(got) == 1
    assert got[0][0].startswith("The ferry") and got[0][0].endswith("ready for the ice.")


def test_a_quote_opening_after_its_subject_runs_from_the_subject() -> None:
    # the marks open after "The farmers of this valley", the subject of the quoted clause,
    # and the attribution follows a later sentence of the quote
    text = (
        "The farmers of this valley “need a road to the market. That is all they ask,” said "
        "the mayor.\n"
    )
    got = _said(text)
    assert got[0][0].startswith("The farmers of this valley “need a road")
    assert got[0][1] == "the mayor"
    # words of the author's own before the marks stay out
    got = _said("In the valley “nobody wants a bridge. They want a ferry,” said the engineer.\n")
    assert got[0][0].startswith("nobody wants a bridge")


def test_a_that_clause_misread_as_a_relative_clause_is_what_was_said() -> None:
    # "Roux said after the vote in May that she had doubts", with "that she had doubts" hung on
    # "vote" as a relative clause opened by a marker "that" (a relative "that" is its clause's
    # subject or object, never a marker)
    from spacy.tokens import Doc

    from detente.annotate import load_nlp
    from detente.extract.quotes.complements import content_of

    rows = """
        Roux 1 nsubj PROPN VBZ
        said 1 ROOT VERB VBD
        after 1 prep ADP IN
        the 4 det DET DT
        vote 2 pobj NOUN NN
        in 4 prep ADP IN
        May 5 pobj PROPN NNP
        that 9 mark SCONJ IN
        she 9 nsubj PRON PRP
        had 4 relcl VERB VBD
        doubts 9 dobj NOUN NNS
        . 1 punct PUNCT .
    """
    cols = [line.split() for line in rows.strip().splitlines()]
    doc = Doc(
        load_nlp().vocab,
        words=[c[0] for c in cols],
        heads=[int(c[1]) for c in cols],
        deps=[c[2] for c in cols],
        pos=[c[3] for c in cols],
        tags=[c[4] for c in cols],
        lemmas=[c[0].lower() if c[0] != "said" else "say" for c in cols],
    )
    content = content_of(doc[1], doc[:])
    assert content is not None and content.text == "that she had doubts"
    # a true relative clause ("after the vote that she had called") is no complement
    doc[7].dep_ = "dobj"
    assert content_of(doc[1], doc[:]) is None


def test_a_quote_inside_a_clause_of_the_author_s_is_its_subject_s() -> None:
    # no verb of saying: the quoted words are those of the clause's subject, when they are a
    # clause of their own (a finite verb); a phrase named in quote marks is nobody's quote
    text = (
        "Harbour vote\n\n"
        "The new advert targets a “council that keeps the harbour fees high for every boat "
        "in town.”\n\n"
        "The advert shows the “old harbour wall at dawn in the rain.”\n"
    )
    quotes = _run(text, "2021-05-02")
    advert = next(q for q in quotes if "keeps the harbour" in q.text)
    assert advert.speaker_text == "The new advert" and advert.rule == "direct-embedded"
    assert all(q.rule != "direct-embedded" for q in quotes if "harbour wall" in q.text)


def test_as_someone_put_it_introduces_their_words() -> None:
    text = (
        "Harbour vote\n\n"
        "The council delayed the vote again. As the harbour master put it, the board “has "
        "waited so long that the tide itself has lost patience.”\n"
    )
    quotes = _run(text, "2021-05-02")
    q = next(q for q in quotes if "lost patience" in q.text)
    assert (q.cue, q.speaker_text) == ("put it", "the harbour master")


SHORT_PARTS = (
    "Ferry back\n\n"
    "“Soon,” the harbour master said, “the ferry will run again every morning of the week.”\n\n"
    "''We are not a burden on this town or a cost to it,'' the mayor added. ''We are it.''\n"
)


def test_a_short_part_before_a_lower_case_attribution_is_speech() -> None:
    # "“Soon,” the harbour master said, “...”": one utterance around its attribution
    (q,) = [q for q in _run(SHORT_PARTS, None) if "ferry will run" in q.text]
    assert q.text.startswith("Soon") and q.speaker_text == "the harbour master"


def test_a_short_sentence_after_a_quote_in_double_apostrophes_goes_on() -> None:
    (q,) = [q for q in _run(SHORT_PARTS, None) if "burden" in q.text]
    assert q.text.endswith("We are it.") and q.speaker_text == "the mayor"


TRANSCRIPT = (
    "Bridge interview\n\n"
    "On Sunday the mayor spoke to “Town Radio” about the bridge. Partial transcript:\n\n"
    '"HOST: Let us start with the bridge. Will it open in May, as the council promised?\n\n'
    '"MOOR: It will open in May. The engineers have checked every cable, and the “Old Span” '
    "will close for good.\n\n"
    '"HOST: And what about the tolls for the people who live on the island?\n\n'
    '"MOOR: There will be no tolls for residents, not this year and not next year."\n'
)


def test_a_transcript_quoted_paragraph_by_paragraph_is_one_quote_per_turn() -> None:
    quotes = _run(TRANSCRIPT, None)
    moor = [q for q in quotes if q.speaker_text == "MOOR"]
    assert [q.text[:14] for q in moor] == ["It will open i", "There will be "]
    assert moor[0].text.endswith("will close for good.")  # the inner marks end nothing
    assert moor[0].speaker == "Moor" and moor[0].rule == "direct-transcript"
    host = [q for q in quotes if q.speaker_text == "HOST"]
    assert len(host) == 2 and not any("MOOR" in q.text for q in quotes)


JOINED = (
    "Quay\n\n"
    "The mayor had told the council that she did not want the new quay at all, but the port "
    "board overruled that request, the aide added.\n\n"
    "All agreed that the plan would raise the harbour fees but that it would add new costs for "
    "the shops on the quay.\n"
)


def test_two_joined_clauses_before_the_cue_were_both_said() -> None:
    q = next(q for q in _run(JOINED, None) if "new quay" in q.text)
    assert q.text.endswith("overruled that request") and q.speaker_text == "the aide"


def test_adding_a_thing_is_no_second_report() -> None:
    # "would add new costs" goes on with what was agreed; "and added that ..." would not
    q = next(q for q in _run(JOINED, None) if "harbour fees" in q.text)
    assert q.text.endswith("for the shops on the quay")


def test_a_dateline_is_not_what_was_said() -> None:
    text = "Port\n\nLYON (AFP) – The port will close for a month from Monday, the mayor said.\n"
    (q,) = _run(text, None)
    assert q.text == "The port will close for a month from Monday" and q.speaker_text == "the mayor"


AS_SAID = (
    "Harbour\n\n"
    "As the harbour master noted, the old pier has been closed for two years.\n\n"
    "The ferry will stop running in May, as the port board announced last week.\n\n"
    "If, as the mayor has suggested, the town cannot pay, the bridge will close.\n\n"
    "The new lock opened in June, as expected.\n\n"
    "The crowd cheered as she called for a new school.\n"
)


def test_a_cue_in_an_as_clause_gives_the_clause_it_is_set_in() -> None:
    quotes = _run(AS_SAID, None)
    pier = _with(quotes, "old pier")
    assert pier.text == "the old pier has been closed for two years"
    assert pier.speaker_text == "the harbour master"
    ferry = _with(quotes, "ferry")
    assert ferry.text == "The ferry will stop running in May" and ferry.cue == "announced"
    bridge = _with(quotes, "cannot pay")
    assert bridge.text == "the town cannot pay" and bridge.speaker_text == "the mayor"


def test_an_as_clause_with_no_one_saying_or_a_call_of_its_own_is_no_frame() -> None:
    # "as expected" names nobody; "as she called for ..." is when she did, and reports its own
    quotes = _run(AS_SAID, None)
    assert not any("lock" in q.text for q in quotes)
    assert not any("crowd" in q.text for q in quotes)


CALLS_FOR = (
    "Fees\n\n"
    "The council has called for raising the harbour fees by a tenth.\n\n"
    "The mayor has been called a spendthrift for building the new pier.\n"
)


def test_calling_for_a_gerund_reports_it_but_a_passive_naming_does_not() -> None:
    quotes = _run(CALLS_FOR, None)
    (q,) = quotes
    assert q.text == "raising the harbour fees by a tenth" and q.speaker_text == "The council"


TOPICS = (
    "Budget\n\n"
    "The mayor discussed the new harbour budget on Monday.\n\n"
    "The advert also mentions the closure of the old ferry line.\n\n"
    "The harbour master spoke on Friday about the silt in the old channel.\n\n"
    "The harbour master spoke to the crews on Friday.\n\n"
    "He said he did not mention the fees in the speech I heard last week because ''nobody can "
    "state that they rose, and as soon as they do, I will report it.''\n"
)


def test_a_verb_of_what_was_talked_about_reports_its_object() -> None:
    quotes = _run(TOPICS, None)
    budget = _with(quotes, "budget")
    assert budget.text == "the new harbour budget" and budget.speaker_text == "The mayor"
    ferry = _with(quotes, "ferry")
    assert ferry.text == "the closure of the old ferry line" and ferry.speaker_text == "The advert"
    silt = _with(quotes, "silt")
    assert silt.text == "the silt in the old channel" and silt.cue == "spoke"
    assert not any("crews" in q.text for q in quotes)  # whom one spoke to is not what about


def test_a_verb_of_what_was_talked_about_cues_no_quote_next_to_it() -> None:
    # the quote is the end of what the mayor said, not of what she did not mention
    (q,) = [q for q in _run(TOPICS, None) if "nobody can" in q.text]
    assert q.cue == "said" and q.speaker_text == "He"


OBJECTS = (
    "Ferry\n\n"
    "The mayor has promised a new ferry for the island.\n\n"
    "The mayor has mentioned new harbour fees and closing the old pier for a year.\n\n"
    "The mayor spoke of the floods and how the town rebuilt its harbour.\n"
)


def test_a_promise_of_a_thing_reports_the_thing() -> None:
    q = _with(_run(OBJECTS, None), "ferry")
    assert q.text == "a new ferry for the island" and q.cue == "promised"


def test_a_second_thing_joined_to_the_cue_as_a_verb_is_reported_too() -> None:
    # the parser joins "closing ..." and "how ..." to the cue as verbs of their own
    quotes = _run(OBJECTS, None)
    fees = _with(quotes, "fees")
    assert fees.text == "new harbour fees and closing the old pier for a year"
    floods = _with(quotes, "floods")
    assert floods.text == "the floods and how the town rebuilt its harbour"


NEW_SENTENCE = (
    "Port\n\n"
    '"The port will stay open all winter for the boats," Mayor Ann Roe said. She called the '
    'lock a "bright spot in a year when most harbours along this coast lost their trade."\n'
)


def test_a_quote_set_in_a_new_sentence_of_the_author_s_is_not_joined_to_the_last() -> None:
    quotes = _run(NEW_SENTENCE, None)
    port = _with(quotes, "stay open")
    assert port.text == "The port will stay open all winter for the boats"
    lock = _with(quotes, "bright spot")
    assert lock is not port and lock.cue == "called"


def test_the_ruling_or_meeting_a_stance_was_given_in_is_not_part_of_it() -> None:
    text = "Fees\n\nThe judge rejected the new fee plan in a ruling released on Thursday.\n"
    (q,) = _run(text, None)
    assert q.text == "the new fee plan" and q.speaker_text == "The judge"


def test_whom_a_call_addresses_is_part_of_what_was_called_for() -> None:
    """ "called on the rebels to disarm" reports, as "urged the rebels to" does, whom it
    addresses with the infinitive; "called for the army to withdraw" what it wants done."""
    text = (
        "Valley\n\nMinister Varga called on the rebels to lay down their arms. The envoy "
        "called for the army to withdraw from the valley.\n"
    )
    quotes = _run(text, None)
    assert [(q.speaker_text, q.text) for q in quotes] == [
        ("Minister Varga", "the rebels to lay down their arms"),
        ("The envoy", "the army to withdraw from the valley"),
    ]


def test_whom_a_call_addresses_is_part_of_it_when_on_is_read_as_a_particle() -> None:
    """The parser may read the "on" of "called on" as the verb's particle: whom it names
    before the to-infinitive is still addressed, and part of the content."""
    text = "Fees\n\nThe widow has called on police to release the footage.\n"
    (q,) = _run(text, None)
    assert q.text == "police to release the footage" and q.speaker_text == "The widow"


def test_a_reported_clause_running_into_its_quote_is_one_quote() -> None:
    """ "urged the crowd to greet the mayor - “my oldest friend”": the quote is what the
    clause goes on to say; a quote in a sentence of its own after a report stays its own."""
    text = (
        'Rally\n\nMinister Varga urged the crowd to greet the mayor - "my oldest friend." '
        'Novak said the talks had failed. "We start again," he said.\n'
    )
    quotes = _run(text, None)
    assert len(quotes) == 3, [q.text for q in quotes]
    crowd, talks, again = quotes
    assert crowd.text == "the crowd to greet the mayor - my oldest friend."
    assert talks.text == "the talks had failed" and again.text == "We start again"


def test_the_occasion_closing_a_reported_clause_is_when_it_was_said() -> None:
    """ "said the talks had failed in an interview which aired Sunday": the interview, its
    day and what came after it are the reporter's account of the occasion; a visit set off
    by a comma likewise; "would raise it in a speech" keeps the speech it plans."""
    cases = {
        "Minister Varga said the talks had failed in an interview which aired Sunday, just "
        "one day before the vote.\n": "the talks had failed",
        "The envoy said Freedonia would not sign the treaty, during a visit to Ruritania on "
        "Tuesday.\n": "Freedonia would not sign the treaty",
        "Minister Varga told reporters the army would withdraw at a press conference on "
        "Monday.\n": "the army would withdraw",
        'Former minister Varga criticized the new port fees as a "reckless tax" during a '
        "campaign stop in the northern valley.\n": 'the new port fees as a "reckless tax"',
        "The minister said he would raise the issue in a speech to parliament next "
        "week.\n": "he would raise the issue in a speech to parliament next week",
        "The minister said he had made the remarks in an interview last year.\n": (
            "he had made the remarks in an interview last year"
        ),
    }
    for text, words in cases.items():
        assert [t for t, _ in _said(text)] == [words], text


def test_how_long_the_words_went_on_is_not_part_of_them() -> None:
    """An "until"-clause the parse hangs on the cue is how long it was said, the reporter's;
    one inside the reported clause ("to go home until ...") stays with it."""
    text = "Minister Varga told the crowd to go home, until the square was empty.\n"
    assert [t for t, _ in _said(text)] == ["the crowd to go home"]
    text = "Minister Varga urged the crowd to go home until the square was empty.\n"
    assert [t for t, _ in _said(text)] == ["the crowd to go home until the square was empty"]


def test_a_verb_joined_to_the_cue_with_a_shifted_modal_is_more_of_what_was_said() -> None:
    """ "said they liked him, but could not accept the fees": a verb the parse joins to the
    cue, with no subject and a modal as reported speech shifts it, goes on with the reported
    clause; "... but will travel on Monday" may be the reporter's own news and stays out."""
    text = (
        "Fishermen said they liked the new harbour master, but could not accept the higher fees.\n"
    )
    assert [t for t, _ in _said(text)] == [
        "they liked the new harbour master, but could not accept the higher fees"
    ]
    text = "Minister Varga said the port was closed, but will travel to Freedonia on Monday.\n"
    assert [t for t, _ in _said(text)] == ["the port was closed"]


def test_a_reported_clause_running_by_a_comma_into_its_quote_is_one_quote() -> None:
    """ "notes that the harbour lost $12 million, ''equal to the town's budget''": the quote set
    off by a comma (here in doubled apostrophes) is what the clause goes on to say."""
    text = (
        "The audit, which notes that the harbour lost $12 million in fees, ''equal to the whole "
        "budget of the town,'' was published on Monday.\n"
    )
    (q,) = _run(text, None)
    assert q.cue == "notes"
    assert (
        q.text == "that the harbour lost $12 million in fees, equal to the whole budget of the town"
    )


def test_a_contrast_closing_an_interrupted_content_is_the_author_s() -> None:
    """ "The dam, the ministry said, was the largest, although ...": a contrast closing a
    content the cue interrupts is left out, as after a cue; a "while"-phrase with no subject
    of its own ("while cutting the fees") says how, and stays; a cue inside the relative
    clause it would cut keeps it."""
    cases = {
        "The new dam, the ministry said, was the largest in the valley, although it may take "
        "years to fill it.\n": "The new dam, the ministry said, was the largest in the valley",
        "The council said it would rebuild the pier, while cutting the harbour fees.\n": (
            "it would rebuild the pier, while cutting the harbour fees"
        ),
        "The council said it would rebuild the pier, while the fishermen wanted a new "
        "one.\n": "it would rebuild the pier",
        "The square is near the old stadium, which, the mayor said, is full of stalls on "
        "market days.\n": (
            "The square is near the old stadium, which, the mayor said, is full of stalls on "
            "market days"
        ),
    }
    for text, words in cases.items():
        assert [t for t, _ in _said(text)] == [words], text
