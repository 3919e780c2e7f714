"""The learned event coder: its candidates, what its events borrow from the rules, the shipped
model's calibration; and the full-text scorer of the PLOVER dev records."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from detente.evaluate import plover_fulltext as pf
from detente.extract.events import extract_events
from detente.extract.events import learned as el
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
    "Ruritania sent troops to the border with Freedonia on Monday. "
    "Ruritania and Freedonia later discussed the border in a long telephone call."
)


def test_a_learned_event_borrows_the_cameo_code_of_a_rule_event_in_its_own_sentence_only() -> None:
    ann, cand = _candidate(TEXT, 1, "RUR", "FRE")
    elsewhere = _rule(0, "RUR", "FRE", "CONSULT", "043")
    ev = el._event(ann, cand, "CONSULT", 0.9, [elsewhere])  # type: ignore[arg-type]
    assert ev.cameo == el.default_code("CONSULT")
    assert ev.rule == "learned"
    here = dataclasses.replace(elsewhere, sentence=1)
    ev = el._event(ann, cand, "CONSULT", 0.9, [here])  # type: ignore[arg-type]
    assert (ev.cameo, ev.rule) == ("043", "learned+test")


def test_pairs_carry_their_verb_class_and_dependency_path() -> None:
    _ann, cand = _candidate(
        "Ruritania imposed sanctions on Freedonia after the vote.", 0, "RUR", "FRE"
    )
    assert "noun_obj=SANCTION" in cand.features
    assert any(f.startswith("dpath=") for f in cand.features)
    assert any(f.startswith("gov=impose") for f in cand.features)


@pytest.mark.skipif(not DATA.exists(), reason="no trained model shipped")
def test_the_shipped_model_is_small_calibrated_and_gives_probabilities() -> None:
    assert DATA.stat().st_size < 5_000_000
    model = el.load_model()
    assert model is not None and model.calibration is not None
    _ann, cand = _candidate(TEXT, 1, "RUR", "FRE")
    probs = el.probabilities(cand.features, cand.dense)
    assert probs and all(0.0 <= p <= 1.0 for p in probs.values())
    # a phone call between the two is a consultation, far likelier than an attack
    assert probs["CONSULT"] > probs["ASSAULT"]
    assert json.loads(DATA.read_text())["calibration"]


def _gold(kind: str, sources: set[str], targets: set[str]) -> pf.GoldRecord:
    return pf.GoldRecord("r", "text", kind, frozenset(sources), frozenset(targets))


def _ev(source: str | None, target: str | None, plover: str) -> Event:
    return dataclasses.replace(_rule(0, "X", "Y", plover, "010"), source_actor=source,
                               target_actor=target)  # fmt: skip


def test_full_text_coding_counts_every_event_of_a_record() -> None:
    gold = [_gold("ASSAULT", {"RUR"}, {"FRE"})]
    pred = {
        "r": [
            _ev("RUR", "FRE", "ASSAULT"),
            _ev("RUR", "FRE", "THREATEN"),
            _ev("RUR", None, "ASSAULT"),
        ]
    }
    scores = pf.score(pred, gold, "x.")
    assert scores["x.precision"] == pytest.approx(1 / 3)
    assert scores["x.recall"] == 1.0


def test_full_text_coding_reads_bodies_as_igo_symmetric_types_and_lone_actors() -> None:
    assert pf.right(_ev("UN", "FRE", "AID"), _gold("AID", {"IGO"}, {"FRE"}))
    assert pf.right(_ev("FRE", "RUR", "CONSULT"), _gold("CONSULT", {"RUR"}, {"FRE"}))
    assert not pf.right(_ev("FRE", "RUR", "ASSAULT"), _gold("ASSAULT", {"RUR"}, {"FRE"}))
    assert pf.right(_ev("RUR", None, "MOBILIZE"), _gold("MOBILIZE", {"RUR"}, set()))
    assert not pf.right(_ev("RUR", "FRE", "MOBILIZE"), _gold("MOBILIZE", {"RUR"}, set()))
