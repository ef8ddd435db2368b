"""The change log (search.changelog): recorded after each run, listed by ``loupe changes``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from whoosh.index import Index

from index.state import read_state
from search import changelog


def record_changes(index_dir: Path, ix: Index, time: str) -> int:
    """Log the additions, updates and deletions that make the index *ix* what it is now."""
    state = read_state(ix)
    live = {doc_id: digest for docs in state.by_origin.values() for doc_id, digest in docs.items()}
    return changelog.record(index_dir, live, time)


#: Exit statuses of ``loupe changes``: the log cannot be read; the token belongs to
#: another change log.
EXIT_INDEX_UNAVAILABLE, EXIT_RESYNC = 3, 4


@click.command("changes")
@click.option("--since", help="The next token of the previous call; absent: from the start.")
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=100,
    show_default=True,
    help="Changes listed at most.",
)
@click.option(
    "--index-dir",
    envvar="LOUPE_INDEX_DIR",
    show_envvar=True,
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print what GET /api/v1/changes returns (without next_url).",
)
def changes_command(since: str | None, limit: int, index_dir: Path, as_json: bool) -> None:
    """List the articles added, updated and deleted since a token, oldest first."""
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
