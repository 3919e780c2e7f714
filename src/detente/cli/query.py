"""Query commands of the CLI: each calls one function of :mod:`detente.query` and prints it."""

from __future__ import annotations

from typing import Any

import click

from detente import query
from detente.cli.main import _friendly, _open, cli
from detente.cli.output import echo_json as _echo_json
from detente.cli.output import json_option, table
from detente.model import format_amount
from detente.query.common import MODALITIES


@cli.command()
@click.option("--dyad", nargs=2, metavar="A B", help="Only events between two actor codes.")
@click.option("--actor", help="Only events with this actor code as source or target.")
@click.option("--plover", help="Only this PLOVER type.")
@click.option("--modality", type=click.Choice(MODALITIES))
@json_option
@click.pass_context
@_friendly
def events(
    ctx: click.Context,
    dyad: tuple[str, str] | None,
    actor: str | None,
    plover: str | None,
    modality: str | None,
    as_json: bool,
) -> None:
    """Events in date order, one line per cross-outlet cluster, with their sources."""
    with _open(ctx) as db:
        rows = db.views.events(dyad or None, actor, plover, modality)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        src = ", ".join(sorted({s["outlet"] or _short(s["source"]) for s in r["sources"]}))
        click.echo(
            f"{r['date'] or '????':10}  {r['source_actor'] or '-':>4} -> "
            f"{r['target_actor'] or '-':4}  {r['plover'] or '-':10} {r['cameo'] or '-':4} "
            f"{r['modality']:12} {r['source_name'] or ''} | {r['trigger'] or ''} | "
            f"{r['target_name'] or ''}   [{r['num_articles']} art.: {src}]"
        )


def _short(source: str) -> str:
    """A file's name, not its whole path, where a document has no known outlet."""
    return source if "://" in source else source.rsplit("/", 1)[-1]


@cli.command()
@click.option("--speaker", help="Speaker name (or part of it).")
@json_option
@click.pass_context
@_friendly
def quotes(ctx: click.Context, speaker: str | None, as_json: bool) -> None:
    """Quotes with their speakers and sources."""
    with _open(ctx) as db:
        rows = db.views.quotes(speaker)
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        kind = "direct" if r["direct"] else "indirect"
        click.echo(
            f"{r['date'] or '????'}  {r['speaker'] or r['speaker_text']}"
            f" ({r['speaker_actor'] or '-'}) [{kind}, {r['outlet'] or _short(r['source'])}]"
            f"{' cluster ' + r['cluster'] if r['cluster'] else ''}\n    {r['text']}"
        )


@cli.command()
@click.option("--subject", help="Subject (or part of it), e.g. trade.")
@json_option
@click.pass_context
@_friendly
def figures(ctx: click.Context, subject: str | None, as_json: bool) -> None:
    """Numeric claims: value, unit, year, subject, who says so."""
    with _open(ctx) as db:
        rows = db.views.figures(subject)
    if as_json:
        _echo_json(rows)
        return
    shown = [{**r, "value": format_amount(r["value"], r["unit"])} for r in rows]
    click.echo(
        table(
            shown,
            ["year", "subject", "value", "said_by", "outlet", "text", "cluster"],
            {"text": 30, "subject": 30},
        )
    )


@cli.command()
@json_option
@click.pass_context
@_friendly
def actors(ctx: click.Context, as_json: bool) -> None:
    """Actors mentioned, with mention counts."""
    with _open(ctx) as db:
        rows = db.views.actors()
    if as_json:
        _echo_json(rows)
        return
    click.echo(table(rows, ["id", "name", "kind", "state", "sector", "mentions", "documents"]))


