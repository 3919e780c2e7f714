"""The learned event coder: its candidates, what its events borrow from the rules, the shipped
model's calibration; and the full-text scorer of the PLOVER dev records."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.evaluate import plover_fulltext as pf
from detente.extract.events import extract_events
from detente.extract.events import learned as el
from detente.extract.events import weights as ew
from detente.model import Event
from test_events import _annotated

DATA = Path(el.__file__).resolve().parents[1] / "data" / el.MODEL_FILE


def _rule(sentence: int, source: str, target: str, plover: str, cameo: str) -> Event:
    return Event(
        sentence, 0, 5, "t", source, target, None, None, plover, cameo, None, None,
        "asserted", None, rule="test",  # type: ignore[arg-type]
    )  # fmt: skip


def _candidate(text: str, sentence: int, source: str, target: str) -> tuple[object, el.Candidate]:
    ann = _annotated(text)
    found = [
        c
        for c in el.candidates(ann, extract_events(ann))
        if (c.sentence, c.source, c.target) == (sentence, source, target)
    ]
    assert found, [(c.sentence, c.source, c.target) for c in el.candidates(ann, [])]
    return ann, found[0]


TEXT = (
    "Russia sent troops to the border with China on Monday. "
    "Russia and China later discussed the border in a long telephone call."
)


def test_a_learned_event_borrows_the_cameo_code_of_a_rule_event_in_its_own_sentence_only() -> None:
    ann, cand = _candidate(TEXT, 1, "RUS", "CHN")
    elsewhere = _rule(0, "RUS", "CHN", "CONSULT", "043")
    ev = el._event(ann, cand, "CONSULT", 0.9, [elsewhere])  # type: ignore[arg-type]
    assert ev.cameo == el.default_code("CONSULT")
    assert ev.rule == "learned"
    here = dataclasses.replace(elsewhere, sentence=1)
    ev = el._event(ann, cand, "CONSULT", 0.9, [here])  # type: ignore[arg-type]
    assert (ev.cameo, ev.rule) == ("043", "learned+test")


def test_pairs_carry_their_verb_class_and_dependency_path() -> None:
    _ann, cand = _candidate("Russia imposed sanctions on China after the vote.", 0, "RUS", "CHN")
    assert "noun_obj=SANCTION" in cand.features
    assert any(f.startswith("dpath=") for f in cand.features)
    assert any(f.startswith("gov=impose") for f in cand.features)


def test_an_actor_named_twice_is_read_through_its_mention_nearest_the_other_side() -> None:
    text = "Over China, Russian jets shot down a Chinese drone on Monday."
    _ann, cand = _candidate(text, 0, "RUS", "CHN")
    (_m, x), (mention, y) = cand.sides
    assert x is not None and y is not None and mention is not None
    # "Chinese drone" (the object of the act), not "over China" (where)
    assert mention.text == "Chinese"
    assert "gov=shoot" in cand.features


def test_a_side_named_before_reads_the_clause_the_named_side_stands_in() -> None:
    text = "Russia sent envoys to Freedonia. Officials said China had troops working there."
    _ann, cand = _candidate(text, 1, "RUS", "CHN")
    assert "absent=src" in cand.features
    assert "other_gov=have" in cand.features


@pytest.mark.skipif(not DATA.exists(), reason="no trained model shipped")
def test_the_shipped_model_is_small_and_gives_probabilities() -> None:
    assert DATA.stat().st_size < 5_000_000
    model = el.load_model()
    # the script writes the calibration with the weights (one per input it reads)
    assert model is not None
    assert model.calibration is None or len(model.calibration[0]) == len(ew.COMPETITION)
    _ann, cand = _candidate(TEXT, 1, "RUS", "CHN")
    probs = el.probabilities(cand.features, cand.dense)
    assert probs and all(0.0 <= p <= 1.0 for p in probs.values())
    # a phone call between the two is a consultation, far likelier than an attack
    assert probs["CONSULT"] > probs["ASSAULT"]


def _gold(kind: str, sources: set[str], targets: set[str]) -> pf.GoldRecord:
    return pf.GoldRecord("r", "text", kind, frozenset(sources), frozenset(targets))


def _ev(source: str | None, target: str | None, plover: str) -> Event:
    return dataclasses.replace(_rule(0, "X", "Y", plover, "010"), source_actor=source,
                               target_actor=target)  # fmt: skip


def test_full_text_coding_counts_every_event_of_a_record() -> None:
    gold = [_gold("ASSAULT", {"RUS"}, {"CHN"})]
    pred = {
        "r": [
            _ev("RUS", "CHN", "ASSAULT"),
            _ev("RUS", "CHN", "THREATEN"),
            _ev("RUS", None, "ASSAULT"),
        ]
    }
    scores = pf.score(pred, gold, "x.")
    assert scores["x.precision"] == pytest.approx(1 / 3)
    assert scores["x.recall"] == 1.0


def test_full_text_coding_reads_bodies_as_igo_symmetric_types_and_lone_actors() -> None:
    assert pf.right(_ev("UN", "CHN", "AID"), _gold("AID", {"IGO"}, {"CHN"}))
    assert pf.right(_ev("CHN", "RUS", "CONSULT"), _gold("CONSULT", {"RUS"}, {"CHN"}))
    assert not pf.right(_ev("CHN", "RUS", "ASSAULT"), _gold("ASSAULT", {"RUS"}, {"CHN"}))
    assert pf.right(_ev("RUS", None, "MOBILIZE"), _gold("MOBILIZE", {"RUS"}, set()))
    assert not pf.right(_ev("RUS", "CHN", "MOBILIZE"), _gold("MOBILIZE", {"RUS"}, set()))


def test_a_pair_is_weighed_against_the_pairs_sharing_an_actor_with_it() -> None:
    # one sentence: a trip to a capital for talks with another state; the model's pair
    # scores favour the party over the venue, and the calibration reads by how much
    pairs = [("RUS", "IRN"), ("IRN", "RUS"), ("RUS", "CHE"), ("CHE", "RUS")]
    x = ew.competition(pairs, [2.0, 2.0, 1.0, 1.0], [0.8, 0.8, 0.8, 0.8], "CONSULT")
    names = list(ew.COMPETITION)
    margin, best = names.index("margin_shared"), names.index("best_shared")
    assert x[0][margin] == pytest.approx(1.0) and x[0][best] == 1.0
    assert x[2][margin] == pytest.approx(-1.0) and x[2][best] == 0.0
    # a directed type also reads the pair against its own reverse; a symmetric one does not
    directed = ew.competition(pairs[:2], [2.0, 0.0], [0.8, 0.8], "ASSAULT")
    reverse = names.index("margin_reverse")
    assert directed[0][reverse] == pytest.approx(2.0)
    assert ew.competition(pairs[:2], [2.0, 0.0], [0.8, 0.8], "CONSULT")[0][reverse] == 0.0


def test_a_sentence_s_pairs_get_a_probability_each() -> None:
    ann = _annotated("Russia's foreign minister flew to Geneva on Monday for talks with China.")
    found = list(el.candidates(ann, extract_events(ann)))
    assert len(found) >= 2
    probs = ew.score_sentence(
        [(c.source, c.target) for c in found], [c.features for c in found],
        [c.dense for c in found],
    )  # fmt: skip
    assert len(probs) == len(found)
    assert all(0.0 <= p <= 1.0 for by_type in probs for p in by_type.values())


@pytest.mark.parametrize(
    ("text", "source", "target", "plover", "word", "mood"),
    [
        # a broken-off act, and one no one reports
        ("The Ruritanian government stopped talking with Freedonia in March.",
         "RUR", "FRE", "CONSULT", "talking", "negated"),
        ("There is no word about any Freedonian ministers travelling to Ruritania.",
         "FRE", "RUR", "CONSULT", "travelling", "negated"),
        # a wish, a plan with a "possibly", a likelihood over a "when" clause
        ("Ruritania wants Freedonia to face sanctions on its banks.",
         "RUR", "FRE", "SANCTION", "sanctions", "hypothetical"),
        ("The Ruritanian leader is planning an address on Friday, possibly announcing "
         "airstrikes against Freedonia.", "RUR", "FRE", "ASSAULT", "airstrikes", "hypothetical"),
        ("The Ruritanian president is likely to raise the matter when he meets the Freedonian "
         "president.", "RUR", "FRE", "CONSULT", "meets", "hypothetical"),
        # the noun the two parties hang from tells its own mood
        ("Officials said logistics for the next summit between the Ruritanian president and "
         "the Freedonian premier are ready.", "RUR", "FRE", "CONSULT", "summit", "future"),
        # a relative clause, or a finite reason, keeps its own mood
        ("Ruritanian troops, which attacked Freedonia, will withdraw.",
         "RUR", "FRE", "ASSAULT", "attacked", "asserted"),
    ],
)  # fmt: skip
def test_a_learned_event_takes_the_modality_of_the_clause_it_is_read_from(
    text: str, source: str, target: str, plover: str, word: str, mood: str
) -> None:
    ann, cand = _candidate(text, 0, source, target)
    assert el.trigger(cand, plover).text == word
    ev = el._event(ann, cand, plover, 0.9, [])  # type: ignore[arg-type]
    assert ev.modality == mood


def test_an_event_noun_named_as_a_setting_keeps_its_own_mood() -> None:
    from detente.extract.events.modality import clause_modality

    ann = _annotated("Confusion could spoil the summit, and he could wreck the planned meeting.")
    words = {t.text: t for t in next(iter(ann.sentence_spans()))[1]}
    assert clause_modality(words["summit"], words["summit"].sent) == "hypothetical"
    ann = _annotated("Rain could bring delays at the summit, as well as at the planned meeting.")
    words = {t.text: t for t in next(iter(ann.sentence_spans()))[1]}
    assert clause_modality(words["summit"], words["summit"].sent) == "asserted"
    assert clause_modality(words["meeting"], words["meeting"].sent) == "future"


def test_a_place_where_a_meeting_is_held_is_no_party_to_it() -> None:
    """ "met ... in Beijing": China is where, not whom; the two envoys are the parties."""
    text = "The Russian envoy met the Freedonian minister in Beijing on Monday."
    _ann, venue = _candidate(text, 0, "RUS", "CHN")
    assert el._a_venue_side(venue)
    ann, party = _candidate(text, 0, "RUS", "FRE")
    assert not el._a_venue_side(party)
    meetings = ("CONSULT", "COOPERATE", "AGREE")
    events = el.learned_events(ann, extract_events(ann))  # type: ignore[arg-type]
    assert not [e for e in events if "CHN" in (e.source_actor, e.target_actor)
                and e.plover in meetings and (e.confidence or 0) >= 0.5]  # fmt: skip


def test_a_state_set_beside_the_town_a_meeting_is_held_in_is_no_party_to_it() -> None:
    """ "in Bonn, Freedonia": the parser hangs the state on the town; it is still where."""
    text = "The Russian envoy met the Ruritanian minister at a summit in Bonn, Freedonia."
    _ann, venue = _candidate(text, 0, "RUS", "FRE")
    assert el._a_venue_side(venue)
    _ann, party = _candidate(text, 0, "RUS", "RUR")
    assert not el._a_venue_side(party)


def test_partners_listed_together_are_parties_to_the_subject_s_meeting_not_to_one_another() -> None:
    """ "talks with Petrov and Wang": each met the envoy; Russia and China are demoted under
    the default view, the envoy's meetings with each are not."""
    text = "The Freedonian envoy held talks on Tuesday with Ivan Petrov and Wang Lei."
    ann, listed = _candidate(text, 0, "RUS", "CHN")
    assert el._co_partners(listed)
    _ann, partner = _candidate(text, 0, "FRE", "RUS")
    assert not el._co_partners(partner)
    events = el.learned_events(ann, extract_events(ann))  # type: ignore[arg-type]
    between = [e for e in events if {e.source_actor, e.target_actor} == {"RUS", "CHN"}
               and e.plover in ("CONSULT", "COOPERATE", "AGREE")]  # fmt: skip
    assert all((e.confidence or 0) <= el.RULE_PRIOR for e in between)


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrov and Wang Lei met in secret last spring.",
        "Talks between Russia and China resumed on Monday.",
    ],
)
def test_partners_listed_as_the_subject_or_between_meet_one_another(text: str) -> None:
    _ann, pair = _candidate(text, 0, "RUS", "CHN")
    assert not el._co_partners(pair)


