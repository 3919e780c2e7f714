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
from dataclasses import dataclass
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
from detente.model import Given, RawDocument

__all__ = ["FORMATS", "Rejected", "decode", "read_inputs", "read_path", "read_stream"]

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}
FORMATS = ("auto", "text", "html", "jsonl")


@dataclass(frozen=True)
class Rejected:
    """An input that was not ingested, and why."""

    source: str
    error: InputError

    @property
    def reason(self) -> str:
        return self.error.reason


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


def _sniff(text: str) -> str:
    head = text.lstrip()[:512].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    return "text"


def _format_for(path: Path, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in TEXT_EXT or ext == "":
        return "text"
    raise UnsupportedFormat(f"{path}: unsupported file type {ext!r} (text, html or jsonl)")


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
    given = _merge_given(_given_from_record(record), base)
    return RawDocument(given.url or where, text, "jsonl", given)


def _merge_given(record: Given, user: Given) -> Given:
    """Values the user states on the command line win over the record's own."""
    return Given(
        url=record.url,
        outlet=user.outlet or record.outlet,
        published=user.published or record.published,
        title=user.title or record.title,
        author=user.author or record.author,
    )


def _from_text(text: str, source: str, fmt: str, given: Given) -> RawDocument:
    if fmt == "html":
        from detente.ingest.html import extract_html

        main, meta = extract_html(text, source)
        return RawDocument(source, main, "html", _merge_given(meta, given), html=text)
    return RawDocument(source, text, "text", given)


def read_path(
    path: Path, given: Given = Given(), fmt: str = "auto", max_bytes: int = 5_000_000
) -> Iterator[RawDocument | Rejected]:
    source = str(path)
    try:
        if not path.is_file():
            what = "no file matches" if any(c in source for c in "*?[") else "no such file"
            raise UnreadableFile(f"{source}: {what}")
        kind = _format_for(path, fmt)
        size = path.stat().st_size
        if kind != "jsonl" and size > max_bytes:
            raise TooLarge(f"{source}: {size} bytes is over the limit of {max_bytes}")
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        if kind == "jsonl":
            with opener(path, "rb") as fh:  # type: ignore[operator]
                yield from _jsonl(fh.readline, source, given, max_bytes)
            return
        with opener(path, "rb") as fh:  # type: ignore[operator]
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLarge(f"{source}: over the limit of {max_bytes} bytes")
        text = decode(data, source, html=kind == "html")
        yield _from_text(text, source, kind, given)
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
        kind = _sniff(data[:4096].decode("utf-8", "ignore")) if fmt == "auto" else fmt
        if kind == "jsonl":
            yield from _jsonl(_chained_readline(data, stream), source, given, max_bytes)
            return
        if len(data) > max_bytes:
            raise TooLarge(f"{source}: over the limit of {max_bytes} bytes")
        text = decode(data, source, html=kind == "html")
        yield _from_text(text, source, kind, given)
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


def _expand(inputs: Iterable[str]) -> Iterator[Path | str]:
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
    for item in _expand(inputs):
        if item == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", given, fmt, max_bytes)
        else:
            assert isinstance(item, Path)
            yield from read_path(item, given, fmt, max_bytes)
