"""String rules that turn one time expression into a calendar value.

This is the context-free half of the date resolver (:mod:`detente.extract.time` adds the
document: tense, offsets, the previous date).  Every rule reads a lower-cased expression with
its leading preposition removed and returns ``(value, precision, rule, end_value)`` or ``None``.

Why our own rules before dateparser: dateparser fills missing parts from its base date, so
"March" becomes the 17th of March and "last year" becomes a day a year ago, and it picks
weekdays and bare months without looking at the tense.  We only hand it what is absolute
(an explicit year or month name with digits) and keep the precision the text states.

Decisions, each justified where it is coded:

* Precision is never raised: "early August" is a month, "mid-1996" a year.
* Quarters ("Q3 2021", "the third quarter of 2021") are month ranges: value ``2021-07``,
  end_value ``2021-09``, precision month -- the model has no quarter precision and a year would
  lose what the text states.
* Weeks, seasons, decades, centuries and vague references ("now", "recent years") give None:
  the model cannot state them and a wrong-precision guess is worse than nothing.
* Without an anchor only absolute expressions (with a year) resolve; the real today never leaks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from detente.model import Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["Resolved", "resolve_text", "spell_out", "strip_open_end"]

#: (value, precision, rule, end_value)
Resolved = tuple[str, Precision, str, str | None]

MONTHS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
ORDINALS: Final[dict[str, int]] = {"first": 1, "second": 2, "third": 3, "fourth": 4}

MON = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A day number with an optional ordinal suffix ("16", "16th").
DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
# Years are four digits 1000-2199: bare two-digit "years" are too often other numbers.
YEAR = r"(?P<{}>1\d{{3}}|2[01]\d{{2}})"
WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
# Parts of the day do not change the date ("Sunday night", "yesterday morning").
PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
SEP = r"\s*(?:-|–|—|to|through|until|till|and)\s*"


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(r"^" + pattern + r"$")


def _m(name: str) -> str:
    return MON.format(name)


def _d(name: str) -> str:
    return DAY.format(name)


def _y(name: str) -> str:
    return YEAR.format(name)


# Words that introduce an expression without changing its value.
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|from|since|during|until|till|through|of|as of|between|"
    r"around|about|circa|starting|beginning|the)\s+)+"
)
# Words that narrow a period without giving a finer precision ("early August" is a month).
_NARROW = re.compile(
    r"^(?:early|earlier|mid|middle|late|later|the end of|end of|the beginning of|beginning of|"
    r"the start of|start of|the middle of|the first half of|the second half of|the spring of|"
    r"the summer of|the autumn of|the fall of|the winter of)[\s-]+(?:in\s+|of\s+)?"
)
# Vague or unsupported references: answered None before any rule can misread them.
_VAGUE = re.compile(
    r"\b(?:now|current(?:ly)?|recent(?:ly)?|present|past|future|decades?|centur(?:y|ies)|"
    r"\d{2,4}'?s|week(?:end)?s?|spring|summer|autumn|fall|winter|season|era|times?|"
    r"later|soon|once|former(?:ly)?|ago\b.*\bago)\b"
)


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day(y: int, m: int, d: int) -> str | None:
    """A valid ``YYYY-MM-DD`` or None ("February 30" is not a date)."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _choose_year(month: int, day: int | None, anchor: dt.date, past: bool | None) -> int:
    """The year of a date stated without one, from the anchor and the tense.

    Past: the latest such date on or before the anchor; future: the earliest on or after it;
    unknown tense: the nearest one (news mostly speak of the weeks around their date).
    """
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = min(day or 1, calendar.monthrange(y, month)[1])
        # month precision compares month starts with the anchor's month start
        ref = anchor if day else anchor.replace(day=1)
        cands.append((y, dt.date(y, month, d), ref))
    if past is True:
        y_past, c_past, ref = max((k for k in cands if k[1] <= k[2]), key=lambda k: k[0])
        ahead = [(y, c) for y, c, r in cands if 0 < (c - r).days <= _AHEAD_DAYS]
        if day and (ref - c_past).days > _YEAR_BACK_DAYS and ahead:
            # "payable Dec. 1 to holders of record Nov. 10" under a past verb: a day almost a
            # year back is written with its year, so a day-month just ahead is this year's
            return ahead[0][0]
        return y_past
    if past is False:
        return min(y for y, c, ref in cands if c >= ref)
    # Unknown tense: news speak of the past more than of the future.  On TimeBank, dates
    # stated without a year lie up to ~8 months before the document date and ~4 after it, so
    # the occurrence inside that window is taken (the window is 12 months wide: exactly one).
    for y, c, ref in cands:
        if -_BACK_DAYS <= (c - ref).days < 365 - _BACK_DAYS:
            return y
    return anchor.year  # unreachable: the window covers a year


