"""Figures across outlets: one measured thing (subject, unit, period) given by several documents.

Two figures are the same measured thing when their units agree and either

- one subject (without the words that name the measure: "trade turnover" is "trade", and
  without "people", "year", "%" or the unit alone, which say what is counted, not of what)
  names the other's and perhaps more, and their periods agree: the same year, or articles
  published within ``event_window_days`` when either gives none; their values may then agree
  or differ, and that is what the compare view reports;
- or they give the same count in sentences worded alike, or read alike by the sentence
  encoder (:mod:`.embed`), in articles published within the window, whatever subject the
  extractor read ("176 people on board", "all 176 people died", "none of the 176 survived");
- or they give exactly the same value in the window and their subjects meet, by as much
  more as the value is rounder (:func:`_same_value`): "68,000 U.S. troops" and "68,000
  American troops" share a word, "$300 billion of Chinese imports" and "$300 billion in
  tariffs" each name what the other's sentence speaks of.  Two different values never join
  by this rule.

Subjects and sentences are read with a small table of general abbreviations
(:data:`ABBREVIATIONS`: GDP is gross domestic product, the U.S. is the United States and
American) and one word for each wording of a toll or of being on board.

A photo gallery's "415 photos" is no claim at all.  Grouping is complete link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from detente.merge.embed import Embedder
from detente.merge.text import STOP, TOKEN, named, similarity, stem, text_order
from detente.settings import Settings
from detente.store.base import Store

__all__ = [
    "ABBREVIATIONS", "expand", "merge_figures", "sentence_words", "significant_digits",
    "subject_key", "subject_terms", "subject_words",
]  # fmt: skip

#: words that name the measure, not the thing measured: "trade turnover", "trade volume" and
#: "trade" are one subject
_MEASURES = frozenset(
    "turnover volume value total amount level figure sum record size growth number".split()
)
#: words that alone name no measured thing: a count of people, a span of years, a share
_GENERIC = frozenset(
    """people person persons year years percent per cent month months day days time times
    week weeks hour hours minute minutes photo photos image images picture pictures video
    videos slide slides page pages item items thing things one ones other others part parts
    man men woman women child children member members case cases dollar dollars euro euros
    rouble roubles ruble rubles yuan billion million thousand hundred trillion""".split()
)


#: units of no claim: a gallery's "415 photos", a slide show's "12 slides"
_NO_CLAIM = frozenset(
    "photo photos image images picture pictures video videos slide slides page pages".split()
)


#: the words outlets use for one movement of a measure: the index that "dropped 600 points" to
#: one outlet "fell" or "lost" them to the next, and a price that "rose" to one "climbed" to
#: another.  The direction stays part of the subject (a fall is not the level fallen to, nor a
#: rise), only its wording is made one
_DIRECTION = {
    **dict.fromkeys(
        """fall falls fell fallen falling drop drops dropped dropping decline declines declined
        declining slide slides slid sliding slip slips slipped slipping lose loses lost losing
        loss losses plunge plunges plunged plunging tumble tumbles tumbled tumbling sink sinks
        sank sinking decrease decreases decreased decreasing""".split(),
        "fall",
    ),
    **dict.fromkeys(
        """rise rises rose risen rising gain gains gained gaining climb climbs climbed
        climbing jump jumps jumped jumping surge surges surged surging increase increases
        increased increasing""".split(),
        "rise",
    ),
}


#: the words outlets use for one toll ("176 killed", "176 died", "176 dead") and for the
#: people in a vehicle ("on board", "onboard", "aboard"): one word each
_SAME_WORD = {
    **dict.fromkeys(
        """kill kills killed killing die dies died dying dead death deaths""".split(), "death"
    ),
    **dict.fromkeys("board aboard onboard".split(), "board"),
}

#: general abbreviations of news writing, each spelled out in a word of its own: the
#: one word, and the ways outlets write it.  All-capital spellings are read in capitals only
#: ("US" is the United States, "us" a pronoun); the others in any case.  A demonym stands
#: for its state as news usage does ("American troops" are U.S. troops)
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "gdp": ("GDP", "gross domestic product"),
    "gnp": ("GNP", "gross national product"),
    "usa": ("U.S.A.", "U.S.", "U.S", "USA", "US", "United States", "America", "American",
            "Americans"),
    "uk": ("U.K.", "UK", "United Kingdom", "Britain", "British"),
    "eu": ("E.U.", "EU", "European Union"),
    "un": ("U.N.", "UN", "United Nations"),
    "nato": ("NATO", "North Atlantic Treaty Organization", "North Atlantic Alliance"),
    "imf": ("IMF", "International Monetary Fund"),
    "opec": ("OPEC", "Organization of the Petroleum Exporting Countries"),
}  # fmt: skip


def _spelling(form: str) -> str:
    escaped = re.escape(form)
    return escaped if form.isupper() or "." in form else f"(?i:{escaped})"


#: "Latin America", "South American": a continent's, not the state's
_CONTINENT = "".join(f"(?<!{side} )" for side in ("Latin", "North", "South", "Central"))
_ABBREVIATION = re.compile(
    r"(?<![A-Za-z])"
    + _CONTINENT
    + "(?:"
    + "|".join(
        _spelling(form)
        for form in sorted(
            (f for forms in ABBREVIATIONS.values() for f in forms), key=len, reverse=True
        )
    )
    + r")(?![A-Za-z])"
)
_ONE_OF = {form.lower(): word for word, forms in ABBREVIATIONS.items() for form in forms}


def expand(text: str) -> str:
    """The text with each abbreviation or spelled-out name of :data:`ABBREVIATIONS` made its
    one word: "2% of GDP" and "2 percent of gross domestic product" then share one."""
    return _ABBREVIATION.sub(lambda m: f" {_ONE_OF[m.group(0).lower()]} ", text)


def _word(w: str) -> str:
    return _DIRECTION.get(w) or _SAME_WORD.get(w) or stem(w)


def _kept(subject: str, word: Callable[[str], str]) -> frozenset[str]:
    """The subject's words as ``word`` reads them, less stop words, numbers, the measure and
    generic words."""
    words = [w for w in TOKEN.findall(subject.lower()) if w not in STOP and not w.isdigit()]
    return frozenset(word(w) for w in words if w not in _MEASURES and w not in _GENERIC)


def subject_words(subject: str | None) -> frozenset[str]:
    """The subject's content-word stems less the measure and generic words, with one word for
    each direction of a movement (:data:`_DIRECTION`); empty when it names nothing measured."""
    return _kept(subject or "", lambda w: _DIRECTION.get(w) or stem(w))


def subject_terms(subject: str | None) -> frozenset[str]:
    """:func:`subject_words` read more widely, for figures of one value only
    (:func:`_same_value`): with one word for each wording of a toll (:data:`_SAME_WORD`) and
    for each abbreviation (:func:`expand`).  The subject rule, which joins differing values,
    keeps the narrower reading: "5,000 U.S. products" and "5,200 American products" may be
    two lists."""
    return _kept(expand(subject), _word) if subject else frozenset()


def subject_key(subject: str | None) -> str | None:
    """The subject as a key (sorted word stems), or None when it names nothing measured."""
    kept = subject_words(subject)
    return " ".join(sorted(kept)) if kept else None


@dataclasses.dataclass
class _Figure:
    row: dict[str, Any]
    words: frozenset[str]
    year: int | None
    published: dt.date | None
    value: float | None = None
    context: frozenset[str] = frozenset()  # its sentence's content words
    sentence: str = ""
    terms: frozenset[str] = frozenset()  # its subject read widely (:func:`subject_terms`)


def sentence_words(sentence: str | None, unit: str) -> frozenset[str]:
    """The content words of a figure's sentence but numbers and its unit, which every
    sentence giving that count shares, read as a subject is for one value
    (:func:`subject_terms`)."""
    unit_words = {stem(w) for w in TOKEN.findall(unit.lower())}
    tokens = TOKEN.findall(expand(sentence or "").lower())
    words = {_word(w) for w in tokens if w not in STOP and len(w) > 1}
    return frozenset(w for w in words if w not in unit_words and not any(c.isdigit() for c in w))


def significant_digits(value: float) -> int:
    """How many significant digits a value is given with: 176 has three, 68,000 and 2.4 two,
    2, 60 and 300 billion one (trailing zeros of a whole number are taken as rounding)."""
    if value == 0:
        return 1
    mantissa = f"{abs(value):.9e}".split("e")[0].replace(".", "").rstrip("0")
    return max(1, len(mantissa))


#: a movement's direction says how a thing changed, not what it is: two indices that "fell"
#: 2.4 % the same day are two figures
_MOVES = frozenset(_DIRECTION.values())


def _links(a: _Figure, b: _Figure) -> tuple[int, int]:
    """What ties two figures' subjects (their directions of movement aside): how many words
    they share, and in how many directions a subject's other words name something the
    other's sentence speaks of (0 to 2).  Only the words not shared count for the second: a
    shared word is in both sentences anyway."""
    terms_a, terms_b = a.terms - _MOVES, b.terms - _MOVES
    shared = terms_a & terms_b
    crossed = bool((terms_a - shared) & b.context) + bool((terms_b - shared) & a.context)
    return len(shared), crossed


def _same_value(a: _Figure, b: _Figure) -> bool:
    """Exactly one value (in one unit, the caller's block) and subjects tied by as much more
    as the value is rounder (:func:`_links`).  A value of three significant digits or more
    ("176 people") needs one tie: a shared word, or a subject named in the other's sentence;
    one of two ("68,000 troops", "2.4%"), which several stories of a week may give, a shared
    word or two ties; a round one ("2 percent", "60 votes", "$300 billion"), which many
    stories of the same days give, two ties: two shared words, a shared word and a subject
    named in the other's sentence, or each subject named in the other's."""
    if a.value is None or a.value != b.value:
        return False
    shared, crossed = _links(a, b)
    digits = significant_digits(a.value)
    if digits >= 3:
        return shared + crossed >= 1
    if digits == 2 and shared:
        return True
    return shared + crossed >= 2


def _same_thing(a: _Figure, b: _Figure, window: int, embedder: Embedder | None = None) -> bool:
    """One measured thing: one subject names the other's and more ("foreign fighters" and
    "foreign fighters in Syria"), and the same period: the same year when both give one, else
    articles published within the window (a count without a year is of the news of the day);
    or the same count told alike in the news of the same days."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    close = (
        a.published is not None
        and b.published is not None
        and abs((a.published - b.published).days) <= window
    )
    if a.words and b.words and (a.words <= b.words or b.words <= a.words):
        return close or (a.year is not None and b.year is not None)
    # the same count in the same unit, told in sentences about the same thing in the news of
    # the same days ("176 people on board", "all 176 people were killed"), whatever subject
    # the extractor read
    if not close or a.value is None or a.value != b.value:
        return False
    if _same_value(a, b) or similarity(a.context, b.context) >= _CONTEXT:
        return True
    return embedder is not None and embedder.similarity(a.sentence, b.sentence) >= FIGURE_MEANING


