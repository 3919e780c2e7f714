"""The real-news event gold and its scorer: matching, scores, agreement, the gold's integrity."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from detente.evaluate import events_news as en
from detente.model import Event

ROOT = Path(__file__).resolve().parent.parent


def _ev(source: str | None, target: str | None, plover: str, start: int = 10, end: int = 20,
        modality: str = "asserted", date: str | None = None, confidence: float | None = None
        ) -> Event:  # fmt: skip
    return Event(
        0, start, end, "t", source, target, None, None, plover, None, None, None,
        modality, date, confidence=confidence,  # type: ignore[arg-type]
    )  # fmt: skip


def _gold(source: str, target: str, kind: str, start: int = 0, end: int = 50,
          modality: str = "asserted", date: str | None = None) -> en.GoldEvent:  # fmt: skip
    return en.GoldEvent("d", start, end, source, target, kind, modality, date, "none")


def test_a_prediction_matches_inside_the_gold_sentence_with_the_same_dyad_and_type() -> None:
    gold = [_gold("RUS", "SYR", "ASSAULT")]
    assert en.match([_ev("RUS", "SYR", "ASSAULT")], gold)
    assert not en.match([_ev("SYR", "RUS", "ASSAULT")], gold)  # direction matters
    assert not en.match([_ev("RUS", "SYR", "ACCUSE")], gold)
    assert not en.match([_ev("RUS", "SYR", "ASSAULT", start=60, end=70)], gold)


def test_symmetric_types_match_either_way_and_appeals_are_requests() -> None:
    assert en.match([_ev("CHN", "RUS", "CONSULT")], [_gold("RUS", "CHN", "CONSULT")])
    assert en.match([_ev("USA", "IRN", "APPEAL")], [_gold("USA", "IRN", "REQUEST")])


def test_one_gold_event_matches_one_prediction_so_duplicates_are_false_positives() -> None:
    pred = {"d": [_ev("RUS", "SYR", "ASSAULT"), _ev("RUS", "SYR", "ASSAULT")]}
    scores = en.score(pred, {"d": [_gold("RUS", "SYR", "ASSAULT")]}, "x")
    assert scores["x.dyad_precision"] == 0.5
    assert scores["x.dyad_recall"] == 1.0


def test_modality_and_date_are_scored_on_top_of_the_dyad() -> None:
    gold = {"d": [_gold("RUS", "SYR", "ASSAULT", modality="hypothetical", date="2016-03")]}
    right = en.score({"d": [_ev("RUS", "SYR", "ASSAULT", modality="hypothetical",
                                date="2016-03")]}, gold, "x")  # fmt: skip
    wrong = en.score({"d": [_ev("RUS", "SYR", "ASSAULT", date="2016")]}, gold, "x")
    assert right["x.modality_f1"] == right["x.date_f1"] == 1.0
    assert wrong["x.dyad_f1"] == 1.0
    assert wrong["x.modality_f1"] == wrong["x.date_f1"] == 0.0


def test_rule_scores_read_mood_and_date_of_matched_events_but_no_precision() -> None:
    gold = {
        "d": [
            _gold("RUS", "SYR", "ASSAULT", modality="hypothetical"),
            _gold("USA", "IRN", "ACCUSE"),
        ]
    }
    pred = {"d": [_ev("RUS", "SYR", "ASSAULT"), _ev("CHN", "IND", "THREATEN", confidence=0.1)]}
    out = en.rule_scores(pred, gold, "x")
    assert out == {"x.modality_accuracy": 0.0, "x.date_accuracy": 1.0, "x.dated_share": 0.0,
                   "x.matched": 1.0}  # fmt: skip


def test_only_events_between_two_different_known_actors_are_scored() -> None:
    events = [_ev("RUS", None, "ASSAULT"), _ev("RUS", "RUS", "CONSULT"), _ev("RUS", "SYR", "AID")]
    assert [e.target_actor for e in en.dyadic(events)] == ["SYR"]


def test_the_confidence_threshold_keeps_events_at_or_above_it() -> None:
    pred = {"d": [_ev("A", "B", "AID", confidence=0.4), _ev("A", "B", "AID", confidence=0.6)]}
    assert [e.confidence for e in en.threshold(pred, 0.5)["d"]] == [0.6]


def test_agreement_of_identical_passes_is_perfect() -> None:
    passes = {"d": [_gold("RUS", "SYR", "ASSAULT"), _gold("USA", "RUS", "ACCUSE")]}
    assert en.agreement(passes, passes) == {
        "events_news.agreement_f1": 1.0,
        "events_news.agreement_kappa": 1.0,
    }


def test_the_gold_covers_the_whole_sample_and_every_split() -> None:
    sample = json.loads((ROOT / "eval/news/sample.json").read_text())["articles"]
    gold = en.load_gold()
    assert {a["id"] for a in sample} == set(gold)
    assert {a["split"] for a in sample} == {"train", "dev", "test"}
    second = en.load_gold("second.jsonl")
    doubles = {a["id"] for a in sample if a["double"]}
    assert set(second) == doubles


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").exists(), reason="needs ../shared")
def test_the_gold_passes_its_own_check() -> None:
    for name in ("gold.jsonl", "second.jsonl"):
        out = subprocess.run(
            [sys.executable, str(ROOT / "scripts/gold_news.py"), "check", str(ROOT / "eval/news" / name)],  # noqa: E501
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert out.returncode == 0, out.stdout[-2000:]
