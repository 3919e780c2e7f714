"""When a time word in running text is no time: what its context says it is instead.

The running-text search (:mod:`detente.extract.time`) proposes every span that reads as a
time expression; :data:`REFUSALS` then turns down the ones whose context makes them
something else -- a rank, a share, a rate, a greeting, an idiom, a name, a count, a verb --
each with a name and the reason.  The TimeML guidelines (and the TIDES guidelines they build
on) leave these untagged: a time word inside a proper name, a number that counts things, a
frequency that is a rate.  Each refusal is a plain predicate over a :class:`Candidate`; the search
drops a candidate when any refusal holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.time.rules import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["NAME_HYPHEN", "REFUSALS", "Candidate", "refusal"]


@dataclass(frozen=True)
class Candidate:
    """A proposed time expression: the document's text, its offsets, and its tokens."""

    text: str
    start: int
    end: int
    tokens: list[Token]

    @property
    def expr(self) -> str:
        return self.text[self.start : self.end]

    def before(self, n: int) -> str:
        return self.text[max(0, self.start - n) : self.start]


Refusal = Callable[[Candidate], bool]
#: name -> predicate: the candidate is no time expression when any holds (in this order)
REFUSALS: dict[str, Refusal] = {}


def _refusal(name: str) -> Callable[[Refusal], Refusal]:
    def deco(fn: Refusal) -> Refusal:
        REFUSALS[name] = fn
        return fn

    return deco


def refusal(c: Candidate) -> str | None:
    """The name of the first refusal that holds for ``c``, or None when it may be a time."""
    return next((name for name, fn in REFUSALS.items() if fn(c)), None)


# ---- parts of words and quoted titles -----------------------------------------------------

#: a year glued to a name by a hyphen is a name: "Vostok-2022", "Kavkaz-2020", "Covid-19"
NAME_HYPHEN = re.compile(r"[A-Za-z]-$")
#: an expression the text goes on with a hyphen and a letter is part of a longer word
_COMPOUND = re.compile(r"-[A-Za-z]")
#: Title Case words just after an opening quote name a programme or a paper ("This Week")
_TITLE = re.compile(r"^(?:[A-Z][a-z]+\s+)+[A-Z][a-z]+$")
_QUOTE_BEFORE = re.compile(r"[\"“]\s?$")


#: a digit and a decimal point, a thousands comma or a fraction bar just before: the
#: expression begins inside a number ("0.02 seconds" read from "02", "2 1/2 years" from "2")
_IN_A_NUMBER = re.compile(r"\d[.,/]$")


@_refusal("part-of-word")
def _part_of_word(c: Candidate) -> bool:
    """ "Vostok-2022"; "quarter-to-quarter", "four-quarter-old": a longer word's part; "02
    seconds" of "0.02 seconds": a number's part."""
    return bool(
        NAME_HYPHEN.search(c.before(2))
        or _COMPOUND.match(c.text, c.end)
        or _IN_A_NUMBER.search(c.before(2))
    )


@_refusal("quoted-title")
def _quoted_title(c: Candidate) -> bool:
    """ "This Week" in quotes: a programme's name."""
    return bool(_TITLE.match(c.expr) and _QUOTE_BEFORE.search(c.before(2)))


# ---- ranks, shares and rates --------------------------------------------------------------

_ORDINAL_END = re.compile(r"\d(?:st|nd|rd|th)$")


#: "of" and what an ordinal counts in when it is no day of a month ("the 5th of June" and
#: "the 5th of the month" are days)
_OF_A_GROUP = re.compile(
    r"\s+of\s+(?!(?:(?:the|this|last|next|that)\s+)?month\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)


@_refusal("rank")
def _rank(c: Candidate) -> bool:
    """An ordinal that qualifies a following noun is a rank, not a day of the month: "the
    12th yearly forum", "the 5th trade fair"; so is one "of" a group ("the 4th of the 9
    bidders")."""
    if not c.tokens or not _ORDINAL_END.search(c.expr):
        return False
    if _OF_A_GROUP.match(c.text, c.end):
        return True  # "the 5th of the 12 candidates", "the 3rd of his novels"
    token = c.tokens[-1]
    head = token.head
    return (
        head.i > token.i
        and head.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("amod", "nummod", "compound")
    )


#: a quarter or half "of" something other than a period is a fraction of it
_FRACTION = re.compile(
    r"(?:^|\s)(?:(?:a|one|three)[\s-]+quarters?|(?:a|one)[\s-]+half|half)$", re.IGNORECASE
)
_FRACTION_OF = re.compile(
    r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+)?(?:fiscal\s+|calendar\s+)?"
    r"(?:year|century|decade|(?:1[89]|20)\d\d|fy)\b)",
    re.IGNORECASE,
)


