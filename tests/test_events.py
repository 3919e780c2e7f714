"""Events: coding, actors, modality, dates and places on sentences written for these tests.

Mentions are set from spaCy's entities with a small table written here, so the event rules are
tested on their own contract (Mention.state / Mention.actor) whatever the actors stage does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.annotate import Annotated, annotate
from detente.extract.events import extract_events
from detente.extract.events_classify import char_wb_ngrams, load_model
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
    assert ev.date == "2018"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Ruritania could sign a defence treaty with Freedonia.", "sign", "hypothetical"),
        ("Ruritania will send aid to Freedonia next year.", "send", "future"),
        ("Ruritania did not send troops to Freedonia.", "send", "negated"),
        ("NATO has seen no signs yet that Ruritania is supplying arms to Freedonia.",
         "supplying", "negated"),
        ("Will Ruritania send troops to Freedonia?", "send", "question"),
        ("Ruritania sent humanitarian aid to Freedonia.", "sent", "asserted"),
        ("Ruritania plans to visit Freedonia.", "visit", "future"),
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
        _events(
            "Ivan Petrov announced in October 2019 that Russia was helping China.", "2023-04-17"
        ),
        "helping",
    )
    assert (ev.source_actor, ev.target_actor) == ("RUS", "CHN")
    assert ev.date == "2019-10"


def test_no_publication_date_by_default() -> None:
    ev = _one(_events("Ruritania sent humanitarian aid to Freedonia."), "sent")
    assert ev.date is None


def test_arrival_visit_targets_the_host_state() -> None:
    ev = _one(_events("Ivan Petrov arrived in Beijing on May 16 for a state visit.", "2024-05-17"),
              "arrived")  # fmt: skip
    assert (ev.source_actor, ev.target_actor) == ("RUS", "CHN")
    assert ev.date == "2024-05-16"
    assert ev.location == "Beijing"


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
    from detente.extract.events_classify import predict

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