#: how far back (days) a yearless date may lie when the tense is unknown; see _choose_year
_BACK_DAYS = 245
#: a past-tense day-month further back than this, with the same day due within _AHEAD_DAYS,
#: is read as the coming one (the past verb governs another clause): see _choose_year
_YEAR_BACK_DAYS = 300
_AHEAD_DAYS = 60


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _num(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


Match = re.Match[str]
Anchor = dt.date | None
Tense = bool | None
Out = Resolved | None
Rule = Callable[[Match, Anchor, Tense, Out], Out]
RULES: list[tuple[re.Pattern[str], Rule]] = []


def rule(pattern: str) -> Callable[[Rule], Rule]:
    def deco(fn: Rule) -> Rule:
        RULES.append((_r(pattern), fn))
        return fn

    return deco


# ---- absolute dates ---------------------------------------------------------------------


@rule(_y("y") + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)")
def _iso(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    v = _day(int(g["y"]), int(g["m"]), int(g["d"]))
    return (v, "day", "iso", None) if v else None


@rule(_y("y") + r"(?P<m>[01]\d)(?P<d>[0-3]\d)")
def _compact(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    # "19980108": the wire-service date stamp
    v = _day(int(g["y"]), int(g["m"]), int(g["d"]))
    return (v, "day", "iso-compact", None) if v else None


@rule(_m("m") + r"\s+" + _d("d") + r"(?:,?\s*" + _y("y") + r")?")
def _month_day(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _dated(MONTHS[g["m"]], int(g["d"]), g["y"], a, p, "month-day")


@rule(_d("d") + r"\s+(?:of\s+)?" + _m("m") + r"(?:,?\s*" + _y("y") + r")?")
def _day_month(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _dated(MONTHS[g["m"]], int(g["d"]), g["y"], a, p, "day-month")


def _dated(
    m: int, d: int, year: str | None, a: dt.date | None, p: bool | None, name: str
) -> Resolved | None:
    if year:
        y = int(year)
    elif a is None:
        return None  # no anchor, no year: never guess one
    else:
        y = _choose_year(m, d, a, p)
    v = _day(y, m, d)
    return (v, "day", name if year else name + "-anchored", None) if v else None


@rule(_m("m") + r",?\s+(?:of\s+)?" + _y("y"))
def _month_year(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _fmt(int(g["y"]), MONTHS[g["m"]]), "month", "month-year", None


@rule(r"(?:the\s+)?(?:year\s+|fiscal\s+(?:year\s+)?)?" + _y("y"))
def _year(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    # "fiscal 1998": the fiscal year is named after a calendar year; the value keeps that year.
    return g["y"], "year", "year", None


# ---- ranges -----------------------------------------------------------------------------


@rule(_m("m") + r"\s+" + _d("d1") + SEP + _d("d2") + r"(?:,?\s*" + _y("y") + r")?")
def _range_days(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _range(MONTHS[g["m"]], int(g["d1"]), MONTHS[g["m"]], int(g["d2"]), g["y"], a, p)


@rule(_d("d1") + SEP + _d("d2") + r"\s+" + _m("m") + r"(?:,?\s*" + _y("y") + r")?")
def _range_days_dm(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _range(MONTHS[g["m"]], int(g["d1"]), MONTHS[g["m"]], int(g["d2"]), g["y"], a, p)


@rule(_m("m1") + r"\s+" + _d("d1") + SEP + _m("m2") + r"\s+" + _d("d2")
      + r"(?:,?\s*" + _y("y") + r")?")  # fmt: skip
def _range_months(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    return _range(MONTHS[g["m1"]], int(g["d1"]), MONTHS[g["m2"]], int(g["d2"]), g["y"], a, p)


def _range(
    m1: int, d1: int, m2: int, d2: int, year: str | None, a: dt.date | None, p: bool | None
) -> Resolved | None:
    if year:
        y = int(year)
    elif a is None:
        return None
    else:
        y = _choose_year(m1, d1, a, p)
    start = _day(y, m1, d1)
    # "December 30 to January 2" crosses into the next year
    end = _day(y + (1 if m2 < m1 else 0), m2, d2)
    if not start or not end or end < start:
        return None
    return start, "day", "range", end


@rule(_y("y1") + SEP + r"(?P<y2>\d{4}|\d{2})")
def _range_years(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    y1 = int(g["y1"])
    y2 = int(g["y2"]) if len(g["y2"]) == 4 else y1 // 100 * 100 + int(g["y2"])
    return (str(y1), "year", "range-years", str(y2)) if y1 < y2 <= y1 + 100 else None


# ---- quarters ---------------------------------------------------------------------------


@rule(r"(?:q(?P<q>[1-4])|(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter)"
      r"(?:\s+(?:of\s+)?" + _y("y") + r")?")  # fmt: skip
def _quarter(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    q = int(g["q"]) if g["q"] else ORDINALS[g["qw"]]
    if g["y"]:
        y = int(g["y"])
    elif a is None:
        return None
    else:
        y = a.year  # "the first quarter" in news: of the current year
    return _fmt(y, 3 * q - 2), "month", "quarter", _fmt(y, 3 * q)


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SPELLED_YEAR = re.compile(
    r"\b(?:(?P<century>nineteen|twenty)\s+(?:(?P<teen>" + "|".join(_TEENS) + r")|(?P<tens>"
    + "|".join(_TENS) + r")(?:[\s-](?P<unit>" + "|".join(_UNITS) + r"))?)"
    + r"|two thousand(?:\s+(?:and\s+)?(?P<small>" + "|".join(_UNITS) + r"))?)\b"
)  # fmt: skip


def _spelled_year(m: re.Match[str]) -> str:
    """ "nineteen ninety-six" -> "1996", "two thousand" -> "2000" (broadcast transcripts)."""
    if m["century"] is None:
        return str(2000 + (_UNITS.index(m["small"]) + 1 if m["small"] else 0))
    base = 1900 if m["century"] == "nineteen" else 2000
    if m["teen"]:
        return str(base + 10 + _TEENS.index(m["teen"]))
    unit = _UNITS.index(m["unit"]) + 1 if m["unit"] else 0
    return str(base + 20 + 10 * _TENS.index(m["tens"]) + unit)


_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_DAY_ORDINALS: Final[dict[str, int]] = {
    **{w: k + 1 for k, w in enumerate(_ORDINAL_WORDS)},
    **{f"twenty {w}": 21 + k for k, w in enumerate(_ORDINAL_WORDS[:9])},
    "thirtieth": 30,
    "thirty first": 31,
}
_SPELLED_DAY = re.compile(
    r"\b(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?:the\s+)?(?P<o>"
    + "|".join(sorted(_DAY_ORDINALS, key=len, reverse=True)).replace(" ", "[\\s-]")
    + r")\b"
)  # fmt: skip


def _spelled_day(m: re.Match[str]) -> str:
    day = _DAY_ORDINALS[re.sub(r"[\s-]", " ", m["o"])]
    return f"{m['m']} {day}"


def spell_out(s: str) -> str:
    """Spelled years and days as digits: "the winter of nineteen ninety-four", "March eighth".

    Broadcast transcripts write dates as they are spoken; a lower-cased expression is read."""
    return _SPELLED_DAY.sub(_spelled_day, _SPELLED_YEAR.sub(_spelled_year, s))


#: an open end does not change the date named: "1994 or later", "2030 and beyond",
#: "the next year or so" (TimeML keeps it in ``mod``)
_OPEN_END = re.compile(
    r"\s+(?:or\s+(?:later|earlier|sooner|so|thereabouts|after|before)|and\s+(?:beyond|after)"
    r"|at\s+the\s+(?:latest|earliest))$"
)


def strip_open_end(s: str) -> str:
    return _OPEN_END.sub("", s)


def _normalise(expr: str) -> str:
    s = expr.lower().strip().strip(".,;:()[]\"'“”‘’")
    s = strip_open_end(spell_out(s))
    s = re.sub(r"^(?:the\s+)?year\s+(?=\d{4}$)", "", s)  # "the year 2000"
    s = re.sub(r"[’']s$", "", s)  # "last year's"
    s = re.sub(r"\s+", " ", s)
    s = s.replace("–", "-").replace("—", "-")
    s = _LEAD.sub("", s)
    # "Saturday, April 25": the weekday only confirms the date
    s = re.sub(
        r"^(?:(?:this\s+)?(?:coming|next|last|this|past)\s+)?(?:" + "|".join(WEEKDAYS)
        + r"),?\s+(?=[a-z]+\.?\s+\d)",
        "",
        s,
    )  # fmt: skip
    return s


def resolve_text(
    expr: str, anchor: dt.date | None, past: bool | None = None, previous: Resolved | None = None
) -> Resolved | None:
    """Resolve a bare expression; None when no rule gives a value at a stated precision."""
    s = _normalise(expr)
    if not s:
        return None
    narrowed = _NARROW.sub("", s)
    if narrowed != s:
        s = _LEAD.sub("", narrowed)
    for pattern, fn in RULES:
        m = pattern.match(s)
        if m:
            return fn(m, anchor, past, previous)
    if _VAGUE.search(s):
        return None
    return _dateparser(s, anchor)


_ABSOLUTE = re.compile(r"\b(?:1\d{3}|2[01]\d{2})\b")
#: a month the text states: its name, or a numeric date ("3/9/1958", "1987.04.01"); dateparser
#: fills a month the text lacks from its base date
_MONTH_STATED = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|\d[/.-]\d"
)


def _dateparser(s: str, anchor: dt.date | None) -> Resolved | None:
    """Hand dateparser only what states a year (absolute dates in formats our rules skip).

    The base date is fixed (the anchor, or 1 January of the stated year) so the machine's
    clock can never leak into a value, and the result must carry the year the text states.
    """
    years = _ABSOLUTE.findall(s)
    if len(years) != 1:
        return None
    base = anchor or dt.date(int(years[0]), 1, 1)
    parser = _parser(base)
    data = parser.get_date_data(s)
    if data.date_obj is None or str(data.date_obj.year) != years[0]:
        return None
    d = data.date_obj.date()
    if data.period in ("day", "month") and not _MONTH_STATED.search(s):
        return None  # "17, 1987" (a date cut from its "Feb." by a sentence break): no month
    if data.period == "day":
        return d.isoformat(), "day", "dateparser", None
    if data.period == "month":
        return _fmt(d.year, d.month), "month", "dateparser", None
    if data.period == "year":
        return str(d.year), "year", "dateparser", None
    return None


_PARSERS: dict[dt.date, DateDataParser] = {}


def _parser(base: dt.date) -> DateDataParser:
    from dateparser.date import DateDataParser

    if base not in _PARSERS:
        if len(_PARSERS) > 64:
            _PARSERS.clear()
        _PARSERS[base] = DateDataParser(
            languages=["en"],
            settings={
                "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "past",
                "RETURN_TIME_AS_PERIOD": True,
            },
        )
    return _PARSERS[base]