@cli.command()
@click.argument("name")
@json_option
@click.pass_context
@_friendly
def actor(ctx: click.Context, name: str, as_json: bool) -> None:
    """One actor: aliases, offices and where it is mentioned."""
    with _open(ctx) as db:
        info = db.views.actor(name)
    if info is None:
        raise click.ClickException(f"no actor named {name!r}")
    if as_json:
        _echo_json(info)
        return
    click.echo(
        f"{info['name']}  [{info['id']}]  state={info.get('state')} sector={info.get('sector')}"
    )
    click.echo("aliases: " + ", ".join(info["aliases"] or ["-"]))
    click.echo("written as: " + ", ".join(info["aliases_seen"] or ["-"]))
    for office in info["offices"]:
        click.echo("office: " + ", ".join(f"{k}={v}" for k, v in office.items()))
    for m in info["mentions"]:
        click.echo(f"  {m['source']}:{m['start']}  {m['text']!r} ({m['rule']})")


@cli.command()
@json_option
@click.pass_context
@_friendly
def compare(ctx: click.Context, as_json: bool) -> None:
    """Where outlets agree and where they differ: clustered figures, quotes and events."""
    with _open(ctx) as db:
        rows = db.views.compare()
    if as_json:
        _echo_json(rows)
        return
    for entry in rows:
        head = entry.get("subject") or entry.get("speaker") or ""
        year = f" {entry['year']}" if entry.get("year") else ""
        click.echo(
            f"[{entry['kind']} {entry['cluster']}] {head}{year}: {entry['verdict']} "
            f"({len(entry['outlets'])} outlets)"
        )
        for m in entry["members"]:
            value = m.get("value")
            if value is not None:
                shown = format_amount(value, m.get("unit"))
            elif entry["kind"] == "event":
                when = m.get("date") or "undated"
                shown = f"{m.get('plover')} {when}: {m.get('sentence_text') or ''}"
            else:
                shown = m.get("text", "")
            click.echo(f"    {m['outlet'] or m['source']}: {str(shown)[:110]}")


def filter_options(fn: Any) -> Any:
    """The analyst's filters, shared by search and timeline."""
    for option in reversed(
        [
            click.option("--actor", help="Actor code (RUS, person:vladimir-putin ...)."),
            click.option("--dyad", nargs=2, metavar="A B", help="Two actor codes, either way."),
            click.option("--outlet", help="Outlet name (or source, when it has none)."),
            click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]])."),
            click.option("--until", metavar="DATE", help="Up to this date, inclusive."),
            click.option("--plover", help="PLOVER event type, e.g. CONSULT."),
            click.option("--modality", type=click.Choice(MODALITIES)),
            click.option(
                "--sectors",
                metavar="LIST",
                help="PLOVER sectors of both sides (GOV,MIL,...) or all; the timeline of a"
                " dyad counts GOV,MIL,ELI,LEG,JUD,IGO by default.",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def make_filters(kw: dict[str, Any]) -> query.Filters:
    return query.Filters(
        actor=kw.get("actor"),
        dyad=kw.get("dyad") or None,
        outlet=kw.get("outlet"),
        since=kw.get("since"),
        until=kw.get("until"),
        plover=kw.get("plover"),
        modality=kw.get("modality"),
        sectors=query.sectors_of(kw.get("sectors")),
    )


@cli.command()
@click.argument("text", required=False, default="")
@filter_options
@click.option("--limit", type=click.IntRange(1), help="Most rows (default: search_limit).")
@json_option
@click.pass_context
@_friendly
def search(ctx: click.Context, text: str, limit: int | None, as_json: bool, **kw: Any) -> None:
    """Full-text search over sentences, with filters (actor, dyad, outlet, dates, type)."""
    with _open(ctx) as db:
        limit = limit or int(db.settings["search_limit"])
        rows = db.views.search(text, limit, make_filters(kw))
    if as_json:
        _echo_json(rows)
        return
    click.echo(table(rows, ["published", "outlet", "snippet"], {"snippet": 90}))


@cli.command()
@json_option
@click.pass_context
@_friendly
def documents(ctx: click.Context, as_json: bool) -> None:
    """Documents with outlet, date, title, author."""
    with _open(ctx) as db:
        rows = db.documents()
    if as_json:
        _echo_json(rows)
        return
    click.echo(table(rows, ["id", "published", "outlet", "author", "title"], {"title": 60}))
