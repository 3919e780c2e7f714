"""Quote extraction scored on PolNeAR (political news attribution relations).

Each gold attribution has a content span and usually a source span.  A predicted quote is
matched to the gold content it overlaps most (token overlap F1 over lower-cased word tokens).

* ``quotes.content_f1``: soft F1 -- the mean best overlap-F1 of predictions (precision side)
  and of gold contents (recall side), combined;
* ``quotes.exact_f1``: F1 of predictions whose tokens equal a gold content's tokens;
* ``quotes.precision`` / ``quotes.recall``: shares of predictions / gold contents matched at
  overlap F1 >= 0.5;
* ``quotes.speech_recall``: the recall over the gold attributions whose cue is a speech word
  (:data:`SPEECH_CUES`: "said", "told", "according to", "statement"): PolNeAR also marks
  hopes, fears and plans, which the extractor leaves out on purpose, so this is the recall
  of what it means to find;
* ``quotes.speaker_accuracy``: of matched predictions whose gold has a source, the share whose
  speaker text shares its head word (last token) with the gold source.  A pronoun source
  ("he") is scored as written: PolNeAR marks the source span, not its referent.

One annotation file per article (the first by name: some articles were annotated twice).
Scored on the 84 articles of ``dev`` only: ``train`` is what a learned component may be fitted
on, and a score on it would say nothing of articles the extractor has not seen.

The shipped extractor quotes speech only (:mod:`detente.extract.quotes.speech`): PolNeAR also
annotates beliefs, hopes and intentions ("hopes that", "wants to"), which it leaves out, at a
cost of about three points of recall here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from detente.errors import EvalError
from detente.extract.quotes.cues import CUE_LEMMAS, CUE_NOUNS, DIRECT_LEMMAS

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load", "run"]

CORPUS = Path("eval/quotes/polnear/data")
_WORD = re.compile(r"\w+")
_DEFAULT_LIMIT = 1000


#: cue lemmas of uttered words: the extractor's cues less those of belief, feeling and
#: inference ("believe", "hope", "expect", "find"), and the nouns of what was said
SPEECH_CUES = (
    (CUE_LEMMAS | DIRECT_LEMMAS | CUE_NOUNS | {"accord", "according", "call", "quote"})
    - {"believe", "think", "hope", "expect", "indicate", "signal", "notice", "observe", "agree"}
    - {"fear", "concern", "belief", "conviction", "expectation", "notion", "view", "hope"}
)


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None = None


def _spans(field: str) -> tuple[int, int]:
    parts = [tuple(int(x) for x in p.split()) for p in field.split(";")]
    return parts[0][0], parts[-1][1]


def _read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    out: list[GoldAttribution] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offs = cols[1].partition(" ")
            spans[cols[0]] = (label, _spans(offs))
    for line in lines:
        if not line.startswith("E"):
            continue
        roles = dict(r.split(":", 1) for r in line.split("\t")[1].split() if ":" in r)
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        out.append(
            GoldAttribution(content[1], source[1] if source else None, cue[1] if cue else None)
        )
    return out


def load(
    shared: Path, splits: tuple[str, ...] = ("dev",), limit: int | None = None
) -> list[tuple[str, list[GoldAttribution]]]:
    """Articles with their gold attributions, in split order, up to ``limit`` in all."""
    want = limit or _DEFAULT_LIMIT
    out: list[tuple[str, list[GoldAttribution]]] = []
    for split in splits:
        root = shared / CORPUS / split
        texts = sorted((root / "text").glob("*.txt"))
        if not texts:
            raise EvalError(f"no PolNeAR texts under {root}")
        anns = sorted((root / "attributions").glob("*.ann"))
        for t in texts:
            if len(out) >= want:
                return out
            match = next((a for a in anns if a.name.startswith(t.stem + "_")), None)
            if match is not None:
                out.append((t.read_text(encoding="utf-8"), _read_ann(match)))
    return out


def _tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = 0
    pool = list(b)
    for w in a:
        if w in pool:
            pool.remove(w)
            common += 1
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _speech_cues(nlp: Language, text: str, gold: list[GoldAttribution]) -> list[bool]:
    """Per gold attribution, whether its cue holds a speech word (lemmatised in context:
    the cue's sentence is not re-parsed, the cue alone is; a cue word out of context takes
    its dictionary lemma, which is what the lists hold)."""
    cues = [text[g.cue[0] : g.cue[1]] if g.cue else "" for g in gold]
    out = []
    for doc in nlp.pipe(cues):
        out.append(any(t.lemma_.lower() in SPEECH_CUES or t.lower_ in SPEECH_CUES for t in doc))
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from detente.annotate import annotate_many, load_nlp
    from detente.model import RawDocument
    from detente.pipeline import Pipeline, prepare

    docs = load(shared, limit=limit)
    pipeline = Pipeline()
    nlp = load_nlp()
    n_pred = n_gold = 0
    p_soft = r_soft = 0.0
    exact = matched = spk_total = spk_ok = 0
    gold_hit = speech_gold = speech_hit = 0
    prepared = [prepare(RawDocument(f"polnear-{i}", text)) for i, (text, _) in enumerate(docs)]
    for ann, (text, gold) in zip(annotate_many(prepared, nlp), docs):
        quotes = pipeline.run_annotated(ann).records("quotes")
        gtoks = [_tokens(text[s:e]) for s, e in (g.content for g in gold)]
        n_pred += len(quotes)
        n_gold += len(gold)
        best_for_gold = [0.0] * len(gold)
        for q in quotes:
            qt = _tokens(text[q.start : q.end])
            scores = [_f1(qt, g) for g in gtoks]
            if not scores:
                continue
            k = max(range(len(scores)), key=scores.__getitem__)
            p_soft += scores[k]
            exact += qt == gtoks[k]
            for j, sc in enumerate(scores):
                best_for_gold[j] = max(best_for_gold[j], sc)
            if scores[k] >= 0.5:
                matched += 1
                src = gold[k].source
                if src is not None:
                    spk_total += 1
                    gold_src = _tokens(text[src[0] : src[1]])
                    mine = _tokens(q.speaker_text or "")
                    spk_ok += bool(mine and gold_src and mine[-1] == gold_src[-1])
        r_soft += sum(best_for_gold)
        gold_hit += sum(b >= 0.5 for b in best_for_gold)
        speech = _speech_cues(nlp, text, gold)
        speech_gold += sum(speech)
        speech_hit += sum(b >= 0.5 for b, sp in zip(best_for_gold, speech) if sp)
    prec, rec = p_soft / max(1, n_pred), r_soft / max(1, n_gold)
    ep, er = exact / max(1, n_pred), exact / max(1, n_gold)
    return {
        "quotes.content_f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "quotes.exact_f1": 2 * ep * er / (ep + er) if ep + er else 0.0,
        "quotes.precision": matched / max(1, n_pred),
        "quotes.recall": gold_hit / max(1, n_gold),
        "quotes.speech_recall": speech_hit / max(1, speech_gold),
        "quotes.speaker_accuracy": spk_ok / max(1, spk_total),
    }
