"""Across outlets: the same event, utterance or figure reported by several documents.

Clusters are recomputed over the whole store after each ingest (cheap next to annotation:
records are blocked by speaker / dyad / subject before any pair is compared).  A cluster id
is the kind's letter and the smallest record id in it (``q17``), so it is stable while the
cluster's first record stays.  Only records from *different* documents are linked: two
sentences of one article are that article's business, not a cross-outlet agreement.

Quotes are grouped by average-link agglomeration, not single link: a chain of loosely similar
quotes ("relations have reached a high level" said in 2019, 2020 and 2023) must not become one
utterance.  Two clusters merge only when their members' mean cross-document similarity clears
``quote_similarity`` and no pair of them is dated further apart than ``quote_window_days``
(complete link on dates).  Two quotes of one document are not compared with each other: an
outlet may quote two parts of one answer that share no words, and another outlet the whole.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from detente.settings import Settings
from detente.store.base import Store

__all__ = ["content_words", "figure_comparison", "merge_all", "quote_similarity", "similarity"]

_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those we our us i you he she they them their his her my me not no
    do does did done have has had will would can could should may might shall there here
    what which who whom how so such than then also very just only even about into over under
    more most all any some each both either other own same too s t don said says say""".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SUFFIXES = (
    "ationally", "ational", "ically", "ically", "ability", "ibility", "iveness", "fulness",
    "ations", "ation", "ingly", "ities", "ables", "able", "ible", "ment", "ness", "ical",
    "ally", "ing", "ity", "ies", "ied", "ive", "ed", "es", "ly", "al", "s", "e", "y",
)  # fmt: skip
#: translation variants of one word: what two renderings of one answer most often swap
_SYNONYMS = {
    "necessary": "need", "necess": "need", "require": "need", "requir": "need",
    "imagin": "imagine", "conceiv": "imagine", "concei": "imagine",
    "theoret": "theory", "theor": "theory", "assum": "believ", "believ": "believ",
    "confid": "trust", "great": "high", "larg": "big", "huge": "big", "rule": "exclud",
    "exclud": "exclud", "satisfi": "happy", "happi": "happy", "pleas": "happy",
    "glad": "happy", "goal": "task", "aim": "task", "object": "task", "cooper": "cooper",
    "collabor": "cooper", "partnership": "cooper", "ties": "relat", "tie": "relat",
    "relat": "relat", "relationship": "relat", "progress": "develop", "evolv": "develop",
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """Crude suffix stripping: enough to meet "imagine" and "imaginable", "need" and "needs".

    Cached (bounded): a corpus repeats a few thousand words, and the merge stems every word of
    every quote and event sentence; the cache also makes equal stems one string in memory.
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return _SYNONYMS.get(word, word)


def _terms(text: str) -> list[str]:
    """Content-word stems in text order."""
    return [_stem(w) for w in _TOKEN.findall(text.lower()) if w not in _STOP and len(w) > 1]


def content_words(text: str) -> set[str]:
    return set(_terms(text))


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap coefficient, but 0 unless two content words are shared.

    Overlap (not Jaccard) because translations of one answer differ in length: one outlet quotes
    a sentence, another the paragraph around it.  Two shared words at least, so that two short
    quotes do not merge on one common word.
    """
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return shared / min(len(a), len(b))


def quote_similarity(a: list[str], b: list[str], idf: dict[str, float] | None = None) -> float:
    """How much of the shorter quote is found in one stretch of the longer, weighted by rarity.

    One outlet quotes a sentence, another the whole answer: the shorter is compared with the
    window of the longer where it fits best (twice its length), so a long answer does not match
    every short quote by sheer size.  Words are weighted by inverse document frequency over the
    quotes being merged, so "Russia" and "relations" count less than "imagine".  Zero unless
    two content words are shared.
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
    return best_score / total


def _idf(texts: Iterable[list[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for t in texts:  # counted as they come: no set per quote held for the whole store
        df.update(set(t))
        n += 1
    return {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        return dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 7,
            int(parts[2]) if len(parts) > 2 else 15,
        )
    except (ValueError, IndexError):
        return None


def _close(a: str | None, b: str | None, days: int) -> bool:
    """Dates within the window; an unknown date neither confirms nor rules out.

    Month and year precision widen the window by the period's half-length (a "2020-10" is
    within 15 days of every October day), since they stand for a range, not a point.
    """
    da, db = _date(a), _date(b)
    if da is None or db is None:
        return True
    slack = sum(
        15 if (v or "").count("-") == 1 else 182 if (v or "").count("-") == 0 else 0 for v in (a, b)
    )
    return abs((da - db).days) <= days + slack


#: an undated quote is taken as said in the month before its article: news reports what was
#: said lately, and an older statement is usually dated ("in 2017", "last October")
_UNDATED_LOOKBACK_DAYS = 31


def _span(date: str | None, published: str | None) -> tuple[dt.date, dt.date]:
    """When a quote was said: its date (a day, or the month / year it stands for), else the
    month up to its article's publication (said on or before being reported), else any time."""
    lo, hi = dt.date.min, dt.date.max
    d = _date(date)
    if d is not None and date is not None:
        n = date.count("-")
        if n == 2:
            return d, d
        if n == 1:
            nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return d.replace(day=1), nxt - dt.timedelta(days=1)
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    p = _date(published)
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