#: how alike two sentences giving the same count must be worded (overlap of content words)
_CONTEXT = 0.25
#: or how alike the sentence encoder (:mod:`.embed`) must read them: "all 176 on board
#: perished" and "the crash killed 176 people" share a count and no words.  Chosen on the
#: tuning half of our gold (:mod:`detente.evaluate.merge_gold`): 0.4 and 0.5 found the same
#: pairs there, 0.6 and 0.7 fewer, none of the four a wrong one
FIGURE_MEANING = 0.5


#: groups up to this size are checked member by member; a larger one is joined only through
#: the subject rule, which its summary answers at once (:meth:`_Group.by_subject`), so that
#: the cost of a figure stays bounded however often a subject is counted
_EXACT_UP_TO = 64


class _Group:
    """A group of figures and what the subject rule reads of all its members at once."""

    def __init__(self) -> None:
        self.members: list[_Figure] = []
        self.word_sets: set[frozenset[str]] = set()
        self.years: set[int] = set()
        self.pubs: list[dt.date | None] = [None, None]  # every member's, lowest and highest
        self.loose: list[dt.date | None] = [None, None]  # of the members without a year
        self.pub_missing = self.loose_missing = False

    def add(self, f: _Figure) -> None:
        self.members.append(f)
        self.word_sets.add(f.words)
        _widen(self.pubs, f.published)
        self.pub_missing = self.pub_missing or f.published is None
        if f.year is not None:
            self.years.add(f.year)
        else:
            _widen(self.loose, f.published)
            self.loose_missing = self.loose_missing or f.published is None

    def by_subject(self, f: _Figure, window: int) -> bool:
        """Whether ``f`` is the same thing as every member through the subject rule."""
        if not f.words or any(not w or not (f.words <= w or w <= f.words) for w in self.word_sets):
            return False
        if f.year is not None:
            if not self.years <= {f.year}:
                return False
            need, missing = self.loose, self.loose_missing  # the members without a year
        else:
            need, missing = self.pubs, self.pub_missing
        if need[0] is None:
            return not missing
        return not missing and _close(f.published, need, window)

    def fits(self, f: _Figure, window: int, embedder: Embedder | None = None) -> bool:
        if self.by_subject(f, window):
            return True
        return len(self.members) <= _EXACT_UP_TO and all(
            _same_thing(f, m, window, embedder) for m in self.members
        )


