"""``loupe serve`` on gunicorn: a master process and pre-forked workers.

The search is pure Python: one process uses one core, however many threads
it runs. Each worker builds its own app after the fork (and so opens the
index itself); gunicorn's master replaces a worker that dies and reloads
them all on ``HUP``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


class LoupeServer(BaseApplication):  # type: ignore[misc]
    """Gunicorn configured from ``loupe serve``'s options, not from a config file."""

    def __init__(self, make_app: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.make_app = make_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply the options; gunicorn reads no file and no command line of its own."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        """The app of one worker, built after the fork."""
        return self.make_app()


def serve(
    make_app: Callable[[], Flask], host: str, port: int, processes: int, threads: int
) -> None:
    """Serve with *processes* workers of *threads* threads until SIGINT or SIGTERM."""
    LoupeServer(
        make_app,
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": processes,
            "threads": threads,
            "worker_class": "gthread",
            # A slow search is cut by LOUPE_SEARCH_TIME_LIMIT; this only catches a stuck worker.
            "timeout": 120,
            "graceful_timeout": 10,
            "keepalive": 5,
            "proc_name": "loupe",
            "errorlog": "-",
            "loglevel": "warning",
        },
    ).run()