def _cluster(
    rows: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], Any],
    linked: Callable[[dict[str, Any], dict[str, Any]], float | None],
    prefix: str,
    window: int | None = None,
) -> dict[int, str]:
    """Single-link groups within each block, strongest links first.

    ``linked`` gives a pair's strength, or None when the two are not the same.  With ``window``,
    a union that would make a group's known dates span more than the window is refused, so which
    links win matters: they are taken strongest first, ties in text order (document, offset),
    never in storage order, so every store and every ingest order gives the same groups.
    """
    blocks: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        k = key(row)
        if k is not None:
            blocks[k].append(row)
    pairs: list[tuple[float, tuple[Any, ...], dict[str, Any], dict[str, Any]]] = []
    for block in blocks.values():
        block.sort(key=_text_order)
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a["doc"] == b["doc"]:
                    continue
                strength = linked(a, b)
                if strength is not None:
                    pairs.append((-strength, _text_order(a) + _text_order(b), a, b))
    pairs.sort(key=lambda p: (p[0], p[1]))
    uf = _Union()
    spans: dict[int, tuple[dt.date, dt.date]] = {}
    for row in rows:
        d = _date(row.get("date"))
        if d is not None:
            spans[row["id"]] = (d, d)
    for _, _, a, b in pairs:
        ra, rb = uf.find(a["id"]), uf.find(b["id"])
        if ra == rb:
            continue
        sa, sb = spans.get(ra), spans.get(rb)
        if window is not None and sa and sb:
            lo, hi = min(sa[0], sb[0]), max(sa[1], sb[1])
            if (hi - lo).days > window:
                continue
        uf.union(ra, rb)
        both = [x for x in (sa, sb) if x]
        if both:
            spans[uf.find(ra)] = (min(x[0] for x in both), max(x[1] for x in both))
    members: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row["id"] in uf.parent:
            members[uf.find(row["id"])].append(row["id"])
    return _named(members.values(), prefix)


