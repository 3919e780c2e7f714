"""Candidate groups for the merge gold: articles of several outlets about one story.

    .venv/bin/python scripts/merge_groups.py --shared ../shared [--out /tmp/groups.json]

Reads ../shared/corpus/ir/news_ir.jsonl.gz (never copied) and groups its dated articles by
date and shared names: two articles are candidates when they were published at most
``--days`` apart by different outlets and share at least ``--names`` capitalised names
(multi-word names count once; sentence-initial words and a list of common capitalised words
do not count).  Groups are grown complete-link (every pair must qualify), largest first, and
every article of eval/news/sample.json (another gold set, with a held-out test split) is left
out.  Prints the groups as JSON (article ids, outlets, dates, titles, shared names): a person
then reads each group and keeps those about one story (eval/merge/gold.json).  Deterministic:
the same corpus gives the same groups.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")
_COMMON = frozenset(
    """The A An In On At For But And Or If As It He She They We I This That These Those
    Mr Mrs Ms Dr President Minister Secretary Senator Sen Rep Gov General Prime Foreign State
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December New United States American Americans
    Washington Trump Obama White House Congress Republicans Democrats Republican Democratic
    Twitter Facebook Associated Press Reuters CNN Fox News Times Post Street Journal""".split()
)


def names(text: str) -> set[str]:
    """Capitalised names not at a sentence start, without the commonest ones."""
    out = set()
    for m in _NAME.finditer(text):
        words = [w for w in m.group(1).split() if w not in _COMMON]
        if words and len(" ".join(words)) > 3:
            out.add(" ".join(words))
    return out


def load(shared: Path, exclude: set[str]) -> list[dict[str, Any]]:
    path = shared / "corpus/ir/news_ir.jsonl.gz"
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in exclude or not r.get("date") or not r.get("outlet"):
                continue
            r["day"] = dt.date.fromisoformat(r["date"][:10])
            r["names"] = names(r["text"][:4000])
            rows.append(r)
    return rows


def candidates(rows: list[dict[str, Any]], days: int, min_names: int) -> list[list[int]]:
    """Complete-link groups of articles: every pair close in time, other outlets, shared names."""
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_day[r["day"]].append(i)
    ok: dict[int, set[int]] = defaultdict(set)
    for i, r in enumerate(rows):
        for d in range(-days, days + 1):
            for j in by_day.get(r["day"] + dt.timedelta(days=d), []):
                other = rows[j]
                if (
                    j > i
                    and other["outlet"] != r["outlet"]
                    and len(r["names"] & other["names"]) >= min_names
                ):
                    ok[i].add(j)
                    ok[j].add(i)
    used: set[int] = set()
    groups = []
    for i in sorted(ok, key=lambda i: (-len(ok[i]), rows[i]["id"])):
        if i in used:
            continue
        group = [i]
        for j in sorted(ok[i] - used, key=lambda j: -len(rows[i]["names"] & rows[j]["names"])):
            outlets = {rows[k]["outlet"] for k in group}
            if rows[j]["outlet"] not in outlets and all(j in ok[k] for k in group):
                group.append(j)
            if len(group) == 4:
                break
        if len(group) > 1:
            groups.append(group)
            used.update(group)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--names", type=int, default=4)
    parser.add_argument("--out")
    args = parser.parse_args()
    sample = json.loads((ROOT / "eval/news/sample.json").read_text(encoding="utf-8"))
    exclude = {a["id"] for a in sample["articles"]}
    rows = load(Path(args.shared), exclude)
    out = []
    for group in candidates(rows, args.days, args.names):
        shared_names = set.intersection(*(rows[i]["names"] for i in group))
        out.append(
            {
                "articles": [
                    {k: rows[i][k] for k in ("id", "outlet", "date", "title")} for i in group
                ],
                "shared_names": sorted(shared_names)[:12],
            }
        )
    text = json.dumps(out, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
