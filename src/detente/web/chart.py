"""Server-side SVG chart geometry for a timeline: no script, no CDN, works offline.

The chart has two panels sharing the time axis: the mean Goldstein score per period as
linked points (-10 conflict .. +10 cooperation), and event counts as bars, cooperation
above the axis and conflict below.  Templates only draw what this module computes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["timeline_chart"]

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
    """The period's mean Goldstein score; its area grows with the number of events."""
    radius = round(min(4 + r["events"] ** 0.5 * 1.5, 12), 1)
    return {"x": x, "y": _y_goldstein(r["goldstein_mean"]), "r": radius, "row": r}


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

    rows = [r for r in rows if r.get("period")]
    height = TOP_H + GAP + BAR_H + 24
    chart: dict[str, Any] = {"width": WIDTH, "height": height, "points": [], "bars": []}
    if not rows:
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
    chart.update(
        line=" ".join(f"{p['x']},{p['y']}" for p in chart["points"]),
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