def _text_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Where a record stands in the texts: the same whatever store or order it was written in."""
    return (row["doc"], row.get("start") or 0)


def _named(groups: Iterable[list[int]], prefix: str) -> dict[int, str]:
    return {i: f"{prefix}{min(ids)}" for ids in groups if len(ids) > 1 for i in ids}


class _Similar:
    """:func:`quote_similarity` between the quotes of one block, only where it can matter.

    Grouping only asks whether a pair clears ``threshold`` and, among those that do, which
    scores highest.  A pair whose shared words, all in one window at best, could not weigh
    enough is answered 0.0 without sliding the window; any other pair gets the exact score.
    """

    def __init__(self, block: list[dict[str, Any]], idf: dict[str, float], threshold: float):
        self.terms = [r["terms"] for r in block]
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
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, root: int) -> None:
        if self.selective:
            for w in self.sets[root]:
                self.postings[w].append(self.count)
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
    """Group ``block`` around its fullest renderings; returns groups of row positions.

    Rows are taken longest first.  Each joins the group whose root (its longest member, the
    fullest rendering of the utterance) contains it best, if that clears ``threshold`` and its
    date fits every member's; otherwise it roots a group of its own.  Comparing with the root
    only, never with any member, is what stops chains: two excerpts of different parts of one
    answer meet through the answer, but an excerpt of another answer does not ride along.
    """
    sim = _Similar(block, idf, threshold)
    spans: list[Bounds] = [r["span"] for r in block]
    order = sorted(range(len(block)), key=lambda i: (-len(sim.sets[i]), block[i]["id"]))
    groups: list[list[int]] = []
    bounds: list[Bounds] = []
    roots = sim.rooted()
    for i in order:
        best: tuple[float, int] | None = None
        for g in roots.candidates(i):
            score = sim(i, groups[g][0])
            if score < threshold or (best is not None and score <= best[0]):
                continue
            if _gap_fits(spans[i], bounds[g], window):
                best = (score, g)
        if best is None:
            groups.append([i])
            bounds.append(spans[i])
            roots.add(i)
        else:
            groups[best[1]].append(i)
            bounds[best[1]] = _joined(bounds[best[1]], spans[i])
    return _same_sentence(block, _fold(groups, bounds, sim, window, threshold))


def _fold(
    groups: list[list[int]],
    bounds: list[Bounds],
    sim: _Similar,
    window: int,
    threshold: float,
) -> list[list[int]]:
    """Fold a group into one with a fuller root when most of its members fit that root too.

    A headline's paraphrase may root a group of its own that gathers excerpts of the same
    answer; it joins the answer's group when at least half its members would have joined that
    root, so one stray word in common is never enough.
    """
    out: list[list[int]] = []
    out_bounds: list[Bounds] = []
    roots = sim.rooted()
    for g, g_bounds in zip(groups, bounds):  # roots come longest first: a fuller one is in out
        target = None
        # a root no member could join (fits == 0) never takes a group of one or more
        near = sorted({k for i in g for k in roots.candidates(i)})
        for k in near:
            if not _gap_fits(g_bounds, out_bounds[k], window):
                continue
            fits = sum(sim(i, out[k][0]) >= threshold for i in g)
            if 2 * fits >= len(g):
                target = k
                break
        if target is None:
            out.append(list(g))
            out_bounds.append(g_bounds)
            roots.add(g[0])
        else:
            out[target].extend(g)
            out_bounds[target] = _joined(out_bounds[target], g_bounds)
    return out


def _same_sentence(block: list[dict[str, Any]], groups: list[list[int]]) -> list[list[int]]:
    """Join groups holding quotes of one sentence ("X said that “A” ..., “B.”": one utterance),
    then keep those told by more than one document."""
    uf = _Union()
    where: dict[tuple[str, int], int] = {}
    for g in groups:
        for i in g:
            uf.union(g[0], i)
            k = (block[i]["doc"], block[i]["sentence"])
            uf.union(where.setdefault(k, i), i)
    joined: dict[int, list[int]] = defaultdict(list)
    for g in groups:
        for i in g:
            joined[uf.find(i)].append(i)
    return [g for g in joined.values() if len({block[i]["doc"] for i in g}) > 1]


#: the quotes merged: attributed to a named speaker
_QUOTES = """FROM quotes q JOIN documents d ON d.id = q.doc
    WHERE q.speaker IS NOT NULL AND q.unnamed_group = 0"""


def _merge_quotes(store: Store, settings: Settings) -> dict[int, str]:
    """Two passes over the quotes, so that memory holds one speaker's quotes at a time, never
    the whole store's: the rarity of each word over all quotes first, then each speaker's
    quotes in turn, sorted by speaker in SQL."""
    idf = _idf(_terms(r["text"]) for r in store.iter_rows(f"SELECT q.text {_QUOTES}"))
    window = int(settings["quote_window_days"])
    threshold = float(settings["quote_similarity"])
    groups: list[list[int]] = []
    for block in _speaker_blocks(store):
        if len({r["doc"] for r in block}) < 2:
            continue
        found = _medoid_groups(block, idf, window, threshold)
        groups.extend([block[k]["id"] for k in g] for g in found)
    return _named(groups, "q")


def _speaker_blocks(store: Store) -> Iterator[list[dict[str, Any]]]:
    """The quotes of each speaker (the resolved person, else the name as written), one
    speaker at a time; each row keeps its words and when it was said, not its text."""
    block: list[dict[str, Any]] = []
    current = None
    for r in store.iter_rows(
        f"""SELECT q.id, q.doc, q.sentence, q.text, q.speaker, q.speaker_id, q.date, d.published,
                   COALESCE(NULLIF(q.speaker_id, ''), q.speaker) AS block
            {_QUOTES} ORDER BY block"""
    ):
        key = r["speaker_id"] or r["speaker"]
        if block and key != current:
            yield block
            block = []
        current = key
        r["terms"] = _terms(r.pop("text"))
        r["span"] = _span(r.pop("date"), r.pop("published"))
        block.append(r)
    if block:
        yield block


#: speech acts: who spoke to or about whom is part of the act, so their dyad is ordered
_VERBAL = frozenset({"STATEMENT", "APPEAL"})


def _merge_events(store: Store, settings: Settings) -> dict[int, str]:
    """Events are one when their dyad and type agree, their dates fit the window and their
    wording (or, for one speaker's remarks on one day, the speaker) says so.

    Material acts are blocked by the unordered dyad ("China bought from Russia" and "Russia sold
    to China" are one deal); speech acts by the ordered one (a reply is not the remark).  Two
    undated events without a target are never linked on wording alone: "Putin said" in two
    articles is not one event.  Groups grow by single link but never span more than the window
    (complete link on dates), so a chain of similar remarks over months stays apart.
    """
    rows = []
    for r in store.iter_rows(
        """SELECT e.id, e.doc, e.start, e.source_actor, e.target_actor, e.source_name, e.plover,
                  e.date, e.modality, s.text AS sentence
           FROM events e LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
           WHERE e.source_actor IS NOT NULL"""
    ):
        r["words"] = content_words(r.pop("sentence") or "")  # the sentence itself is not kept
        rows.append(r)
    window = int(settings["event_window_days"])

    def key(r: dict[str, Any]) -> Any:
        if r["plover"] in _VERBAL:
            return (r["source_actor"], r["target_actor"], r["plover"])
        dyad = tuple(sorted(x for x in (r["source_actor"], r["target_actor"]) if x))
        return (dyad, r["plover"])

    def linked(a: dict[str, Any], b: dict[str, Any]) -> float | None:
        if a["modality"] != b["modality"] or not _close(a["date"], b["date"], window):
            return None
        dated = bool(a["date"] and b["date"])
        if not dated and not (a["target_actor"] and b["target_actor"]):
            return None
        sim = similarity(a["words"], b["words"])
        if (
            dated
            and a["plover"] in _VERBAL
            and a["source_name"]
            and a["source_name"] == b["source_name"]
            and a["date"] == b["date"]
            and a["date"].count("-") == 2
        ):
            return 1.0 + sim  # one speaker's remarks on one day: one occasion, however worded
        # with both dates known and close, modest wording overlap is enough; without a date,
        # wording must carry the whole weight
        return sim if sim >= (0.2 if dated else 0.4) else None

    return _cluster(rows, key, linked, "e", window)


#: words that name the measure, not the thing measured: "trade turnover", "trade volume" and
#: "trade" are one subject
_MEASURES = frozenset(
    "turnover volume value total amount level figure sum record size growth".split()
)


def _norm_subject(subject: str | None) -> str | None:
    if not subject:
        return None
    words = [w for w in _TOKEN.findall(subject.lower()) if w not in _STOP]
    kept = [w for w in words if w not in _MEASURES] or words
    return " ".join(sorted({_stem(w) for w in kept})) or None


def _merge_figures(store: Store, settings: Settings) -> dict[int, str]:
    rows = store.rows("SELECT id, doc, start, subject, year, unit, value FROM figures")

    def key(r: dict[str, Any]) -> Any:
        subject = _norm_subject(r["subject"])
        if subject is None or r["year"] is None:
            return None
        return (subject, r["year"])

    return _cluster(rows, key, lambda a, b: 1.0, "f")


def merge_all(store: Store, settings: Settings) -> dict[str, int]:
    """Recompute every cluster; returns how many records are now in a cluster, per table."""
    result = {}
    for table, fn in (
        ("quotes", _merge_quotes),
        ("events", _merge_events),
        ("figures", _merge_figures),
    ):
        assignment = fn(store, settings)
        store.set_clusters(table, assignment)
        result[table] = len(assignment)
    return result


def figure_comparison(rows: Iterable[dict[str, Any]], tolerance: float) -> str:
    """'agree' when every value is within ``tolerance`` of the first, else 'differ'."""
    values = [float(r["value"]) for r in rows]
    if not values:
        return "empty"
    ref = values[0]
    ok = all(abs(v - ref) <= tolerance * max(abs(ref), 1e-9) for v in values)
    return "agree" if ok else "differ"