def _misread(
    check: Callable[..., bool], text: str, word: str, pair: tuple[str, str], plover: str
) -> bool:
    """Whether ``check`` (one of the learned coder's misreadings) rejects the pair's event of
    ``plover`` read from ``word``."""
    ann, cand = _candidate(text, 0, *pair)
    start = text.index(word)
    act = el._word_at(cand, (start, start + len(word)))
    assert act is not None
    return check(ann, cand, plover, act)


@pytest.mark.parametrize(
    ("text", "word", "wrong", "right"),
    [
        # a present participle's agent is the noun it modifies: the rebels fight, the jets bomb
        ("Russian jets bombed Ruritanian rebels fighting Freedonia near the border.",
         "fighting", ("RUS", "FRE"), ("RUR", "FRE")),
        # the agent of an event noun in its "by" phrase: Ruritanians bomb Freedonia
        ("Freedonia weathered bombing campaigns by Ruritanian militants this year.",
         "bombing", ("FRE", "RUR"), ("RUR", "FRE")),
        # a relative clause's own subject, not the noun it hangs from, attacked
        ("Freedonia, which Russia attacked in May, has asked for help.",
         "attacked", ("FRE", "RUS"), ("RUS", "FRE")),
        # the one urged to stop is the one who would attack
        ("Russia urged China to stop attacking Freedonia.",
         "attacking", ("RUS", "FRE"), ("CHN", "FRE")),
        # a casualty told in an attack noun: its attacker kills, not whoever reports the death
        ("Russia said a Freedonian pilot was killed in a Chinese airstrike near the river.",
         "killed", ("RUS", "FRE"), ("CHN", "FRE")),
        # a headline's participle read as a past: the boy is killed, the attack's side kills
        ("Freedonian farmer wounded in Ruritanian rocket attack near border",
         "wounded", ("FRE", "RUR"), ("RUR", "FRE")),
    ],
)  # fmt: skip
def test_a_deed_is_not_given_to_a_side_the_parse_says_does_not_do_it(
    text: str, word: str, wrong: tuple[str, str], right: tuple[str, str]
) -> None:
    assert _misread(el._done_by_another, text, word, wrong, "ASSAULT")
    assert not _misread(el._done_by_another, text, word, right, "ASSAULT")


