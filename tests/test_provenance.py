"""Third-party text stays in ``../shared``: the repository's own words never run along a source
text for long.

Every text file we write (code, comments, docstrings, tests, scripts, docs, the README, the
evaluation files other than the offset-only gold) is cut into normalised word runs of
``RUN`` words; each run is looked up in a hashed set of the same runs taken from the seed
articles, the PLOVER and CAMEO example records, the PolNeAR and TempEval texts and the articles
of our real-news gold.  A hit means a sentence was copied (or quoted in a comment) instead of
described in our own words.

Nine words: long enough that ordinary phrasing ("the United States and China" plus a verb)
does not collide by chance, short enough to catch a quoted clause.  The few hits that are an
institution's official name or a stock phrase of the trade are listed in ``ALLOWED`` with a
reason; everything else fails with the file, the line and the words.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

RUN = 9  # words in a row that count as copied (see the module docstring)
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")

#: normalised word runs allowed to match a source, each with why it is ours to write
ALLOWED: dict[str, str] = {
    "political language ontology for verifiable event records": (
        "the official title of the PLOVER ontology, cited by name"
    ),
    "media playback is unsupported on your device": (
        "a news site's player notice: page furniture the boilerplate filter is tested on"
    ),
    "as an interest to stay up to date on the news": (
        "a news site's follow-this-topic prompt: page furniture the boilerplate filter is tested on"
    ),
}

#: what the scan reads in the repository (relative to the checkout)
_TREES = ("src", "tests", "scripts", "docs", "bench", "eval")
#: offset-only gold files: annotations point into the corpus by id and offsets; their short
#: subject and speaker strings are our annotators' labels, checked by test_gold_files.py
_GOLD = frozenset({"eval/news/gold.jsonl", "eval/news/second.jsonl", "eval/merge/gold.json"})
_TEXT_SUFFIXES = frozenset(
    {".py", ".md", ".txt", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".json", ".jsonl",
     ".html", ".j2", ".js", ".css", ".sql", ".sh", ".rst", ".tsv", ".csv"}
)  # fmt: skip


def words(text: str) -> list[str]:
    """Lower-cased word tokens; curly quotes and markup do not hide a copy."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text.lower())


def _key(run: Iterable[str]) -> bytes:
    # 8 bytes of BLAKE2: ~10^7 runs in the sources, so a chance collision is ~10^-12
    return hashlib.blake2b(" ".join(run).encode(), digest_size=8).digest()


def shingles(tokens: list[str]) -> Iterator[tuple[int, bytes]]:
    for i in range(len(tokens) - RUN + 1):
        yield i, _key(tokens[i : i + RUN])


_ALLOWED_WORDS = [tuple(words(name)) for name in ALLOWED]


def _gold_article_ids() -> set[str]:
    sample = json.loads((ROOT / "eval" / "news" / "sample.json").read_text(encoding="utf-8"))
    return {a["id"] for a in sample["articles"]}


def source_texts(shared: Path) -> Iterator[str]:
    """The third-party texts whose sentences must not appear in the repository."""
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    for rel in ("dev/plover_gsr_dev.jsonl", "train/cameo_manual_examples.jsonl"):
        path = shared / "eval" / "events" / rel
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line).get("text") or ""
    for path in sorted((shared / "eval" / "quotes" / "polnear" / "data").glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((shared / "eval" / "temporal").rglob("*.tml")):
        yield html.unescape(_TAG.sub(" ", path.read_text(encoding="utf-8", errors="replace")))
    news = shared / "corpus" / "ir" / "news_ir.jsonl.gz"
    if news.exists():
        want = _gold_article_ids()
        with gzip.open(news, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in want:
                    yield (rec.get("title") or "") + "\n" + (rec.get("text") or "")


def repo_files(root: Path) -> Iterator[Path]:
    tops = [root / t for t in _TREES] + sorted(root.glob("README*"))
    for top in tops:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            rel = path.relative_to(root).as_posix()
            if rel in _GOLD or "__pycache__" in path.parts:
                continue
            if rel.startswith("src/") and path.suffix == ".json":
                continue  # model weights and lexicon data, not prose
            if path.suffix in _TEXT_SUFFIXES or path.name.startswith("README"):
                yield path


@pytest.fixture(scope="session")
def source_shingles() -> set[bytes]:
    if not (SHARED / "corpus" / "seeds").exists():
        pytest.skip(f"{SHARED} not present")
    seen: set[bytes] = set()
    for text in source_texts(SHARED):
        seen.update(key for _, key in shingles(words(text)))
    return seen


def _line_of(text: str, tokens_before: int) -> int:
    count = 0
    for n, line in enumerate(text.splitlines(), 1):
        count += len(words(line))
        if count > tokens_before:
            return n
    return 0


def _mask_allowed(tokens: list[str]) -> list[str]:
    """Allowed names blanked out, so no run counts their words (wherever they are quoted)."""
    out = list(tokens)
    for name in _ALLOWED_WORDS:
        n = len(name)
        for i in range(len(tokens) - n + 1):
            if tokens[i] == name[0] and tuple(tokens[i : i + n]) == name:
                out[i : i + n] = [""] * n
    return out


def copied_runs(text: str, known: set[bytes]) -> list[tuple[int, str]]:
    """(line, words) of each maximal run of ``RUN``+ words shared with a source text."""
    tokens = _mask_allowed(words(text))
    hits = [i for i, key in shingles(tokens) if key in known]
    out: list[tuple[int, str]] = []
    start = prev = -2
    for i in [*hits, -2]:
        if i != prev + 1:
            if start >= 0:
                out.append((_line_of(text, start), " ".join(tokens[start : prev + RUN])))
            start = i
        prev = i
    return out


def test_repository_text_copies_no_source_sentence(source_shingles: set[bytes]) -> None:
    found = []
    for path in repo_files(ROOT):
        text = path.read_text(encoding="utf-8", errors="replace")
        for line, phrase in copied_runs(text, source_shingles):
            found.append(f"{path.relative_to(ROOT)}:{line}: {phrase[:160]}")
    assert not found, "text copied from a source:\n" + "\n".join(found)


def test_scan_finds_a_copied_sentence() -> None:
    made_up = {key for _, key in shingles(words(_SOURCE))}
    ours = "# as the wire put it, The Ruritanian envoy said on Monday that talks over the grain"
    ours += " duties would resume\nx = 1\n"
    hits = copied_runs(ours, made_up)
    assert [line for line, _ in hits] == [1]
    assert hits[0][1].endswith("grain duties would resume")
    assert hits[0][1].startswith("the ruritanian envoy said on monday")
    assert copied_runs("The Ruritanian envoy spoke on Monday about grain.", made_up) == []


def test_allowed_names_are_not_reported() -> None:
    name = next(iter(ALLOWED))
    known = {key for _, key in shingles(words(f"Read the {name} manual."))}
    assert copied_runs(f"see the {name}", known) == []


_SOURCE = (
    "The Ruritanian envoy said on Monday that talks over the grain duties would resume in "
    "Osterlich next month, after a pause of two years."
)
