"""The article view: the original text cut into segments, each carrying the records whose
character offsets cover it, so a page can highlight every extracted record in place."""

from __future__ import annotations

import itertools
from typing import Any

from detente.query.common import Store

__all__ = ["article", "segments"]

#: articles longer than this are cut for display (the store keeps the whole text)
MAX_TEXT = 200_000
#: most records of one kind shown on one article page (a real article has a few dozen)
MAX_RECORDS = 2000


#: per kind: table, columns shown, and how a record is labelled on the page
_KINDS: dict[str, tuple[str, str]] = {
    "event": (
        "events",
        "trigger, source_actor, target_actor, source_name, target_name, plover, cameo, "
        "goldstein, quad_class, modality, date, cluster, sentence",
    ),
    "quote": ("quotes", "text, direct, speaker, speaker_actor, cluster, sentence"),
    "figure": ("figures", "text, value, unit, year, subject, said_by, cluster, sentence"),
    "mention": ("mentions", "text, actor, name, state, sentence"),
}


def _label(kind: str, r: dict[str, Any]) -> str:
    if kind == "event":
        return f"{r['source_name'] or '?'} {r['plover'] or '?'} {r['target_name'] or '?'}"
    if kind == "quote":
        return f"{r['speaker'] or 'unknown speaker'}: quote"
    if kind == "figure":
        return f"{r['subject'] or 'figure'} {r['value']:g} {r['unit'] or ''}".strip()
    return str(r["name"] or r["actor"])


def _records(store: Store, doc: str, only: tuple[str, int] | None = None) -> list[dict[str, Any]]:
    """The document's records (or ``only`` one) with kind, anchor id, label and offsets."""
    out: list[dict[str, Any]] = []
    for kind, (table, columns) in _KINDS.items():
        if only and only[0] != kind:
            continue
        cond = " AND actor IS NOT NULL" if kind == "mention" else ""
        params: list[Any] = [doc]
        if only:
            cond += " AND id = ?"
            params.append(only[1])
        rows = store.rows(
            f"""SELECT id, start, "end", {columns} FROM {table}
                WHERE doc = ?{cond} ORDER BY start LIMIT ?""",
            [*params, MAX_RECORDS],
        )
        for r in rows:
            anchor = f"{kind}-{r['id']}"
            out.append({"kind": kind, "anchor": anchor, "label": _label(kind, r), **r})
    return out


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary; each segment lists the anchors covering it.

    Spans may overlap or nest (a mention inside a quote inside an event sentence); the text
    is never altered, only cut, so joining the segments gives the original text back.  A
    sweep over the cut points keeps the cost near linear in the number of spans.
    """
    n = len(text)
    starts: dict[int, list[dict[str, Any]]] = {}
    ends: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        lo, hi = max(0, min(n, s["start"])), max(0, min(n, s["end"]))
        if lo < hi:
            starts.setdefault(lo, []).append({**s, "_i": i})
            ends.setdefault(hi, []).append(i)
    points = sorted({0, n, *starts, *ends})
    active: dict[int, dict[str, Any]] = {}
    out = []
    for lo, hi in itertools.pairwise(points):
        for i in ends.get(lo, []):
            active.pop(i, None)
        opened = starts.get(lo, [])
        for s in opened:
            active[s["_i"]] = s
        covering = sorted(active.values(), key=lambda s: s["_i"])
        out.append(
            {
                "text": text[lo:hi],
                "start": lo,
                "kinds": sorted({s["kind"] for s in covering}),
                "anchors": [s["anchor"] for s in covering],
                "opens": [s["anchor"] for s in opened],
            }
        )
    return out


def _target(
    store: Store, doc: str, records: list[dict[str, Any]], focus: str | None
) -> dict[str, Any] | None:
    """The focused record, or a sentence (``sentence-4``, from search results).

    A record beyond the page's cap is fetched on its own and added, so a link always lands.
    """
    if not focus:
        return None
    kind, _, number = focus.partition("-")
    # ASCII digits that fit SQLite's 64-bit integers: "²" is a digit to str.isdigit and int()
    # refuses it, and a 400-digit id overflows the driver
    if not (number.isascii() and number.isdigit() and len(number) <= 18):
        return None
    if kind == "sentence":
        n = int(number)
        return {"kind": "sentence", "anchor": focus, "sentence": n, "label": f"sentence {n}"}
    found = next((r for r in records if r["anchor"] == focus), None)
    if found is None and kind in _KINDS:
        extra = _records(store, doc, (kind, int(number)))
        records.extend(extra)
        found = extra[0] if extra else None
    return found


def article(store: Store, doc: str, focus: str | None = None) -> dict[str, Any] | None:
    """A document's metadata, its records, and its text as highlight segments.

    ``focus`` names one record (``event-12``): its segments and its sentence's are marked,
    so a link from a chart lands on the sentence, highlighted, with no script needed.
    """
    rows = store.rows(
        """SELECT id, source, url, outlet, title, author, published, language, text
           FROM documents WHERE id = ?""",
        [doc],
    )
    if not rows:
        return None
    info = dict(rows[0])
    text = info.pop("text")[:MAX_TEXT]
    records = [r for r in _records(store, doc) if r["start"] < len(text)]
    sentences = store.rows(
        'SELECT idx, start, "end" FROM sentences WHERE doc = ? ORDER BY idx', [doc]
    )
    target = _target(store, doc, records, focus)
    spans = list(records)
    if target is not None:
        for s in sentences:
            if s["idx"] == target.get("sentence"):
                anchor = f"sentence-{s['idx']}"
                spans.append({"kind": "focus-sentence", "anchor": anchor, **s})
    cut = segments(text, spans)
    for seg in cut:
        seg["focus"] = focus in seg["anchors"]
        seg["in_focus_sentence"] = "focus-sentence" in seg["kinds"]
    return {
        **info,
        "truncated": len(text) == MAX_TEXT,
        "focus": target,
        "records": records,
        "sentences": sentences,
        "segments": cut,
    }
