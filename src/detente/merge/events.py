"""Events across outlets: one act reported by several documents.

Two reports are one event only when a careful reader would say so:

- the same act: compatible PLOVER types (the same type, or two of one :data:`FAMILY`: tariffs
  are a sanction to one outlet and coercion to another, and one remark is "said" to one and
  "accused" to the next) and compatible modalities (the same, or an act announced on the day,
  "will raise tariffs", and the act done, "raised tariffs": :data:`MODALITY_FAMILY`), between
  the same actors in the same direction ("A attacked B" is not "B attacked A"), except for
  the acts that have no direction (talks, cooperation, an agreement between A and B are one
  act whichever is named first); a remark is besides one speaker's, on one day: two speakers
  named apart ("Kerry said", "Hagel said", "U.S. officials said") made two remarks, and so did
  one speaker whose two clauses tell two days ("said Monday", "said Wednesday");
- at the same time: two dates known to the day are at most ``event_window_days`` apart; when
  either is coarser (a month, a year) they must agree at their common precision ("2020-10" and
  "2020-10-22" do, "2020" and "2021-03-04" do not) *and* their articles must have been
  published within the window, since a month or a year alone cannot tell two events apart; an
  undated event joins only events from articles published within the window;
- dated by the text, not by the report: a date that is only the article's own
  (``date_basis`` 'reported': "China says ...", dated by publication) may rule a pair out, but
  two such dates on one day do not say it is one act, as two dates the texts tell do (the
  clause's own, or one read from the story around it, 'discourse': the occasion the lead or
  the speaker's last dated remark names);
- said alike: reports a few days apart must share wording, and so must reports of two types
  of one family even on one day; reports not both dated by their texts must share more, and a
  remark without a target ("Putin said", undated) joins nothing.  One speaker's remarks on
  one day join however worded, but where a remark could join several groups, the wording
  chooses: the tweet one outlet dates by its publication joins that outlet's report of the
  tweet, not the speaker's other words of the day;
- an announcement is the act: an actor's statement of a day, worded like its act against the
  same target on that day in another outlet, joins the act (:func:`_announced`);
- a back reference is the act: a report naming no target ("Ruritania is levying the new
  duties") joins the one act of its source its own article tells in full and other outlets
  report, when it names it in words like the article's telling (:func:`_told_again`).

Grouping is complete link on time and act, never single link: an event joins a group only
when it is compatible with *every* member (checked in constant time against the group's
bounds, see :class:`_Group`), so a chain of similar reports cannot carry a group from one week
to the next.  Its wording is compared with the group's first reports (up to
:data:`WORDING_PEERS`), and one that says it is the same act is enough: outlets tell one act in
different words, and the report that founded a group need not share words with every later
one.  Events are taken in time order (their day, else their article's), ties in text order,
so every store and every ingest order gives the same groups.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Collection, Iterator
from typing import Any

from detente.merge.text import (
    content_words,
    named,
    same_speakers,
    similarity,
    speaker_key,
    terms,
    text_order,
)
from detente.settings import Settings
from detente.store.base import Store

__all__ = [
    "FAMILY", "EventKey", "compatible", "family", "group_events", "merge_event_blocks",
    "merge_events",
]  # fmt: skip

#: how many of a group's first members a newcomer's wording is compared with: enough for the
#: outlets of one story, and a bound on the cost of a group however large it grows
WORDING_PEERS = 16
#: speech acts: who spoke to or about whom is part of the act, so their dyad is ordered
VERBAL = frozenset({"STATEMENT", "APPEAL"})
#: acts with no direction: "talks between A and B" are the talks between B and A
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: types that outlets give one act, by the type that names the family.  Economic pressure:
#: one outlet's new tariffs are a SANCTION, another's COERCE.  Speech: a remark on another
#: state is a STATEMENT to one outlet and an ACCUSE, REQUEST, APPEAL or REJECT to the next, as
#: the verb it chose ("said", "accused", "urged", "rejected").  Not across families: a strike
#: is no sanction, a threat no attack, talks no agreement.
FAMILY = {
    "COERCE": "SANCTION",
    "ACCUSE": "STATEMENT",
    "REQUEST": "STATEMENT",
    "APPEAL": "STATEMENT",
    "REJECT": "STATEMENT",
}


#: modalities that outlets give one act: an act announced on the day ("China will raise
#: tariffs from June 1") is a future act to one outlet and done to the next ("China raised
#: tariffs"); a denial, a question or a hypothesis stays apart
MODALITY_FAMILY = {"future": "asserted"}


def family(plover: str) -> str:
    """The family an event type merges within: the type itself unless :data:`FAMILY` says."""
    return FAMILY.get(plover, plover)


@dataclasses.dataclass(frozen=True)
class EventKey:
    """What the identity rules read of an event record."""

    day: dt.date | None  # the event's date when known to the day
    month: str | None  # "YYYY-MM" when known to the month or better
    year: int | None  # when known at all
    published: dt.date | None  # its article's publication date
    words: frozenset[str]
    speaker: str | None = None  # the source as written, for one speaker's remarks
    act: str | None = None  # its type and modality, when its block holds several of a family
    stated: bool = True  # its date is told by the text, not only its publication's
    own: bool = False  # its date is told by its own clause ("said Monday"), not the story's

    @property
    def anchor(self) -> dt.date | None:
        """When it stands in time: its day, else its article's day."""
        return self.day or self.published


