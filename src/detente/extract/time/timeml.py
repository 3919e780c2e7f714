"""TimeML values for what a calendar date cannot state: weeks, seasons, quarters, halves,
decades, centuries, the ``*_REF`` values, durations, sets and times of day.

The calendar rules (:mod:`detente.extract.time.rules`) answer *when*, at day precision at
best, and refuse what they cannot state.  A TIMEX3 value can state more: ``1998-W05``,
``1998-SU``, ``1998-Q1``, ``1998-H2``, ``199`` (the 1990s), ``19`` (the 20th century),
``PRESENT_REF``, ``P3Y`` (three years), ``P1D`` as a SET (daily), ``1998-02-03TNI``.
:func:`timex_text` gives ``(type, value)`` for one expression; the calendar answer, when
there is one, is written as a TimeML value by the caller (:func:`from_calendar`).

:func:`calendar_of` maps a TimeML value back to the calendar model at a coarser precision,
never a finer one: a week within one month is that month, a summer its year, a half a month
range; a winter (across two years), a decade, a duration or a ``*_REF`` has no calendar value,
so what dates events and quotes never receives a wrong day.

The rules follow the TimeML guidelines (TimeML 1.2.1, TIMEX3), not the corpus.  Given as
an expression, "current", "soon", "previously" read as the guidelines' ``*_REF`` values; the
running-text search (in :mod:`detente.extract.time`) proposes only the vague words whose sense
is temporal in nearly any text ("now", "recently", "the future"): "current", "soon", "once"
are too often something else ("current account", "as soon as", "once a week").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from detente.extract.time.rules import (
    MONTHS,
    NUMBERS,
    WEEKDAYS,
    Resolved,
    resolve_text,
    spell_out,
    strip_open_end,
)

__all__ = ["Context", "Timex", "calendar_of", "from_calendar", "timex_text"]

#: (TIMEX3 type, TimeML value): type is DATE, TIME, DURATION or SET
Timex = tuple[str, str]


@dataclass(frozen=True)
class Context:
    """What an expression is read against: the anchor, the clause's tense, the last value."""

    anchor: dt.date | None
    past: bool | None = None
    previous: str | None = None  # the TimeML value of the last DATE in the document


_WORDS: Final[dict[str, int]] = {
    **{k: v for k, v in NUMBERS.items() if k not in ("a", "an")},
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_ORDINAL_WORDS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty first": 21, "twenty-first": 21,
}  # fmt: skip
#: unit -> (TimeML letter, whether it is a time unit written after "T")
_UNITS: Final[dict[str, tuple[str, bool]]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("E", False),
    "century": ("C", False), "centurie": ("C", False),
}  # fmt: skip
_SEASONS: Final[dict[str, str]] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
_PARTS: Final[dict[str, str]] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
}
_NUM = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")s?"
# Hedges that leave a value as it is: "nearly two years" is P2Y (TimeML keeps them in ``mod``).
_HEDGE = (
    r"(?:(?:about|around|almost|nearly|roughly|some|more than|less than|fewer than|over|"
    r"under|at least|at most|up to|no more than|only|just|barely|another|within|a full|"
    r"the past|the last|the next|the first|the coming|the previous|the following|the|"
    r"past|last|next|first|coming|previous|following)\s+)*"
)
_YEAR = r"(?P<y>1\d{3}|2[01]\d{2})"

Rule = Callable[[re.Match[str], Context], Timex | None]
_RULES: list[tuple[re.Pattern[str], Rule]] = []


def _rule(pattern: str) -> Callable[[Rule], Rule]:
    def deco(fn: Rule) -> Rule:
        _RULES.append((re.compile(r"^(?:" + pattern + r")$"), fn))
        return fn

    return deco


def _normalise(expr: str) -> str:
    s = expr.lower().strip().strip(".,;:()[]\"'“”‘’")
    s = re.sub(r"[’']s$", "", s)
    s = s.replace("–", "-").replace("—", "-")
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)  # "third-quarter", "year-ago"
    s = re.sub(r"(?<=\d)-(?=[a-z])", " ", s)  # "10-year", "8-month-old"
    s = strip_open_end(spell_out(re.sub(r"\s+", " ", s)))
    s = re.sub(r"^(?:(?:in|on|by|for|during|since|of|from|until|over the|over)\s+)+", "", s)
    return _POSSESSIVE.sub("the ", s)  # "its fourth quarter": the company's, as "the"