@_refusal("share")
def _share(c: Candidate) -> bool:
    """ "three-quarters of its grain", "half of the market": a share."""
    return bool(_FRACTION.search(c.expr) and _FRACTION_OF.match(c.text, c.end))


#: frequency words that also make rates ("per year") and qualities ("a daily paper")
_FREQUENCY = frozenset(
    {"daily", "nightly", "weekly", "monthly", "quarterly", "annually", "yearly", "hourly"}
)


@_refusal("rate")
def _rate(c: Candidate) -> bool:
    """A frequency word that qualifies a noun ("daily volume", "weekly flights") or follows a
    quantity ("grew 8% annually", "10,000 cars yearly") states a rate, not when anything
    happens: TimeML's SET is for recurring times ("the board meets monthly")."""
    if len(c.tokens) != 1 or c.tokens[0].lower_ not in _FREQUENCY:
        return False
    t = c.tokens[0]
    if t.dep_ == "amod" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN"):
        return True
    before = t.doc[max(t.sent.start, t.i - 4) : t.i]
    if any(b.like_num or b.text == "%" for b in before):
        return True
    return t.head.pos_ == "VERB" and t.head.lemma_ in _CHANGE_VERBS  # "doubling its sales yearly"


#: verbs of a change in amount: a frequency word under one states how fast it changes
_CHANGE_VERBS = frozenset(
    {"double", "triple", "quadruple", "halve", "grow", "rise", "increase", "decline", "fall",
     "shrink", "expand", "climb", "drop"}
)  # fmt: skip


#: what a sum of money is, when a length of time measures it ("six months' salary")
_PAY = frozenset(
    {"pay", "salary", "salaries", "wage", "wages", "severance", "compensation", "rent",
     "income", "earnings", "pension", "benefits"}
)  # fmt: skip
_MEASURE_OF = re.compile(r"(?:['’]\s*|\s+of\s+)(?:(?:base|basic|full|gross|net|back)\s+)?(\w+)")


@_refusal("amount-of-pay")
def _amount_of_pay(c: Candidate) -> bool:
    """A length of time that measures pay is a sum of money, not a time: "a bonus equal to
    six months of base pay", "two years' salary" (TimeML tags times, not amounts)."""
    if not c.tokens or not any(t.lower_.rstrip("s") in _UNIT_WORDS for t in c.tokens):
        return False
    end = c.end - 1 if c.expr.endswith(("'", "’")) else c.end  # "two years'" found whole
    m = _MEASURE_OF.match(c.text, end)
    return m is not None and m[1].lower() in _PAY


_UNIT_WORDS = frozenset({"day", "week", "month", "year", "quarter"})


# ---- greetings, discourse markers, prospects ----------------------------------------------

_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})


_OF_AGE = re.compile(r"\s+of\s+age\b", re.IGNORECASE)


@_refusal("age")
def _age(c: Candidate) -> bool:
    """ "18 years of age" is an age, like "52 years old": it dates nothing, and TimeML leaves
    ages untagged."""
    return bool(re.search(r"years?$", c.expr, re.IGNORECASE) and _OF_AGE.match(c.text, c.end))


@_refusal("greeting-or-title")
def _greeting_or_title(c: Candidate) -> bool:
    """A lone part of the day after "good" greets ("Good evening"), one that qualifies a noun
    names a kind ("the morning show", "the night shift"); a capitalised "Today" right after a
    proper noun is a title ("USA Today")."""
    if len(c.tokens) != 1:
        return False
    t = c.tokens[0]
    before = t.doc[t.i - 1] if t.i > t.sent.start else None
    if t.lower_ in _PARTS_OF_DAY:
        if before is not None and before.lower_ == "good":
            return True
        return t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ == "NOUN"
    return t.text == "Today" and before is not None and before.pos_ == "PROPN"


