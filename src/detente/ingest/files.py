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
from collections.abc import Iterable, Iterator
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


def _jsonl(stream: IO[str], source: str, base: Given) -> Iterator[RawDocument | Rejected]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(where, BadRecord(f"{where}: not JSON ({exc.msg})"))
            continue
        if not isinstance(record, dict):
            yield Rejected(where, BadRecord(f"{where}: not a JSON object"))
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Rejected(where, EmptyDocument(f"{where}: no 'text'"))
            continue
        given = _merge_given(_given_from_record(record), base)
        yield RawDocument(given.url or where, text, "jsonl", given)


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
            with opener(path, "rt", encoding="utf-8", errors="strict") as fh:  # type: ignore[operator]
                yield from _jsonl(fh, source, given)
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


def read_stream(
    stream: IO[bytes],
    source: str = "<stdin>",
    given: Given = Given(),
    fmt: str = "auto",
    max_bytes: int = 5_000_000,
) -> Iterator[RawDocument | Rejected]:
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes and fmt != "jsonl":
            raise TooLarge(f"{source}: over the limit of {max_bytes} bytes")
        text = decode(data, source, html=fmt == "html")
        kind = _sniff(text) if fmt == "auto" else fmt
        if kind == "jsonl":
            yield from _jsonl(io.StringIO(text), source, given)
        else:
            yield _from_text(text, source, kind, given)
    except InputError as exc:
        yield Rejected(source, exc)


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