def test_a_speech_act_read_from_what_it_asks_of_another_keeps_its_speaker() -> None:
    """ "Petrov said China must reach a deal": the request is Petrov's, whoever reaches it."""
    text = "Ivan Petrov said on Friday that China must reach an agreement with Freedonia."
    assert not _misread(el._done_by_another, text, "reach", ("RUS", "CHN"), "REQUEST")


@pytest.mark.parametrize(
    ("text", "word", "topic", "party"),
    [
        # a purpose clause under the meeting: China is what the plan confronts
        ("The Freedonian envoy met Russian officials on Monday to outline a plan for "
         "confronting China.", "met", ("FRE", "CHN"), ("FRE", "RUS")),
        # the object of "about" is the subject of the talks
        ("Ivan Petrov held talks with Freedonia about China on Tuesday.",
         "talks", ("RUS", "CHN"), ("RUS", "FRE")),
    ],
)  # fmt: skip
def test_what_a_meeting_is_about_is_no_party_to_it(
    text: str, word: str, topic: tuple[str, str], party: tuple[str, str]
) -> None:
    assert _misread(el._not_its_party, text, word, topic, "CONSULT")
    assert not _misread(el._not_its_party, text, word, party, "CONSULT")


def test_a_meeting_named_inside_a_topic_keeps_its_parties() -> None:
    """ "lied about his talks with Wang": the talks were with Wang, whatever they are told in."""
    text = "Ivan Petrov lied about his talks with Wang Lei in Moscow."
    assert not _misread(el._not_its_party, text, "talks", ("RUS", "CHN"), "CONSULT")


