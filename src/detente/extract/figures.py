"""The figures stage: numeric claims with value, unit, year, subject and who says so.

A number is a figure only when it measures something: it has a currency, a unit, a scale word
("80 billion") or counts a following noun ("5,000 troops", "30-member").  Ordinals, years,
dates (anything inside a time expression), footnote marks ("[3]"), dispatch numbers ("No.
9006"), model names glued by a hyphen ("Su-35", "S-400", "Vostok-2022") or set after a name
("the Fateh 110"), market quote chips ("ACME, -1.6%"), clock times and "100 percent sure" are
not figures.
The year is the time expression of the same sentence nearest the figure; the subject is the
noun phrase the number measures, read from the parse ("freight volume of 80 billion", "the
bilateral trade ... hit $64 billion"); the sayer is the speaker of a quote holding it.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from detente.extract.subjects import subject_of
from detente.model import Figure, Quote, Stage, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated
    from detente.model import Sentence

__all__ = ["STAGE", "extract_figures", "parse_figure"]

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
          "mn": 1e6, "mln": 1e6, "tn": 1e12, "k": 1e3}  # fmt: skip
_CURRENCY_PREFIX = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "rmb": "CNY",
                    "usd": "USD", "eur": "EUR"}  # fmt: skip
_UNIT_WORDS = {
    "percent": "percent", "per cent": "percent", "%": "percent", "percentage points": "pp",
    "us dollars": "USD", "dollars": "USD", "dollar": "USD", "yuan": "CNY", "renminbi": "CNY",
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "euros": "EUR", "euro": "EUR",
    # currencies one state's alone (rupees, rials, riyals, pesos, francs are several states')
    "canadian dollars": "CAD", "australian dollars": "AUD", "yen": "JPY", "lira": "TRY",
    "liras": "TRY", "hryvnias": "UAH", "hryvnia": "UAH", "shekels": "ILS", "swiss francs": "CHF",
    "reais": "BRL",
    "kilometres": "km", "kilometers": "km", "km": "km", "miles": "mi", "metres": "m",
    "meters": "m", "tons": "t", "tonnes": "t", "barrels": "barrels",
    "cubic metres": "m3", "cubic meters": "m3",
}  # fmt: skip
_APPROX = {
    "over": "over", "more than": "over", "exceeding": "over", "above": "over", "exceeds": "over",
    "exceeded": "over", "in excess of": "over", "at least": "at least", "below": "below",
    "under": "below", "less than": "below", "fewer than": "below", "up to": "up to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
}  # fmt: skip

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = "|".join(sorted((re.escape(u) for u in _UNIT_WORDS), key=len, reverse=True))
_FIGURE = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥|RMB\s?|USD\s?|EUR\s?)?"
    r"(?P<num>" + _NUM + r")"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn)\b)?"
    r"(?:\s?(?P<unit>" + _UNITS + r")(?![A-Za-z]))?"
    r"(?P<member>-(?P<noun>[a-z]+))?",
    re.IGNORECASE,
)
_APPROX_RE = re.compile(
    r"(?:" + "|".join(sorted(_APPROX, key=len, reverse=True)) + r")\s+(?:US)?\$?$", re.IGNORECASE
)


def parse_figure(text: str) -> tuple[float, str | None] | None:
    """Value in base units and unit of one figure string ("$111 billion" -> (111e9, "USD"))."""
    m = _FIGURE.search(text)
    return _value(m) if m else None


def _value(m: re.Match[str]) -> tuple[float, str | None]:
    value = float(m["num"].replace(",", ""))
    if m["scale"]:
        value *= _SCALE[m["scale"].lower()]
    unit = None
    if m["cur"]:
        unit = _CURRENCY_PREFIX[m["cur"].strip().lower()]
    elif m["unit"]:
        unit = _UNIT_WORDS[m["unit"].lower()]
    elif m["noun"]:
        unit = m["noun"].lower()
    return value, unit


def extract_figures(ann: Annotated) -> list[Figure]:
    text = ann.document.text
    times: list[When] = [w for w in ann.results.get("times", []) if isinstance(w, When)]
    quotes: list[Quote] = [q for q in ann.results.get("quotes", []) if isinstance(q, Quote)]
    out: list[Figure] = []
    for sent, span, offset in ann.sentence_spans():
        base = offset + span.start_char
        # span.text, read from the document (spaCy joins a span's text anew at every call)
        for m in _FIGURE.finditer(text[base : offset + span.end_char]):
            s, e = base + m.start(), base + m.end()
            if _skip(text, m, s, e, times):
                continue
            value, unit = _value(m)
            if not math.isfinite(value):
                # "10 followed by 400 zeros" is past what a float holds: stored, it became
                # infinity, and exports wrote Infinity, which strict JSON parsers refuse
                continue
            tok = _token_at(span, offset, s, e, m)
            if unit is None and not m["scale"]:
                unit = _counted(tok)
                if unit is None:
                    continue
            pre = text[max(sent.start, s - 20) : s]
            am = _APPROX_RE.search(pre)
            approx = _APPROX[am.group(0).split("US")[0].strip(" $").lower()] if am else None
            in_sent = [w for w in times if sent.start <= w.start < sent.end]
            year = _year_of(in_sent, s)
            if _not_a_claim(text, sent, s, e, unit) or _not_a_measure(tok, m, value, unit):
                continue
            figure = {t.i for t in span if s <= offset + t.idx < e}
            counts = not (m["cur"] or m["unit"])
            subject = subject_of(tok, figure, counts) if tok is not None else None
            if (
                out
                and out[-1].sentence == sent.index
                and _CONVERSION.fullmatch(text, out[-1].end, s)
            ):
                subject = subject or out[-1].subject  # "45 km (28 miles)": the same
            said = next((q for q in quotes if q.start <= s and e <= q.end), None)
            if said is None:
                said = _reported_before(ann, quotes, sent)
            said_by = (said.speaker or said.speaker_text) if said else None
            out.append(Figure(sent.index, s, e, text[s:e], value, unit, year, subject,
                              said_by, approx, "figure"))  # fmt: skip
    return out


#: a figure in brackets just after another restates it in other units
_CONVERSION = re.compile(r"\s*\(\s*")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


def _reported_before(ann: Annotated, quotes: list[Quote], sent: Sentence) -> Quote | None:
    """The named source whose reported speech the previous sentence ends with, in this paragraph.

    "Nordpress wrote that ... had grown in recent years. In 2019, trade hit $64 billion.":
    a sentence with no attribution of its own that follows reported speech in the same paragraph
    continues the report.  Only a named, non-group source whose content runs to the end of the
    previous sentence; a sentence holding a quote of its own has its own source.
    """
    if sent.index == 0 or any(q.sentence == sent.index for q in quotes):
        return None
    prev = ann.sentences[sent.index - 1]
    if prev.paragraph != sent.paragraph:
        return None
    for q in quotes:
        named = q.speaker or (q.speaker_text and q.speaker_text.lower() not in _PRONOUNS)
        if q.sentence == prev.index and not q.direct and named and not q.unnamed_group:
            rest = ann.document.text[q.end : prev.end]
            if not rest.strip(" .,;:\"'”’)\n"):
                return q
    return None


def _skip(text: str, m: re.Match[str], s: int, e: int, times: list[When]) -> bool:
    before = text[max(0, s - 4) : s]
    after = text[e : e + 3]
    if re.search(r"[A-Za-z]-$|[A-Za-z]$|No\.\s?$|\[$|#$", before):
        return True  # "Su-35", "S-400", "No. 9006", "[3]"
    if re.match(r"(?:st|nd|rd|th)\b|\]|-\d|[A-Za-z]", after) and not m["member"]:
        return True  # ordinals, footnotes, "24-hour"-like joins handled via member
    if any(w.start <= s and e <= w.end for w in times):
        return True  # part of a date
    num = m["num"]
    plain = not (m["cur"] or m["scale"] or m["unit"])
    return plain and re.fullmatch(r"1[89]\d\d|20\d\d", num) is not None  # a year


#: counted nouns that make a number a time, a duration, an age or a place in a page or gallery:
#: "10 seconds later", "a 42-minute speech", "for 40 years", "4 p.m.", "3 of 12 photos"
_NOT_COUNTS = frozenset(
    "second minute hour day night week month year decade century p.m. a.m. o'clock "
    "page photo image picture slide caption video clip episode chapter inning lap caliber "
    "degree".split()
)
_COUNTER = re.compile(r"\b\d+\s+of\s+\d+\s+(?:photos|images|pictures|slides|items)\b|"
                      r"\bHide Caption\b|\bCaption \d+ of\b", re.IGNORECASE)  # fmt: skip


def _not_a_claim(text: str, sent: Sentence, s: int, e: int, unit: str | None) -> bool:
    """A number that counts time, media or pages, or sits in a gallery counter: no fact cited.

    Ages ("a 37-year-old", "over 60 years old"), durations and clock times carry a time noun;
    "9/11" and "24/7" are names; a photo counter is page furniture.
    """
    if unit is not None and unit.lower() in _NOT_COUNTS:
        return True
    if re.match(r"\s?/\s?\d", text[e : e + 3]) or re.search(r"\d\s?/\s?$", text[s - 3 : s]):
        return True
    if re.match(r"[\s-]*(?:years?|months?)[\s-]*old\b", text[e : e + 14], re.IGNORECASE):
        return True
    return _COUNTER.search(sent.text) is not None


#: a live quote chip a market page sets beside a company or index name: "ACME, -1.6%"
_TICKER = re.compile(r"\b[A-Z][A-Z0-9.:]{1,14},?\s?[+-]$")
#: a signed percent after a ticker, or a time of day written without dots ("a 10 pm curfew")
_CLOCK = re.compile(r"\s?[ap]\.?m\b\.?", re.IGNORECASE)


def _not_a_measure(tok: Token | None, m: re.Match[str], value: float, unit: str | None) -> bool:
    """A number that names, decorates or tells the time: "Section 301", "the Fateh 110",
    "ACME, -1.6%" (a quote chip), "a 10 pm curfew", "100 percent sure"."""
    text, s, e = m.string, m.start(), m.end()
    if unit == "percent" and _TICKER.search(text[max(0, s - 16) : s]):
        return True
    if not (m["cur"] or m["scale"] or m["unit"]) and _CLOCK.match(text, e):
        return True
    if tok is None:
        return False
    pct = tok.head
    degree = pct.dep_ in ("npadvmod", "advmod") and pct.head.pos_ == "ADJ"
    degree = degree or any(c.dep_ == "amod" and c.i > pct.i for c in pct.children)
    if unit == "percent" and value == 100 and pct.i > tok.i and degree:
        return True  # "100 percent sure", "100 percent willing": a degree, not a share
    if m["cur"] or m["scale"] or m["unit"] or m["member"] or tok.i == tok.sent.start:
        return False
    before = tok.doc[tok.i - 1]
    named = before.pos_ == "PROPN" and before.text[:1].isupper()
    return named and before.ent_type_ not in ("DATE", "TIME")  # "Section 301", "Fateh 110"


#: a number with its scale glued on ("75bn", "3m", "1.2tn")
_GLUED = re.compile(r"\d[\d.,]*(?:bn|mn|m|k|tn|trn|b)")


def _token_at(span: Span, offset: int, s: int, e: int, m: re.Match[str]) -> Token | None:
    toks = [t for t in span if s <= offset + t.idx < e and t.like_num]
    if not toks:  # "$75bn", "€3m": the number and its scale written as one word
        toks = [t for t in span if s <= offset + t.idx < e and _GLUED.fullmatch(t.lower_)]
    return toks[-1] if toks else None


def _counted(tok: Token | None) -> str | None:
    """The noun a bare number counts ("5,000 troops" -> "troops"), else None."""
    if tok is None:
        return None
    head = tok.head
    if tok.dep_ == "nummod" and head.pos_ == "NOUN" and head.i > tok.i:
        return head.lemma_.lower()
    return None


def _year_of(times: list[When], pos: int) -> int | None:
    if not times:
        return None
    w = min(times, key=lambda w: abs(w.start - pos))
    return int(w.value[:4])


#: the figures stage: a figure inside a quote is attributed to the quote's speaker (6: subjects
#: of amounts the clause speaks of, populations, distances, index moves; 7: bracketed amounts
#: after a name, scales glued to the number, shares a candidate takes; 8: a named agent of a
#: counted object, "the acres Windsor Castle occupies"; 9: shares set off beside a subject,
#: copulas, differences "N more X", money flows of any actor, what counted things do)
STAGE = Stage(
    "figures",
    "9",
    ("sentences", "mentions", "times", "quotes"),
    "figures",
    Figure,
    extract_figures,
)
