"""Words, dates and names shared by the three merges (quotes, events, figures).

A cluster id is the kind's letter and a digest of its first member's place in the texts
(document id, which is the text's own hash, and character offset; for events also their block,
since one clause holds several events): the same whatever store the records sit in and
whatever order the documents were ingested in, and it stays while that first member does.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = [
    "STOP", "TOKEN", "cluster_name", "content_words", "named", "parse_date", "same_speakers",
    "similarity", "speaker_key", "stem", "terms", "text_order",
]  # fmt: skip

STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those we our us i you he she they them their his her my me not no
    do does did done have has had will would can could should may might shall there here
    what which who whom how so such than then also very just only even about into over under
    more most all any some each both either other own same too s t don said says say""".split()
)
TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SUFFIXES = (
    "ationally", "ational", "ically", "ically", "ability", "ibility", "iveness", "fulness",
    "ations", "ation", "ingly", "ities", "ables", "able", "ible", "ment", "ness", "ical",
    "ally", "ing", "ity", "ies", "ied", "ive", "ed", "es", "ly", "al", "s", "e", "y",
)  # fmt: skip
#: translation variants of one word: what two renderings of one answer most often swap
_SYNONYMS = {
    "necessary": "need", "necessar": "need", "necess": "need", "require": "need",
    "requir": "need", "degre": "level", "extent": "level",
    "imagin": "imagine", "conceiv": "imagine", "concei": "imagine",
    "theoret": "theory", "theor": "theory", "assum": "believ", "believ": "believ",
    "confid": "trust", "great": "high", "larg": "big", "huge": "big", "rule": "exclud",
    "exclud": "exclud", "satisfi": "happy", "happi": "happy", "pleas": "happy",
    "glad": "happy", "goal": "task", "aim": "task", "object": "task", "cooper": "cooper",
    "collabor": "cooper", "partnership": "cooper", "ties": "relat", "tie": "relat",
    "relat": "relat", "relation": "relat", "relationship": "relat", "progress": "develop",
    "evolv": "develop",
    # and what two outlets retelling one remark swap: "somebody" for "someone", an order
    # "directed" for one "ordered", a "review" for a "study", "assistance" for "aid"
    "somebod": "someon", "anybod": "anyon", "everybod": "everyon",
    "direct": "order", "review": "stud", "examin": "stud", "assistanc": "aid",
    "consult": "talk",
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Crude suffix stripping: enough to meet "imagine" and "imaginable", "need" and "needs".

    Cached (bounded): a corpus repeats a few thousand words, and the merge stems every word of
    every quote and event sentence; the cache also makes equal stems one string in memory.
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return _SYNONYMS.get(word, word)


def terms(text: str) -> list[str]:
    """Content-word stems in text order."""
    return [stem(w) for w in TOKEN.findall(text.lower()) if w not in STOP and len(w) > 1]


def content_words(text: str) -> frozenset[str]:
    """The set of :func:`terms`; cached, since several events are read off one sentence."""
    return _content_words(text)


@functools.lru_cache(maxsize=1 << 12)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(terms(text))


def similarity(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
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


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date at any precision; a month or year stands at its middle (for sorting only)."""
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


def text_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """Where a record stands in the texts: the same whatever store or order it was written in."""
    return (row["doc"], row.get("start") or 0)


def cluster_name(prefix: str, members: Iterable[dict[str, Any]], block: str = "") -> str:
    """The kind's letter and a digest of the first member's (document, offset), and of the
    ``block`` the group was formed in when one place can hold records of several blocks (one
    clause is an attack and the statement that reports it)."""
    doc, start = min(text_order(m) for m in members)
    where = f"{doc}:{start}" + (f":{block}" if block else "")
    return prefix + hashlib.sha1(where.encode()).hexdigest()[:12]


def named(
    groups: Iterable[list[dict[str, Any]]],
    prefix: str,
    block: Callable[[dict[str, Any]], str] | None = None,
) -> dict[int, str]:
    """Record id → cluster name, for the groups told by more than one document; ``block``
    names the block of a group's first member (see :func:`cluster_name`)."""
    out: dict[int, str] = {}
    for g in groups:
        if len({m["doc"] for m in g}) < 2:
            continue
        name = cluster_name(prefix, g, block(min(g, key=text_order)) if block else "")
        for m in g:
            out[m["id"]] = name
    return out


#: the short forms of given names that news writing uses for one person: "Ed Davis" at one
#: press conference is "Edward F. Davis" in the next day's paper, "Dave Procopio" "David"
_GIVEN = {
    "ed": "edward", "eddie": "edward", "dave": "david", "chris": "christopher",
    "mike": "michael", "bob": "robert", "rob": "robert", "bill": "william", "jim": "james",
    "tom": "thomas", "joe": "joseph", "dan": "daniel", "steve": "stephen", "tony": "anthony",
    "nick": "nicholas", "matt": "matthew", "pat": "patrick", "tim": "timothy", "ben": "benjamin",
    "sam": "samuel", "alex": "alexander", "andy": "andrew", "greg": "gregory", "jeff": "jeffrey",
    "ken": "kenneth", "larry": "lawrence", "ron": "ronald", "rick": "richard", "dick": "richard",
    "chuck": "charles", "fred": "frederick", "liz": "elizabeth", "kate": "katherine",
    "jen": "jennifer", "sergei": "sergey", "dmitri": "dmitry", "mohammed": "mohamed",
    "muhammad": "mohamed", "mohammad": "mohamed",
}  # fmt: skip
#: an initial ("P.", "W.S.", "F"): "Timothy P. Alben" is "Timothy Alben"
_INITIAL = re.compile(r"^[a-z]\.?$|^(?:[a-z]\.){2,}$")
#: words of a body's name, not a person's: "Bank of China" is not China's full name
_OF = frozenset({"of", "for", "and", "on", "the"})


def speaker_key(name: str) -> str:
    """One key for the forms one outlet and the next write a speaker's name in: case, accents
    and a leading "the" aside ("the Boston Police Department"; not before one word: "The
    Hill" is a paper, not Mr Hill), and with the full given name for its short form ("Ed
    Davis").  Middle initials stay: :func:`same_speakers` reads them."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w.strip(",") for w in folded.split()]
    if len(words) > 2 and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        words[0] = _GIVEN.get(words[0], words[0])
    return " ".join(words)


def _plain(key: str) -> str:
    """The key without its middle initials."""
    words = key.split()
    if len(words) <= 2:
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]])


def same_speakers(actors: Mapping[str, str | None]) -> dict[str, str]:
    """Speaker keys (:func:`speaker_key`, → the actor each resolved to, if any) that are one
    speaker's name in a shorter or fuller form → the one name for them.

    - Middle initials dropped: "Timothy P. Alben" is "Timothy Alben", unless two forms with
      initials have one plain form ("George W. Bush", "George H. W. Bush").
    - A surname alone: a story names a speaker in full once and by surname after, and an
      outlet that quotes only the later sentence gives the surname alone ("Danilov" for
      "Oleksiy Danilov"), when that surname ends exactly one full name: "McCain" beside "John
      McCain" and "Ken McCain" stays apart, and so does "Hill" beside "The Hill".

    Two forms resolved to two actors stay apart."""

    def agree(a: str, b: str) -> bool:
        return actors.get(a) is None or actors.get(b) is None or actors[a] == actors[b]

    variants: dict[str, set[str]] = defaultdict(set)
    for key in actors:
        if _plain(key) != key:
            variants[_plain(key)].add(key)
    out: dict[str, str] = {}
    for plain, forms in variants.items():
        if len(forms) == 1:
            form = next(iter(forms))
            if plain not in actors or agree(form, plain):
                out[form] = plain
    full: dict[str, set[str]] = defaultdict(set)  # surname -> the longer names it ends
    written: dict[str, list[str]] = defaultdict(list)  # longer name -> its forms
    for key in actors:
        if " " in key:
            full[key.split()[-1]].add(out.get(key, key))
            written[out.get(key, key)].append(key)
    for key in actors:
        names = full.get(key, set())
        if " " in key or len(names) != 1:
            continue
        name = next(iter(names))
        # not a body named after its place or its subject ("The Hill", "Bank of China")
        if not _OF.intersection(name.split()[:-1]) and all(agree(key, f) for f in written[name]):
            out[key] = name
    return out