def test_asking_a_question_is_no_request_of_whom_it_is_about() -> None:
    """ "asked what China might do" asks nothing of China; "asked China to stop" does."""
    text = "Ivan Petrov asked what China might do if the talks failed."
    assert _misread(el._a_question, text, "asked", ("RUS", "CHN"), "REQUEST")
    text = "Ivan Petrov asked China to stop the tests."
    assert not _misread(el._a_question, text, "asked", ("RUS", "CHN"), "REQUEST")


@pytest.mark.parametrize(
    ("text", "word", "plover"),
    [
        ("The Ruritanian senator criticized the president for not doing more to aid the "
         "Freedonian rebels.", "criticized", "ACCUSE"),
        ("Ivan Petrov praised the envoy for his work with Freedonian officials.", "praised",
         "SUPPORT"),
    ],
)  # fmt: skip
def test_whom_praise_or_blame_names_only_in_its_reason_is_not_judged(
    text: str, word: str, plover: str
) -> None:
    """ "criticized the president for not aiding Freedonia" blames the president, not Freedonia."""
    source = "RUR" if "Ruritanian" in text else "RUS"
    assert _misread(el._only_the_reason, text, word, (source, "FRE"), plover)


def test_the_one_praise_or_blame_names_is_judged_whatever_its_reason() -> None:
    text = "Ivan Petrov criticized Freedonia for its attacks on Ruritania."
    assert not _misread(el._only_the_reason, text, "criticized", ("RUS", "FRE"), "ACCUSE")
    assert _misread(el._only_the_reason, text, "criticized", ("RUS", "RUR"), "ACCUSE")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the subject of a passive with no agent named is what the attack is done to
        ("Freedonian troops were attacked near the border, Ruritania said on Monday.",
         "attacked"),
        # the noun a past participle modifies is who was killed, not who killed
        ("Two Freedonian diplomats killed in the Ruritanian offensive were buried on Monday.",
         "killed"),
    ],
)  # fmt: skip
def test_a_deed_is_not_given_to_the_side_it_is_done_to(text: str, word: str) -> None:
    assert _misread(el._done_to_source, text, word, ("FRE", "RUR"), "ASSAULT")
    assert not _misread(el._done_to_source, text, word, ("RUR", "FRE"), "ASSAULT")


