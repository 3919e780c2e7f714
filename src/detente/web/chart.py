"""Server-side SVG chart geometry for a timeline: no script, no CDN, works offline.

The chart has two panels sharing the time axis: the mean Goldstein score per period as
linked points (-10 conflict .. +10 cooperation) with their 95 % intervals, and event
counts as bars, cooperation above the axis and conflict below, on a labelled scale.
Templates only draw what this module computes.

The axis spans where the data are: a few events in isolated early periods (a 1963 event
among 2000-2020 ones) are named in a note ("also 1 event in 1963") instead of stretching the
axis over decades of nothing.  A period without asserted acts breaks the line: the reader
sees a gap, not an interpolation.
"""

from __future__ import annotations

from typing import Any

__all__ = ["timeline_chart", "trim"]

WIDTH, LEFT, RIGHT = 920, 48, 16
TOP_H, GAP, BAR_H = 180, 28, 120


def _y_goldstein(value: float) -> float:
    return round(26 + (10 - value) / 20 * (TOP_H - 36), 1)


def _label_every(n: int) -> int:
    """Label every k-th period so labels never overlap (about 60 px per label)."""
    room = (WIDTH - LEFT - RIGHT) // 60
    return max(1, -(-n // max(room, 1)))


BASE = TOP_H + GAP + BAR_H / 2


def _bar(r: dict[str, Any], x: float, step: float, biggest: int) -> dict[str, Any]:
    """Cooperation above the base line, conflict below, both scaled to the busiest period."""
    bar_w = round(max(2.0, min(step * 0.6, 40)), 1)
    coop_h = round(r["cooperation"] / biggest * (BAR_H / 2 - 4), 1)
    conf_h = round(r["conflict"] / biggest * (BAR_H / 2 - 4), 1)
    return {
        "x": round(x - bar_w / 2, 1),
        "w": bar_w,
        "coop_y": round(BASE - coop_h, 1),
        "coop_h": coop_h,
        "conf_y": BASE,
        "conf_h": conf_h,
        "label_x": x,
        "row": r,
    }


def _point(r: dict[str, Any], x: float) -> dict[str, Any]:
    """The period's mean Goldstein score; its area grows with the number of events; its
    95 % interval as a whisker (clipped to the scale)."""
    radius = round(min(4 + (r.get("n") or r["events"]) ** 0.5 * 1.5, 12), 1)
    point = {"x": x, "y": _y_goldstein(r["goldstein_mean"]), "r": radius, "row": r}
    ci = r.get("ci95")
    if ci:
        point["ci_top"] = _y_goldstein(min(10.0, ci[1]))
        point["ci_bottom"] = _y_goldstein(max(-10.0, ci[0]))
    return point


#: an early run of periods is an outlier when it holds at most this share of the events
#: and at most OUTLIER_EVENTS of them, and a gap of empty periods longer than a quarter of the
#: axis (and at least OUTLIER_GAP periods) separates it from the rest
OUTLIER_SHARE, OUTLIER_EVENTS, OUTLIER_GAP = 0.1, 5, 4


def _plural(n: int) -> str:
    return f"{n} event{'s' if n != 1 else ''}"


def trim(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
    """The rows the axis spans, and a note naming the isolated early periods left off it.

    Empty periods at either end are dropped too (a ``since`` range asked wider than the
    data); empty periods within the data stay, drawn as gaps."""
    busy = [i for i, r in enumerate(rows) if r.get("events")]
    if not busy:
        return rows, None
    total = sum(int(rows[i]["events"]) for i in busy)
    span = busy[-1] - busy[0] + 1
    cut = 0  # how many of the busy periods are left off as outliers
    for k in range(1, len(busy)):
        before = sum(int(rows[i]["events"]) for i in busy[:k])
        if before > max(OUTLIER_EVENTS, 0) or before > OUTLIER_SHARE * total:
            break
        gap = busy[k] - busy[k - 1] - 1
        if gap >= max(OUTLIER_GAP, span // 4):
            cut = k
    note = None
    if cut:
        left = [rows[i] for i in busy[:cut]]
        named = ", ".join(f"{_plural(int(r['events']))} in {r['period']}" for r in left)
        note = f"also {named} (left off the axis)"
    return rows[busy[cut] : busy[-1] + 1], note


def _ticks(biggest: int) -> list[dict[str, Any]]:
    """The bar scale: the busiest count and half of it, above (cooperation) and below."""
    half = BAR_H / 2 - 4
    values = sorted({biggest, max(1, round(biggest / 2))})
    out = []
    for v in values:
        h = round(v / biggest * half, 1)
        out += [
            {"y": round(BASE - h, 1), "label": str(v)},
            {"y": round(BASE + h, 1), "label": str(v)},
        ]
    return out


def _lines(points: list[dict[str, Any]], index: dict[str, int]) -> list[str]:
    """Polylines through the points, broken where a period between two has no point."""
    lines: list[list[str]] = []
    last = None
    for p in points:
        i = index[p["row"]["period"]]
        if last is None or i != last + 1:
            lines.append([])
        lines[-1].append(f"{p['x']},{p['y']}")
        last = i
    return [" ".join(line) for line in lines]


def timeline_chart(
    rows: list[dict[str, Any]], link: str | dict[str, str] = "#period-{period}"
) -> dict[str, Any]:
    """Coordinates for the timeline rows (periods with ``period`` None are left out).

    ``link`` is a format string with ``{period}``, or a mapping from period to address.
    """

    def href(period: str) -> str:
        if isinstance(link, dict):
            return link.get(period, "#events")
        return link.format(period=period)

    rows, note = trim([r for r in rows if r.get("period")])
    height = TOP_H + GAP + BAR_H + 24
    chart: dict[str, Any] = {
        "width": WIDTH, "height": height, "points": [], "bars": [], "note": note, "lines": [],
    }  # fmt: skip
    if not rows or not any(r.get("events") for r in rows):
        return chart
    step = (WIDTH - LEFT - RIGHT) / len(rows)
    biggest = max(max(r["cooperation"], r["conflict"], 1) for r in rows)
    every = _label_every(len(rows))
    for i, r in enumerate(rows):
        x = round(LEFT + step * (i + 0.5), 1)
        bar = _bar(r, x, step, biggest)
        bar.update(label=r["period"] if i % every == 0 else None, href=href(r["period"]))
        chart["bars"].append(bar)
        if r.get("goldstein_mean") is not None and r["events"]:
            chart["points"].append({**_point(r, x), "href": href(r["period"])})
    index = {r["period"]: i for i, r in enumerate(rows)}
    chart.update(
        lines=_lines(chart["points"], index),
        ticks=_ticks(biggest),
        first=rows[0]["period"],
        last=rows[-1]["period"],
        zero_y=_y_goldstein(0),
        top_y=_y_goldstein(10),
        bottom_y=_y_goldstein(-10),
        bar_base=BASE,
        bar_top=TOP_H + GAP,
        axis_y=TOP_H + GAP + BAR_H + 16,
        left=LEFT,
        right=WIDTH - RIGHT,
        biggest=biggest,
    )
    return chart
