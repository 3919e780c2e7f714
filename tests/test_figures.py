"""Figures through the real pipeline, on sentences written for the test."""

from __future__ import annotations

import pytest

from detente.annotate import annotate
from detente.extract.figures import parse_figure
from detente.model import Figure, Given, RawDocument
from detente.pipeline import Pipeline, prepare

TEXT = (
    "Trade grows\n\n"
    "In 2018, the trade turnover between the two countries reached a record volume of "
    "$107 billion. Last year, trade volume between the two nations exceeded 240 billion US "
    "dollars, the ministry said.\n\n"
    "The Su-35 and S-400 deals were signed at the 17th annual meeting, No. 9006.[3] "
    "The share of the dollar fell below 50 percent. The missiles fly up to 400 kilometres.\n"
)


def _figures_of(name: str, text: str, published: str | None = None) -> list[Figure]:
    doc = prepare(RawDocument(name, text, given=Given(published=published)))
    return Pipeline().run_annotated(annotate(doc)).records("figures")


@pytest.fixture(scope="module")
def figures() -> list[Figure]:
    return _figures_of("f.txt", TEXT, "2024-05-17")


def _by_text(figures: list[Figure], text: str) -> Figure:
    return next(f for f in figures if f.text == text)


def test_money_with_year_and_subject(figures: list[Figure]) -> None:
    f = _by_text(figures, "$107 billion")
    assert (f.value, f.unit, f.year, f.subject) == (107e9, "USD", 2018, "trade turnover")


def test_relative_year_and_approximation(figures: list[Figure]) -> None:
    f = _by_text(figures, "240 billion US dollars")
    assert (f.value, f.unit, f.year, f.approximate) == (240e9, "USD", 2023, "over")
    p = _by_text(figures, "50 percent")
    assert (p.value, p.unit, p.approximate) == (50.0, "percent", "below")
    assert p.subject == "share of the dollar"
    k = _by_text(figures, "400 kilometres")
    assert (k.unit, k.approximate) == ("km", "up to")


def test_names_ordinals_and_marks_are_not_figures(figures: list[Figure]) -> None:
    texts = {f.text for f in figures}
    assert not texts & {"35", "400", "17", "9006", "3", "2018"}


def test_parse_figure() -> None:
    assert parse_figure("US$300 million") == (300e6, "USD")
    assert parse_figure("a 30-member alliance") == (30.0, "member")


# No publication date: "last year" is read against the latest year the text reports as past.
UNDATED = (
    "Trade shifts\n\n"
    "In the first quarter of 2020, the share of the dollar in trade fell below 50 percent. "
    "Cooperation is mostly economic, with trade volume between the two countries exceeding "
    "$111 billion last year.\n\n"
    "In 2014, the navy became the first buyer of the K-300 coastal missile system that was "
    "then offered at US$300 million per launch unit. The US$3 billion deal was signed later.\n\n"
    "Nordpress, a news agency, wrote that cooperation had grown in recent years. In 2018, "
    "commerce between the two countries climbed to a record $107 billion.\n"
)


@pytest.fixture(scope="module")
def undated() -> list[Figure]:
    return _figures_of("u.txt", UNDATED)


def test_last_year_without_a_publication_date(undated: list[Figure]) -> None:
    f = _by_text(undated, "$111 billion")
    assert (f.year, f.subject, f.approximate) == (2019, "trade volume", "over")


def test_subject_through_relative_clause_and_modifier(undated: list[Figure]) -> None:
    assert _by_text(undated, "US$300 million").subject == "K-300 coastal missile system"
    assert _by_text(undated, "US$3 billion").subject == "deal"
    assert "300" not in {f.text for f in undated}  # "K-300" is a name


def test_reported_speech_carries_to_the_next_sentence(undated: list[Figure]) -> None:
    f = _by_text(undated, "$107 billion")
    assert f.year == 2018 and f.said_by is not None and "Nordpress" in f.said_by


