"""The evaluation gate: score each extractor on public gold data, compare with committed floors.

Each module here exposes ``run(shared, limit=None) -> dict[metric, value]``.  ``eval/floors.json``
in the repository holds the floor of every gated metric; CI fails when a score drops below its
floor.  Floors are raised on purpose only (``detente eval --write-floors`` prints candidates, a
person commits them).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from detente.errors import EvalError

__all__ = [
    "CORPORA",
    "SUITES",
    "Score",
    "check_corpora",
    "check_floors",
    "corpus_digest",
    "load_corpora",
    "load_floors",
    "run_suites",
]

#: suite name -> (module, what it scores)
SUITES: dict[str, tuple[str, str]] = {
    "extraction": ("detente.evaluate.extraction", "HTML main text, ScrapingHub benchmark"),
    "metadata": ("detente.evaluate.metadata", "title / date / authors, NAEB"),
    "temporal": ("detente.evaluate.temporal", "time expressions: TIMEX3 detection, type, value"),
    "quotes": ("detente.evaluate.quotes", "quote content and speaker, PolNeAR"),
    "actors": ("detente.evaluate.actors", "actor codes, ConfliBERT + PLOVER"),
    "events": ("detente.evaluate.events", "event types, dyads, modality: CAMEO, PLOVER"),
    "events-news": ("detente.evaluate.events_news", "events on our real-news gold, FPs counted"),
    "merge": ("detente.evaluate.merge", "cross-document events, MEANTIME; claim pairs, ClaimDiff"),
    "figures-news": ("detente.evaluate.figures_news", "figures in real news, detente's own gold"),
}


#: suite -> the gold data it reads, relative to the shared folder.  Their digests are committed
#: beside the floors, so a floor is never silently checked against other data.
CORPORA: dict[str, tuple[str, ...]] = {
    "extraction": ("eval/extraction/scrapinghub-article-extraction-benchmark",),
    "metadata": ("eval/metadata/naeb-newspaper-article-extraction-benchmark",),
    "temporal": ("eval/temporal/tempeval3-training/TBAQ-cleaned",),
    "quotes": ("eval/quotes/polnear/data",),
    "actors": (
        "eval/events/dev/plover_gsr_dev.jsonl",
        "eval/events/train/conflibert_cameo/cameo_ner_test.txt",
    ),
    "events": (
        "eval/events/train/conflibert_cameo/cameo_class_test.tsv",
        "eval/events/dev/plover_gsr_dev.jsonl",
        "eval/events/train/petrarch2_unittest",
    ),
    # the articles; their annotations are in the repository (eval/news/)
    "events-news": ("corpus/ir/news_ir.jsonl.gz",),
    "merge": (
        "eval/coref/meantime-english/intra_cross-doc_annotation",
        "eval/claims/claimdiff/ClaimDiff-S/ClaimDiff-strength-train.json",
        "eval/claims/claimdiff/ClaimDiff-W/ClaimDiff-weak-train.json",
        "corpus/ir/news_ir.jsonl.gz",
    ),
    "figures-news": ("corpus/ir/news_ir.jsonl.gz",),
}


def corpus_digest(shared: Path, suite: str) -> str:
    """SHA-256 over the names and bytes of every file a suite reads, in name order."""
    digest = hashlib.sha256()
    for rel in CORPORA[suite]:
        root = shared / rel
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if not path.exists():
                raise EvalError(f"gold data missing: {path}")
            digest.update(path.relative_to(shared).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def load_corpora(path: Path | None) -> dict[str, str]:
    """The committed digest of each suite's gold data (the floors file's ``corpora``)."""
    if path is None or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read floors {path}: {exc}") from exc
    return {k: str(v) for k, v in data.get("corpora", {}).items()}


def check_corpora(shared: Path, suites: Iterable[str], expected: dict[str, str]) -> list[str]:
    """Failures: a suite whose gold data is not the data its floors were measured on."""
    failures = []
    for suite in suites:
        if suite in expected and corpus_digest(shared, suite) != expected[suite]:
            failures.append(f"{suite}: gold data differs from the data the floors were set on")
    return failures


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
    aliases["events_news"] = "events-news"
    aliases["figures_news"] = "figures-news"
    return aliases.get(prefix, prefix)
