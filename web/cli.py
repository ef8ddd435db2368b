"""``loupe search`` and ``loupe serve``: registered on the ``loupe`` command by entry points."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import click
from flask import Flask

from search.aliases import AliasFileError, aliases_from_spec
from search.engine import Engine
from search.errors import SearchError
from search.facetspec import ALL, FILTERS, SWITCHABLE
from search.results import UNDATED

from .params import BadParameter, Params, first
from .payloads import search_payload

EXIT_INDEX_UNAVAILABLE = 3
#: A LOUPE_* setting (web.settings) that cannot be used.
EXIT_BAD_SETTING = 2

index_dir_option = click.option(
    "--index-dir",
    envvar="LOUPE_INDEX_DIR",
    show_envvar=True,
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory.",
)


def open_engine(index_dir: Path) -> Engine:
    """The engine on *index_dir*, or exit with the reason and what to do."""
    try:
        return Engine(index_dir, aliases_from_spec(os.environ.get("LOUPE_ALIASES")))
    except (SearchError, AliasFileError) as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_INDEX_UNAVAILABLE)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """One repeatable option per facet filter and its exclusion (search.facetspec)."""
    for spec in reversed(FILTERS):
        several = "all of them" if spec.combine == ALL else "any of them"
        command = click.option(
            f"--{spec.exclude.replace('_', '-')}",
            multiple=True,
            help=f"No articles with {spec.description} of this value.",
        )(command)
        command = click.option(
            f"--{spec.param}",
            multiple=True,
            help=f"Only articles with {spec.description} of this value "
            f"(facet value); several: {several}.",
        )(command)
    return command


@click.command()
@click.argument("query", nargs=-1)
@index_dir_option
@filter_options
@click.option(
    "--any",
    "any_",
    help="Comma list of filters whose values combine with OR "
    f"instead of AND, among {', '.join(SWITCHABLE)}.",
)
@click.option("--from", "date_from", help="Published on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--to", "date_to", help="Published on or before: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--undated",
    type=click.Choice(UNDATED),
    help="Articles without a date: include them beside --from/--to, or list only them.",
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date", "-date"]),
    default="relevance",
    show_default=True,
    help="date: oldest first; -date: newest first.",
)
@click.option(
    "--match",
    type=click.Choice(["any", "all"]),
    default="any",
    show_default=True,
    help="any: words rank, articles with every word first; all: every word is required.",
)
@click.option(
    "--nocorrect",
    is_flag=True,
    help="Search QUERY as typed, even when it finds nothing and its correction would.",
)
@click.option("--page", type=int, default=1, show_default=True)
@click.option("--per-page", type=int, default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print what the JSON API returns.")
@click.option(
    "--batch",
    "batch_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Search each line of FILE (up to 1,000; a label may follow a tab or ;) "
    "instead of QUERY; with --json, prints what POST /api/v1/batch returns.",
)
def search(
    query: tuple[str, ...], index_dir: Path, as_json: bool, batch_file: Path | None, **options: Any
) -> None:
    """Search the index for QUERY (the query language is in the README)."""
    if batch_file is not None:
        from .batch_cli import batch_command

        batch_command(batch_file, query, open_engine(index_dir), as_json, options)
        return
    params = {"q": [" ".join(query)]}
    for name, value in options.items():
        values = value if isinstance(value, tuple) else (value,)
        params[name.replace("date_", "").rstrip("_")] = [str(v) for v in values if v is not None]
    engine = open_engine(index_dir)
    try:
        payload = search_payload(engine, params)
    except BadParameter as e:
        raise click.BadParameter(e.message, param_hint=f"--{e.param}") from None
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(readable(payload, params))


def readable(payload: dict[str, Any], params: Params | None = None) -> str:
    """The result page as text for a terminal."""
    lines = [f"{payload['total']} articles ({payload['took_ms']} ms)"]
    if payload["match"] == "any" and payload["total_all"] != payload["total"]:
        lines[0] += f", {payload['total_all']} with every word"
    lines += [f"note: {note}" for note in payload["notes"]]
    lines += _undated_notes(payload, params or {})
    corrected = payload["corrected"]
    if corrected:
        lines.append(
            f"showing results for: {corrected['to']} (--nocorrect searches {corrected['from']})"
        )
    if payload["suggestion"]:
        lines.append(f"did you mean: {payload['suggestion']}")
    for rank, hit in enumerate(payload["hits"], start=payload["start"] + 1):
        meta = ", ".join(x for x in (hit["source"], (hit["published"] or "no date")[:10]) if x)
        lines.append(f"\n{rank:>3}. {hit['title']}  [{meta}]")
        if hit["missing"]:
            lines.append(f"     missing: {', '.join(hit['missing'])}")
        lines += [f"     {_plain(s)}" for s in hit["snippets"][:2]]
        where = hit["file"] + (f":{hit['line']}" if hit["line"] else "")
        lines.append(f"     id: {hit['id']}  file: {where}")
    for name, values in payload["facets"].items():
        if values and name != "month":
            shown = ", ".join(f"{v['label']} ({v['count']})" for v in values[:8])
            lines.append(f"\n{name}: {shown}")
    return "\n".join(lines)


def _undated_notes(payload: dict[str, Any], params: Params) -> list[str]:
    """Undated articles: how many --from/--to leave out, or that a date sort puts last."""
    count, choice = payload["undated"], first(params, "undated")
    if not count or choice == "only":
        return []
    if payload["undated_excluded"]:
        hint = "--undated include adds them"
        period = "--from/--to" if first(params, "from") or first(params, "to") else "date:"
        return [f"note: {_undated(count)} left out by {period} ({hint})"]
    if first(params, "sort") in ("date", "-date"):
        return [f"note: {_undated(count)} last in date order"]
    return []


def _undated(count: int) -> str:
    return f"{count} undated article{'s' if count > 1 else ''}"


def _plain(snippet: str) -> str:
    """A snippet for a terminal: marks as [brackets], entities unescaped."""
    return unescape(re.sub(r"</?mark>", lambda m: "]" if "/" in m[0] else "[", snippet))


class ServeCommand(click.Command):
    """``loupe serve``, whose help ends with the settings table (web.settings)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every LOUPE_* setting with its default, from the one table."""
        from .settings import SETTINGS

        with formatter.section("Settings (environment variables)"):
            formatter.write_dl(
                [
                    (s.variable, s.help + (f" [default: {s.default}]" if s.default else ""))
                    for s in SETTINGS
                ]
            )


@click.command(cls=ServeCommand)
@index_dir_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Connection threads of each server process.",
)
@click.option(
    "--processes",
    type=click.IntRange(1, 32),
    default=None,
    help="Server processes sharing the port [default: one per CPU].",
)
def serve(index_dir: Path, host: str, port: int, threads: int, processes: int | None) -> None:
    """Serve the search page and the JSON API (gunicorn)."""
    from . import create_app
    from .serve import serve as serve_workers
    from .settings import BadSetting, read_settings

    def make_app() -> Flask:
        return create_app({"INDEX_DIR": str(index_dir)})

    try:  # each worker reads the settings: check them once, before any starts
        read_settings(os.environ, {"INDEX_DIR": str(index_dir)})
    except BadSetting as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_BAD_SETTING)
    processes = processes or os.cpu_count() or 1
    click.echo(
        f"Loupe: http://{host}:{port}/  (index: {index_dir}, "
        f"{processes} processes of {threads} threads)"
    )
    serve_workers(make_app, host, port, processes, threads)
