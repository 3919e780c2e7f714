"""Misspelt state names: "Ethopia", "Kazakstan", "Quatar".

News copy and older wire text misspell countries; spaCy still tags them as places.  A place
entity of one word that no knowledge-base name matches, at one edit (a letter changed, added,
dropped, or two swapped) from exactly one state's name, is taken for that state.  Short names
are left alone: "Sedan" is a French town, not Sudan.
"""

from __future__ import annotations

import functools

from detente.resolve.gazetteer import Hit
from detente.resolve.kb import Alias, load_kb

__all__ = ["misspelt"]

#: shorter names have too many real neighbours (Iran/Iraq, Mali/Bali, Oman/Omar)
MIN_LENGTH = 6


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in load_kb().aliases:
        if a.kind in ("name", "capital") and a.text.isalpha() and len(a.text) >= MIN_LENGTH:
            out.setdefault(a.text.lower(), set()).add(a.actor)
    return out


@functools.lru_cache(maxsize=1)
def _names_by_length() -> dict[int, list[tuple[str, set[str]]]]:
    out: dict[int, list[tuple[str, set[str]]]] = {}
    for name, codes in _names().items():
        out.setdefault(len(name), []).append((name, codes))
    return out


@functools.lru_cache(maxsize=4096)
def _one_edit_states(word: str) -> frozenset[str]:
    """The states with a name one edit from ``word``: only names within one letter of its
    length can be (bounded cache: place names recur across a corpus)."""
    by_length = _names_by_length()
    return frozenset(
        s
        for n in (len(word) - 1, len(word), len(word) + 1)
        for name, codes in by_length.get(n, ())
        if one_edit(word, name)
        for s in codes
    )


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one edit (Damerau: swaps count as one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def misspelt(text: str, start: int, end: int, first: int) -> Hit | None:
    """A hit for the one state whose name ``text`` misspells, or None."""
    word = text.lower()
    names = _names()
    if not text.isalpha() or len(text) < MIN_LENGTH or word in names:
        return None
    states = _one_edit_states(word)
    if len(states) != 1:
        return None
    (state,) = states
    return Hit(start, end, text, Alias(text, state, "fuzzy", "GPE"), first, first + 1)
