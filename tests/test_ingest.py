"""Ingest: formats, stdin, bad files with named errors, de-duplication, the batch going on."""

from __future__ import annotations

import gc
import gzip
import io
import json
from pathlib import Path

import pytest

from detente.errors import BinaryContent, EmptyDocument, EncodingError
from detente.ingest.files import Rejected, decode, read_inputs, read_stream
from detente.ingest.language import check_english
from detente.model import Given, RawDocument

ARTICLE = (
    "Leaders meet in the capital\n\n"
    "The foreign ministers of Ruritania and Freedonia met in the capital on Tuesday and agreed "
    "to expand trade between the two countries, officials said.\n\n"
    "The talks were the first of their kind since the border dispute of the previous year, and "
    "both sides said they would meet again in the spring to review the progress of the deal.\n"
)


def test_bad_files_get_named_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(ARTICLE)
    (tmp_path / "b_empty.txt").write_text("   \n\n")
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "d_latin1.txt").write_bytes("Caf\xe9 au lait in the capital".encode("latin-1"))
    (tmp_path / "e_image.png").write_bytes(b"\x89PNG")
    (tmp_path / "f_good.txt").write_text(ARTICLE.replace("Tuesday", "Friday"))
    items = list(read_inputs([str(tmp_path)]))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert reasons == {
        "b_empty.txt": "empty",
        "c_binary.txt": "binary",
        "d_latin1.txt": "not-utf8",
        "e_image.png": "unsupported-format",
    }
    good = [i for i in items if isinstance(i, RawDocument)]
    assert [Path(g.source).name for g in good] == ["a_good.txt", "f_good.txt"]


def test_missing_file_and_empty_glob_are_reported(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["unreadable", "unreadable"]


def test_decode_errors_are_named() -> None:
    with pytest.raises(BinaryContent):
        decode(b"abc\x00def", "x")
    with pytest.raises(EncodingError):
        decode(b"abc \xff\xfe def", "x")
    with pytest.raises(EmptyDocument):
        decode(b" \n ", "x")
    assert decode("\ufeffhello".encode(), "x") == "hello"


def test_jsonl_records_bad_lines_and_given_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "url": "http://example.org/a",
                "outlet": "Example",
                "published": "2021-03-04",
                "title": "T",
                "text": ARTICLE,
            }
        ),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": ARTICLE, "date": "2020-01-02"}),
    ]
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = list(read_inputs([str(path)], Given(outlet="User Outlet")))
    assert [i.reason if isinstance(i, Rejected) else "ok" for i in items] == [
        "ok",
        "bad-record",
        "bad-record",
        "empty",
        "ok",
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, RawDocument) and isinstance(last, RawDocument)
    assert first.source == "http://example.org/a"
    assert first.given.outlet == "User Outlet"  # the command line wins
    assert first.given.published == "2021-03-04"
    assert last.source.endswith("batch.jsonl.gz:5") and last.given.published == "2020-01-02"


def test_stdin_sniffs_jsonl_and_text() -> None:
    data = json.dumps({"text": ARTICLE}).encode() + b"\n"
    items = list(read_stream(io.BytesIO(data)))
    assert isinstance(items[0], RawDocument) and items[0].format == "jsonl"
    items = list(read_stream(io.BytesIO(ARTICLE.encode())))
    assert isinstance(items[0], RawDocument) and items[0].format == "text"


def test_non_english_is_rejected_by_name() -> None:
    from detente.errors import NotEnglish

    check_english(ARTICLE * 3, "en")
    german = (
        "Die Außenminister der beiden Länder trafen sich am Dienstag in der Hauptstadt und "
        "vereinbarten, den Handel zwischen den beiden Staaten auszubauen, sagten Beamte. "
    ) * 5
    with pytest.raises(NotEnglish):
        check_english(german, "de")
    russian = "Министры иностранных дел двух стран встретились во вторник в столице. " * 10
    with pytest.raises(NotEnglish):
        check_english(russian, "ru")
    # past the first 20,000 characters the share is read from its own, longer sample
    assert len(german * 40) > 20000 and len(ARTICLE * 60) > 20000
    with pytest.raises(NotEnglish):
        check_english(german * 40, "de")
    check_english(ARTICLE * 60, "en")


def test_ingest_twice_changes_nothing(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    first = db.ingest([str(path)])
    assert len(first.added) == 1
    assert gc.get_freeze_count() == 0  # what the ingest kept from the collector is handed back
    before = {t: db.store.count(t) for t in ("documents", "sentences", "mentions", "events")}
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE + "\n\n")  # the same article saved again, with trailing whitespace
    second = db.ingest([str(path), str(copy)])
    assert second.added == [] and len(second.unchanged) == 2
    after = {t: db.store.count(t) for t in ("documents", "sentences", "mentions", "events")}
    assert after == before


def test_rejections_are_stored(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"  # not tmp_path itself: the database lives there
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02")
    (folder / "good.txt").write_text(ARTICLE)
    report = db.ingest([str(folder)])
    assert len(report.added) == 1 and [r[1] for r in report.rejected] == ["binary"]
    assert db.store.rows("SELECT reason FROM rejections") == [{"reason": "binary"}]


PAGE = """<!doctype html>
<html><head>
<title>Ministers agree to expand trade | The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta property="article:published_time" content="2021-06-08T09:30:00Z">
<meta name="author" content="Lois Lane">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
<article>
<h1>Ministers agree to expand trade</h1>
<p>The foreign ministers of Ruritania and Freedonia met in the capital on Tuesday and agreed
to expand trade between the two countries, officials said after the talks.</p>
<p>The talks were the first of their kind since the border dispute of the previous year, and
both sides said they would meet again in the spring to review the progress of the deal.</p>
</article>
<footer>Share this article on social media. Copyright The Daily Planet.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    report = db.ingest([str(path)])
    assert len(report.added) == 1, report.as_dict()
    (doc,) = db.records("document")
    assert doc["outlet"] == "The Daily Planet"
    assert doc["published"] == "2021-06-08"
    assert doc["title"] == "Ministers agree to expand trade"  # the site's name is cut off
    assert doc["author"] == "Lois Lane"
    stored = db.document(doc["id"])
    assert "agreed to expand trade" in " ".join(stored["text"].split())
    assert "Log in" not in stored["text"] and "Share this article" not in stored["text"]
