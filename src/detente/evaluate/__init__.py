"""The evaluation gate: score each extractor on public gold data, compare with committed floors.

Each module here exposes ``run(shared, limit=None) -> dict[metric, value]``.  ``eval/floors.json``
in the repository holds the floor of every gated metric; CI fails when a score drops below its
floor.  Floors are raised on purpose only (``detente eval --write-floors`` prints candidates, a
person commits them).
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.errors import EvalError

__all__ = ["SUITES", "Score", "check_floors", "load_floors", "run_suites"]

#: suite name -> (module, what it scores)
SUITES: dict[str, tuple[str, str]] = {
    "extraction": ("detente.evaluate.extraction", "HTML main text, ScrapingHub benchmark"),
    "metadata": ("detente.evaluate.metadata", "title / date / authors, NAEB"),
    "temporal": ("detente.evaluate.temporal", "date normalisation, TimeBank + AQUAINT"),
    "quotes": ("detente.evaluate.quotes", "quote content and speaker, PolNeAR"),
    "actors": ("detente.evaluate.actors", "actor codes, ConfliBERT + PLOVER"),
    "events": ("detente.evaluate.events", "event types, dyads, modality: CAMEO, PLOVER"),
}


@dataclass(frozen=True)
class Score:
    suite: str
    metric: str
    value: float
    floor: float | None

    @property
    def passed(self) -> bool:
        # a tiny epsilon: floors are written rounded to 3 decimals
        return self.floor is None or self.value + 1e-9 >= self.floor


def load_floors(path: Path | None) -> dict[str, float]:
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read floors {path}: {exc}") from exc
    return {k: float(v) for k, v in data.get("floors", data).items()}


def run_suites(
    shared: Path,
    suites: Iterable[str] | None = None,
    limit: int | None = None,
    floors: dict[str, float] | None = None,
) -> tuple[list[Score], dict[str, float]]:
    """Run the named suites (all by default); returns scores and seconds per suite."""
    if not (shared / "eval").is_dir():
        raise EvalError(f"no gold data under {shared / 'eval'}: set --shared")
    floors = floors or {}
    scores: list[Score] = []
    timings: dict[str, float] = {}
    for name in suites or SUITES:
        if name not in SUITES:
            raise EvalError(f"unknown suite {name!r}: one of {', '.join(SUITES)}")
        module = importlib.import_module(SUITES[name][0])
        t0 = time.perf_counter()
        result = module.run(shared, limit=limit)
        timings[name] = time.perf_counter() - t0
        for metric, value in sorted(result.items()):
            scores.append(Score(name, metric, float(value), floors.get(metric)))
    return scores, timings


def check_floors(scores: list[Score], floors: dict[str, float]) -> list[str]:
    """Failures: a score under its floor, or a floored metric that no suite reported."""
    failures = [
        f"{s.metric} = {s.value:.3f} < floor {s.floor:.3f}"
        for s in scores
        if not s.passed and s.floor is not None
    ]
    reported = {s.metric for s in scores}
    suites_run = {s.suite for s in scores}
    for metric in floors:
        suite = metric.split(".")[0]
        if metric not in reported and _suite_of(suite) in suites_run:
            failures.append(f"{metric}: floored but not reported")
    return failures


def _suite_of(prefix: str) -> str:
    aliases = {"html": "extraction", "meta": "metadata", "time": "temporal"}
    return aliases.get(prefix, prefix)
