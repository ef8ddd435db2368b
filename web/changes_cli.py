"""``loupe changes``: the change log of an index, as ``GET /api/v1/changes`` gives it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from search import changelog

from .cli import EXIT_INDEX_UNAVAILABLE, index_dir_option

#: Exit status of ``loupe changes`` when the token belongs to another change log
#: (3, EXIT_INDEX_UNAVAILABLE: the log cannot be read).
EXIT_RESYNC = 4


@click.command("changes")
@click.option("--since", help="The next token of the previous call; absent: from the start.")
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=100,
    show_default=True,
    help="Changes listed at most.",
)
@index_dir_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print what GET /api/v1/changes returns (without next_url).",
)
def changes_command(since: str | None, limit: int, index_dir: Path, as_json: bool) -> None:
    """List the articles added, updated and deleted since a token, oldest first."""
    if not index_dir.is_dir():  # an empty log would read as "nothing changed"
        click.echo(
            f"Error: no Loupe index in {index_dir}: build one with "
            f"loupe index PATH... --index-dir {index_dir}",
            err=True,
        )
        sys.exit(EXIT_INDEX_UNAVAILABLE)
    try:
        page = changelog.changes_since(index_dir, since, limit)
    except changelog.BadToken as e:
        raise click.BadParameter(str(e), param_hint="--since") from None
    except changelog.ResyncNeeded as e:
        click.echo(f"Error: {e}: start a full resync, without --since", err=True)
        sys.exit(EXIT_RESYNC)
    except changelog.LogUnreadable as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_INDEX_UNAVAILABLE)
    if as_json:
        click.echo(json.dumps(page, ensure_ascii=False, indent=2))
        return
    for change in page["changes"]:
        click.echo(f"{change['time']}  {change['change']:<8} {change['id']}")
    more = " (more: run again with it)" if page["more"] else ""
    click.echo(f"next: {page['next']}{more}")
