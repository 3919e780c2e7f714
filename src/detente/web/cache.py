"""Answers kept while the database does not change: the server is read-only, so a page is
the same until an ingest writes the file again.

Why: the dyad view over a 1,500-article record costs a few hundred milliseconds of SQL, and
50 analysts looking at the same pair would each pay it.  A cached answer is valid for one
*version* of the file, the size and modification time of the database and of its
write-ahead log: an ingest that commits changes one of them (WAL appends, a checkpoint
rewrites the file), so the next request renders afresh.  Bounded in entries and bytes.
"""

from __future__ import annotations

import collections
import os
import threading
from pathlib import Path

__all__ = ["Answer", "AnswerCache", "file_version"]

#: (status, headers, body) of one rendered answer
Answer = tuple[str, list[tuple[str, str]], bytes]


def file_version(path: str | Path) -> tuple[int, ...]:
    """What changes whenever a commit reaches the database file or its log."""
    out: list[int] = []
    for name in (str(path), f"{path}-wal"):
        try:
            st = os.stat(name)
        except OSError:
            out += [-1, -1]
            continue
        out += [st.st_size, st.st_mtime_ns]
    return tuple(out)


class AnswerCache:
    """Least-recently-used answers for one version of one database file."""

    def __init__(self, path: str, entries: int = 512, max_bytes: int = 64 << 20) -> None:
        self.path = path
        self.entries = entries
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._items: collections.OrderedDict[str, Answer] = collections.OrderedDict()
        self._bytes = 0
        self._version = file_version(path)

    def get(self, key: str) -> Answer | None:
        version = file_version(self.path)
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._bytes = 0
                self._version = version
                return None
            answer = self._items.get(key)
            if answer is not None:
                self._items.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer, version: tuple[int, ...]) -> None:
        """Keep an answer rendered from ``version`` (taken before rendering: a commit during
        the rendering makes it stale, and it is not kept)."""
        size = len(answer[2])
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if version != self._version:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            self._items[key] = answer
            self._bytes += size
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped[2])
