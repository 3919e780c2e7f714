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
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "STOP", "TOKEN", "cluster_name", "content_words", "named", "parse_date", "similarity",
    "stem", "terms", "text_order",
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
