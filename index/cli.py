"""The ``loupe`` command: a Click group whose commands live where their code lives.

``index`` and ``analyze`` are defined here. ``serve`` and ``search`` belong to
``web`` and arrive through the ``loupe.commands`` entry point group, loaded
only when invoked: ``index`` never imports ``web`` nor Flask, and
``loupe index`` runs from cron without loading the web stack.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click

from index.cluster import ClusterError
from index.discover import MissingInput
from index.entities import ModelMissing
from index.explain import explain
from index.pipeline import IndexOptions, run_index
from index.progress import TerminalProgress
from search.aliases import AliasFileError
from search.analysis import french_analyzer
from search.errors import SearchError

PLUGIN_GROUP = "loupe.commands"

#: Exit statuses of ``loupe index``, documented in the README.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INDEX_UNAVAILABLE = 0, 1, 2, 3


def _plugins() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=PLUGIN_GROUP)}


class LoupeGroup(click.Group):
    """Built-in commands plus the ``loupe.commands`` entry points, loaded lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, built-in or registered by another package."""
        return sorted(set(super().list_commands(ctx)) | set(_plugins()))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called *cmd_name*, importing its package only now."""
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in _plugins():
            command = _plugins()[cmd_name].load()
        return command


@click.group(cls=LoupeGroup)
@click.version_option(package_name="loupe")
def cli() -> None:
    """Loupe: search French news articles."""


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the terms as JSON.")
def analyze(text: tuple[str, ...], as_json: bool) -> None:
    """Print the terms the index stores for TEXT (stop words shown in brackets)."""
    value = " ".join(text)
    rows = [
        {
            "term": t.text,
            "word": value[t.startchar : t.endchar],
            "position": None if t.stopped else t.pos,
            "stop": t.stopped,
        }
        for t in french_analyzer()(value, positions=True, chars=True, removestops=False)
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        if row["stop"]:
            click.echo(f"{'':>4}  {row['word']:<24} [{row['term']}]")
        else:
            click.echo(f"{row['position']:>4}  {row['word']:<24} {row['term']}")


@cli.command(
    "index",
    epilog=(
        "Exit status: 0 every file went in; 1 some files or records failed (the rest "
        "is indexed; see the summary or --report); 2 bad usage; 3 the index could not "
        "be written (another run holds it, it needs --full, or the disk failed)."
    ),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--index-dir",
    envvar="LOUPE_INDEX_DIR",
    show_envvar=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index directory (required, except with --explain).",
)
@click.option(
    "--full", is_flag=True, help="Rebuild from scratch beside the live index, then swap it in."
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress and no summary; failures still go to standard error.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Write nothing: list the articles found in PATHS and every line "
    "left out as boilerplate, with the rule that removed it.",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the summary as JSON to this file.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=None,
    help="Extraction processes (default: one per CPU).",
)
@click.option(
    "--scheduler",
    envvar="LOUPE_SCHEDULER",
    show_envvar=True,
    metavar="ADDRESS",
    help="Run extraction on the workers of this Dask scheduler "
    "(tcp://HOST:8786); this machine reads and writes.",
)
@click.option(
    "--aliases",
    envvar="LOUPE_ALIASES",
    show_envvar=True,
    default="",
    help="Alias files: '+a.toml:b.toml' extends the shipped table, 'a.toml' replaces it.",
)
def index_command(
    paths: tuple[Path, ...],
    index_dir: Path | None,
    full: bool,
    quiet: bool,
    explain: bool,
    report_file: Path | None,
    workers: int | None,
    scheduler: str | None,
    aliases: str,
) -> None:
    """Index the article files in PATHS (files or folders, searched recursively).

    Incremental by default: unchanged files are skipped, changed ones updated,
    deleted ones removed. Formats: .txt, .md, .html, .json, .jsonl.
    """
    if explain:
        _explain(paths, index_dir)
        return
    if index_dir is None:
        raise click.UsageError("Missing option '--index-dir' (or set LOUPE_INDEX_DIR).")
    if scheduler and workers is not None:
        raise click.UsageError(
            "--workers is for local extraction: with --scheduler, "
            "the cluster's workers are the ones `dask worker` started."
        )
    options = IndexOptions(
        paths=paths,
        index_dir=index_dir,
        full=full,
        workers=workers,
        aliases=aliases,
        scheduler=scheduler or None,
    )
    progress = TerminalProgress(enabled=not quiet)
    try:
        report = run_index(options, progress)
    except MissingInput as e:
        raise click.UsageError(f"{e} (check the PATHS given to loupe index)") from None
    except AliasFileError as e:
        raise click.BadParameter(str(e), param_hint="--aliases") from None
    except (SearchError, OSError) as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_INDEX_UNAVAILABLE)
    except ModelMissing as e:
        click.echo(f"Error: {e}. Nothing was changed in {index_dir}.", err=True)
        sys.exit(EXIT_INDEX_UNAVAILABLE)
    except ClusterError as e:
        click.echo(f"Error: {e}.", err=True)
        sys.exit(EXIT_INDEX_UNAVAILABLE)
    finally:
        progress.close()
    if report_file is not None:
        report_file.write_text(
            json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if not quiet:
        click.echo(report.summary())
    else:
        for failure in report.failed:  # quiet silences progress, never failures
            click.echo(f"failed: {failure}", err=True)
    sys.exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _explain(paths: tuple[Path, ...], index_dir: Path | None) -> None:
    """Print what ``--explain`` finds; bad input is listed, and the exit status is 0."""
    try:
        for line in explain(paths, index_dir):
            click.echo(line)
    except MissingInput as e:
        raise click.UsageError(f"{e} (check the PATHS given to loupe index)") from None
