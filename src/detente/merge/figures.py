"""Figures across outlets: one measured thing (subject, unit, period) given by several documents.

A figure is merged only when its subject names something measured: "people", "year" or "%"
alone say what is counted, not of what, and a photo gallery's "415 photos" is no claim at all.
Two figures are the same measured thing when their subjects (without the words that name the
measure: "trade turnover" is "trade"), units and years agree; their values may then agree or
differ, and that is what the compare view reports.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from detente.merge.text import STOP, TOKEN, named, stem, text_order
from detente.settings import Settings
from detente.store.base import Store

__all__ = ["merge_figures", "subject_key"]

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


def subject_key(subject: str | None) -> str | None:
    """The subject as a key (sorted word stems), or None when it names nothing measured."""
    if not subject:
        return None
    words = [w for w in TOKEN.findall(subject.lower()) if w not in STOP and not w.isdigit()]
    kept = [w for w in words if w not in _MEASURES and w not in _GENERIC]
    if not kept:
        return None
    return " ".join(sorted({stem(w) for w in kept}))


def merge_figures(store: Store, settings: Settings) -> dict[int, str]:
    """Group figures by subject and year, then by unit.

    A year is required, since "exports rose to $5 billion" without one may be any year's.  A
    figure without a unit ("111 billion" in a quote) goes with the block's one known unit, but
    stays apart when the block holds several: it could be either.
    """
    blocks: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in store.iter_rows("SELECT id, doc, start, subject, year, unit FROM figures"):
        subject = subject_key(r["subject"])
        if subject is None or r["year"] is None:
            continue
        blocks[(subject, r["year"])].append(r)
    groups: list[list[dict[str, Any]]] = []
    for block in blocks.values():
        by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in block:
            by_unit[(r["unit"] or "").lower()].append(r)
        known = [u for u in by_unit if u]
        if len(known) == 1 and "" in by_unit:
            by_unit[known[0]] += by_unit.pop("")
        groups += [sorted(g, key=text_order) for g in by_unit.values()]
    return named(groups, "f")
