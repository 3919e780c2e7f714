"""Rules for expressions that need the anchor (publication date) or the previous date.

Registered into :data:`detente.extract.time.rules.RULES` on import, after the absolute rules
(the package, :mod:`detente.extract.time`, imports this module after ``rules``), so an explicit
date always wins.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.extract.time.rules import (
    MONTHS,
    NUMBERS,
    PART,
    WD,
    WEEKDAYS,
    Anchor,
    Match,
    Out,
    Resolved,
    Tense,
    _choose_year,
    _d,
    _day,
    _fmt,
    _m,
    _num,
    _shift_month,
    rule,
)

__all__: list[str] = []


# ---- deictic and relative expressions (need the anchor) ---------------------------------


@rule(r"(?P<w>today|tonight|this (?:morning|afternoon|evening)|yesterday|tomorrow)" + PART)
def _deictic(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(g["w"], 0)
    return (a + dt.timedelta(days=shift)).isoformat(), "day", "deictic", None


@rule(r"(?:(?P<mod>last|next|this|coming|past|previous|preceding|following)\s+)?" + WD + PART)
def _weekday(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    """A weekday names the nearest such day in the direction of the tense.

    The publication day's own weekday means the publication day: wire copy writes "last
    Monday" for the week before.  On TimeBank the same-weekday case is the DCT itself.
    "The previous Friday" and "the following Tuesday" count from the day last named, not
    from the date of writing (:func:`_weekday_from`).
    """
    if a is None:
        return None
    mod = g["mod"]
    if mod in _FROM_LAST_DAY and prev is not None and prev[1] == "day":
        return _weekday_from(WEEKDAYS[g["wd"]], prev, forward=mod == "following")
    diff = (WEEKDAYS[g["wd"]] - a.weekday()) % 7  # days forward to the next such day (0..6)
    back = (7 - diff) % 7  # days back to the previous such day (0..6)
    if mod in ("last", "past", "previous", "preceding"):
        delta = -(back or 7)
    elif mod in ("next", "coming", "following"):
        delta = diff or 7
    elif p is True:
        delta = -back
    elif p is False:
        delta = diff
    else:
        # Unknown tense: news report the past week.  Of 296 bare weekdays in TimeBank +
        # AQUAINT, 278 lie 0-6 days before the document date; of the 18 after it, 11 are the
        # next day ("Tuesday" in a Monday story), which is kept forward.
        delta = diff if diff == 1 else -back
    return (a + dt.timedelta(days=delta)).isoformat(), "day", "weekday", None


#: weekday modifiers that look back or on from the day the story last named
_FROM_LAST_DAY = frozenset({"previous", "preceding", "following"})


def _weekday_from(weekday: int, prev: Resolved, *, forward: bool) -> Out:
    """The such weekday strictly after (or before) the day last named: "stocks closed lower
    on Friday, down 2% from the previous Friday" is a week before that Friday; after a range
    ("talks from May 3 to 5 ... the following Monday") it counts on from the range's last day.
    """
    ref = dt.date.fromisoformat(prev[3] if forward and prev[3] else prev[0])
    diff = (weekday - ref.weekday()) % 7
    delta = (diff or 7) if forward else -((7 - diff) % 7 or 7)
    return (ref + dt.timedelta(days=delta)).isoformat(), "day", "weekday-anaphoric", None


@rule(r"(?P<mod>last|this|next|past|previous|coming|current)\s+(?P<unit>year|month)")
def _relative_unit(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    k = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(g["mod"], 0)
    if g["unit"] == "year":
        return str(a.year + k), "year", "relative-year", None
    y, m = _shift_month(a.year, a.month, k)
    return _fmt(y, m), "month", "relative-month", None


@rule(r"(?:earlier|later)\s+this\s+(?P<unit>year|month)")
def _earlier_this(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    if g["unit"] == "year":
        return str(a.year), "year", "relative-year", None
    return _fmt(a.year, a.month), "month", "relative-month", None


@rule(_m("m") + r"\s+(?:of\s+)?(?P<mod>last|this|next)\s+year")
def _month_rel_year(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    k = {"last": -1, "next": 1}.get(g["mod"], 0)
    return _fmt(a.year + k, MONTHS[g["m"]]), "month", "month-relative-year", None


@rule(r"(?P<mod>last|this|next|past)\s+" + _m("m"))
def _rel_month_name(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    m = MONTHS[g["m"]]
    mod = g["mod"]
    if mod in ("last", "past"):
        # "last March" in an April article is this year's March; in a February article, last year's
        y = a.year if m < a.month else a.year - 1
    elif mod == "next":
        y = a.year if m > a.month else a.year + 1
    else:
        y = a.year
    return _fmt(y, m), "month", "month-relative", None


@rule(_m("m"))
def _bare_month(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    if a is None:
        return None
    m = MONTHS[g["m"]]
    # "mar", "dec" alone are too often other words; only full names stand alone
    if g["m"] not in {k for k, v in MONTHS.items() if len(k) > 4 or k in ("may", "june", "july")}:
        return None
    return _fmt(_choose_year(m, None, a, p), m), "month", "bare-month", None


@rule(
    r"(?:(?:about|around|almost|nearly|roughly|some|more than|over|just|only)\s+)?"
    r"(?P<n>\d+|" + "|".join(NUMBERS) + r")\s+(?P<unit>day|week|month|year)s?\s+ago"
)
def _ago(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    n = _num(g["n"])
    if a is None or n is None:
        return None
    unit = g["unit"]
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return (a - dt.timedelta(days=days)).isoformat(), "day", "ago", None
    if unit == "month":
        y, m = _shift_month(a.year, a.month, -n)
        return _fmt(y, m), "month", "ago", None
    return str(a.year - n), "year", "ago", None


@rule(r"(?:the\s+)?" + _d("d") + r"(?:\s+of\s+(?:this|the)\s+month)?")
def _ordinal_day(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    """ "the 17th": a day of the anchor's month (the previous month when past and still ahead)."""
    if a is None or not re.search(r"(?:st|nd|rd|th)$", g.group(0)):
        return None  # a bare number is not a day
    d = int(g["d"])
    y, m = a.year, a.month
    if p is True and d > a.day:
        y, m = _shift_month(y, m, -1)
    elif p is False and d < a.day:
        y, m = _shift_month(y, m, 1)
    v = _day(y, m, d)
    return (v, "day", "ordinal-day", None) if v else None


@rule(r"(?:the\s+)?(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|month|year)"
      r"|(?:the\s+)?(?P<unit2>day|month|year)\s+(?P<dir2>before|after)")  # fmt: skip
def _anaphoric(g: Match, a: Anchor, p: Tense, prev: Out) -> Out:
    """ "the following day": relative to the previous date of the document, else unknown."""
    if prev is None:
        return None
    unit = g["unit"] or g["unit2"]
    k = 1 if (g["dir"] or g["dir2"]) in ("following", "next", "after") else -1
    # after a range ("from April 16 to 19. The following day") count from its last day
    value, precision = (prev[3] if k == 1 and prev[3] else prev[0]), prev[1]
    parts = [int(x) for x in value.split("-")]
    if unit == "day":
        if precision != "day":
            return None
        return (dt.date(*parts) + dt.timedelta(days=k)).isoformat(), "day", "anaphoric", None
    if unit == "month":
        if precision == "year":
            return None
        y, m = _shift_month(parts[0], parts[1], k)
        return _fmt(y, m), "month", "anaphoric", None
    return str(parts[0] + k), "year", "anaphoric", None