_POSSESSIVE = re.compile(r"^(?:its|their|our)\s+")


def timex_text(expr: str, ctx: Context) -> Timex | None:
    """The TIMEX3 type and value of one expression, or None when no rule here states one."""
    s = _normalise(expr)
    for pattern, fn in _RULES:
        m = pattern.match(s)
        if m:
            return fn(m, ctx)
    return None


def from_calendar(r: Resolved) -> Timex:
    """A calendar answer as a TimeML value: quarter ranges become ``YYYY-Qn``."""
    value, _precision, rule, end = r
    if rule == "quarter" and end is not None:
        return "DATE", f"{value[:4]}-Q{(int(value[5:7]) + 2) // 3}"
    return "DATE", value


# ---- references ---------------------------------------------------------------------------

_PRESENT = r"now|right now|just now|currently|current|the present|at present|nowadays|these days"
_PAST = (
    r"the past|recently|more recently|lately|recent|previously|earlier|formerly"
    r"|recent (?:years|days)|in recent (?:years|days)|past years"
)
#: a count too vague for a value, back from now: "several years ago", "a few months ago"
_VAGUE_AGO = (
    r"(?:a few|few|several|some|many|a couple of|a number of)\s+"
    r"(?:years|months|weeks|days|decades)\s+(?:ago|back)"
)
_FUTURE = (
    r"the future|the near future|the distant future|future|someday|in the future|soon"
    r"|the near term|the short term|a later date"
    r"|(?:the )?coming (?:weeks|months|quarters|years)|future (?:quarters|years)"
)


@_rule(
    r"(?P<present>" + _PRESENT + r")|(?P<past>" + _PAST + r"|" + _VAGUE_AGO + r")|(?P<future>"
    + _FUTURE + r")"
)  # fmt: skip
def _ref(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["present"]:
        return "DATE", "PRESENT_REF"
    return "DATE", "PAST_REF" if g["past"] else "FUTURE_REF"


# ---- sets ---------------------------------------------------------------------------------

_EVERY = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
          "quarterly": "P1Q", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}  # fmt: skip


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


@_rule(r"(?P<adv>daily|nightly|weekly|monthly|annually|yearly|hourly)"
       r"|(?:every|each)\s+(?P<u>day|night|week|month|quarter|year|hour)"
       r"|(?:every|each)\s+(?P<wd>" + "|".join(WEEKDAYS) + r")"
       r"|(?:every|each)\s+(?P<mon>" + _MONTH_NAMES + r")")  # fmt: skip