def _widen(span: list[dt.date | None], day: dt.date | None) -> None:
    if day is not None:
        span[0] = day if span[0] is None else min(span[0], day)
        span[1] = day if span[1] is None else max(span[1], day)


def _close(day: dt.date | None, span: list[dt.date | None], window: int) -> bool:
    lo, hi = span
    if day is None or lo is None or hi is None:
        return False
    return (max(hi, day) - min(lo, day)).days <= window


def _group(
    block: list[_Figure], window: int, embedder: Embedder | None = None
) -> list[list[dict[str, Any]]]:
    """Complete link: the figures giving one value that :func:`_same_value` joins are taken
    first as one (:func:`_of_one_value`), so that a subject's other values, met earlier, do
    not keep them apart ("$300 billion in tariffs" and "$300 billion of Chinese imports",
    whose subject gave $200 billion the week before); each such set joins the first group
    every member of which is the same measured thing as each of its own (:func:`_same_thing`,
    see :class:`_Group`), else founds one.  Groups are found through their subjects' words and
    their counts, never by a scan: a subject contained in another shares its words."""
    groups: list[_Group] = []
    by_word: dict[str, set[int]] = defaultdict(set)
    by_value: dict[float | None, set[int]] = defaultdict(set)
    for unit in _of_one_value(block, window):
        near = sorted(
            set().union(
                *(by_word.get(w, ()) for f in unit for w in f.words),
                by_value.get(unit[0].value, ()),
            )
        )
        target = next(
            (g for g in near if all(groups[g].fits(f, window, embedder) for f in unit)), None
        )
        if target is None:
            target = len(groups)
            groups.append(_Group())
        for f in unit:
            groups[target].add(f)
            for w in f.words:
                by_word[w].add(target)
        by_value[unit[0].value].add(target)
    return [sorted((f.row for f in g.members), key=text_order) for g in groups]