@_refusal("discourse-now")
def _discourse_now(c: Candidate) -> bool:
    """ "Now," opening a sentence (or a quotation) marks a turn in the argument, not a time:
    TimeML leaves discourse markers untagged ("Now, the harder question is cost"); so does a
    verbless "Now for ..." that turns a broadcast to its next item ("Now for the weather")."""
    if len(c.tokens) != 1 or c.tokens[0].lower_ != "now" or not _TURN.match(c.text, c.end):
        return False
    t = c.tokens[0]
    before = [b for b in t.doc[t.sent.start : t.i] if not b.is_quote and not b.is_punct]
    return not before


_TURN = re.compile(r",|\s+for\s", re.IGNORECASE)


@_refusal("prospects")
def _prospects(c: Candidate) -> bool:
    """ "the future of the alliance", "the future looks bleak": a thing's prospects (what will
    become of it), not a time; "in the future", "about the future" stay FUTURE_REF."""
    if not c.tokens or c.tokens[-1].lower_ != "future" or c.tokens[0].lower_ != "the":
        return False
    head = c.tokens[-1]
    if any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in head.children):
        return True
    return head.dep_ in ("nsubj", "nsubjpass")


@_refusal("idiom")
def _idiom(c: Candidate) -> bool:
    """A time word fixed in an idiom that names no time: "every now and then", "now and
    again" (from time to time), "a thing of the past" (gone for good), "high noon" (a
    showdown, or the film; "at high noon" stays the hour); "the leaders of
    tomorrow", "in today's world" and "today's youth" (the present or coming age in general,
    not the day before or after the date of writing), and so does a share of "today's" kind
    ("many of today's computers": those of the present age)."""
    expr = c.expr.lower()
    if expr == "now":
        return bool(_NOW_AND.match(c.text, c.end))
    if expr == "noon":
        return bool(_HIGH_BEFORE.search(c.before(8))) and not _AT_HIGH.search(c.before(12))
    if expr == "the past":
        return bool(_THING_OF.search(c.before(14)))
    if expr not in ("today", "tomorrow") or len(c.tokens) != 1:
        return False
    t = c.tokens[0]
    if _AGE_AFTER.match(c.text, c.end):
        return True
    if expr == "today" and _POSSESSIVE_AFTER.match(c.text, c.end):
        return bool(_SHARE_OF.search(c.before(16)))
    return (
        expr == "tomorrow"
        and t.dep_ == "pobj"
        and t.head.lower_ == "of"
        and t.head.head.pos_ == "NOUN"
    )


_POSSESSIVE_AFTER = re.compile(r"['’]s\s")
_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.IGNORECASE)
_AT_HIGH = re.compile(r"\bat\s+high\s+$", re.IGNORECASE)
#: a quantifier "of" before "today's": a share of a kind, not the day's ("many of today's cars")
_SHARE_OF = re.compile(r"\b(?:many|most|some|all|few|none|much|half)\s+of\s+$", re.IGNORECASE)
_NOW_AND = re.compile(r"\s+and\s+(?:then|again)\b", re.IGNORECASE)
_THING_OF = re.compile(r"\bthings?\s+of\s+$", re.IGNORECASE)
#: what "today's" and "tomorrow's" qualify when they mean an age rather than a day
_AGE_AFTER = re.compile(
    r"['’]s\s+(?:world|society|generation|generations|youth|young|kids|children|era|age)\b",
    re.IGNORECASE,
)


_BARE_PLURAL_UNIT = re.compile(r"(?:days|weeks|months|years|nights|mornings)$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s+when\b", re.IGNORECASE)


@_refusal("kind-of-day")
def _kind_of_day(c: Candidate) -> bool:
    """A bare plural unit that a "when" clause defines is a kind of day, not a time: "on days
    when prices tumble", "in years when the harvest fails" (any such day; nothing is dated or
    measured); "days" after a number or a determiner stays a time."""
    if len(c.tokens) != 1 or not _BARE_PLURAL_UNIT.fullmatch(c.expr):
        return False
    t = c.tokens[0]
    has_det = any(ch.dep_ in ("det", "nummod", "amod", "poss") for ch in t.children)
    return not has_det and bool(_WHEN_AFTER.match(c.text, c.end))


