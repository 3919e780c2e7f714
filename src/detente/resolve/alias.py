"""The alias record: below the knowledge base and every gazetteer that reads aliases, so the
region tables (:mod:`detente.resolve.regions`) can build aliases without importing the
knowledge base that loads them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Alias"]


@dataclass(frozen=True)
class Alias:
    """One surface form of an actor; ``kind`` says how it names it (name, demonym, capital...)."""

    text: str
    actor: str
    kind: str
    label: str
