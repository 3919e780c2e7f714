"""Web views: each turns a request's path arguments and query parameters into view data
(plain rows from :mod:`detente.query`).  The same data is rendered as HTML or sent as the
page's JSON twin; ``extra`` holds presentation-only values (chart geometry) the twin omits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from detente import query
from detente.errors import NotFound
from detente.query.common import MODALITIES, code
from detente.query.paging import offset_of
from detente.query.views import Views
from detente.web.chart import timeline_chart

__all__ = ["ROUTES", "NotFound", "Params", "View"]

#: the longest value any query parameter may have
MAX_PARAM = 300


@dataclass
class View:
    template: str
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)


class Params:
    """Query parameters, each checked for length; the row limit is capped by a setting."""

    def __init__(self, values: dict[str, list[str]], max_limit: int) -> None:
        self.values = values
        self.max_limit = max_limit

    def get(self, name: str) -> str | None:
        raw = self.values.get(name)
        if not raw or not raw[0].strip():
            return None
        if len(raw[0]) > MAX_PARAM:
            raise query.QueryError(f"parameter {name} longer than {MAX_PARAM} characters")
        return raw[0].strip()

    def limit(self, default: int = 100) -> int:
        raw = self.get("limit")
        # ASCII digits only: "²" passes str.isdigit but int() refuses it
        wanted = int(raw) if raw and raw.isascii() and raw.isdigit() else default
        return min(query.clamp(wanted), self.max_limit)

    def filters(self) -> query.Filters:
        a, b = self.get("a"), self.get("b")
        return query.Filters(
            actor=self.get("actor"),
            dyad=(a, b) if a and b else None,
            outlet=self.get("outlet"),
            since=self.get("since"),
            until=self.get("until"),
            plover=self.get("plover"),
            modality=self.get("modality"),
        )


def index(views: Views, p: Params) -> View:
    counts = views.counts()
    dyads = views.dyads(p.limit(30))
    data = {
        "counts": counts,
        "dyads": dyads,
        "outlets": views.outlet_counts(limit=p.limit(50)),
        "actors": views.actors(limit=p.limit(30)),
    }
    return View("index.html", data)


def dyad(views: Views, p: Params, a: str, b: str) -> View:
    by = p.get("by") or "year"
    if by not in ("year", "month"):
        raise query.QueryError("by is year or month")
    data = views.dyad(
        a,
        b,
        by,
        p.get("since"),
        p.get("until"),
        p.limit(200),
        offset=offset_of(p.get("offset")),
        per_articles=p.get("per") == "articles",
    )
    periods: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for e in data["events"]:
        periods[e["period"]].append(e)
    order = [r["period"] for r in data["timeline"] if r.get("period") in periods]
    if None in periods:
        order.append(None)
    grouped = [{"period": k, "events": periods[k]} for k in order]
    # a period whose events did not fit in the list links to the page narrowed to it
    links = {
        r["period"]: f"#period-{r['period']}"
        if r["period"] in periods
        else f"?by={by}&since={r['period']}&until={r['period']}#events"
        for r in data["timeline"]
        if r.get("period")
    }
    extra = {"chart": timeline_chart(data["timeline"], links), "grouped": grouped}
    return View("dyad.html", data, extra)


def article(views: Views, p: Params, doc: str) -> View:
    data = views.article(doc, p.get("focus"))
    if data is None:
        raise NotFound(f"no document {doc!r}")
    labels = {r["anchor"]: f"{r['kind']}: {r['label']}" for r in data["records"]}
    return View("article.html", data, {"labels": labels})


def compare_list(views: Views, p: Params) -> View:
    kind = p.get("kind")
    if kind and kind not in ("event", "quote", "figure"):
        raise query.QueryError("kind is event, quote or figure")
    page = views.compare_page(p.limit(200), offset_of(p.get("offset")), kind)
    summary = [
        {k: v for k, v in r.items() if k != "members"} | {"size": len(r["members"])} for r in page
    ]
    return View("compare_list.html", {"clusters": summary, "page": page.meta()})


def compare(views: Views, p: Params, kind: str, cluster: str) -> View:
    data = views.compare_cluster(kind, cluster)
    if data is None:
        raise NotFound(f"no {kind} cluster {cluster!r}")
    return View("compare.html", data)


def search(views: Views, p: Params) -> View:
    text = p.get("q") or ""
    filters = p.filters()
    asked = bool(text) or filters != query.Filters()
    rows = views.search(text, p.limit(50), filters) if asked else []
    data = {
        "q": text,
        "filters": {k: v for k, v in vars(filters).items() if v},
        "results": rows,
    }
    return View("search.html", data, {"modalities": MODALITIES, "asked": asked})


def actor(views: Views, p: Params, name: str) -> View:
    data = views.actor_view(name, p.limit(200))
    if data is None:
        raise NotFound(f"no actor {name!r}")
    return View("actor.html", data, {"chart": timeline_chart(data["timeline"], "#events")})


def actors(views: Views, p: Params) -> View:
    page = views.actors(p.limit(200), offset=offset_of(p.get("offset")))
    return View("actors.html", {"actors": page, "page": page.meta()})


def outlets(views: Views, p: Params) -> View:
    a, b = p.get("a"), p.get("b")
    dyad = (code(a), code(b)) if a and b else None
    page = views.outlets(dyad, p.limit(), offset=offset_of(p.get("offset")))
    return View("outlets.html", {"dyad": dyad, "outlets": page, "page": page.meta()})


def outlet(views: Views, p: Params, name: str) -> View:
    a, b = p.get("a"), p.get("b")
    offset = offset_of(p.get("offset"))
    data = views.outlet(name, (a, b) if a and b else None, p.limit(200), offset=offset)
    if data is None:
        raise NotFound(f"no outlet {name!r}")
    return View("outlet.html", data)


#: (path pattern, view); patterns are matched against the path without ``.json``
ROUTES: list[tuple[str, Any]] = [
    (r"/", index),
    (r"/dyad/(?P<a>[^/]+)/(?P<b>[^/]+)", dyad),
    (r"/article/(?P<doc>[A-Za-z0-9_\-]+)", article),
    (r"/compare", compare_list),
    (r"/compare/(?P<kind>event|quote|figure)/(?P<cluster>[^/]+)", compare),
    (r"/search", search),
    (r"/actors", actors),
    (r"/actor/(?P<name>[^/]+)", actor),
    (r"/outlets", outlets),
    (r"/outlet/(?P<name>.+)", outlet),
]
