"""Query commands of the CLI: each calls one function of :mod:`detente.query` and prints it."""

from __future__ import annotations

from typing import Any

import click

from detente.cli.main import _friendly, _open, cli
from detente.cli.options import filter_options, make_filters, page_options
from detente.cli.output import echo_json as _echo_json
from detente.cli.output import echo_page, json_option, page_note, table
from detente.model import Given, format_amount
from detente.query.common import MODALITIES
from detente.query.paging import Page

__all__ = ["filter_options", "make_filters"]  # shared with the desk commands


@cli.command()
@click.option("--dyad", nargs=2, metavar="A B", help="Only events between two actor codes.")
@click.option("--actor", help="Only events with this actor code as source or target.")
@click.option("--plover", help="Only this PLOVER type.")
@click.option("--modality", type=click.Choice(MODALITIES))
@page_options
@json_option
@click.pass_context
@_friendly
def events(
    ctx: click.Context,
    dyad: tuple[str, str] | None,
    actor: str | None,
    plover: str | None,
    modality: str | None,
    limit: int | None,
    offset: int,
    as_json: bool,
) -> None:
    """Events in date order, one line per cross-outlet cluster, with their sources."""
    with _open(ctx) as db:
        rows = db.views.events(
            dyad or None, actor, plover, modality, limit or db.views.limit, offset=offset
        )
    echo_page(rows, as_json, _event_lines, "events")


def _event_lines(rows: Page) -> str:
    lines = []
    for r in rows:
        src = ", ".join(sorted({s["outlet"] or _short(s["source"]) for s in r["sources"]}))
        lines.append(
            f"{r['date'] or '????':10}  {r['source_actor'] or '-':>4} -> "
            f"{r['target_actor'] or '-':4}  {r['plover'] or '-':10} {r['cameo'] or '-':4} "
            f"{r['modality']:12} {r['source_name'] or ''} | {r['trigger'] or ''} | "
            f"{r['target_name'] or ''}   [{r['num_articles']} art.: {src}]"
        )
    return "\n".join(lines)


def _short(source: str) -> str:
    """A file's name, not its whole path, where a document has no known outlet."""
    return source if "://" in source else source.rsplit("/", 1)[-1]