_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|to\s+date)\b", re.IGNORECASE)


@_refusal("someones-year")
def _someones_year(c: Candidate) -> bool:
    """ "Year" with nothing but a possessor names the stretch that went well or badly for
    someone, not a calendar year: "this hasn't been Kellogg's year", "it was her year"; a
    determiner, a number or "fiscal" makes it a date ("the company's fiscal year", "this
    year"), and so does an end ("its year ended June 30")."""
    if not c.tokens or c.tokens[-1].lower_ != "year":
        return False
    unit = c.tokens[-1]
    kinds = {ch.dep_ for ch in unit.children if ch.i < unit.i}
    if "poss" not in kinds or kinds - {"poss"}:
        return False
    return _ENDED_AFTER.match(c.text, c.end) is None


# ---- names, counts and verbs --------------------------------------------------------------

_SEASON_WORDS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_TIME_UNITS = re.compile(r"(?:day|week|month|year|decade|centur(?:y|ie))s?", re.IGNORECASE)
#: capitalised words before a season that date it rather than name it ("Last Summer")
_SEASON_MODIFIERS = frozenset({"last", "next", "this", "early", "late", "mid", "the", "past"})


@_refusal("in-a-name")
def _in_a_name(c: Candidate) -> bool:
    """A season or a length of time written as part of a proper name is no time (the TIDES
    and TimeML guidelines leave names untagged): "the Summer Olympics", "the Winter Palace",
    "the Prague Spring", "the Six-Day War", "the Hundred Years' War", "a Summer of Hope
    rally".

    The words are capitalised and joined to a capitalised noun after them (a season also by
    "of"), or (a season) to a capitalised word before it that does not date it; "the summer
    of 2019", "Last Summer" and "the eight-year war" stay times."""
    words = [t for t in c.tokens if t.is_alpha and t.lower_ != "the"]
    if not words or not all(t.text[:1].isupper() for t in words):
        return False
    kinds = {t.lower_ for t in words}
    is_season = len(words) == 1 and bool(kinds & _SEASON_WORDS)
    is_duration = any(_TIME_UNITS.fullmatch(t.text) for t in words) and any(
        t.like_num for t in words
    )
    if not (is_season or is_duration):
        return False
    last = c.tokens[-1]
    after = last.doc[last.i + 1] if last.i + 1 < last.sent.end else None
    if after is not None and after.is_punct and after.text in ("'", "’"):  # "Years' War"
        after = after.doc[after.i + 1] if after.i + 1 < after.sent.end else None
    if after is not None and after.tag_ in ("NNP", "NNPS") and not after.is_stop:
        return True
    if is_season and after is not None and _of_a_name(after):  # "the Summer of Hope"
        return True
    first = c.tokens[0]
    if not is_season or first.i == first.sent.start:
        return False
    before = first.doc[first.i - 1]
    return (
        before.text[:1].isupper()
        and before.is_alpha
        and not before.is_stop  # "Talks To Resume In Spring": a headline's capitals
        and before.lower_ not in _SEASON_MODIFIERS
        and before.i > before.sent.start
    )


def _of_a_name(of: Token) -> bool:
    """ "of" and a capitalised word that is no month, weekday or number: the rest of a name
    ("Spring of Hope"), where "Spring of 1992" and "Summer of This Year" are dated."""
    if of.lower_ != "of" or of.i + 1 >= of.sent.end:
        return False
    word = of.doc[of.i + 1]
    return (
        word.is_alpha
        and word.text[:1].isupper()
        and not word.is_stop
        and word.lower_ not in MONTHS
        and word.lower_ not in WEEKDAYS
    )


#: the entities that name a person or a body: a time word inside one is part of the name
_NAME_ENTITIES = frozenset({"PERSON", "ORG"})


@_refusal("named-entity")
def _named_entity(c: Candidate) -> bool:
    """A capitalised time word the parser reads as part of a person's or a body's name is
    that name: "Dick Spring", "Mr. Winter", "the Daily News"."""
    return (
        bool(c.tokens)
        and c.expr[:1].isupper()
        and not any(t.like_num for t in c.tokens)
        and all(t.ent_type_ in _NAME_ENTITIES for t in c.tokens)
    )