def test_a_meeting_s_parties_may_be_the_subject_of_its_passive() -> None:
    """ "Freedonia was met by Ruritania's envoy": either side of a meeting may be its subject."""
    text = "Freedonian officials were visited by a Ruritanian envoy on Monday."
    assert not _misread(el._done_to_source, text, "visited", ("FRE", "RUR"), "CONSULT")


def test_the_act_a_support_verb_takes_as_its_object_is_its_subject_s() -> None:
    """ "Russia imposed sanctions": Russia sanctions, not the state of the clause after it."""
    text = "Russia imposed sanctions on Freedonia after Ruritania protested the vote."
    assert _misread(el._done_by_another, text, "sanctions", ("RUR", "FRE"), "SANCTION")
    assert not _misread(el._done_by_another, text, "sanctions", ("RUS", "FRE"), "SANCTION")


def test_a_place_the_parser_leaves_untyped_is_still_where_a_meeting_is_held() -> None:
    """The actors stage's label for the mention says it is a place, whatever the parser's
    entity type ("in the Seychelles" may come out untyped)."""
    text = "The Russian envoy met the Freedonian minister in Beijing on Monday."
    _ann, venue = _candidate(text, 0, "RUS", "CHN")
    (_m, _t), (mention, token) = venue.sides
    assert mention is not None and token is not None
    token.ent_type_ = ""
    assert el._a_venue_side(venue)


def test_troops_deployed_are_the_source_s_own() -> None:
    """ "Freedonian troops were deployed to Ruritania": Freedonia mobilises, it is not done to."""
    text = "Freedonian troops were deployed to Ruritania on Monday."
    assert not _misread(el._done_to_source, text, "deployed", ("FRE", "RUR"), "MOBILIZE")


def test_where_a_deed_done_to_another_actor_happens_is_not_its_target() -> None:
    """ "a bomb killed two Chinese engineers in northern Freedonia": China's engineers are hit,
    Freedonia is where; with no one else named the place's state stays a candidate."""
    text = "Russian militants killed two Chinese engineers in northern Freedonia on Monday."
    assert _misread(el._only_where, text, "killed", ("RUS", "FRE"), "ASSAULT")
    assert not _misread(el._only_where, text, "killed", ("RUS", "CHN"), "ASSAULT")
    alone = "Russian jets struck targets in northern Freedonia on Monday."
    assert not _misread(el._only_where, alone, "struck", ("RUS", "FRE"), "ASSAULT")
    # who backs the ones hit does not say whose they are
    backed = "Russian gunmen in Freedonia were attacking China-backed fighters on Monday."
    assert not _misread(el._only_where, backed, "attacking", ("RUS", "FRE"), "ASSAULT")


def test_a_side_named_only_in_a_clause_telling_when_is_no_party() -> None:
    """ "announced sanctions the day Freedonia announced ...": Freedonia is when, not whom."""
    text = "Russia announced new sanctions the day Freedonia announced its election results."
    assert _misread(el._only_when, text, "sanctions", ("RUS", "FRE"), "SANCTION")
    plain = "Russia announced new sanctions on Freedonia the day after the vote."
    assert not _misread(el._only_when, plain, "sanctions", ("RUS", "FRE"), "SANCTION")


def test_an_appeal_is_not_addressed_to_one_named_only_in_another_deed() -> None:
    """Pressing for a ceasefire asks nothing of China, named only two clauses down in what
    Russia did besides; one urged in the act's own clause is addressed."""
    text = (
        "Russia has been pressing for a ceasefire for months, after it convinced its partners "
        "to keep sanctions in place to push China back to the talks."
    )
    assert _misread(el._only_in_another_deed, text, "pressing", ("RUS", "CHN"), "REQUEST")
    urged = "Russia urged China to return to the talks, after Freedonia walked out in May."
    assert not _misread(el._only_in_another_deed, urged, "urged", ("RUS", "CHN"), "REQUEST")
    # a condition is part of a threat: the one threatened is who must not do it
    threat = "Russia threatened to quit the talks if China deploys missiles in Freedonia."
    assert not _misread(el._only_in_another_deed, threat, "threatened", ("RUS", "CHN"), "THREATEN")
