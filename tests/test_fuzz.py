"""Bad input, generated: thousands of inputs through ingest and extraction.

Binary data, empty and whitespace files, invalid UTF-8, huge lines, HTML bombs and deeply nested
markup, other languages and scripts, unbalanced quotes, absurd numbers and dates.  Whatever
comes in: nothing raises, every rejected input has a named reason, the batch goes on, memory
stays bounded, and text that is not English is rejected as ``not-english`` rather than
mis-extracted.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente import errors
from detente.database import Database
from detente.ingest.files import Rejected, read_inputs, read_stream
from detente.ingest.language import check_english
from detente.model import Document, Given, RawDocument
from detente.pipeline import Pipeline, prepare
from detente.settings import Settings

#: every named reason an input can be rejected with
REASONS = {
    str(getattr(cls, "reason", ""))
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, errors.InputError)
}
FAST = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(
    max_examples=int(__import__("os").environ.get("FUZZ_SLOW", "120")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

_PIPELINE = Pipeline()

# -- strategies -----------------------------------------------------------------------------

_ENGLISH = (
    "the minister said that talks with China would resume on Monday in Beijing , "
    "officials in Moscow and Washington signed a deal worth $ 12 billion last year . "
    "President Putin told reporters he expected the agreement to hold ; NATO warned Russia"
).split()
_NASTY = [
    '"', "“", "”", "‘", "’", "«", "»", "'", "(", ")", "[", "]", "—", "…", "\u200b", "\u202e",
    "\ufeff", "\x0c", "\t", "🙂", "$", "%", "€", "1e308", "10" * 40, "-0", "NaN", "∞",
    "$1.5.3bn", "9,999,999,999,999 trillion", "0.000000000001%", "-$-3", "12th-13th",
    "31 February 2023", "0000-00-00", "year 99999", "the 45th of Smarch", "2023-13-45",
    "in 1 BC", "on 29/02/2021", "24:61", "yesterday's tomorrow", "Q5 2024", "FY-1",
    "http://x.y/z?a=<b>", "<script>alert(1)</script>", "&amp;&#0;&#x110000;", "\\u0000",
    "Mr.", "U.S.", "e.g.", "...", "?!", "Xi", "Li", "Jordan", "Chad", "Turkey", "Georgia",
]  # fmt: skip
_OTHER = {
    "es": "el la de que y en los se del las un por con no una su para es al lo como más".split(),
    "fr": "le la de et les des en un une du que est pour qui dans sur pas au avec ce il".split(),
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine".split(),
    "ru": "и в не на я быть он с что а по это она этот к но они мы как из у".split(),
    "zh": "的 一 是 不 了 人 我 在 有 他 这 中 大 来 上 国 个 到 说 们".split(),
    "ar": "في من على أن إلى التي الذي عن مع هذا كان لا ما هذه قد بين كل".split(),
    "el": "και το να η της με που ο για την στο τα είναι θα δεν από".split(),
}

english_ish = st.lists(
    st.one_of(
        st.sampled_from(_ENGLISH),
        st.sampled_from(_NASTY),
        st.text(min_size=1, max_size=12),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    ),
    min_size=0,
    max_size=120,
).map(lambda ws: " ".join(w if i % 17 else w + "\n" for i, w in enumerate(ws)))

nested_html = st.integers(min_value=1, max_value=3000).flatmap(
    lambda depth: st.sampled_from(["div", "b", "table", "p", "span"]).map(
        lambda tag: "<html><body>" + f"<{tag}>" * depth + "Text " * 40 + "</body></html>"
    )
)


def _check(items: list[Document | Rejected]) -> None:
    for item in items:
        if isinstance(item, Rejected):
            assert item.reason in REASONS, item
            assert item.reason != "unprocessable", item  # the safety net caught a bug
            assert str(item.error)
        else:
            assert isinstance(item, Document)
            assert item.paragraphs
            for p in item.paragraphs:
                assert 0 <= p.start < p.end <= len(item.text)


def _ingest_file(data: bytes, name: str) -> list[Document | Rejected]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        if name.endswith(".gz"):
            data = gzip.compress(data)
        path.write_bytes(data)
        return list(_PIPELINE.prepare_all(read_inputs([str(path)], max_bytes=200_000)))


# -- ingest: read + clean + metadata + language ------------------------------------------------

_NAMES = st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.md", "a", "a.txt.gz", "a.jsonl.gz"])


@FAST
@given(data=st.binary(max_size=3000), name=_NAMES)
def test_any_bytes_are_read_or_rejected_with_a_reason(data: bytes, name: str) -> None:
    _check(_ingest_file(data, name))


@FAST
@given(
    text=english_ish,
    junk=st.binary(max_size=8),
    at=st.integers(min_value=0, max_value=10_000),
    name=_NAMES,
)
def test_text_with_invalid_utf8_inside(text: str, junk: bytes, at: int, name: str) -> None:
    raw = text.encode("utf-8")
    at = min(at, len(raw))
    items = _ingest_file(raw[:at] + junk + raw[at:], name)
    _check(items)


@FAST
@given(
    record=st.dictionaries(
        st.sampled_from(["text", "published", "date", "title", "author", "url", "outlet"]),
        st.one_of(
            english_ish,
            st.sampled_from(_NASTY),
            st.integers(),
            st.none(),
            st.lists(st.integers(), max_size=3),
            st.booleans(),
        ),
    )
)
def test_jsonl_records_with_absurd_fields(record: dict[str, object]) -> None:
    line = json.dumps(record).encode() + b"\n"
    items = list(_PIPELINE.prepare_all(read_stream(io.BytesIO(line * 2 + b"{oops\n[1]\n"))))
    _check(items)
    assert len(items) == 4  # every line accounted for, the bad ones too
    assert [i.reason for i in items[2:] if isinstance(i, Rejected)] == ["bad-record"] * 2


@SLOW
@given(html=st.one_of(nested_html, english_ish.map(lambda t: f"<html><body><p>{t}</p>")))
def test_deeply_nested_and_broken_html(html: str) -> None:
    _check(_ingest_file(html.encode("utf-8"), "page.html"))


# -- languages ----------------------------------------------------------------------------------


@FAST
@given(
    lang=st.sampled_from(sorted(_OTHER)),
    # each of the language's frequent words about equally often, in any order, as in prose
    # (a text of "in in in der" is English-looking nonsense, not German)
    orders=st.lists(st.permutations(range(15)), min_size=3, max_size=12),
)
def test_other_languages_are_rejected_as_not_english(lang: str, orders: list[list[int]]) -> None:
    vocab = _OTHER[lang]
    text = " ".join(vocab[i] for order in orders for i in order) + "."
    raw = RawDocument("x.txt", text, "text", Given())
    try:
        prepare(raw)
    except errors.NotEnglish:
        return
    raise AssertionError(f"{lang} text was not rejected: {text[:80]}")


@FAST
@given(
    lang=st.sampled_from(["ru", "zh", "ar", "el"]),
    words=st.lists(st.integers(min_value=0, max_value=14), min_size=3, max_size=29),
)
def test_short_texts_in_other_scripts_are_rejected_too(lang: str, words: list[int]) -> None:
    text = " ".join(_OTHER[lang][i] for i in words)
    try:
        check_english(text, "x.txt")
    except errors.NotEnglish:
        return
    raise AssertionError(f"{lang} text was not rejected: {text[:80]}")


def test_english_with_foreign_names_is_kept() -> None:
    text = (
        "Recep Tayyip Erdoğan met Volodymyr Zelenskyy and Emmanuel Macron in Zürich on Monday, "
        "and the three leaders said that talks on the grain corridor would go on next week "
        "in São Paulo, where Luiz Inácio Lula da Silva is expected to host them."
    )
    check_english(text, "x.txt")  # does not raise


# -- extraction: the whole pipeline over English-ish nonsense -----------------------------------


@SLOW
@given(text=english_ish)
def test_extraction_never_fails_on_nasty_text(text: str) -> None:
    raw = RawDocument("fuzz.txt", "Talks resume\n\n" + text, "text", Given(published="2023-04-17"))
    try:
        doc = prepare(raw, min_english=0.0)
    except errors.InputError as exc:
        assert exc.reason in REASONS
        return
    (processed,) = list(_PIPELINE.run([doc]))
    assert processed.errors == [], processed.errors
    for records in processed.outputs.values():
        for rec in records:
            start, end = getattr(rec, "start", 0), getattr(rec, "end", 0)
            assert 0 <= start <= end <= len(doc.text), rec


# -- the batch goes on; memory is bounded -----------------------------------------------------


def test_a_batch_of_bad_files_goes_on_and_names_every_rejection(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "binary.txt": bytes(range(256)) * 4,
        "latin1.txt": "Le président a déclaré que la France".encode("latin-1") * 5,
        "russian.txt": ("Президент России заявил, что переговоры продолжатся. " * 8).encode(),
        "spanish.txt": ("El presidente dijo que las conversaciones con los países " * 8).encode(),
        "nested.html": b"<html><body>" + b"<div>" * 5000 + b"</body></html>",
        "records.jsonl": b'{"title": "no text"}\n[1, 2]\n{"text": 3}\nnot json\n',
        "image.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "big.txt": b"word " * 50_000,
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    good = "The minister of France met the minister of Germany in Paris on Monday. " * 3
    (folder / "zz_good.txt").write_text("France and Germany meet\n\n" + good, encoding="utf-8")
    db = Database(str(tmp_path / "fuzz.db"), Settings({"max_bytes": 100_000}))
    try:
        report = db.ingest([str(folder)])
        rejections = db.store.rows("SELECT source, reason FROM rejections")
    finally:
        db.close()
    assert len(report.added) == 1
    reasons = {Path(src.split(":")[0]).name: reason for src, reason, _ in report.rejected}
    assert set(reasons) == set(bad)
    assert reasons["empty.txt"] == "empty"
    assert reasons["binary.txt"] == "binary"
    assert reasons["latin1.txt"] == "not-utf8"
    assert reasons["russian.txt"] == reasons["spanish.txt"] == "not-english"
    assert reasons["image.png"] == "unsupported-format"
    assert reasons["big.txt"] == "too-large"
    assert all(r in REASONS for _, r, _ in report.rejected)
    assert len(rejections) == len(report.rejected)


def test_compression_bombs_and_huge_lines_stay_bounded(tmp_path: Path) -> None:
    limit = 1_000_000
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 20_000_000))
    line = b'{"text": "' + b"a " * 20_000_000 + b'"}\n'
    ok = json.dumps({"text": "The talks went on. " * 20}).encode() + b"\n"
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(ok + line + ok))
    (tmp_path / "line.txt").write_bytes(b"x" * (limit - 10))  # one huge line, under the limit
    tracemalloc.start()
    try:
        items = list(read_inputs([str(tmp_path)], max_bytes=limit))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    reasons = [i.reason if isinstance(i, Rejected) else "ok" for i in items]
    assert reasons == ["ok", "too-large", "ok", "too-large", "ok"], reasons
    assert peak < 12 * limit, peak  # never the 40 MB a bomb expands to
    _check(list(_PIPELINE.prepare_all(items)))


def test_an_unexpected_failure_rejects_that_document_only(monkeypatch: object) -> None:
    """A bug in cleaning on one odd input becomes a named rejection; the batch goes on."""
    import pytest

    import detente.clean.prepare as prepare  # prepare reads metadata through this name

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    real = prepare.extract_metadata

    def flaky(text: str, *args: object, **kwargs: object) -> object:
        if "boom" in text:
            raise RuntimeError("a bug")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prepare, "extract_metadata", flaky)
    text = "The minister of France met the minister of Germany in Paris on Monday. " * 3
    raws = [RawDocument(name, body, "text", Given()) for name, body in
            (("a.txt", text), ("b.txt", text + " boom"), ("c.txt", text + " again"))]  # fmt: skip
    items = list(_PIPELINE.prepare_all(raws))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]
    assert isinstance(items[1], Rejected) and items[1].reason == "unprocessable"
    assert "RuntimeError: a bug" in str(items[1].error)
