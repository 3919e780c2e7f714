"""End to end on the reference corpus: what the five seed articles state, and nothing more.

The seeds are read from ../shared (never copied).  These are acceptance checks of the whole
pipeline on real text; the rules that produce them are general and tested on fixtures elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _docs(seed_db: Any) -> dict[str, dict[str, Any]]:
    return {Path(d["source"]).name[:3]: d for d in seed_db.records("document")}


def test_five_documents_with_what_the_text_states(seed_db: Any) -> None:
    docs = _docs(seed_db)
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    got = {k: (d["outlet"], d["published"], d["author"]) for k, d in docs.items()}
    assert got == {
        "000": ("MEMRI", "2020-11-02", None),  # masthead word
        "001": (None, "2023-04-17", None),  # "Published: Apr 17, 2023 09:43 PM"; no outlet stated
        "002": ("FinanceTwitter", "2020-10-25", None),  # sign-off; "Oct 25 2020"
        "003": ("RT", None, None),  # "Also on rt.com"; the text gives no date
        "004": (None, "2024-05-17", "Tzou Wen-feng"),  # byline in parentheses
    }
    assert docs["001"]["title"].startswith("China-Russia military ties to enhance")
    assert (
        docs["004"]["title"]
        == "Putin’s visit to China and the development of China-Russia relations"
    )
    for d in docs.values():
        assert d["title"], d["source"]
        assert (d["published"] is None) == (d["published_evidence"] is None)


def test_every_record_points_at_its_sentence(seed_db: Any, seeds_dir: Path) -> None:
    texts = {
        Path(d["source"]).name: (seeds_dir / Path(d["source"]).name).read_text()
        for d in seed_db.records("document")
    }
    by_id = {d["id"]: Path(d["source"]).name for d in seed_db.records("document")}
    n = 0
    for kind in ("event", "quote", "figure"):
        for row in seed_db.records(kind):
            text = texts[by_id[row["doc"]]]
            assert 0 <= row["start"] < row["end"] <= len(text)
            if kind == "event":
                # the event's span lies inside its sentence, and the sentence is in the file
                assert text[row["start"] : row["end"]] in row["sentence"]
                assert row["sentence"] in text
            n += 1
    assert n > 0


def test_export_is_one_json_object_a_line(seed_db: Any) -> None:
    import io

    out = io.StringIO()
    seed_db.export(out, "jsonl")
    lines = out.getvalue().splitlines()
    types = {json.loads(line)["type"] for line in lines}
    assert types == {"document", "event", "quote", "figure"}
