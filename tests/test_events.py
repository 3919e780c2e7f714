"""Events: coding, actors, modality, dates and places on sentences written for these tests.

Mentions are set from spaCy's entities with a small table written here, so the event rules are
tested on their own contract (Mention.state / Mention.actor) whatever the actors stage does.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from detente.annotate import Annotated, annotate
from detente.evaluate.cameo5 import char_wb_ngrams, load_model
from detente.extract.events import extract_events
from detente.extract.ontology import _FUNCTION_WORDS as FUNCTION_WORDS
from detente.extract.ontology import cameo_info, lexicon
from detente.model import Document, Event, Mention, Metadata, Paragraph

SHARED = Path(os.environ.get("DETENTE_SHARED", Path(__file__).resolve().parents[2] / "shared"))

STATES = {
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "China": "CHN",
    "Chinese": "CHN",
    "Beijing": "CHN",
    "Harbin": "CHN",
    "Ruritania": "RUR",
    "Ruritanian": "RUR",
    "Freedonia": "FRE",
    "Freedonian": "FRE",
    "Ruritanians": "RUR",
}
PEOPLE = {"Ivan Petrov": "RUS", "Petrov": "RUS", "Wang Lei": "CHN", "Wang": "CHN"}


def _annotated(text: str, published: str = "2023-04-17") -> Annotated:
    import datetime as dt
    import hashlib

    paras, pos = [], 0
    for block in text.split("\n\n"):
        start = text.index(block, pos)
        paras.append(Paragraph(start, start + len(block)))
        pos = start + len(block)
    digest = hashlib.sha256(text.encode()).hexdigest()
    meta = Metadata(published=dt.date.fromisoformat(published))
    doc = Document(digest[:16], "test", text, digest, "text", tuple(paras), meta)
    ann = annotate(doc)
    mentions = []
    for sent, span, offset in ann.sentence_spans():
        for ent in span.ents:
            name = ent.text.removeprefix("the ")
            state = STATES.get(name) or PEOPLE.get(name)
            if state is None and ent.label_ == "PERSON":
                state = next((v for k, v in PEOPLE.items() if name.endswith(k)), None)
            if state is None and ent.text == "NATO":
                mentions.append(
                    Mention(offset + ent.start_char, offset + ent.end_char, ent.text, "ORG",
                            sent.index, actor="NATO", rule="test", name="NATO")
                )  # fmt: skip
            elif state is not None:
                mentions.append(
                    Mention(offset + ent.start_char, offset + ent.end_char, ent.text, ent.label_,
                            sent.index, actor=None, rule="test", state=state, name=name)
                )  # fmt: skip
    ann.mentions = mentions
    return ann


def _events(text: str, published: str = "2023-04-17") -> list[Event]:
    return extract_events(_annotated(text, published))


def _one(events: list[Event], trigger_word: str) -> Event:
    hits = [e for e in events if trigger_word in e.trigger]
    assert len(hits) == 1, events
    return hits[0]


def test_meeting_dyad_date_and_place() -> None:
    ev = _one(
        _events(
            "Ivan Petrov met with Wang Lei in the Kremlin in Moscow on Sunday, officials said."
        ),
        "met",
    )
    assert (ev.source_actor, ev.target_actor) == ("RUS", "CHN")
    assert ev.plover == "CONSULT" and ev.cameo == "040"
    assert ev.quad_class == 1 and ev.goldstein is not None
    assert ev.modality == "asserted"
    assert (ev.date, ev.date_precision) == ("2023-04-16", "day")  # Sunday before Monday 17th
    assert (ev.location, ev.location_state) == ("Moscow", "RUS")


def test_compound_subject_is_one_event_with_both_actors() -> None:
    events = _events("Ruritania and Freedonia held joint naval exercises in March.")
    ev = _one(events, "exercises")
    assert {ev.source_actor, ev.target_actor} == {"RUR", "FRE"}
    assert ev.plover == "COOPERATE"
    assert (ev.date, ev.date_precision) == ("2023-03", "month")


def test_passive_agent_is_source() -> None:
    ev = _one(_events("Wang Lei was sanctioned by Freedonia in 2018."), "sanctioned")
    assert (ev.source_actor, ev.target_actor) == ("FRE", "CHN")
    assert ev.cameo == "163" and ev.quad_class == 4
    assert ev.plover == "SANCTION"  # the PLOVER manual, over the 2021 crosswalk's COERCE
    assert ev.date == "2018"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russia could sign a defence treaty with Freedonia.", "sign", "hypothetical"),
        ("Russia will send aid to Freedonia next year.", "send", "future"),
        ("Russia did not send troops to Freedonia.", "send", "negated"),
        ("NATO has seen no signs yet that Ruritania is supplying arms to Freedonia.",
         "supplying", "negated"),
        ("Will Russia send troops to Freedonia?", "send", "question"),
        ("Russia sent humanitarian aid to Freedonia.", "sent", "asserted"),
        ("Ivan Petrov plans to visit Freedonia.", "visit", "future"),
        ("Russia plans to close its border with Freedonia.", "close", "future"),
        ('Critics failed to prove their theory of "Russia supporting Freedonia with weapons".',
         "supporting", "hypothetical"),
        ("Ivan Petrov said that Russia would boycott Freedonian goods.", "boycott", "future"),
    ],
)  # fmt: skip
def test_modality(text: str, word: str, expected: str) -> None:
    assert _one(_events(text), word).modality == expected


def test_conjoined_verbs_inherit_future() -> None:
    events = _events("Ruritania and Freedonia will organize joint patrols and expand trade.")
    assert events
    assert all(e.modality == "future" for e in events), events


def test_no_event_without_a_resolved_actor() -> None:
    assert _events("The officials met with the delegates on Sunday.") == []


def test_statement_needs_an_actor_in_what_was_said() -> None:
    events = _events(
        "Ivan Petrov said that China is a reliable partner.\n\nIvan Petrov said it rained."
    )
    said = [e for e in events if e.plover == "STATEMENT"]
    assert len(said) == 1
    assert (said[0].source_actor, said[0].target_actor) == ("RUS", "CHN")


def test_reported_ongoing_act_takes_the_report_date() -> None:
    ev = _one(
        _events("Wang Lei disclosed in March 2021 that China was helping Freedonia.", "2023-04-17"),
        "helping",
    )
    assert (ev.source_actor, ev.target_actor) == ("CHN", "FRE")
    assert ev.date == "2021-03"


def test_no_publication_date_by_default() -> None:
    ev = _one(_events("Russia sent humanitarian aid to Freedonia."), "sent")
    assert ev.date is None


def test_arrival_visit_targets_the_host_state() -> None:
    ev = _one(_events("On June 3, Wang Lei arrived in Moscow for two days of talks.", "2024-06-05"),
              "arrived")  # fmt: skip
    assert (ev.source_actor, ev.target_actor) == ("CHN", "RUS")
    assert ev.date == "2024-06-03"
    assert ev.location == "Moscow"


def test_ontology_crosswalk_and_extensions() -> None:
    assert cameo_info("0312") is not None and cameo_info("0312").plover == "AGREE"  # type: ignore[union-attr]
    assert cameo_info("010").plover == "STATEMENT"  # type: ignore[union-attr]
    assert cameo_info("190").quad_class == 4  # type: ignore[union-attr]
    assert cameo_info("057").quad_class == 1  # type: ignore[union-attr]
    assert cameo_info("9999") is None
    lex = lexicon()
    assert lex.default("visit") == "042"
    assert lex.default("be") is None
    assert (
        lex.match("hold", ["joint", "exercises"]) == ("062", 1)
        or lex.match("hold", ["joint", "exercises"])[0] == "062"
    )  # type: ignore[index]


def test_char_ngrams_match_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "Ruritania  sent AID, to Freedonia!"
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))
    assert sorted(char_wb_ngrams(text)) == sorted(vec.build_analyzer()(text))


def test_classifier_separates_conflict_from_cooperation() -> None:
    model = load_model()
    assert set(model.classes) == {0, 1, 2, 3, 4}
    ann = _annotated("Ruritanian troops shelled Freedonian villages, killing ten civilians.")
    from detente.evaluate.cameo5 import predict

    _sent, span, _off = next(ann.sentence_spans())
    assert predict(span) == 4


@pytest.mark.slow
def test_eval_suite_beats_the_baseline() -> None:
    if not (SHARED / "eval/events").exists():
        pytest.skip("no gold data")
    from detente.evaluate.events import run

    scores = run(SHARED, limit=None)
    assert scores["events.cameo5_macro_f1"] > 0.63
    assert scores["events.plover_type_coverage"] > 0.5


def test_statement_target_is_the_addressee_not_a_country_in_the_clause() -> None:
    events = _events(
        "Wang Lei told the Ruritanian newspaper Pravda that Freedonia is a partner.\n\n"
        "Ivan Petrov told Wang Lei that Freedonia is a partner.\n\n"
        "Ivan Petrov answered two questions on Freedonia."
    )
    said = [(e.source_actor, e.target_actor, e.trigger) for e in events if e.cameo == "010"]
    assert said == [("RUS", "CHN", "told"), ("RUS", "FRE", "answered")]


def test_a_relation_is_not_an_agent() -> None:
    events = _events("Cooperation between Ruritania and Freedonia is boosting the army of Russia.")
    assert events == []
    ev = _one(_events("Russia restored diplomatic ties with Freedonia."), "restored")
    assert (ev.source_actor, ev.target_actor) == ("RUS", "FRE")


def test_copular_buyer_is_a_purchase_from_the_seller() -> None:
    ev = _one(
        _events("In 2017, Freedonia became the largest buyer of Chinese naval drones."),
        "buyer",
    )
    assert (ev.source_actor, ev.target_actor) == ("FRE", "CHN")
    assert (ev.cameo, ev.plover, ev.date, ev.modality) == ("062", "COOPERATE", "2017", "asserted")
    ev = _one(_events("Russia remains the main supplier of wheat to China."), "supplier")
    assert (ev.source_actor, ev.target_actor, ev.cameo) == ("RUS", "CHN", "061")


def test_the_two_sides_are_the_two_states_of_the_sentence() -> None:
    ev = _one(
        _events(
            "During the meeting between Ivan Petrov and Wang Lei, the two sides signed a joint "
            "statement."
        ),
        "statement",
    )
    assert {ev.source_actor, ev.target_actor} == {"RUS", "CHN"}
    assert ev.cameo == "057"


def test_document_signed_by_two_leaders() -> None:
    ev = _one(
        _events(
            "Both sides will deepen trust, reads the Joint Declaration on a New Era signed by "
            "Wang Lei and Ivan Petrov during Wang's visit to Moscow in March."
        ),
        "signed",
    )
    assert {ev.source_actor, ev.target_actor} == {"RUS", "CHN"}
    assert (ev.cameo, ev.date) == ("057", "2023-03")


def test_act_at_the_meeting_takes_the_meeting_date() -> None:
    events = _events(
        "Ivan Petrov met with Wang Lei in Moscow on Sunday.\n\n"
        "At the meeting, Ivan Petrov said that Freedonia is a threat."
    )
    ev = _one(events, "said")
    assert (ev.source_actor, ev.target_actor, ev.date) == ("RUS", "FRE", "2023-04-16")


def test_speaker_at_a_dated_occasion_keeps_its_date() -> None:
    text = (
        "On March 3, Ivan Petrov took part in a conference in Beijing.\n\n"
        "Ivan Petrov said that Freedonia is a reliable partner.\n\n"
        "In 2019, trade fell.\n\n"
        "Ivan Petrov said that Ruritania is a reliable partner."
    )
    events = [e for e in _events(text) if e.cameo == "010"]
    assert [(e.target_actor, e.date) for e in events] == [("FRE", "2023-03-03"), ("RUR", None)]


def test_speech_anchor_later_in_the_same_paragraph() -> None:
    events = _events(
        "Ivan Petrov said that Freedonia is a partner. Speaking at a forum on Thursday, "
        "Ivan Petrov also praised Freedonia.",
        "2020-10-25",
    )
    ev = _one(events, "said")
    assert ev.date == "2020-10-22"


def test_restatement_in_the_same_paragraph_is_one_event() -> None:
    events = _events("Wang Lei was sanctioned by Freedonia. Freedonia sanctioned Wang Lei in 2018.")
    assert [(e.trigger, e.date) for e in events if e.cameo == "163"] == [("sanctioned", "2018")]
    assert [e.sentence for e in events] == [1]


def test_cooperation_needs_a_recipient() -> None:
    assert _events("Russia sent humanitarian aid.") == []
    assert len(_events("Russia sent humanitarian aid to Freedonia.")) == 1


def test_future_act_keeps_its_type_with_an_intent_code() -> None:
    # CAMEO codes an announced act as an intent (0312); its PLOVER type is the act's, the
    # modality saying it is to come ("will meet" is a future CONSULT, as analysts read it)
    events = _events(
        "Ruritania and Freedonia will organize joint patrols and deepen military trust."
    )
    patrols = _one(events, "patrols")
    assert (patrols.cameo, patrols.plover, patrols.modality) == ("0312", "COOPERATE", "future")
    assert all(e.plover != "MOBILIZE" for e in events), events  # "military trust" is no force
    meet = _one(_events("Ivan Petrov will meet Wang Lei in Beijing next week."), "meet")
    assert (meet.plover, meet.modality) == ("CONSULT", "future")


def test_headline_case_sentences_are_skipped() -> None:
    assert _events("Russia Is Sending Troops To Freedonia, Says Ivan Petrov") == []


def test_domestic_event_keeps_a_second_actor_of_the_same_state() -> None:
    ev = _one(_events("Chinese security forces detained several Chinese activists in Harbin."),
              "detained")  # fmt: skip
    assert (ev.source_actor, ev.target_actor) == ("CHN", "CHN")


@pytest.mark.parametrize(
    ("text", "word", "cameo", "plover"),
    [
        ("Russia demanded the withdrawal of Freedonian forces.", "demanded", "10", "REQUEST"),
        ("Freedonian students staged a hunger strike.", "staged", "142", "PROTEST"),
    ],
)
def test_codes_of_demands_and_strikes(text: str, word: str, cameo: str, plover: str) -> None:
    ev = _one(_events(text), word)
    assert ev.cameo is not None and ev.cameo.startswith(cameo)
    assert ev.plover == plover


def test_reported_pronoun_subject_is_the_speaker() -> None:
    ev = _one(_events("NATO confirmed that it would tighten the blockade of Russia."), "tighten")
    # the act announced keeps its type (a blockade), its modality saying it is to come
    assert (ev.source_actor, ev.target_actor, ev.plover) == ("NATO", "RUS", "COERCE")
    assert (ev.modality, ev.cameo[:2]) == ("future", "13")


def test_counterparts_and_possessors() -> None:
    # "Russian allies" are not Russia; "China's policy towards Freedonia" is China's
    assert not [e for e in _events("Russian allies rejected the plan.") if e.source_actor]
    ev = _one(_events("Ivan Petrov criticised China's policy towards Freedonia."), "criticised")
    assert (ev.source_actor, ev.target_actor) == ("RUS", "CHN")


def test_purpose_clause_is_not_asserted() -> None:
    events = _events("Russia sent aid to Freedonia to fight China.")
    assert all(e.modality != "asserted" for e in events if "fight" in e.trigger)
    assert _one(events, "sent").modality == "asserted"


def test_being_a_threat_is_no_threatening() -> None:
    events = _events("Ivan Petrov said in 2007 that China is not a threat to Russia.")
    assert all(e.plover != "THREATEN" for e in events), events


def test_unknown_agents_only_for_material_acts() -> None:
    # a bombing kills: the victims' state is recorded though the agent is unknown
    ev = _one(_events("A roadside bomb killed two Russian soldiers."), "killed")
    assert (ev.source_actor, ev.target_actor, ev.plover) == (None, "RUS", "ASSAULT")
    # a verbal act needs its speaker, a person's verbal act its addressee
    assert _events("Several officials praised Freedonia.") == []
    assert _events("Ivan Petrov admitted his mistake.") == []


def test_conjoined_actors_with_a_target_are_one_event_each() -> None:
    events = _events("Russia and China welcomed the resumption of ties with Freedonia.")
    assert sorted((e.source_actor, e.target_actor) for e in events) == [
        ("CHN", "FRE"),
        ("RUS", "FRE"),
    ]
    events = _events("Russia restored diplomatic ties with China and Freedonia.")
    assert sorted((e.source_actor, e.target_actor) for e in events) == [
        ("RUS", "CHN"),
        ("RUS", "FRE"),
    ]


def test_discourse_dates_stay_conservative() -> None:
    # a meeting dated only to the month in another sentence does not date "the meeting" act
    events = _events(
        "In March, Ivan Petrov visited China.\n\n"
        "At the meeting, Ivan Petrov said that Freedonia is a threat."
    )
    assert _one(events, "said").date is None
    # a present-tense statement is not dated by an earlier occasion: it is news of the day,
    # dated by publication and marked as such
    events = _events(
        "On March 3, Ivan Petrov took part in a conference in Beijing.\n\n"
        "Ivan Petrov says that Freedonia is a reliable partner."
    )
    says = _one(events, "says")
    assert (says.date, says.date_basis) == ("2023-04-17", "reported")


# --- precision rules for general news (sentences written for these tests) ---


@pytest.mark.parametrize(
    "text",
    [
        "Three Ruritanian soldiers have died in Freedonia.",  # the dead do not act
        "The Ruritanian currency continued to strengthen against Freedonia.",
        "Ruritania fired its ambassador to Freedonia on Monday.",  # a dismissal, no attack
        "Ivan Petrov attacked his critics in a long speech.",  # a figure of speech
        "The Ruritanian city of Zenda will host the Freedonian festival.",
        "Freedonia determined that the election was fair.",  # its own business
        "Most Ruritanians agree with Freedonia's trade policy.",  # public opinion
        "Ruritanian officials have not broken the law.",
        "The Freedonian government welcomed",  # a cut-off line
        "Russia released a transcript of the call with Freedonia.",  # paperwork, no concession
        "Russia killed the Freedonian proposal at the council.",  # no attack
        "The revised order removed Freedonia from the list.",  # coercion by no one known
        "A team of inspectors would deploy to Freedonia shortly.",  # no one's plan
        "Ivan Petrov did not mention Freedonia in his speech.",  # a remark not made
        "Russia has not encouraged such reforms.",  # a non-act towards no one
        "Pulling out troops would mean Russia breaking its word.",
        "Freedonian governments have struggled with the question for decades.",
        # a need or a fact granted is no recognition of anyone
        "Ruritania and Freedonia recognize the importance of resolving the crisis.",
        # counts of a people travelling are private travel, no visit
        "An estimated 2,000 Ruritanians have traveled to Freedonia to fight.",
        "Hundreds of Ruritanians have traveled to Freedonia since 2011.",
        # people taken in are no praise of their state nor a visit of its officials
        "Last year Russia welcomed 1,200 Freedonian migrants.",
        "Russia hosts 5,000 refugees from Freedonia.",
    ],
)
def test_no_event_in_general_news_noise(text: str) -> None:
    assert _events(text) == []


def test_recognition_and_officials_travel_stay_events() -> None:
    ev = _one(_events("Ruritania and Freedonia recognize each other's claims."), "recognize")
    assert (ev.source_actor, ev.target_actor, ev.plover) == ("RUR", "FRE", "SUPPORT")
    ev = _one(_events("Two Ruritanian diplomats traveled to Freedonia."), "traveled")
    assert (ev.source_actor, ev.target_actor, ev.plover) == ("RUR", "FRE", "CONSULT")


def test_a_plan_is_coded_once_on_the_planned_act() -> None:
    events = _events("Russia plans to send humanitarian aid to Freedonia.")
    assert [e.trigger for e in events] == ["send aid"], events
    assert events[0].modality == "future"


def test_a_persons_coercion_without_a_target_stays() -> None:
    ev = _one(_events("Ivan Petrov levied new tariffs last year."), "levied")
    assert (ev.source_actor, ev.plover, ev.target_actor) == ("RUS", "COERCE", None)


def test_firing_missiles_is_still_an_attack() -> None:
    ev = _one(_events("Russia fired missiles at Freedonia on Monday."), "fired")
    assert (ev.source_actor, ev.target_actor, ev.plover) == ("RUS", "FRE", "ASSAULT")


def test_conjoined_subjects_of_a_non_joint_act_are_not_each_others_target() -> None:
    events = _events("Ruritania and Freedonia imposed bans on grain exports.")
    assert all(e.target_actor is None for e in events), events
    joint = _one(_events("Ruritania and Freedonia have delayed their meeting."), "delayed")
    assert {joint.source_actor, joint.target_actor} == {"RUR", "FRE"}


def test_a_condition_is_hypothetical_even_when_negated() -> None:
    text = "If Russia does not close its border, Freedonia will impose sanctions on it."
    assert _one(_events(text), "close").modality == "hypothetical"


def test_an_inverted_condition_is_hypothetical() -> None:
    text = "Had Russia permitted Freedonian journalists to work, China would have known."
    assert _one(_events(text), "permitted").modality == "hypothetical"


def test_releasing_prisoners_is_still_an_event() -> None:
    ev = _one(_events("Russia released twenty Freedonian prisoners on Monday."), "released")
    assert (ev.source_actor, ev.target_actor) == ("RUS", "FRE")


def test_to_the_extent_that_is_a_condition() -> None:
    text = "To the extent that Russian troops directly threaten Freedonia, China will act."
    assert _one(_events(text), "threaten").modality == "hypothetical"


def test_a_venue_is_not_the_target_of_a_verbal_act() -> None:
    events = _events("Ruritania criticised the plan at the Freedonian parliament.")
    assert all(e.target_actor != "FRE" for e in events), events


def test_a_clause_telling_when_names_no_object() -> None:
    """ "the day Freedonia announced ...", hung on the verb by the parser, tells when the
    sanctions came, not whom they hit; a complement that is a request stays raised."""
    events = _events(
        "Russia announced new sanctions the day Freedonia announced its election results."
    )
    assert all(e.target_actor != "FRE" for e in events), events
    ev = _one(_events("Russia urged China to leave the disputed islands."), "urged")
    assert (ev.source_actor, ev.target_actor) == ("RUS", "CHN")


def test_a_claim_about_a_third_partys_future_is_the_speakers_statement() -> None:
    events = _events("Ivan Petrov said Freedonia would pay for the damage.")
    assert [e.source_actor for e in events] == ["RUS"], events
    # a party's own announcement stays: the host announcing the visit it receives
    ev = _one(_events("Wang Lei will visit Russia in June, the Russian embassy said."), "visit")
    assert (ev.source_actor, ev.target_actor, ev.modality) == ("CHN", "RUS", "future")


def test_stative_passive_and_mounted_invasion() -> None:
    ev = _one(_events("Russia is opposed to Freedonian mediation in talks with China."), "opposed")
    assert (ev.source_actor, ev.target_actor, ev.plover) == ("RUS", "FRE", "REJECT")
    ev = _one(_events("Russia mounted an invasion of Freedonia."), "mounted")
    assert (ev.source_actor, ev.target_actor) == ("RUS", "FRE")


def test_intents_in_a_dated_joint_statement_take_its_date() -> None:
    text = (
        "Russia and China will regularly hold joint naval patrols, says the joint declaration "
        "the two leaders signed in Moscow in March."
    )
    ev = _one(_events(text), "patrols")
    assert (ev.modality, ev.date, ev.date_precision) == ("future", "2023-03", "month")
    assert ev.rule.endswith("date-document")


def test_conjoined_intents_of_one_type_are_one_event_of_the_sentence() -> None:
    # one event per (sentence, source, target, type): two announced acts of cooperation of
    # the same pair in one sentence are one COOPERATE, dated by the document they are read from
    text = (
        "China and Russia will hold joint air drills every year and widen officer exchanges, "
        "says the declaration the two leaders signed in Moscow in March."
    )
    events = [e for e in _events(text) if (e.source_actor, e.target_actor) == ("CHN", "RUS")]
    assert [(e.plover, e.modality) for e in events] == [("COOPERATE", "future")]
    assert (events[0].date, events[0].date_basis) == ("2023-03", "discourse")


def test_a_list_introduced_by_a_dated_statement_takes_its_date() -> None:
    text = (
        "On June 3, Wang Lei and Ivan Petrov signed a declaration in Moscow that sets out two "
        "aims:\n\n"
        "First, China and Russia will deepen naval cooperation.\n\n"
        "Second, China will expand grain purchases from Russia.\n\n"
        "China will also send aid to Freedonia."
    )
    events = _events(text, published="2024-06-09")
    assert _one(events, "deepen").date == "2024-06-03"
    assert _one(events, "expand").date == "2024-06-03"
    assert _one(events, "send").date is None  # after the list: not the statement's


def test_a_future_intent_without_a_document_stays_undated() -> None:
    text = "Ruritania signed a treaty with Freedonia in March. Russia will send aid to China."
    assert _one(_events(text), "send").date is None


def test_stative_passive_reads_the_subject_as_agent() -> None:
    from spacy.tokens import Doc

    from detente.annotate import load_nlp
    from detente.extract.events import _stative
    from detente.extract.events.rules import subjects

    words = ["Russia", "is", "opposed", "to", "mediation"]
    doc = Doc(
        load_nlp().vocab,
        words=words,
        heads=[2, 2, 2, 2, 3],
        deps=["nsubjpass", "auxpass", "ROOT", "prep", "pobj"],
        lemmas=["Russia", "be", "oppose", "to", "mediation"],
        pos=["PROPN", "AUX", "VERB", "ADP", "NOUN"],
    )
    assert subjects(doc[2])[1]  # the parse says passive ...
    assert _stative(doc[2])  # ... but "is opposed to" is a state of the subject


def _reference_match(lemma: str, words: list[str], heads: list[str] | None) -> object:
    """PETRARCH pattern matching written plainly: every element against every word."""

    def hit(alt: str, word: str) -> bool:
        if alt.endswith("_"):
            return word == alt[:-1]
        if alt in FUNCTION_WORDS:  # a preposition is matched as written ("for" is not "forces")
            return word == alt
        return word.startswith(alt) and len(word) - len(alt) <= 3

    lex = lexicon()
    entry = lex.verbs.get(lemma)
    if entry is None or entry[1] < 0:
        return None
    best: tuple[str | None, int] | None = None
    for elems, code in lex.blocks[entry[1]]:
        if best is not None and len(elems) <= best[1]:
            continue
        pool = heads if heads is not None and len(elems) == 1 else words
        if all(any(hit(a, w) for a in alts for w in pool) for alts in elems):
            best = (code, len(elems))
    return best


def _inflected(rng: random.Random, alts: list[str]) -> str:
    """A word a pattern element may or may not match: inflected, cut short, or unrelated."""
    base = rng.choice(alts).rstrip("_")
    tail = rng.choice(["", "", "s", "ing", "ings", "ed"])
    return str(rng.choice([base + tail, base[:-1], base + "_", "the"]))


def test_indexed_pattern_matching_agrees_with_the_plain_definition() -> None:
    """The indexed matcher (prefix lookups) finds exactly what testing every pair finds,
    inflections, exact ``x_`` elements, one-word patterns on heads and misses included."""
    lex = lexicon()
    rng = random.Random(7)
    verbs = sorted(v for v, e in lex.verbs.items() if e[1] >= 0)
    matched = 0
    for _ in range(3000):
        verb = rng.choice(verbs)
        block = lex.blocks[lex.verbs[verb][1]]
        alts = sorted({a for elems, _ in block for group in elems for a in group}) or ["x"]

        words = [_inflected(rng, alts) for _ in range(rng.randint(0, 8))]
        heads = rng.choice([None, words[: len(words) // 2], [_inflected(rng, alts)]])
        expected = _reference_match(verb, words, heads)
        assert lex.match(verb, words, heads) == expected, (verb, words, heads)
        matched += expected is not None
    assert matched > 300  # the sample exercises matches, not only misses


# --- general news usage: verbs read as news means them (sentences written for these tests) --


@pytest.mark.parametrize(
    "text",
    [
        "Ruritanian officials said they don't feel threatened by Freedonia.",  # a state of mind
        "Ruritania feels threatened by Freedonia.",
        "Ruritanian troops left the area near the Freedonian border.",  # departure, no meeting
        "Ruritania warned of dependence on Freedonian gas.",  # a danger, not a threat
        "Ruritania imported $40 billion of oil from Freedonia last year.",  # a trade figure
        "Ruritania imports 80 percent of its oil from Freedonia.",
        "Ruritania is escalating its military involvement in Freedonia.",  # never cooperation
        "The sanctions affected Ruritania's trade with Freedonia.",  # an effect, not an act
        "Ruritania continued its policy towards Freedonia.",  # aspect: the complement acts
        "Ivan Petrov kicked off the Freedonian campaign in Moscow.",  # a particle's idiom
        "Wang Lei fired back at Freedonia over the report.",
        "The sanctions hurt Freedonia's economy badly.",  # economic harm, no assault
        "Russian tariffs have hit Chinese exporters hard.",  # a measure's effect
        "Russia already has a mutual defence treaty with Freedonia.",  # a treaty in force
        "Russia determined that the attacks in Freedonia were deliberate.",  # a finding
        "Russia expects inflation in Freedonia to double next year.",  # a forecast
        "Freedonia must protect itself from Ruritanian militants, he said.",  # self-defence
        "Moscow could try to meddle in the Freedonian referendum.",
        "Ruritania will leave NATO next year.",  # a membership ended, no retreat
    ],
)
def test_literal_readings_code_nothing(text: str) -> None:
    assert [e for e in _events(text) if e.target_actor] == [], text


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("Russia hit China with tariffs on steel.", "hit", "SANCTION"),
        ("Moscow slapped tariffs on Chinese aluminium.", "slapped", "SANCTION"),
        ("China called on Russia to stop the patrols.", "called", "APPEAL"),
        ("Ivan Petrov called Wang Lei a liar.", "called", "ACCUSE"),
        ("Russia says it has carried out 20 airstrikes in Freedonia.", "airstrikes", "ASSAULT"),
        ("Russian troops left China last year.", "left", "RETREAT"),
        ("Ivan Petrov spoke with Wang Lei by phone on Monday.", "spoke", "CONSULT"),
        ("Ivan Petrov spoke to Chinese leaders about trade.", "spoke", "CONSULT"),
        ("Russia agreed to cut its oil exports to China.", "agreed", "AGREE"),
    ],
)
def test_news_readings(text: str, word: str, plover: str) -> None:
    ev = _one(_events(text), word)
    assert ev.plover == plover, ev


def test_speaking_to_an_audience_is_no_conversation() -> None:
    events = _events("Ivan Petrov spoke to Chinese delegates at a forum in Harbin.")
    assert not [e for e in events if e.plover == "CONSULT"], events


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Ruritanians criticized the demand that Freedonia investigate Wang Lei.", "investigate"),
        ("Ruritania demanded that Freedonia withdraw its troops from the border.", "withdraw"),
        ("Russia will block the plan unless NATO recognises Freedonia.", "recognises"),
        ("Ruritania hopes that Freedonia will support the deal.", "support"),
    ],
)
def test_demanded_conditional_and_hoped_acts_are_not_asserted(text: str, word: str) -> None:
    assert all(e.modality != "asserted" for e in _events(text) if word in e.trigger)


def test_the_reported_act_is_the_event_not_the_saying() -> None:
    events = _events("Russia says it has carried out 20 airstrikes in Freedonia.")
    assert [(e.source_actor, e.plover, e.target_actor) for e in events] == [
        ("RUS", "ASSAULT", "FRE")
    ]
    # dated by publication, as a present-tense report with no date of its own
    assert (events[0].date, events[0].date_basis) == ("2023-04-17", "reported")
    # a saying addressed to another party stays an event of its own
    told = _events("Russia told Freedonia that it had carried out airstrikes in Ruritania.")
    assert {e.plover for e in told} >= {"STATEMENT", "ASSAULT"}


def test_the_troops_of_a_reported_clause_are_the_speakers() -> None:
    # "its warplanes" in what Russia says are Russia's: the reported act is Russia's attack
    events = _events("Russia said its warplanes had struck rebel bases in Freedonia.")
    assert [(e.source_actor, e.plover, e.target_actor) for e in events] == [
        ("RUS", "ASSAULT", "FRE")
    ]
    # the owner is the speaker only in what the speaker says
    events = _events("Its warplanes struck rebel bases in Freedonia.")
    assert all(e.source_actor is None for e in events), events


def test_one_event_per_sentence_source_target_and_type() -> None:
    events = _events("Russia launched an attack on Freedonia and struck Freedonia again.")
    keys = [(e.source_actor, e.target_actor, e.plover) for e in events]
    assert len(keys) == len(set(keys)) and ("RUS", "FRE", "ASSAULT") in keys


@pytest.mark.parametrize(
    ("text", "date", "basis"),
    [
        ("Russia criticized Freedonia on March 3, 2021.", "2021-03-03", "stated"),
        ("Russia criticized Freedonia on Tuesday.", "2023-04-11", "relative"),
        ("Russia criticizes Freedonia.", "2023-04-17", "reported"),
        ("Russia has criticized Freedonia.", "2023-04-17", "reported"),
        ("Russia criticized Freedonia.", None, "none"),  # a past act with no date: unknown
        # a historical sentence: "in March" is not March of the publication year
        ("In 1963, after talks in March, Russia criticized Freedonia in March.", None, "none"),
    ],
)
def test_date_basis(text: str, date: str | None, basis: str) -> None:
    ev = _one(_events(text), "critici")
    assert (ev.date, ev.date_basis) == (date, basis)


def test_the_lead_dates_the_reports_that_follow() -> None:
    text = (
        "Ivan Petrov warned Freedonia on Sunday against any new deployment, officials said.\n\n"
        "Ivan Petrov said Freedonia had broken its promises."
    )
    said = _one(_events(text), "said")
    assert (said.date, said.date_basis) == ("2023-04-16", "discourse")


def test_rule_events_carry_their_kinds_measured_precision_without_a_model() -> None:
    from detente.extract.events.priors import MEAN, PRIORS, kind, with_prior

    met = _one(_events("Ivan Petrov met Wang Lei in Harbin on Monday."), "met")
    assert with_prior(met).confidence == PRIORS["CONSULT"]
    said = _events("Ivan Petrov said China would send more troops to the border.")
    clause = [e for e in said if e.plover == "STATEMENT" and e.target_actor == "CHN"]
    assert clause and kind(clause[0]) == "STATEMENT/clause"
    assert with_prior(clause[0]).confidence == PRIORS["STATEMENT/clause"]
    alone = next(e for e in _events("Russia launched airstrikes overnight.") if e.plover)
    assert alone.target_actor is None and with_prior(alone).confidence is None
    assert 0 < MEAN < 1 and all(0 < p < 1 for p in PRIORS.values())


@pytest.mark.parametrize(
    "text",
    [
        "Russia announced higher tariffs on Chinese goods on Monday.",
        "Russia said it would impose tariffs on Chinese steel.",
    ],
)
def test_tariffs_on_another_state_are_a_sanction(text: str) -> None:
    # a tariff restricts the other state's trade: PLOVER's SANCTION, CAMEO 163
    events = [e for e in _events(text) if e.target_actor == "CHN"]
    assert events and {e.plover for e in events} == {"SANCTION"}, events
    assert all(e.source_actor == "RUS" for e in events)
    # done, CAMEO's 163; announced for later, its intent code beside the PLOVER type
    assert all(e.cameo == ("163" if e.modality == "asserted" else "1312") for e in events)


def test_a_pattern_preposition_is_no_word_prefix() -> None:
    # the dictionary's "attack ... for" (a criticism) must not match "forces"
    from detente.annotate import load_nlp
    from detente.extract.events import code_verb

    doc = load_nlp()("The militants attacked Russian forces near the border.")
    verb = next(t for t in doc if t.lemma_ == "attack")
    coded = code_verb(verb)
    assert coded is not None and coded[0].startswith("19")


def test_a_verb_coded_once_per_document_is_coded_as_alone() -> None:
    from detente.extract.events.coding import code_verb, coding_once

    ann = _annotated("Russia imposed sanctions on China and threatened Japan.")
    verbs = [t for p in ann.paragraphs for t in p.doc if t.pos_ == "VERB"]
    alone = [code_verb(v) for v in verbs]
    assert any(c is not None for c in alone)
    with coding_once():
        once = [code_verb(v) for v in verbs] + [code_verb(v) for v in verbs]
    assert once == alone + alone


def test_a_refusal_read_outside_its_pairs_extent_is_made() -> None:
    """A learned pair whose side stands before its word ("Freedonia ... the premier said it
    will not renegotiate") still finds the word its thing said is read from: a refusal told
    with "not" is the rejection itself."""
    from detente.extract.events import _said

    text = "Freedonia asked for new terms.\n\nThe Ruritanian premier said he will not renegotiate."
    ann = _annotated(text)
    at = text.index("Ruritanian")
    ev = Event(
        sentence=1, start=at, end=at + len("Ruritanian"), trigger="renegotiate",
        source_actor="RUR", target_actor="FRE", source_name=None, target_name=None,
        plover="REJECT", cameo="120", goldstein=-4.0, quad_class=3, modality="negated",
        date=None, rule="learned",
    )  # fmt: skip
    assert _said(ann, ev).modality == "asserted"