#: what a programme or a paper is, when a capitalised time word comes before it
_MEDIA = re.compile(
    r"\s+(?:[A-Z][a-z]+\s+)?(?:show|program|programme|magazine|newspaper|broadcast|series)\b",
    re.IGNORECASE,
)
#: time words written in lower case in running text, so that capitals mark a title
_COMMON_TIME_WORDS = frozenset(
    {"today", "tonight", "tomorrow", "now", "morning", "evening", "night", "daily", "weekly"}
) | frozenset(WEEKDAYS)


_CLOCK_UNITS = re.compile(r"(?:minute|hour|day|week|month|year)s?", re.IGNORECASE)


@_refusal("programme-title")
def _programme_title(c: Candidate) -> bool:
    """A capitalised time word before "show", "program" or "magazine" names a programme or a
    paper ("the Tonight Show", "the 60 Minutes program", "Seven Days magazine"); at the start
    of a sentence the capital says nothing, so only a title-cased noun after it counts there.
    A weekday before a newspaper's name is the paper ("the Sunday Times"); "Sunday's
    editions" stays a day.
    """
    words = [t for t in c.tokens if t.is_alpha]
    if not words or not all(t.text[:1].isupper() for t in words):
        return False
    if not any(t.lower_ in _COMMON_TIME_WORDS or _CLOCK_UNITS.fullmatch(t.text) for t in words):
        return False
    m = _MEDIA.match(c.text, c.end)
    if m is None:
        paper = _PAPER.match(c.text, c.end) is not None
        return paper and any(t.lower_ in WEEKDAYS for t in c.tokens)
    return c.tokens[0].i != c.tokens[0].sent.start or m[0].strip()[:1].isupper()


#: a newspaper's name after a weekday ("the Sunday Times", "Saturday Night Live")
_PAPER = re.compile(
    r"\s+(?:Night\s+)?(?:Times|Telegraph|Post|Express|Mirror|Herald|Tribune|Independent|Mail"
    r"|Courier|Star|Gazette|Chronicle|Observer|Journal|Live)\b"
)


#: words beside "spring" that make it a source of water or a coil ("a hot spring")
_SPRING_NOUN = re.compile(r"(?:hot|mineral|thermal|natural|box|coil|mattress)\s+$", re.I)
_SPRING_AFTER = re.compile(r"\s*(?:water|-loaded|-fed)\b", re.IGNORECASE)


@_refusal("season-word")
def _season_word(c: Candidate) -> bool:
    """A season's name used as a verb ("rebels may spring a surprise", "they winter in the
    south") or "spring" the source of water or the coil ("a hot spring", "spring water") is
    no season."""
    if len(c.tokens) != 1 or c.tokens[0].lower_ not in _SEASON_WORDS:
        return False
    t = c.tokens[0]
    if t.pos_ == "VERB" or t.tag_.startswith("VB"):
        return True
    return t.lower_ == "spring" and bool(
        _SPRING_NOUN.search(c.before(10)) or _SPRING_AFTER.match(c.text, c.end)
    )


#: what a four-digit number before it counts rather than dates: people, votes, units, money
_COUNTED = frozenset(
    {"people", "persons", "troops", "soldiers", "civilians", "refugees", "migrants",
     "workers", "employees", "jobs", "members", "protesters", "demonstrators", "prisoners",
     "detainees", "deaths", "casualties", "cases", "police", "policemen", "officers",
     "students", "children", "families", "residents", "delegates", "voters", "votes",
     "seats", "fighters", "militants", "rebels", "marines", "sailors", "pilgrims", "tourists",
     "homes", "houses", "buildings", "cars", "vehicles", "trucks", "tanks", "rockets",
     "missiles", "shells", "rounds", "aircraft", "planes", "ships", "barrels", "tonnes",
     "tons", "metres", "meters", "kilometres", "kilometers", "km", "miles", "feet", "acres",
     "hectares", "points", "shares", "yen", "dollars", "euros", "pounds", "yuan", "rupees",
     "roubles", "rubles", "francs", "lira", "pesos", "units", "copies", "signatures"}
)  # fmt: skip
_FOUR_DIGITS = re.compile(r"\d{4}")


