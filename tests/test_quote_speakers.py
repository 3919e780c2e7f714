"""Who speaks a quote: the speaker's phrase as news writes it, and the speaker the parse
hides.  Every sentence and name here is made up for the test."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from detente.annotate import annotate, load_nlp
from detente.extract.quotes.cues import noun_or_impersonal
from detente.extract.quotes.speaker import speaker_extent, speaker_span
from detente.extract.quotes.subject import subject_of
from detente.model import Given, Quote, RawDocument
from detente.pipeline import Pipeline, prepare

HARBOUR = (
    "Harbour reopens\n\n"
    "“We lost a season of trade,” said Ivo Brandt, who added that the fishermen would be paid "
    "for their losses.\n\n"
    "“Nobody checked the cranes,” said an engineer at the port, who spoke on condition of "
    "anonymity.\n\n"
    "“The dredging is finished,” said Oskar Vell, who chairs the harbour board.\n\n"
    "Critics like Anna Roux say the quay cost twice what the town was told.\n\n"
    "An adviser to the mayor said the harbour fees would not rise.\n\n"
    "The harbour board issued a statement saying that ferries would run again from May.\n\n"
    "Tomas Kale had the last word, noting that the pier was safe, and suggesting that the "
    "town should build a second one.\n\n"
    "Ivo Brandt, clearly tired, said the repairs had taken too long.\n\n"
    "Ada Moor, head of the Dock Union, which represents the crane drivers, said the strike "
    "was over.\n"
)


def _quotes(name: str, text: str) -> list[Quote]:
    """The quotes the whole pipeline finds in ``text``, published 2 May 2021."""
    doc = prepare(RawDocument(name, text, given=Given(published="2021-05-02")))
    return Pipeline().run_annotated(annotate(doc)).records("quotes")


@pytest.fixture(scope="module")
def harbour() -> list[Quote]:
    return _quotes("h.txt", HARBOUR)


def _with(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if words in q.text)


def test_a_clause_saying_more_is_no_description(harbour: list[Quote]) -> None:
    # "who added that ..." is a second attribution, not who Brandt is
    assert _with(harbour, "season of trade").speaker_text == "Ivo Brandt"
    # the terms of speaking are not who the engineer is
    assert _with(harbour, "checked the cranes").speaker_text == "an engineer at the port"


def test_a_describing_relative_clause_stays(harbour: list[Quote]) -> None:
    assert _with(harbour, "dredging").speaker_text == "Oskar Vell, who chairs the harbour board"


def test_a_which_clause_on_a_noun_inside_the_description_is_no_description(
    harbour: list[Quote],
) -> None:
    # what the union does is not who Moor is; "who chairs the board" above stays
    assert _with(harbour, "strike was over").speaker_text == "Ada Moor, head of the Dock Union"


def test_a_set_off_adjective_phrase_is_an_aside(harbour: list[Quote]) -> None:
    q = _with(harbour, "repairs had taken")
    assert q.speaker_text == "Ivo Brandt" and q.speaker == "Ivo Brandt"


def test_like_and_to_describe_the_speaker(harbour: list[Quote]) -> None:
    assert _with(harbour, "cost twice").speaker_text == "Critics like Anna Roux"
    adviser = _with(harbour, "fees would not rise")
    assert adviser.speaker_text == "An adviser to the mayor" and adviser.unnamed_group


def test_who_issued_a_statement_speaks_through_it(harbour: list[Quote]) -> None:
    assert _with(harbour, "ferries would run").speaker_text == "The harbour board"


def test_a_second_participle_has_the_first_one_s_speaker(harbour: list[Quote]) -> None:
    assert _with(harbour, "pier was safe").speaker == "Tomas Kale"
    assert _with(harbour, "second one").speaker == "Tomas Kale"


def _parsed(parse: str) -> Doc:
    """A sentence with the parse given by hand, one "word head dep pos" per line: the
    misreadings below are the parser's, and a better model may not make them on these words."""
    rows = [line.split() for line in parse.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    doc = Doc(
        load_nlp().vocab,
        words=words,
        spaces=spaces,
        heads=[int(r[1]) for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
    )
    for t in doc:
        if t.dep_ == "ROOT":
            t.tag_ = "VBD"
    return doc


def test_a_name_read_as_the_subject_of_its_description_speaks() -> None:
    # "Ivo Brandt, a grocer backing the plan, said so", with "grocer" read as a verb
    doc = _parsed("""
        Ivo 1 compound PROPN
        Brandt 4 nsubj PROPN
        , 1 punct PUNCT
        a 4 det DET
        grocer 9 ccomp VERB
        backing 4 xcomp VERB
        the 7 det DET
        plan 5 dobj NOUN
        , 9 punct PUNCT
        said 9 ROOT VERB
        so 9 advmod ADV
    """)
    subj = subject_of(doc[9])
    assert subj is not None and doc[slice(*speaker_span(subj))].text == "Ivo Brandt"


def test_a_speaker_after_the_verb_read_as_its_object_speaks() -> None:
    # "“It held,” added a county official.", with the official read as what was added
    doc = _parsed("""
        It 1 nsubj PRON
        held 3 ccomp VERB
        , 3 punct PUNCT
        added 3 ROOT VERB
        a 6 det DET
        county 6 compound NOUN
        official 3 dobj NOUN
        . 3 punct PUNCT
    """)
    subj = subject_of(doc[3])
    assert subj is not None and doc[slice(*speaker_span(subj))].text == "a county official"
    # with nothing said before it, the object is what the verb acts on: "Then added a clause"
    plain = _parsed("""
        Then 1 advmod ADV
        added 1 ROOT VERB
        a 3 det DET
        clause 1 dobj NOUN
    """)
    assert subject_of(plain[1]) is None


def test_titles_joined_in_an_apposition_lead_back_to_the_name() -> None:
    # "At Dock Nine, Ada Moor, its owner and chief cook, said", the name hung on the dock
    doc = _parsed("""
        At 13 prep ADP
        Dock 2 compound PROPN
        Nine 0 pobj PROPN
        , 2 punct PUNCT
        Ada 5 compound PROPN
        Moor 2 appos PROPN
        , 5 punct PUNCT
        its 8 poss PRON
        owner 5 appos NOUN
        and 8 cc CCONJ
        chief 11 amod ADJ
        cook 8 conj NOUN
        , 13 punct PUNCT
        said 13 ROOT VERB
    """)
    for i in (4, 5):
        doc[i].ent_type_ = "PERSON"
    for i in (1, 2):
        doc[i].ent_type_ = "FAC"
    subj = subject_of(doc[13])
    assert subj is not None and subj.i == 5


def test_an_aside_is_left_out_at_any_depth() -> None:
    # "Ada Moor, a judge from Dover, speaking at noon, said": the participle hangs on "judge"
    doc = _parsed("""
        Ada 1 compound PROPN
        Moor 12 nsubj PROPN
        , 1 punct PUNCT
        a 4 det DET
        judge 1 appos NOUN
        from 4 prep ADP
        Dover 5 pobj PROPN
        , 4 punct PUNCT
        speaking 4 acl VERB
        at 8 prep ADP
        noon 9 pobj NOUN
        , 12 punct PUNCT
        said 12 ROOT VERB
    """)
    assert speaker_extent(doc[0:2], doc[12]) == "Ada Moor, a judge from Dover"


def test_an_infinitive_on_a_phrase_is_the_subject_s_saying() -> None:
    # "Moor went out of her way to say so", with "to say" read as describing "way"
    doc = _parsed("""
        Moor 1 nsubj PROPN
        went 1 ROOT VERB
        out 1 prep ADP
        of 2 prep ADP
        her 5 poss PRON
        way 3 pobj NOUN
        to 7 aux PART
        say 5 relcl VERB
        so 7 advmod ADV
    """)
    subj = subject_of(doc[7])
    assert subj is not None and subj.i == 0
    # on the object it is not the subject's: "Critics faulted the plan to say so"
    obj = _parsed("""
        Critics 1 nsubj NOUN
        faulted 1 ROOT VERB
        the 3 det DET
        plan 1 dobj NOUN
        to 5 aux PART
        say 3 relcl VERB
        so 5 advmod ADV
    """)
    assert subject_of(obj[5]) is None


VALLEY = (
    "Valley road\n\n"
    "Those polled in the valley said the new road was too narrow for the buses.\n\n"
    "These are the terms of the lease, the mayor said.\n\n"
    "The council met Ada Moor, who a week ago surprised the board by declaring that the ferry "
    "would stop in winter.\n\n"
    "The old captain, who is by all accounts enjoying his new job and is saying he won't leave "
    "soon, waved.\n\n"
    "Along with the photo, the harbour master had posted: “The tide is higher than anyone in "
    "this town remembers.”\n\n"
    "At the dinner, Lena Roux cracked, “We will need a much bigger boat for all these "
    "ministers.”\n\n"
    "When the ferry finally docked, “everyone on the quay began to cheer at once,” a deckhand "
    "said.\n\n"
    "After the storm passed, “nobody wanted to talk about the old pier any more.”\n"
)


@pytest.fixture(scope="module")
def valley() -> list[Quote]:
    return _quotes("v.txt", VALLEY)


def test_described_demonstratives_are_people_who_speak(valley: list[Quote]) -> None:
    # "those polled" is a group of people; a bare "these" points at what was said
    assert _with(valley, "too narrow").speaker_text == "Those polled in the valley"
    assert _with(valley, "terms of the lease").speaker_text == "the mayor"


def test_a_cue_going_on_from_a_relative_clause_is_the_pronoun_s(valley: list[Quote]) -> None:
    moor = _with(valley, "ferry would stop")
    assert moor.speaker_text == "who" and moor.speaker == "Ada Moor"
    # the parser may hang "who" on an auxiliary: the clause is still the captain's
    assert _with(valley, "won't leave").speaker_text == "who"


def test_a_clause_ending_in_a_colon_or_a_verb_and_comma_introduces_the_quote(
    valley: list[Quote],
) -> None:
    posted = _with(valley, "tide is higher")
    assert (posted.speaker_text, posted.cue) == ("the harbour master", "posted")
    assert _with(valley, "bigger boat").speaker_text == "Lena Roux"
    # a subordinate clause before the comma introduces nothing: the storm says nothing
    assert _with(valley, "old pier").speaker_text != "the storm"
    assert _with(valley, "began to cheer").speaker_text == "a deckhand"


def test_a_name_misread_between_the_quote_and_its_verb_speaks() -> None:
    # "“Tides turn,” Moss notes.", with "Moss" read as a compound of the verb
    doc = _parsed("""
        “ 2 punct PUNCT
        Tides 2 nsubj NOUN
        turn 6 ccomp VERB
        , 6 punct PUNCT
        ” 6 punct PUNCT
        Moss 6 compound PROPN
        notes 6 ROOT VERB
        . 6 punct PUNCT
    """)
    subj = subject_of(doc[6])
    assert subj is not None and subj.text == "Moss"
    # with no quote closed right before it, a capitalised word is no speaker: "Then Moss notes"
    plain = _parsed("""
        Then 2 advmod ADV
        Moss 2 compound PROPN
        notes 2 ROOT VERB
        it 2 dobj PRON
    """)
    assert subject_of(plain[2]) is None


def _closing(doc: Doc) -> Doc:
    """The tagger's tags for the quote marks the hand parse leaves untagged."""
    for t in doc:
        if t.text in ("”", "“"):
            t.tag_ = "''" if t.text == "”" else "``"
    return doc


def test_a_subject_inside_the_quote_marks_is_a_word_of_the_quote() -> None:
    # "“If the dam holds, it will last,” said Ivo Brandt.", with the quote's "it" read as a
    # second subject of "said"
    doc = _closing(
        _parsed("""
        “ 11 punct PUNCT
        If 4 mark SCONJ
        the 3 det DET
        dam 4 nsubj NOUN
        holds 11 advcl VERB
        , 11 punct PUNCT
        it 11 nsubj PRON
        will 11 aux AUX
        last 11 advmod ADV
        , 11 punct PUNCT
        ” 11 punct PUNCT
        said 11 ROOT VERB
        Ivo 13 compound PROPN
        Brandt 11 nsubj PROPN
        . 11 punct PUNCT
    """)
    )
    subj = subject_of(doc[11])
    assert subj is not None and subj.text == "Brandt"
    # a title quoted whole inside the subject's phrase closes its own marks: the host speaks
    host = _closing(
        _parsed("""
        Lena 1 compound PROPN
        Roux 8 nsubj PROPN
        , 1 punct PUNCT
        host 1 appos NOUN
        of 3 prep ADP
        “ 6 punct PUNCT
        Tides 4 pobj PROPN
        ” 8 punct PUNCT
        said 8 ROOT VERB
        so 8 advmod ADV
    """)
    )
    subj = subject_of(host[8])
    assert subj is not None and subj.text == "Roux"


def test_names_hung_on_a_place_as_a_list_speak_and_so_does_their_second_verb() -> None:
    # "After the storm in Dover, Moor and Kale call it a ruse and describe the plan as a
    # stunt", with the two names read as more places after "Dover"
    doc = _parsed("""
        After 9 prep ADP
        the 2 det DET
        storm 0 pobj NOUN
        in 2 prep ADP
        Dover 3 pobj PROPN
        , 4 punct PUNCT
        Moor 4 conj PROPN
        and 6 cc CCONJ
        Kale 6 conj PROPN
        call 9 ROOT VERB
        it 9 dobj PRON
        a 12 det DET
        ruse 9 oprd NOUN
        and 9 cc CCONJ
        describe 9 conj VERB
        the 16 det DET
        plan 14 dobj NOUN
        as 14 prep ADP
        a 19 det DET
        stunt 17 pobj NOUN
        . 9 punct PUNCT
    """)
    doc.ents = [Span(doc, 4, 5, "GPE"), Span(doc, 6, 7, "PERSON"), Span(doc, 8, 9, "PERSON")]
    for verb in (doc[9], doc[14]):
        subj = subject_of(verb)
        assert subj is not None and subj.text == "Moor"


def test_a_cue_noun_with_a_subject_is_a_verb_and_its_subject_holds_the_claim() -> None:
    # "Kale charges that the fees rose.", with "charges" tagged a plural noun
    words = ["Kale", "charges", "that", "fees", "rose", "."]
    doc = Doc(
        load_nlp().vocab,
        words=words,
        heads=[1, 1, 4, 4, 1, 1],
        deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        pos=["PROPN", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
        lemmas=["Kale", "charge", "that", "fee", "rise", "."],
    )
    reading = noun_or_impersonal(doc[1])
    assert reading is not None and reading.holder is not None and reading.holder.text == "Kale"
    assert reading.content.text == "that fees rose"


def test_a_name_between_the_closing_mark_and_a_verb_hung_elsewhere_speaks() -> None:
    # "He shouted, “Stop,” Roux joked.", with "joked" hung on "shouted" and "Stop" read as
    # what was shouted: the one who controls "joked" would be "Stop"
    doc = _closing(
        _parsed("""
        He 1 nsubj PRON
        shouted 1 ROOT VERB
        , 1 punct PUNCT
        “ 1 punct PUNCT
        Stop 1 dobj PROPN
        , 4 punct PUNCT
        ” 8 punct PUNCT
        Roux 8 compound PROPN
        joked 1 xcomp VERB
        . 1 punct PUNCT
    """)
    )
    subj = subject_of(doc[8])
    assert subj is not None and subj.text == "Roux"


def test_whoever_is_able_to_do_the_saying_says_it() -> None:
    # "Kale will be able to win votes by citing the poll": "citing" hangs, through "win", on
    # the adjective "able", whose subject is the copula's
    doc = _parsed("""
        Kale 2 nsubj PROPN
        will 2 aux AUX
        be 2 ROOT AUX
        able 2 acomp ADJ
        to 5 aux PART
        win 3 xcomp VERB
        votes 5 dobj NOUN
        by 5 prep ADP
        citing 7 pcomp VERB
        the 10 det DET
        poll 8 dobj NOUN
        . 2 punct PUNCT
    """)
    subj = subject_of(doc[8])
    assert subj is not None and subj.text == "Kale"


def test_a_dateline_is_no_subject() -> None:
    # "LYON (AFP) – Mayor Anne Roux said so", with the city read as a second subject
    doc = _parsed("""
        LYON 8 nsubj PROPN
        ( 2 punct PUNCT
        AFP 0 appos PROPN
        ) 2 punct PUNCT
        – 0 punct PUNCT
        Mayor 7 compound PROPN
        Anne 7 compound PROPN
        Roux 8 nsubj PROPN
        said 8 ROOT VERB
        so 8 advmod ADV
    """)
    subj = subject_of(doc[8])
    assert subj is not None and subj.text == "Roux"


def test_where_and_when_the_speaker_spoke_is_not_who_they_are() -> None:
    # "Roux, in Lyon, said so" and "Kale in his speech said so"; "a judge in Lyon" is who
    place = _parsed("""
        Roux 5 nsubj PROPN
        , 0 punct PUNCT
        in 0 prep ADP
        Lyon 2 pobj PROPN
        , 0 punct PUNCT
        said 5 ROOT VERB
        so 5 advmod ADV
    """)
    place.ents = [Span(place, 3, 4, "GPE")]
    assert speaker_extent(place[0:1], place[5]) == "Roux"
    speech = _parsed("""
        Kale 4 nsubj PROPN
        in 0 prep ADP
        his 3 poss PRON
        speech 1 pobj NOUN
        said 4 ROOT VERB
        so 4 advmod ADV
    """)
    speech[3].lemma_ = "speech"
    assert speaker_extent(speech[0:1], speech[4]) == "Kale"
    judge = _parsed("""
        a 1 det DET
        judge 4 nsubj NOUN
        in 1 prep ADP
        Lyon 2 pobj PROPN
        said 4 ROOT VERB
        so 4 advmod ADV
    """)
    judge.ents = [Span(judge, 3, 4, "GPE")]
    assert speaker_extent(judge[0:2], judge[4]) == "a judge in Lyon"


def test_a_share_of_those_polled_speaks() -> None:
    # "About 4 in 10 say they want a change", with "10" read as a number modifying "say"
    doc = _parsed("""
        About 1 advmod ADV
        4 3 quantmod NUM
        in 3 quantmod ADP
        10 4 nummod NUM
        say 4 ROOT VERB
        they 6 nsubj PRON
        want 4 ccomp VERB
        a 8 det DET
        change 6 dobj NOUN
    """)
    for t in doc[:4]:
        t.tag_ = "CD" if t.pos_ == "NUM" else t.tag_
    subj = subject_of(doc[4])
    assert subj is not None and subj.text == "10"


def test_a_cue_ending_a_phrase_of_the_main_verb_is_its_subject_s() -> None:
    # "In addition to stating that fees rose, Kale vowed to act"
    doc = _parsed("""
        In 10 prep ADP
        addition 0 pobj NOUN
        to 1 prep ADP
        stating 2 pcomp VERB
        that 6 mark SCONJ
        fees 6 nsubj NOUN
        rose 3 ccomp VERB
        , 10 punct PUNCT
        Kale 10 nsubj PROPN
        has 10 aux AUX
        vowed 10 ROOT VERB
        to 12 aux PART
        act 10 xcomp VERB
    """)
    subj = subject_of(doc[3])
    assert subj is not None and subj.text == "Kale"


SIGNED = (
    "Readers on the bridge\n\n"
    "“The new bridge has cut my drive to work in half, and I am grateful for it.” ― Lena Marsh\n\n"
    "“Nobody asked the people who live under it what they thought of the noise.” — Tomas "
    "Ekberg.\n\n"
    "”Fear is all the bridge has brought to this side of the river.” ― Ana Ruiz\n\n"
    "“The bridge will never carry the trains it was built for.” — and for a year it did not.\n\n"
    "The council met on Monday to hear the complaints. Said Ada Moor: “We will look at the "
    "noise again in the spring.”\n\n"
    "The parents wrote to the board in May. “Our children are thriving in these schools and we "
    "want them to stay,” the letter reads.\n"
)


@pytest.fixture(scope="module")
def signed() -> list[Quote]:
    return _quotes("s.txt", SIGNED)


def test_a_quote_signed_with_a_dash_and_a_name_is_that_person_s(signed: list[Quote]) -> None:
    marsh = _with(signed, "drive to work")
    assert (marsh.speaker_text, marsh.rule) == ("Lena Marsh", "direct-signed")
    assert _with(signed, "under it").speaker_text == "Tomas Ekberg"
    # a closing mark typed for the opening one still opens the quote
    assert _with(signed, "Fear is all").speaker_text == "Ana Ruiz"
    # a dash going on in the author's words signs nothing
    assert _with(signed, "never carry").speaker_text is None


def test_a_name_before_the_colon_speaks_for_a_cue_without_subject(signed: list[Quote]) -> None:
    # "Said Ada Moor:", which the parser reads as a name with "Said" for its compound
    q = _with(signed, "look at the noise")
    assert q.speaker_text == "Ada Moor"


def test_a_text_that_reads_gives_its_words(signed: list[Quote]) -> None:
    q = _with(signed, "thriving in these schools")
    assert (q.speaker_text, q.cue) == ("the letter", "reads")


def test_a_named_speaker_likened_to_another_is_not_described_by_the_likeness() -> None:
    """ "Anna Varga, like Karl Novak, said": the likeness is an aside, not who speaks;
    "Critics, like Karl Novak," names examples of the critics and stays."""
    text = (
        "Border\n\nMinister Anna Varga, like Karl Novak, said the border would stay shut.\n\n"
        "Critics, like Karl Novak, said the tolls were too high.\n"
    )
    assert [q.speaker_text for q in _quotes("like.txt", text)] == [
        "Minister Anna Varga",
        "Critics, like Karl Novak",
    ]
