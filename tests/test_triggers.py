"""The trigger and argument models of the learned event coder: what they read of a word and of
each actor around it, how a sentence's word scores become (pair, type) inputs, and the shipped
model's combination with the pair model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.extract.events import extract_events
from detente.extract.events import learned as el
from detente.extract.events import triggers as et
from test_events import _annotated

DATA = Path(et.__file__).resolve().parents[1] / "data" / et.TRIGGER_FILE


def _words(text: str) -> dict[str, et.Word]:
    ann = _annotated(text)
    found = {}
    for s, _span, _offset in et.sentences(ann, extract_events(ann)):
        for w in s.words:
            found[text[w.start : w.end]] = w
    return found


def _arg(word: et.Word, code: str) -> et.Arg:
    return next(a for a in word.args if a.code == code)


def test_a_word_carries_its_lexicon_class_voice_and_the_actors_under_it() -> None:
    words = _words("China was attacked by Russia on Monday.")
    attacked = words["attacked"]
    assert "passive" in attacked.features
    assert "lex=ASSAULT" in attacked.features
    assert "actor_child=nsubjpass" in attacked.features
    # the actors' own words are no candidate acts
    assert "Russia" not in words and "China" not in words
    # an actor's dependency is read with the word's voice: the passive subject undergoes it
    assert "xdep_pas=pass|nsubjpass" in _arg(attacked, "CHN").features


def test_an_event_noun_is_a_candidate_word_with_its_type() -> None:
    words = _words("Russia imposed new sanctions on China after the vote.")
    assert "noun=SANCTION" in words["sanctions"].features
    assert "child_noun=SANCTION" in words["imposed"].features


def test_each_actor_is_read_through_its_path_to_the_word() -> None:
    """The subject of an active verb, the object of "on", a place "in" a state."""
    imposed = _words("Russia imposed new sanctions on China at a summit in Freedonia.")["imposed"]
    russia, china = _arg(imposed, "RUS"), _arg(imposed, "CHN")
    assert "xdep=nsubj" in russia.features and "xdep_pas=act|nsubj" in russia.features
    assert "order=before" in russia.features and "order=after" in china.features
    assert any(f.startswith("path=") for f in china.features)
    assert russia.bounds is not None
    assert "rank=0" in russia.features
    assert "venue=GPE" in _arg(imposed, "FRE").features


def test_an_actor_named_before_is_read_through_the_clause_subject() -> None:
    words = _words("Russia and China held talks on Monday. It later accused Beijing of lying.")
    accused = words["accused"]
    assert any(f.startswith("absent=ctx|pronoun") for f in _arg(accused, "RUS").features)
    assert _arg(accused, "RUS").bounds is None


def _sentence(origins: dict[str, str]) -> et.SentenceWords:
    s = et.SentenceWords(0, 0, 40, origins, {("AAA", "BBB", "ACCUSE")})
    args = [et.Arg(c, o, (i * 5, i * 5 + 3) if o == "here" else None, ["bias"], np.zeros(2))
            for i, (c, o) in enumerate(origins.items())]  # fmt: skip
    s.words = [et.Word(20, 27, ["bias"], np.zeros(2), args)]
    return s


def test_a_sentence_s_word_scores_give_each_pair_and_type_its_inputs() -> None:
    s = _sentence({"AAA": "here", "BBB": "here", "CCC": "ctx"})
    types = {"ACCUSE": 0.8, "CONSULT": 0.3, "ASSAULT": 0.001}
    sources = {"AAA": 0.9, "BBB": 0.1, "CCC": 0.4}
    targets = {"AAA": 0.1, "BBB": 0.7, "CCC": 0.2}
    keyed = et.keyed(s, [(types, sources, targets)])
    # a type the word hardly bears is not read on
    assert not [k for k in keyed if k[2] == "ASSAULT"]
    reading = keyed[("AAA", "BBB", "ACCUSE")]
    assert len(reading.inputs) == len(et.INPUTS) - 2
    named = dict(zip(et.INPUTS, reading.inputs))
    assert named["best_source"] == named["best_target"] == 1.0
    assert named["rule_agrees"] == 1.0 and named["both_here"] == 1.0
    assert reading.span == (0, 27) and reading.word == (20, 27)  # with both mentions
    # a symmetric type's pair in code order; the reverse is weaker than the best
    assert ("AAA", "BBB", "CONSULT") in keyed
    reverse = dict(zip(et.INPUTS, keyed[("BBB", "AAA", "ACCUSE")].inputs))
    assert reverse["log_score"] < named["log_score"] and reverse["best_source"] == 0.0
    # an actor named before pairs only with one named here
    assert ("CCC", "BBB", "ACCUSE") in keyed


@pytest.mark.skipif(not DATA.exists(), reason="no trigger model shipped")
def test_the_shipped_model_is_small_and_combines_with_the_pair_model() -> None:
    assert DATA.stat().st_size < 5_000_000
    model = et.load_trigger_model()
    assert model is not None and len(model.weights) == len(et.INPUTS)
    imposed = _words("Russia imposed new sanctions on China after the vote.")["imposed"]
    types, sources, targets = model.score(imposed)
    assert all(0.0 <= p <= 1.0 for p in [*types.values(), *sources.values()])
    # the subject of "imposed" is its source, the object of "on" its target
    assert sources["RUS"] > sources["CHN"] and targets["CHN"] > targets["RUS"]
    # the pair model's probability raises the event's, as does a word reading it
    low, high = et.combined(model, None, 0.1), et.combined(model, None, 0.9)
    assert 0.0 < low < high < 1.0


def test_the_combination_keeps_the_pair_model_s_events_and_their_caps() -> None:
    """Every (pair, type) the pair model scores is scored again, never above its cap: a
    meeting between partners listed together stays under the rules' prior."""
    text = "The Freedonian envoy held talks on Tuesday with Ivan Petrov and Wang Lei."
    ann = _annotated(text)
    rules = extract_events(ann)
    pairs = el._pair_scores(ann, rules)  # type: ignore[arg-type]
    both = el._with_words(ann, rules, pairs)  # type: ignore[arg-type]
    assert set(both) == set(pairs)
    assert all(p <= most for p, _c, most, _at in both.values())
    between = [p for (_i, a, b, kind), (p, _c, _m, _at) in both.items()
               if {a, b} == {"RUS", "CHN"} and kind == "CONSULT"]  # fmt: skip
    assert between and max(between) <= el.RULE_PRIOR


