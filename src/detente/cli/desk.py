"""The analyst's desk on the command line: dyad, timeline, outlets, serve, screenshots.

Each command calls one function of :mod:`detente.query` (or :mod:`detente.web`) and presents
what it returns: a readable table, or the same rows with ``--json``.
"""

from __future__ import annotations

import ipaddress
import sys
from typing import Any

import click

from detente.cli.main import _friendly, _open, _settings, cli
from detente.cli.options import filter_options, make_filters, page_options
from detente.cli.output import echo_json as _echo_json
from detente.cli.output import echo_page, json_option, page_note, table
from detente.database import require_database
from detente.errors import DetenteError
from detente.model import format_amount


def _timeline_table(rows: list[dict[str, Any]]) -> str:
    dated = [r for r in rows if r.get("period")]
    biggest = max([r["events"] for r in dated] or [0])
    shown = [
        {
            **r,
            "chart": ("+" * (r["cooperation"] * 30 // biggest if biggest else 0))
            + ("-" * (r["conflict"] * 30 // biggest if biggest else 0)),
        }
        for r in dated
    ]
    cols = [
        "period",
        "events",
        "reported",
        "goldstein_sum",
        "goldstein_mean",
        "cooperation",
        "conflict",
        "chart",
    ]
    out = table(shown, cols, {"chart": 30})
    undated = [r for r in rows if not r.get("period")]
    if undated:
        out += f"\n(and {undated[0]['events']} events with no date at all)"
    return out


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["year", "month"]), default="year", show_default=True)
@click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Up to this date, inclusive.")
@page_options
@click.option(
    "--sectors",
    metavar="LIST",
    help="PLOVER sectors of both sides, comma-separated, or all (default GOV,MIL,ELI,LEG,JUD,IGO).",
)
@json_option
@click.pass_context
@_friendly
def dyad(
    ctx: click.Context,
    a: str,
    b: str,
    by: str,
    since: str | None,
    until: str | None,
    limit: int | None,
    offset: int,
    sectors: str | None,
    as_json: bool,
) -> None:
    """A country pair (e.g. RUS CHN): timeline, Goldstein, types, events, figures, quotes.

    --limit and --offset page the events."""
    with _open(ctx) as db:
        data = db.views.dyad(
            a, b, by, since, until, limit or db.views.limit, sectors=sectors, offset=offset
        )
    if as_json:
        _echo_json(data)
        return
    s, (ca, cb) = data["summary"], data["dyad"]
    click.echo(
        f"{ca} – {cb}: {s['events']:,} events ({s['a_to_b']:,} {ca}→{cb}, {s['b_to_a']:,} "
        f"{cb}→{ca}) in {s['articles']:,} articles; Goldstein sum {s['goldstein_sum']}, "
        f"mean {s['goldstein_mean']}"
    )
    click.echo("\n" + _timeline_table(data["timeline"]))
    click.echo("\n" + table(data["by_quad"], ["label", "events"]))
    click.echo("\n" + table(data["by_plover"], ["plover", "events"]))
    click.echo("\nevents:")
    for e in data["events"]:
        src = ", ".join(
            sorted({x["outlet"] or x["source"].rsplit("/", 1)[-1] for x in e["sources"]})
        )
        when = e["date"] or f"({e['period'] or '????'})"
        score = "" if e["goldstein"] is None else f"{e['goldstein']:g}"
        click.echo(
            f"  {when:10} {e['source_actor'] or '-':>4} {e['plover'] or '-':10} "
            f"{e['target_actor'] or '-':4} {e['modality']:9} {score:>5}  "
            f"{(e['sources'][0]['sentence'] or '')[:70]}  [{src}]"
        )
    note = page_note(data["events"], "events")
    if note:
        click.echo("  " + note)
    for series in data["figures"]:
        click.echo(f"\nfigures: {series['series']}")
        for f in series["points"]:
            click.echo(
                f"  {f['year'] or '????'}  {format_amount(f['value'], f.get('unit'))}  "
                f"{f['text']!r}  "
                f"{f['said_by'] or ''}  [{f['outlet'] or f['source'].rsplit('/', 1)[-1]}]"
            )
    pages = data.get("pages", {})
    _cut_note(pages.get("figures"), "figures")
    click.echo("\nquotes by speaker:")
    for sp in data["quotes"]:
        click.echo(f"  {sp['speaker']} ({sp['actor']}): {len(sp['quotes'])}")
    _cut_note(pages.get("quotes"), "quotes")


def _cut_note(meta: dict[str, Any] | None, noun: str) -> None:
    """Under a list of the view cut at --limit (its --offset pages the events only)."""
    if meta and meta["shown"] < meta["total"]:
        click.echo(f"  (the first {meta['shown']:,} of {meta['total']:,} {noun}: --limit for more)")


@cli.command()
@filter_options
@click.option("--by", type=click.Choice(["year", "month"]), default="year", show_default=True)
@json_option
@click.pass_context
@_friendly
def timeline(ctx: click.Context, by: str, as_json: bool, **kw: Any) -> None:
    """Events per year or month: count, Goldstein sum and mean, cooperation vs conflict."""
    with _open(ctx) as db:
        rows = db.views.timeline(make_filters(kw), by)
    if as_json:
        _echo_json(rows)
        return
    click.echo(_timeline_table(rows))


@cli.command()
@click.option("--dyad", nargs=2, metavar="A B", help="Count and score only this pair's events.")
@page_options
@json_option
@click.pass_context
@_friendly
def outlets(
    ctx: click.Context,
    dyad: tuple[str, str] | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Outlets: articles, events, mean Goldstein with n and 95 % interval (how each frames a
    dyad: asserted acts only, statements apart), quotes, figures; with --dyad every column
    is the pair's."""
    with _open(ctx) as db:
        rows = db.views.outlets(dyad or None, limit or db.views.limit, offset=offset)
    cols = [
        "outlet",
        "articles",
        "events",
        "asserted",
        "goldstein_mean",
        "n",
        "ci95",
        "cooperation",
        "conflict",
        "statements",
        "quotes",
        "figures",
    ]

    def render(page: Any) -> str:
        shown = [{**r, "ci95": _interval(r.get("ci95"))} for r in page]
        return table(shown, cols, {"outlet": 30})

    echo_page(rows, as_json, render, "outlets")


def _interval(ci: list[float] | None) -> str:
    return f"{ci[0]} to {ci[1]}" if ci else ""


@cli.command()
@click.argument("name")
@click.option("--dyad", nargs=2, metavar="A B", help="Only this pair's events.")
@page_options
@json_option
@click.pass_context
@_friendly
def outlet(
    ctx: click.Context,
    name: str,
    dyad: tuple[str, str] | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """One outlet: whom it quotes by state and sector, the pairs and events it reports.

    --limit and --offset page its articles and events."""
    with _open(ctx) as db:
        data = db.views.outlet(name, dyad or None, limit or db.views.limit, offset=offset)
    if data is None:
        raise click.ClickException(f"no outlet named {name!r}")
    if as_json:
        _echo_json(data)
        return
    pages = data.get("pages", {})
    articles = pages.get("documents", {}).get("total", len(data["documents"]))
    events = pages.get("events", {}).get("total", len(data["events"]))
    click.echo(f"{name}: {articles:,} articles, {events:,} events")
    click.echo("\n" + table(data["quoted_by_state"], ["state", "quotes"]))
    click.echo("\n" + table(data["quoted_by_sector"], ["sector", "quotes"]))
    click.echo(
        "\n" + table(data["dyads"], ["source_actor", "target_actor", "events", "goldstein_mean"])
    )


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.pass_context
@_friendly
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Browse the record in a web browser (read-only; local only unless --host says so)."""
    from detente.web.server import ServerLimits, make

    settings = _settings(ctx)
    path = str(settings["db"])
    if "://" in path:
        raise DetenteError("serve reads a SQLite file (read-only); export from PostgreSQL first")
    require_database(path)
    if not _loopback(host):
        click.echo(
            f"warning: serving on {host}: anyone who can reach it can read the record", err=True
        )
    limits = ServerLimits(
        threads=int(settings["serve_threads"]),
        connection_limit=int(settings["serve_connections"]),
        backlog=int(settings["serve_backlog"]),
        header_timeout=float(settings["serve_header_timeout"]),
        idle_timeout=float(settings["serve_idle_timeout"]),
    )
    server = make(path, host, port, int(settings["search_limit"]), settings=settings, limits=limits)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"serving {path} read-only on http://{shown}:{server.server_port}/ (Ctrl-C stops)")
    sys.stdout.flush()  # the line a supervisor (or a test) waits for, even through a pipe
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        pass
    finally:
        server.server_close()


@cli.command()
@click.argument("out_dir", default="screenshots", required=False)
@click.option("--full-page", is_flag=True, help="Whole pages, not just the first screen.")
@click.pass_context
@_friendly
def screenshots(ctx: click.Context, out_dir: str, full_page: bool) -> None:
    """PNG screenshots of the main pages (headless system Chromium via Playwright)."""
    from detente.web.shots import screenshots as shoot

    settings = _settings(ctx)
    require_database(str(settings["db"]))
    for path in shoot(str(settings["db"]), out_dir, full_page=full_page, settings=settings):
        click.echo(str(path))