def _set(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["adv"]:
        return "SET", _EVERY[g["adv"]]
    if g["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[g['wd']] + 1}"
    if g["mon"]:
        return "SET", f"XXXX-{MONTHS[g['mon']]:02d}"  # "each July"
    letter, is_time = _UNITS[g["u"]]
    return "SET", ("PT1" if is_time else "P1") + letter


# ---- weeks and weekends -------------------------------------------------------------------


def _week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


_SHIFT = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


def _shift_word(rel: str | None) -> int | None:
    """-1, 0, +1 for a relative word; None for "the previous/following" (needs a referent)."""
    if rel is None:
        return 0
    words = rel.split()
    if words[0] == "the" and words[-1] in ("previous", "following"):
        return None
    return _SHIFT.get(words[-1], 0)


@_rule(r"(?:(?:early|late|later|earlier|(?:the\s+)?end of)\s+)?(?P<rel>this|last|next|this past|"
       r"the current|current|past|coming|previous|the previous|the following)"
       r"\s+week")  # fmt: skip
def _rel_week(g: re.Match[str], ctx: Context) -> Timex | None:
    k = _shift_word(g["rel"])
    if ctx.anchor is None or k is None:
        return None
    return "DATE", _week(ctx.anchor + dt.timedelta(weeks=k))


@_rule(r"(?:(?P<rel>this|last|next|this past|the past|the coming|the)\s+)?weekend")
def _weekend(g: re.Match[str], ctx: Context) -> Timex | None:
    a = ctx.anchor
    if a is None:
        return None
    saturday = a + dt.timedelta(days=5 - a.weekday())  # this week's Saturday
    rel = g["rel"] or "the"
    if rel in ("last", "this past", "the past") or (
        rel == "the" and ctx.past is not False and a.weekday() < 4
    ):
        saturday -= dt.timedelta(weeks=1)
    elif rel == "next":
        saturday += dt.timedelta(weeks=1)
    return "DATE", _week(saturday) + "-WE"


@_rule(r"(?:(?:about|around|almost|nearly|roughly|some|more than|over|just|only)\s+)?(?:"
       + _NUM + r"\s+weeks?|(?P<a>a|one)\s+week)\s+(?:ago|earlier|before)")  # fmt: skip
def _weeks_ago(g: re.Match[str], ctx: Context) -> Timex | None:
    n = 1 if g["a"] else _number(g["n"])
    if ctx.anchor is None or n is None:
        return None
    return "DATE", _week(ctx.anchor - dt.timedelta(weeks=n))


# ---- seasons ------------------------------------------------------------------------------

_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
                    8: "SU", 9: "FA", 10: "FA", 11: "FA"}  # fmt: skip
_SEASON_ORDER = ["WI", "SP", "SU", "FA"]


@_rule(r"(?:(?P<rel>this|last|next|this past|the past|the coming|the|early|late|"
       r"the early|the late|mid)\s+)?(?P<s>spring|summer|fall|autumn|winter)"
       r"(?:\s+(?:of\s+)?" + _YEAR + r")?")  # fmt: skip
def _season(g: re.Match[str], ctx: Context) -> Timex | None:
    code = _SEASONS[g["s"]]
    if g["y"]:
        return "DATE", f"{g['y']}-{code}"
    a = ctx.anchor
    if a is None:
        return None
    now = _SEASON_OF_MONTH[a.month]
    ahead = _SEASON_ORDER.index(code) > _SEASON_ORDER.index(now)
    rel = (g["rel"] or "the").split()[-1]
    year = a.year
    if rel in ("last", "past"):
        year = a.year - 1 if ahead or code == now else a.year  # the latest one already over
    elif rel in ("the", "early", "late", "mid") and ctx.past:
        year = a.year - 1 if ahead else a.year
    elif rel in ("the", "early", "late", "mid") and ctx.past is False:
        year = a.year if ahead or code == now else a.year + 1  # "will open in the spring"
    elif rel in ("next", "coming"):
        year = a.year if ahead else a.year + 1
    return "DATE", f"{year}-{code}"


# ---- quarters and halves ------------------------------------------------------------------

_QWORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
           "4th": 4}  # fmt: skip


def _quarter_year(q: int, ctx: Context) -> int | None:
    """The year of a quarter named without one: the latest such quarter begun by the anchor.

    A report on "the fourth quarter" in February speaks of last year's; one announcing
    "the third quarter" in the future tense of the coming one."""
    a = ctx.anchor
    if a is None:
        return None
    current = (a.month + 2) // 3
    if q > current and ctx.past is not False:
        return a.year - 1
    return a.year


@_rule(r"(?:the\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<q>" + "|".join(_QWORDS)
       + r")|q(?P<qd>[1-4]))\s+(?:(?:fiscal|calendar)\s+)?(?:quarter|qtr)?"
       r"(?:\s+(?:of\s+)?(?:fiscal\s+)?" + _YEAR + r")?"
       r"|q(?P<qd2>[1-4])\s*" + _YEAR.replace("?P<y>", "?P<y2>"))  # fmt: skip
