"""The ``detente`` command: thin.  Each command opens a database, calls one library method,
and presents what it returns; a DetenteError becomes a one-line message and exit code 1.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from detente.cli.options import filter_options, make_filters, page_options
from detente.cli.output import ProgressLines, json_option, page_note, table
from detente.cli.output import echo_json as _echo_json
from detente.database import Database, IngestReport
from detente.errors import DetenteError
from detente.export import CONTRACT, EXPORTERS
from detente.ingest.files import FORMATS, READERS
from detente.model import Given
from detente.settings import SETTINGS, Settings

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DetenteError as exc:
            raise click.ClickException(f"{type(exc).__name__}: {exc}") from exc

    return wrapper  # type: ignore[return-value]


def _settings(ctx: click.Context) -> Settings:
    return ctx.find_object(Settings) or Settings()


#: ``ctx.meta`` key of the settings given with ``-s`` on this command line
_EXPLICIT = "detente.explicit"


@contextlib.contextmanager
def _settings_in_environment(ctx: click.Context) -> Iterator[dict[str, str]]:
    """The ``-s`` settings put in the environment for the duration: code that builds its own
    settings (the eval suites' pipelines) reads them there; the environment is put back after."""
    given: dict[str, str] = ctx.meta.get(_EXPLICIT, {})
    before = {name: os.environ.get("DETENTE_" + name.upper()) for name in given}
    os.environ.update({"DETENTE_" + name.upper(): value for name, value in given.items()})
    try:
        yield given
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop("DETENTE_" + name.upper(), None)
            else:
                os.environ["DETENTE_" + name.upper()] = value


def _open(ctx: click.Context, create: bool = False, **more: Any) -> Database:
    """The database of ``--db``, with ``more`` settings over the options; only a command that
    writes new records (ingest) creates it: a read on a mistyped path is a named error, not a
    new empty database."""
    settings = _settings(ctx)
    if more:
        settings = Settings({**settings.as_dict(), **more})
    return Database(str(settings["db"]), settings, create=create)


#: the group's options that take a value: accepted after the command too
_GLOBAL_VALUES = ("--db", "--shared", "--setting", "-s")


def hoist_global_options(args: list[str]) -> list[str]:
    """The arguments with every global option given after the command (``detente stats --db
    X``) moved before it (``detente --db X stats``), which is where click reads them.  Nothing
    after ``--`` moves."""
    i = 0
    while i < len(args) and args[i] != "--" and args[i].startswith("-"):
        name = args[i].split("=", 1)[0]
        takes_value = name in _GLOBAL_VALUES and "=" not in args[i]
        i += 2 if takes_value else 1
    if i >= len(args) or args[i] == "--":
        return args
    moved: list[str] = []
    kept: list[str] = []
    rest = args[i + 1 :]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            kept += rest[j:]
            break
        name = arg.split("=", 1)[0]
        if name in _GLOBAL_VALUES and "=" in arg:
            moved.append(arg)
        elif name in _GLOBAL_VALUES and j + 1 < len(rest):
            moved += [arg, rest[j + 1]]
            j += 1
        else:
            kept.append(arg)
        j += 1
    return [*args[:i], *moved, args[i], *kept]


class DetenteGroup(click.Group):
    """The command group, reading global options before or after the command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(list(args)))


@click.group(cls=DetenteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="DETENTE_DB",
    help="Database: SQLite path (default detente.db) or postgresql:// URL.",
)
@click.option("--shared", envvar="DETENTE_SHARED", help="Folder with eval/ gold data.")
@click.option(
    "--setting",
    "-s",
    "extra",
    multiple=True,
    metavar="NAME=VALUE",
    help="Any setting from `detente settings`.",
)
@click.version_option(package_name="detente")
@click.pass_context
def cli(ctx: click.Context, db: str | None, shared: str | None, extra: tuple[str, ...]) -> None:
    """detente: a sourced, queryable record of relations between states, read from the news.

    The options above (--db, --shared, -s) may come before or after the command:
    `detente --db x.db stats` and `detente stats --db x.db` are the same.
    """
    values: dict[str, Any] = {"db": db, "shared": shared}
    for item in extra:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: use NAME=VALUE", param_hint="--setting")
        values[name.strip()] = value
    try:
        ctx.obj = Settings(values)
        ctx.meta[_EXPLICIT] = {k: str(v) for k, v in values.items() if v is not None}
    except DetenteError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
def settings() -> None:
    """List every setting with its default and meaning."""
    click.echo(
        table(
            [{"name": s.name, "default": s.default, "help": s.help} for s in SETTINGS],
            ["name", "default", "help"],
            {"help": 70},
        )
    )


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="auto",
    show_default=True,
    help="Input format (auto: by extension, else by content): "
    + "; ".join(f"{r.name}: {r.help}" for r in READERS)
    + ".",
)
@click.option("--outlet", help="The outlet, when the text does not say it.")
@click.option("--published", help="Publication date YYYY-MM-DD, when the text does not say it.")
@click.option("--title", help="The title, when the text does not say it.")
@click.option("--author", help="The author, when the text does not say it.")
@click.option(
    "--allow-rejects",
    is_flag=True,
    help="Exit 0 even when inputs were rejected (they are still reported).",
)
@json_option
@click.option(
    "--dask", "dask_address", metavar="ADDRESS", help="Run on a Dask scheduler: tcp://host:8786."
)
@click.option(
    "--workers", type=click.IntRange(1), help="Run on a local Dask cluster of N processes."
)
@click.pass_context
@_friendly
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    outlet: str | None,
    published: str | None,
    title: str | None,
    author: str | None,
    allow_rejects: bool,
    as_json: bool,
    dask_address: str | None,
    workers: int | None,
) -> None:
    """Ingest files, folders, globs or - (stdin): plain text, HTML or JSONL.

    --outlet, --published, --title and --author on a file already stored correct its
    metadata.  Exits 1 when an input was rejected (unless --allow-rejects); without a
    terminal, progress is a line on stderr every progress_seconds.
    """
    from detente.ingest.files import count_documents

    given = Given(outlet=outlet, published=published, title=title, author=author)
    tty = sys.stderr.isatty()
    # counted only for a bar someone sees; counting never fails nor holds a whole line
    total = count_documents(inputs) if tty else None
    # --dask and --workers are the dask executor's settings (see detente.run)
    on_dask = {"executor": "dask", "dask_scheduler": dask_address, "dask_workers": workers}
    with _open(ctx, create=True, **(on_dask if dask_address or workers else {})) as db:
        show = total is not None and total > 1
        lines = ProgressLines("ingest", float(db.settings["progress_seconds"]))
        with click.progressbar(
            length=total or 0, label="ingesting", file=sys.stderr, hidden=not show
        ) as bar:

            def progress(_source: str) -> None:
                bar.update(1) if tty else lines()

            report = db.ingest(inputs, given=given, fmt=fmt, progress=progress)
    _echo_report(report, as_json)
    if report.rejected and not allow_rejects:
        raise click.ClickException(
            f"{len(report.rejected)} of {report.seen} inputs rejected (reasons above);"
            " --allow-rejects exits 0 all the same"
        )


def _echo_report(report: IngestReport, as_json: bool) -> None:
    if as_json:
        _echo_json(report.as_dict())
        return
    restated = f", metadata corrected {len(report.restated)}" if report.restated else ""
    click.echo(
        f"added {len(report.added)}, updated {len(report.updated)}, "
        f"unchanged {len(report.unchanged)}, rejected {len(report.rejected)}{restated}"
    )
    for _source, reason, message in report.rejected:
        click.echo(f"  rejected [{reason}] {message}", err=True)
    for doc, _stage, message in report.stage_errors:
        click.echo(f"  stage error in {doc}: {message}", err=True)


@cli.command()
@json_option
@click.pass_context
@_friendly
def reprocess(ctx: click.Context, as_json: bool) -> None:
    """Re-run stale stages on stored documents (after an upgrade changed a rule or a model)."""
    with _open(ctx) as db:
        report = db.reprocess()
    _echo_report(report, as_json)


@cli.command()
@click.option(
    "--if-pending",
    is_flag=True,
    help="Only when a write since the last merge was not merged (a crash or --no-merge).",
)
@click.option(
    "--incremental",
    is_flag=True,
    help="Regroup only what documents added since the last merge touch (whole if unknown).",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_friendly
def merge(ctx: click.Context, if_pending: bool, incremental: bool, as_json: bool) -> None:
    """Recompute the clusters across outlets (events, quotes, figures) over the whole store."""
    with _open(ctx) as db:
        if if_pending and not db.merge_pending():
            counts: dict[str, int] | None = None
        else:
            counts = db.merge(incremental=incremental)
    if as_json:
        _echo_json({"merged": counts is not None, "clustered": counts})
    elif counts is None:
        click.echo("nothing to merge: the clusters are up to date")
    else:
        click.echo("clustered: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORTERS)),
    default="jsonl",
    show_default=True,
    help="; ".join(f"{e.name}: {e.help}" for e in EXPORTERS.values()) + ".",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(list(CONTRACT)),
    help="Only these record types (repeatable).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default stdout).")
@filter_options(sectors=False, confidence=True)
@click.pass_context
@_friendly
def export(
    ctx: click.Context, fmt: str, types: tuple[str, ...], output: str | None, **kw: Any
) -> None:
    """Export the record: JSONL (the contract), CSV, Parquet, GDELT-style TSV or GraphML.

    The filters are search's (--plover and --modality select events only); events below
    the min_confidence setting are left out as the views leave them out: --min-confidence 0
    exports every event.
    """
    binary = EXPORTERS[fmt].binary
    if binary and not output:
        raise click.UsageError(f"{fmt} is binary: give -o FILE")
    filters = make_filters(kw)
    with _open(ctx) as db:
        if output:
            mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
            with open(output, **mode) as fh:  # type: ignore[call-overload]
                n = db.export(fh, fmt, types or None, filters)
            click.echo(f"wrote {n:,} records to {output}", err=True)
        else:
            db.export(sys.stdout, fmt, types or None, filters)


@cli.command()
@page_options
@json_option
@click.pass_context
@_friendly
def stats(ctx: click.Context, limit: int | None, offset: int, as_json: bool) -> None:
    """Counts of what was extracted, then documents (outlet, date, title) up to --limit."""
    with _open(ctx) as db:
        data = db.stats(limit, offset)
    if as_json:
        _echo_json(data)
        return
    click.echo("  ".join(f"{k}: {v:,}" for k, v in data["counts"].items()))
    for row in data["failed_stages"]:
        click.echo(f"failed stage runs: {row['stage']}: {row['n']:,}", err=True)
    click.echo("")
    click.echo(
        table(
            data["documents"],
            ["published", "outlet", "author", "title", "events", "quotes", "figures", "mentions"],
            {"title": 50, "author": 16},
        )
    )
    note = page_note(data["documents"], "documents")
    if note:
        click.echo(note)


@cli.command("eval")
@click.argument("suites", nargs=-1)
@click.option("--limit", type=int, help="Score at most N items per set (quick look; not gated).")
@click.option(
    "--floors",
    "floors_path",
    type=click.Path(dir_okay=False),
    default="eval/floors.json",
    show_default=True,
    help="Committed floors file.",
)
@click.option(
    "--check/--no-check",
    default=True,
    show_default=True,
    help="Exit 1 when a score is under its floor.",
)
@json_option
@click.pass_context
@_friendly
def eval_(
    ctx: click.Context,
    suites: tuple[str, ...],
    limit: int | None,
    floors_path: str,
    check: bool,
    as_json: bool,
) -> None:
    """Score the extractors on the public gold sets (suites: all by default)."""
    from detente.evaluate import (
        SUITES,
        check_corpora,
        check_floors,
        load_corpora,
        load_floors,
        run_suites,
    )

    shared = _settings(ctx).shared_dir()
    floors = load_floors(Path(floors_path))
    with _settings_in_environment(ctx) as given:
        scores, timings = run_suites(shared, suites or None, limit, floors)
    changed = sorted(set(given) - {"db", "shared"})
    if changed and check:
        click.echo(
            f"note: scored with -s {', '.join(changed)}; the floors are the defaults'", err=True
        )
    if as_json:
        _echo_json({"scores": {s.metric: s.value for s in scores}, "seconds": timings})
    else:
        rows = [
            {
                "suite": s.suite,
                "metric": s.metric,
                "value": f"{s.value:.3f}",
                "floor": "-" if s.floor is None else f"{s.floor:.3f}",
                "ok": "ok" if s.passed else "BELOW",
            }
            for s in scores
        ]
        # a metric's name is its key in the floors file: shown whole, never cut
        width = max([len("metric")] + [len(r["metric"]) for r in rows])
        click.echo(table(rows, ["suite", "metric", "value", "floor", "ok"], {"metric": width}))
        click.echo("seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()))
        click.echo(
            "suites: " + ", ".join(f"{k} ({v[1]})" for k, v in SUITES.items() if k in timings)
        )
    failures = check_floors(scores, floors) if check and limit is None else []
    if check and limit is None:
        failures += check_corpora(shared, timings, load_corpora(Path(floors_path)))
    if failures:
        raise click.ClickException("below floor: " + "; ".join(failures))


def main() -> None:  # pragma: no cover - console entry point
    cli()
