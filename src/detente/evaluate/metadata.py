"""Metadata from HTML pages on the NAEB news-article benchmark: title, date, authors.

* ``metadata.title_accuracy``: normalised title equal to the gold title, of pages with one;
* ``metadata.date_accuracy``: publication day equal to the gold day, of pages with a gold date;
* ``metadata.date_precision``: of the dates we *gave*, how many are right (a wrong date is worse
  than none, so this one is gated too);
* ``metadata.author_f1``: F1 of author surnames, over pages with gold authors.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from detente.clean.metadata import parse_given_date
from detente.errors import DetenteError, EvalError
from detente.ingest.html import extract_html

__all__ = ["run"]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _surnames(authors: str) -> set[str]:
    names = re.split(r",|;|\band\b|&", authors)
    return {n.split()[-1].lower() for n in (x.strip() for x in names) if n and n.split()}


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    root = shared / "eval" / "metadata" / "naeb-newspaper-article-extraction-benchmark"
    if not (root / "news_articles.json").exists():
        raise EvalError(f"missing {root / 'news_articles.json'}")
    records = json.loads((root / "news_articles.json").read_text())
    titles = dates_gold = dates_given = dates_right = 0
    title_right = 0
    author_f1: list[float] = []
    seen = 0
    for record in records:
        path = root / "html" / f"{record['html_file']}.html.gz"
        if not path.exists():
            continue
        if limit is not None and seen >= limit:
            break
        seen += 1
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        try:
            _, given = extract_html(html, record.get("link") or str(path))
        except DetenteError:
            given = None
        if record.get("title"):
            titles += 1
            title_right += bool(
                given and given.title and _norm(given.title) == _norm(record["title"])
            )
        gold_date = (record.get("date") or "")[:10]
        got = parse_given_date(given.published) if given and given.published else None
        if gold_date:
            dates_gold += 1
            dates_right += bool(got and got.isoformat() == gold_date)
        if got is not None and gold_date:
            dates_given += 1
        if record.get("authors"):
            gold_a = _surnames(record["authors"])
            got_a = _surnames(given.author) if given and given.author else set()
            common = len(gold_a & got_a)
            p = common / len(got_a) if got_a else 0.0
            r = common / len(gold_a) if gold_a else 0.0
            author_f1.append(2 * p * r / (p + r) if common else 0.0)
    return {
        "metadata.title_accuracy": title_right / max(titles, 1),
        "metadata.date_accuracy": dates_right / max(dates_gold, 1),
        "metadata.date_precision": dates_right / max(dates_given, 1),
        "metadata.author_f1": sum(author_f1) / max(len(author_f1), 1),
    }