def _quarter(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["qd2"]:
        return "DATE", f"{g['y2']}-Q{g['qd2']}"
    if g["q"] and not g.group(0).rstrip().endswith(("quarter", "qtr")) and not g["y"]:
        return None  # "the first" alone is not a quarter
    q = _QWORDS[g["q"]] if g["q"] else int(g["qd"])
    year = int(g["y"]) if g["y"] else _quarter_year(q, ctx)
    return ("DATE", f"{year}-Q{q}") if year else None


_PREV_Q = re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")


@_rule(r"(?:this|last|next)\s+year(?:'s|’s)?\s+(?P<q>first|second|third|fourth)\s+quarter"
       r"|the\s+" + _YEAR + r"\s+(?P<q2>first|second|third|fourth)\s+quarter"
       r"|the\s+(?P<q3>first|second|third|fourth)\s+(?P<y3>1\d{3}|2[01]\d{2})"
       r"\s+quarter")  # fmt: skip
def _year_quarter(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "this year's third quarter", "the 1988 second quarter", "the first 1987 quarter"."""
    if g["y"]:
        return "DATE", f"{g['y']}-Q{_QWORDS[g['q2']]}"
    if g["y3"]:
        return "DATE", f"{g['y3']}-Q{_QWORDS[g['q3']]}"
    a = ctx.anchor
    if a is None:
        return None
    k = {"last": -1, "next": 1}.get(g.group(0).split()[0], 0)
    return "DATE", f"{a.year + k}-Q{_QWORDS[g['q']]}"


@_rule(r"(?:the\s+)?(?P<ago>year ago|year earlier)\s+(?P<q>first|second|third|fourth)\s+quarter")
def _year_ago_quarter(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the year-ago third quarter": that quarter, a year before the one compared."""
    year = _quarter_year(_QWORDS[g["q"]], ctx)
    return ("DATE", f"{year - 1}-Q{_QWORDS[g['q']]}") if year else None


@_rule(r"(?:the\s+)?" + _YEAR + r"\s+(?P<what>period|quarter)")
def _year_period(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the 1988 period": the last quarter named, in that year (a results comparison)."""
    prev = _PREV_Q.match(ctx.previous or "")
    if prev is not None:
        return "DATE", f"{g['y']}-Q{prev['q']}"
    if g["what"] == "period":
        return "DATE", g["y"]
    return ("DATE", f"{g['y']}-Q{_last_quarter(ctx.anchor)[1]}") if ctx.anchor else None


@_rule(r"(?:the\s+)?(?:(?:full|whole|entire|current|current fiscal|fiscal|calendar)\s+)?year"
       r"|(?:around\s+)?(?:the\s+)?(?:end of (?:the|this) year|year end|year's end|year’s end)"
       r"|(?:earlier|later) in the year")  # fmt: skip
def _the_year(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the year", "the full year", "year-end": the year the report is written in.

    (TimeML writes the end of a year as that year, with ``mod="END"``.)"""
    return ("DATE", str(ctx.anchor.year)) if ctx.anchor else None


@_rule(r"that year")
def _that_year(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "that year": the year of the last date named."""
    m = _PLAIN.match(ctx.previous or "")
    return ("DATE", m["y"]) if m else None


@_rule(r"year (?:ago|earlier)")
def _year_ago_adjective(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "year-earlier results": the last quarter or date named, a year before."""
    prev = _PREV_Q.match(ctx.previous or "")
    if prev is not None:
        return "DATE", f"{int(prev['y']) - 1}-Q{prev['q']}"
    return _year_before(ctx.previous)


@_rule(r"(?:this\s+)?(?:the\s+)?(?:(?P<rel>latest|last|past|previous|current|most recent|"
       r"recent|same|year ago|year earlier|comparable|corresponding|fiscal|latest fiscal|"
       r"last year(?:'s|’s)?|comparable year ago|corresponding year ago)\s+)?"
       r"(?:fiscal\s+)?"
       r"(?:quarter|period)(?:\s+(?P<ago>a year (?:ago|earlier)|last year|of last year))?"
       r"|(?P<yago>(?:a|one) year (?:ago|earlier))")  # fmt: skip
def _quarter_ref(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the quarter", "the year-ago quarter", "a year earlier": read against the last quarter.

    Financial reports name a quarter once and then compare with "a year earlier"; with no
    quarter before, "the quarter" is the latest one begun, and "a year earlier" is left to
    the calendar rules."""
    prev = _PREV_Q.match(ctx.previous or "")
    a = ctx.anchor
    ahead = prev is not None and a is not None and _q(prev) > _current_quarter(a)
    if ahead:
        prev = None  # a forecast for a quarter ahead is not what results are compared with
    back = bool(g["ago"] or g["yago"] or re.search(r"year(?:'s|’s)? ?|year a", g["rel"] or ""))
    rel = g["rel"] or ""
    if g.group(0).endswith("period") and prev is None and not ahead and ctx.previous:
        return None  # a date but no quarter named: "the period" may be nine months
    if prev is not None and rel not in ("last", "previous", "past", "current"):
        return "DATE", f"{int(prev['y']) - back}-Q{prev['q']}"
    if g["yago"]:
        if not g.group(0).endswith("earlier"):
            return None  # "a year ago" without a quarter before: the calendar rules' year
        return _year_before(ctx.previous)
    if a is None:
        return None
    y, q = _current_quarter(a)
    if rel not in ("current",) and not g.group(0).startswith("this"):
        y, q = _last_quarter(a)  # "the quarter", "the latest quarter": the one results report on
    return "DATE", f"{y - back}-Q{q}"


def _q(m: re.Match[str]) -> tuple[int, int]:
    return int(m["y"]), int(m["q"])


def _current_quarter(a: dt.date) -> tuple[int, int]:
    return a.year, (a.month + 2) // 3


def _last_quarter(a: dt.date) -> tuple[int, int]:
    """The last quarter over by ``a``: the one a results report speaks of."""
    y, q = _current_quarter(a)
    return (y - 1, 4) if q == 1 else (y, q - 1)


_PLAIN = re.compile(r"^(?P<y>\d{4})(?P<rest>(?:-\d{2}){0,2}|-H[12]|-(?:SP|SU|FA|WI))$")


def _year_before(previous: str | None) -> Timex | None:
    """ "a year earlier" than the last date: the same day, month or season a year before.

    With no date named before there is no answer: in a results report it is most often a
    quarter, and answering the year was measured to lower the share of answers right."""
    m = _PLAIN.match(previous or "")
    if m is None or m["rest"].endswith("-02-29"):
        return None
    return "DATE", f"{int(m['y']) - 1:04d}{m['rest']}"


@_rule(r"(?:the\s+)?(?P<h2q>first|last)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?" + _YEAR)
def _two_quarters(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the first two quarters of 1990": that year's first half."""
    return "DATE", f"{g['y']}-H{1 if g['h2q'] == 'first' else 2}"


@_rule(r"(?:the\s+)?(?P<h>first|second|last|latter|1st|2nd)\s+half(?:\s+(?:of\s+)?(?:fiscal\s+)?"
       + _YEAR + r"|\s+of\s+(?P<rel>this|last|next|the)\s+year)?")  # fmt: skip
def _half(g: re.Match[str], ctx: Context) -> Timex | None:
    h = 1 if g["h"] in ("first", "1st") else 2
    if g["y"]:
        return "DATE", f"{g['y']}-H{h}"
    a = ctx.anchor
    if a is None:
        return None
    year = a.year + {"last": -1, "next": 1}.get(g["rel"] or "", 0)
    if g["rel"] is None and h == 2 and a.month <= 6 and ctx.past is not False:
        year -= 1  # "the second half" in a spring report: last year's
    return "DATE", f"{year}-H{h}"


# ---- decades and centuries ----------------------------------------------------------------

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip


@_rule(r"(?:the\s+)?(?:(?:first|second|last|latter|early|later)\s+(?:half|part)\s+of\s+)?"
       r"(?:the\s+)?(?:(?:early|mid|late|the early|the mid|the late|mid )[\s-]*)?"
       r"(?:(?P<c>1[0-9]|20)(?P<d>\d)0\s?'?s|'(?P<d2>\d)0\s?s|(?P<w>" + "|".join(_DECADE_WORDS)
       + r"))")  # fmt: skip
def _decade(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["c"]:
        return "DATE", g["c"] + g["d"]
    digit = int(g["d2"]) if g["d2"] else _DECADE_WORDS[g["w"]]
    a = ctx.anchor
    century = 19 if a is None or digit * 10 > a.year % 100 else a.year // 100
    return "DATE", f"{century}{digit}"


@_rule(r"(?:the\s+)?(?P<rel>this|last|past|next|coming|previous|current)\s+(?P<u>decade|century)"
       r"|(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORDINAL_WORDS)
       + r"))\s+century")  # fmt: skip
def _period(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["n"] or g["w"]:
        n = int(g["n"]) if g["n"] else _ORDINAL_WORDS[g["w"]]
        return ("DATE", f"{n - 1:02d}") if 0 < n <= 21 else None
    a = ctx.anchor
    if a is None:
        return None
    if g["rel"] == "past":  # "the past decade", "the past century": the years to now
        return "DURATION", "P1E" if g["u"] == "decade" else "P1C"
    k = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(g["rel"], 0)
    if g["u"] == "decade":
        return "DATE", f"{a.year // 10 + k:03d}"
    return "DATE", f"{a.year // 100 + k:02d}"


# ---- durations ----------------------------------------------------------------------------


def _number(word: str) -> int | None:
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))  # "1,500 days"
    parts = word.split()
    if len(parts) == 2 and parts[0] in _WORDS and parts[1] in _WORDS:
        return _WORDS[parts[0]] + _WORDS[parts[1]]  # "twenty four"
    return _WORDS.get(word)


def _duration(n: str, unit: str) -> str:
    letter, is_time = _UNITS[unit]
    return ("PT" if is_time else "P") + n + letter


_COUNT = (
    r"(?:(?P<whole>\d+)\s+(?:1/2|and a half)|(?P<dec>\d+\.\d+)"
    r"|(?P<n>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\s+"
    r"(?:one|two|three|four|five|six|seven|eight|nine)|"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")|(?P<one>a|an|one)|(?P<couple>a couple of|a couple|couple of)"
    r"|(?P<few>a few|few|several|some|many|the|recent)|(?P<half>a half|half an?|half a))"
)


#: half of a unit in the next unit down, as TimeML writes it ("2 1/2 years": P2Y6M)
_HALF_DOWN: Final[dict[str, str]] = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}


def _and_a_half(whole: str, unit: str) -> str:
    """ "2 1/2 years" -> P2Y6M, "1 1/2 hours" -> PT1H30M; a unit with no whole half below
    it as a decimal ("2 1/2 weeks" -> P2.5W)."""
    half = _HALF_DOWN.get(unit)
    if half is None:
        return _duration(whole + ".5", unit)
    return _duration(whole, unit) + half


@_rule(r"the\s+(?:past|last|coming)\s+(?P<u>year|month|week|decade)")
def _the_past_unit(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "the past year": the twelve months to now, not the previous calendar year."""
    return "DURATION", _duration("1", g["u"])


@_rule(_HEDGE + _COUNT + r"(?:\s+more)?\s+" + _UNIT + r"(?:\s+(?:old|long|later|running))?"
       r"|(?P<bare>" + "|".join(u for u in _UNITS if u not in ("night", "centurie"))
       + r"|centurie)s")  # fmt: skip
def _duration_rule(g: re.Match[str], ctx: Context) -> Timex | None:
    """ "three years", "the past two weeks", "several days", "months".

    Ages ("52 years old", "a 136-year-old firm") are left out: they date nothing."""
    if g.group(0).endswith(" old"):
        return None
    if g["bare"]:
        unit = g["bare"]
        return "DURATION", _duration("X", unit)
    unit = g["unit"]
    if g["whole"]:
        return "DURATION", _and_a_half(g["whole"], unit)
    if g["dec"]:
        return "DURATION", _duration(g["dec"], unit)  # "9.87 seconds": PT9.87S (ISO 8601)
    if g["n"]:
        n = _number(g["n"])
        if n is None or n == 0:
            return None
        count = str(n)
    elif g["one"]:
        count = "1"
    elif g["couple"]:
        count = "2"
    elif g["half"]:
        return None  # TimeML writes a half in the next unit down: too rare to guess
    else:
        if g["few"] == "the" and not g.group(0).startswith(("the past", "the last", "the next")):
            return None  # "the year" is a date, not a duration
        count = "X"
    return "DURATION", _duration(count, unit)


# ---- times of day -------------------------------------------------------------------------

_CLOCK = (
    r"(?:(?:at|around|about|by|until|before|after)\s+)?(?:(?P<h>\d{1,2})(?::(?P<min>\d{2}))?"
    r"\s*(?P<ap>a\.?m\.?|p\.?m\.?)|(?P<noon>noon|midday))"
    r"(?:\s+(?:local time|gmt|utc|[ecmp][sd]t))?"
)


@_rule(_CLOCK + r"(?:,?\s+(?:on\s+)?(?P<day>.+))?")
def _clock(g: re.Match[str], ctx: Context) -> Timex | None:
    if g["noon"]:
        hour, minute = 12, 0
    else:
        hour, minute = int(g["h"]), int(g["min"] or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        hour = hour % 12 + (12 if g["ap"].startswith("p") else 0)
    day = _day_value(g["day"], ctx) if g["day"] else _anchor_day(ctx)
    return ("TIME", f"{day}T{hour:02d}:{minute:02d}") if day else None


@_rule(r"(?:(?P<day>.+?)\s+)?(?P<part>morning|afternoon|evening|night)"
       r"|(?P<tonight>tonight)|(?:this\s+)?(?:(?P<mid>mid)\s+)?(?P<part2>afternoon)")  # fmt: skip
def _part_of_day(g: re.Match[str], ctx: Context) -> Timex | None:
    part = _PARTS[g["part"] or ("tonight" if g["tonight"] else g["part2"])]
    words = (g["day"] or "this").strip()
    if g["tonight"] or g["part2"] or words in ("this", "later this", "early this", "late this"):
        day = _anchor_day(ctx)
    elif words == "last" and part == "NI":
        day = _day_value("yesterday", ctx)
    else:
        day = _day_value(words, ctx)
    return ("TIME", f"{day}T{part}") if day else None


def _anchor_day(ctx: Context) -> str | None:
    return ctx.anchor.isoformat() if ctx.anchor else None


def _day_value(expr: str, ctx: Context) -> str | None:
    """A day named beside a time of day ("10 p.m. Wednesday", "Friday morning")."""
    r = resolve_text(expr, ctx.anchor, ctx.past)
    return r[0] if r is not None and r[1] == "day" and r[3] is None else None


# ---- back to the calendar -----------------------------------------------------------------

_WEEK = re.compile(r"^(?P<y>\d{4})-W(?P<w>\d{2})(?P<we>-WE)?$")
_SEASON_VALUE = re.compile(r"^(?P<y>\d{4})-(?P<s>SP|SU|FA|WI)$")
_HALF = re.compile(r"^(?P<y>\d{4})-H(?P<h>[12])$")
_QUARTER = re.compile(r"^(?P<y>\d{4})-Q(?P<q>[1-4])$")


def calendar_of(value: str) -> Resolved | None:
    """The calendar value of a TimeML value at a coarser precision, or None (never a finer)."""
    m = _WEEK.match(value)
    if m:
        monday = dt.date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
        first = monday + dt.timedelta(days=5) if m["we"] else monday
        last = monday + dt.timedelta(days=6)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}", "month", "week", None
        return (str(first.year), "year", "week", None) if first.year == last.year else None
    m = _SEASON_VALUE.match(value)
    if m:
        return None if m["s"] == "WI" else (m["y"], "year", "season", None)
    m = _HALF.match(value)
    if m:
        y, h = m["y"], int(m["h"])
        return f"{y}-{6 * h - 5:02d}", "month", "half", f"{y}-{6 * h:02d}"
    m = _QUARTER.match(value)
    if m:
        y, q = m["y"], int(m["q"])
        return f"{y}-{3 * q - 2:02d}", "month", "quarter", f"{y}-{3 * q:02d}"
    return None
