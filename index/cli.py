"""The ``loupe`` command: a Click group whose commands live where their code lives.

``index`` and ``analyze`` are defined here. ``serve`` and ``search`` belong to
``web`` and arrive through the ``loupe.commands`` entry point group, loaded
only when invoked: ``index`` never imports ``web`` nor Flask, and
``loupe index`` runs from cron without loading the web stack.
"""

from __future__ import annotations

import json
from importlib.metadata import EntryPoint, entry_points

import click

from search.analysis import french_analyzer

PLUGIN_GROUP = "loupe.commands"


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
            "word": value[t.startchar:t.endchar],
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
