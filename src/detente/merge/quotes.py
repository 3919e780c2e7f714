"""Quotes across outlets: one utterance reported by several documents.

Quotes are grouped around medoids, their fullest renderings, never by single link: a chain of
loosely similar quotes ("relations have reached a high level" said in 2019, 2020 and 2023) must
not become one utterance.  A quote joins a group when it is the same speaker's (the person it
is resolved to, or the one its written name is resolved to elsewhere, or a shorter or fuller
form of its name: :func:`speaker_forms`), its content is found in
the group's root with a rarity-weighted similarity clearing ``quote_similarity`` (discounted
when fewer than three content words are shared) or, failing that, one stretch of a quote
the extractor joined around its attribution ("“A,” she said. “B.”") is found nearly whole in
the root (:data:`PIECE`), and no pair of members is dated further apart
than ``quote_window_days`` (complete link on dates; an undated quote stands for the month
before its article, and so does a long passage quoted word for word whose date read keeps it
apart: :data:`VERBATIM`).  Members are compared with the root only, never with
each other: outlets may quote two parts of one answer that share no words, and another outlet
the whole; and nothing joins groups afterwards by their words (no folding by similarity, no
joining through a shared sentence), so no chain can form.  Only one thing folds two groups:
remarks announcing one act the events merge found told by several outlets ("it will impose
tariffs", "it would slap duties") are its one announcement (:func:`_one_announcement`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from detente.extract.quotes.marks import ELISION
from detente.merge.events import VERBAL, family
from detente.merge.text import named, parse_date, same_speakers, speaker_key, terms, text_order
from detente.settings import Settings
from detente.store.base import Store

__all__ = ["merge_quotes", "quote_similarity"]

#: content words two quotes share before their similarity counts in full: two ("taxi
#: service", "the crisis") name a topic, and two remarks on one topic by one speaker are most
#: often different remarks, so a pair sharing two scores two thirds of its weight
MIN_SHARED = 3
#: a passage quoted word for word (a similarity of at least :data:`VERBATIM`, with at least
#: :data:`VERBATIM_WORDS` content words) is taken as undated (said in the month before its
#: article) when the date read for it keeps it from a group: one outlet's date read wrong
#: ("Sunday" taken for the week before) must not split the same long passage, and the
#: compare view then shows the two dates.  Chosen on the tuning half of our gold: six distinct
#: content words found at 0.9 are a passage, not a stock phrase said again (eight was stricter
#: than a sentence of one answer needs)
VERBATIM = 0.9
VERBATIM_WORDS = 6
#: the modality of an act a remark announces ("it will impose tariffs"): an act done that a
#: remark tells ("I had a great meeting") is the speaker's account of it, retold in many remarks
ANNOUNCED_MODALITY = "future"


def quote_similarity(a: list[str], b: list[str], idf: dict[str, float] | None = None) -> float:
    """How much of the shorter quote is found in one stretch of the longer, weighted by rarity.

    One outlet quotes a sentence, another the whole answer: the shorter is compared with the
    window of the longer where it fits best (twice its length), so a long answer does not match
    every short quote by sheer size.  Words are weighted by inverse document frequency over the
    quotes being merged, so "Russia" and "relations" count less than "imagine".  Zero unless
    two content words are shared, and scaled down below :data:`MIN_SHARED`.
    """
    short, long_ = (a, b) if len(set(a)) <= len(set(b)) else (b, a)
    want = set(short)
    if len(want) < 2:
        return 0.0
    weight = idf or {}
    total = sum(weight.get(w, 1.0) for w in want)
    size = max(12, 2 * len(short))
    step = max(1, size // 4)
    best: set[str] = set()
    best_score = 0.0
    for i in range(0, max(1, len(long_) - size + step), step):
        shared = want & set(long_[i : i + size])
        score = sum(weight.get(w, 1.0) for w in shared)
        if score > best_score:
            best, best_score = shared, score
    if len(best) < 2:
        return 0.0
    return best_score / total * min(1.0, len(best) / MIN_SHARED)


#: how much of one stretch the root must hold for the stretch alone to join its quote to the
#: root's group: most of it (well above ``quote_similarity``, which a whole quote needs), since
#: a stretch is short and one topic's words recur in a speaker's other answers.  Chosen on the
#: tuning half of our gold and read on a store of 250 other articles of the corpus: at 0.5 a
#: stretch on prosecuting a suspect took the spokesman's remark away from its own group; 0.65
#: to 0.9 join the same there and in the gold
PIECE = 0.8


def pieces(text: str) -> list[list[str]]:
    """The content words of each quoted stretch of a quote joined from several
    (:data:`ELISION`), those of :data:`MIN_SHARED` distinct words or more; none for a quote of
    one stretch."""
    parts = [terms(p) for p in text.split(ELISION)]
    return [p for p in parts if len(set(p)) >= MIN_SHARED] if len(parts) > 1 else []


def _idf(texts: Iterable[list[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for t in texts:  # counted as they come: no set per quote held for the whole store
        df.update(set(t))
        n += 1
    return {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}


#: an undated quote is taken as said in the month before its article: news reports what was
#: said lately, and an older statement is usually dated ("in 2017", "last October")
_UNDATED_LOOKBACK_DAYS = 31


def _span(date: str | None, published: str | None) -> tuple[dt.date, dt.date]:
    """When a quote was said: its date (a day, or the month / year it stands for), else the
    month up to its article's publication (said on or before being reported), else any time."""
    lo, hi = dt.date.min, dt.date.max
    d = parse_date(date)
    if d is not None and date is not None:
        n = date.count("-")
        if n == 2:
            return d, d
        if n == 1:
            nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return d.replace(day=1), nxt - dt.timedelta(days=1)
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    p = parse_date(published)
    if p is not None:
        lo, hi = p - dt.timedelta(days=_UNDATED_LOOKBACK_DAYS), p
    return lo, hi


