"""Read inputs into :class:`RawDocument` s: files, folders, globs, stdin; text, HTML, JSONL.

Every input that cannot be read becomes a :class:`Rejected` with a named error instead of an
exception, so a batch always goes on past one bad document.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from detente.errors import (
    BadRecord,
    BinaryContent,
    EmptyDocument,
    EncodingError,
    InputError,
    TooLarge,
    UnreadableFile,
    UnsupportedFormat,
)
from detente.ingest import feed
from detente.ingest.reader import Item, Reader, Rejected, merge_given
from detente.model import Given, RawDocument

__all__ = [
    "FORMATS",
    "READERS",
    "Rejected",
    "decode",
    "expand",
    "read_inputs",
    "read_path",
    "read_stream",
    "reader_named",
]

TEXT_EXT = (".txt", ".text", ".md")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson", ".json")


def _is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary, not text.

    10 % is far above what even badly scraped text has (a stray form feed or two) and far
    below what compressed or image data has (about 12 % control bytes even before NULs).
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    return bool(head) and controls / len(head) > 0.10


def decode(data: bytes, source: str, *, html: bool = False) -> str:
    """Strict UTF-8 (BOM tolerated); HTML may declare another charset."""
    if _is_binary(data):
        raise BinaryContent(f"{source}: binary content, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if html:
            declared = _declared_charset(data)
            if declared:
                try:
                    return data.decode(declared)
                except (LookupError, UnicodeDecodeError):
                    pass
        raise EncodingError(f"{source}: not valid UTF-8 (byte {exc.start})") from exc
    if not text.strip():
        raise EmptyDocument(f"{source}: empty")
    return text


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", "ignore").lower()
    i = head.find("charset=")
    if i < 0:
        return None
    rest = head[i + 8 :].strip("\"' ")
    name = "".join(c for c in rest[:40] if c.isalnum() or c in "-_")
    return name or None


def _sniff(text: str) -> Reader:
    """The reader whose content test the first characters pass (plain text when none does)."""
    head = text.lstrip()[:512]
    for reader in READERS:
        if reader.sniff is not None and reader.sniff(head):
            return reader
    return reader_named("text")


def _format_for(path: Path, fmt: str) -> Reader:
    if fmt != "auto":
        return reader_named(fmt)
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    for reader in READERS:
        if ext in reader.extensions:
            return reader
    if ext == "":
        return reader_named("text")
    names = ", ".join(r.name for r in READERS)
    raise UnsupportedFormat(f"{path}: unsupported file type {ext!r} ({names})")


def reader_named(name: str) -> Reader:
    for reader in READERS:
        if reader.name == name:
            return reader
    raise UnsupportedFormat(f"no input format {name!r}: one of {', '.join(FORMATS)}")


def _given_from_record(record: dict[str, object]) -> Given:
    def field(*names: str) -> str | None:
        for name in names:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    return Given(
        url=field("url", "link"),
        outlet=field("outlet", "site", "source_name"),
        published=field("published", "date"),
        title=field("title"),
        author=field("author", "authors"),
    )


def _jsonl(
    readline: Callable[[int], bytes], source: str, base: Given, max_bytes: int
) -> Iterator[RawDocument | Rejected]:
    """One document per JSON line.  Each line is decoded on its own, so one bad line (not
    UTF-8, not JSON, over ``max_bytes``) is rejected and the lines after it are still read;
    an overlong line is skipped in bounded pieces, never held whole."""
    lineno = 0
    while line := readline(max_bytes + 1):
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass
            yield Rejected(where, TooLarge(f"{where}: line over the limit of {max_bytes} bytes"))
            continue
        item = _record(line, where, base)
        if item is not None:
            yield item


def _record(line: bytes, where: str, base: Given) -> RawDocument | Rejected | None:
    if not line.strip():
        return None
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Rejected(where, EncodingError(f"{where}: not valid UTF-8 (byte {exc.start})"))
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return Rejected(where, BadRecord(f"{where}: not JSON ({msg})"))
    if not isinstance(record, dict):
        return Rejected(where, BadRecord(f"{where}: not a JSON object"))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(where, EmptyDocument(f"{where}: no 'text'"))
    given = merge_given(_given_from_record(record), base)
    return RawDocument(given.url or where, text, "jsonl", given)


def _read_text(data: bytes, source: str, given: Given) -> Iterator[Item]:
    yield RawDocument(source, decode(data, source), "text", given)


def _read_html(data: bytes, source: str, given: Given) -> Iterator[Item]:
    from detente.ingest.html import extract_html

    text = decode(data, source, html=True)
    main, meta = extract_html(text, source)
    yield RawDocument(source, main, "html", merge_given(meta, given), html=text)


def _looks_html(head: str) -> bool:
    head = head.lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


#: every input format, in the order content tests are tried: the CLI's --format choices,
#: detection by extension and the README's table come from this list
READERS: tuple[Reader, ...] = (
    Reader("text", TEXT_EXT, "plain text, often a scrape: boilerplate removed", _read_text),
    Reader(
        "jsonl",
        JSONL_EXT,
        "one JSON object a line: text, url, outlet, published, title, author",
        lines=_jsonl,
        sniff=lambda head: head.startswith("{"),
    ),
    feed.READER,
    Reader(
        "html",
        HTML_EXT,
        "a web page: the main text by trafilatura, its metadata from the page",
        _read_html,
        sniff=_looks_html,
        clean_lines=True,
        given_rule="html-meta",
    ),
)
#: the --format choices
FORMATS = ("auto", *(r.name for r in READERS))


def read_path(
    path: Path, given: Given = Given(), fmt: str = "auto", max_bytes: int = 5_000_000
) -> Iterator[RawDocument | Rejected]:
    source = str(path)
    try:
        if not path.is_file():
            what = "no file matches" if any(c in source for c in "*?[") else "no such file"
            raise UnreadableFile(f"{source}: {what}")
        reader = _format_for(path, fmt)
        size = path.stat().st_size
        if reader.lines is None and size > max_bytes:
            raise TooLarge(f"{source}: {size} bytes is over the limit of {max_bytes}")
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        if reader.lines is not None:
            with opener(path, "rb") as fh:  # type: ignore[operator]
                yield from reader.lines(fh.readline, source, given, max_bytes)
            return
        with opener(path, "rb") as fh:  # type: ignore[operator]
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLarge(f"{source}: over the limit of {max_bytes} bytes")
        assert reader.whole is not None
        yield from reader.whole(data, source, given)
    except InputError as exc:
        yield Rejected(source, exc)
    except UnicodeDecodeError as exc:
        yield Rejected(source, EncodingError(f"{source}: not valid UTF-8 ({exc.reason})"))
    except (OSError, EOFError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        yield Rejected(source, UnreadableFile(f"{source}: {reason}"))
    except zlib.error as exc:  # a corrupt .gz body (a bad header is an OSError above)
        yield Rejected(source, UnreadableFile(f"{source}: corrupt compressed data ({exc})"))


def read_stream(
    stream: IO[bytes],
    source: str = "<stdin>",
    given: Given = Given(),
    fmt: str = "auto",
    max_bytes: int = 5_000_000,
) -> Iterator[RawDocument | Rejected]:
    """A document (text, HTML) or many (JSONL, read line by line to the end) from a stream."""
    try:
        data = stream.read(max_bytes + 1)
        head = data[:4096].decode("utf-8", "ignore")
        reader = _sniff(head) if fmt == "auto" else reader_named(fmt)
        if reader.lines is not None:
            yield from reader.lines(_chained_readline(data, stream), source, given, max_bytes)
            return
        if len(data) > max_bytes:
            raise TooLarge(f"{source}: over the limit of {max_bytes} bytes")
        assert reader.whole is not None
        yield from reader.whole(data, source, given)
    except InputError as exc:
        yield Rejected(source, exc)
    except OSError as exc:
        yield Rejected(source, UnreadableFile(f"{source}: {exc}"))


def _chained_readline(head: bytes, stream: IO[bytes]) -> Callable[[int], bytes]:
    """``readline(limit)`` over the bytes already read, then the rest of the stream."""
    buf = io.BytesIO(head)

    def readline(limit: int) -> bytes:
        line = buf.readline(limit)
        if not line.endswith(b"\n") and len(line) < limit:
            line += stream.readline(limit - len(line))
        return line

    return readline


def expand(inputs: Iterable[str]) -> Iterator[Path | str]:
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        elif any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Path(item)  # reported as unreadable below
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


def read_inputs(
    inputs: Iterable[str], given: Given = Given(), fmt: str = "auto", max_bytes: int = 5_000_000
) -> Iterator[RawDocument | Rejected]:
    """Every document in ``inputs`` (files, folders, globs, ``-`` for stdin), in order."""
    for item in expand(inputs):
        if item == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", given, fmt, max_bytes)
        else:
            assert isinstance(item, Path)
            yield from read_path(item, given, fmt, max_bytes)
