"""Score the actors stage on public gold: actor codes of the PLOVER records, and source/target
spans of the ConfliBERT CAMEO tagging set.

* PLOVER dev records (``events/dev/plover_gsr_dev.jsonl``) give, for each actor and recipient,
  its text and a code: an ISO alpha-3 state (CAMEO's few non-ISO spellings mapped) or ``IGO``
  for an international body.  Each sentence goes through the real annotate + actors stages
  (no publication date: the records are undated); a gold actor is *answered* when a mention
  overlapping its text carries a state, and *right* when that state is the gold code (for
  ``IGO``: when the state is a body's code).  Gold codes we never produce (NGO, IMG, religions) are
  left out.  ``actors.coverage`` = answered / gold, ``actors.precision`` = right / answered,
  ``actors.state_accuracy`` = right / gold.
* ConfliBERT's test split (``cameo_ner_test.txt``) marks source and target spans without codes:
  ``actors.span_coverage`` is the share of those spans overlapped by a resolved mention.

Nothing here was used to write the rules; both sets are held out.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from detente.errors import EvalError
from detente.model import Document, Metadata, Paragraph

if TYPE_CHECKING:
    from detente.resolve.kb import KnowledgeBase

__all__ = ["run"]

#: CAMEO spellings that are not ISO 3166 alpha-3
_CAMEO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "SER": "SRB"}


def _doc(text: str, i: int) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        f"gold{i:05d}", f"gold:{i}", text, digest, "text", (Paragraph(0, len(text)),), Metadata()
    )


def _gold_code(code: str | None, states: set[str]) -> str | None:
    if not code:
        return None
    code = _CAMEO.get(code, code)
    return code if code == "IGO" or code in states else None


def _plover(shared: Path, limit: int | None) -> list[tuple[str, list[tuple[str, str]]]]:
    path = shared / "eval" / "events" / "dev" / "plover_gsr_dev.jsonl"
    if not path.exists():
        raise EvalError(f"no PLOVER gold at {path}")
    from detente.resolve.kb import load_kb

    states = {a.id for a in load_kb().actors.values() if a.kind == "state"}
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        gold = []
        for key in ("actor", "recipient"):
            items = rec.get(key) or []
            for item in items if isinstance(items, list) else [items]:
                if isinstance(item, dict) and item.get("actorText"):
                    code = _gold_code(item.get("code"), states)
                    if code and item["actorText"] in rec["text"]:
                        gold.append((item["actorText"], code))
        if gold:
            out.append((rec["text"], gold))
    return out[:limit] if limit else out


def _conflibert(shared: Path, limit: int | None) -> list[tuple[str, list[tuple[int, int]]]]:
    path = shared / "eval" / "events" / "train" / "conflibert_cameo" / "cameo_ner_test.txt"
    if not path.exists():
        return []
    out: list[tuple[str, list[tuple[int, int]]]] = []
    for block in path.read_text("utf-8").split("\n\n"):
        words, spans, pos, cur = [], [], 0, None
        for line in block.splitlines():
            parts = line.rsplit(" ", 1)
            if len(parts) != 2:
                continue
            word, tag = parts
            start = pos
            words.append(word)
            pos += len(word) + 1
            if tag.startswith("B-") and tag[2:] in ("S", "T"):
                cur = [start, start + len(word)]
                spans.append(cur)
            elif tag.startswith("I-") and cur is not None:
                cur[1] = start + len(word)
            else:
                cur = None
        if words and spans:
            out.append((" ".join(words), [(s, e) for s, e in spans]))
    return out[:limit] if limit else out


def _is_body(kb: KnowledgeBase, code: str | None) -> bool:
    """``IGO`` gold: right when the mention speaks for an international body (the body itself
    or one of its officials, "the UN Secretary-General" by name)."""
    actor = kb.actors.get(code) if code else None
    return actor is not None and actor.kind == "body"


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from detente.annotate import annotate_many
    from detente.resolve.actors import resolve_mentions
    from detente.resolve.kb import load_kb

    kb = load_kb()
    plover = _plover(shared, limit)
    docs = [_doc(text, i) for i, (text, _) in enumerate(plover)]
    gold_n = answered = right = 0
    for ann, (text, gold) in zip(annotate_many(docs), plover):
        mentions = resolve_mentions(ann)
        for actor_text, code in gold:
            start = text.find(actor_text)
            end = start + len(actor_text)
            over = [m for m in mentions if m.start < end and start < m.end and m.state]
            gold_n += 1
            if not over:
                continue
            answered += 1
            best = max(over, key=lambda m: min(m.end, end) - max(m.start, start))
            right += _is_body(kb, best.state) if code == "IGO" else (best.state == code)
    if not gold_n:
        raise EvalError("no scorable PLOVER actors")
    scores = {
        "actors.coverage": answered / gold_n,
        "actors.precision": right / answered if answered else 0.0,
        "actors.state_accuracy": right / gold_n,
    }
    confli = _conflibert(shared, limit)
    if confli:
        cdocs = [_doc(text, i) for i, (text, _) in enumerate(confli)]
        n = hit = 0
        for ann, (_, spans) in zip(annotate_many(cdocs), confli):
            mentions = [m for m in resolve_mentions(ann) if m.state or m.actor]
            for s, e in spans:
                n += 1
                hit += any(m.start < e and s < m.end for m in mentions)
        scores["actors.span_coverage"] = hit / n if n else 0.0
    return scores
