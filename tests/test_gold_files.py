"""The committed gold holds annotations, never the articles' text: records point into the
corpus in ``../shared`` by article id and character offsets (see docs/annotation/events.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gold_news  # noqa: E402

TEXT_KEYS = {"sentence", *gold_news.TEXT_FIELDS}


def _records(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out += rec.get("events", []) + rec.get("figures", [])
    return out


@pytest.mark.parametrize("name", ["gold.jsonl", "second.jsonl"])
def test_news_gold_keeps_offsets_not_text(name: str) -> None:
    records = _records(ROOT / "eval" / "news" / name)
    assert records
    assert not [r for r in records if TEXT_KEYS & set(r)]
    assert all(isinstance(r["start"], int) and r["start"] < r["end"] for r in records)


def test_fill_turns_copied_words_into_offsets() -> None:
    text = "Talks ended. The envoy said Ruritania would lift the duties on grain from Osterlich."
    item = {
        "sentence": "The envoy said Ruritania would lift the duties on grain from Osterlich.",
        "trigger": "lift the duties",
        "source_text": "Ruritania",
        "target_text": "it (Osterlich's exporters)",
    }
    assert gold_news.to_offsets(item, text) == []
    assert (item["start"], item["end"]) == (13, len(text))
    assert text[slice(*item["trigger_at"])] == "lift the duties"
    assert text[slice(*item["source_at"])] == "Ruritania"
    assert item["target_at"] is None and item["target_note"] == "it (Osterlich's exporters)"
    assert not TEXT_KEYS & set(item)
    assert gold_news.span_problems(item, text) == []
    assert gold_news.span_problems({**item, "sentence": "x"}, text)