def _of_one_value(block: list[_Figure], window: int) -> list[list[_Figure]]:
    """The block (sorted by publication) in sets of figures of one value in the window that
    :func:`_same_value` joins, complete link, in the order of their first members; a set
    stays open to newcomers while its last member is within the window of them."""
    sets: list[list[_Figure]] = []
    open_sets: dict[float, list[int]] = defaultdict(list)
    for f in block:
        if f.value is None or f.published is None:
            sets.append([f])
            continue
        day = f.published
        alive = [
            k for k in open_sets[f.value] if (day - (sets[k][-1].published or day)).days <= window
        ]
        k = next(
            (
                k
                for k in alive
                if len(sets[k]) < _EXACT_UP_TO and all(_agree(f, m, window) for m in sets[k])
            ),
            None,
        )
        if k is None:
            k = len(sets)
            sets.append([])
            alive.append(k)
        sets[k].append(f)
        open_sets[f.value] = alive
    return sets


def _agree(a: _Figure, b: _Figure, window: int) -> bool:
    """One value of one thing by :func:`_same_value`, in no conflicting years, in the window."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.published is None or b.published is None:
        return False
    return abs((a.published - b.published).days) <= window and _same_value(a, b)


def merge_figures(
    store: Store, settings: Settings, embedder: Embedder | None = None
) -> dict[int, str]:
    """Group figures by unit, then by subject and period (:func:`_same_thing`).

    A figure without a unit ("111 billion" in a quote) goes with the one known unit of figures
    of its subject words, but stays apart when they have several: it could be either.  Figures
    are taken in order of publication, ties in text order, so any ingest order gives the same
    groups.
    """
    window = int(settings["event_window_days"])
    figures: list[_Figure] = []
    for r in store.merge_figure_rows():
        r["unit"] = (r["unit"] or "").lower()
        # the unit named again ("points" of a count in points) says what is counted, not of what
        unit_words = {stem(w) for w in TOKEN.findall(r["unit"])}
        words = subject_words(r["subject"]) - unit_words
        sentence = r.pop("sentence") or ""
        context = sentence_words(sentence, r["unit"])
        if words or (r["unit"] and r["unit"] not in _NO_CLAIM):
            day, value = _day(r.pop("published")), r.pop("value")
            terms = subject_terms(r["subject"]) - unit_words
            figures.append(_Figure(r, words, r["year"], day, value, context, sentence, terms))
    units: dict[frozenset[str], set[str]] = defaultdict(set)
    for f in figures:
        if f.row["unit"]:
            units[f.words].add(f.row["unit"])
    blocks: dict[str, list[_Figure]] = defaultdict(list)
    for f in figures:
        unit = f.row["unit"]
        if not unit and f.words and len(units[f.words]) == 1:
            unit = next(iter(units[f.words]))
        blocks[unit].append(f)
    groups: list[list[dict[str, Any]]] = []
    for unit, block in sorted(blocks.items()):
        if unit:  # a figure of no known unit compares with nothing
            block.sort(key=lambda f: (f.published or dt.date.min, text_order(f.row)))
            if embedder is not None:  # in batches: a fraction of the cost of one at a time
                embedder.prepare(_asked(block, window))
            groups += _group(block, window, embedder)
    return named(groups, "f")


def _asked(block: list[_Figure], window: int) -> Iterator[str]:
    """The sentences :func:`_same_thing` may ask the encoder about: of two documents' figures
    giving the same count in the window, in no conflicting years, whose subjects do not settle
    it and whose words do not say it alike.  ``block`` is sorted by publication."""
    by_value: dict[float, list[tuple[dt.date, _Figure]]] = defaultdict(list)
    for f in block:
        if f.value is not None and f.published is not None and f.sentence:
            by_value[f.value].append((f.published, f))
    for same in by_value.values():
        for k, (day, a) in enumerate(same):
            for later, b in same[k + 1 :]:
                if (later - day).days > window:
                    break
                if a.row["doc"] != b.row["doc"] and _encoder_decides(a, b):
                    yield a.sentence
                    yield b.sentence


def _encoder_decides(a: _Figure, b: _Figure) -> bool:
    """Whether only the encoder can say two close figures of one count are one thing."""
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.words and b.words and (a.words <= b.words or b.words <= a.words):
        return False
    return not _same_value(a, b) and similarity(a.context, b.context) < _CONTEXT


def _day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
