"""``loupe search --batch FILE``: the batch search from a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from search.engine import Engine

from .batch import FILTERS, BadBatch, lines_from_text, run_batch
from .batch_files import decode_list, text_table
from .params import BadParameter


def batch_command(
    path: Path, query: tuple[str, ...], engine: Engine, as_json: bool, options: dict[str, Any]
) -> None:
    """Run the batch in *path* with the command's filters; print rows or JSON."""
    if query:
        raise click.UsageError("give either QUERY or --batch FILE, not both")
    filters = {}
    for name, value in options.items():
        param = name.replace("date_", "")
        values = [
            str(v) for v in (value if isinstance(value, tuple) else (value,)) if v is not None
        ]
        if param in FILTERS and values:
            filters[param] = values
    lines = lines_from_text(decode_list(path.read_bytes()))
    try:
        result = run_batch(engine, lines, filters)
    except BadBatch as e:
        raise click.BadParameter(e.message, param_hint="--batch") from None
    except BadParameter as e:
        raise click.BadParameter(e.message, param_hint=f"--{e.param}") from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else text_table(result))
