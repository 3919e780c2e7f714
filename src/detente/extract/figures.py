"""The figures stage: numeric claims with value, unit, year, subject and who says so.

A number is a figure only when it measures something: it has a currency, a unit, a scale word
("111 billion") or counts a following noun ("5,000 troops", "30-member").  Ordinals, years,
dates (anything inside a time expression), footnote marks ("[3]"), dispatch numbers ("No.
9006") and model names glued by a hyphen ("Su-35", "S-400", "Vostok-2022") are not figures.
The year is the time expression of the same sentence nearest the figure; the subject is the
noun phrase the number measures, read from the parse ("trade volume of 240 billion", "the
trade turnover ... reached $107 billion"); the sayer is the speaker of a quote holding it.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

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
            subject = _subject(tok) if tok is not None else None
            said = next((q for q in quotes if q.start <= s and e <= q.end), None)
            if said is None:
                said = _reported_before(ann, quotes, sent)
            said_by = (said.speaker or said.speaker_text) if said else None
            out.append(Figure(sent.index, s, e, text[s:e], value, unit, year, subject,
                              said_by, approx, "figure"))  # fmt: skip
    return out


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


def _reported_before(ann: Annotated, quotes: list[Quote], sent: Sentence) -> Quote | None:
    """The named source whose reported speech the previous sentence ends with, in this paragraph.

    "Regnum.ru wrote that ... has risen in recent years. In 2018, trade reached $107 billion.":
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


def _token_at(span: Span, offset: int, s: int, e: int, m: re.Match[str]) -> Token | None:
    toks = [t for t in span if s <= offset + t.idx < e and t.like_num]
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


def _subject(tok: Token) -> str | None:
    """The noun phrase the figure measures, without determiners and trailing phrases."""
    t = tok
    while t.head.i != t.i and t.head.pos_ in ("NUM", "SYM", "NOUN") and t.dep_ in (
        "nummod", "compound", "quantmod", "nmod", "npadvmod",
    ):  # fmt: skip
        if t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in _MEASURE_NOUNS:
            break
        t = t.head
    head = t.head
    if t.dep_ in ("nummod", "compound", "nmod", "amod") and head.pos_ == "NOUN" and head.i > t.i:
        if head.lemma_.lower() in _COUNTED_JOIN and head.head.pos_ == "NOUN":
            head = head.head  # "the 30-member alliance": the alliance, not the member
        return _phrase(head)  # "the US$3 billion deal"
    if t.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        noun = head.head
        if noun.lemma_.lower() not in _GENERIC or any(
            c.dep_ == "compound" and c.lemma_.lower() not in _GENERIC for c in noun.lefts
        ):
            return _phrase(noun)  # "trade volume of 240 billion", "arms sales of $1.8 billion"
        t, head = noun, noun.head  # "reached a record volume of $107 billion": the subject
    if t.dep_ in ("dobj", "attr", "pobj", "npadvmod", "advmod", "acomp"):
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if verb.pos_ == "ADP":
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            subj = verb.head  # "trade volume ... exceeding $111 billion"
        if subj is not None and subj.tag_ == "WDT" and verb.dep_ == "relcl":
            subj = verb.head  # "the system that was offered at US$300 million"
        if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            return _phrase(subj)
    return None


#: nouns that name a measure, not what is measured ("a record volume of $107 billion")
_GENERIC = frozenset({"volume", "level", "value", "total", "amount", "sum", "record", "figure"})
#: nouns a number is glued to that say what is counted, not what the figure is about
_COUNTED_JOIN = frozenset({"member", "nation", "country", "state", "party", "seat"})
_MEASURE_NOUNS = frozenset(
    {"dollar", "percent", "kilometre", "kilometer", "mile", "ton", "tonne", "worth", "euro",
     "yuan", "ruble", "rouble", "metre", "meter"}
)  # fmt: skip


def _phrase(noun: Token) -> str:
    """The noun with its compounds ("trade volume", "S-400 missile system")."""
    # "trade volume between the two countries exceeding ...": the phrase is about the volume
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("between", "among")
        and (noun.head.head.pos_ == "NOUN")
    ):
        noun = noun.head.head
    words: list[Token] = []
    for c in reversed(list(noun.lefts)):
        if c.i != (words[-1].i if words else noun.i) - 1:
            break
        if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN"):
            words.append(c)
        else:
            break
    toks = sorted([*words, noun], key=lambda x: x.i)
    return " ".join(x.lower_ for x in toks)


#: the figures stage: a figure inside a quote is attributed to the quote's speaker
STAGE = Stage(
    "figures",
    "2",
    ("sentences", "mentions", "times", "quotes"),
    "figures",
    Figure,
    extract_figures,
)