#: where an event's date comes from (``Event.date_basis``) when the text tells it
STATED_BASES = frozenset({"stated", "relative", "discourse"})
#: of those, the bases of a date its own clause tells ("said on Monday", "said Monday")
OWN_BASES = frozenset({"stated", "relative"})


@functools.lru_cache(maxsize=1 << 14)
def _when(date: str | None, published: str | None) -> tuple[Any, ...]:
    """(day, month, year, publication day) from stored ISO strings; cached, since a store
    repeats a few thousand dates."""
    parts = (date or "").split("-")
    day = month = year = None
    try:
        if parts[0]:
            year = int(parts[0])
        if len(parts) >= 2:
            month = f"{year:04d}-{int(parts[1]):02d}"
        if len(parts) >= 3:
            day = dt.date(year or 1, int(parts[1]), int(parts[2]))
    except ValueError:
        day = month = year = None
    pub = None
    if published:
        try:
            pub = dt.date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    return day, month, year, pub


def event_key(
    date: str | None,
    published: str | None,
    words: frozenset[str],
    speaker: Any,
    act: str | None = None,
    basis: str | None = None,
) -> EventKey:
    """An :class:`EventKey` from a stored ISO date (any precision) and publication date.

    ``basis`` is the event's ``date_basis``; None stands for a date of its own clause.
    """
    day, month, year, pub = _when(date, published)
    stated = date is not None and (basis is None or basis in STATED_BASES)
    own = date is not None and (basis is None or basis in OWN_BASES)
    return EventKey(day, month, year, pub, words, speaker, act, stated, own)


def compatible(a: EventKey, b: EventKey, window: int) -> bool:
    """The pairwise rule on time: the one :class:`_Group` answers for all members at once."""
    if a.day and b.day:
        return abs((a.day - b.day).days) <= window
    if a.published is None or b.published is None:
        return False
    if abs((a.published - b.published).days) > window:
        return False
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    return a.month is None or b.month is None or a.month == b.month


class _Group:
    """A group's members summed up by what the pairwise rule reads of them.

    The rule compares days (within the window), publication dates (within the window, when
    either side is not known to the day) and months and years (equal at common precision).  A
    newcomer is compatible with every member exactly when it is compatible with the group's
    extremes and its sets of months and years, so the check costs the same for any size.
    """

    def __init__(self, first: int, key: EventKey) -> None:
        self.members = [first]
        self.root = key
        self.peers = [key]  # the first members, whose wording a newcomer is compared with
        self.day_lo = self.day_hi = key.day
        self.pub_lo = self.pub_hi = key.published
        self.loose_pub_lo: dt.date | None = None  # members not known to the day
        self.loose_pub_hi: dt.date | None = None
        self.pub_missing = key.published is None
        self.months: set[str] = set()  # of members known to the month or the day
        self.years: set[int] = set()  # of every dated member
        self.loose_months: set[str] = set()  # of members known to the month only
        self.loose_years: set[int] = set()  # of members known to the month or year only
        self._note(key)

    def _note(self, key: EventKey) -> None:
        if key.month:
            self.months.add(key.month)
        if key.year is not None:
            self.years.add(key.year)
        if key.day is None:
            self.loose_pub_lo = _min(self.loose_pub_lo, key.published)
            self.loose_pub_hi = _max(self.loose_pub_hi, key.published)
            if key.month:
                self.loose_months.add(key.month)
            if key.year is not None:
                self.loose_years.add(key.year)

    def fits(self, key: EventKey, window: int) -> bool:
        """Whether ``key`` is compatible (:func:`compatible`) with every member."""
        if key.day is not None:
            if self.day_lo and self.day_hi:
                lo, hi = min(self.day_lo, key.day), max(self.day_hi, key.day)
                if (hi - lo).days > window:
                    return False
            # members not known to the day have a publication date (or they join nothing)
            if self.loose_pub_lo is not None and not _within(
                key.published, self.loose_pub_lo, self.loose_pub_hi, window
            ):
                return False
            return self.loose_months <= {key.month} and self.loose_years <= {key.year}
        if self.pub_missing or not _within(key.published, self.pub_lo, self.pub_hi, window):
            return False
        if key.month and not self.months <= {key.month}:
            return False
        return key.year is None or self.years <= {key.year}

    def add(self, i: int, key: EventKey) -> None:
        self.members.append(i)
        if len(self.peers) < WORDING_PEERS:
            self.peers.append(key)
        self.day_lo, self.day_hi = _min(self.day_lo, key.day), _max(self.day_hi, key.day)
        self.pub_lo, self.pub_hi = (
            _min(self.pub_lo, key.published),
            _max(self.pub_hi, key.published),
        )
        self.pub_missing = self.pub_missing or key.published is None
        self._note(key)


