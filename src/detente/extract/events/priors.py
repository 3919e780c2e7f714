"""The confidence of a hand rule's dyadic event when no learned model ships: the rules'
measured precision for its kind of event on the train split of our real-news gold.

A kind is the event's PLOVER type (an appeal counts as a request, as the gold folds them), and
for a statement also where its target was read: from the addressee, topic or object ("told
Freedonia", "commented on Freedonia's decision"), or from the reported clause ("said Freedonia
would ...", which the gold mostly codes as the reported act or a more specific type).  The
table is printed by ``scripts/rule_priors.py``; an event of a kind not in it takes the mean.
With the learned coder, its probability replaces these (:mod:`detente.extract.events.learned`).
"""

from __future__ import annotations

import dataclasses

from detente.model import Event

__all__ = ["MEAN", "PRIORS", "kind", "with_prior"]

_ALIASES = {"APPEAL": "REQUEST"}

# scripts/rule_priors.py at events stage 9:
# 205 train articles, 479 dyadic rule events, precision 0.351
MEAN = 0.35
PRIORS: dict[str, float] = {
    "ACCUSE": 0.57,  # 14/23
    "AGREE": 0.39,  # 8/20
    "AID": 0.41,  # 6/14
    "ASSAULT": 0.47,  # 14/29
    "COERCE": 0.15,  # 2/18
    "CONCEDE": 0.31,  # 2/7
    "CONSULT": 0.68,  # 43/61
    "COOPERATE": 0.16,  # 3/23
    "MOBILIZE": 0.20,  # 0/3
    "PROTEST": 0.40,  # 1/2
    "REJECT": 0.64,  # 5/6
    "REQUEST": 0.48,  # 13/26
    "RETREAT": 0.34,  # 2/6
    "SANCTION": 0.49,  # 6/11
    "STATEMENT/clause": 0.10,  # 11/126
    "STATEMENT/named": 0.21,  # 8/41
    "SUPPORT": 0.39,  # 18/46
    "THREATEN": 0.64,  # 12/17
}


def kind(ev: Event) -> str:
    """The event's PLOVER type, and for a statement where its target was read."""
    plover = _ALIASES.get(ev.plover or "", ev.plover or "-")
    if plover == "STATEMENT":
        clause = "statement-clause" in (ev.rule or "")
        return f"STATEMENT/{'clause' if clause else 'named'}"
    return plover


def with_prior(ev: Event) -> Event:
    """A dyadic event with its kind's measured precision as its confidence; others as they are
    (an event with one actor has no confidence and always counts)."""
    if not (ev.source_actor and ev.target_actor) or ev.confidence is not None:
        return ev
    return dataclasses.replace(ev, confidence=PRIORS.get(kind(ev), MEAN))
