"""Draw, show and check the real-news gold (events and figures) of `eval/news/`.

The articles stay in ``../shared/corpus/ir/news_ir.jsonl.gz``; the gold holds only article ids,
character offsets into each article's ``text`` and the annotators' codes.

    python scripts/gold_news.py draw             # the sample, its splits -> eval/news/sample.json
    python scripts/gold_news.py show ID          # the article, paragraph by paragraph, with offsets
    python scripts/gold_news.py find ID "words"  # offsets of an exact substring of the text
    python scripts/gold_news.py fill FILE.jsonl  # texts of a pass -> offsets (start/end, *_at)
    python scripts/gold_news.py check FILE.jsonl # validate one annotation pass

The sample is drawn with ``random.Random(SEED)`` from the article ids in file order, so anyone
can redraw it; its splits are by article (train / dev / test), and every fifth article of the
sample is annotated a second time, independently, for agreement.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

SEED = 20261202
N_ARTICLES = 90
SPLITS = (("train", 45), ("dev", 20), ("test", 25))
#: the later draws, each from the ids of no earlier draw (in file order), single pass:
#: (seed, size, split)
LATER_DRAWS = (
    (SEED + 1, 160, "train"),  # for training the learned parts only
    (SEED + 2, 20, "dev"),  # so that the dev figures rest on 40 articles
    (SEED + 3, 40, "train"),
    (SEED + 4, 40, "train"),
    (SEED + 5, 30, "test"),  # so that the held-out figures rest on 55 articles
    (SEED + 6, 20, "dev"),  # dev on 60 articles: its floors move less by chance
    (SEED + 7, 25, "test"),  # the held-out figures on 80 articles
)
ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "news"

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT",
}  # fmt: skip
MODALITIES = {"asserted", "negated", "hypothetical", "future"}
BASES = {"stated", "relative", "discourse", "reported", "none"}
SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "ELI", "OPP", "REB", "EDU", "JRN", "BUS", "NGO", "CVL",
    "COP", "SPY", "PTY", "REL", "MED", "IGO", "CRM", "PRM", "INS", "LAB", "REF",
}  # fmt: skip
NON_STATE = {"IGO", "NGO", "ISM", "IMG", "MNC"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: words an annotator copies from the article into a pass, and the offsets ``fill`` keeps of
#: them: the committed gold holds no text of the articles, only where it stands
TEXT_FIELDS = {"trigger": "trigger_at", "source_text": "source_at", "target_text": "target_at",
               "span": "span_at"}  # fmt: skip


def corpus_path() -> Path:
    return ROOT.parent / "shared" / "corpus" / "ir" / "news_ir.jsonl.gz"


def articles() -> dict[str, dict[str, Any]]:
    with gzip.open(corpus_path(), "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def draw() -> dict[str, Any]:
    ids = list(articles())
    picked = random.Random(SEED).sample(ids, N_ARTICLES)
    split: dict[str, str] = {}
    at = 0
    for name, size in SPLITS:
        for doc in picked[at : at + size]:
            split[doc] = name
        at += size
    rows = [{"id": d, "split": split[d], "double": i % 5 == 0} for i, d in enumerate(picked)]
    about = [
        f"Real-news gold sample: random.Random({SEED}).sample(ids in file order, {N_ARTICLES}); "
        "splits by article in sample order; every fifth article is annotated twice"
    ]
    taken = set(picked)
    for number, (seed, size, name) in enumerate(LATER_DRAWS, start=2):
        rest = [d for d in ids if d not in taken]
        drawn = random.Random(seed).sample(rest, size)
        taken.update(drawn)
        rows += [{"id": d, "split": name, "double": False, "draw": number} for d in drawn]
        about.append(
            f"draw {number}: random.Random({seed}).sample(the ids of no earlier draw in file "
            f"order, {size}), all {name}, single pass"
        )
    return {"about": "; then ".join(about) + ".", "seed": SEED, "articles": rows}


def show(doc: dict[str, Any]) -> None:
    print(f"# {doc['id']}  outlet={doc['outlet']!r}  date={doc['date']}  title={doc['title']!r}")
    text = doc["text"]
    for m in re.finditer(r"[^\n]+", text):
        print(f"[{m.start()}-{m.end()}] {m.group()}")


def find(doc: dict[str, Any], words: str) -> None:
    text = doc["text"]
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    if not hits:
        print("not found", file=sys.stderr)
        raise SystemExit(1)
    for at in hits:
        print(f"{at} {at + len(words)}")


def _actor_problems(ev: dict[str, Any], role: str) -> list[str]:
    code, sector = ev.get(role), ev.get(f"{role}_sector")
    out = []
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", code):
        out.append(f"{role} code {code!r}")
    if sector is not None and sector not in SECTORS:
        out.append(f"{role}_sector {sector!r}")
    return out


def event_problems(ev: dict[str, Any], text: str, published: str | None) -> list[str]:
    out = _actor_problems(ev, "source") + _actor_problems(ev, "target")
    if ev.get("source") == ev.get("target"):
        out.append("source equals target")
    if ev.get("type") not in PLOVER:
        out.append(f"type {ev.get('type')!r}")
    if ev.get("modality") not in MODALITIES:
        out.append(f"modality {ev.get('modality')!r}")
    if ev.get("date_basis") not in BASES:
        out.append(f"date_basis {ev.get('date_basis')!r}")
    date = ev.get("date")
    if date is not None and not DATE.match(str(date)):
        out.append(f"date {date!r}")
    if (date is None) != (ev.get("date_basis") == "none"):
        out.append("date null exactly when date_basis is none")
    if ev.get("date_basis") == "reported" and date != published:
        out.append("a reported date is the publication date")
    out += span_problems(ev, text)
    return out


def figure_problems(fig: dict[str, Any], text: str) -> list[str]:
    out = []
    if not isinstance(fig.get("value"), (int, float)):
        out.append(f"value {fig.get('value')!r}")
    if not fig.get("unit"):
        out.append("unit missing")
    if not fig.get("subject"):
        out.append("subject missing")
    year = fig.get("year")
    if year is not None and not (isinstance(year, int) and 1800 < year < 2100):
        out.append(f"year {year!r}")
    out += span_problems(fig, text)
    return out


def span_problems(rec: dict[str, Any], text: str) -> list[str]:
    out = []
    start, end = rec.get("start"), rec.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"sentence offsets {start!r}-{end!r}"]
    for field in ("sentence", *TEXT_FIELDS):
        if field in rec:
            out.append(f"{field!r} holds article text: run fill, which keeps offsets only")
    for field in TEXT_FIELDS.values():
        at = rec.get(field)
        if at is not None and not (
            isinstance(at, list) and len(at) == 2 and 0 <= at[0] < at[1] <= len(text)
        ):
            out.append(f"{field} {at!r}")
    return out


def check(path: Path) -> int:
    docs = articles()
    bad = 0
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        doc = docs.get(rec.get("doc", ""))
        if doc is None:
            print(f"line {n}: unknown doc {rec.get('doc')!r}")
            bad += 1
            continue
        if rec["doc"] in seen:
            print(f"line {n}: {rec['doc']} annotated twice in one pass")
            bad += 1
        seen.add(rec["doc"])
        for kind, problems in (("event", event_problems), ("figure", figure_problems)):
            for i, item in enumerate(rec.get(kind + "s", [])):
                args = (item, doc["text"], doc["date"]) if kind == "event" else (item, doc["text"])
                for p in problems(*args):  # type: ignore[operator]
                    print(f"line {n} {rec['doc']} {kind} {i}: {p}")
                    bad += 1
    print(f"{len(seen)} articles, {bad} problems")
    return 1 if bad else 0


def locate(words: str, text: str, start: int, end: int) -> list[int] | None:
    """Offsets of ``words``: first in the sentence, else the nearest before it, else after."""
    at = text.find(words, start, end)
    if at < 0:
        at = text.rfind(words, 0, start)
    if at < 0:
        at = text.find(words, end)
    return None if at < 0 else [at, at + len(words)]


def to_offsets(item: dict[str, Any], text: str) -> list[str]:
    """Replace the article text an annotator copied into ``item`` by its offsets, in place:
    ``sentence`` by ``start``/``end`` (``occurrence`` picks among repeats, 0 by default;
    offsets already set are kept), each of TEXT_FIELDS by ``[start, end]`` where the words
    stand in the text (else they are the annotator's description and stay, as ``*_note``).
    Returns problems."""
    problems = []
    if not (isinstance(item.get("start"), int) and isinstance(item.get("end"), int)):
        sentence = item.get("sentence") or ""
        hits = [m.start() for m in re.finditer(re.escape(sentence), text)] if sentence else []
        n = item.pop("occurrence", 0)
        if len(hits) <= n:
            return [f"sentence not found: {sentence!r}"]
        item["start"], item["end"] = hits[n], hits[n] + len(sentence)
    item.pop("sentence", None)
    for field, at_field in TEXT_FIELDS.items():
        words = item.pop(field, None)
        if words:
            item[at_field] = locate(words, text, item["start"], item["end"])
            if item[at_field] is None:  # the annotator's own description, e.g. "he (the envoy)"
                item[at_field.replace("_at", "_note")] = words
    return problems


def fill(path: Path) -> int:
    """Turn one annotation pass into committed gold: every text copied from the article
    becomes offsets into its ``text`` (see ``to_offsets``)."""
    docs = articles()
    lines = path.read_text(encoding="utf-8").splitlines()
    out, bad = [], 0
    for line in lines:
        if not line.strip():
            continue
        rec = json.loads(line)
        text = docs[rec["doc"]]["text"]
        for kind in ("events", "figures"):
            for item in rec.get(kind, []):
                for problem in to_offsets(item, text):
                    print(f"{rec['doc']} {kind}: {problem}")
                    bad += 1
        out.append(json.dumps(rec, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} articles, {bad} problems")
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("draw")
    sub.add_parser("show").add_argument("id")
    f = sub.add_parser("find")
    f.add_argument("id")
    f.add_argument("words")
    sub.add_parser("check").add_argument("file", type=Path)
    sub.add_parser("fill").add_argument("file", type=Path)
    args = ap.parse_args()
    if args.cmd == "draw":
        GOLD.mkdir(parents=True, exist_ok=True)
        (GOLD / "sample.json").write_text(json.dumps(draw(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {GOLD / 'sample.json'}")
    elif args.cmd in ("check", "fill"):
        raise SystemExit((check if args.cmd == "check" else fill)(args.file))
    else:
        doc = articles()[args.id]
        show(doc) if args.cmd == "show" else find(doc, args.words)


if __name__ == "__main__":
    main()
