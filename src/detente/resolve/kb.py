"""The knowledge base of actors: states, international bodies, people with dated offices,
and named groups and things that link to a state.

States come from pycountry (every ISO 3166 country) plus ``data/states.csv`` for what pycountry
lacks: short names, demonyms, capitals and seats of government used as metonyms.  People carry
their offices with dates so a title ("the Indian defense minister") can be resolved to the
holder on the day a document speaks of.  The version is a hash of the data files: the store
reloads the actors table only when it changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from detente.errors import KnowledgeBaseError
from detente.model import Actor
from detente.resolve import regions
from detente.resolve.alias import Alias

__all__ = [
    "OFFICE_SECTOR",
    "Alias",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Office",
    "kb_version",
    "load_kb",
]

DATA_FILES = ("states.csv", "bodies.json", "people.json", "groups.json", "things.json")

#: PLOVER sector of each office; anything not listed is government
OFFICE_SECTOR = {
    "defense_minister": "MIL",
    "deputy_defense_minister": "MIL",
    "chief_of_general_staff": "MIL",
    "commander_in_chief": "MIL",
    "army_chief": "MIL",
    "cmc_chairman": "MIL",
    "cmc_vice_chairman": "MIL",
    "equipment_department_head": "MIL",
    "defense_spokesperson": "MIL",
    "intelligence_chief": "SPY",
    "foreign_intelligence_chief": "SPY",
    "legislature_head": "LEG",
    "senate_head": "LEG",
    "cppcc_chairman": "LEG",
    "legislator": "LEG",
    "attorney_general": "JUD",
    "deputy_attorney_general": "JUD",
    "special_counsel": "JUD",
    "fbi_director": "COP",
    "intelligence_director": "SPY",
    "commander": "MIL",
    "group_leader": "REB",
    "opposition_leader": "OPP",
}

#: PLOVER's generic codes for actors of no state and no listed body (the export contract):
#: code -> (name, sector).  A transnational armed group is IMG, an international NGO NGO.
GENERIC = {
    "IMG": ("transnational armed group", "REB"),
    "NGO": ("international non-governmental organisation", "NGO"),
    "MNC": ("multinational company", "BUS"),
}


@dataclass(frozen=True)
class Office:
    office: str  # "president", "defense_minister", ...
    state: str  # ISO alpha-3, or a body code (NATO, UN, EU)
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def sector(self) -> str:
        """The PLOVER sector of the office: MIL for a defence minister, GOV by default."""
        return OFFICE_SECTOR.get(self.office, "GOV")

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": self.office,
            "state": self.state,
            "sector": self.sector,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass
class KnowledgeBase:
    actors: dict[str, Actor]
    version: str
    aliases: list[Alias] = field(default_factory=list)
    offices: dict[str, list[Office]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # lower surname -> person ids
    leader_office: dict[str, str] = field(default_factory=dict)  # state -> office of its leader
    speaks_for: set[str] = field(default_factory=set)  # groups that are organs of their state
    labels: dict[str, str] = field(default_factory=dict)  # thing id -> WEAPON / EXERCISE
    alone: set[str] = field(default_factory=set)  # people named by their surname alone
    women: set[str] = field(default_factory=set)  # people a "Mrs." or "Ms." may name
    bare: set[str] = field(default_factory=set)  # aliases void after a qualifier
    _holders: dict[tuple[str, str], list[tuple[str, Office]]] = field(default_factory=dict)

    def offices_of(self, actor_id: str) -> list[dict[str, Any]]:
        return [o.as_dict() for o in self.offices.get(actor_id, [])]

    def holders(self, state: str, office: str, day: dt.date) -> list[str]:
        """People holding ``office`` of ``state`` on ``day``."""
        return sorted({pid for pid, o in self._holders.get((state, office), []) if o.covers(day)})

    def office_on(self, person: str, day: dt.date | None) -> Office | None:
        """The office a person holds on ``day`` (the most recently started one)."""
        if day is None:
            return None
        held = [o for o in self.offices.get(person, []) if o.covers(day)]
        return max(held, key=lambda o: o.start) if held else None

    def active_near(self, person: str, day: dt.date, years: int = 5) -> bool:
        """Whether a person held any office within ``years`` of ``day``."""
        margin = dt.timedelta(days=365 * years)
        return any(
            o.start - margin <= day and (o.end is None or day <= o.end + margin)
            for o in self.offices.get(person, [])
        )


def slug(name: str) -> str:
    """ "Zoë Müller" -> "zoe-muller" """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _read(name: str) -> str:
    try:
        return resources.files("detente.resolve").joinpath("data", name).read_text("utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise KnowledgeBaseError(f"knowledge base file {name} unreadable: {exc}") from exc


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _states(text: str, kb: KnowledgeBase) -> None:
    import pycountry

    names: dict[str, list[str]] = defaultdict(list)
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and value not in names[c.alpha_3]:
                names[c.alpha_3].append(value)
        # "Saint Helena, Ascension and Tristan da Cunha": the first part names it
        names[c.alpha_3] = names[c.alpha_3] or [c.name.split(",")[0]]
    rows = [r for r in csv.reader(text.splitlines(), delimiter="|") if r and r[0][:1] != "#"]
    extra = {r[0]: r for r in rows}
    for code in sorted(set(names) | set(extra)):
        row = extra.get(code, [code, "", "", "", "", "", ""])
        if len(row) != 7:
            raise KnowledgeBaseError(f"states.csv: bad row for {code}: {row}")
        short, demonyms, capitals, seats, leader, prefixes = (
            [x.strip() for x in col.split(";") if x.strip()] for col in row[1:]
        )
        forms = short + [n for n in names.get(code, []) if n not in short]
        canonical = (short or names[code])[0]
        kb.actors[code] = Actor(code, canonical, "state", code, None, tuple(forms + demonyms), code)
        kb.leader_office[code] = leader[0] if leader else "president"
        for kind, label, values in (
            ("name", "GPE", forms),
            ("demonym", "NORP", demonyms),
            ("capital", "GPE", capitals),
            ("seat", "FAC", seats),
            ("prefix", "NORP", prefixes),
        ):
            kb.aliases.extend(Alias(v, code, kind, label) for v in values)


def _bodies(data: dict[str, Any], kb: KnowledgeBase) -> None:
    for b in data["bodies"]:
        code = b["code"]
        kb.actors[code] = Actor(code, b["name"], "body", code, "IGO", tuple(b["aliases"]), code)
        kb.aliases.extend(Alias(a, code, "body", "ORG") for a in b["aliases"])
        kb.bare.update(b.get("bare", []))


def _people(data: dict[str, Any], kb: KnowledgeBase) -> None:
    for p in data["people"]:
        pid = f"person:{slug(p['name'])}"
        offices = [
            Office(o[0], o[1], _date(o[2]) or dt.date.min, _date(o[3])) for o in p["offices"]
        ]
        latest = max(offices, key=lambda o: o.start) if offices else None
        sector = latest.sector if latest else None
        forms = [p["name"], *p.get("aliases", [])]
        kb.actors[pid] = Actor(pid, p["name"], "person", p.get("state"), sector, tuple(forms))
        kb.offices[pid] = offices
        for o in offices:
            kb._holders.setdefault((o.state, o.office), []).append((pid, o))
        kb.aliases.extend(Alias(a, pid, "person", "PERSON") for a in forms)
        if p.get("surname"):
            kb.surnames.setdefault(p["surname"].lower(), []).append(pid)
        if p.get("alone"):
            kb.alone.add(pid)
        if p.get("gender") == "f":
            kb.women.add(pid)


def _generic(kb: KnowledgeBase) -> None:
    for code, (name, sector) in GENERIC.items():
        kb.actors[code] = Actor(code, name, "generic", None, sector, (), code)


def _groups(data: dict[str, Any], kb: KnowledgeBase) -> None:
    for g in data["groups"]:
        gid = g["id"]
        code = g.get("code")
        if code is not None and code not in GENERIC:
            raise KnowledgeBaseError(f"groups.json: {gid} has an unknown code {code}")
        kb.actors[gid] = Actor(
            gid, g["name"], "group", g["state"] or code, g["sector"], tuple(g["aliases"]), code
        )
        if g.get("speaks_for"):
            kb.speaks_for.add(gid)
        kb.bare.update(g.get("bare", []))
        kb.aliases.extend(Alias(a, gid, "group", "ORG") for a in g["aliases"])


def _things(data: dict[str, Any], kb: KnowledgeBase) -> None:
    for t in data["things"]:
        tid = t["id"]
        kb.actors[tid] = Actor(tid, t["name"], "thing", t["state"], None, tuple(t["aliases"]))
        kb.labels[tid] = t["label"]
        kb.aliases.extend(Alias(a, tid, "thing", t["label"]) for a in t["aliases"])


@functools.lru_cache(maxsize=1)
def kb_version() -> str:
    """The knowledge base's version: a digest of its data files (and the region rules), part
    of the actors stage's version (:data:`detente.resolve.actors.STAGE`), so a changed data
    file marks the mentions, and everything read from them, stale."""
    data = "".join(_read(n) for n in DATA_FILES) + regions.VERSION
    return f"kb-{hashlib.sha256(data.encode()).hexdigest()[:12]}"


@functools.lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """Load (once per process) the knowledge base shipped in ``detente/resolve/data``."""
    texts = {name: _read(name) for name in DATA_FILES}
    kb = KnowledgeBase(actors={}, version=kb_version())
    try:
        _states(texts["states.csv"], kb)
        _generic(kb)
        _bodies(json.loads(texts["bodies.json"]), kb)
        _people(json.loads(texts["people.json"]), kb)
        _groups(json.loads(texts["groups.json"]), kb)
        _things(json.loads(texts["things.json"]), kb)
        kb.aliases.extend(regions.region_aliases({a.text.lower() for a in kb.aliases}))
    except (KeyError, ValueError, IndexError, TypeError) as exc:
        raise KnowledgeBaseError(f"knowledge base data malformed: {exc!r}") from exc
    return kb