@_refusal("count")
def _count(c: Candidate) -> bool:
    """A four-digit number that counts people or things is no year: "deployed 2000 troops",
    "won 1999 votes", "the index closed at 2013 points"; "the 2019 protests" stays a year."""
    if len(c.tokens) != 1 or not _FOUR_DIGITS.fullmatch(c.tokens[0].text):
        return False
    t = c.tokens[0]
    if t.i > t.sent.start and t.doc[t.i - 1].lower_ in _BEFORE_A_YEAR:
        return False  # "in 2020 cases rose": the year, then the sentence's subject
    after = t.doc[t.i + 1] if t.i + 1 < t.sent.end else None
    if t.dep_ == "nummod" and t.head.i > t.i and t.head.lower_ in _COUNTED:
        return True
    return after is not None and after.pos_ == "NOUN" and after.lower_ in _COUNTED


#: capitalised words a year follows as a date, not as part of a name ("Christmas 1998")
_BEFORE_A_DATED_YEAR = frozenset(
    {"fiscal", "fy", "christmas", "easter", "ramadan", "spring", "summer", "autumn", "fall",
     "winter", "year", "years", "mid", "early", "late", "class"}
)  # fmt: skip


@_refusal("name-year")
def _name_year(c: Candidate) -> bool:
    """A year written right after a proper noun is part of a name ("Agenda 2000" reforms,
    the "Vision 2030" plan, a venture called "Nimbus 1970", "Euro 2000"), as a year glued
    by a hyphen is ("Vostok-2022"); a month, a season or a holiday before it dates it
    ("March 1998", "Christmas 1998") and a word at the head of a sentence may be capitalised
    for that alone ("Since 1985")."""
    if len(c.tokens) != 1 or not _FOUR_DIGITS.fullmatch(c.tokens[0].text):
        return False
    t = c.tokens[0]
    if t.i == t.sent.start:
        return False
    before = t.doc[t.i - 1]
    return (
        before.is_alpha
        and before.text[:1].isupper()
        and before.tag_ in ("NNP", "NNPS")
        and not before.is_stop
        and before.lower_ not in _BEFORE_A_DATED_YEAR
        and before.lower_ not in MONTHS
        and before.lower_ not in WEEKDAYS
    )


#: makers whose name after a year makes the year a model's ("a 1987 Chevrolet")
_MAKE_AFTER = re.compile(
    r"\s+(?:Chevrolet|Chevy|Ford|Toyota|Honda|Nissan|Mazda|Buick|Cadillac|Dodge|Chrysler"
    r"|Pontiac|Oldsmobile|Plymouth|Jeep|Volkswagen|VW|Mercedes|BMW|Audi"
    r"|Volvo|Saab|Porsche|Ferrari|Jaguar|Peugeot|Renault|Fiat|Hyundai|Kia|Subaru|Lada"
    r"|Harley|Boeing|Cessna|Beechcraft)\b"
)


@_refusal("model-year")
def _model_year(c: Candidate) -> bool:
    """A year before a maker's name is the model year of a car, a motorcycle or a plane ("his
    1987 Chevrolet was found", "a 2004 Cessna"): the kind of vehicle, not when anything
    happened; "in 1987 Chevrolet recalled" keeps the year (a preposition before it)."""
    if not _FOUR_DIGITS.fullmatch(c.expr) or _MAKE_AFTER.match(c.text, c.end) is None:
        return False
    t = c.tokens[0] if c.tokens else None
    return t is None or t.i == t.sent.start or t.doc[t.i - 1].lower_ not in _BEFORE_A_YEAR


_AT_A_LEVEL = re.compile(r"(?:\bat|\bpoints?\s+(?:to|from|at))\s+$", re.IGNORECASE)
_YEAR_AS_BASE = re.compile(r"\s+(?:prices|levels?|rates?|values?|dollars)\b", re.IGNORECASE)


@_refusal("level")
def _level(c: Candidate) -> bool:
    """A four-digit number after "at" is a level or a clock reading, not a year, which English
    gives "in": "the index closed at 1850", "the garrison stood to at 0400"; so is one a
    move in points ends or starts at ("fell 12 points to 1850"); "at 1995 prices"
    (constant prices) stays a year."""
    return (
        _FOUR_DIGITS.fullmatch(c.expr) is not None
        and _AT_A_LEVEL.search(c.before(12)) is not None
        and _YEAR_AS_BASE.match(c.text, c.end) is None
    )