def test_a_learned_event_is_read_from_the_word_the_trigger_model_found() -> None:
    """The event's trigger and modality come from the act's own word when the trigger model
    found it ("to impose" under "threatened": a threatened act), else from the pair's head."""
    from detente.extract.events.modality import clause_modality

    text = "Russia threatened on Monday to impose sanctions on China."
    ann = _annotated(text)
    cand = next(c for c in el.candidates(ann, []) if (c.source, c.target) == ("RUS", "CHN"))
    start = text.index("impose")
    ev = el._event(ann, cand, "SANCTION", 0.9, [], (start, start + len("impose")))  # type: ignore[arg-type]
    word = next(t for t in cand.head.sent if t.text == "impose")
    assert ev.trigger == "impose"
    assert ev.modality == clause_modality(word, cand.head.sent)
    plain = el._event(ann, cand, "SANCTION", 0.9, [])  # type: ignore[arg-type]
    assert plain.trigger == cand.head.text == "threatened"


def test_a_sentences_words_read_as_when_each_word_is_read_alone() -> None:
    """The sentence's shared reading (quote, subject, verb coding, paths) gives each word the
    features it has when read on its own."""
    text = 'Russia imposed sanctions on China, and "we will respond," Beijing said.'
    ann = _annotated(text)
    rules = extract_events(ann)
    read = 0
    for s, span, offset in et.sentences(ann, rules):
        actors = {t.i for t in span if any(a.bounds == (offset + t.idx, offset + t.idx + len(t))
                                           for w in s.words for a in w.args)}  # fmt: skip
        for w in s.words:
            t = next(t for t in span if offset + t.idx == w.start)
            alone = et.word_features(t, span, actors, [f[5:] for f in w.features
                                                       if f.startswith("rule=")])  # fmt: skip
            assert alone == w.features
            assert "quote" in w.features
            read += 1
    assert read >= 2


def test_logits_add_up_each_feature_once_per_occurrence() -> None:
    model = et.load_trigger_model()
    assert model is not None
    lin = model.source
    feats = [f for f, _w in zip(lin.sparse, range(5))]
    by_hand = lin.bias + sum(lin.sparse[f] for f in feats) + lin.sparse[feats[0]]
    got = lin.logits([*feats, feats[0], "no such feature"], np.zeros(1))
    assert np.allclose(got, by_hand, rtol=0, atol=1e-12)
