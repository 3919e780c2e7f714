"""The actors stage on short texts written for these tests, through the real spaCy model."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.annotate import annotate
from detente.model import Document, Mention, Metadata, Paragraph
from detente.resolve.actors import resolve_mentions
from detente.resolve.kb import load_kb


def _doc(text: str, published: dt.date | None) -> Document:
    paras, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paras.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return Document("t", "t", text, "h", "text", tuple(paras), Metadata(published=published))


def mentions(text: str, published: dt.date | None = dt.date(2023, 4, 20)) -> list[Mention]:
    return resolve_mentions(annotate(_doc(text, published)))


def find(ms: list[Mention], text: str) -> Mention:
    found = [m for m in ms if m.text == text]
    assert found, f"{text!r} not in {[m.text for m in ms]}"
    return found[0]


def test_kb_has_states_bodies_people_and_dated_offices() -> None:
    kb = load_kb()
    assert kb.actors["RUS"].kind == "state" and "Russian" in kb.actors["RUS"].aliases
    assert kb.actors["FJI"].kind == "state"  # every ISO country, from pycountry
    assert kb.actors["NATO"].kind == "body"
    assert kb.holders("CHN", "defense_minister", dt.date(2023, 4, 17)) == ["person:li-shangfu"]
    assert kb.holders("CHN", "defense_minister", dt.date(2024, 4, 17)) == ["person:dong-jun"]
    assert kb.holders("RUS", "president", dt.date(2010, 1, 1)) == ["person:dmitry-medvedev"]
    offices = kb.offices_of("person:vladimir-putin")
    assert {
        "office": "prime_minister",
        "state": "RUS",
        "start": "2008-05-08",
        "end": "2012-05-07",
    } in offices


def test_names_metonyms_and_demonyms_speak_for_states() -> None:
    ms = mentions(
        "The Kremlin said on Monday that Moscow would answer. Beijing bought the missiles, "
        "and Sino-Russian trade grew while our American partners objected."
    )
    assert find(ms, "Kremlin").state == "RUS"
    assert find(ms, "Moscow").state == "RUS"
    assert find(ms, "Beijing").actor == "CHN"
    assert find(ms, "Sino").state == "CHN"
    assert find(ms, "American").state == "USA"


def test_lowercase_words_are_not_states() -> None:
    ms = mentions("They told us the china was fine, at US$300 a piece.")
    assert not [m for m in ms if m.state == "USA" or m.state == "CHN"]


def test_full_name_then_surname_and_title_at_document_date() -> None:
    ms = mentions(
        "Chinese Defense Minister Li Shangfu met Russian President Vladimir Putin in Moscow.\n"
        "Li said the talks went well, and Putin agreed.\n"
        "Ties are strong, said the Chinese defense minister."
    )
    li = [m for m in ms if m.text == "Li"]
    assert li and li[0].actor == "person:li-shangfu" and li[0].rule == "surname-doc"
    assert find(ms, "Putin").actor == "person:vladimir-putin"
    title = find(ms, "Chinese defense minister")
    assert (title.actor, title.state, title.rule) == ("person:li-shangfu", "CHN", "title-date")


def test_title_follows_the_date() -> None:
    later = mentions("The talks were hosted by the Chinese defense minister.", dt.date(2024, 5, 1))
    assert find(later, "Chinese defense minister").actor == "person:dong-jun"
    earlier = mentions("The Russian president spoke first.", dt.date(2010, 3, 1))
    assert find(earlier, "Russian president").actor == "person:dmitry-medvedev"


def test_title_without_date_keeps_only_the_state() -> None:
    ms = mentions("The Russian president spoke first.", None)
    m = find(ms, "Russian president")
    assert m.actor is None and m.state == "RUS"


def test_two_people_with_one_surname_stay_apart() -> None:
    ms = mentions(
        "Zhao Lijian, a Chinese Foreign Ministry spokesman, spoke on Friday.\n"
        "Zhao Huasheng, a professor at Fudan University, disagreed.\n"
        "Zhao said nothing more."
    )
    assert find(ms, "Zhao Lijian").actor == "person:zhao-lijian"
    assert find(ms, "Zhao Huasheng").actor == "person:zhao-huasheng"
    assert find(ms, "Zhao Huasheng").state == "CHN"  # from the university in the appositive
    last = [m for m in ms if m.text == "Zhao"]
    assert not last or last[0].actor is None  # two candidates: unresolved


def test_unknown_person_gets_state_only_from_the_text() -> None:
    ms = mentions(
        "Top Russian analyst Ivan Petrovsky said the deal was close. Petrovsky added more.\n"
        "Maria Gonzalez, who writes often, was not convinced."
    )
    ivan = find(ms, "Ivan Petrovsky")
    assert ivan.actor == "person:ivan-petrovsky" and ivan.state == "RUS"
    assert find(ms, "Petrovsky").actor == "person:ivan-petrovsky"
    assert find(ms, "Maria Gonzalez").state is None


def test_exercises_weapons_and_outlets() -> None:
    ms = mentions(
        "China joined Vostok-2022 and Zapad/Interaction-2021, TASS reported, after buying "
        "the S-400 and Su-35 from Russia."
    )
    vostok = find(ms, "Vostok-2022")
    assert (vostok.label, vostok.actor, vostok.name) == ("EXERCISE", "thing:vostok", "Vostok-2022")
    assert find(ms, "Zapad/Interaction-2021").label == "EXERCISE"
    assert find(ms, "S-400").label == "WEAPON" and find(ms, "S-400").state is None
    assert find(ms, "TASS").state == "RUS"  # state media speak for the state


def test_bodies_and_their_officials() -> None:
    ms = mentions("NATO and the EU met European Commission President Ursula von der Leyen.")
    assert find(ms, "NATO").actor == "NATO"
    assert find(ms, "Ursula von der Leyen").state == "EU"


@pytest.mark.parametrize("text", ["George Washington crossed the river.", "Chad Smith spoke."])
def test_state_names_inside_person_names_are_not_states(text: str) -> None:
    assert not [m for m in mentions(text) if m.state]


def test_pipeline_stores_mentions_for_later_stages() -> None:
    from detente.pipeline import STAGES, Pipeline

    pipeline = Pipeline(stages=[s for s in STAGES if s.name == "actors"])
    ann = annotate(_doc("Putin met Xi Jinping in Beijing.", dt.date(2023, 3, 21)))
    pipeline.run_annotated(ann)
    assert any(m.actor == "person:xi-jinping" for m in ann.mentions)