#: words that a number after them labels: a room, a flight, a road, a text's part, a bill
_LABEL_BEFORE = re.compile(
    r"\b(?:room|flight|highway|route|interstate|resolution|bill|article|section|chapter"
    r"|paragraph|clause|model|number|no\.|nos\.|h\.\s?r\.|platform|gate|channel|bus|line"
    r"|suite|unit|apartment|box)\s*$",
    re.IGNORECASE,
)


@_refusal("label")
def _label(c: Candidate) -> bool:
    """A four-digit number after a word it labels is a name or a number, not a year: "room
    2010", "Flight 1502", "resolution 1244", "H.R. 2014", "Highway 1999"."""
    m = _ENDS_IN_FOUR_DIGITS.search(c.expr)
    if m is None:
        return False
    return bool(_LABEL_BEFORE.search(c.before(14) + c.expr[: m.start()]))


_ENDS_IN_FOUR_DIGITS = re.compile(r"(?:^|(?<=\s))\d{4}$")


#: what follows a 24-hour clock time in wire copy: "at 1900 GMT", "0600 local time"
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|Z\b|hrs\b|hours\b|local\s+time)")


@_refusal("clock-time")
def _clock_time(c: Candidate) -> bool:
    """A four-digit 24-hour clock time is no year: "the curfew starts at 2100 GMT", "talks
    resume at 0900 local time" (a year 2100 or 0900 is no date news tells)."""
    expr = c.expr.strip()
    return (
        _FOUR_DIGITS.fullmatch(expr) is not None
        and int(expr[:2]) < 24
        and int(expr[2:]) < 60
        and _CLOCK_AFTER.match(c.text, c.end) is not None
    )


#: prepositions that introduce a year far more often than a count
_BEFORE_A_YEAR = frozenset(
    {"in", "since", "by", "until", "till", "during", "before", "after", "from", "of"}
)


#: month names that are also English words, read as those words when written in lower case
_MONTH_WORDS = frozenset({"march", "may", "august"})


@_refusal("month-word")
def _month_word(c: Candidate) -> bool:
    """A month name alone in lower case is the word, not the month ("an august assembly",
    "they may march"); a capitalised "March" or "May" between its subject and what follows a
    verb is the verb, as in a headline's "Farmers March on the Capital" or "Talks May Resume";
    "the March on the Capital", after a determiner, is the noun, and so is "the annual March
    for Peace", after an adjective and before its cause.
    """
    if len(c.tokens) != 1 or c.tokens[0].lower_ not in _MONTH_WORDS:
        return False
    t = c.tokens[0]
    if not t.text[:1].isupper():
        return True
    if t.lower_ not in ("march", "may") or t.i == t.sent.start or t.i + 1 >= t.sent.end:
        return False
    before, after = t.doc[t.i - 1], t.doc[t.i + 1]
    subject = before.pos_ in ("NOUN", "PROPN", "PRON") and before.tag_ != "POS"
    if t.lower_ == "march":
        # "the March on the capital", "a March to the sea": a determiner makes it the noun
        determiner = before.lower_ in ("the", "a", "this", "their", "his", "her", "its")
        # "the annual March for Peace": an adjective qualifies the noun, never the month
        qualified = before.pos_ == "ADJ" and before.lower_ not in _DATING_ADJECTIVES
        if not (subject or determiner or qualified):
            return False
        return after.lower_ in _MARCH_PREPOSITIONS or _for_a_cause(t)
    return subject and after.tag_ == "VB"  # "Sanctions May Ease"


def _for_a_cause(t: Token) -> bool:
    """ "March for Life", "March for Peace": "for" and the capitalised cause after it."""
    if t.i + 2 >= t.sent.end or t.doc[t.i + 1].lower_ != "for":
        return False
    cause = t.doc[t.i + 2]
    return cause.is_alpha and cause.text[:1].isupper() and cause.lower_ not in MONTHS


#: adjectives that place a month in time rather than qualify a march ("early March")
_DATING_ADJECTIVES = frozenset({"early", "late", "mid", "last", "next", "past", "coming"})
#: where marchers go: "march on", "march to", "march through"
_MARCH_PREPOSITIONS = frozenset(
    {"on", "to", "toward", "towards", "through", "into", "against", "across", "past", "from"}
)
