"""Figures across outlets: one measured thing (subject, unit, period) given by several documents.

Two figures are the same measured thing when their units agree and either

- one subject (without the words that name the measure: "trade turnover" is "trade", and
  without "people", "year", "%" or the unit alone, which say what is counted, not of what)
  names the other's and perhaps more, and their periods agree: the same year, or articles
  published within ``event_window_days`` when either gives none; their values may then agree
  or differ, and that is what the compare view reports;
- or they give the same count in sentences worded alike, or read alike by the sentence
  encoder (:mod:`.embed`), in articles published within the window, whatever subject the
  extractor read ("176 people on board", "all 176 people died", "none of the 176 survived").

A photo gallery's "415 photos" is no claim at all.  Grouping is complete link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from detente.merge.embed import Embedder
from detente.merge.text import STOP, TOKEN, content_words, named, similarity, stem, text_order
from detente.settings import Settings
from detente.store.base import Store

__all__ = ["merge_figures", "sentence_words", "subject_key", "subject_words"]

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


def subject_words(subject: str | None) -> frozenset[str]:
    """The subject's content-word stems less the measure and generic words, with one word for
    each direction of a movement (:data:`_DIRECTION`); empty when it names nothing measured."""
    if not subject:
        return frozenset()
    words = [w for w in TOKEN.findall(subject.lower()) if w not in STOP and not w.isdigit()]
    return frozenset(
        _DIRECTION.get(w) or stem(w) for w in words if w not in _MEASURES and w not in _GENERIC
    )


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


def sentence_words(sentence: str | None, unit: str) -> frozenset[str]:
    """The content words of a figure's sentence but numbers and its unit, which every
    sentence giving that count shares."""
    unit_words = {stem(w) for w in TOKEN.findall(unit.lower())}
    return frozenset(
        w
        for w in content_words(sentence or "")
        if w not in unit_words and not any(c.isdigit() for c in w)
    )


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
    if similarity(a.context, b.context) >= _CONTEXT:
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
    """Complete link: a figure joins the first group every member of which is the same
    measured thing as it (:func:`_same_thing`, see :class:`_Group`), else founds one.  Groups
    are found through their subjects' words and their counts, never by a scan: a subject
    contained in another shares its words."""
    groups: list[_Group] = []
    by_word: dict[str, set[int]] = defaultdict(set)
    by_value: dict[float | None, set[int]] = defaultdict(set)
    for f in block:
        near = sorted(
            set().union(*(by_word.get(w, ()) for w in f.words), by_value.get(f.value, ()))
        )
        target = next((g for g in near if groups[g].fits(f, window, embedder)), None)
        if target is None:
            target = len(groups)
            groups.append(_Group())
        groups[target].add(f)
        for w in f.words:
            by_word[w].add(target)
        by_value[f.value].add(target)
    return [sorted((f.row for f in g.members), key=text_order) for g in groups]


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
            figures.append(_Figure(r, words, r["year"], day, value, context, sentence))
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
    return similarity(a.context, b.context) < _CONTEXT


def _day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None