@cli.command()
@click.option("--speaker", help="Speaker name (or part of it).")
@page_options
@json_option
@click.pass_context
@_friendly
def quotes(
    ctx: click.Context, speaker: str | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """Quotes with their speakers and sources."""
    with _open(ctx) as db:
        rows = db.views.quotes(speaker, limit or db.views.limit, offset=offset)
    echo_page(rows, as_json, _quote_lines, "quotes")


def _quote_lines(rows: Page) -> str:
    lines = []
    for r in rows:
        kind = "direct" if r["direct"] else "indirect"
        lines.append(
            f"{r['date'] or '????'}  {r['speaker'] or r['speaker_text']}"
            f" ({r['speaker_actor'] or '-'}) [{kind}, {r['outlet'] or _short(r['source'])}]"
            f"{' cluster ' + r['cluster'] if r['cluster'] else ''}\n    {r['text']}"
        )
    return "\n".join(lines)


@cli.command()
@click.option("--subject", help="Subject (or part of it), e.g. trade.")
@page_options
@json_option
@click.pass_context
@_friendly
def figures(
    ctx: click.Context, subject: str | None, limit: int | None, offset: int, as_json: bool
) -> None:
    """Numeric claims: value, unit, year, subject, who says so."""
    with _open(ctx) as db:
        rows = db.views.figures(subject, limit or db.views.limit, offset=offset)

    def render(page: Page) -> str:
        shown = [{**r, "value": format_amount(r["value"], r["unit"])} for r in page]
        cols = ["year", "subject", "value", "said_by", "outlet", "text", "cluster"]
        return table(shown, cols, {"text": 30, "subject": 30})

    echo_page(rows, as_json, render, "figures")


@cli.command()
@page_options
@json_option
@click.pass_context
@_friendly
def actors(ctx: click.Context, limit: int | None, offset: int, as_json: bool) -> None:
    """Actors mentioned, with mention counts."""
    with _open(ctx) as db:
        rows = db.views.actors(limit or db.views.limit, offset=offset)
    cols = ["id", "name", "kind", "state", "sector", "mentions", "documents"]
    echo_page(rows, as_json, lambda page: table(page, cols), "actors")


@cli.command()
@click.argument("name")
@page_options
@json_option
@click.pass_context
@_friendly
def actor(ctx: click.Context, name: str, limit: int | None, offset: int, as_json: bool) -> None:
    """One actor (by id, name, alias or surname): aliases, offices, where it is mentioned."""
    with _open(ctx) as db:
        info = db.views.actor(name, limit or db.views.limit, offset=offset)
    if info is None:
        raise click.ClickException(f"no actor named {name!r} (by id, name, alias or surname)")
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
    note = page_note(info["mentions"], "mentions")
    if note:
        click.echo(note)


@cli.command()
@page_options
@json_option
@click.pass_context
@_friendly
def compare(ctx: click.Context, limit: int | None, offset: int, as_json: bool) -> None:
    """Where outlets agree and where they differ: clustered figures, quotes and events."""
    with _open(ctx) as db:
        rows = db.views.compare_page(limit, offset)
    echo_page(rows, as_json, _compare_lines, "clusters")


def _compare_lines(rows: Page) -> str:
    lines = []
    for entry in rows:
        head = entry.get("subject") or entry.get("speaker") or ""
        year = f" {entry['year']}" if entry.get("year") else ""
        lines.append(
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
            lines.append(f"    {m['outlet'] or m['source']}: {str(shown)[:110]}")
    return "\n".join(lines)


@cli.command()
@click.argument("text", required=False, default="")
@filter_options
@page_options
@json_option
@click.pass_context
@_friendly
def search(
    ctx: click.Context, text: str, limit: int | None, offset: int, as_json: bool, **kw: Any
) -> None:
    """Full-text search over sentences, with filters (actor, dyad, outlet, dates, type).

    Words are matched as FTS5 reads them ("phrases", OR, NOT, prefix*); a term with
    punctuation (U.S., Putin's) is matched as the phrase of its words.
    """
    with _open(ctx) as db:
        rows = db.views.search(text, limit or db.views.limit, make_filters(kw), offset=offset)
    cols = ["published", "outlet", "snippet"]
    echo_page(rows, as_json, lambda page: table(page, cols, {"snippet": 90}), "sentences")
    undated = rows.extra.get("undated_excluded")
    if undated and not as_json:
        click.echo(
            f"({undated:,} matching document{'s' if undated > 1 else ''} with no publication"
            " date left out by --since/--until)"
        )


@cli.group(invoke_without_command=True)
@page_options
@json_option
@click.pass_context
@_friendly
def documents(ctx: click.Context, limit: int | None, offset: int, as_json: bool) -> None:
    """Documents with outlet, date, title, author; `documents set ID` corrects them."""
    if ctx.invoked_subcommand is not None:
        return
    with _open(ctx) as db:
        rows = db.documents(limit, offset)
    cols = ["id", "published", "outlet", "author", "title"]
    echo_page(rows, as_json, lambda page: table(page, cols, {"title": 60}), "documents")


@documents.command("set")
@click.argument("doc_id", metavar="ID")
@click.option("--outlet", help="The outlet.")
@click.option("--published", help="Publication date YYYY-MM-DD.")
@click.option("--title", help="The title.")
@click.option("--author", help="The author.")
@json_option
@click.pass_context
@_friendly
def set_document(
    ctx: click.Context,
    doc_id: str,
    outlet: str | None,
    published: str | None,
    title: str | None,
    author: str | None,
    as_json: bool,
) -> None:
    """Correct a stored document's metadata (recorded as given, with its evidence); a new
    publication date re-runs its stages, so events dated from it move."""
    if not any((outlet, published, title, author)):
        raise click.UsageError("give at least one of --outlet, --published, --title, --author")
    given = Given(outlet=outlet, published=published, title=title, author=author)
    with _open(ctx) as db:
        report = db.set_metadata(doc_id, given)
        doc = db.document(doc_id) or {}
    if as_json:
        _echo_json({"report": report.as_dict(), "document": _shown_document(doc)})
        return
    changed = "corrected" if report.restated else "unchanged (already so)"
    click.echo(f"{doc_id}: {changed}")
    for key in ("outlet", "published", "title", "author"):
        click.echo(f"  {key}: {doc.get(key) or '-'}")


def _shown_document(doc: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "source", "outlet", "published", "title", "author", "published_evidence")
    return {k: doc.get(k) for k in keys}