#: a group's dates as its members bound them: (latest start, earliest end)
Bounds = tuple[dt.date, dt.date]


def _gap_fits(bounds_a: Bounds, bounds_b: Bounds, days: int) -> bool:
    """Every member of one group is within ``days`` of every member of the other.

    The widest gap between two members is the latest start of one side less the earliest end
    of the other, so two pairs of dates answer for all pairs: checking a group costs the same
    however many members it has, and the answer is the one member by member would give.
    """
    (lo_a, hi_a), (lo_b, hi_b) = bounds_a, bounds_b
    gap = max((lo_a - hi_b).days if lo_a > hi_b else 0, (lo_b - hi_a).days if lo_b > hi_a else 0)
    return gap <= days


def _joined(a: Bounds, b: Bounds) -> Bounds:
    return max(a[0], b[0]), min(a[1], b[1])


class _Similar:
    """:func:`quote_similarity` between the quotes of one block, only where it can matter.

    Grouping only asks whether a pair clears ``threshold`` and, among those that do, which
    scores highest.  A pair whose shared words, all in one window at best, could not weigh
    enough is answered 0.0 without sliding the window; any other pair gets the exact score.
    """

    def __init__(self, block: list[dict[str, Any]], idf: dict[str, float], threshold: float):
        self.terms = [r["terms"] for r in block]
        self.pieces = [r.get("pieces", ()) for r in block]
        self.sets = [set(t) for t in self.terms]
        self.idf = idf
        self.threshold = threshold
        self._totals: dict[int, float] = {}

    def __call__(self, i: int, j: int) -> float:
        a, b = self.sets[i], self.sets[j]
        k, want, other = (i, a, b) if len(a) <= len(b) else (j, b, a)
        if len(want) < 2:
            return 0.0
        shared = want & other
        if len(shared) < 2:
            return 0.0
        total = self._totals.get(k)
        if total is None:
            total = self._totals[k] = sum(self.idf.get(w, 1.0) for w in want)
        most = sum(self.idf.get(w, 1.0) for w in shared)
        if most < self.threshold * total * (1 - 1e-9):  # margin: sums in another order
            return 0.0
        return quote_similarity(self.terms[i], self.terms[j], self.idf)

    def piece(self, i: int, root: int) -> float:
        """The best :func:`quote_similarity` to the root of one of ``i``'s stretches
        (:func:`pieces`) sharing :data:`MIN_SHARED` words with it; 0.0 for none."""
        return max(
            (
                quote_similarity(piece, self.terms[root], self.idf)
                for piece in self.pieces[i]
                if len(set(piece) & self.sets[root]) >= MIN_SHARED
            ),
            default=0.0,
        )

    def rooted(self) -> _Roots:
        return _Roots(self.sets, self.threshold > 0)


class _Roots:
    """Group roots indexed by their words: which of them could a quote join at all?

    A pair sharing fewer than two words scores 0.0, below any positive threshold, so only the
    roots sharing two words with a quote need scoring.  Positions come back in the order the
    roots were added, the order the full scan would have met them in.  With a threshold of 0
    or less every root can be joined and every one is returned.
    """

    def __init__(self, sets: list[set[str]], selective: bool) -> None:
        self.sets = sets
        self.selective = selective
        self.count = 0
        self.postings: dict[str, set[int]] = defaultdict(set)

    def add(self, root: int) -> None:
        if self.selective:
            for w in self.sets[root]:
                self.postings[w].add(self.count)
        self.count += 1

    def candidates(self, i: int) -> list[int]:
        if not self.selective:
            return list(range(self.count))
        hits: Counter[int] = Counter()
        for w in self.sets[i]:
            if w in self.postings:
                hits.update(self.postings[w])
        return sorted(k for k, n in hits.items() if n >= 2)