# What is not a claim, and subjects that say what is counted.
NEWS = (
    "Attack\n\n"
    "At least 42 people were killed in the attack on the airport, officials said. "
    "The wall would cost $21 billion.\n"
    "Hide Caption 3 of 55\n"
    "A 45-year-old man was hurt. "
    "The 42-minute speech came 10 seconds later, at 4 p.m. on 9/11. "
    "Of the exports to Canada, 97 percent of exports enter duty-free.\n"
)


@pytest.fixture(scope="module")
def news() -> list[Figure]:
    return _figures_of("n.txt", NEWS, "2016-06-29")


def test_ages_durations_clock_times_and_counters_are_not_figures(news: list[Figure]) -> None:
    assert {f.text for f in news} == {"42", "$21 billion", "97 percent"}


def test_subject_names_what_is_counted_and_measured(news: list[Figure]) -> None:
    assert _by_text(news, "42").subject == "people killed in the attack on the airport"
    assert _by_text(news, "42").said_by == "officials"
    assert _by_text(news, "$21 billion").subject == "wall"
    assert _by_text(news, "97 percent").subject == "share of exports"


def test_values_read_as_written() -> None:
    from detente.model import format_amount

    assert format_amount(107e9, "USD") == "$107 bn"
    assert format_amount(1.8e9, "RUB") == "1.8 bn RUB"
    assert format_amount(12.5, "percent") == "12.5 %"
    assert format_amount(5000, "troops") == "5,000 troops"
    assert format_amount(None, None) == "-"


# Subjects read from the clause: changes of what a verb acts on, flows of money, levels, worth.
CLAUSES = (
    "Markets\n\n"
    "Germany exported about $90 billion last year, the agency said.\n\n"
    "The ministry plans to cut the agency's budget by 20%.\n\n"
    "Brazil offered to boost purchases of Argentine wheat by $2 billion.\n\n"
    "The Nikkei closed down 1.2% on Friday.\n\n"
    "The firm sold 300 trucks worth $45 million to the army.\n\n"
    "The government raised tariffs from 5% to 15% on steel imports.\n"
)


@pytest.fixture(scope="module")
def clauses() -> list[Figure]:
    return _figures_of("c.txt", CLAUSES, "2019-05-01")


def test_subjects_from_the_clause(clauses: list[Figure]) -> None:
    assert _by_text(clauses, "$90 billion").subject == "Germany exports"  # not the agent
    assert _by_text(clauses, "20%").subject == "agency's budget cut"  # not "ministry"
    assert _by_text(clauses, "$2 billion").subject == "purchases of Argentine wheat increase"
    assert _by_text(clauses, "1.2%").subject == "Nikkei fall"
    assert _by_text(clauses, "$45 million").subject == "value of trucks"
    assert _by_text(clauses, "15%").subject == "tariffs"  # not the government that raised them
    assert _by_text(clauses, "5%").subject is None  # never the bare "%"


WHICH = (
    "Flood\n\n"
    "At least 9 tourists or seasonal workers are among the missing, the police said. "
    "The regional gauge watched by farmers, Volga crude, rose to $64.20 a barrel. "
    "The town, the nearest of the villages to the dam, lies 45 km (28 miles) away. "
    "The appeal covers 3 million who depend on river water.\n"
)


@pytest.fixture(scope="module")
def which() -> list[Figure]:
    return _figures_of("w.txt", WHICH, "2024-05-17")


def test_subjects_say_which_ones(which: list[Figure]) -> None:
    assert _by_text(which, "9").subject == "tourists or seasonal workers among the missing"
    assert _by_text(which, "$64.20").subject == "Volga crude"  # the name, not the description
    assert _by_text(which, "45 km").subject == "distance to the dam"
    assert _by_text(which, "28 miles").subject == "distance to the dam"  # a conversion
    assert _by_text(which, "3 million").subject == "people who depend on river water"
