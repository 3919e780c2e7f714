"""Read inputs into :class:`RawDocument` s: files, folders, globs, stdin; text, HTML, JSONL.

Every input that cannot be read becomes a :class:`Rejected` with a named error instead of an
exception, so a batch always goes on past one bad document.
"""

from __future__ import annotations

import codecs
import errno
import glob
import gzip
import io
import json
import stat
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
    NotAFile,
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
    "count_documents",
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


def _utf16(data: bytes) -> str | None:
    """The codec of UTF-16 (or UTF-32) text: by its byte-order mark, else by its NULs.

    Text saved as "Unicode" on Windows is UTF-16: every ASCII character is followed (LE) or
    preceded (BE) by a NUL, which the binary test would take for binary data.  Without a
    mark, it is taken as UTF-16 only when at least a third of its bytes are NULs and nearly
    all of them fall on the same side of each pair, as they do in English text.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return codec
    head = data[:8192]
    nuls = head.count(0)
    if len(head) < 64 or nuls < len(head) / 3:
        return None
    odd = head[1::2].count(0)
    if odd >= 0.95 * nuls:
        codec = "utf-16-le"
    elif odd <= 0.05 * nuls:
        codec = "utf-16-be"
    else:
        return None
    # and what it decodes to must read as text, not as binary data with NULs in a pattern
    sample = head[: len(head) // 2 * 2].decode(codec, "replace")
    readable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return codec if readable >= 0.95 * len(sample) else None


def decode(data: bytes, source: str, *, html: bool = False) -> str:
    """Strict UTF-8 (BOM tolerated), or UTF-16/32 (see :func:`_utf16`); HTML may declare
    another charset."""
    wide = _utf16(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{source}: not valid {wide.upper()} (byte {exc.start})") from exc
        if not text.strip():
            raise EmptyDocument(f"{source}: empty")
        return text
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
        size = _regular_size(path)
        reader = _format_for(path, fmt)
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


def _regular_size(path: Path) -> int:
    """The size of a regular file; anything else is a named rejection, never opened.

    A FIFO would block the ingest forever on open, a device could be endless, and a symlink
    loop or a dangling link has nothing behind it: each is said so, not skipped in silence.
    """
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise NotAFile(f"{source}: a symbolic link to nothing") from None
        what = "no file matches" if any(c in source for c in "*?[") else "no such file"
        raise UnreadableFile(f"{source}: {what}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(f"{source}: a symbolic link loop") from exc
        raise
    if stat.S_ISREG(info.st_mode):
        return info.st_size
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISSOCK: "a socket",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
    }
    kind = next((name for test, name in kinds.items() if test(info.st_mode)), "not a file")
    raise NotAFile(f"{source}: {kind}, not a regular file")


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
            # every entry but folders: FIFOs, sockets and broken or looping links are
            # rejected by name when read, not skipped unseen (rglob never follows links into
            # folders, so a link loop cannot make it walk forever)
            for child in sorted(p for p in path.rglob("*") if not _is_dir(p)):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        elif any(c in item for c in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Path(item)  # reported as unreadable below
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield path


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a link loop is not a folder
        return False


#: decompressed bytes read at most to count a compressed input's lines for the progress bar
COUNT_LIMIT = 1 << 30


def count_documents(inputs: Iterable[str], limit: int = COUNT_LIMIT) -> int | None:
    """About how many documents ``inputs`` hold (JSONL lines, other files one each), for a
    progress bar; ``None`` when it cannot be known cheaply (stdin, a huge compressed file).

    It never raises and never holds more than a chunk: an unreadable or corrupt input counts
    as one (the reader rejects it by name), and a gzip bomb is read in 1 MiB pieces up to
    ``limit`` decompressed bytes, not line by line (one line could be the whole bomb).
    """
    total = 0
    for item in expand(inputs):
        if item == "-":
            return None
        assert isinstance(item, Path)
        try:
            is_jsonl = _format_for(item, "auto").lines is not None and _regular_size(item) >= 0
        except (InputError, OSError):
            is_jsonl = False
        if not is_jsonl:
            total += 1
            continue
        lines = _count_lines(item, limit)
        if lines is None:
            return None
        total += lines
    return total


def _count_lines(path: Path, limit: int) -> int | None:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    lines = seen = 0
    last = b"\n"
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                seen += len(chunk)
                last = chunk
                if seen > limit:
                    return None
            return lines + (0 if last.endswith(b"\n") else 1)
    except (OSError, EOFError, zlib.error):
        return max(1, lines)


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