def _medoid_groups(
    block: list[dict[str, Any]], idf: dict[str, float], window: int, threshold: float
) -> list[list[int]]:
    """Group ``block`` around its fullest renderings; returns the groups told by more than one
    document, as lists of row positions.

    Rows are taken longest first.  Each joins the group whose root (its longest member, the
    fullest rendering of the utterance) contains it best, if that clears ``threshold`` and its
    date fits every member's; otherwise it roots a group of its own.  Comparing with the root
    only, never with any member, is what stops chains: two excerpts of different parts of one
    answer meet through the answer, but an excerpt of another answer does not ride along.
    """
    sim = _Similar(block, idf, threshold)
    spans: list[Bounds] = [r["span"] for r in block]
    order = sorted(range(len(block)), key=lambda i: (-len(sim.sets[i]), text_order(block[i])))
    groups: list[list[int]] = []
    bounds: list[Bounds] = []
    index = sim.rooted()
    for i in order:
        # (whole, score, group, span): a quote found in a root whole outranks one found only
        # through one of its stretches (:func:`pieces`)
        best: tuple[bool, float, int, Bounds] | None = None
        for g in index.candidates(i):
            span = spans[i]
            if not _gap_fits(span, bounds[g], window):
                # the same long passage word for word: its date (one outlet's reading of
                # "Sunday", a month named nearby) gives way to its article's
                span = block[i]["reported"]
                if len(sim.sets[i]) < VERBATIM_WORDS or not _gap_fits(span, bounds[g], window):
                    continue
                need = max(threshold, VERBATIM)
            else:
                need = threshold
            score = sim(i, groups[g][0])
            found = (True, score, g, span)
            if score < need:
                score = sim.piece(i, groups[g][0])
                found = (False, score, g, span)
                need = max(need, PIECE)
            if score >= need and (best is None or found[:2] > best[:2]):
                best = found
        if best is None:
            groups.append([i])
            bounds.append(spans[i])
            index.add(i)
        else:
            groups[best[2]].append(i)
            bounds[best[2]] = _joined(bounds[best[2]], best[3])
    groups = _one_announcement(block, groups, bounds, window)
    return [g for g in groups if len({block[i]["doc"] for i in g}) > 1]


def _one_announcement(
    block: list[dict[str, Any]], groups: list[list[int]], bounds: list[Bounds], window: int
) -> list[list[int]]:
    """The groups of one speaker's remarks announcing one act of theirs, folded into one.

    A remark whose clause tells an act its speaker will do ("Ruritania said it will impose
    duties on Freedonian cheese") is the act's announcement, and two outlets' renderings of it
    are one utterance however differently they word it ("Ruritania said it would slap tariffs
    on Freedonian dairy"), when the merge of events found the two acts one (:mod:`.events`,
    which reads time, actors and type).  So groups whose remarks announce one act cluster
    (``act``, :func:`_announced_acts`; remarks announcing none are neutral, a group announcing
    two acts is left alone) are folded, in order, when every pair of their members is dated
    within ``window`` days (:func:`_gap_fits`).  The act cluster is complete link in time, and
    so is the fold: no chain forms."""
    folded: dict[str, int] = {}  # act cluster -> the group that takes the others
    keep = [True] * len(groups)
    for g, members in enumerate(groups):
        acts = {block[i]["act"] for i in members if block[i].get("act")}
        if len(acts) != 1:
            continue
        act = next(iter(acts))
        into = folded.setdefault(act, g)
        if into != g and _gap_fits(bounds[into], bounds[g], window):
            groups[into] = groups[into] + members
            bounds[into] = _joined(bounds[into], bounds[g])
            keep[g] = False
    return [members for g, members in enumerate(groups) if keep[g]]