def _min(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _within(d: dt.date | None, lo: dt.date | None, hi: dt.date | None, window: int) -> bool:
    if d is None or lo is None or hi is None:
        return False
    return (max(hi, d) - min(lo, d)).days <= window


def _wording(a: EventKey, b: EventKey, verbal: bool, has_targets: bool) -> float | None:
    """How strongly the wording says two time-compatible reports are one; None when not."""
    if verbal and not _one_utterance(a, b):
        return None
    sim = similarity(a.words, b.words)
    # days both told by the texts; a publication day rules out, it does not confirm
    stated = bool(a.day and b.day and a.stated and b.stated)
    same_day = stated and a.day == b.day
    if a.act != b.act:  # two types or modalities of one family: only the wording says so
        return sim if sim >= (0.2 if stated else 0.4) else None
    if same_day and not verbal:
        return 1.0 + sim  # one act on one day, however worded
    if same_day and a.speaker and a.speaker == b.speaker:
        # one speaker's remarks on one day, however worded; but a speaker says several things
        # a day, so among the groups a remark may join, the one it is worded like wins
        return sim
    if stated:  # a few days apart: the wording must say it is one act
        return sim if sim >= 0.2 else None
    if not has_targets:
        return None  # "Putin said", undated, in two articles is not one event
    return sim if sim >= 0.4 else None


def _one_utterance(a: EventKey, b: EventKey) -> bool:
    """Whether two remarks can be one utterance at all, before their wording is read.

    A remark is one speaker's words on one occasion.  Two speakers named apart said two
    things, whatever they share: "Kerry said" and "Hagel said" of North Korea are two remarks,
    and so are "Obama said" and "U.S. officials said" (the state named as the speaker stands
    for unnamed officials, not for its president).  And one speaker's remarks whose own
    clauses tell two days ("said Monday", "said on Wednesday") are two remarks: a day read
    from the story around a clause may be the story's, not the remark's, so only two clauses'
    own days rule a pair out.
    """
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return False
    return not (a.own and b.own and a.day and b.day and a.day != b.day)


def _best_wording(
    key: EventKey, peers: list[EventKey], verbal: bool, has_targets: bool
) -> float | None:
    """The strongest :func:`_wording` of ``key`` with any of a group's first members."""
    scores = [_wording(key, p, verbal, has_targets) for p in peers]
    return max((s for s in scores if s is not None), default=None)


def group_events(
    keys: list[EventKey], window: int, verbal: bool = False, has_targets: bool = True
) -> list[list[int]]:
    """Groups of positions in ``keys`` (one block: same act, same actors), complete link.

    Keys without an anchor (undated, in an undated article) are attached last
    (:func:`_attach_timeless`).  The groups a key
    could join are found through two indexes, never by a scan: by the days of their members
    known to the day, and by their members' publication days.  A group compatible with a key
    known to the day has all its such members within the window of it, or has none and all its
    members published within the window of the key's article; a group compatible with any
    other key has all its members published within the window.  So the candidates are exactly
    the groups met in the window's days of the two indexes, and the cost grows with the reports
    of a few days, not with the block.
    """
    anchored = [(k.anchor, i) for i, k in enumerate(keys) if k.anchor is not None]
    groups: list[_Group] = []
    by_day: dict[int, list[int]] = defaultdict(list)  # day ordinal -> groups
    by_pub: dict[int, list[int]] = defaultdict(list)
    for _, i in sorted(anchored):
        key = keys[i]
        best: tuple[float, int] | None = None
        for g in _candidates(key, window, by_day, by_pub, groups):
            if not groups[g].fits(key, window):
                continue
            score = _best_wording(key, groups[g].peers, verbal, has_targets)
            if score is not None and (best is None or score > best[0]):
                best = (score, g)
        if best is None:
            g = len(groups)
            groups.append(_Group(i, key))
        else:
            g = best[1]
            groups[g].add(i, key)
        for index, day in ((by_day, key.day), (by_pub, key.published)):
            if day is not None and g not in index[day.toordinal()]:
                index[day.toordinal()].append(g)
    _attach_timeless(keys, groups, verbal, has_targets)
    return [g.members for g in groups]


def _attach_timeless(
    keys: list[EventKey], groups: list[_Group], verbal: bool, has_targets: bool
) -> None:
    """An undated event of an article whose own date is unknown joins a group on its wording
    alone, the wording an undated event needs (and, for remarks, the same speaker).

    Nothing about its time confirms or rules it out; it widens no group's bounds and founds
    none, so it can neither carry a group across time nor join another such event.
    """
    for i, key in enumerate(keys):
        if key.anchor is not None or not has_targets:
            continue
        best: tuple[float, int] | None = None
        for g, group in enumerate(groups):
            root = group.root
            if verbal and not (key.speaker and key.speaker == root.speaker):
                continue
            sim = similarity(key.words, root.words)
            if sim >= 0.4 and (best is None or sim > best[0]):
                best = (sim, g)
        if best is not None:
            groups[best[1]].members.append(i)


def _candidates(
    key: EventKey,
    window: int,
    by_day: dict[int, list[int]],
    by_pub: dict[int, list[int]],
    groups: list[_Group],
) -> list[int]:
    """The groups that could take ``key``, in the order they were made (ties go to the first)."""
    found: set[int] = set()
    if key.day is not None:
        o = key.day.toordinal()
        for d in range(o - window, o + window + 1):
            if d in by_day:
                found.update(by_day[d])
    if key.published is not None:
        o = key.published.toordinal()
        for d in range(o - window, o + window + 1):
            # a key known to the day meets through publication only groups with no dated member
            if d in by_pub:
                found.update(h for h in by_pub[d] if key.day is None or groups[h].day_lo is None)
    return sorted(found)


def block_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """The family of the act and its actors: ordered, except for the acts without a direction."""
    src, tgt = row["source_actor"], row["target_actor"] or ""
    if row["plover"] in SYMMETRIC:
        src, tgt = sorted((src, tgt))
    modality = MODALITY_FAMILY.get(row["modality"], row["modality"])
    return (family(row["plover"]), modality, src, tgt)


def _blocks(store: Store, docs: Collection[str] | None = None) -> Iterator[list[dict[str, Any]]]:
    """Events one block at a time, sorted by the store: memory holds one block, not the store.
    With ``docs``, every block between a pair of actors that an event of those documents is
    between (in either order): the blocks they touch, and the blocks whose groups an
    announcement may join across types (:func:`_announced`)."""
    block: list[dict[str, Any]] = []
    current: tuple[Any, ...] | None = None
    for r in store.merge_event_rows(FAMILY, SYMMETRIC, docs, MODALITY_FAMILY):
        key = block_key(r)
        if block and key != current:
            yield block
            block = []
        current = key
        r["words"] = content_words(r.pop("sentence") or "")
        block.append(r)
    if block:
        yield block


def merge_events(store: Store, settings: Settings) -> dict[int, str]:
    """Record id → cluster name, for the events told by more than one document."""
    return merge_event_blocks(store, settings)[0]


def merge_event_blocks(
    store: Store, settings: Settings, docs: Collection[str] | None = None
) -> tuple[dict[int, str], list[int] | None]:
    """As :func:`merge_events`, and the records whose clusters were recomputed: with ``docs``
    (documents added since the last merge), only the blocks those touch, which are every block
    whose groups can change, since a block's groups read its own records only; None for all."""
    window = int(settings["event_window_days"])
    found: list[list[dict[str, Any]]] = []
    scope: list[int] | None = None if docs is None else []
    for rows in _blocks(store, docs):
        if scope is not None:
            scope.extend(r["id"] for r in rows)
        if len({r["doc"] for r in rows}) < 2:
            if not rows[0]["target_actor"]:  # back references to an act (:func:`_told_again`)
                found += [[r] for r in rows]
            continue
        rows.sort(key=text_order)
        mixed = len({(r["plover"], r["modality"]) for r in rows}) > 1
        speakers = _speakers(rows)
        keys = [
            event_key(
                r["date"],
                r["published"],
                r["words"],
                speakers.get(r["source_name"]),
                f"{r['plover']}:{r['modality']}" if mixed else None,
                r["date_basis"],
            )
            for r in rows
        ]
        verbal = family(rows[0]["plover"]) in VERBAL
        # undated reports may meet on their wording, except remarks without a target: "Putin
        # said" in two articles of one week is not one remark
        wordable = bool(rows[0]["target_actor"]) or not verbal
        found += [[rows[i] for i in g] for g in group_events(keys, window, verbal, wordable)]
    return named(_told_again(_announced(found), window), "e", _block_name), scope


#: how alike an announcement and the act it announces must be worded, in two documents
#: (overlap of their sentences' content words).  Chosen on the tuning half of our gold, and
#: checked on a store of 335 other articles of the corpus: 0.2 and 0.3 join the same there
#: (two announcements in the gold, nothing in the other store), 0.4 nothing
ANNOUNCED = 0.3


def _told_day(group: list[dict[str, Any]]) -> str | None:
    """The one day every member of a group is dated to by its text, if there is one."""
    days = {r["date"] for r in group}
    day = next(iter(days)) if len(days) == 1 else None
    if not day or len(day) != 10 or any(r["date_basis"] not in STATED_BASES for r in group):
        return None
    return day


def _announced(found: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Groups of remarks that announce an act, joined to the act's group.

    An actor's statement on a day about its act against the same target on that day is the
    announcement of the act, one event to a reader: "China's Finance Ministry said the new
    tariffs would take effect on June 1" is China's announcing its tariffs, which the next
    outlet reports as "China announced higher tariffs on Monday"; "Obama announced the
    cancellation of joint exercises" is his cancelling them.  So a group of statements (only
    "said": an accusation or a demand is an act of its own) joins the group of one act of its
    speaker's actor on its target (done or announced, not denied nor hypothetical) when every
    member of both is dated by its text to one day and a sentence of each of two documents is
    worded alike (:data:`ANNOUNCED`), the statement by the act's speaker and naming the act
    (:func:`_cross_wording`); the act the wording is closest to wins.  Both are of one
    day, so no group is carried across time.
    """
    acts: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for k, group in enumerate(found):
        head = group[0]
        if family(head["plover"]) in VERBAL or not head["target_actor"]:
            continue
        if MODALITY_FAMILY.get(head["modality"], head["modality"]) != "asserted":
            continue
        day = _told_day(group)
        if day:
            acts[(head["source_actor"], head["target_actor"], day)].append(k)
    joined: set[int] = set()
    for k, group in enumerate(found):
        if any(r["plover"] != "STATEMENT" or r["modality"] != "asserted" for r in group):
            continue
        day = _told_day(group)
        if not day or not group[0]["target_actor"]:
            continue
        best: tuple[float, int] | None = None
        for a in acts.get((group[0]["source_actor"], group[0]["target_actor"], day), []):
            score = _cross_wording(group, found[a])
            if score >= ANNOUNCED and (best is None or score > best[0]):
                best = (score, a)
        if best is not None:
            found[best[1]] = found[best[1]] + group
            joined.add(k)
    return [g for k, g in enumerate(found) if k not in joined]


def _cross_wording(told: list[dict[str, Any]], acts: list[dict[str, Any]]) -> float:
    """The closest wording of a statement and a report of the act that say it is its
    announcement: told by two documents (two events of one sentence share every word, and say
    nothing of two reports), by one speaker, and the statement naming the act by its trigger
    ("the new tariffs", "canceled"): a speaker's other remarks of the day name other things."""
    pairs = (
        similarity(x["words"], y["words"])
        for x in told[:WORDING_PEERS]
        for y in acts[:WORDING_PEERS]
        if x["doc"] != y["doc"]
        and x["source_name"] == y["source_name"]
        and x["words"].intersection(terms(y["trigger"] or ""))
    )
    return max(pairs, default=0.0)


#: how alike a report without a target must be worded to its act's telling in its own article
#: (overlap of their sentences' content words) to refer back to it: the bar the wording of two
#: reports not both dated by their texts must clear (:func:`_wording`)
TOLD_AGAIN = 0.4


def _act_family(row: dict[str, Any]) -> tuple[str, str, str]:
    """An act as its article names it again without its target: the family of its type, the
    family of its modality and its source."""
    modality = MODALITY_FAMILY.get(row["modality"], row["modality"])
    return family(row["plover"]), modality, row["source_actor"]


def _told_again(found: list[list[dict[str, Any]]], window: int) -> list[list[dict[str, Any]]]:
    """Reports of an act that name no target, joined to the act their own article tells.

    An article tells its act in full once ("Ruritania slapped tariffs on Freedonian steel on
    Monday") and refers back to it later without its target ("Ruritania is levying the new
    duties to shield its mills"): one act to a reader of the article, so one act with the
    other outlets' reports of the first sentence.  So a group of reports without a target
    (not remarks: "Varga said", targetless, joins nothing) joins the cross-outlet group of an
    act of the same source, type family and modality family that a report of each member's own
    article belongs to, when

    - that group is the only one: an article telling two such acts (tariffs on two states, two
      rounds of strikes) leaves the back reference to neither;
    - each member is one clause with a report of the act (the parse read it with and without
      its target), or names the act by a word of a trigger of the group's other than its own
      ("levying the new tariffs" beside "slapped tariffs") in a sentence worded like the act's
      telling in its article (:data:`TOLD_AGAIN`): an article's "killed" or "meeting" of another
      time ("the agency tried to kill foreign leaders in the 1970s") is not its act;
    - its date does not keep it apart: undated, or dated to the day within ``event_window_days``
      of every member dated to the day and in the month or year of those dated more coarsely.
    """
    anchors: dict[tuple[str, tuple[str, str, str]], set[int]] = defaultdict(set)
    for k, group in enumerate(found):
        if len({r["doc"] for r in group}) < 2 or not group[0]["target_actor"]:
            continue
        for r in group:
            anchors[(r["doc"], _act_family(r))].add(k)
    joined: set[int] = set()
    for k, group in enumerate(found):
        head = group[0]
        if head["target_actor"] or family(head["plover"]) in VERBAL:
            continue
        into = set().union(*(anchors.get((r["doc"], _act_family(r)), set()) for r in group))
        if len(into) != 1:
            continue
        a = next(iter(into))
        if all(_refers_back(r, found[a], window) for r in group):
            found[a] = found[a] + group
            joined.add(k)
    return [g for k, g in enumerate(found) if k not in joined]


def _refers_back(row: dict[str, Any], act: list[dict[str, Any]], window: int) -> bool:
    """Whether a report without a target refers back to the act of a group
    (:func:`_told_again`)."""
    if row["date"]:
        day, month = _when(row["date"], None)[:2]
        if day is None:
            return False
        for m in act:
            other, other_month, other_year = _when(m["date"], None)[:3]
            if other is not None:
                if abs((day - other).days) > window:
                    return False
            elif (other_month and other_month != month) or (
                other_year is not None and other_year != day.year
            ):
                return False
    told = [m for m in act if m["target_actor"]]  # not the back references already joined
    if any(m["doc"] == row["doc"] and m["sentence_idx"] == row["sentence_idx"] for m in told):
        return True  # one clause read with and without its target
    own = set(terms(row["trigger"] or ""))
    if not any(row["words"].intersection(terms(m["trigger"] or "")) - own for m in told):
        return False
    alike = (similarity(row["words"], m["words"]) for m in told if m["doc"] == row["doc"])
    return max(alike, default=0.0) >= TOLD_AGAIN


def _speakers(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Each source name of a block → one name for the forms of one speaker's
    (:func:`~detente.merge.text.same_speakers`; the block's actor is one): "Danilov" is the
    block's "Oleksiy Danilov", "Timothy P. Alben" its "Timothy Alben"."""
    keys = {n: speaker_key(n) for n in {r["source_name"] for r in rows} if n}
    same = same_speakers(dict.fromkeys(keys.values()))
    return {n: same.get(k, k) for n, k in keys.items()}


def _block_name(row: dict[str, Any]) -> str:
    return "|".join(str(part) for part in block_key(row))