def merge_quotes(
    store: Store,
    settings: Settings,
    events: Mapping[int, str] | None = None,
    scope: Collection[int] | None = None,
) -> dict[int, str]:
    """Two passes over the quotes, so that memory holds one speaker's quotes at a time, never
    the whole store's: the rarity of each word over all quotes first, then each speaker's
    quotes in turn, sorted by speaker in SQL.  ``events`` are the event clusters of this
    merge, of the records in ``scope`` when it is incremental (the others keep their stored
    ones): the acts remarks announce (:func:`_one_announcement`)."""
    idf = _idf(terms(text) for text in store.merge_quote_texts())
    window = int(settings["quote_window_days"])
    threshold = float(settings["quote_similarity"])
    acts = _announced_acts(store, events, scope) if events is not None else {}
    groups: list[list[dict[str, Any]]] = []
    for block in _speaker_blocks(store, speaker_forms(store.merge_quote_speakers()), acts):
        if len({r["doc"] for r in block}) < 2:
            continue
        found = _medoid_groups(block, idf, window, threshold)
        groups.extend([block[k] for k in g] for g in found)
    return named(groups, "q")


def speaker_forms(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Speaker blocks that are one speaker written in several forms → one name for them.

    Blocks are the resolved person, else the name as written, so "Timothy P. Alben" and
    "Timothy Alben", "Ed Davis" and "Edward F. Davis", or a surname alone ("Lerner") beside
    the one full name it ends ("Peter Lerner") are blocks apart;
    :func:`~detente.merge.text.same_speakers` makes them one.  A written form resolved to
    several actors, or a block written in forms of several speakers, is left alone.  Only the
    blocks that meet another are listed."""
    keys: dict[str, set[str]] = defaultdict(set)  # block -> the keys of its written names
    actors: dict[str, set[str]] = defaultdict(set)  # key -> the actors it resolved to
    for r in rows:
        key = speaker_key(r["speaker"] or r["block"])
        keys[r["block"]].add(key)
        actors[key].update([r["speaker_actor"]] if r["speaker_actor"] else [])
    clear = {k: next(iter(a), None) for k, a in actors.items() if len(a) <= 1}
    same = same_speakers(clear)
    name_of: dict[str, str] = {}
    for block, ks in keys.items():
        names = {same.get(k, k) for k in ks}
        if len(names) == 1 and ks <= clear.keys():
            name_of[block] = next(iter(names))
    members: dict[str, list[str]] = defaultdict(list)
    for block, name in name_of.items():
        members[name].append(block)
    return {b: f"~{name}" for name, bs in members.items() if len(bs) > 1 for b in bs}


def _announced_acts(
    store: Store, events: Mapping[int, str], scope: Collection[int] | None
) -> dict[int, str]:
    """Quote id → the one act cluster it announces (:func:`_one_announcement`): that of the
    acts its speaker's actor will do that its sentence tells (:data:`ANNOUNCED_MODALITY`), or,
    telling none, that of its speaker's remark in the sentence when the events merge found the
    remark the announcement of such an act (it joined the act's cluster:
    :func:`detente.merge.events._announced`; the events group other remarks by speaker and
    day, not by utterance).  None for a quote announcing an act in no cluster, or two."""
    recomputed = None if scope is None else set(scope)
    acts: dict[int, set[str | None]] = defaultdict(set)  # quote -> clusters of acts to come
    remarks: dict[int, set[str | None]] = defaultdict(set)  # quote -> clusters of its remarks
    for r in store.merge_quote_acts():
        event = r["event"]
        cluster = events.get(event) if recomputed is None or event in recomputed else r["cluster"]
        if family(r["plover"]) in VERBAL:
            remarks[r["quote"]].add(cluster)
        elif r["modality"] == ANNOUNCED_MODALITY:
            acts[r["quote"]].add(cluster)
    announced = set().union(*acts.values())
    for quote, clusters in remarks.items():
        if quote not in acts and clusters & announced:
            acts[quote] = clusters & announced
    return {q: act for q, c in acts.items() if len(c) == 1 for act in c if act is not None}


def _speaker_blocks(
    store: Store, forms: dict[str, str] | None = None, acts: Mapping[int, str] | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The quotes of each speaker (:meth:`Store.merge_quote_rows`' ``block``: the resolved
    person, else the name as written), one speaker at a time; each row keeps its words and
    when it was said, not its text.  The blocks of one speaker written in several forms
    (``forms``, :func:`speaker_forms`) are held and given as one at the end."""
    forms = forms or {}
    held: dict[str, list[dict[str, Any]]] = defaultdict(list)
    block: list[dict[str, Any]] = []
    current = None
    for r in store.merge_quote_rows():
        key = r["block"]
        if block and key != current:
            yield block
            block = []
        current = key
        text = r.pop("text")
        r["terms"] = terms(text)
        r["pieces"] = pieces(text)
        published = r.pop("published")
        r["span"] = _span(r.pop("date"), published)
        r["reported"] = _span(None, published)
        r["act"] = (acts or {}).get(r["id"])
        (held[forms[key]] if key in forms else block).append(r)
    if block:
        yield block
    for name in sorted(held):
        yield held[name]
